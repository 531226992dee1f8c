package api_test

import (
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"lexsearch/search"
)

// fetchWith GETs target from the real server with extra request headers.
func fetchWith(t *testing.T, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, vs := range header {
		req.Header[k] = vs
	}
	realHandler(t).ServeHTTP(rec, req)
	return rec
}

// The feed as RFC 4287 defines it: every element the RELAX NG schema of
// its appendix B requires is a field here, read namespace-aware, and
// checkAtom asserts the rules of sections 4.1.1 and 4.1.2 that a schema
// cannot (author on the feed or every entry, an alternate link where
// there is no content, one alternate link per type). Go has no RELAX NG
// validator, so the rules are checked in Go.
type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"http://www.w3.org/2005/Atom name"`
}

type atomEntry struct {
	IDs      []string     `xml:"http://www.w3.org/2005/Atom id"`
	Titles   []atomText   `xml:"http://www.w3.org/2005/Atom title"`
	Updated  []string     `xml:"http://www.w3.org/2005/Atom updated"`
	Authors  []atomPerson `xml:"http://www.w3.org/2005/Atom author"`
	Links    []atomLink   `xml:"http://www.w3.org/2005/Atom link"`
	Content  []atomText   `xml:"http://www.w3.org/2005/Atom content"`
	Summary  []atomText   `xml:"http://www.w3.org/2005/Atom summary"`
	Category []struct {
		Term string `xml:"term,attr"`
	} `xml:"http://www.w3.org/2005/Atom category"`
}

type atomFeed struct {
	XMLName xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
	IDs     []string     `xml:"http://www.w3.org/2005/Atom id"`
	Titles  []atomText   `xml:"http://www.w3.org/2005/Atom title"`
	Updated []string     `xml:"http://www.w3.org/2005/Atom updated"`
	Authors []atomPerson `xml:"http://www.w3.org/2005/Atom author"`
	Links   []atomLink   `xml:"http://www.w3.org/2005/Atom link"`
	Entries []atomEntry  `xml:"http://www.w3.org/2005/Atom entry"`
}

// checkAtom returns the RFC 4287 violations of a parsed feed.
func checkAtom(f atomFeed) []string {
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	iri := func(where, s string) {
		if u, err := url.Parse(strings.TrimSpace(s)); err != nil || u.Scheme == "" {
			bad("%s: %q is not an absolute IRI (4.2.6)", where, s)
		}
	}
	date := func(where, s string) time.Time {
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
		if err != nil {
			bad("%s: updated %q is not an RFC 3339 date-time (3.3)", where, s)
		}
		return t
	}
	one := func(where, what string, n int) bool {
		if n != 1 {
			bad("%s: %d %s elements, want exactly one (4.1.1, 4.1.2)", where, n, what)
		}
		return n == 1
	}
	if one("feed", "id", len(f.IDs)) {
		iri("feed id", f.IDs[0])
	}
	one("feed", "title", len(f.Titles))
	var feedUpdated time.Time
	if one("feed", "updated", len(f.Updated)) {
		feedUpdated = date("feed", f.Updated[0])
	}
	self := false
	for _, l := range f.Links {
		iri("feed link", l.Href)
		self = self || l.Rel == "self"
	}
	if !self {
		bad("feed: no link rel=self (4.1.1 SHOULD)")
	}
	var newest time.Time
	for i, e := range f.Entries {
		where := fmt.Sprintf("entry %d", i)
		if one(where, "id", len(e.IDs)) {
			iri(where+" id", e.IDs[0])
		}
		if one(where, "title", len(e.Titles)) && strings.TrimSpace(e.Titles[0].Text) == "" {
			bad("%s: empty title", where)
		}
		if one(where, "updated", len(e.Updated)) {
			if t := date(where, e.Updated[0]); t.After(newest) {
				newest = t
			}
		}
		if len(f.Authors) == 0 && len(e.Authors) == 0 {
			bad("%s: no author, and the feed has none (4.1.1)", where)
		}
		alternates := map[string]bool{}
		for _, l := range e.Links {
			iri(where+" link", l.Href)
			if l.Rel == "alternate" || l.Rel == "" {
				if alternates[l.Type] {
					bad("%s: two alternate links of type %q (4.1.1)", where, l.Type)
				}
				alternates[l.Type] = true
			}
		}
		if len(e.Content) == 0 && len(alternates) == 0 {
			bad("%s: no content and no alternate link (4.1.2)", where)
		}
	}
	if len(f.Entries) > 0 && !feedUpdated.Equal(newest) {
		bad("feed updated %s is not its newest entry's %s", feedUpdated, newest)
	}
	return errs
}

func TestFeedIsValidAtom(t *testing.T) {
	rec := fetch(t, "/feed.atom?q=trafficking")
	if rec.Code != 200 {
		t.Fatalf("feed: %d %s", rec.Code, rec.Body)
	}
	var f atomFeed
	if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) < 2 {
		t.Fatalf("feed has %d entries", len(f.Entries))
	}
	for _, e := range checkAtom(f) {
		t.Error(e)
	}
	// A feed reader opens the alternate link: the HTML page, absolute;
	// the JSON is a second alternate.
	for _, e := range f.Entries {
		var html, js string
		for _, l := range e.Links {
			switch {
			case l.Rel == "alternate" && l.Type == "text/html":
				html = l.Href
			case l.Rel == "alternate" && l.Type == "application/json":
				js = l.Href
			}
		}
		if !strings.HasPrefix(html, "http://localhost/documents/") || strings.Contains(html, "?") {
			t.Errorf("entry %s: HTML alternate %q", e.IDs, html)
		}
		if js != html+"?format=json" {
			t.Errorf("entry %s: JSON alternate %q", e.IDs, js)
		}
	}
	var feedHTML bool
	for _, l := range f.Links {
		feedHTML = feedHTML || l.Rel == "alternate" && l.Type == "text/html" && strings.HasPrefix(l.Href, "http://localhost/search?")
	}
	if !feedHTML {
		t.Errorf("feed links %+v: no HTML alternate (the search page)", f.Links)
	}
	// The checker itself finds what a broken feed lacks.
	broken := f
	broken.Updated = []string{"yesterday"}
	broken.Entries = append([]atomEntry{{IDs: []string{"no-scheme"}, Titles: []atomText{{Text: "x"}}, Updated: []string{"2020-01-01T00:00:00Z"}}}, f.Entries...)
	if errs := checkAtom(broken); len(errs) < 3 {
		t.Errorf("checkAtom missed errors of a broken feed: %q", errs)
	}
}

// Feeds, documents and their text carry an ETag; a client that sends it
// back gets a 304 without a body, and the same feed polled twice is the
// same bytes (updated is never the time of the poll).
func TestConditionalGET(t *testing.T) {
	id := fetchResult(t, url.Values{"court": {"ilnd"}}).Hits[0].ID
	for _, target := range []string{"/feed.atom?q=trafficking", "/documents/" + id, "/documents/" + id + "/text", "/documents/" + id + "/text?page=1"} {
		first := fetchWith(t, target, http.Header{"Accept": {"application/json"}})
		etag := first.Header().Get("ETag")
		if first.Code != 200 || !strings.HasPrefix(etag, `"`) {
			t.Errorf("%s: %d, ETag %q", target, first.Code, etag)
			continue
		}
		again := fetchWith(t, target, http.Header{"Accept": {"application/json"}})
		if again.Body.String() != first.Body.String() || again.Header().Get("ETag") != etag {
			t.Errorf("%s: two fetches differ", target)
		}
		rec := fetchWith(t, target, http.Header{"If-None-Match": {etag}, "Accept": {"application/json"}})
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Errorf("%s with If-None-Match %s: %d, %d bytes", target, etag, rec.Code, rec.Body.Len())
		}
		rec = fetchWith(t, target, http.Header{"If-None-Match": {`"stale"`}, "Accept": {"application/json"}})
		if rec.Code != 200 || rec.Body.Len() == 0 {
			t.Errorf("%s with a stale ETag: %d", target, rec.Code)
		}
		if lm := first.Header().Get("Last-Modified"); lm != "" {
			rec = fetchWith(t, target, http.Header{"If-Modified-Since": {lm}, "Accept": {"application/json"}})
			if rec.Code != http.StatusNotModified {
				t.Errorf("%s with If-Modified-Since %s: %d", target, lm, rec.Code)
			}
		}
	}
	if lm := fetch(t, "/feed.atom?q=trafficking").Header().Get("Last-Modified"); lm == "" {
		t.Errorf("feed has no Last-Modified")
	}
}

