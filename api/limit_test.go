package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"lexsearch/api"
	"lexsearch/search"
)

// slowIndex holds every search until release is closed.
type slowIndex struct {
	fakeIndex
	release chan struct{}
}

func (s *slowIndex) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	select {
	case <-s.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return &search.Result{Total: 0, Page: 1, Size: 10, Hits: []search.Hit{}}, nil
}

func TestOverloadGets429NotErrors(t *testing.T) {
	idx := &slowIndex{release: make(chan struct{})}
	srv := httptest.NewServer(api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), idx, api.Config{
		MaxSearches: 2, SearchQueue: 2, QueueWait: 100 * time.Millisecond,
	}))
	defer srv.Close()

	const clients = 20
	codes := make([]int, clients)
	retry := make([]string, clients)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			resp, err := http.Get(srv.URL + "/search?q=x")
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			codes[i], retry[i] = resp.StatusCode, resp.Header.Get("Retry-After")
			if resp.StatusCode == 429 {
				var p struct{ Detail string }
				if json.NewDecoder(resp.Body).Decode(&p) != nil || !strings.Contains(p.Detail, "Retry-After") ||
					!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") {
					t.Errorf("429 body is not a problem naming Retry-After")
				}
			}
		})
	}
	// The first searches hold their slots until every rejected client has
	// had its answer; then they finish.
	time.Sleep(400 * time.Millisecond)
	close(idx.release)
	wg.Wait()

	ok, busy := 0, 0
	for i, c := range codes {
		switch c {
		case 200:
			ok++
		case 429:
			busy++
			if retry[i] == "" {
				t.Errorf("429 without Retry-After")
			}
		default:
			t.Errorf("status %d; overload must give 200 or 429", c)
		}
	}
	if ok < 2 || busy < clients-4 {
		t.Errorf("%d answered, %d rejected; want the 2 slots used and the rest (beyond a queue of 2) rejected", ok, busy)
	}

	// The rejections are counted in /metrics.
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		"lexsearch_searches_rejected_total " + itoa(busy),
		`lexsearch_http_requests_total{code="429",method="GET",route="/search"} ` + itoa(busy),
		`lexsearch_http_request_duration_seconds_bucket{route="/search"`,
		"lexsearch_index_documents 1",
		"go_goroutines",
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(string(body), "q=x") {
		t.Error("/metrics leaks query text")
	}
}

// exportingIndex holds every export (Each) until release is closed;
// searches answer at once.
type exportingIndex struct {
	fakeIndex
	started chan struct{}
	release chan struct{}
}

func (x *exportingIndex) Each(ctx context.Context, req search.Request, onTotal func(uint64), fn func(search.Hit) error) error {
	x.started <- struct{}{}
	select {
	case <-x.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	return x.fakeIndex.Each(ctx, req, onTotal, fn)
}

func TestLongExportDoesNotHoldUpSearches(t *testing.T) {
	idx := &exportingIndex{started: make(chan struct{}, 4), release: make(chan struct{})}
	srv := httptest.NewServer(api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), idx, api.Config{
		MaxSearches: 1, SearchQueue: 1, MaxExports: 1, QueueWait: 100 * time.Millisecond,
	}))
	defer srv.Close()
	release := sync.OnceFunc(func() { close(idx.release) })
	defer release() // before srv.Close, which waits for the export
	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Error(err)
			return 0, ""
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}

	var wg sync.WaitGroup
	var exportCode int
	wg.Go(func() { exportCode, _ = get("/search?q=x&format=csv") })
	<-idx.started // the export holds its slot from here on

	// Searches still run, one after another, in their own slot.
	for range 3 {
		if code, body := get("/search?q=x"); code != 200 {
			t.Fatalf("search while an export runs: %d %s; want 200", code, body)
		}
	}
	// A second export waits for the one slot, then gets a 429.
	if code, body := get("/search?q=x&format=ndjson"); code != 429 || !strings.Contains(body, "Retry-After") {
		t.Errorf("second export while one runs: %d %s; want 429 naming Retry-After", code, body)
	}
	release()
	wg.Wait()
	if exportCode != 200 {
		t.Errorf("the long export ended with %d, want 200", exportCode)
	}
}

// sharingIndex holds every search until release is closed, except the
// ones it calls joinable, which answer at once: they stand for searches
// that wait for an identical one already running.
type sharingIndex struct {
	slowIndex
	joinable string
}

func (s *sharingIndex) Joinable(req search.Request) bool { return req.Q == s.joinable }

func (s *sharingIndex) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	if req.Q == s.joinable {
		return &search.Result{Total: 0, Page: 1, Size: 10, Hits: []search.Hit{}}, nil
	}
	return s.slowIndex.Search(ctx, req)
}

func TestSearchesThatJoinOneRunningNeedNoSlot(t *testing.T) {
	idx := &sharingIndex{slowIndex{release: make(chan struct{})}, "shared"}
	srv := httptest.NewServer(api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), idx, api.Config{
		MaxSearches: 1, SearchQueue: 2, QueueWait: 100 * time.Millisecond,
	}))
	defer srv.Close()
	release := sync.OnceFunc(func() { close(idx.release) })
	defer release()

	var wg sync.WaitGroup
	var firstCode int
	wg.Go(func() {
		resp, err := http.Get(srv.URL + "/search?q=x")
		if err != nil {
			t.Error(err)
			return
		}
		resp.Body.Close()
		firstCode = resp.StatusCode
	})
	time.Sleep(50 * time.Millisecond) // the first search takes the one slot
	for _, c := range []struct {
		q    string
		want int
	}{{"shared", 200}, {"other", 429}} {
		resp, err := http.Get(srv.URL + "/search?q=" + c.q)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("q=%s while the one slot is taken: %d, want %d", c.q, resp.StatusCode, c.want)
		}
	}
	release()
	wg.Wait()
	if firstCode != 200 {
		t.Errorf("the first search: %d", firstCode)
	}
}
