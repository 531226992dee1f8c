package corpus

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrNotFound reports that no document has the requested ID.
var ErrNotFound = errors.New("document not found")

// A Page is the text of one page. Number is the page number a reader sees
// (the court's stamp where there is one), counting from 1.
type Page struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
}

// A Section is a heading of a report or an opinion, and where its text
// starts: a byte offset into the text of the page with that number.
type Section struct {
	Page   int    `json:"page"`
	Offset int    `json:"offset"`
	Title  string `json:"title"`
}

// An Entity is one tagged mention in a document: what was written, its
// canonical value (the facet value) and the page it is on.
type Entity struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	Norm  string `json:"norm"`
	Role  string `json:"role,omitempty"` // e.g. "deciding" court, "plaintiff" party
	Page  int    `json:"page,omitempty"`
	Start int    `json:"start"` // byte offsets into that page's text
	End   int    `json:"end"`
}

// A Document is the unit that is indexed and returned by search. Its JSON
// names are the bleve field names (see fields.go).
type Document struct {
	ID        string   `json:"id"`
	Source    string   `json:"source"` // the file name as ingested (Source.Path)
	Format    Format   `json:"format"`
	Title     string   `json:"title"`
	Type      string   `json:"type"`
	Court     string   `json:"court,omitempty"` // court id of the deciding court, e.g. "ilnd"
	Docket    string   `json:"docket,omitempty"`
	Date      string   `json:"date,omitempty"` // YYYY-MM-DD: decided, filed or published
	Year      string   `json:"year,omitempty"` // the year of Date, as a facet value
	Lang      string   `json:"lang,omitempty"` // ISO 639-1
	Statutes  []string `json:"statute,omitempty"`
	Citations []string `json:"citation,omitempty"`
	Parties   []string `json:"party,omitempty"`
	Judges    []string `json:"judge,omitempty"`
	Pages     []Page   `json:"pages,omitempty"`
	// PageNumbers is the number of each page, in order, when Pages is not
	// loaded (search results carry page numbers but not page text).
	PageNumbers []int    `json:"page_numbers,omitempty"`
	Entities    []Entity `json:"entities,omitempty"`
	// Sections are the document's headings, in order (reports, opinions).
	Sections []Section `json:"sections,omitempty"`
}

// Validate reports whether d can be indexed: it needs an ID, a source, a
// known type, some text and, when set, a date in YYYY-MM-DD form.
func (d *Document) Validate() error {
	switch {
	case d.ID == "":
		return errors.New("document has no id")
	case d.Source == "":
		return errors.New("document has no source")
	case !slices.Contains(Types, d.Type):
		return fmt.Errorf("document type %q is not one of %v", d.Type, Types)
	case len(d.Pages) == 0:
		return errors.New("document has no text")
	}
	if d.Date != "" {
		if _, err := time.Parse(time.DateOnly, d.Date); err != nil {
			return fmt.Errorf("document date %q is not YYYY-MM-DD", d.Date)
		}
	}
	return nil
}

// PageNumber returns the number of the page at index i of the body.
func (d *Document) PageNumber(i int) int {
	switch {
	case i < len(d.Pages):
		return d.Pages[i].Number
	case i < len(d.PageNumbers):
		return d.PageNumbers[i]
	}
	return i + 1
}

// SectionAt returns the title of the section that the text at byte offset
// off of page number page belongs to, or "" before the first heading.
func (d *Document) SectionAt(page, off int) string {
	title := ""
	for _, s := range d.Sections {
		if s.Page > page || s.Page == page && s.Offset > off {
			break
		}
		title = s.Title
	}
	return title
}

// Body returns the text of every page, in order, one element per page: the
// shape the body field is indexed in, so a match's array position is its page.
func (d *Document) Body() []string {
	body := make([]string, len(d.Pages))
	for i, p := range d.Pages {
		body[i] = p.Text
	}
	return body
}
