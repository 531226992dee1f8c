package indexer

import (
	"path"
	"testing"

	"lexsearch/corpus"
	"lexsearch/corpus/synth"
	"lexsearch/indexer/extract"
)

// BenchmarkBuild measures what ingest spends on a document between
// extraction and the index: tagging, folding the mentions, classifying
// and titling. It cycles through the first 300 documents of `lexsearch
// gen -seed 1`, extracted outside the loop; ns/op and B/op are per
// document.
func BenchmarkBuild(b *testing.B) {
	ix := New(quiet(), Options{})
	type input struct {
		src    corpus.Source
		format corpus.Format
		res    *extract.Result
	}
	var docs []input
	size := 0
	g := synth.New(synth.Options{Docs: 300, Seed: 1})
	for d := g.Next(); d != nil; d = g.Next() {
		src := corpus.Source{ID: d.Path, Path: d.Path, Format: corpus.FormatOf(path.Base(d.Path))}
		res, format, err := ix.Extract(b.Context(), src, d.Data)
		if err != nil {
			b.Fatalf("%s: %v", d.Path, err)
		}
		if _, err := ix.Build(src, format, res); err != nil { // tables built outside the loop
			b.Fatalf("%s: %v", d.Path, err)
		}
		docs = append(docs, input{src, format, res})
		size += len(d.Text)
	}
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
	type input struct {
		doc  *corpus.Document
		meta extract.Meta
	}
	var docs []input
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
		docs = append(docs, input{doc, res.Meta})
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		in := docs[i%len(docs)]
		hc := &headCaption{doc: in.doc}
		if classify(in.doc, in.meta, hc) == "" || title(in.doc, in.meta, hc) == "" {
			b.Fatalf("%s: no type or title", in.doc.ID)
		}
		i++
	}
}
