package search

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"lexsearch/corpus"
)

// Caps on what one request may ask for. Deep pages cost the index as much
// as one huge page, so depth is capped as well as size.
const (
	DefaultSize = 10
	MaxSize     = 100
	MaxDepth    = 10000 // (page-1)*size + size may not exceed this
	MaxFilters  = 50    // values across all filters
	// MaxFacetSize caps facet.size: a facet is a summary, and a complete
	// list of values is what GET /entities/{kind} is for.
	MaxFacetSize = 500
)

// FacetNone in Request.Facets asks for no facet counts (feeds, exports).
const FacetNone = "none"

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"  // oldest first
	SortDateDesc  = "-date" // newest first
)

// A Request is one search. Filter values are as the user typed them; the
// Index normalises them. Values of one filter are ORed; different filters
// are ANDed, and ANDed with the query.
type Request struct {
	Q        string
	Statutes []string
	Courts   []string
	Parties  []string
	Judges   []string
	Types    []string
	Langs    []string
	Years    []string
	From     string // YYYY, YYYY-MM or YYYY-MM-DD, inclusive
	To       string // likewise, inclusive
	Sort     string // SortRelevance (default), SortDate or SortDateDesc
	Page     int    // 1-based; 0 means 1
	Size     int    // 0 means DefaultSize
	// Cursor continues from the last hit of an earlier result (its Next),
	// with no depth limit; Page must then be 1.
	Cursor string
	// Facets names the facets to count (corpus.Facets); nil means all.
	Facets []string
	// FacetSize is how many values each facet reports; 0 means
	// DefaultFacetSize.
	FacetSize int
	// FacetPrefix keeps only facet values that start with it, ignoring case.
	FacetPrefix string
	// Explain adds to each hit which words, fields and aliases matched.
	Explain bool
	// Passages makes Each fetch every hit's snippets, with their pages, as
	// Search does (exports of passages and pin cites); it reads each hit's
	// text, so an export with passages costs more than one without.
	Passages bool
}

// A RequestError is a problem with a search request that the client can
// fix. Its message is written for people and never holds internal detail.
type RequestError struct {
	Param  string // the query parameter at fault, e.g. "q" or "court"
	Reason string
}

func (e *RequestError) Error() string { return e.Param + ": " + e.Reason }

// normalize fills defaults and checks the caps, sort order and dates.
func (r Request) normalize() (Request, error) {
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Page == 0 {
		r.Page = 1
	}
	switch {
	case r.Size < 0 || r.Size > MaxSize:
		return r, &RequestError{"size", fmt.Sprintf("must be between 1 and %d, not %d", MaxSize, r.Size)}
	case r.Page < 0:
		return r, &RequestError{"page", fmt.Sprintf("must be 1 or more, not %d", r.Page)}
	case r.Page > MaxDepth/r.Size: // not Page*Size, which overflows for a huge page
		return r, &RequestError{"page", fmt.Sprintf("page %d of %d hits reaches past hit %d, the deepest page= goes; follow the next cursor instead", r.Page, r.Size, MaxDepth)}
	}
	if r.FacetSize == 0 {
		r.FacetSize = DefaultFacetSize
	}
	if r.FacetSize < 0 || r.FacetSize > MaxFacetSize {
		return r, &RequestError{"facet.size", fmt.Sprintf("must be between 1 and %d, not %d", MaxFacetSize, r.FacetSize)}
	}
	if slices.Contains(r.Facets, FacetNone) {
		r.Facets = []string{}
	}
	for _, f := range r.Facets {
		if !slices.Contains(corpus.Facets, f) {
			return r, &RequestError{"facet", fmt.Sprintf("%q is not a facet; use one of %s, or none", f, strings.Join(corpus.Facets, ", "))}
		}
	}
	if r.Facets == nil {
		r.Facets = corpus.Facets
	}
	if r.Cursor != "" && r.Page != 1 {
		return r, &RequestError{"cursor", "a cursor continues where the last page ended; drop page"}
	}
	if r.Sort == "" {
		r.Sort = SortRelevance
	}
	if !slices.Contains([]string{SortRelevance, SortDate, SortDateDesc}, r.Sort) {
		return r, &RequestError{"sort", fmt.Sprintf("%q is not a sort order; use relevance, date or -date", r.Sort)}
	}
	n := 0
	for _, vs := range [][]string{r.Statutes, r.Courts, r.Parties, r.Judges, r.Types, r.Langs, r.Years} {
		n += len(vs)
	}
	if n > MaxFilters {
		return r, &RequestError{"filters", fmt.Sprintf("%d filter values; at most %d", n, MaxFilters)}
	}
	for _, t := range r.Types {
		if !slices.Contains(corpus.Types, t) {
			return r, &RequestError{"type", fmt.Sprintf("%q is not a document type; use one of %s", t, strings.Join(corpus.Types, ", "))}
		}
	}
	for _, y := range r.Years {
		if !yearRE.MatchString(y) {
			return r, &RequestError{"year", fmt.Sprintf("%q is not a year such as 2021", y)}
		}
	}
	for _, d := range []struct{ param, value string }{{"from", r.From}, {"to", r.To}} {
		if d.value == "" {
			continue
		}
		if _, _, err := dateBounds(d.value); err != nil {
			return r, &RequestError{d.param, fmt.Sprintf("%q is not a date; use YYYY, YYYY-MM or YYYY-MM-DD", d.value)}
		}
	}
	return r, nil
}

var yearRE = regexp.MustCompile(`^[12][0-9]{3}$`)

// dateBounds returns the first and last instant of the day, month or year
// that s names, so from=2021 starts on January 1 and to=2021 ends on
// December 31.
func dateBounds(s string) (first, last time.Time, err error) {
	for _, l := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{time.DateOnly, func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if t, err := time.Parse(l.layout, s); err == nil {
			return t, l.next(t).Add(-time.Nanosecond), nil
		}
	}
	return first, last, fmt.Errorf("bad date %q", s)
}
