package indexer

import (
	"strings"
	"testing"

	"lexsearch/corpus"
)

// TestTagPages checks that every mention tagPages returns is where it
// says: on its page, at its offsets there, whether the document is one
// page (tagged as it is) or several (tagged joined by form feeds).
func TestTagPages(t *testing.T) {
	ix := New(quiet(), Options{})
	first := "Plaintiffs sue under 18 U.S.C. § 1595 in the Northern District of Illinois."
	second := "Section 230, 47 U.S.C. § 230(c)(1), does not bar the claim. See 519 F.3d 666."
	for _, c := range []struct {
		name  string
		pages []corpus.Page
	}{
		{"one page", []corpus.Page{{Number: 1, Text: first + "\n\n" + second}}},
		{"two pages", []corpus.Page{{Number: 1, Text: first}, {Number: 2, Text: second}}},
		{"numbered from a stamp", []corpus.Page{{Number: 7, Text: first}, {Number: 8, Text: second}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ents := ix.tagPages(c.pages)
			if len(ents) == 0 {
				t.Fatal("no mentions")
			}
			statutes := 0
			for _, e := range ents {
				var page *corpus.Page
				for i := range c.pages {
					if c.pages[i].Number == e.Page {
						page = &c.pages[i]
					}
				}
				if page == nil || e.Start < 0 || e.End > len(page.Text) || page.Text[e.Start:e.End] != e.Text {
					t.Fatalf("mention %+v is not at its offsets on page %d", e, e.Page)
				}
				if e.Kind == "statute" && strings.Contains(e.Text, "U.S.C.") {
					statutes++
				}
			}
			if statutes != 2 {
				t.Errorf("%d U.S.C. citations, want 2: %+v", statutes, ents)
			}
		})
	}
}
