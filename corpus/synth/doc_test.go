package synth

import (
	"bytes"
	"strings"
	"testing"
)

// The same seed gives the same bytes; another seed gives others.
func TestDeterministic(t *testing.T) {
	gen := func(seed uint64) []*Doc {
		g := New(Options{Docs: 200, Seed: seed})
		var out []*Doc
		for d := g.Next(); d != nil; d = g.Next() {
			out = append(out, d)
		}
		return out
	}
	a, b, c := gen(7), gen(7), gen(8)
	if len(a) != 200 {
		t.Fatalf("got %d documents, want 200", len(a))
	}
	same := true
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("document %d differs between two runs with seed 7", i)
		}
		same = same && bytes.Equal(a[i].Data, c[i].Data)
	}
	if same {
		t.Error("seeds 7 and 8 gave the same corpus")
	}
}

// The mix has every class, and each one-word query's word is where the
// counts say it is.
func TestQueries(t *testing.T) {
	g := New(Options{Docs: 3000, Seed: 1})
	var docs []*Doc
	types := map[string]int{}
	for d := g.Next(); d != nil; d = g.Next() {
		docs = append(docs, d)
		types[d.Type]++
	}
	for _, typ := range []string{"opinion", "docket", "case-summary", "report", "article"} {
		if types[typ] == 0 {
			t.Errorf("no %s among 3000 documents: %v", typ, types)
		}
	}
	qs := g.Queries()
	classes := map[string]int{}
	for _, q := range qs {
		classes[q.Class]++
		if len(q.Words) == 1 && q.Class != "court_word" {
			n := 0
			for _, d := range docs {
				if containsWord(d.Text, q.Words[0]) {
					n++
				}
			}
			if n != q.DF || n == 0 {
				t.Errorf("%s %q: in %d documents, counted %d", q.Class, q.Words[0], n, q.DF)
			}
		}
	}
	want := map[string]int{"rare": 4, "common": 3, "and": 4, "phrase": 3, "statute": 3, "court_word": 3, "prox": 3, "prefix": 3}
	for c, n := range want {
		if classes[c] != n {
			t.Errorf("class %s: %d queries, want %d", c, classes[c], n)
		}
	}
	if rare := qs[0]; rare.DF > 30 {
		t.Errorf("rare word %q is in %d of 3000 documents", rare.Q, rare.DF)
	}
	if common := qs[4]; common.DF < 1000 {
		t.Errorf("common word %q is in only %d of 3000 documents", common.Q, common.DF)
	}
}

func containsWord(text, w string) bool {
	for _, f := range strings.FieldsFunc(strings.ToLower(text), notWordRune) {
		if f == w {
			return true
		}
	}
	return false
}

// A generated PDF is a well-formed file: header, xref offsets that point
// at their objects, trailer.
func TestPDF(t *testing.T) {
	data := pdfFile("CAPTION\n\n" + strings.Repeat("Plaintiff brings claims under 18 U.S.C. § 1595 (and more). ", 300))
	if !bytes.HasPrefix(data, []byte("%PDF-1.4")) || !bytes.HasSuffix(data, []byte("%%EOF\n")) {
		t.Fatal("not a PDF")
	}
	if !bytes.Contains(data, []byte{0xA7}) {
		t.Error("§ was not written in WinAnsi")
	}
	if n := bytes.Count(data, []byte("/Type /Page ")); n < 2 {
		t.Errorf("%d pages, want several", n)
	}
}
