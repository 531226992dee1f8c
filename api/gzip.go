package api

import (
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
)

// gzipMin is the size below which an answer goes uncompressed: gzip's own
// header and a round of CPU are not worth it for a problem or a short
// page.
const gzipMin = 1024

// gzipLevel is fast compression: answers are a few KB of JSON or text
// and the search itself is the work a client waits for. The standard
// library at its default level was about a sixth of the server's CPU
// over the query mix; klauspost/compress (already a dependency, for kept
// texts) at its fastest level compresses at several times the speed,
// for answers a little larger.
const gzipLevel = gzip.BestSpeed

var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzipLevel) // a constant level always works
	return w
}}

// compress gzips answers of more than gzipMin bytes for clients that
// accept gzip. Only full 200 answers are compressed: never a 206 or 304,
// never what is compressed already (a kept PDF original), never an answer
// that set its own Content-Encoding. The ETag of a compressed answer gets
// "-gzip" appended, as it is another representation (RFC 9110 8.8.3);
// the suffix is taken off a request's If-None-Match, so a client's cached
// copy is recognised in either form.
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r.Header.Get("Accept-Encoding")) || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		for _, h := range []string{"If-None-Match", "If-Match"} {
			if v := r.Header.Get(h); strings.Contains(v, gzipTag+`"`) {
				r.Header.Set(h, strings.ReplaceAll(v, gzipTag+`"`, `"`))
			}
		}
		gw := &gzipWriter{ResponseWriter: w}
		next.ServeHTTP(gw, r)
		_ = gw.finish() // a failed write means the client left
	})
}

const gzipTag = "-gzip"

// acceptsGzip reads an Accept-Encoding header: gzip (or *) with a
// quality above zero.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "x-gzip" && name != "*" {
			continue
		}
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		if q > 0 {
			return true
		}
	}
	return false
}

// compressed lists the content types that are compressed already.
var compressed = []string{"application/pdf", "application/zip", "application/gzip", "application/x-gzip",
	"image/", "audio/", "video/", "font/woff"}

// gzipWriter holds back the first gzipMin bytes of a 200 answer, then
// decides: all of it plain, or gzipped from the start.
type gzipWriter struct {
	http.ResponseWriter
	status int
	plain  bool // headers sent; the body goes through as written
	buf    []byte
	gz     *gzip.Writer
}

func (g *gzipWriter) WriteHeader(status int) {
	if g.status != 0 {
		return
	}
	g.status = status
	if status != http.StatusOK || !g.eligible() {
		g.plain = true
		g.ResponseWriter.WriteHeader(status)
	}
}

func (g *gzipWriter) eligible() bool {
	h := g.Header()
	if h.Get("Content-Encoding") != "" || h.Get("Content-Range") != "" {
		return false
	}
	ct := strings.ToLower(h.Get("Content-Type"))
	for _, c := range compressed {
		if strings.HasPrefix(ct, c) {
			return false
		}
	}
	if n, err := strconv.Atoi(h.Get("Content-Length")); err == nil && n < gzipMin {
		return false
	}
	return true
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if g.status == 0 {
		g.WriteHeader(http.StatusOK)
	}
	switch {
	case g.plain:
		return g.ResponseWriter.Write(b)
	case g.gz != nil:
		return g.gz.Write(b)
	}
	g.buf = append(g.buf, b...)
	if len(g.buf) >= gzipMin {
		if err := g.start(); err != nil {
			return 0, err
		}
	}
	return len(b), nil
}

// start sends the headers of a gzipped answer and what was held back.
func (g *gzipWriter) start() error {
	h := g.Header()
	h.Del("Content-Length")
	h.Del("Accept-Ranges") // ranges would count bytes of the gzip, not of the answer
	h.Set("Content-Encoding", "gzip")
	if etag := h.Get("ETag"); strings.HasSuffix(etag, `"`) {
		h.Set("ETag", strings.TrimSuffix(etag, `"`)+gzipTag+`"`)
	}
	g.ResponseWriter.WriteHeader(g.status)
	g.gz = gzipWriters.Get().(*gzip.Writer)
	g.gz.Reset(g.ResponseWriter)
	_, err := g.gz.Write(g.buf)
	g.buf = nil
	return err
}

// FlushError pushes out what was written so far: a streamed export flushes
// every few hundred rows, and its client sees them at once.
func (g *gzipWriter) FlushError() error {
	if g.status == 0 {
		g.WriteHeader(http.StatusOK)
	}
	if !g.plain && g.gz == nil {
		if err := g.start(); err != nil { // a stream: compress it whatever its length
			return err
		}
	}
	if g.gz != nil {
		if err := g.gz.Flush(); err != nil {
			return err
		}
	}
	return http.NewResponseController(g.ResponseWriter).Flush()
}

// finish writes out a short answer plain, or ends the gzip stream.
func (g *gzipWriter) finish() error {
	switch {
	case g.status == 0 || g.plain:
		return nil
	case g.gz != nil:
		err := g.gz.Close()
		g.gz.Reset(nil)
		gzipWriters.Put(g.gz)
		return err
	}
	g.ResponseWriter.WriteHeader(g.status)
	_, err := g.ResponseWriter.Write(g.buf)
	return err
}

// Unwrap lets http.ResponseController reach the real writer.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }
