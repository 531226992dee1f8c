package indexer

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
	"lexsearch/corpus/synth"
)

// mappedFields is the map of a bleveDoc's values that bleve's mapping
// indexes by reflection: what the indexer handed bleve before it built
// documents itself, kept here as the reference they must match.
func mappedFields(d *bleveDoc) map[string]any {
	m := map[string]any{
		corpus.FieldTitle:     d.title,
		corpus.FieldBody:      d.body,
		corpus.FieldSource:    d.source,
		corpus.FieldType:      d.typ,
		corpus.FieldStatutes:  d.statutes,
		corpus.FieldCitations: d.citations,
		corpus.FieldParties:   d.parties,
		corpus.FieldJudges:    d.judges,
		corpus.FieldMeta:      string(d.meta),
		corpus.FieldEntities:  string(d.entities),
		corpus.FieldBounds:    string(d.bounds),
	}
	for field, v := range map[string]string{
		corpus.FieldCourt: d.court, corpus.FieldDocket: d.docket,
		corpus.FieldYear: d.year, corpus.FieldLang: d.lang,
	} {
		if v != "" {
			m[field] = v
		}
	}
	if d.hasDate {
		m[corpus.FieldDate] = d.date
	}
	return m
}

// testDocs prepares the sample corpus and n generated documents (every
// kind and format the generator makes, PDFs among them).
func testDocs(t testing.TB, n int) map[string]*bleveDoc {
	t.Helper()
	ix := New(quiet(), Options{})
	docs := map[string]*bleveDoc{}
	add := func(path string, data []byte) {
		id, _ := ContentID(data)
		src := corpus.Source{ID: id, Path: path, Format: corpus.FormatOf(path)}
		doc, err := ix.Prepare(t.Context(), src, data)
		if err != nil {
			return // skipped at ingest too: nothing is indexed
		}
		d, err := ix.indexable(doc)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		docs[id] = d
	}
	eachSample(t, add)
	g := synth.New(synth.Options{Docs: n, Seed: 7})
	for d := g.Next(); d != nil; d = g.Next() {
		add(d.Path, d.Data)
	}
	if len(docs) < n {
		t.Fatalf("only %d documents prepared", len(docs))
	}
	return docs
}

// fieldDump is what the segment builder takes of every field of one
// name in a document, after analysis: it merges their terms (summing
// frequencies, appending locations in the order of the fields), sums
// their lengths, joins their options, and stores the values of those
// that are stored, in order, with their array positions.
type fieldDump struct {
	name    string
	options index.FieldIndexingOptions
	types   string
	length  int
	terms   map[string]termDump
	stored  []string
}

// termDump is a term's bytes, frequency and locations, in order.
type termDump struct {
	term string
	freq int
	locs string
}

func (d *fieldDump) add(f index.Field) {
	if f.Options().IsIndexed() { // as scorch analyses
		f.Analyze()
	}
	d.options |= f.Options()
	d.types += string(f.EncodedFieldType())
	d.length += f.AnalyzedLength()
	if d.terms == nil {
		d.terms = map[string]termDump{}
	}
	for k, tf := range f.AnalyzedTokenFrequencies() {
		td := d.terms[k]
		td.term = string(tf.Term)
		td.freq += tf.Frequency()
		for _, l := range tf.Locations {
			// A location names its field only when bleve merged it
			// from another value of the same name: not compared.
			td.locs += fmt.Sprintf(" %v:%d:%d-%d", l.ArrayPositions, l.Position, l.Start, l.End)
		}
		d.terms[k] = td
	}
	if f.Options().IsStored() {
		// What the segment stores is read after analysis.
		d.stored = append(d.stored, fmt.Sprintf("%v %q", f.ArrayPositions(), f.Value()))
	}
}

func dumpDocument(doc *document.Document) map[string]*fieldDump {
	out := map[string]*fieldDump{}
	field := func(name string) *fieldDump {
		if out[name] == nil {
			out[name] = &fieldDump{name: name}
		}
		return out[name]
	}
	for _, f := range doc.Fields {
		field(f.Name()).add(f)
	}
	for _, c := range doc.CompositeFields {
		for _, f := range doc.Fields {
			if f.Options().IsIndexed() {
				c.Compose(f.Name(), f.AnalyzedLength(), f.AnalyzedTokenFrequencies())
			}
		}
		field(c.Name()).add(c)
	}
	for _, d := range out {
		// A field's values come one after another in any order of
		// fields, so its kinds are a set.
		k := []byte(d.types)
		slices.Sort(k)
		d.types = string(slices.Compact(k))
	}
	return out
}

