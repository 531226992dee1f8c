package search

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"lexsearch/corpus"
)

// Search runs one search. Problems with the request come back as
// *RequestError; anything else is the index's fault.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	start := ix.now()
	req, err := req.normalize()
	if err != nil {
		return nil, err
	}
	if ix.flights == nil {
		return ix.search(ctx, req, start)
	}
	out, err := ix.flights.do(ctx, req, func(ctx context.Context, req Request) (*Result, error) {
		return ix.search(ctx, req, start)
	})
	if err != nil {
		return nil, err
	}
	out.took(ix.now().Sub(start)) // what this caller waited, shared or not
	return out, nil
}

// search runs one normalized request.
func (ix *Index) search(ctx context.Context, req Request, start time.Time) (*Result, error) {
	ctx = withCheckCache(ctx, ix.checks)
	p, err := ix.plan(ctx, req)
	if err != nil {
		return nil, err
	}
	after, seen, err := decodeCursor(req.Cursor, req.Sort)
	if err != nil {
		return nil, err
	}

	cq := ix.counted(p, req.Facets, true)
	// No stored fields here: texts reads each hit's once, with its pages.
	sr := bleve.NewSearchRequestOptions(cq, req.Size, (req.Page-1)*req.Size, false)
	sr.SortByCustom(sortOrder(req.Sort))
	if after != nil {
		sr.From = 0
		sr.SetSearchAfter(after)
	} else {
		seen = (req.Page - 1) * req.Size
	}
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err == nil {
		// bleve looks at the context only every so many documents; one
		// huge document can take it past the deadline unnoticed.
		err = ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}

	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Size: req.Size, Offset: seen}
	if after == nil {
		out.Page = req.Page
	}
	texts, err := ix.texts(ctx, p, res.Hits)
	if err != nil {
		return nil, err
	}
	for _, dm := range res.Hits {
		text := texts[dm.ID]
		if text == nil {
			continue // deleted since the search found it (a live update)
		}
		h, err := hit(dm, text)
		if err != nil {
			return nil, err
		}
		if req.Explain {
			h.Explain = explain(text, p.aliases)
		}
		out.Hits = append(out.Hits, h)
	}
	if n := seen + len(res.Hits); len(res.Hits) > 0 && uint64(n) < res.Total {
		out.NextCursor = encodeCursor(req.Sort, res.Hits[len(res.Hits)-1], n)
	}
	t := cq.tally()
	out.Facets = cq.buckets(t, req)
	out.Histogram = histogram(t)
	out.took(ix.now().Sub(start))
	return out, nil
}

// took sets the time a search took.
func (r *Result) took(d time.Duration) {
	r.Took = d
	r.TookMS = math.Round(float64(d.Microseconds())/10) / 100
}

// sortOrder returns bleve's sort for one of our sort names. Every order
// ends with the document id, so ties break the same way on every page and
// a cursor always points at one place.
func sortOrder(name string) bsearch.SortOrder {
	score := &bsearch.SortScore{Desc: true}
	id := &bsearch.SortDocID{}
	switch name {
	case SortDate, SortDateDesc:
		return bsearch.SortOrder{&dateSort{desc: name == SortDateDesc}, score, id}
	}
	return bsearch.SortOrder{score, id}
}

// dateSort orders hits by date, documents without one last either way. It
// sorts exactly as bleve's sort on the date field does (the same keys, so
// cursors carry over), but reads each hit's key from the facet ordinals,
// which countingSearcher puts in DocumentMatch.Index as the hit passes:
// bleve's own sort read the date's doc values for every match, half the
// time of a search sorted by date. (Index names the index a hit came from;
// bleve sets it only after collecting, and only when empty, and lexsearch
// never reads it.) A dateSort is only for searches of a countedQuery.
type dateSort struct{ desc bool }

func (s *dateSort) UpdateVisitor(string, []byte) {}

func (s *dateSort) Value(dm *bsearch.DocumentMatch) string {
	if dm.Index != "" {
		return dm.Index
	}
	if s.desc { // missing last
		return bsearch.LowTerm
	}
	return bsearch.HighTerm
}

func (s *dateSort) DecodeValue(v string) string { return v }
func (s *dateSort) Descending() bool            { return s.desc }
func (s *dateSort) RequiresDocID() bool         { return false }
func (s *dateSort) RequiresScoring() bool       { return false }
func (s *dateSort) RequiresFields() []string    { return nil }
func (s *dateSort) Reverse()                    { s.desc = !s.desc }
func (s *dateSort) Copy() bsearch.SearchSort    { c := *s; return &c }

