package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"lexsearch/api"
	"lexsearch/corpus"
	"lexsearch/search"
)

// fakeIndex answers from fixed values, and records the last request.
type fakeIndex struct {
	last  search.Request
	err   error
	panic bool
}

func (f *fakeIndex) Search(_ context.Context, req search.Request) (*search.Result, error) {
	if f.panic {
		panic("boom")
	}
	f.last = req
	if f.err != nil {
		return nil, f.err
	}
	return &search.Result{Total: 1, Page: 1, Size: 10, Hits: []search.Hit{{
		ID: "abc", Source: "gg.txt", Title: "G.G. v. Salesforce.com, Inc.", Type: "opinion",
		Court:    &search.Court{ID: "ilnd", Name: "N.D. Ill."},
		Snippets: []search.Snippet{{Page: 7, Text: "<mark>Section</mark> <mark>230</mark> functions"}},
	}}, Facets: map[string][]search.Bucket{"court": {{Value: "ilnd", Name: "N.D. Ill.", Count: 1}}}}, nil
}

func (f *fakeIndex) Joinable(search.Request) bool { return false }

func (f *fakeIndex) Each(ctx context.Context, req search.Request, onTotal func(uint64), fn func(search.Hit) error) error {
	res, err := f.Search(ctx, req)
	if err != nil {
		return err
	}
	onTotal(res.Total)
	for _, h := range res.Hits {
		if err := fn(h); err != nil {
			return err
		}
	}
	return nil
}

func (f *fakeIndex) Similar(ctx context.Context, id string, size int) (*search.Result, error) {
	if _, err := f.Document(ctx, id); err != nil {
		return nil, err
	}
	return f.Search(ctx, search.Request{})
}

func (f *fakeIndex) Entities(context.Context, string, string, int) ([]search.EntityValue, error) {
	return []search.EntityValue{{Value: "ilnd", Name: "N.D. Ill.", Count: 1}}, nil
}

func (f *fakeIndex) Metadata(ctx context.Context, id string) (*corpus.Document, error) {
	doc, err := f.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, p := range doc.Pages {
		doc.PageNumbers = append(doc.PageNumbers, p.Number)
	}
	doc.Pages = nil
	return doc, nil
}

func (f *fakeIndex) Document(_ context.Context, id string) (*corpus.Document, error) {
	if id != "abc" {
		return nil, corpus.ErrNotFound
	}
	return &corpus.Document{ID: "abc", Source: "dir/gg.txt", Type: "opinion", Title: "G.G.",
		Pages: []corpus.Page{{Number: 6, Text: "first"}, {Number: 7, Text: "second"}}}, nil
}

func (f *fakeIndex) Count() (uint64, error) { return 1, nil }

func (f *fakeIndex) LookupCitations(context.Context, string) ([]search.Found, error) { return nil, nil }

