package api

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sync"
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
	_ = encodeTo(w, v) // the status is sent; a failed write means the client left
}

// writeJSON writes v with status 200.
func writeJSON(w http.ResponseWriter, r *http.Request, v any) {
	encode(w, r, http.StatusOK, "application/json", v)
}

// marshal is v as encode writes it, for answers sent with serveConditional.
func marshal(v any) []byte {
	var b bytes.Buffer
	_ = encodeTo(&b, v) // our own view types always encode
	return b.Bytes()
}

// An indenter is a JSON encoder set up as the API writes JSON, kept for
// the next answer: an encoder indents into a buffer of its own, which a
// fresh encoder grew from nothing for every answer (more than half the
// time of writing a search page, and four times its bytes in garbage).
type indenter struct {
	to  redirect
	enc *json.Encoder
}

// redirect passes writes on to w, which changes with every answer.
type redirect struct{ w io.Writer }

func (r *redirect) Write(b []byte) (int, error) { return r.w.Write(b) }

var indenters = sync.Pool{New: func() any {
	in := &indenter{}
	in.enc = json.NewEncoder(&in.to)
	in.enc.SetIndent("", "  ")
	in.enc.SetEscapeHTML(false) // snippets carry <mark>; clients must not get \u003cmark\u003e
	return in
}}

// encodeTo writes v to w as indented JSON and a newline, in one write.
func encodeTo(w io.Writer, v any) error {
	in := indenters.Get().(*indenter)
	in.to.w = w
	err := in.enc.Encode(v)
	in.to.w = nil
	if err == nil { // an encoder whose write failed keeps failing
		indenters.Put(in)
	}
	return err
}
