package indexer

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"

	"lexsearch/corpus"
)

// TextAnalyzer is the analyzer of the title and body fields: English with
// accents folded, so "vis-à-vis" and "vis-a-vis" match, and "Défendeur"
// matches "defendeur". Search analyses query words with the same analyzer
// (through the index mapping), so the two never drift apart.
const TextAnalyzer = "en_folded"

// textChain is the token filters of TextAnalyzer in indexes made before
// EnglishFilter, which does all of their work in one: their names stay
// registered so that those indexes open and analyse queries as before.
var textChain = []string{en.PossessiveName, lowercase.Name, FoldFilter, en.StopName, StemFilter}

// Mapping returns the index mapping. It is the only place that names bleve
// analyzers; every field name comes from package corpus.
func Mapping() (mapping.IndexMapping, error) {
	registerAnalysis()
	m := bleve.NewIndexMapping()
	err := m.AddCustomAnalyzer(TextAnalyzer, map[string]any{
		"type": custom.Name,
		// Indexes made before WordTokenizer and EnglishFilter name bleve's
		// unicode tokenizer and the chain of possessive, lowercase, fold,
		// stop and porter filters (textChain), and keep them: ours give
		// the same words and terms.
		"tokenizer":     WordTokenizer,
		"token_filters": []string{EnglishFilter},
	})
	if err != nil {
		return nil, err
	}

	// No text field is stored: search reads the title, and every other
	// field it shows, from the stored metadata (FieldMeta), and a hit's
	// pages, for its snippets and the document's text, from the data
	// directory's kept prepared text (Indexer.PageTexts), which holds
	// them anyway. A stored copy of the body was a third copy of every
	// text, costing when each segment was built, at every merge and on
	// disk; indexes written with one keep it, and search reads it there.
	prose := bleve.NewTextFieldMapping()
	prose.Analyzer = TextAnalyzer
	prose.Store = false
	prose.IncludeTermVectors = true
	// Nothing sorts or facets on prose: doc values on it would double the
	// index for no query.
	prose.DocValues = false
	// Search names title and body in every query, so the composite _all
	// field (a second copy of all the text) would earn nothing.
	prose.IncludeInAll = false

	facet := bleve.NewKeywordFieldMapping()
	facet.Analyzer = keyword.Name
	facet.Store = false
	facet.IncludeTermVectors = false
	// Facet counts and the date sort read each segment's postings
	// (search/facet), never doc values: they would be built and merged
	// for nothing.
	facet.DocValues = false
	facet.IncludeInAll = false

	// The source is looked up and shown, never faceted or sorted on.
	source := bleve.NewKeywordFieldMapping()
	source.Analyzer = keyword.Name
	source.Store = false
	source.IncludeTermVectors = false
	source.DocValues = false
	source.IncludeInAll = false

	date := bleve.NewDateTimeFieldMapping()
	date.Store = false
	date.DocValues = false // the date sort reads the facet ordinals
	date.IncludeInAll = false

	stored := bleve.NewTextFieldMapping()
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.IncludeTermVectors = false
	stored.DocValues = false

	doc := bleve.NewDocumentStaticMapping() // unmapped fields are not indexed
	doc.AddFieldMappingsAt(corpus.FieldTitle, prose)
	doc.AddFieldMappingsAt(corpus.FieldBody, prose)
	for _, f := range corpus.Facets {
		doc.AddFieldMappingsAt(f, facet)
	}
	doc.AddFieldMappingsAt(corpus.FieldSource, source)
	doc.AddFieldMappingsAt(corpus.FieldDate, date)
	for _, f := range []string{corpus.FieldMeta, corpus.FieldEntities, corpus.FieldBounds} {
		doc.AddFieldMappingsAt(f, stored)
	}

	m.DefaultMapping = doc
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	m.DefaultAnalyzer = TextAnalyzer
	m.DefaultField = corpus.FieldBody
	return m, nil
}
