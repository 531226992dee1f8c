package corpus

// Bleve field names, shared by the indexer (mapping) and search (queries,
// facets). They are also the JSON names of Document's fields.
const (
	FieldTitle     = "title"
	FieldBody      = "body" // one array element per page
	FieldSource    = "source"
	FieldType      = "type"
	FieldDate      = "date"
	FieldYear      = "year"
	FieldLang      = "lang"
	FieldCourt     = "court"
	FieldDocket    = "docket"
	FieldStatutes  = "statute"
	FieldCitations = "citation"
	FieldParties   = "party"
	FieldJudges    = "judge"
)

// Facets lists the facet names in the order the API reports them. Each is a
// keyword field of the same name.
var Facets = []string{
	FieldStatutes, FieldCourt, FieldParties, FieldJudges, FieldCitations,
	FieldType, FieldYear, FieldLang, FieldDocket,
}

// Document types (Document.Type).
const (
	TypeOpinion     = "opinion"      // decision, order, memorandum opinion
	TypeDocket      = "docket"       // docket sheet
	TypeCaseSummary = "case-summary" // case-law database entry
	TypeReport      = "report"       // white paper, NGO or government report
	TypeArticle     = "article"      // news, blog, essay
)

// Types lists the document types, for validating filters.
var Types = []string{TypeOpinion, TypeDocket, TypeCaseSummary, TypeReport, TypeArticle}

// Stored-only fields (not searchable): what the indexer keeps beside the
// indexed fields so search can render hits and documents without another
// store.
const (
	FieldMeta     = "_meta"     // the Document without pages or entities, as JSON
	FieldEntities = "_entities" // []Entity as JSON
	FieldBounds   = "_bounds"   // Bounds as JSON
)

// Bounds says where sentences and paragraphs start on each page, as byte
// offsets into the page's text in ascending order, so proximity search (/s,
// /p) can tell whether two words share one. Index i is page i of the body.
type Bounds struct {
	Sentences  [][]int `json:"s"`
	Paragraphs [][]int `json:"p"`
}
