package api

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func gunzip(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCompress(t *testing.T) {
	big := strings.Repeat("trafficking liability ", 200)
	h := compress(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Header().Set("Content-Type", "text/plain")
			w.Header().Set("ETag", `"abc"`)
			http.ServeContent(w, r, "", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), strings.NewReader(big))
		case "/small":
			io.WriteString(w, "ok")
		case "/pdf":
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, big)
		case "/stream":
			for i := 0; i < 3; i++ {
				io.WriteString(w, "row\n")
				http.NewResponseController(w).Flush()
			}
		case "/error":
			http.Error(w, big, http.StatusBadRequest)
		}
	}))
	get := func(path string, header http.Header) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", path, nil)
		for k, v := range header {
			req.Header[k] = v
		}
		h.ServeHTTP(rec, req)
		return rec
	}
	gz := http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}}

	rec := get("/big", gz)
	if rec.Header().Get("Content-Encoding") != "gzip" || gunzip(t, rec) != big {
		t.Fatalf("big answer not gzipped round trip: %s", rec.Header())
	}
	if rec.Header().Get("Vary") != "Accept-Encoding" || rec.Header().Get("Content-Length") != "" || rec.Header().Get("Accept-Ranges") != "" {
		t.Errorf("gzipped headers: %s", rec.Header())
	}
	etag := rec.Header().Get("ETag")
	if etag != `"abc-gzip"` {
		t.Errorf("gzipped ETag %q, want a representation of its own", etag)
	}
	if rec := get("/big", http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {etag}}); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match with the gzip ETag: %d", rec.Code)
	}
	if rec := get("/big", http.Header{"Accept-Encoding": {"gzip"}, "Range": {"bytes=0-9"}}); rec.Code != http.StatusPartialContent || rec.Body.String() != big[:10] {
		t.Errorf("a range is of the plain answer: %d %q", rec.Code, rec.Body)
	}
	for _, tc := range []struct {
		path string
		hdr  http.Header
	}{{"/big", nil}, {"/big", http.Header{"Accept-Encoding": {"gzip;q=0"}}}, {"/small", gz}, {"/pdf", gz}, {"/error", gz}} {
		rec := get(tc.path, tc.hdr)
		if rec.Header().Get("Content-Encoding") != "" || rec.Body.Len() == 0 {
			t.Errorf("%s %v: compressed (%s) or empty", tc.path, tc.hdr, rec.Header())
		}
	}
	rec = get("/stream", gz)
	if rec.Header().Get("Content-Encoding") != "gzip" || gunzip(t, rec) != "row\nrow\nrow\n" || !rec.Flushed {
		t.Errorf("stream: %s", rec.Header())
	}
}
