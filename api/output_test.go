package api_test

import (
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"lexsearch/api"
	"lexsearch/corpus"
	"lexsearch/search"
)

// hostileIndex returns one hit whose fields were written by an attacker.
type hostileIndex struct{ fakeIndex }

func (h *hostileIndex) Search(context.Context, search.Request) (*search.Result, error) {
	return &search.Result{Total: 1, Page: 1, Size: 10, Hits: []search.Hit{{
		ID: "abc", Source: "@evil.txt", Title: "=HYPERLINK(\"http://x.test\",\"<script>alert(1)</script>\")\r\nTY  - JOUR\r\nER  - ",
		Type: "opinion", Docket: "-2+3", Court: &search.Court{ID: "ilnd", Name: "+N.D. Ill.\x1b]0;pwned\x07"},
	}}}, nil
}

func (h *hostileIndex) Each(ctx context.Context, req search.Request, onTotal func(uint64), fn func(search.Hit) error) error {
	res, _ := h.Search(ctx, req)
	onTotal(res.Total)
	return fn(res.Hits[0])
}

func (h *hostileIndex) Document(_ context.Context, id string) (*corpus.Document, error) {
	names := map[string]string{"pdf": "a.pdf", "page": "page.xhtml", "svg": "x.svg"}
	if names[id] == "" {
		return nil, corpus.ErrNotFound
	}
	return &corpus.Document{ID: id, Source: "in/" + names[id]}, nil
}

func (h *hostileIndex) Metadata(ctx context.Context, id string) (*corpus.Document, error) {
	return h.Document(ctx, id)
}

func TestSafeOutput(t *testing.T) {
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), &hostileIndex{}, api.Config{
		BaseURL: "https://search.example.org/",
		Originals: fstest.MapFS{
			"pdf/a.pdf":       {Data: []byte("%PDF-1.7\n...")},
			"page/page.xhtml": {Data: []byte(`<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>`)},
			"svg/x.svg":       {Data: []byte(`<svg onload="alert(1)"/>`)},
		},
	})
	get := func(target string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", target, nil)
		req.Host = "attacker.test"
		req.Header.Set("X-Forwarded-Host", "attacker.test")
		req.Header.Set("X-Forwarded-Proto", "gopher")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
		if strings.Contains(rec.Body.String(), "attacker.test") || strings.Contains(rec.Body.String(), "gopher") {
			t.Errorf("%s: a link was built from request headers:\n%s", target, rec.Body)
		}
		return rec
	}

	for _, tc := range []struct{ id, ctype, disposition string }{
		{"pdf", "application/pdf", "inline"},
		{"page", "text/plain; charset=utf-8", "attachment"},
		{"svg", "text/plain; charset=utf-8", "attachment"},
	} {
		rec := get("/documents/" + tc.id + "/original")
		if rec.Code != 200 || rec.Header().Get("Content-Type") != tc.ctype ||
			!strings.HasPrefix(rec.Header().Get("Content-Disposition"), tc.disposition+"; filename=") {
			t.Errorf("original %s: %d %q %q", tc.id, rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Content-Disposition"))
		}
	}

	rec := get("/search?format=csv")
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("csv: %v %q", err, rows)
	}
	for i, cell := range rows[1] {
		if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
			t.Errorf("csv column %s = %q: a spreadsheet would run it as a formula", rows[0][i], cell)
		}
	}
	if url := rows[1][len(rows[1])-1]; url != "https://search.example.org/documents/abc" {
		t.Errorf("csv url = %q, want it from the configured base URL", url)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		t.Errorf("csv Content-Disposition %q", cd)
	}

	rec = get("/feed.atom")
	body := rec.Body.String()
	if strings.Contains(body, "<script>") || !strings.Contains(body, "&lt;script&gt;") ||
		!strings.Contains(body, `href="https://search.example.org/documents/abc"`) {
		t.Errorf("feed:\n%s", body)
	}

	rec = get("/search?format=ris")
	if !strings.Contains(rec.Body.String(), "UR  - https://search.example.org/documents/abc\r\n") ||
		strings.Contains(rec.Body.String(), "\nTY  - JOUR") || strings.Count(rec.Body.String(), "ER  - \r\n") != 1 {
		t.Errorf("ris: a title started a record of its own, or links are wrong:\n%s", rec.Body)
	}
	if rec := get("/search?format=text"); strings.ContainsAny(rec.Body.String(), "\x1b\x07") {
		t.Errorf("text format passes terminal escapes through:\n%q", rec.Body)
	}
	for _, target := range []string{"/search", "/documents/pdf", "/documents/pdf/text", "/nowhere", "/metrics"} {
		if rec := get(target); rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d without nosniff", target, rec.Code)
		}
	}
}
