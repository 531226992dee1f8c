package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"lexsearch/search"
)

// searchParams are the query parameters /search and /feed.atom accept. Any
// other is a 400, so a typo such as "statue=" is not silently ignored.
var searchParams = []string{"q", "statute", "court", "party", "judge", "type", "lang", "year",
	"from", "to", "sort", "size", "page", "cursor", "facet", "facet.size", "facet.prefix", "explain", "format",
	"order_by", "filed_after", "filed_before", "case_name", "docket_number", "passages"}

// Output formats of /search. The export formats stream every hit, not a page.
var (
	pageFormats   = []string{"json", "text"}
	exportFormats = []string{"csv", "ndjson", "ris", "csl"}
)

func handleSearch(logger *slog.Logger, idx Index, cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		format, err := outputFormat(r)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		req, err := requestFromQuery(r.URL.Query())
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		if slices.Contains(exportFormats, format) {
			if req, err = exportRequest(req, format); err != nil {
				writeError(w, r, logger, err)
				return
			}
			export(w, r, logger, idx, req, format, cfg)
			return
		}
		if req.Passages {
			writeError(w, r, logger, &search.RequestError{Param: "passages", Reason: "one row per passage is for format=csv or format=ndjson"})
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.SearchTimeout)
		defer cancel()
		res, err := idx.Search(ctx, req)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		pageLinks(w, r, res, cfg.BaseURL)
		writeResult(w, r, req, res, format)
	}
}

// pageLinks sets res.Next and res.Previous to the URLs of the following
// and preceding pages, and sends them as an RFC 8288 Link header too. A
// page reached by number links to numbered pages while they stay within
// search.MaxDepth, and past it by cursor; a page reached by cursor links
// back to the numbered page before it when there is one.
func pageLinks(w http.ResponseWriter, r *http.Request, res *search.Result, base string) {
	q := r.URL.Query()
	at := func(page int, cursor string) string {
		u := maps.Clone(q)
		u.Del("page")
		u.Del("cursor")
		if cursor != "" {
			u.Set("cursor", cursor)
		} else if page > 1 {
			u.Set("page", strconv.Itoa(page))
		}
		return base + "/search?" + u.Encode()
	}
	size := max(res.Size, 1)
	if res.NextCursor != "" {
		if res.Page > 0 && (res.Page+1)*size <= search.MaxDepth {
			res.Next = at(res.Page+1, "")
		} else {
			res.Next = at(0, res.NextCursor)
		}
	}
	if prev := res.Offset - size; res.Offset > 0 && prev >= 0 && prev%size == 0 && prev+size <= search.MaxDepth {
		res.Previous = at(prev/size+1, "")
	}
	var links []string
	if res.Next != "" {
		links = append(links, "<"+res.Next+`>; rel="next"`)
	}
	if res.Previous != "" {
		links = append(links, "<"+res.Previous+`>; rel="prev"`)
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
}

// writeResult writes one page of results as JSON or text.
func writeResult(w http.ResponseWriter, r *http.Request, req search.Request, res *search.Result, format string) {
	if format != "text" {
		writeResultJSON(w, r, res)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if r.Method == http.MethodHead {
		return
	}
	var b strings.Builder
	_ = search.WriteText(&b, req, res)                 // a Builder does not fail
	_, _ = io.WriteString(w, terminalSafe(b.String())) // a failed write means the client left
}

// resultBufs hold search pages as JSON on their way out.
var resultBufs = sync.Pool{New: func() any { return new([]byte) }}

// writeResultJSON writes res as writeJSON would, through appendResult.
func writeResultJSON(w http.ResponseWriter, r *http.Request, res *search.Result) {
	buf := resultBufs.Get().(*[]byte)
	b, ok := appendResult((*buf)[:0], res)
	if !ok {
		resultBufs.Put(buf)
		writeJSON(w, r, res) // encoding/json's own refusal
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b) // a failed write means the client left
	}
	if cap(b) <= 1<<20 { // an exceptional page does not stay in memory
		*buf = b
		resultBufs.Put(buf)
	}
}

// terminalSafe replaces control characters other than newline and tab:
// the text format is read in terminals, where a title carrying ESC
// sequences from an ingested file could rewrite the screen or the title
// bar.
func terminalSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

// isExport reports whether r asks /search for a streamed export.
func isExport(r *http.Request) bool {
	return slices.Contains(exportFormats, r.URL.Query().Get("format"))
}

// outputFormat picks the response format: the format parameter, else
// text when the client asks for text/plain (curl -H 'Accept: text/plain'),
// else JSON.
func outputFormat(r *http.Request) (string, error) {
	f := r.URL.Query().Get("format")
	switch {
	case slices.Contains(pageFormats, f), slices.Contains(exportFormats, f):
		return f, nil
	case f == "":
		if accept := r.Header.Get("Accept"); strings.Contains(accept, "text/plain") && !strings.Contains(accept, "json") {
			return "text", nil
		}
		return "json", nil
	}
	return "", &search.RequestError{Param: "format", Reason: fmt.Sprintf("%q is not an output format; use one of %s",
		f, strings.Join(append(slices.Clone(pageFormats), exportFormats...), ", "))}
}

// requestFromQuery reads a search.Request from URL parameters.
func requestFromQuery(q url.Values) (search.Request, error) {
	if err := rejectUnknown(q, searchParams); err != nil {
		return search.Request{}, err
	}
	q, err := fromCourtListener(q)
	if err != nil {
		return search.Request{}, err
	}
	req := search.Request{
		Q:           q.Get("q"),
		Statutes:    values(q, "statute"),
		Courts:      values(q, "court"),
		Parties:     values(q, "party"),
		Judges:      values(q, "judge"),
		Types:       values(q, "type"),
		Langs:       values(q, "lang"),
		Years:       values(q, "year"),
		From:        q.Get("from"),
		To:          q.Get("to"),
		Sort:        q.Get("sort"),
		Cursor:      q.Get("cursor"),
		Facets:      values(q, "facet"),
		FacetPrefix: q.Get("facet.prefix"),
	}
	for _, p := range []struct {
		name string
		into *int
	}{{"size", &req.Size}, {"page", &req.Page}, {"facet.size", &req.FacetSize}} {
		if *p.into, err = intParam(q, p.name); err != nil {
			return req, err
		}
	}
	if req.Explain, err = boolParam(q, "explain"); err != nil {
		return req, err
	}
	if req.Passages, err = boolParam(q, "passages"); err != nil {
		return req, err
	}
	return req, nil
}

// rejectUnknown fails on the first (alphabetically) parameter of q not in
// allowed, so a typo such as "statue=" is an error rather than ignored.
func rejectUnknown(q url.Values, allowed []string) error {
	var unknown []string
	for k := range q {
		if !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	return &search.RequestError{Param: unknown[0],
		Reason: fmt.Sprintf("unknown parameter; this endpoint takes %s", strings.Join(allowed, ", "))}
}

// values returns the non-empty values of a repeated parameter.
func values(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func intParam(q url.Values, name string) (int, error) {
	s := q.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &search.RequestError{Param: name, Reason: fmt.Sprintf("%q is not a whole number", s)}
	}
	return n, nil
}

func boolParam(q url.Values, name string) (bool, error) {
	switch s := q.Get(name); s {
	case "", "false", "0", "no":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	default:
		return false, &search.RequestError{Param: name, Reason: fmt.Sprintf("%q is not true or false", s)}
	}
}
