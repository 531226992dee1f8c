package indexer

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"

	"lexsearch/corpus"
)

// TextAnalyzer is the analyzer of the title and body fields: English with
// accents folded, so "vis-à-vis" and "vis-a-vis" match, and "Défendeur"
// matches "defendeur". Search analyses query words with the same analyzer
// (through the index mapping), so the two never drift apart.
const TextAnalyzer = "en_folded"

// Mapping returns the index mapping. It is the only place that names bleve
// analyzers; every field name comes from package corpus.
func Mapping() (mapping.IndexMapping, error) {
	registerAnalysis()
	m := bleve.NewIndexMapping()
	err := m.AddCustomAnalyzer(TextAnalyzer, map[string]any{
		"type":      custom.Name,
		"tokenizer": unicode.Name,
		"token_filters": []string{
			en.PossessiveName, lowercase.Name, FoldFilter, en.StopName, porter.Name,
		},
	})
	if err != nil {
		return nil, err
	}

	prose := bleve.NewTextFieldMapping()
	prose.Analyzer = TextAnalyzer
	prose.Store = true // snippets are cut from the stored text
	prose.IncludeTermVectors = true

	facet := bleve.NewKeywordFieldMapping()
	facet.Analyzer = keyword.Name
	facet.Store = true
	facet.IncludeTermVectors = false
	facet.DocValues = true // facets and sorting read doc values

	date := bleve.NewDateTimeFieldMapping()
	date.Store = true

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
	doc.AddFieldMappingsAt(corpus.FieldSource, facet)
	doc.AddFieldMappingsAt(corpus.FieldDate, date)
	for _, f := range []string{corpus.FieldMeta, corpus.FieldEntities, corpus.FieldBounds} {
		doc.AddFieldMappingsAt(f, stored)
	}

	m.DefaultMapping = doc
	m.DefaultAnalyzer = TextAnalyzer
	m.DefaultField = corpus.FieldBody
	return m, nil
}
