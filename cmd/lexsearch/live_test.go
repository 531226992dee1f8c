package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/indexer"
)

// TestLiveIngestThroughTheServer adds files to a running server with
// `ingest -server`, finds them by search, deletes one, and checks that a
// local ingest into the server's data directory points to -server.
func TestLiveIngestThroughTheServer(t *testing.T) {
	data := t.TempDir()
	token := "test-token-0123456789"
	getenv := func(k string) string {
		if k == "LEXSEARCH_TOKEN" {
			return token
		}
		return ""
	}
	base := startServerWith(t, getenv, data)

	src := t.TempDir()
	for name, text := range map[string]string{
		"zebra-order.txt":    "ORDER. The zebracorn platform motion to dismiss the TVPRA claim under 18 U.S.C. 1595 is denied.",
		"nested/memo.md":     "# Memo\n\nThe zebracorn memo discusses Section 230 immunity.",
		"nested/picture.png": "\x89PNG\r\n\x1a\n",
	} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr strings.Builder
	err := run(t.Context(), []string{"ingest", "-server", base, src}, getenv, strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		t.Fatalf("ingest -server: %v\n%s", err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "indexed 2, skipped 1 (unsupported 1)") {
		t.Errorf("summary:\n%s", stdout.String())
	}
	res := searchFor(t, base, url.Values{"q": {"zebracorn"}})
	if res.Total != 2 {
		t.Fatalf("search after live ingest: %d hits, want 2: %v", res.Total, sources(res))
	}

	// The uploads show in /metrics, commits included.
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`lexsearch_documents_indexed_total{status="created"} 2`,
		`lexsearch_http_requests_total{code="201",method="POST",route="/documents"} 2`,
		"lexsearch_commit_duration_seconds_count ",
		"lexsearch_ingest_duration_seconds_count 2",
		"lexsearch_index_documents 7", // the 5 sample documents and the 2 new ones
		"lexsearch_index_size_bytes ",
	} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	// Without the token the server refuses, and ingest says why.
	stdout.Reset()
	err = run(t.Context(), []string{"ingest", "-server", base, src}, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "LEXSEARCH_TOKEN") {
		t.Errorf("ingest -server without a token: %v", err)
	}
	wrong := filepath.Join(t.TempDir(), "token")
	os.WriteFile(wrong, []byte("not-the-token\n"), 0o600)
	err = run(t.Context(), []string{"ingest", "-server", base, "-token-file", wrong, src}, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "token is wrong") {
		t.Errorf("ingest -server with a wrong token: %v", err)
	}

	// DELETE takes one out of the results.
	req, _ := http.NewRequest(http.MethodDelete, base+"/documents/"+res.Hits[0].ID, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE: %d", resp.StatusCode)
	}
	if res := searchFor(t, base, url.Values{"q": {"zebracorn"}}); res.Total != 1 {
		t.Errorf("after DELETE: %d hits, want 1", res.Total)
	}

	// A local ingest cannot open the server's index, and says to use -server.
	err = run(t.Context(), []string{"ingest", "-data", data, src}, getenv, strings.NewReader(""), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "-server") {
		t.Errorf("local ingest while serving: %v", err)
	}
}

// TestIdleConnectionsAreClosed: a keep-alive connection that sends nothing
// more is closed by the server after the idle timeout, so idle clients
// cannot use up its file descriptors.
func TestIdleConnectionsAreClosed(t *testing.T) {
	limits := defaultLimits
	limits.idle = 200 * time.Millisecond
	srv := newHTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }),
		limits, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "GET / HTTP/1.1\r\nHost: test\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Close {
		t.Fatal("the server closed a fresh keep-alive connection at once")
	}
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF {
		t.Fatalf("read on an idle connection: %v, want EOF from the server closing it", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("closed after %s; the idle timeout is %s", took, limits.idle)
	}
}

// TestShutdownDrainsUploads: SIGTERM (the context ending) while an upload
// is half sent lets it finish and be acknowledged, then closes the index
// cleanly: it reopens with the document in it.
func TestShutdownDrainsUploads(t *testing.T) {
	data := t.TempDir()
	getenv := func(k string) string {
		if k == "LEXSEARCH_TOKEN" {
			return "drain-token"
		}
		return ""
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-data", data}, getenv, strings.NewReader(""), &stdout, &stderr)
	}()
	addrRE := regexp.MustCompile(`on http://(127\.0\.0\.1:\d+)`)
	var addr string
	for deadline := time.Now().Add(60 * time.Second); addr == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stdout.String()); m != nil {
			addr = m[1]
		}
	}
	if addr == "" {
		t.Fatalf("server did not start:\n%s", stderr.String())
	}

	body := "ORDER. The quokkaflux motion is granted in part under 18 U.S.C. 1595."
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /documents?name=drain.txt HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer drain-token\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])
	time.Sleep(200 * time.Millisecond) // the request is in flight
	cancel()                           // what SIGTERM does
	time.Sleep(300 * time.Millisecond)
	io.WriteString(conn, body[10:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("the in-flight upload got no answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("in-flight upload: %d", resp.StatusCode)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v\n%s", err, stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not return after draining")
	}

	idx, err := indexer.OpenIndex(data)
	if err != nil {
		t.Fatalf("the index does not reopen after shutdown: %v", err)
	}
	defer idx.Close()
	res, err := idx.Search(bleve.NewSearchRequest(bleve.NewMatchQuery("quokkaflux")))
	if err != nil || res.Total != 1 {
		t.Errorf("the drained upload is not in the reopened index: %v %v", res, err)
	}
}

func TestServeFlagsAreChecked(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "token")
	os.WriteFile(empty, []byte("\n"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "-log-level", "loud"}, "use debug, info, warn or error"},
		{[]string{"serve", "-token-file", empty}, "is empty"},
		{[]string{"serve", "-token-file", filepath.Join(t.TempDir(), "missing")}, "-token-file"},
		{[]string{"serve", "-base-url", "search.example.org"}, "give the scheme"},
		{[]string{"ingest", "-server", "localhost:8080", "."}, "give the server's URL"},
		{[]string{"ingest", "-server", "http://127.0.0.1:1", "-prune", "."}, "-rebuild and -prune"},
	} {
		var stdout, stderr strings.Builder
		err := run(t.Context(), append(tc.args, "-data", t.TempDir()), func(k string) string {
			if k == "LEXSEARCH_TOKEN" && tc.args[0] == "ingest" {
				return "t"
			}
			return ""
		}, strings.NewReader(""), &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), tc.want) || exitCode(err) != 2 {
			t.Errorf("%q: %v (exit %d), want a usage error with %q", tc.args, err, exitCode(err), tc.want)
		}
	}
}
