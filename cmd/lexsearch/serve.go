package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"lexsearch/api"
	"lexsearch/indexer"
)

// serverLimits are the http.Server's guards against slow and idle clients.
type serverLimits struct {
	readHeader, read, write, idle time.Duration
	maxHeader                     int
}

// defaultLimits fit the API: requests are small except uploads (a 64 MiB
// file on a slow link), answers are quick except exports (bounded by
// Config.ExportTimeout, which is below the write timeout so an export ends
// cleanly rather than being cut).
var defaultLimits = serverLimits{
	readHeader: 10 * time.Second,
	read:       2 * time.Minute,
	write:      3 * time.Minute,
	idle:       time.Minute,
	maxHeader:  64 << 10,
}

// newHTTPServer returns a server with the limits set: idle keep-alive
// connections are closed, so thousands of them cannot use up the file
// descriptors.
func newHTTPServer(h http.Handler, l serverLimits, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.readHeader,
		ReadTimeout:       l.read,
		WriteTimeout:      l.write,
		IdleTimeout:       l.idle,
		MaxHeaderBytes:    l.maxHeader,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// defaultCheckCache holds the decisions of a few hundred phrase and
// proximity queries over 100,000 documents (two bits a document each).
const defaultCheckCache = 32 << 20

// sizeOrOff is a byteSize flag that also takes 0 or "off".
type sizeOrOff int64

func (s *sizeOrOff) String() string {
	if *s == 0 {
		return "0"
	}
	b := byteSize(*s)
	return b.String()
}

func (s *sizeOrOff) Set(v string) error {
	if v = strings.TrimSpace(v); v == "0" || v == "off" {
		*s = 0
		return nil
	}
	var b byteSize
	if err := b.Set(v); err != nil {
		return fmt.Errorf("%w, or 0 for off", err)
	}
	*s = sizeOrOff(b)
	return nil
}

// drainTimeout is how long SIGTERM waits for requests in flight.
const drainTimeout = 30 * time.Second

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags("serve", "", e)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	data := dataFlag(fs)
	baseURL := fs.String("base-url", "", "scheme, host and port of absolute links in feeds and exports (default http://ADDR)")
	tokenFile := fs.String("token-file", "", "file holding the bearer token that allows POST and DELETE /documents (or set LEXSEARCH_TOKEN)")
	maxUpload := byteSize(api.DefaultMaxUpload)
	fs.Var(&maxUpload, "max-upload", "largest POST /documents body, e.g. 64MiB")
	maxSearches := fs.Int("max-searches", 0, "searches run at once before others queue (default one per CPU but one, at least one)")
	maxExports := fs.Int("max-exports", 0, "streamed exports (format=csv, ndjson, ris, csl) run at once, in slots apart from the searches' (default one per two CPUs, at least one)")
	searchQueue := fs.Int("search-queue", 0, "searches that may wait up to 2 s for a slot beyond -max-searches before the answer is 429 (default 4 per CPU)")
	checkCache := sizeOrOff(defaultCheckCache)
	fs.Var(&checkCache, "check-cache", "memory for remembering which documents each phrase and proximity query kept, per index segment, so asking again is quick (0: off)")
	share := fs.Bool("share-searches", true, "identical searches that arrive while one is running wait for its result instead of running again (exact: a write in between starts a new one)")
	searchTimeout := fs.Duration("search-timeout", 10*time.Second, "longest one search may run")
	level := logLevelFlag(fs)
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments, got %q", pos)
	}
	logger, err := newLoggerAt(e, e.stderr, *level)
	if err != nil {
		return err
	}
	tuneGC(e.getenv)
	token, err := readToken(e, *tokenFile)
	if err != nil {
		return err
	}
	if *baseURL != "" && !strings.HasPrefix(*baseURL, "http://") && !strings.HasPrefix(*baseURL, "https://") {
		return usagef("serve: -base-url %q: give the scheme too, e.g. https://search.example.org", *baseURL)
	}

	// The server owns the data directory while it runs: it holds the
	// lock, so no ingest writes beside it; files come in through it.
	o, err := openData(ctx, e, logger, *data, "serve")
	if err != nil {
		return err
	}
	defer o.Close() // after the server has drained: see below
	idx := o.idx
	idx.CacheChecks(int64(checkCache))
	idx.ShareSearches(*share)
	n, err := idx.Count()
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	base := "http://" + ln.Addr().String()
	// Commands that find the data directory locked ask this server: tell
	// them where it is.
	if err := o.store.Announce(dialURL(ln.Addr().String())); err != nil {
		ln.Close()
		return fmt.Errorf("note the server's address in the data directory's lock: %w", err)
	}
	if *baseURL == "" {
		*baseURL = base
	}
	// A search is CPU work, and each one already searches the index's
	// shards in parallel: running more searches than cores only makes
	// each of them slower (eight at once on two cores measured p99 155 ms
	// with four running, 123 ms with two, at 100,000 documents; a queue
	// holds the rest). One core is left to the rest of the server:
	// reading requests, writing answers, the searches' own single-threaded
	// tail (facets merged, snippets, JSON). At 100,000 documents on two
	// cores, eight clients at once measured p99 88-107 ms with two
	// searches running and 63-78 ms with one. Exports have slots of their
	// own, so one long export does not stop the searches.
	if *maxSearches <= 0 {
		*maxSearches = max(1, runtime.GOMAXPROCS(0)-1)
	}
	if *searchQueue <= 0 {
		*searchQueue = 4 * runtime.GOMAXPROCS(0)
	}
	metrics := api.NewMetrics()
	cfg := api.Config{
		SearchTimeout: *searchTimeout,
		MaxSearches:   *maxSearches,
		MaxExports:    *maxExports,
		SearchQueue:   *searchQueue,
		BaseURL:       *baseURL,
		Originals:     o.store.Originals(),
		Metrics:       metrics,
		IndexSize:     func() int64 { return dirSize(*data) },
		Token:         token,
		MaxUpload:     int64(maxUpload),
	}
	if token != "" {
		cfg.Writer = liveWriter{indexer.NewLive(o.ix, o.store), metrics, idx.Changed}
	}
	srv := newHTTPServer(api.NewServer(logger, idx, cfg), defaultLimits, logger)
	fmt.Fprintf(e.stdout, "lexsearch: serving %d documents from %s on %s\n\nIn a browser: %s/\n\nTry:\n", n, *data, base, base)
	for _, ex := range []string{
		"/search?q=section+230&court=ilnd",
		"/search?q=beneficiary+liability&format=text",
		"/search?statute=18+U.S.C.+%C2%A7+1595&format=text",
		"/search?q=%22affirmative+defense%22",
	} {
		fmt.Fprintf(e.stdout, "  curl '%s%s'\n", base, ex)
	}
	if token != "" {
		fmt.Fprintf(e.stdout, "\nWrites are on: lexsearch ingest -server %s PATH... (with the same token)\n", base)
	} else {
		fmt.Fprintf(e.stdout, "\nRead-only: set LEXSEARCH_TOKEN or -token-file to add documents while serving.\n")
	}
	fmt.Fprintln(e.stdout)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if fault := faultHook(e.getenv, e.stderr); fault != nil {
		fault("serving") // the tests of concurrent writers hold a server here
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Drain: stop accepting, let requests in flight finish, then the
	// deferred closes shut the index with no search or write running.
	logger.Info("shutting down: draining requests in flight", "wait", drainTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), drainTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Warn("requests still running after the drain; closing their connections", "err", err)
		_ = srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// tuneGC trades some of the memory a server has for fewer garbage
// collections: at Go's default (GOGC=100) concurrent searches spent much
// of their time collecting. GOGC=400 measured 2.5× lower p50 at 8
// concurrent searches over 10,000 documents when the phrase and proximity
// checks allocated per document; since they stopped (positions read from
// the postings), GOGC=150 measured the same latency within the machine's
// noise, at 100,000 documents with the heap after the query mix at 232 MB
// instead of 425 MB. The 768 MiB soft limit makes the collector work
// harder as the heap nears it. GOGC and GOMEMLIMIT in the environment win.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(150)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
}

