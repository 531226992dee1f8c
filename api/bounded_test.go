package api_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"lexsearch/api"
	"lexsearch/search"
)

// endlessIndex streams hits until its context ends, as a huge export
// would.
type endlessIndex struct{ fakeIndex }

func (e *endlessIndex) Each(ctx context.Context, _ search.Request, onTotal func(uint64), fn func(search.Hit) error) error {
	onTotal(1 << 40)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(search.Hit{ID: "abc", Title: "row"}); err != nil {
			return err
		}
	}
}

func TestExportStopsAtItsDeadline(t *testing.T) {
	var logs bytes.Buffer
	h := api.NewServer(slog.New(slog.NewTextHandler(&logs, nil)), &endlessIndex{}, api.Config{ExportTimeout: 100 * time.Millisecond})
	done := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/search?format=ndjson", nil))
		done <- rec
	}()
	select {
	case rec := <-done:
		if rec.Code != 200 || !strings.HasPrefix(rec.Body.String(), `{"id":"abc"`) {
			t.Errorf("export: %d %.100s", rec.Code, rec.Body)
		}
		if !strings.Contains(logs.String(), "export cut short") {
			t.Errorf("the cut export was not logged:\n%s", logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the export ran past its deadline")
	}
}

func TestLogsKeepQueriesOutAtInfo(t *testing.T) {
	for _, tc := range []struct {
		level     slog.Level
		wantQuery bool
	}{{slog.LevelInfo, false}, {slog.LevelDebug, true}} {
		var logs bytes.Buffer
		h := api.NewServer(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: tc.level})), &fakeIndex{}, api.Config{})
		req := httptest.NewRequest("GET", "/search?q=sealed+matter+jane+roe", nil)
		req.Header.Set("X-Request-ID", "req-77")
		h.ServeHTTP(httptest.NewRecorder(), req)
		out := logs.String()
		if got := strings.Contains(out, "sealed"); got != tc.wantQuery {
			t.Errorf("level %s: query in the log = %v, want %v:\n%s", tc.level, got, tc.wantQuery, out)
		}
		if !strings.Contains(out, "request_id=req-77") || !strings.Contains(out, "route=/search") || !strings.Contains(out, "status=200") {
			t.Errorf("level %s: access line lacks request id, route or status:\n%s", tc.level, out)
		}
	}
}

// FuzzUpload sends arbitrary bodies, names and content types to POST
// /documents: never a 5xx, and a 4xx is always problem+json.
func FuzzUpload(f *testing.F) {
	f.Add("a.txt", "", "some text")
	f.Add("", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.pdf\"\r\n\r\n%PDF-1.4\r\n--b--\r\n")
	f.Add("", "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--b")
	f.Add("..", "text/html", "<html>")
	f.Add("x.png", "image/png", "\x89PNG\r\n\x1a\n")
	f.Add("%zz", "multipart/form-data", "")
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), &fakeIndex{}, api.Config{
		Writer: &fakeWriter{}, Token: "t", MaxUpload: 1 << 16,
	})
	f.Fuzz(func(t *testing.T, name, ctype, body string) {
		req := httptest.NewRequest("POST", "/documents", strings.NewReader(body))
		req.URL.RawQuery = "name=" + name
		req.Header.Set("Content-Type", ctype)
		req.Header.Set("Authorization", "Bearer t")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("name %q type %q: %d %s", name, ctype, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
			t.Fatalf("name %q type %q: %d as %q", name, ctype, rec.Code, rec.Header().Get("Content-Type"))
		}
		if rec.Code < 300 && rec.Code != http.StatusOK && rec.Code != http.StatusCreated {
			t.Fatalf("name %q: %d", name, rec.Code)
		}
	})
}
