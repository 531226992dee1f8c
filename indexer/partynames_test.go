package indexer

import (
	"fmt"
	"sync"
	"testing"

	"lexsearch/indexer/entity"
)

// TestPartyNames checks that the memo gives what entity.NormalizeParty
// gives, the first time and the times after, from several goroutines at
// once, and that it holds no more than maxPartyNames names.
func TestPartyNames(t *testing.T) {
	names := []string{"UNITED STATES OF AMERICA", "G.G., a minor,", "Salesforce.com, Inc.", "Plaintiff -",
		"Date filed: 06/17/2009", "JANE DOE, also known as Jay", "Backpage.com, LLC", "", "Twitter, Inc."}
	var p partyNames
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range 3 {
				for i := range names {
					s := names[(i+g+r)%len(names)]
					if got, want := p.normalize(s), entity.NormalizeParty(s); got != want {
						t.Errorf("normalize(%q) = %q, want %q", s, got, want)
					}
				}
			}
		}()
	}
	wg.Wait()

	for i := range maxPartyNames + 10 {
		s := fmt.Sprintf("Party Number %d, Inc.", i)
		if got, want := p.normalize(s), entity.NormalizeParty(s); got != want {
			t.Fatalf("normalize(%q) = %q, want %q", s, got, want)
		}
	}
	if n := len(p.m); n > maxPartyNames {
		t.Errorf("the memo holds %d names, more than %d", n, maxPartyNames)
	}
}
