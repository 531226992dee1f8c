package api

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"lexsearch/corpus"
	"lexsearch/search"
)

// Index is what the API needs of an index; *search.Index implements it.
type Index interface {
	Search(ctx context.Context, req search.Request) (*search.Result, error)
	Each(ctx context.Context, req search.Request, onTotal func(uint64), fn func(search.Hit) error) error
	Similar(ctx context.Context, id string, size int) (*search.Result, error)
	Entities(ctx context.Context, kind, prefix string, size int) ([]search.EntityValue, error)
	Document(ctx context.Context, id string) (*corpus.Document, error)
	Metadata(ctx context.Context, id string) (*corpus.Document, error)
	Count() (uint64, error)
	LookupCitations(ctx context.Context, text string) ([]search.Found, error)
}

var _ Index = (*search.Index)(nil)

// Config tunes the server. The zero value works.
type Config struct {
	// SearchTimeout bounds one search; past it the client gets a 504.
	SearchTimeout time.Duration
	// Originals holds each ingested file as <id>/<name> (the data
	// directory's originals/ folder); nil disables /documents/{id}/original.
	Originals fs.FS
	// Ready reports whether the index is open and searchable; nil means
	// always ready.
	Ready func() bool
	// Now is the clock feeds read; nil means time.Now.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.SearchTimeout <= 0 {
		c.SearchTimeout = 10 * time.Second // a person at a terminal gives up long before a minute
	}
	if c.Ready == nil {
		c.Ready = func() bool { return true }
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// NewServer returns the HTTP handler of the whole API. The middleware wraps
// the router itself, so unmatched paths get request ids, access logs and
// problem+json errors too.
func NewServer(logger *slog.Logger, idx Index, cfg Config) http.Handler {
	r := mux.NewRouter()
	addRoutes(r, logger, idx, cfg.withDefaults())
	var h http.Handler = r
	h = recoverPanics(logger, h)
	h = logRequests(logger, h)
	h = withRequestID(h)
	return h
}
