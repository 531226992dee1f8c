package search

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"lexsearch/corpus"
)

// bluebookMonths are the month abbreviations of the Bluebook (T12), which
// US courts and lawyers use in citations.
var bluebookMonths = [...]string{"Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// citeDate writes a YYYY-MM-DD date as the Bluebook does ("May 16, 2022");
// anything else is returned as it is.
func citeDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return fmt.Sprintf("%s %d, %d", bluebookMonths[t.Month()-1], t.Day(), t.Year())
}

// PinCite returns a citation of doc at a page, split around the page
// number so the page can be filled in by the page the reader is on:
//
//	G.G. v. Salesforce.com, Inc., No. 1:20-cv-02335, slip op. at 7 (N.D. Ill. May 16, 2022)
//	John Doe 1 v. Twitter, Inc., No. 21-cv-00485, at 1 (N.D. Cal. Aug. 19, 2021)
//	Combating Online Sex Trafficking, at 7 (2018)
//
// An opinion is cited as a slip opinion; a docket sheet or a case summary
// by its docket number and page; a report by its year and an article by
// its date.
func PinCite(doc *corpus.Document, courtName string) (before, after string) {
	paren := citeDate(doc.Date)
	if courtName != "" {
		paren = courtName + " " + paren
	} else if t, err := time.Parse(time.DateOnly, doc.Date); err == nil && doc.Type == corpus.TypeReport {
		paren = strconv.Itoa(t.Year()) // reports are cited by year alone
	}
	before = doc.Title
	if doc.Docket != "" && doc.Type != corpus.TypeReport && doc.Type != corpus.TypeArticle {
		before += ", No. " + doc.Docket
	}
	if doc.Type == corpus.TypeOpinion {
		before += ", slip op. at "
	} else {
		before += ", at "
	}
	if paren = strings.TrimSpace(paren); paren != "" {
		after = " (" + paren + ")"
	}
	return before, after
}

// PinCite returns the citation of h at page, as PinCite does for its
// document ("G.G. v. Salesforce.com, Inc., No. 1:20-cv-02335, slip op. at 7
// (N.D. Ill. May 16, 2022)").
func (h Hit) PinCite(page int) string {
	courtName := ""
	if h.Court != nil {
		courtName = h.Court.Name
	}
	before, after := PinCite(&corpus.Document{Title: h.Title, Type: h.Type, Docket: h.Docket, Date: h.Date}, courtName)
	return before + strconv.Itoa(page) + after
}

// Matched reports whether the snippet holds a word the query matched (a
// hit found by filters alone gets its first lines, unmarked).
func (s Snippet) Matched() bool { return strings.Contains(s.Text, "<mark>") }

// PinPage is the page of h's first passage that matched the query, the
// page to pin-cite, or 0 when no passage matched (a search by filters).
func (h Hit) PinPage() int {
	for _, s := range h.Snippets {
		if s.Matched() {
			return s.Page
		}
	}
	return 0
}
