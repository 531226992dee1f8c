package search

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
)

// flights lets identical searches that are in flight at the same time
// share one execution: the first runs, the others wait for its result.
// Eight people (or one page and its prefetch) asking the same thing at
// once then cost the machine one search instead of eight.
//
// Sharing is exact only if the shared search saw what each waiting one
// would have seen. So a flight is keyed by the index generation as well
// as the request: a write that returned before a search arrived has
// moved the generation on (see Index.Changed), and that search does not
// join a flight that may have started before the write.
type flights struct {
	gen atomic.Uint64

	mu sync.Mutex
	m  map[string]*flight
}

type flight struct {
	done chan struct{}
	res  *Result
	err  error
}

// do runs search for req, or waits for an identical one already running
// in the same generation and returns a copy of its result. A waiter whose
// leader gave up (its own caller went away or ran out of time) runs the
// search itself.
func (f *flights) do(ctx context.Context, req Request, search func(context.Context, Request) (*Result, error)) (*Result, error) {
	key, ok := f.key(req)
	if !ok {
		return search(ctx, req)
	}
	f.mu.Lock()
	if fl, ok := f.m[key]; ok {
		f.mu.Unlock()
		select {
		case <-fl.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if fl.err != nil && (errors.Is(fl.err, context.Canceled) || errors.Is(fl.err, context.DeadlineExceeded)) {
			return search(ctx, req)
		}
		if fl.err != nil {
			return nil, fl.err
		}
		c := *fl.res // the API fills in Next and Previous per response
		return &c, nil
	}
	fl := &flight{done: make(chan struct{})}
	f.m[key] = fl
	f.mu.Unlock()

	defer func() {
		f.mu.Lock()
		delete(f.m, key)
		f.mu.Unlock()
		close(fl.done)
	}()
	fl.res, fl.err = search(ctx, req)
	if fl.err != nil {
		return nil, fl.err
	}
	c := *fl.res
	return &c, nil
}

// running reports whether an identical search of req (normalized) is in
// flight now, in the current generation.
func (f *flights) running(req Request) bool {
	key, ok := f.key(req)
	if !ok {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok = f.m[key]
	return ok
}

// key is the generation and the request as the search will run it.
func (f *flights) key(req Request) (string, bool) {
	js, err := json.Marshal(req)
	if err != nil {
		return "", false
	}
	var b []byte
	g := f.gen.Load()
	for range 8 {
		b = append(b, byte(g))
		g >>= 8
	}
	return string(append(b, js...)), true
}

// ShareSearches makes identical searches that run at the same time share
// one execution (off by default). Results are the same as without it as
// long as every write to the index is followed by Changed before the
// writer reports it done. Call it before the first search.
func (ix *Index) ShareSearches(on bool) {
	if on {
		ix.flights = &flights{m: map[string]*flight{}}
	} else {
		ix.flights = nil
	}
}

// Joinable reports whether Search(req) would now wait for an identical
// search already in flight instead of running one of its own. A caller
// that bounds how many searches run at once may let such a request
// through without a slot: waiting costs no CPU. It is a hint: if the
// running search ends first, this one runs after all.
func (ix *Index) Joinable(req Request) bool {
	if ix.flights == nil {
		return false
	}
	req, err := req.normalize()
	return err == nil && ix.flights.running(req)
}

// Changed tells the index that its documents changed: searches that
// arrive from now on do not share a search that started before. A writer
// calls it after each write commits and before it reports the write done.
func (ix *Index) Changed() {
	if ix.flights != nil {
		ix.flights.gen.Add(1)
	}
}