// TestDocumentMatchesMapping checks that the documents the indexer builds
// give the segment builder what bleve's mapping gives it from the same
// values, field name by field name: options, stored values with their
// array positions, lengths, and the terms, frequencies and locations
// their analysis gives.
func TestDocumentMatchesMapping(t *testing.T) {
	docs := testDocs(t, 60)
	m, err := Mapping()
	if err != nil {
		t.Fatal(err)
	}
	for id, d := range docs {
		want := document.NewDocument(id)
		if err := m.MapDocument(want, mappedFields(d)); err != nil {
			t.Fatal(err)
		}
		got := d.Document(id)
		if got.ID() != id || got.Indexed() != want.Indexed() {
			t.Fatalf("%s: id %q indexed %v, want %q %v", d.source, got.ID(), got.Indexed(), id, want.Indexed())
		}
		g, w := dumpDocument(got), dumpDocument(want)
		if len(g) != len(w) {
			t.Errorf("%s: %d field names, want %d", d.source, len(g), len(w))
			continue
		}
		for name, wf := range w {
			gf := g[name]
			switch {
			case gf == nil:
				t.Errorf("%s: no field %s", d.source, name)
			case gf.options != wf.options || gf.types != wf.types || gf.length != wf.length:
				t.Errorf("%s: field %s has options %v, types %q, length %d; want %v, %q, %d",
					d.source, name, gf.options, gf.types, gf.length, wf.options, wf.types, wf.length)
			case !slices.Equal(gf.stored, wf.stored):
				t.Errorf("%s: field %s stores %q, want %q", d.source, name, gf.stored, wf.stored)
			case !maps.Equal(gf.terms, wf.terms):
				for k, v := range wf.terms {
					if gf.terms[k] != v {
						t.Errorf("%s: field %s term %q is %+v, want %+v", d.source, name, k, gf.terms[k], v)
						break
					}
				}
				t.Errorf("%s: field %s has %d terms, want %d", d.source, name, len(gf.terms), len(wf.terms))
			}
		}
	}
}

// TestIndexMatchesMapping indexes the same documents through the mapping
// and as built documents, and checks that the two indexes hold the same
// terms, postings (frequencies, norms, term vectors) and stored fields,
// and answer searches alike: totals, ranked hits with scores, facets.
func TestIndexMatchesMapping(t *testing.T) {
	docs := testDocs(t, 120)
	open := func(useMapping bool) bleve.Index {
		m, err := Mapping()
		if err != nil {
			t.Fatal(err)
		}
		idx, err := memScorch(m)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { idx.Close() })
		b := idx.NewBatch()
		for id, d := range docs {
			if useMapping {
				err = b.Index(id, mappedFields(d))
			} else {
				err = b.IndexAdvanced(d.Document(id))
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
		return idx
	}
	want, got := open(true), open(false)
	fields, err := want.Fields()
	if err != nil {
		t.Fatal(err)
	}
	gotFields, err := got.Fields()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(fields)
	slices.Sort(gotFields)
	if !slices.Equal(fields, gotFields) {
		t.Fatalf("fields %v, want %v", gotFields, fields)
	}
	for _, f := range fields {
		if w, g := postings(t, want, f), postings(t, got, f); w != g {
			t.Errorf("field %s: postings differ (%d bytes of dump, want %d)", f, len(g), len(w))
		}
	}
	for id := range docs {
		if w, g := stored(t, want, id), stored(t, got, id); w != g {
			t.Errorf("%s: stored fields differ:\n got %s\nwant %s", id, g, w)
		}
	}
	for _, q := range []string{"trafficking", "section 230 immunity", `"sex trafficking"`, "court:ilnd", "+plaintiff -dismiss"} {
		req := bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), len(docs), 0, false) // every hit: ties cut at a size are cut anyhow
		for _, f := range []string{corpus.FieldStatutes, corpus.FieldCourt, corpus.FieldType, corpus.FieldParties} {
			req.AddFacet(f, bleve.NewFacetRequest(f, 10))
		}
		req.IncludeLocations = true
		wr, err := want.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		gr, err := got.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		if wr.Total == 0 && q == "trafficking" {
			t.Fatalf("%q matches nothing: the test corpus is wrong", q)
		}
		if w, g := searchDump(wr), searchDump(gr); w != g {
			t.Errorf("search %q differs:\n got %s\nwant %s", q, g, w)
		}
	}
}

