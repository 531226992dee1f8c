package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"lexsearch/corpus"
	"lexsearch/search"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// Index is what the pages read: the same methods package api uses.
type Index interface {
	Search(ctx context.Context, req search.Request) (*search.Result, error)
	Similar(ctx context.Context, id string, size int) (*search.Result, error)
	Document(ctx context.Context, id string) (*corpus.Document, error)
}

// Config tunes the pages. The zero value works.
type Config struct {
	// Logger receives failures that become a 500 page; nil discards them.
	Logger *slog.Logger
	// SearchTimeout bounds each search a page runs; 0 means 10 seconds.
	SearchTimeout time.Duration
	// RequestID returns the id of the request, shown on error pages so a
	// person can quote it; nil shows none.
	RequestID func(context.Context) string
}

// Pages renders the HTML pages over one index.
type Pages struct {
	idx    Index
	cfg    Config
	tmpl   map[string]*template.Template
	assets fs.FS
	// version is a digest of the assets, added to their URLs so a new
	// binary's stylesheet is never mixed with an old cached script.
	version string
}

// ContentSecurityPolicy is sent with every page: only our own stylesheet,
// script and images, no inline code or style, no framing, forms post only
// to us. Nothing on a page may load from another origin.
const ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// AssetPrefix is the URL path under which Assets serves the stylesheet and
// script.
const AssetPrefix = "/ui/"

// New parses the templates; it fails only if the embedded files are broken.
func New(idx Index, cfg Config) (*Pages, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.SearchTimeout <= 0 {
		cfg.SearchTimeout = 10 * time.Second
	}
	if cfg.RequestID == nil {
		cfg.RequestID = func(context.Context) string { return "" }
	}
	assets, err := fs.Sub(assetFS, "assets")
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	err = fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(assets, p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	if err != nil {
		return nil, err
	}
	p := &Pages{idx: idx, cfg: cfg, assets: assets, version: hex.EncodeToString(h.Sum(nil))[:12]}
	funcs := template.FuncMap{
		"asset": func(name string) string { return AssetPrefix + name + "?v=" + p.version },
	}
	p.tmpl = map[string]*template.Template{}
	for _, page := range []string{"search", "document", "error"} {
		t, err := template.New(page).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+page+".html")
		if err != nil {
			return nil, err
		}
		p.tmpl[page] = t
	}
	return p, nil
}

// Assets serves the embedded stylesheet and script under AssetPrefix. They
// are named by content (?v=), so they may be cached for a long time.
func (p *Pages) Assets() http.Handler {
	files := http.StripPrefix(AssetPrefix, http.FileServerFS(p.assets))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, AssetPrefix)
		if name == "" || strings.HasSuffix(name, "/") || path.Ext(name) == "" {
			http.NotFound(w, r) // no directory listings
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if r.URL.Query().Get("v") == p.version {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		files.ServeHTTP(w, r)
	})
}

// WantsHTML reports whether the request comes from a browser asking for a
// page: its Accept header prefers text/html to JSON. curl (*/*) and API
// clients (application/json) do not, and keep getting JSON on the same
// URLs; a client that names both gets the one it weighs higher, or the
// one it names first.
func WantsHTML(r *http.Request) bool {
	htmlQ, jsonQ := -1.0, -1.0
	htmlAt, jsonAt := 0, 0
	for i, part := range strings.Split(r.Header.Get("Accept"), ",") {
		fields := strings.Split(part, ";")
		mt := strings.ToLower(strings.TrimSpace(fields[0]))
		q := 1.0
		for _, f := range fields[1:] {
			k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
			if strings.TrimSpace(k) == "q" {
				if n, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = n
				}
			}
		}
		switch {
		case mt == "text/html" && q > htmlQ:
			htmlQ, htmlAt = q, i
		case (mt == "application/json" || mt == "application/problem+json") && q > jsonQ:
			jsonQ, jsonAt = q, i
		}
	}
	switch {
	case htmlQ <= 0:
		return false
	case jsonQ < 0:
		return true
	case htmlQ != jsonQ:
		return htmlQ > jsonQ
	}
	return htmlAt < jsonAt
}

// render executes one page's template into a buffer first, so a template
// failure is a clean 500 page rather than half a page.
func (p *Pages) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	var buf bytes.Buffer
	if err := p.tmpl[page].ExecuteTemplate(&buf, "layout", data); err != nil {
		p.cfg.Logger.ErrorContext(r.Context(), "render page", "page", page, "err", err, "request_id", p.cfg.RequestID(r.Context()))
		if page != "error" {
			p.renderError(w, r, http.StatusInternalServerError, "The page could not be drawn.", "")
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes()) // a failed write means the client left
	}
}

// NotFound renders the page of a URL that names nothing.
func (p *Pages) NotFound(w http.ResponseWriter, r *http.Request) {
	p.renderError(w, r, http.StatusNotFound, "There is no page at this address. Search the collection instead.", "Page not found")
}

// errorPage is the data of the error template.
type errorPage struct {
	Title     string
	Status    int
	Message   string
	RequestID string
}

// renderError writes an error page; detail is for the person and must hold
// no internal error text.
func (p *Pages) renderError(w http.ResponseWriter, r *http.Request, status int, message, title string) {
	if title == "" {
		title = http.StatusText(status)
	}
	p.render(w, r, status, "error", errorPage{Title: title, Status: status, Message: message, RequestID: p.cfg.RequestID(r.Context())})
}
