package search

import (
	"testing"

	"lexsearch/corpus"
)

func TestPinCite(t *testing.T) {
	for _, tc := range []struct {
		doc   corpus.Document
		court string
		want  string
	}{
		{corpus.Document{Title: "G.G. v. Salesforce.com, Inc.", Type: "opinion", Docket: "1:20-cv-02335", Date: "2022-05-16"}, "N.D. Ill.",
			"G.G. v. Salesforce.com, Inc., No. 1:20-cv-02335, slip op. at 7 (N.D. Ill. May 16, 2022)"},
		{corpus.Document{Title: "Doe v. Twitter, Inc.", Type: "opinion", Date: "2021-09-05"}, "N.D. Cal.",
			"Doe v. Twitter, Inc., slip op. at 7 (N.D. Cal. Sept. 5, 2021)"},
		{corpus.Document{Title: "Combating Online Sex Trafficking", Type: "report", Date: "2018-03-14"}, "",
			"Combating Online Sex Trafficking, at 7 (2018)"},
		{corpus.Document{Title: "Innocent Victims", Type: "article", Date: "2018-01-11"}, "",
			"Innocent Victims, at 7 (Jan. 11, 2018)"},
		{corpus.Document{Title: "Untitled", Type: "article"}, "", "Untitled, at 7"},
		{corpus.Document{Title: "John Doe 1 v. Twitter, Inc.", Type: "case-summary", Docket: "21-cv-00485", Date: "2021-08-19"}, "N.D. Cal.",
			"John Doe 1 v. Twitter, Inc., No. 21-cv-00485, at 7 (N.D. Cal. Aug. 19, 2021)"},
	} {
		before, after := PinCite(&tc.doc, tc.court)
		if got := before + "7" + after; got != tc.want {
			t.Errorf("PinCite(%s) = %q, want %q", tc.doc.Title, got, tc.want)
		}
	}
}

func TestHitPinCite(t *testing.T) {
	h := Hit{Title: "G.G. v. Salesforce.com, Inc.", Type: "opinion", Docket: "1:20-cv-02335", Date: "2022-05-16",
		Court: &Court{ID: "ilnd", Name: "N.D. Ill."}}
	if got, want := h.PinCite(7), "G.G. v. Salesforce.com, Inc., No. 1:20-cv-02335, slip op. at 7 (N.D. Ill. May 16, 2022)"; got != want {
		t.Errorf("PinCite = %q, want %q", got, want)
	}
}
