package api_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"lexsearch/api"
	"lexsearch/search"
)

// pageIndex answers every search with the same page: ten hits of three
// snippets each and six facets of ten values, the shape of the query mix
// lexbench sends, so a benchmark measures what the API adds to a search.
type pageIndex struct {
	fakeIndex
	res search.Result
}

func newPageIndex() *pageIndex {
	p := &pageIndex{res: search.Result{Total: 12345, TookMS: 3.21, Page: 1, Size: 10, NextCursor: strings.Repeat("c", 60),
		Facets: map[string][]search.Bucket{}}}
	words := strings.Fields("the court held that the platform knowingly benefited from participation in a venture " +
		"which it knew or should have known engaged in sex trafficking under section 1595 and that section 230 " +
		"does not bar the claim because the complaint alleges")
	text := func(seed int) string {
		var b strings.Builder
		x := uint32(seed*2654435761 + 1)
		for i := 0; b.Len() < 240; i++ {
			x = x*1664525 + 1013904223
			w := words[int(x>>16)%len(words)]
			if x%7 == 0 {
				w = fmt.Sprint(x % 100000)
			}
			if i%11 == 5 {
				w = "<mark>" + w + "</mark>"
			}
			b.WriteString(w + " ")
		}
		return "… " + b.String() + "…"
	}
	for i := range 10 {
		h := search.Hit{ID: fmt.Sprintf("%016x", i*7919), Source: fmt.Sprintf("opinion-%06d.txt", i),
			Title: fmt.Sprintf("Doe %d v. Backpage.com, LLC", i), Type: "opinion",
			Court: &search.Court{ID: "ilnd", Name: "N.D. Ill."}, Docket: "1:20-cv-0233" + fmt.Sprint(i), Date: "2022-05-16",
			Lang: "en", Score: 2.125 - float64(i)/10, Statutes: []string{"18 U.S.C. § 1591", "18 U.S.C. § 1595", "47 U.S.C. § 230"}}
		for s := range 3 {
			h.Snippets = append(h.Snippets, search.Snippet{Page: s + 1, Text: text(i*3 + s)})
		}
		p.res.Hits = append(p.res.Hits, h)
	}
	for _, f := range []string{"statute", "court", "party", "judge", "type", "year"} {
		for v := range 10 {
			p.res.Facets[f] = append(p.res.Facets[f], search.Bucket{Value: fmt.Sprintf("%s value %d", f, v), Count: 1000 - 90*v})
		}
	}
	for y := 1996; y < 2026; y++ {
		p.res.Histogram = append(p.res.Histogram, search.Bucket{Value: fmt.Sprint(y), Count: y - 1990})
	}
	return p
}

func (p *pageIndex) Search(context.Context, search.Request) (*search.Result, error) {
	res := p.res // the handler sets the page links on its copy
	return &res, nil
}

func (p *pageIndex) Each(_ context.Context, _ search.Request, onTotal func(uint64), fn func(search.Hit) error) error {
	onTotal(uint64(len(p.res.Hits)))
	for _, h := range p.res.Hits {
		if err := fn(h); err != nil {
			return err
		}
	}
	return nil
}

// TestGzipSameAnswer checks that a client that accepts gzip reads, once
// it is decompressed (by the standard library's reader), the same bytes
// as one that does not, in every output format.
func TestGzipSameAnswer(t *testing.T) {
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), newPageIndex(), api.Config{})
	for _, format := range []string{"json", "text", "csv", "ndjson", "ris", "csl"} {
		get := func(enc string) (string, string) {
			req := httptest.NewRequest("GET", "/search?q=trafficking&facet=court&format="+format, nil)
			req.Header.Set("Accept-Encoding", enc)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				t.Fatalf("format=%s: status %d: %s", format, rec.Code, rec.Body)
			}
			return rec.Header().Get("Content-Encoding"), rec.Body.String()
		}
		_, plain := get("identity")
		ce, body := get("gzip")
		if ce != "gzip" {
			t.Errorf("format=%s: %d bytes sent with Content-Encoding %q, want gzip", format, len(body), ce)
			continue
		}
		zr, err := gzip.NewReader(strings.NewReader(body))
		if err != nil {
			t.Fatalf("format=%s: %v", format, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("format=%s: %v", format, err)
		}
		if string(got) != plain {
			t.Errorf("format=%s: gzipped answer decompresses to %d bytes that differ from the %d plain ones", format, len(got), len(plain))
		}
	}
}

// BenchmarkSearchPage is one /search answer through the whole server
// (routing, middleware, JSON, gzip) over a search that costs nothing.
func BenchmarkSearchPage(b *testing.B) {
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), newPageIndex(), api.Config{})
	for _, enc := range []string{"gzip", "identity"} {
		b.Run(enc, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				req := httptest.NewRequest("GET", "/search?q=trafficking&size=10&facet=statute&facet=court&facet=party&facet=judge&facet=type&facet=year", nil)
				req.Header.Set("Accept-Encoding", enc)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
				n = rec.Body.Len()
			}
			b.ReportMetric(float64(n), "bytes/answer")
		})
	}
}
