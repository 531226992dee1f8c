package search

import (
	"time"

	"lexsearch/indexer/entity"
)

// A Result is one page of hits with the facet counts of the whole match.
type Result struct {
	Total  uint64              `json:"total"`
	TookMS float64             `json:"took_ms"`
	Hits   []Hit               `json:"hits"`
	Facets map[string][]Bucket `json:"facets"`
	// Histogram counts the matching documents by year, oldest first.
	Histogram []Bucket `json:"histogram"`
	Page      int      `json:"page,omitempty"` // absent when the page came from a cursor
	Size      int      `json:"size"`
	// NextCursor is the cursor of the following page, absent on the last
	// one: the cursor parameter that continues after this page's last hit.
	NextCursor string `json:"next_cursor,omitempty"`
	// Next and Previous are the URLs of the following and the preceding
	// page, filled in by the HTTP API (also in its Link header).
	Next     string `json:"next,omitempty"`
	Previous string `json:"previous,omitempty"`
	// Offset is how many hits come before this page.
	Offset int           `json:"-"`
	Took   time.Duration `json:"-"`
}

// A Hit is one matching document.
type Hit struct {
	ID       string    `json:"id"`
	Source   string    `json:"source"`
	Title    string    `json:"title"`
	Type     string    `json:"type"`
	Court    *Court    `json:"court,omitempty"`
	Docket   string    `json:"docket,omitempty"`
	Date     string    `json:"date,omitempty"`
	Lang     string    `json:"lang,omitempty"`
	Score    float64   `json:"score"`
	Snippets []Snippet `json:"snippets,omitempty"`
	Statutes []string  `json:"statutes,omitempty"`
	Explain  *Explain  `json:"explain,omitempty"`
}

// Explain says why a document matched: the indexed words each field
// matched, and the filter or field values that were resolved from an alias.
type Explain struct {
	Matched map[string][]string `json:"matched"` // field -> indexed terms (stems)
	Aliases []Alias             `json:"aliases,omitempty"`
}

// An Alias is a value as typed and the canonical value it was resolved to.
type Alias struct {
	Field     string `json:"field"`
	Typed     string `json:"typed"`
	Canonical string `json:"canonical"`
}

// A Court is a court's id and its short display name.
type Court struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// A Snippet is a passage of a hit with the matched words marked
// <mark>like this</mark>; the rest of the text is HTML-escaped.
type Snippet struct {
	Page    int    `json:"page"`
	Section string `json:"section,omitempty"`
	Text    string `json:"text"`
}

// A Bucket is one facet value and the number of matching documents that
// have it. Name is the display name where the value is an id (courts).
type Bucket struct {
	Value string `json:"value"`
	Name  string `json:"name,omitempty"`
	Count int    `json:"count"`
}

// CourtOf returns the court of a court id with its display name, or nil
// for no id: how hits and documents show a court.
func CourtOf(id string) *Court {
	if id == "" {
		return nil
	}
	return &Court{ID: id, Name: entity.CourtName(id)}
}
