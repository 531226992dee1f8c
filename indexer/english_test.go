package indexer

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/registry"

	"lexsearch/corpus/synth"
)

// chains returns TextAnalyzer as indexes made before EnglishFilter have it
// (the five filters of textChain) and as it is now.
var chains = sync.OnceValues(func() ([2]analysis.Analyzer, error) {
	registerAnalysis()
	cache := registry.NewCache()
	var out [2]analysis.Analyzer
	for i, filters := range [][]string{textChain, {EnglishFilter}} {
		a, err := cache.DefineAnalyzer(fmt.Sprint("chain", i), map[string]any{
			"type": custom.Name, "tokenizer": WordTokenizer, "token_filters": filters,
		})
		if err != nil {
			return out, err
		}
		out[i] = a
	}
	return out, nil
})

// sameTerms reports how the terms of the current TextAnalyzer differ
// from those of the five-filter chain on text: "" when they agree in
// every term, offset, position and type.
func sameTerms(t testing.TB, text []byte) string {
	t.Helper()
	a, err := chains()
	if err != nil {
		t.Fatal(err)
	}
	// The filters lowercase in place: each analyser gets its own copy.
	want := a[0].Analyze(bytes.Clone(text))
	got := a[1].Analyze(bytes.Clone(text))
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		if !bytes.Equal(g.Term, w.Term) || g.Start != w.Start || g.End != w.End ||
			g.Position != w.Position || g.Type != w.Type || g.KeyWord != w.KeyWord {
			return fmt.Sprintf("term %d: got %q %d-%d pos %d type %d, want %q %d-%d pos %d type %d",
				i, g.Term, g.Start, g.End, g.Position, g.Type, w.Term, w.Start, w.End, w.Position, w.Type)
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("got %d terms, want %d", len(got), len(want))
	}
	return ""
}

func TestEnglishFilterAgreesWithTheChain(t *testing.T) {
	for _, s := range []string{
		"The Defendant's motion; THE COURT'S order", "Backpage’s ads", "JOHN＇S", "it'S 's s' '",
		"Défendeur naïve Æsir STRASSE Straße", "ΟΔΟΣ Σ", "Ⱥ Ⱦ ȺB", "\u212a KELVIN", "of and the AN a",
		"18 U.S.C. § 1591(a)", "I O U XY xy é É", "\xff\xfeS's \xc3", "Twitter’s, Inc.’s", "",
	} {
		if d := sameTerms(t, []byte(s)); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
}

// TestEnglishFilterOnTheSampleCorpus compares the two on every embedded
// sample document.
func TestEnglishFilterOnTheSampleCorpus(t *testing.T) {
	eachSample(t, func(p string, data []byte) {
		if diff := sameTerms(t, data); diff != "" {
			t.Errorf("%s: %s", p, diff)
		}
	})
}

// generated writes n synthetic documents and returns their files' bytes.
func generated(tb testing.TB, n int) [][]byte {
	tb.Helper()
	dir := tb.TempDir()
	if _, err := synth.Write(tb.Context(), synth.Options{Docs: n, Seed: 1}, dir, nil); err != nil {
		tb.Fatal(err)
	}
	var docs [][]byte
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(p, string(filepath.Separator)+"docs"+string(filepath.Separator)) {
			return err
		}
		data, err := os.ReadFile(p)
		docs = append(docs, data)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(docs) < n {
		tb.Fatalf("%d generated documents, want %d", len(docs), n)
	}
	return docs
}

func TestEnglishFilterOnGeneratedDocuments(t *testing.T) {
	for i, doc := range generated(t, 100) {
		if d := sameTerms(t, doc); d != "" {
			t.Errorf("document %d: %s", i, d)
		}
	}
}

func FuzzEnglishFilter(f *testing.F) {
	for _, s := range []string{
		"The Court's ORDER", "Backpage’s naïve Straße", "ΟΔΟΣ Ⱥ \u212a", "it'S \xff's", "of AND the",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := sameTerms(t, []byte(s)); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	})
}

// BenchmarkAnalyzeGenerated analyses the files of 200 generated documents
// with the five-filter chain and with EnglishFilter, and builds the term
// frequencies bleve builds from the terms.
func BenchmarkAnalyzeGenerated(b *testing.B) {
	docs := generated(b, 200)
	a, err := chains()
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, d := range docs {
		size += len(d)
	}
	for i, name := range []string{"chain", "english"} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			buf := make([]byte, 0, size)
			for b.Loop() {
				for _, d := range docs {
					buf = append(buf[:0], d...)
					a[i].Analyze(buf)
				}
			}
		})
	}
}
