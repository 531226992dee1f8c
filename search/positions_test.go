package search_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"lexsearch/corpus"
	"lexsearch/search"
)

// TestPositionChecksAgree checks that phrases and proximity give the same
// documents whether the positions are read from the segments' postings
// (how a search walks its matches) or from the term vectors bleve's
// searchers collect, over an index of several segments with replaced and
// deleted documents and pages, so page boundaries and document numbering
// across segments are exercised.
func TestPositionChecksAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 900 {
		docs = append(docs, genDoc(r, i, 1+r.IntN(4), 50))
	}
	addDocs(t, bidx, docs)
	b := bidx.NewBatch()
	for i := 0; i < 900; i += 9 {
		d := genDoc(r, i, 2, 50)
		if err := b.Index(d.ID, genFields(t, d)); err != nil {
			t.Fatal(err)
		}
	}
	for i := 4; i < 900; i += 13 {
		b.Delete(fmt.Sprintf("gen%05d", i))
	}
	if err := bidx.Batch(b); err != nil {
		t.Fatal(err)
	}
	idx := newSearch(t, bidx)
	cached := newSearch(t, bidx)
	cached.CacheChecks(1 << 20)
	// A budget smaller than one entry: every new entry evicts the last.
	tiny := newSearch(t, bidx)
	tiny.CacheChecks(1)
	total, err := idx.Count()
	if err != nil {
		t.Fatal(err)
	}

	words := genWords[:12]
	var queries []string
	for range 60 {
		a, c := words[r.IntN(len(words))], words[r.IntN(len(words))]
		switch r.IntN(5) {
		case 0:
			queries = append(queries, fmt.Sprintf("%q", a+" "+c))
		case 1:
			queries = append(queries, fmt.Sprintf("%q~%d", a+" "+c+" "+words[r.IntN(len(words))], r.IntN(4)))
		case 2:
			queries = append(queries, fmt.Sprintf("%q w/%d %s", a+" "+c, 1+r.IntN(5), words[r.IntN(len(words))]))
		case 3:
			queries = append(queries, fmt.Sprintf("(%s OR %s) w/%d %s", a, words[r.IntN(len(words))], 1+r.IntN(3), c))
		default:
			queries = append(queries, fmt.Sprintf("%s w/%d %s", a, 1+r.IntN(6), c))
		}
	}
	queries = append(queries, "court /p dismiss", `"section court" /p platform`)
	some := 0
	for _, q := range queries {
		fromPostings, err := idx.MatchIDs(t.Context(), q, false)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		fromVectors, err := idx.MatchIDs(t.Context(), q, true)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if !slices.Equal(fromPostings, fromVectors) {
			t.Errorf("%s: %d documents from the postings, %d from term vectors", q, len(fromPostings), len(fromVectors))
		}
		// Remembered decisions: the first search makes them, the second
		// reads them back; both must agree with the uncached answer.
		for pass := range 2 {
			for name, ix := range map[string]*search.Index{"cached": cached, "tiny cache": tiny} {
				got, err := ix.MatchIDs(t.Context(), q, false)
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				if !slices.Equal(got, fromPostings) {
					t.Errorf("%s, %s, pass %d: %d documents, %d without a cache", q, name, pass, len(got), len(fromPostings))
				}
			}
		}
		if n := uint64(len(fromPostings)); n > 0 && n < total {
			some++
		}
	}
	if n, bytes := cached.CachedChecks(); n == 0 || bytes > 1<<20 {
		t.Errorf("the cache holds %d entries in %d bytes; want some, within its 1 MiB", n, bytes)
	}
	if n, _ := tiny.CachedChecks(); n != 1 {
		t.Errorf("the cache of 1 byte holds %d entries, want only the latest", n)
	}
	// The comparison means something only if the checks keep some
	// documents and drop others.
	if some < len(queries)/3 {
		t.Errorf("only %d of %d queries match some but not all documents; make the test's queries more selective", some, len(queries))
	}
}
