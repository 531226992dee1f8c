package search_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"lexsearch/corpus"
	"lexsearch/search"
)

// hugeIndex holds one ~20 MB generated document among a few small ones.
// Its even pages say "zzleft" and its odd pages "zzright", 40 times each,
// so a proximity search for the two finds thousands of each and no pair
// near: the case that used to cost the square of the occurrences.
func hugeIndex(t *testing.T) *search.Index {
	r := rand.New(rand.NewPCG(1, 2))
	bidx := genIndex(t)
	huge := genDoc(r, 0, 800, 3300) // 800 pages of ~25 KB
	for i := range huge.Pages {
		w := []string{" zzleft", " zzright"}[i%2]
		huge.Pages[i].Text += strings.Repeat(w, 40)
	}
	docs := []*corpus.Document{huge}
	for i := 1; i < 20; i++ {
		docs = append(docs, genDoc(r, i, 2, 300))
	}
	addDocs(t, bidx, docs)
	return newSearch(t, bidx)
}

// TestHugeDocument checks that a 20 MB document costs a search time
// proportional to its words, not their square, and that the search
// deadline holds while it is searched.
func TestHugeDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a 20 MB document")
	}
	idx := hugeIndex(t)
	t.Run("bounded", func(t *testing.T) { testHugeBounded(t, idx) })
	t.Run("deadline", func(t *testing.T) { testHugeDeadline(t, idx) })
}

func testHugeBounded(t *testing.T, idx *search.Index) {
	for _, tc := range []struct {
		q    string
		hits bool
	}{
		{"liability beneficiary", true},
		{"platform w/5 venture", true},
		{`"knowingly benefit"~4`, true},
		{"zzleft w/3 zzright", false},
		{"zzleft /s zzright", false},
		{`"zzleft zzright"`, false},
		{"zzleft zzright", true},
	} {
		// A generous deadline: the test asserts that these finish, not how
		// fast (that is for the benchmarks); before, the first took 23 s
		// and the fourth minutes.
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
		start := time.Now()
		res, err := idx.Search(ctx, search.Request{Q: tc.q})
		cancel()
		t.Logf("%s: %v", tc.q, time.Since(start))
		if err != nil {
			t.Errorf("%s: %v", tc.q, err)
			continue
		}
		if !tc.hits {
			if res.Total != 0 {
				t.Errorf("%s: %d hits, want none", tc.q, res.Total)
			}
			continue
		}
		if res.Total == 0 || len(res.Hits[0].Snippets) == 0 {
			t.Errorf("%s: %d hits, want the huge document with snippets", tc.q, res.Total)
		}
	}
}

func testHugeDeadline(t *testing.T, idx *search.Index) {
	// Each of these reads hundreds of thousands of positions of words the
	// huge document is full of (over 100 ms of work), so a 5 ms deadline
	// passes during the search.
	for _, q := range []string{"platform w/5 venture", `"knowingly benefit"~4`, `"liability beneficiary"`, "liability beneficiary"} {
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Millisecond)
		done := make(chan error, 1)
		go func() {
			_, err := idx.Search(ctx, search.Request{Q: q})
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s with a 5 ms deadline: %v, want a deadline error", q, err)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("%s with a 5 ms deadline: still running after 5 s", q)
		}
		cancel()
	}
}