// memScorch returns an in-memory index of the kind the store writes
// (scorch, zap segments): bleve's NewMemOnly is another index kind, and
// the two build postings differently.
func memScorch(m mapping.IndexMapping) (bleve.Index, error) {
	return bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
}

// postings dumps every term of a field with each document's frequency,
// norm and term vectors.
func postings(t *testing.T, idx bleve.Index, field string) string {
	t.Helper()
	ai, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ai.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	dict, err := r.FieldDict(field)
	if err != nil {
		t.Fatal(err)
	}
	var terms []string
	for e, err := dict.Next(); e != nil || err != nil; e, err = dict.Next() {
		if err != nil {
			t.Fatal(err)
		}
		terms = append(terms, e.Term)
	}
	dict.Close()
	var b strings.Builder
	for _, term := range terms {
		tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, true, true, true)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for d, err := tfr.Next(nil); d != nil || err != nil; d, err = tfr.Next(nil) {
			if err != nil {
				t.Fatal(err)
			}
			id, err := r.ExternalID(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			line := fmt.Sprintf("%s %s f%d n%g", term, id, d.Freq, d.Norm)
			for _, v := range d.Vectors {
				line += fmt.Sprintf(" %s%v:%d:%d-%d", v.Field, v.ArrayPositions, v.Pos, v.Start, v.End)
			}
			lines = append(lines, line)
		}
		tfr.Close()
		slices.Sort(lines)
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// stored dumps a document's stored fields.
func stored(t *testing.T, idx bleve.Index, id string) string {
	t.Helper()
	doc, err := idx.Document(id)
	if err != nil || doc == nil {
		t.Fatalf("document %s: %v", id, err)
	}
	var lines []string
	doc.VisitFields(func(f index.Field) {
		lines = append(lines, fmt.Sprintf("%s%v %c %q\n", f.Name(), f.ArrayPositions(), f.EncodedFieldType(), f.Value()))
	})
	// Fields come in no fixed order (zapx keeps a document's stored
	// fields in a map); array positions tell the values of one apart.
	slices.Sort(lines)
	return strings.Join(lines, "")
}

func searchDump(r *bleve.SearchResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "total %d max %g\n", r.Total, r.MaxScore)
	// Hits of equal score come in the order of the index's internal
	// document numbers, which follow analysis, not the documents.
	var hits []string
	for _, h := range r.Hits {
		hits = append(hits, fmt.Sprintf("%.12g %s %d\n", h.Score, h.ID, len(h.Locations)))
	}
	slices.Sort(hits)
	b.WriteString(strings.Join(hits, ""))
	names := make([]string, 0, len(r.Facets))
	for n := range r.Facets {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		f := r.Facets[n]
		fmt.Fprintf(&b, "facet %s total %d missing %d other %d:", n, f.Total, f.Missing, f.Other)
		if f.Terms != nil {
			for _, tf := range f.Terms.Terms() {
				fmt.Fprintf(&b, " %s=%d", tf.Term, tf.Count)
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// BenchmarkIndexDocuments writes the sample corpus and 200 generated
// documents into an in-memory scorch index in one batch, through the mapping
// (what the indexer did) and as built documents: analysis, sizing and
// the segment build, per document.
func BenchmarkIndexDocuments(b *testing.B) {
	docs := testDocs(b, 200)
	for _, way := range []string{"mapping", "built"} {
		b.Run(way, func(b *testing.B) {
			m, err := Mapping()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				idx, err := memScorch(m)
				if err != nil {
					b.Fatal(err)
				}
				batch := idx.NewBatch()
				for id, d := range docs {
					if way == "mapping" {
						err = batch.Index(id, mappedFields(d))
					} else {
						err = batch.IndexAdvanced(d.Document(id))
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				if err := idx.Batch(batch); err != nil {
					b.Fatal(err)
				}
				idx.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
		})
	}
}