// Large answers come gzipped to a client that accepts it, and decompress to
// the same bytes; a document's text keeps its 304 in gzipped form.
func TestGzipOverHTTP(t *testing.T) {
	for _, target := range []string{"/search?size=20", "/search?format=csv", "/feed.atom"} {
		plain := fetch(t, target)
		rec := fetchWith(t, target, http.Header{"Accept-Encoding": {"gzip"}})
		if rec.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: not gzipped (%d bytes plain)", target, plain.Body.Len())
			continue
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		// took_ms differs between two searches
		if strip := func(s string) string { return tookMS.ReplaceAllString(s, "") }; strip(string(got)) != strip(plain.Body.String()) {
			t.Errorf("%s: gzipped body differs from the plain one", target)
		}
	}
	id := fetchResult(t, url.Values{"court": {"ilnd"}}).Hits[0].ID
	rec := fetchWith(t, "/documents/"+id+"/text", http.Header{"Accept-Encoding": {"gzip"}})
	etag := rec.Header().Get("ETag")
	if rec.Header().Get("Content-Encoding") != "gzip" || !strings.HasSuffix(etag, `-gzip"`) {
		t.Fatalf("text: %s", rec.Header())
	}
	if rec := fetchWith(t, "/documents/"+id+"/text", http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {etag}}); rec.Code != http.StatusNotModified {
		t.Errorf("gzipped ETag sent back: %d", rec.Code)
	}
}