func serve(t *testing.T, idx *fakeIndex, target string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), idx, api.Config{
		Originals: fstest.MapFS{"abc/gg.txt": {Data: []byte("the original")}},
	})
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestSearchParams(t *testing.T) {
	idx := &fakeIndex{}
	rec := serve(t, idx, "/search?q=section+230&court=ilnd&court=cand&statute=FOSTA&size=5&page=2&sort=-date", nil)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	got := idx.last
	if got.Q != "section 230" || strings.Join(got.Courts, "|") != "ilnd|cand" || got.Statutes[0] != "FOSTA" ||
		got.Size != 5 || got.Page != 2 || got.Sort != "-date" {
		t.Errorf("request = %+v", got)
	}
	if !strings.Contains(rec.Body.String(), `"<mark>Section</mark>`) {
		t.Errorf("snippet HTML was escaped in JSON: %s", rec.Body)
	}
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name, target string
		idx          *fakeIndex
		status       int
		detail       string
	}{
		{"bad size", "/search?size=ten", &fakeIndex{}, 400, `"ten" is not a whole number`},
		{"unknown param", "/search?statue=FOSTA", &fakeIndex{}, 400, "unknown parameter"},
		{"another engine's page size", "/search?q=x&limit=5", &fakeIndex{}, 400, `unknown parameter "limit"; use size= here`},
		{"another engine's offset", "/search?q=x&Offset=20", &fakeIndex{}, 400, `use from= here`},
		{"another engine's query text", "/search?query=x", &fakeIndex{}, 400, `use q= here`},
		{"bad format", "/search?format=xml", &fakeIndex{}, 400, "not an output format"},
		{"request error from search", "/search?q=x", &fakeIndex{err: &search.RequestError{Param: "q", Reason: "unbalanced quote at character 3"}}, 400, "unbalanced quote at character 3"},
		{"timeout", "/search?q=x", &fakeIndex{err: context.DeadlineExceeded}, 504, "took too long"},
		{"internal error hides detail", "/search?q=x", &fakeIndex{err: errors.New("segment 7 corrupt")}, 500, "internal error"},
		{"panic", "/search?q=x", &fakeIndex{panic: true}, 500, "internal error"},
		{"no document", "/documents/zzz", &fakeIndex{}, 404, `no document with id "zzz"`},
		{"no route", "/nowhere", &fakeIndex{}, 404, "no such endpoint"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := serve(t, tc.idx, tc.target, nil)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("Content-Type %q", ct)
			}
			var p map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			if d, _ := p["detail"].(string); !strings.Contains(d, tc.detail) || strings.Contains(d, "segment 7") {
				t.Errorf("detail %q, want it to contain %q", d, tc.detail)
			}
			if p["request_id"] == "" || rec.Header().Get("X-Request-ID") == "" {
				t.Error("no request id on an error")
			}
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), &fakeIndex{}, api.Config{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/search", nil))
	if rec.Code != http.StatusMethodNotAllowed || !strings.Contains(rec.Body.String(), "does not accept POST") {
		t.Errorf("POST /search: %d %s", rec.Code, rec.Body)
	}
}

func TestRequestIDPassedThrough(t *testing.T) {
	rec := serve(t, &fakeIndex{}, "/healthz", http.Header{"X-Request-Id": {"trace-42"}})
	if got := rec.Header().Get("X-Request-ID"); got != "trace-42" {
		t.Errorf("X-Request-ID = %q, want the caller's", got)
	}
	rec = serve(t, &fakeIndex{}, "/healthz", http.Header{"X-Request-Id": {"bad id\nwith newline"}})
	if got := rec.Header().Get("X-Request-ID"); strings.ContainsAny(got, " \n") || got == "" {
		t.Errorf("X-Request-ID = %q, want a fresh one", got)
	}
}

func TestTextFormat(t *testing.T) {
	for _, tc := range []struct {
		target string
		accept string
	}{{"/search?q=x&format=text", ""}, {"/search?q=x", "text/plain"}} {
		rec := serve(t, &fakeIndex{}, tc.target, http.Header{"Accept": {tc.accept}})
		body := rec.Body.String()
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") ||
			!strings.Contains(body, "p. 7: «Section» «230» functions") || !strings.Contains(body, "N.D. Ill.") {
			t.Errorf("%s (Accept %q):\n%s", tc.target, tc.accept, body)
		}
	}
}

func TestDocumentTextAndOriginal(t *testing.T) {
	rec := serve(t, &fakeIndex{}, "/documents/abc/text", nil)
	if want := "=== page 6 ===\nfirst\n\n=== page 7 ===\nsecond\n"; !strings.HasPrefix(rec.Body.String(), want) {
		t.Errorf("text = %q, want %q", rec.Body, want)
	}
	rec = serve(t, &fakeIndex{}, "/documents/abc/original", nil)
	if rec.Body.String() != "the original" || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Errorf("original = %q (%s)", rec.Body, rec.Header().Get("Content-Type"))
	}
	rec = serve(t, &fakeIndex{}, "/documents/abc", nil)
	var doc map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["source"] != "dir/gg.txt" || doc["pages"] != nil || doc["text_url"] != "/documents/abc/text" {
		t.Errorf("document = %v", doc)
	}
}

func TestReadyz(t *testing.T) {
	rec := serve(t, &fakeIndex{}, "/readyz", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"documents": 1`) {
		t.Errorf("readyz: %d %s", rec.Code, rec.Body)
	}
}
