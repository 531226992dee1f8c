package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"lexsearch/search"
)

// handleCitations is POST /citations: a text in (a brief, an opinion, an
// email), every case citation and statute in it out, each with the
// documents of the collection that are that case or cite it. The body is
// the text itself (text/plain), a form with a `text` field (as
// CourtListener's citation-lookup API takes it), or JSON {"text": "..."}.
func handleCitations(logger *slog.Logger, idx Index, cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.Query()) > 0 {
			writeProblem(w, r, problem{Status: http.StatusBadRequest,
				Detail: "POST /citations takes no query parameters; send the text as the body"})
			return
		}
		text, status, msg := citationText(r)
		if status != http.StatusOK {
			writeProblem(w, r, problem{Status: status, Detail: msg})
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.SearchTimeout)
		defer cancel()
		found, err := idx.LookupCitations(ctx, text)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		writeJSON(w, r, found)
	}
}

// citationText reads the text of a POST /citations body, or says why not
// with the status to answer.
func citationText(r *http.Request) (string, int, string) {
	body, err := io.ReadAll(io.LimitReader(r.Body, search.MaxCiteText+1))
	if err != nil {
		return "", http.StatusBadRequest, "could not read the body: " + err.Error()
	}
	if len(body) > search.MaxCiteText {
		return "", http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is over %d bytes (about 64,000 characters); send a long text in parts", search.MaxCiteText)
	}
	ct := r.Header.Get("Content-Type")
	media := "text/plain"
	if ct != "" {
		m, _, err := mime.ParseMediaType(ct)
		if err != nil {
			return "", http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q cannot be read: %v", ct, err)
		}
		media = m
	}
	var text string
	switch media {
	case "text/plain":
		text = string(body)
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return "", http.StatusBadRequest, "the form body cannot be read: " + err.Error()
		}
		if len(form["text"]) != 1 {
			return "", http.StatusBadRequest, "send the text in exactly one form field named text (text=...)"
		}
		text = form.Get("text")
	case "application/json":
		var in struct {
			Text *string `json:"text"`
		}
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil || in.Text == nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return "", http.StatusBadRequest, fmt.Sprintf("the JSON body is malformed at byte %d: %v", se.Offset, err)
			}
			return "", http.StatusBadRequest, `send JSON as {"text": "..."}`
		}
		text = *in.Text
	default:
		return "", http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %s is not read here; send text/plain, application/x-www-form-urlencoded (text=...) or application/json ({\"text\": ...})", media)
	}
	if strings.TrimSpace(text) == "" {
		return "", http.StatusBadRequest, "the text is empty; send the passage whose citations to look up"
	}
	return text, http.StatusOK, ""
}
