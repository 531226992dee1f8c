package ui

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

// legalTypes are the document types cited as court documents (slip
// opinions, dockets); reports and articles are cited by title and page.
var legalTypes = map[string]bool{corpus.TypeOpinion: true, corpus.TypeDocket: true, corpus.TypeCaseSummary: true}

// pinCite returns a citation of doc at a page, split around the page
// number so the page can be filled in by the page the reader is on:
//
//	G.G. v. Salesforce.com, Inc., No. 1:20-cv-02335, slip op. at 7 (N.D. Ill. May 16, 2022)
//	Combating Online Sex Trafficking, at 7 (2018)
func pinCite(doc *corpus.Document, courtName string) (before, after string) {
	paren := citeDate(doc.Date)
	if courtName != "" {
		paren = courtName + " " + paren
	}
	before = doc.Title
	if legalTypes[doc.Type] {
		if doc.Docket != "" {
			before += ", No. " + doc.Docket
		}
		before += ", slip op. at "
	} else {
		before += ", at "
		if doc.Date != "" && courtName == "" {
			if t, err := time.Parse(time.DateOnly, doc.Date); err == nil && doc.Type == corpus.TypeReport {
				paren = strconv.Itoa(t.Year()) // reports are cited by year alone
			}
		}
	}
	if paren = strings.TrimSpace(paren); paren != "" {
		after = " (" + paren + ")"
	}
	return before, after
}
