package indexer

import (
	"path"
	"testing"

	"lexsearch/corpus"
	"lexsearch/corpus/synth"
	"lexsearch/indexer/extract"
)

// builtInput is one generated document, extracted and built once.
type builtInput struct {
	src    corpus.Source
	format corpus.Format
	res    *extract.Result
	doc    *corpus.Document
}

// buildGenerated extracts and builds the first 300 documents of
// `lexsearch gen -seed 1` (which also builds the tables Build uses,
// outside the benchmarks' loops), and returns them with the bytes of
// their text.
func buildGenerated(b *testing.B, ix *Indexer) (docs []builtInput, textBytes int) {
	g := synth.New(synth.Options{Docs: 300, Seed: 1})
	for d := g.Next(); d != nil; d = g.Next() {
		src := corpus.Source{ID: d.Path, Path: d.Path, Format: corpus.FormatOf(path.Base(d.Path))}
		res, format, err := ix.Extract(b.Context(), src, d.Data)
		if err != nil {
			b.Fatalf("%s: %v", d.Path, err)
		}
		doc, err := ix.Build(src, format, res)
		if err != nil {
			b.Fatalf("%s: %v", d.Path, err)
		}
		docs = append(docs, builtInput{src, format, res, doc})
		textBytes += len(d.Text)
	}
	return docs, textBytes
}

// BenchmarkBuild measures what ingest spends on a document between
// extraction and the index: tagging, folding the mentions, classifying
// and titling. It cycles through the first 300 documents of `lexsearch
// gen -seed 1`, extracted outside the loop; ns/op and B/op are per
// document.
func BenchmarkBuild(b *testing.B) {
	ix := New(quiet(), Options{})
	docs, size := buildGenerated(b, ix)
	b.SetBytes(int64(size / len(docs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		in := docs[i%len(docs)]
		if _, err := ix.Build(in.src, in.format, in.res); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkClassifyTitle measures the part of Build that decides a
// document's type and title (classify, title and the caption they share)
// over the same 300 generated documents, tagged outside the loop; ns/op
// is per document.
func BenchmarkClassifyTitle(b *testing.B) {
	ix := New(quiet(), Options{})
	docs, _ := buildGenerated(b, ix)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		in := docs[i%len(docs)]
		hc := &headCaption{doc: in.doc}
		if classify(in.doc, in.res.Meta, hc) == "" || title(in.doc, in.res.Meta, hc) == "" {
			b.Fatalf("%s: no type or title", in.doc.ID)
		}
		i++
	}
}
