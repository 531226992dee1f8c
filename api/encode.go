package api

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// encode writes v as indented JSON: the API is read by people with curl as
// often as by programs, and the bytes cost nothing at this size.
func encode(w http.ResponseWriter, r *http.Request, status int, contentType string, v any) {
	w.Header().Set("Content-Type", contentType+"; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // snippets carry <mark>; clients must not get \u003cmark\u003e
	_ = enc.Encode(v)        // the status is sent; a failed write means the client left
}

// writeJSON writes v with status 200.
func writeJSON(w http.ResponseWriter, r *http.Request, v any) {
	encode(w, r, http.StatusOK, "application/json", v)
}

// marshal is v as encode writes it, for answers sent with serveConditional.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // our own view types always encode
	return b.Bytes()
}
