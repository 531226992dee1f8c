package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"time"

	"lexsearch/corpus"
)

// serveConditional writes body with a strong ETag (a hash of its bytes)
// and, when known, Last-Modified, or a 304 when the client's copy is
// current. http.ServeContent does the comparisons of RFC 9110
// (If-None-Match before If-Modified-Since), HEAD and Range.
// Cache-Control: no-cache lets caches keep the answer but ask each time:
// the index changes under a running server.
func serveConditional(w http.ResponseWriter, r *http.Request, contentType string, modified time.Time, body []byte) {
	sum := sha256.Sum256(body)
	h := w.Header()
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", modified, bytes.NewReader(body))
}

// ingestTime is when doc was last ingested, read from the modification
// time of its kept original; zero when no original is kept.
func ingestTime(originals fs.FS, doc *corpus.Document) time.Time {
	if originals == nil {
		return time.Time{}
	}
	fi, err := fs.Stat(originals, doc.ID+"/"+path.Base(doc.Source))
	if err != nil {
		return time.Time{}
	}
	return fi.ModTime().UTC().Truncate(time.Second)
}
