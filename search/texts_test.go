package search_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"lexsearch/corpus"
	"lexsearch/search"
)

// TestSnippetsMarkEachHitsOwnWords searches words and a phrase that
// different documents have in different combinations, over several
// segments, and checks that every hit's snippets mark exactly the words
// of the query that hit has: the words are looked up for all of a page's
// hits together, in index order, while hits come in score order.
func TestSnippetsMarkEachHitsOwnWords(t *testing.T) {
	bidx := genIndex(t)
	want := map[string][]string{}
	var batch []*corpus.Document
	for i := range 60 {
		words := []string{"filler", "text", "of", "document", fmt.Sprint(i)}
		var marked []string
		if i%3 == 0 {
			words = append(words, "alpha")
			marked = append(marked, "alpha")
		}
		if i%2 == 0 {
			words = append(words, "beta")
			marked = append(marked, "beta")
		}
		if i%5 == 0 {
			words = append(words, "gamma", "delta") // the phrase
			marked = append(marked, "delta", "gamma")
		} else {
			words = append(words, "delta", "and", "gamma") // its words, not the phrase
		}
		d := &corpus.Document{ID: fmt.Sprintf("doc%02d", i), Source: fmt.Sprintf("doc%02d.txt", i), Title: "Document",
			Type: "opinion", Lang: "en", Pages: []corpus.Page{{Number: 1, Text: strings.Join(words, " ")}}}
		batch = append(batch, d)
		if len(batch) == 7 { // a segment of its own
			addDocs(t, bidx, batch)
			batch = nil
		}
		if len(marked) > 0 {
			slices.Sort(marked)
			want[d.ID] = marked
		}
	}
	addDocs(t, bidx, batch)
	idx := newSearch(t, bidx)
	res, err := idx.Search(t.Context(), search.Request{Q: `alpha OR beta OR "gamma delta"`, Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(want) {
		t.Fatalf("%d hits, want %d", len(res.Hits), len(want))
	}
	mark := regexp.MustCompile(`<mark>([^<]*)</mark>`)
	inOrder := true
	for i, h := range res.Hits {
		if i > 0 && h.ID < res.Hits[i-1].ID {
			inOrder = false
		}
		var got []string
		for _, s := range h.Snippets {
			for _, m := range mark.FindAllStringSubmatch(s.Text, -1) {
				got = append(got, m[1])
			}
		}
		slices.Sort(got)
		got = slices.Compact(got)
		if !slices.Equal(got, want[h.ID]) {
			t.Errorf("%s: marked %q, want %q", h.ID, got, want[h.ID])
		}
	}
	if inOrder {
		t.Error("hits came in index order: the test does not cover hits out of order")
	}
}
