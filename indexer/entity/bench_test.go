package entity

import (
	"strings"
	"testing"
)

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