// readToken returns the write token: the first line of -token-file, else
// LEXSEARCH_TOKEN, else "" (writes off). The token is never a flag value,
// which any user could read in the process list.
func readToken(e env, file string) (string, error) {
	if file == "" {
		return strings.TrimSpace(e.getenv("LEXSEARCH_TOKEN")), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", usagef("-token-file: %v", err)
	}
	token, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	if token = strings.TrimSpace(token); token == "" {
		return "", usagef("-token-file %s is empty; put the token on its first line", file)
	}
	return token, nil
}

// dirSize is the bytes of the files under dir, for /metrics.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// liveWriter is the store's live writer as the API sees it; it times each
// committed write for /metrics.
type liveWriter struct {
	l       *indexer.Live
	metrics *api.Metrics
	changed func() // before a write is reported done, so no later search shares an earlier one's result
}

func (w liveWriter) Add(ctx context.Context, name string, data []byte) (api.Added, error) {
	start := time.Now()
	a, err := w.l.Add(ctx, name, data)
	w.changed() // even on error: part of it may have committed
	if err == nil && a.Status != "skipped" && a.Status != "unchanged" {
		w.metrics.ObserveCommit(time.Since(start))
	}
	return api.Added(a), err
}

func (w liveWriter) Delete(ctx context.Context, id string) error {
	start := time.Now()
	err := w.l.Delete(ctx, id)
	w.changed()
	if err == nil {
		w.metrics.ObserveCommit(time.Since(start))
	}
	return err
}
