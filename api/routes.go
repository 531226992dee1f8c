package api

import (
	"log/slog"
	"net/http"

	"github.com/gorilla/mux"
)

// addRoutes is the whole API surface.
func addRoutes(r *mux.Router, logger *slog.Logger, idx Index, cfg Config) {
	r.Handle("/search", handleSearch(logger, idx, cfg)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/documents/{id}", handleDocument(logger, idx)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/documents/{id}/text", handleDocumentText(logger, idx)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/documents/{id}/original", handleOriginal(logger, idx, cfg.Originals)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/healthz", handleHealthz()).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/readyz", handleReadyz(idx, cfg.Ready)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/", handleIndex()).Methods(http.MethodGet, http.MethodHead)

	r.NotFoundHandler = handleNotFound()
	r.MethodNotAllowedHandler = handleMethodNotAllowed()
}

// pathVar returns a path variable of the matched route.
func pathVar(r *http.Request, name string) string { return mux.Vars(r)[name] }
