package api

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"lexsearch/api/ui"
)

// addRoutes is the whole API surface. Each route names the query
// parameters it takes (withParams); the ones that search run under the
// search limiter, and streamed exports under one of their own.
func addRoutes(r *mux.Router, logger *slog.Logger, idx Index, cfg Config) {
	get := []string{http.MethodGet, http.MethodHead}
	lim := newLimiter(cfg.MaxSearches, cfg.SearchQueue, cfg.QueueWait, cfg.QueueWait, cfg.Metrics.rejected.Inc)
	searching := func(spec paramSpec, h http.Handler) http.Handler { return withParams(spec, lim.wrap(h)) }
	// An export walks every hit and may run for minutes while its client
	// reads; in the search slots it would hold up every search behind it.
	elim := newLimiter(cfg.MaxExports, cfg.MaxExports, cfg.QueueWait, cfg.QueueWait, cfg.Metrics.rejected.Inc)
	searchingOrExporting := func(spec paramSpec, h http.Handler) http.Handler {
		// A search that only waits for an identical one already running
		// (search.Index.ShareSearches) needs no slot: with one search
		// running at a time, it would otherwise wait for the slot until
		// the search it could have shared had ended.
		joins := func(r *http.Request) bool {
			if r.URL.Query().Get("format") == "" && ui.WantsHTML(r) {
				return false // the browser's page, which asks for more than the search
			}
			req, err := requestFromQuery(r.URL.Query())
			return err == nil && idx.Joinable(req)
		}
		searches, exports := lim.wrapUnless(joins, h), elim.wrap(h)
		return withParams(spec, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isExport(r) {
				exports.ServeHTTP(w, r)
				return
			}
			searches.ServeHTTP(w, r)
		}))
	}
	// Uploads hold up to MaxUpload bytes each while they are extracted, so
	// they are bounded too, with a longer wait: extraction takes a while.
	wlim := newLimiter(cfg.MaxWrites, 4*cfg.MaxWrites, 15*time.Second, 5*time.Second, cfg.Metrics.writesRejected.Inc)
	writing := func(spec paramSpec, h http.Handler) http.Handler {
		return withParams(spec, requireToken(cfg, wlim.wrap(h)))
	}

	pages := newPages(logger, idx, cfg) // HTML for browsers on the same URLs; see pages.go
	r.Handle("/search", searchingOrExporting(searchSpec, htmlOr(pages, searchPage, handleSearch(logger, idx, cfg)))).Methods(get...)
	r.Handle("/feed.atom", searching(searchSpec, handleFeed(logger, idx, cfg))).Methods(get...)
	r.Handle("/documents", writing(paramSpec{single: []string{"name"}}, handleAdd(logger, cfg))).Methods(http.MethodPost)
	r.Handle("/documents/{id}", htmlOr(pages, documentPage, withParams(paramSpec{single: []string{"format"}}, handleDocument(logger, idx, cfg.Originals)))).Methods(get...)
	r.Handle("/documents/{id}", writing(noParams, handleDelete(logger, cfg))).Methods(http.MethodDelete)
	r.Handle("/documents/{id}/text", withParams(paramSpec{single: []string{"page", "pages"}}, handleDocumentText(logger, idx, cfg.Originals))).Methods(get...)
	r.Handle("/documents/{id}/original", withParams(noParams, handleOriginal(logger, idx, cfg.Originals))).Methods(get...)
	r.Handle("/documents/{id}/similar", searching(paramSpec{single: []string{"size", "format"}}, handleSimilar(logger, idx, cfg))).Methods(get...)
	r.Handle("/entities/{kind}", searching(paramSpec{single: []string{"prefix", "size"}}, handleEntities(logger, idx, cfg))).Methods(get...)
	r.Handle("/citations", searching(noParams, handleCitations(logger, idx, cfg))).Methods(http.MethodPost)
	r.Handle("/healthz", withParams(noParams, handleHealthz())).Methods(get...)
	r.Handle("/readyz", withParams(noParams, handleReadyz(idx, cfg.Ready))).Methods(get...)
	r.Handle("/metrics", withParams(noParams, cfg.Metrics.handler())).Methods(get...)
	r.Handle("/openapi.json", withParams(noParams, handleOpenAPI())).Methods(get...)
	r.Handle("/", htmlOr(pages, searchPage, withParams(noParams, handleIndex()))).Methods(get...)
	if pages != nil {
		r.Handle(ui.AssetPrefix+"{file}", withParams(paramSpec{single: []string{"v"}}, pages.Assets())).Methods(get...)
	}

	r.NotFoundHandler = htmlOr(pages, notFoundPage, handleNotFound())
	r.MethodNotAllowedHandler = handleMethodNotAllowed(r)
}

// pathVar returns a path variable of the matched route.
func pathVar(r *http.Request, name string) string { return mux.Vars(r)[name] }
