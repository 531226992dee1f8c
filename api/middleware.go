package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/gorilla/mux"
)

type ctxKey int

const requestIDKey ctxKey = 0

// requestID returns the id withRequestID gave the request.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// validRequestID accepts a caller's X-Request-ID only when it is short and
// plain, so it cannot smuggle anything into logs.
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestID gives every request an id, the caller's X-Request-ID when
// it is sane, and returns it in the response header.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !validRequestID.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(status int) {
	if !w.wrote {
		w.status, w.wrote = status, true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.status, w.wrote = http.StatusOK, true
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the real writer (flushing).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests writes one access line per request and counts it in the
// metrics under its route template ("/documents/{id}", not each id).
// Query strings are not logged at info: searches of sealed or sensitive
// matters are the users' business; at debug level they are, for a person
// chasing a bug on their own machine.
func logRequests(logger *slog.Logger, m *Metrics, router *mux.Router, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		route := "unmatched"
		var match mux.RouteMatch
		if router.Match(r, &match) && match.Route != nil {
			if t, err := match.Route.GetPathTemplate(); err == nil {
				route = t
			}
		}
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		took := time.Since(start)
		m.observe(route, metricMethod(r.Method), sw.status, took)
		level := slog.LevelInfo
		if sw.status >= 500 {
			level = slog.LevelError
		}
		logger.Log(r.Context(), level, "request", "method", r.Method, "route", route, "path", r.URL.Path,
			"status", sw.status, "took", took, "request_id", requestID(r.Context()))
		if logger.Enabled(r.Context(), slog.LevelDebug) && r.URL.RawQuery != "" {
			logger.DebugContext(r.Context(), "request query", "query", r.URL.RawQuery, "request_id", requestID(r.Context()))
		}
	})
}

// metricMethod keeps the method label to a handful of values, whatever
// a client sends.
func metricMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodDelete, http.MethodPut, http.MethodOptions, http.MethodPatch:
		return m
	}
	return "other"
}

// secureHeaders sets what every response carries: no content sniffing, so
// a browser never runs a text or JSON answer as HTML or script.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panicking handler into a logged 500.
func recoverPanics(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil || v == http.ErrAbortHandler {
				if v != nil {
					panic(v)
				}
				return
			}
			logger.ErrorContext(r.Context(), "handler panicked", "path", r.URL.Path, "panic", v, "request_id", requestID(r.Context()))
			if !sw.wrote {
				writeProblem(sw, r, problem{Status: http.StatusInternalServerError,
					Detail: "internal error; the server log has the details under this request_id"})
			}
		}()
		next.ServeHTTP(sw, r)
	})
}
