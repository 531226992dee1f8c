package main

import (
	"bufio"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	resp, err := http.DefaultClient.Do(req)
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