// hit renders one bleve match; text, when not nil, is the same document
// with its stored metadata, its pages and matched words' locations, for
// snippets; otherwise dm must carry the stored metadata.
func hit(dm, text *bsearch.DocumentMatch) (Hit, error) {
	stored := dm
	if text != nil {
		stored = text
	}
	doc, err := storedMeta(stored)
	if err != nil {
		return Hit{}, err
	}
	h := Hit{
		ID: dm.ID, Source: doc.Source, Title: doc.Title, Type: doc.Type,
		Docket: doc.Docket, Date: doc.Date, Lang: doc.Lang, Score: math.Round(dm.Score*1000) / 1000,
		Statutes: doc.Statutes,
	}
	h.Court = CourtOf(doc.Court)
	if text != nil {
		h.Snippets = snippets(doc, storedPages(text.Fields[corpus.FieldBody]), text.Locations[corpus.FieldBody])
	}
	return h, nil
}

// storedMeta decodes the document metadata stored with a hit.
func storedMeta(dm *bsearch.DocumentMatch) (*corpus.Document, error) {
	var doc corpus.Document
	s, ok := dm.Fields[corpus.FieldMeta].(string)
	if !ok {
		return nil, fmt.Errorf("search: document %s has no stored metadata", dm.ID)
	}
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		return nil, fmt.Errorf("search: document %s: stored metadata: %w", dm.ID, err)
	}
	return &doc, nil
}

// storedPages returns a stored array field as strings. Bleve hands back a
// lone string for a one-element array; pages read from the page source
// come as they are.
func storedPages(v any) []string {
	switch v := v.(type) {
	case []string: // from the page source
		return v
	case string:
		return []string{v}
	case []any:
		pages := make([]string, len(v))
		for i, p := range v {
			pages[i], _ = p.(string)
		}
		return pages
	}
	return nil
}

// explain lists the indexed terms each field matched, and the aliases the
// request's values were resolved from.
func explain(dm *bsearch.DocumentMatch, aliases []Alias) *Explain {
	e := &Explain{Matched: map[string][]string{}, Aliases: aliases}
	for field, terms := range dm.Locations {
		for t := range terms {
			e.Matched[field] = append(e.Matched[field], t)
		}
		slices.Sort(e.Matched[field])
	}
	return e
}

// A plan is a request turned into bleve queries: the user's query and one
// query per filtered facet, kept apart so a facet can be counted without
// its own filter.
type plan struct {
	q       bquery.Query
	filters []filter
	aliases []Alias
}

type filter struct {
	facet  string   // corpus facet name, or "" for the date range
	values []string // the canonical values of a facet filter
	q      bquery.Query
}

// cursor is what an opaque cursor holds: the sort it belongs to, the sort
// values of the last hit it follows, and how many hits came before.
type cursor struct {
	Sort  string   `json:"s"`
	After []string `json:"a"`
	Seen  int      `json:"n"`
}

func encodeCursor(sort string, last *bsearch.DocumentMatch, seen int) string {
	js, _ := json.Marshal(cursor{Sort: sort, After: afterOf(last), Seen: seen}) // strings and ints always marshal
	return cursorEncoding.EncodeToString(js)
}

// afterOf returns the search-after values that continue past last.
func afterOf(last *bsearch.DocumentMatch) []string {
	after := slices.Clone(last.Sort)
	for i, v := range after {
		if v == "_score" { // bleve's placeholder; search-after needs the number
			after[i] = strconv.FormatFloat(last.Score, 'g', -1, 64)
		}
	}
	return after
}

// cursorEncoding keeps cursors URL-safe without escaping.
var cursorEncoding = base64.RawURLEncoding

func decodeCursor(s, sort string) ([]string, int, error) {
	if s == "" {
		return nil, 0, nil
	}
	var c cursor
	js, err := cursorEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(js, &c)
	}
	if err != nil || len(c.After) != len(sortOrder(c.Sort)) || c.Seen < 0 {
		return nil, 0, &RequestError{"cursor", "not a cursor this server gave out; start again without it"}
	}
	if c.Sort != sort {
		return nil, 0, &RequestError{"cursor", fmt.Sprintf("this cursor pages a search sorted by %s; use sort=%s with it", c.Sort, c.Sort)}
	}
	return c.After, c.Seen, nil
}
