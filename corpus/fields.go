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