var tookMS = regexp.MustCompile(`"took_ms": [0-9.]+`)

// next and previous are URLs a client follows as they are, also sent as
// an RFC 8288 Link header; following next from page 1 and from a cursor
// page walks every hit once, and previous leads back.
func TestNextAndPreviousURLs(t *testing.T) {
	all := fetchResult(t, url.Values{"size": {"100"}, "sort": {"-date"}})
	if len(all.Hits) < 3 {
		t.Fatalf("want at least 3 hits, got %d", len(all.Hits))
	}
	follow := func(u string) (search.Result, http.Header) {
		t.Helper()
		if !strings.HasPrefix(u, "http://localhost/search?") {
			t.Fatalf("link %q is not an absolute /search URL", u)
		}
		rec := fetch(t, strings.TrimPrefix(u, "http://localhost"))
		var res search.Result
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil || rec.Code != 200 {
			t.Fatalf("GET %s: %d %v", u, rec.Code, err)
		}
		return res, rec.Header()
	}
	for _, start := range []string{"http://localhost/search?size=1&sort=-date", "http://localhost/search?size=1&sort=-date&cursor="} {
		var seen []string
		var pages []string
		u := start
		if strings.HasSuffix(u, "cursor=") { // the second walk starts from a cursor page
			first := fetchResult(t, url.Values{"size": {"1"}, "sort": {"-date"}})
			seen = append(seen, first.Hits[0].ID)
			u += first.NextCursor
		}
		for u != "" && len(seen) <= len(all.Hits) {
			res, h := follow(u)
			pages = append(pages, u)
			for _, hit := range res.Hits {
				seen = append(seen, hit.ID)
			}
			link := h.Get("Link")
			if res.Next != "" && !strings.Contains(link, "<"+res.Next+`>; rel="next"`) {
				t.Errorf("Link %q lacks next %s", link, res.Next)
			}
			if res.Previous != "" && !strings.Contains(link, "<"+res.Previous+`>; rel="prev"`) {
				t.Errorf("Link %q lacks prev %s", link, res.Previous)
			}
			if len(pages) > 1 && res.Previous == "" {
				t.Errorf("page %s has no previous", u)
			}
			if res.Previous != "" {
				back, _ := follow(res.Previous)
				if len(back.Hits) != 1 || back.Hits[0].ID != seen[len(seen)-2] {
					t.Errorf("previous of %s does not lead to hit %s", u, seen[len(seen)-2])
				}
			}
			if (res.Next == "") != (res.NextCursor == "") {
				t.Errorf("next %q and next_cursor %q disagree", res.Next, res.NextCursor)
			}
			u = res.Next
		}
		var want []string
		for _, h := range all.Hits {
			want = append(want, h.ID)
		}
		if !slices.Equal(seen, want) {
			t.Errorf("from %s, next walked %q, want %q", start, seen, want)
		}
	}
}
