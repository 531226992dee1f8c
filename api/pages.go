package api

import (
	"log/slog"
	"net/http"

	"lexsearch/api/ui"
)

// newPages builds the HTML pages; on failure (broken embedded templates,
// which the tests catch) the server still answers the API, in JSON only.
func newPages(logger *slog.Logger, idx Index, cfg Config) *ui.Pages {
	pages, err := ui.New(idx, ui.Config{Logger: logger, SearchTimeout: cfg.SearchTimeout, RequestID: requestID})
	if err != nil {
		logger.Error("HTML pages disabled", "err", err)
		return nil
	}
	return pages
}

// htmlOr gives a browser (Accept: text/html, no format=) the page and
// everyone else the API's answer on the same URL, so a link a person
// shares is also the URL a script fetches.
func htmlOr(pages *ui.Pages, page func(*ui.Pages, http.ResponseWriter, *http.Request), api http.Handler) http.Handler {
	if pages == nil {
		return api
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept")
		if r.URL.Query().Get("format") == "" && ui.WantsHTML(r) {
			page(pages, w, r)
			return
		}
		api.ServeHTTP(w, r)
	})
}

// searchPage reads the URL exactly as /search does, so the page takes the
// API's parameters and shows the API's errors.
func searchPage(pages *ui.Pages, w http.ResponseWriter, r *http.Request) {
	req, err := requestFromQuery(r.URL.Query())
	pages.Search(w, r, req, err)
}

func documentPage(pages *ui.Pages, w http.ResponseWriter, r *http.Request) {
	pages.Document(w, r, pathVar(r, "id"))
}

func notFoundPage(pages *ui.Pages, w http.ResponseWriter, r *http.Request) {
	pages.NotFound(w, r)
}
