package indexer

import (
	"cmp"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
)

// bleveDoc is what the index holds of one document, as typed values. It
// builds its bleve document itself (Document, a store.Documenter): bleve's
// mapping would walk a map of the same values by reflection and build the
// same fields, field for field (TestDocumentMatchesMapping), at a cost
// paid for every document ingested.
type bleveDoc struct {
	spec *fieldSpecs

	title                                string
	body                                 []string // one element per page
	source, typ                          string
	court, docket, year, lang            string // empty: not indexed
	statutes, citations, parties, judges []string
	date                                 time.Time
	hasDate                              bool
	meta, entities, bounds               []byte // stored only: JSON, handed to bleve as they are
}

// A fieldSpec is how the mapping indexes one field: the options its
// field mapping gives and the analyzer it names.
type fieldSpec struct {
	name     string
	options  index.FieldIndexingOptions
	analyzer analysis.Analyzer
	// prose is set when analyzer is TextAnalyzer's chain, which a
	// proseField does in one pass.
	prose *englishFilter
	// keyword is set when analyzer is bleve's keyword analyzer, which
	// a keywordField does for all of a field's values at once.
	keyword bool
}

// fieldSpecs are the fields of Mapping, read from it so that the two
// never disagree.
type fieldSpecs struct {
	title, body, source, date fieldSpec
	facet                     map[string]fieldSpec
	meta, entities, bounds    fieldSpec
}

