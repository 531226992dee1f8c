package indexer

import (
	"slices"
	"testing"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
	"lexsearch/indexer/extract"
)

// TestFoldPartiesOnce checks that fold, which normalises each distinct
// party name once, gives the facet a person would get by normalising
// every mention and the docket page's parties one by one: the same
// names, sorted, once each, and nothing for what is not a name.
func TestFoldPartiesOnce(t *testing.T) {
	cases := []struct {
		name     string
		mentions []string
		meta     []string
	}{
		{"none", nil, nil},
		{"one name many times", []string{"G.G.", "G.G.", "G.G."}, nil},
		{"two spellings of one party", []string{"SALESFORCE.COM, INC.", "Salesforce.com, Inc.", "Salesforce.com, Inc."}, nil},
		{"mentions and docket parties", []string{"Backpage.com, LLC", "Jane Doe"}, []string{"JANE DOE", "Backpage.com, LLC", "Twitter, Inc."}},
		{"labels are not names", []string{"Plaintiff -", "Date filed: 06/17/2009", "Jane Doe"}, []string{"Plaintiff -"}},
		{"united states", []string{"UNITED STATES OF AMERICA", "United States", "USA"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var mentions []corpus.Entity
			for _, m := range c.mentions {
				mentions = append(mentions, corpus.Entity{Kind: string(entity.Party), Text: m, Norm: m})
			}
			var meta extract.Meta
			for _, p := range c.meta {
				meta.Parties = append(meta.Parties, extract.Party{Name: p})
			}
			doc := &corpus.Document{}
			fold(doc, mentions, meta, &headCaption{doc: doc}, entity.NormalizeParty)

			var want []string
			for _, s := range append(slices.Clone(c.mentions), c.meta...) {
				if n := entity.NormalizeParty(s); n != "" {
					want = append(want, n)
				}
			}
			slices.Sort(want)
			want = slices.Compact(want)
			if !slices.Equal(doc.Parties, want) {
				t.Errorf("parties %q, want %q", doc.Parties, want)
			}
		})
	}
}
