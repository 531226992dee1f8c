package api

import (
	"net/http"
)

func handleHealthz() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, r, map[string]string{"status": "ok"})
	}
}

// handleReadyz says whether searches can be served: the index is open and
// answers a count.
func handleReadyz(idx Index, ready func() bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, err := idx.Count()
		if !ready() || err != nil {
			writeProblem(w, r, problem{Status: http.StatusServiceUnavailable, Detail: "the index is not open yet; try again shortly"})
			return
		}
		writeJSON(w, r, map[string]any{"status": "ready", "documents": n})
	}
}

// handleIndex lists the endpoints, for a person who opens the root URL.
func handleIndex() http.HandlerFunc {
	var list []endpoint
	for _, op := range operations() {
		method := op.method
		if method == "" {
			method = http.MethodGet
		}
		list = append(list, endpoint{method + " " + op.path, op.summary})
	}
	body := endpointsJSON{Name: "lexsearch", Endpoints: list, OpenAPI: "/openapi.json"}
	return func(w http.ResponseWriter, r *http.Request) { writeJSON(w, r, body) }
}
