package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
)

// Bounds for an open-ended date range.
var (
	minDate = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	maxDate = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

// An Index searches an open bleve index built by package indexer.
type Index struct {
	idx      bleve.Index
	analyzer analysis.Analyzer
	now      func() time.Time
}

// New wraps an open bleve index. The caller keeps ownership of idx and
// closes it after the last search.
func New(idx bleve.Index) (*Index, error) {
	m := idx.Mapping()
	a := m.AnalyzerNamed(m.AnalyzerNameForPath(corpus.FieldBody))
	if a == nil {
		return nil, errors.New("search: index mapping has no analyzer for the body field")
	}
	return &Index{idx: idx, analyzer: a, now: time.Now}, nil
}

// Document returns the document with the given ID, with its pages and
// entities, or corpus.ErrNotFound.
func (ix *Index) Document(ctx context.Context, id string) (*corpus.Document, error) {
	return ix.load(ctx, id, true)
}

// Metadata returns the document with the given ID with its entities and
// page numbers but not its text, which can run to megabytes, or
// corpus.ErrNotFound.
func (ix *Index) Metadata(ctx context.Context, id string) (*corpus.Document, error) {
	return ix.load(ctx, id, false)
}

func (ix *Index) load(ctx context.Context, id string, withPages bool) (*corpus.Document, error) {
	sr := bleve.NewSearchRequest(bleve.NewDocIDQuery([]string{id}))
	sr.Fields = []string{corpus.FieldMeta, corpus.FieldEntities}
	if withPages {
		sr.Fields = append(sr.Fields, corpus.FieldBody)
	}
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, corpus.ErrNotFound
	}
	doc, err := storedMeta(res.Hits[0])
	if err != nil {
		return nil, err
	}
	if ents, ok := res.Hits[0].Fields[corpus.FieldEntities].(string); ok && ents != "" {
		if err := json.Unmarshal([]byte(ents), &doc.Entities); err != nil {
			return nil, fmt.Errorf("document %s: stored entities: %w", id, err)
		}
	}
	if withPages {
		for i, text := range storedPages(res.Hits[0].Fields[corpus.FieldBody]) {
			doc.Pages = append(doc.Pages, corpus.Page{Number: doc.PageNumber(i), Text: text})
		}
		doc.PageNumbers = nil
	}
	return doc, nil
}

// Count returns the number of indexed documents.
func (ix *Index) Count() (uint64, error) { return ix.idx.DocCount() }

// analyze returns the indexed terms of s, as the body field would index it.
func (ix *Index) analyze(s string) []string {
	var out []string
	for _, t := range ix.analyzer.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// lookup finds the indexed value of a keyword field that equals value when
// case, spacing and punctuation are ignored, so party=salesforce.com inc
// finds "Salesforce.com, Inc.".
func (ix *Index) lookup(field, value string) (string, bool) {
	want := fold(value)
	dict, err := ix.idx.FieldDict(field)
	if err != nil {
		return "", false
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return "", false
		}
		if fold(e.Term) == want {
			return e.Term, true
		}
	}
}

// lookupDocket returns the indexed docket numbers that are the case
// numbered value, normalised as the tagger normalises them: "20-cv-02335",
// "No. 20-cv-02335" and "1:20-CV-2335" all find "1:20-cv-02335". A number
// without the office digit finds the case in every office; one with it,
// the case in that office or indexed without one.
func (ix *Index) lookupDocket(value string) []string {
	norm, ok := entity.NormalizeDocket(value)
	if !ok {
		return nil
	}
	office, num := splitOffice(norm)
	dict, err := ix.idx.FieldDict(corpus.FieldDocket)
	if err != nil {
		return nil
	}
	defer dict.Close()
	var out []string
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return out
		}
		o, n := splitOffice(e.Term)
		if n == num && (office == "" || o == "" || o == office) {
			out = append(out, e.Term)
		}
	}
}

// splitOffice splits "1:20-cv-02335" into its office digit and the rest.
func splitOffice(docket string) (office, rest string) {
	if i := strings.IndexByte(docket, ':'); i > 0 && i < len(docket)-1 {
		return docket[:i], docket[i+1:]
	}
	return "", docket
}

// fold keeps only the letters and digits of s, lower-cased.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// resolveParty maps a party filter value as a person types it to the
// indexed party values it names: the value itself whatever its case and
// punctuation, its canonical form ("USA" is "United States"), or else
// every value it is the leading words of ("Twitter" for "Twitter, Inc.",
// "Salesforce" for "Salesforce.com, Inc."). A value that names none is an
// error that names the closest values.
func (ix *Index) resolveParty(value string) ([]string, error) {
	values, err := ix.fieldValues(corpus.FieldParties)
	if err != nil {
		return nil, err
	}
	want := fold(value)
	canon := fold(entity.NormalizeParty(value))
	var exact, prefix []string
	for _, v := range values {
		switch f := fold(v); {
		case f == want || canon != "" && f == canon:
			exact = append(exact, v)
		case entity.PartyMatches(value, v):
			prefix = append(prefix, v)
		}
	}
	if len(exact) > 0 {
		return exact, nil
	}
	if len(prefix) > 0 {
		return prefix, nil
	}
	msg := fmt.Sprintf("%q is not a party of any document", value)
	if s := entity.SuggestValues(value, 3, values); len(s) > 0 {
		msg += "; closest known: " + strings.Join(s, ", ")
	}
	return nil, errors.New(msg)
}

// fieldValues returns every value indexed in a keyword field.
func (ix *Index) fieldValues(field string) ([]string, error) {
	dict, err := ix.idx.FieldDict(field)
	if err != nil {
		return nil, fmt.Errorf("search: values of %s: %w", field, err)
	}
	defer dict.Close()
	var out []string
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("search: values of %s: %w", field, err)
		}
		if e == nil {
			return out, nil
		}
		out = append(out, e.Term)
	}
}