// newFieldSpecs reads the fields' options and analyzers from a mapping
// made by Mapping.
func newFieldSpecs(im mapping.IndexMapping) (*fieldSpecs, error) {
	m, ok := im.(*mapping.IndexMappingImpl)
	if !ok || m.DefaultMapping == nil {
		return nil, fmt.Errorf("index mapping %T has no default document mapping", im)
	}
	spec := func(name string) (fieldSpec, error) {
		dm := m.DefaultMapping.Properties[name]
		if dm == nil || len(dm.Fields) != 1 {
			return fieldSpec{}, fmt.Errorf("index mapping: field %q is not mapped once", name)
		}
		fm := dm.Fields[0]
		if fm.IncludeInAll {
			// The composite _all field would need this field's terms.
			return fieldSpec{}, fmt.Errorf("index mapping: field %q is in _all", name)
		}
		s := fieldSpec{name: name, options: fm.Options()}
		if fm.Type == "text" {
			// The analyzer the mapping picks: the field's own, else the
			// index's default.
			s.analyzer = m.AnalyzerNamed(cmp.Or(fm.Analyzer, m.DefaultAnalyzer))
			if s.analyzer == nil {
				return fieldSpec{}, fmt.Errorf("index mapping: no analyzer for field %q", name)
			}
			s.prose = proseFilter(s.analyzer)
			s.keyword = isKeywordAnalyzer(s.analyzer)
		}
		return s, nil
	}
	var s fieldSpecs
	var err error
	for _, f := range []struct {
		to   *fieldSpec
		name string
	}{
		{&s.title, corpus.FieldTitle}, {&s.body, corpus.FieldBody},
		{&s.source, corpus.FieldSource}, {&s.date, corpus.FieldDate},
		{&s.meta, corpus.FieldMeta}, {&s.entities, corpus.FieldEntities}, {&s.bounds, corpus.FieldBounds},
	} {
		if *f.to, err = spec(f.name); err != nil {
			return nil, err
		}
	}
	s.facet = make(map[string]fieldSpec, len(corpus.Facets))
	for _, name := range corpus.Facets {
		if s.facet[name], err = spec(name); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

// proseFilter returns the English filter of an analyzer that is our
// word tokenizer and that filter alone, else nil.
func proseFilter(a analysis.Analyzer) *englishFilter {
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok || da.CharFilters != nil || len(da.TokenFilters) != 1 {
		return nil
	}
	if _, ok := da.Tokenizer.(wordTokenizer); !ok {
		return nil
	}
	f, _ := da.TokenFilters[0].(*englishFilter)
	return f
}

// specs returns the field specs of the index mapping, built once.
func (ix *Indexer) specs() (*fieldSpecs, error) {
	ix.specOnce.Do(func() {
		m, err := Mapping()
		if err != nil {
			ix.specErr = err
			return
		}
		ix.spec, ix.specErr = newFieldSpecs(m)
	})
	return ix.spec, ix.specErr
}

// Document builds the bleve document, as bleve's mapping would from the
// same values: one field per value (a page of the body, a statute),
// array positions for the elements of a list, and the composite _all
// field, empty since no field is included in it.
func (d *bleveDoc) Document(id string) *document.Document {
	s := d.spec
	n := 9 + len(d.body) + len(d.statutes) + len(d.citations) + len(d.parties) + len(d.judges)
	doc := &document.Document{Fields: make([]document.Field, 0, n+1)} // +1: bleve adds _id
	doc.SetID(id)
	names := make([]string, 0, 20)
	text := func(f fieldSpec, pos []uint64, v string) {
		doc.Fields = append(doc.Fields, document.NewTextFieldCustom(f.name, pos, []byte(v), f.options, f.analyzer))
		names = append(names, f.name)
	}
	prose := func(f fieldSpec, pos []uint64, v string) {
		if f.prose == nil || !f.options.IsIndexed() {
			text(f, pos, v)
			return
		}
		// No copy of the text: a proseField never writes to it (it
		// lower-cases a copy of each word), and the segment builder
		// only reads a stored value.
		doc.Fields = append(doc.Fields, newProseField(f, pos, stringBytes(v)))
		names = append(names, f.name)
	}
	prose(s.title, nil, d.title)
	pos := make([]uint64, max(len(d.body), len(d.statutes), len(d.citations), len(d.parties), len(d.judges)))
	for i := range pos {
		pos[i] = uint64(i)
	}
	if len(d.body) > 1 && s.body.prose != nil && s.body.options.IsIndexed() {
		// One field indexes every page, and a field per page stores it:
		// the same index as a field per page doing both (see proseField).
		pages := make([]proseValue, len(d.body))
		for i, p := range d.body {
			pages[i] = proseValue{stringBytes(p), pos[i : i+1 : i+1]}
		}
		doc.Fields = append(doc.Fields, newProsePages(s.body, pages))
		names = append(names, s.body.name)
		if s.body.options.IsStored() {
			for _, p := range pages {
				doc.Fields = append(doc.Fields, document.NewTextFieldWithIndexingOptions(s.body.name, p.pos, p.text, index.StoreField))
			}
		}
	} else {
		for i, p := range d.body {
			prose(s.body, pos[i:i+1:i+1], p)
		}
	}
	// keywords adds the values of a keyword field, a list or a single
	// value: one keywordField where that makes the same index, else a
	// field per value, with its position in a list.
	keywords := func(f fieldSpec, list bool, values ...string) {
		if len(values) == 0 {
			return
		}
		if keywordsFit(f) {
			doc.Fields = append(doc.Fields, newKeywordField(f, values))
			names = append(names, f.name)
			return
		}
		for i, v := range values {
			if list {
				text(f, pos[i:i+1:i+1], v)
			} else {
				text(f, nil, v)
			}
		}
	}
	keywords(s.source, false, d.source)
	keywords(s.facet[corpus.FieldType], false, d.typ)
	for _, l := range []struct {
		name   string
		values []string
	}{
		{corpus.FieldStatutes, d.statutes}, {corpus.FieldCitations, d.citations},
		{corpus.FieldParties, d.parties}, {corpus.FieldJudges, d.judges},
	} {
		keywords(s.facet[l.name], true, l.values...)
	}
	for _, f := range []struct{ name, value string }{
		{corpus.FieldCourt, d.court}, {corpus.FieldDocket, d.docket},
		{corpus.FieldYear, d.year}, {corpus.FieldLang, d.lang},
	} {
		if f.value != "" {
			keywords(s.facet[f.name], false, f.value)
		}
	}
	for _, f := range []struct {
		spec  fieldSpec
		value []byte
	}{{s.meta, d.meta}, {s.entities, d.entities}, {s.bounds, d.bounds}} {
		doc.Fields = append(doc.Fields, document.NewTextFieldCustom(f.spec.name, nil, f.value, f.spec.options, f.spec.analyzer))
		names = append(names, f.spec.name)
	}
	if d.hasDate {
		// The mapping indexes a time.Time with the RFC 3339 layout, and
		// leaves out a date it cannot represent (before 1677 or after
		// 2262).
		if f, err := document.NewDateTimeFieldWithIndexingOptions(s.date.name, nil, d.date, time.RFC3339, s.date.options); err == nil {
			doc.Fields = append(doc.Fields, f)
			names = append(names, s.date.name)
		}
	}
	doc.AddField(document.NewCompositeFieldWithIndexingOptions("_all", true, nil, names, index.IndexField|index.IncludeTermVectors))
	doc.SetIndexed()
	return doc
}
