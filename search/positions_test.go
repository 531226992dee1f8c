package search_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
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
	changeDocs(t, bidx, func(index func(*corpus.Document), del func(int)) {
		for i := 0; i < 900; i += 9 {
			index(genDoc(r, i, 2, 50))
		}
		for i := 4; i < 900; i += 13 {
			del(i)
		}
	})
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

// TestRememberedChecksGiveTheSameAnswers searches phrases and proximity,
// alone and inside other queries, three times with remembered checks (the
// first walk decides every candidate; later ones go from kept document to
// kept document in the segments decided in full) and compares totals,
// hits in order with their scores, and facets with the same searches run
// with nothing remembered; then deletes and replaces documents, so the
// remembered segments hold documents that are gone, and compares again.
func TestRememberedChecksGiveTheSameAnswers(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 2))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 1200 {
		docs = append(docs, genDoc(r, i, 1+r.IntN(3), 60))
	}
	addDocs(t, bidx, docs)
	plain := newSearch(t, bidx)
	cached := newSearch(t, bidx)
	cached.CacheChecks(1 << 22)

	words := genWords[:14]
	var queries []search.Request
	// A phrase walked first inside an AND with a rarer word (its searcher
	// is advanced past candidates it never decides), then alone: the
	// second walk must not take the first's decisions as complete.
	for i := range 6 {
		phrase := fmt.Sprintf("%q", words[i]+" "+words[i+1])
		for _, q := range []string{phrase + " " + genVocab[60+i*7], phrase} {
			queries = append(queries, search.Request{Q: q, Size: 10, Facets: []string{"type"}})
		}
	}
	for range 40 {
		a, b, c := words[r.IntN(len(words))], words[r.IntN(len(words))], words[r.IntN(len(words))]
		var q string
		switch r.IntN(6) {
		case 0:
			q = fmt.Sprintf("%q", a+" "+b)
		case 1:
			q = fmt.Sprintf("%q", a+" "+b+" "+c)
		case 2:
			q = fmt.Sprintf("%s w/%d %s", a, 1+r.IntN(4), b)
		case 3:
			q = fmt.Sprintf("%q %s", a+" "+b, c) // the phrase inside an AND
		case 4:
			q = fmt.Sprintf("%s %s", a, b) // the phrase bonus
		default:
			q = fmt.Sprintf("%q OR %s w/2 %s", a+" "+b, c, a)
		}
		req := search.Request{Q: q, Size: 10, Facets: []string{"statute", "court", "party", "type", "year"}}
		switch r.IntN(4) {
		case 0:
			req.Courts = []string{genCourts[r.IntN(len(genCourts))]}
		case 1:
			req.Page = 2
		case 2:
			req.Sort = search.SortDateDesc
		}
		queries = append(queries, req)
	}
	compare := func(when string) {
		t.Helper()
		some := 0
		for pass := range 3 {
			for _, req := range queries {
				want, err := plain.Search(t.Context(), req)
				if err != nil {
					t.Fatalf("%s: %v", req.Q, err)
				}
				got, err := cached.Search(t.Context(), req)
				if err != nil {
					t.Fatalf("%s: %v", req.Q, err)
				}
				want.Took, want.TookMS, got.Took, got.TookMS = 0, 0, 0, 0
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, pass %d, %+v: remembered checks give total %d, hits %v; want %d, %v", when, pass, req, got.Total, hitIDs(got), want.Total, hitIDs(want))
				}
				if pass == 0 && want.Total > 0 && want.Total < 1000 {
					some++
				}
			}
		}
		if some < len(queries)/3 {
			t.Errorf("%s: only %d of %d queries match some but not all documents", when, some, len(queries))
		}
	}
	compare("fresh")
	changeDocs(t, bidx, func(index func(*corpus.Document), del func(int)) {
		for i := 0; i < 1200; i += 7 {
			del(i)
		}
		for i := 3; i < 1200; i += 11 {
			index(genDoc(r, i, 2, 60))
		}
	})
	compare("after deletions")
}

func hitIDs(r *search.Result) []string {
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, fmt.Sprintf("%s:%g", h.ID, h.Score))
	}
	return ids
}
