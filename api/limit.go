package api

import (
	"net/http"
	"strconv"
	"time"
)

// A limiter bounds the requests of one kind (searches, writes) that run
// at once. A few more may wait a moment for a slot; past that, or past the wait, the client gets a
// 429 with Retry-After at once, which keeps latency flat for the searches
// that do run instead of letting every one slow down together (the way a
// bounded search queue works in Elasticsearch).
type limiter struct {
	slots    chan struct{} // one token per running search
	admitted chan struct{} // one token per running or waiting search
	wait     time.Duration
	retry    time.Duration
	rejected func() // counts a 429
}

func newLimiter(maxRunning, maxQueued int, wait, retry time.Duration, rejected func()) *limiter {
	return &limiter{
		slots:    make(chan struct{}, maxRunning),
		admitted: make(chan struct{}, maxRunning+maxQueued),
		wait:     wait,
		retry:    retry,
		rejected: rejected,
	}
}

// wrap runs next only while it holds a slot.
func (l *limiter) wrap(next http.Handler) http.Handler { return l.wrapUnless(nil, next) }

// wrapUnless runs next only while it holds a slot, except for the
// requests free says cost no CPU of their own (they wait for an identical
// search already running): those skip the wait for a slot, though they
// still count against the queue. free may be nil.
func (l *limiter) wrapUnless(free func(*http.Request) bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case l.admitted <- struct{}{}:
			defer func() { <-l.admitted }()
		default:
			l.reject(w, r, "the server is running as many requests of this kind as it takes; retry after the time in Retry-After")
			return
		}
		if free != nil && free(r) {
			next.ServeHTTP(w, r)
			return
		}
		timer := time.NewTimer(l.wait)
		defer timer.Stop()
		select {
		case l.slots <- struct{}{}:
			defer func() { <-l.slots }()
		case <-timer.C:
			l.reject(w, r, "the server is busy and no slot freed up in time; retry after the time in Retry-After")
			return
		case <-r.Context().Done():
			// The client left while waiting: nobody reads the answer, but
			// the access log and metrics should not call it a 200.
			writeProblem(w, r, problem{Status: 499, Detail: "the client went away"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (l *limiter) reject(w http.ResponseWriter, r *http.Request, detail string) {
	l.rejected()
	secs := max(1, int((l.retry+time.Second-1)/time.Second))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeProblem(w, r, problem{Status: http.StatusTooManyRequests, Detail: detail})
}
