package entity

import (
	"strings"
	"testing"

	"lexsearch/corpus/synth"
)

// BenchmarkTagDocument tags whole documents one at a time with every
// tagger, as ingest does: ns/op and B/op are per document. "synthetic"
// cycles through the first 300 documents of `lexsearch gen -seed 1` (the
// mix of opinions, dockets, summaries, reports and articles the ingest
// benchmarks use); "samples" through the five real sample texts.
func BenchmarkTagDocument(b *testing.B) {
	var gen []string
	g := synth.New(synth.Options{Docs: 300, Seed: 1})
	for d := g.Next(); d != nil; d = g.Next() {
		gen = append(gen, d.Text)
	}
	var real []string
	for _, name := range samples {
		real = append(real, readSample(b, name))
	}
	for _, c := range []struct {
		name  string
		texts []string
	}{{"synthetic", gen}, {"samples", real}} {
		b.Run(c.name, func(b *testing.B) {
			tags := Default()
			var size int
			for _, t := range c.texts {
				tags.Tag(t) // tables built outside the loop
				size += len(t)
			}
			b.SetBytes(int64(size / len(c.texts)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				tags.Tag(c.texts[i%len(c.texts)])
				i++
			}
		})
	}
}

// Per-tagger costs on a megabyte of opinion text; BenchmarkDefault is
// their sum with the other taggers.
func BenchmarkStatutes(b *testing.B)  { benchTagger(b, Statutes()) }
func BenchmarkCitations(b *testing.B) { benchTagger(b, Citations()) }
func BenchmarkDockets(b *testing.B)   { benchTagger(b, Dockets()) }

func benchTagger(b *testing.B, t Tagger) {
	text := largeText(b, 1<<20)
	t.Tag(text) // tables built outside the loop
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		t.Tag(text)
	}
}

// Text made of nothing but section signs and numbers, with no white
// space, must tag in time linear in its length.
func BenchmarkStatutesNoSpaces(b *testing.B) {
	text := strings.Repeat("§1", 1<<19)
	tagger := Statutes()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tagger.Tag(text)
	}
}

// A megabyte that is nothing but citations, each with a case name.
func BenchmarkCitationsDense(b *testing.B) {
	text := strings.Repeat("A v. B, 1 U.S. 1 (1801); ", 1<<20/25)
	tagger := Citations()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tagger.Tag(text)
	}
}
