package search_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"lexsearch/corpus"
	"lexsearch/search"
)

// Each with Passages gives the same hits in the same order as without,
// across several batches, each with the passages Search shows it: a
// passage that matched carries the page to pin-cite.
func TestEachWithPassages(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 180 {
		docs = append(docs, genDoc(r, i, 3, 30))
	}
	addDocs(t, bidx, docs)
	idx := newSearch(t, bidx)
	req := search.Request{Q: "venture", Sort: search.SortDate}
	ids := func(passages bool) ([]string, []search.Hit) {
		var out []string
		var hits []search.Hit
		req.Passages = passages
		if err := idx.Each(t.Context(), req, nil, func(h search.Hit) error {
			out = append(out, h.ID)
			hits = append(hits, h)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out, hits
	}
	plain, plainHits := ids(false)
	with, hits := ids(true)
	if len(plain) <= 50 || !slices.Equal(plain, with) {
		t.Fatalf("%d hits without passages, %d with; want the same, over more than one batch", len(plain), len(with))
	}
	for _, h := range plainHits {
		if len(h.Snippets) != 0 {
			t.Fatalf("%s: snippets without Passages", h.ID)
		}
	}
	page, err := idx.Search(t.Context(), search.Request{Q: "venture", Sort: search.SortDate, Size: 5})
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range hits {
		if h.PinPage() == 0 || !strings.Contains(strings.ToLower(search.PlainSnippet(h.Snippets[0].Text, "", "")), "venture") {
			t.Errorf("%s: pin page %d, first passage %q", h.ID, h.PinPage(), h.Snippets[0].Text)
		}
		if i < len(page.Hits) && !slices.Equal(h.Snippets, page.Hits[i].Snippets) {
			t.Errorf("%s: Each's passages differ from Search's", h.ID)
		}
	}
}
