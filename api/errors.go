package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"lexsearch/corpus"
	"lexsearch/search"
)

// A problem is an RFC 9457 problem document. Detail is written for the
// person who sent the request; internal error text never goes in it.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Param     string `json:"param,omitempty"`
	Instance  string `json:"instance,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	// Document is the outcome of an upload that was not indexed (422).
	Document *addedView `json:"document,omitempty"`
}

// writeError maps err to a status and a public message, in this one place.
// Unknown errors are a 500 with a generic message, logged with the request
// id so the detail can be found.
func writeError(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	p := problem{Status: http.StatusInternalServerError, Detail: "internal error; the server log has the details under this request_id"}
	var reqErr *search.RequestError
	switch {
	case errors.As(err, &reqErr):
		p.Status, p.Detail, p.Param = http.StatusBadRequest, reqErr.Error(), reqErr.Param
	case errors.Is(err, corpus.ErrNotFound):
		p.Status, p.Detail = http.StatusNotFound, fmt.Sprintf("no document with id %q", pathVar(r, "id"))
	case errors.Is(err, context.DeadlineExceeded):
		p.Status, p.Detail = http.StatusGatewayTimeout, "the search took too long; narrow it with more words or filters"
	case errors.Is(err, context.Canceled):
		p.Status, p.Detail = 499, "the client went away" // nginx's code: nobody reads it, but logs should not say 500
	}
	if p.Status >= 500 {
		logger.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "err", err, "request_id", requestID(r.Context()))
	}
	writeProblem(w, r, p)
}

// writeProblem fills the problem's common members and writes it.
func writeProblem(w http.ResponseWriter, r *http.Request, p problem) {
	p.Type = "about:blank"
	p.Title = http.StatusText(p.Status)
	if p.Title == "" {
		p.Title = "Client Closed Request"
	}
	p.Instance = r.URL.RequestURI()
	p.RequestID = requestID(r.Context())
	encode(w, r, p.Status, "application/problem+json", p)
}

func handleNotFound() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, r, problem{Status: http.StatusNotFound,
			Detail: fmt.Sprintf("no such endpoint %s; see / for the list", r.URL.Path)})
	}
}

// handleMethodNotAllowed answers 405 with the Allow header RFC 9110
// requires: the methods the routes of this path take.
func handleMethodNotAllowed(router *mux.Router) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		_ = router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
			re, err := route.GetPathRegexp()
			if err != nil || !regexp.MustCompile(re).MatchString(r.URL.Path) {
				return nil
			}
			methods, _ := route.GetMethods()
			for _, m := range methods {
				if !slices.Contains(allow, m) {
					allow = append(allow, m)
				}
			}
			return nil
		})
		slices.Sort(allow)
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeProblem(w, r, problem{Status: http.StatusMethodNotAllowed,
			Detail: fmt.Sprintf("%s does not accept %s; it takes %s", r.URL.Path, r.Method, strings.Join(allow, ", "))})
	}
}
