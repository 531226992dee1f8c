package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"lexsearch/search"
)

// searchParams are the query parameters /search accepts. Any other is a
// 400, so a typo such as "statue=" is not silently ignored.
var searchParams = []string{"q", "statute", "court", "party", "judge", "type", "lang", "year",
	"from", "to", "sort", "size", "page", "format"}

func handleSearch(logger *slog.Logger, idx Index, cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		format, err := outputFormat(r)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		req, err := requestFromQuery(q)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.SearchTimeout)
		defer cancel()
		res, err := idx.Search(ctx, req)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		if format == "text" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			if r.Method != http.MethodHead {
				_ = search.WriteText(w, req, res)
			}
			return
		}
		writeJSON(w, r, res)
	}
}

// outputFormat picks the response format: the format parameter, else
// text when the client asks for text/plain (curl -H 'Accept: text/plain'),
// else JSON.
func outputFormat(r *http.Request) (string, error) {
	switch f := r.URL.Query().Get("format"); f {
	case "json", "text":
		return f, nil
	case "":
		if accept := r.Header.Get("Accept"); strings.Contains(accept, "text/plain") && !strings.Contains(accept, "json") {
			return "text", nil
		}
		return "json", nil
	default:
		return "", &search.RequestError{Param: "format", Reason: fmt.Sprintf("%q is not an output format; use json or text", f)}
	}
}

// requestFromQuery reads a search.Request from URL parameters.
func requestFromQuery(q url.Values) (search.Request, error) {
	var unknown []string
	for k := range q {
		if !slices.Contains(searchParams, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return search.Request{}, &search.RequestError{Param: unknown[0],
			Reason: fmt.Sprintf("unknown parameter; /search takes %s", strings.Join(searchParams, ", "))}
	}
	req := search.Request{
		Q:        q.Get("q"),
		Statutes: values(q, "statute"),
		Courts:   values(q, "court"),
		Parties:  values(q, "party"),
		Judges:   values(q, "judge"),
		Types:    values(q, "type"),
		Langs:    values(q, "lang"),
		Years:    values(q, "year"),
		From:     q.Get("from"),
		To:       q.Get("to"),
		Sort:     q.Get("sort"),
	}
	var err error
	if req.Size, err = intParam(q, "size"); err != nil {
		return req, err
	}
	if req.Page, err = intParam(q, "page"); err != nil {
		return req, err
	}
	return req, nil
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
