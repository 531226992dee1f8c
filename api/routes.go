package api

import (
	"log/slog"
	"net/http"

	"github.com/gorilla/mux"

	"lexsearch/api/ui"
)

// addRoutes is the whole API surface.
func addRoutes(r *mux.Router, logger *slog.Logger, idx Index, cfg Config) {
	get := []string{http.MethodGet, http.MethodHead}
	pages := newPages(logger, idx, cfg) // HTML for browsers on the same URLs; see pages.go
	r.Handle("/search", htmlOr(pages, searchPage, handleSearch(logger, idx, cfg))).Methods(get...)
	r.Handle("/feed.atom", handleFeed(logger, idx, cfg)).Methods(get...)
	r.Handle("/documents/{id}", htmlOr(pages, documentPage, handleDocument(logger, idx))).Methods(get...)
	r.Handle("/documents/{id}/text", handleDocumentText(logger, idx)).Methods(get...)
	r.Handle("/documents/{id}/original", handleOriginal(logger, idx, cfg.Originals)).Methods(get...)
	r.Handle("/documents/{id}/similar", handleSimilar(logger, idx, cfg)).Methods(get...)
	r.Handle("/entities/{kind}", handleEntities(logger, idx, cfg)).Methods(get...)
	r.Handle("/healthz", handleHealthz()).Methods(get...)
	r.Handle("/readyz", handleReadyz(idx, cfg.Ready)).Methods(get...)
	r.Handle("/openapi.json", handleOpenAPI()).Methods(get...)
	r.Handle("/", htmlOr(pages, searchPage, handleIndex())).Methods(get...)
	if pages != nil {
		r.Handle(ui.AssetPrefix+"{file}", pages.Assets()).Methods(get...)
	}

	r.NotFoundHandler = htmlOr(pages, notFoundPage, handleNotFound())
	r.MethodNotAllowedHandler = handleMethodNotAllowed()
}

// pathVar returns a path variable of the matched route.
func pathVar(r *http.Request, name string) string { return mux.Vars(r)[name] }
