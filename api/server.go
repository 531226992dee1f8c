package api

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"lexsearch/corpus"
	"lexsearch/search"
)

// Index is what the API needs of an index; *search.Index implements it.
type Index interface {
	Search(ctx context.Context, req search.Request) (*search.Result, error)
	// Joinable reports whether Search(req) would now wait for an
	// identical search in flight rather than run one (a hint).
	Joinable(req search.Request) bool
	Each(ctx context.Context, req search.Request, onTotal func(uint64), fn func(search.Hit) error) error
	Similar(ctx context.Context, id string, size int) (*search.Result, error)
	Entities(ctx context.Context, kind, prefix string, size int) ([]search.EntityValue, error)
	Document(ctx context.Context, id string) (*corpus.Document, error)
	Metadata(ctx context.Context, id string) (*corpus.Document, error)
	Count() (uint64, error)
	LookupCitations(ctx context.Context, text string) ([]search.Found, error)
}

var _ Index = (*search.Index)(nil)

// Config tunes the server. The zero value works: reads only, the limits
// below, links to http://localhost.
type Config struct {
	// SearchTimeout bounds one search; past it the client gets a 504.
	SearchTimeout time.Duration
	// ExportTimeout bounds one streamed export (format=csv and the like);
	// past it the stream ends where it is.
	ExportTimeout time.Duration
	// MaxSearches is how many searches, feeds, similar-document lookups and
	// entity lists run at once (default 2 per CPU); SearchQueue more may
	// wait up to QueueWait for a slot (default as many, and 2 s). Past
	// that: 429.
	MaxSearches int
	SearchQueue int
	QueueWait   time.Duration
	// MaxExports is how many streamed exports (format=csv, ndjson, ris,
	// csl) run at once, in slots of their own so that a long export never
	// holds up the searches (default one per two CPUs, at least one); as
	// many more may wait up to QueueWait. Past that: 429.
	MaxExports int
	// MaxWrites is how many uploads and deletes run at once (default 4
	// per CPU: most of an upload's time is the wait for its commit, which
	// concurrent uploads share); four times as many may wait up to 15 s.
	// Past that: 429. Each running upload may hold MaxUpload bytes.
	MaxWrites int
	// BaseURL is the scheme, host and port absolute links (feeds, exports)
	// start with. It is configured, never read from the request's Host or
	// X-Forwarded-* headers, which any client can set.
	BaseURL string
	// Originals holds each ingested file as <id>/<name> (the data
	// directory's originals/ folder); nil disables /documents/{id}/original.
	Originals fs.FS
	// Ready reports whether the index is open and searchable; nil means
	// always ready.
	Ready func() bool
	// Metrics collects what /metrics reports; nil makes a fresh set.
	Metrics *Metrics
	// IndexSize reports the bytes the index takes, for /metrics; nil
	// leaves the gauge out.
	IndexSize func() int64
	// Writer adds and deletes documents for POST and DELETE /documents.
	// Writes are allowed only when Writer is set and Token is not empty.
	Writer Writer
	// Token is the bearer token writes need.
	Token string
	// MaxUpload caps the bytes of one POST /documents body (default 64 MiB).
	MaxUpload int64
}

func (c Config) withDefaults() Config {
	if c.SearchTimeout <= 0 {
		c.SearchTimeout = 10 * time.Second // a person at a terminal gives up long before a minute
	}
	if c.ExportTimeout <= 0 {
		c.ExportTimeout = 2 * time.Minute
	}
	if c.MaxSearches <= 0 {
		c.MaxSearches = 2 * runtime.GOMAXPROCS(0)
	}
	if c.SearchQueue <= 0 {
		c.SearchQueue = c.MaxSearches
	}
	if c.MaxExports <= 0 {
		c.MaxExports = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if c.MaxWrites <= 0 {
		c.MaxWrites = 4 * runtime.GOMAXPROCS(0)
	}
	if c.QueueWait <= 0 {
		c.QueueWait = 2 * time.Second
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.BaseURL == "" {
		c.BaseURL = "http://localhost"
	}
	if c.Ready == nil {
		c.Ready = func() bool { return true }
	}
	if c.Metrics == nil {
		c.Metrics = NewMetrics()
	}
	if c.MaxUpload <= 0 {
		c.MaxUpload = DefaultMaxUpload
	}
	return c
}

// NewServer returns the HTTP handler of the whole API. The middleware wraps
// the router itself, so unmatched paths get request ids, nosniff, access
// logs, metrics and problem+json errors too.
func NewServer(logger *slog.Logger, idx Index, cfg Config) http.Handler {
	cfg = cfg.withDefaults()
	cfg.Metrics.watchIndex(idx, cfg.IndexSize)
	r := mux.NewRouter()
	addRoutes(r, logger, idx, cfg)
	var h http.Handler = r
	h = checkRequest(h)
	h = recoverPanics(logger, h)
	h = compress(h)
	h = logRequests(logger, cfg.Metrics, r, h)
	h = withRequestID(h)
	h = secureHeaders(h)
	return h
}
