package api

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"time"

	"lexsearch/corpus"
	"lexsearch/search"
)

// The feed's shape, per RFC 4287. Only what readers use is filled.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    string         `xml:"summary,omitempty"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// feedSize is how many entries a feed has unless size= says otherwise.
const feedSize = 20

// handleFeed serves a saved search as an Atom feed: the same parameters as
// /search, newest documents first.
func handleFeed(logger *slog.Logger, idx Index, cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if f := q.Get("format"); f != "" && f != "atom" {
			writeError(w, r, logger, &search.RequestError{Param: "format", Reason: "a feed is Atom; drop format or use /search"})
			return
		}
		q.Del("format")
		req, err := requestFromQuery(q)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		if req.Passages {
			writeError(w, r, logger, &search.RequestError{Param: "passages", Reason: "a feed has one entry per document; use /search?format=csv&passages=true"})
			return
		}
		if req.Sort != "" && req.Sort != search.SortDateDesc {
			writeError(w, r, logger, &search.RequestError{Param: "sort", Reason: "a feed is always newest first; drop sort"})
			return
		}
		req.Sort = search.SortDateDesc
		if req.Size == 0 {
			req.Size = feedSize
		}
		req.Facets = []string{search.FacetNone}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.SearchTimeout)
		defer cancel()
		res, err := idx.Search(ctx, req)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		base := cfg.BaseURL
		self := base + r.URL.RequestURI()
		feed := atomFeed{
			ID:     self,
			Title:  feedTitle(req),
			Author: atomPerson{Name: "lexsearch"},
			Links: []atomLink{
				{Rel: "self", Type: "application/atom+xml", Href: self},
				{Rel: "alternate", Type: "text/html", Href: base + "/search?" + q.Encode()},
				{Rel: "alternate", Type: "application/json", Href: base + "/search?" + withFormat(q, "json").Encode()},
			},
		}
		var newest time.Time
		for _, h := range res.Hits {
			updated := entryUpdated(h, cfg.Originals)
			if updated.After(newest) {
				newest = updated
			}
			page := documentURL(base, h.ID)
			e := atomEntry{
				ID:      "urn:lexsearch:document:" + h.ID,
				Title:   h.Title,
				Updated: updated.Format(time.RFC3339),
				Links: []atomLink{
					{Rel: "alternate", Type: "text/html", Href: page},
					{Rel: "alternate", Type: "application/json", Href: page + "?format=json"},
					{Rel: "related", Type: "text/plain", Href: page + "/text"},
				},
				Categories: []atomCategory{{Term: h.Type}},
			}
			if h.Court != nil {
				e.Categories = append(e.Categories, atomCategory{Term: h.Court.ID, Label: h.Court.Name})
			}
			if len(h.Snippets) > 0 {
				e.Summary = fmt.Sprintf("p. %d: %s", h.Snippets[0].Page, search.PlainSnippet(h.Snippets[0].Text, "", ""))
			}
			feed.Entries = append(feed.Entries, e)
		}
		// The feed changed when its newest entry did; an empty feed has
		// never changed (the epoch), so a poll of it stays the same.
		if newest.IsZero() {
			newest = time.Unix(0, 0).UTC()
		}
		feed.Updated = newest.Format(time.RFC3339)

		var b bytes.Buffer
		b.WriteString(xml.Header)
		enc := xml.NewEncoder(&b)
		enc.Indent("", "  ")
		if err := enc.Encode(feed); err != nil {
			writeError(w, r, logger, err)
			return
		}
		b.WriteString("\n")
		serveConditional(w, r, "application/atom+xml; charset=utf-8", newest, b.Bytes())
	}
}

// entryUpdated is an entry's stable updated time: the document's date,
// else when it was ingested, else the epoch. Never the time of the poll:
// a reader would show an undated document as new on every poll.
func entryUpdated(h search.Hit, originals fs.FS) time.Time {
	if t, err := time.Parse(time.DateOnly, h.Date); err == nil {
		return t
	}
	if t := ingestTime(originals, &corpus.Document{ID: h.ID, Source: h.Source}); !t.IsZero() {
		return t
	}
	return time.Unix(0, 0).UTC()
}

// feedTitle names a feed after its search.
func feedTitle(req search.Request) string {
	t := "lexsearch"
	if req.Q != "" {
		t += ": " + req.Q
	}
	for _, v := range append(append(append([]string{}, req.Statutes...), req.Courts...), req.Types...) {
		t += " · " + v
	}
	return t
}

// withFormat is a copy of q with format set.
func withFormat(q url.Values, format string) url.Values {
	q = maps.Clone(q)
	q.Set("format", format)
	return q
}
