package search

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// started runs f.do in a goroutine and returns its result channel.
func started(ctx context.Context, f *flights, req Request, search func(context.Context, Request) (*Result, error)) chan *Result {
	out := make(chan *Result, 1)
	go func() {
		r, err := f.do(ctx, req, search)
		if err != nil {
			r = &Result{NextCursor: "error: " + err.Error()}
		}
		out <- r
	}()
	return out
}

// waitFlights waits until n flights are running.
func waitFlights(t *testing.T, f *flights, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		f.mu.Lock()
		got := len(f.m)
		f.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d flights running, want %d", got, n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestFlightsShareOnlyWithinAGeneration(t *testing.T) {
	f := &flights{m: map[string]*flight{}}
	var runs atomic.Int32
	release := make(chan struct{})
	search := func(ctx context.Context, req Request) (*Result, error) {
		n := runs.Add(1)
		<-release
		return &Result{Total: uint64(n)}, nil
	}
	req := Request{Q: "beneficiary liability", Size: 10, Page: 1}
	first := started(t.Context(), f, req, search)
	waitFlights(t, f, 1)
	joined := started(t.Context(), f, req, search)
	time.Sleep(20 * time.Millisecond) // give the second caller time to join
	f.gen.Add(1)                      // a write returned: later searches must not see the older run
	afterWrite := started(t.Context(), f, req, search)
	waitFlights(t, f, 2)
	other := started(t.Context(), f, Request{Q: "other", Size: 10, Page: 1}, search)
	waitFlights(t, f, 3)
	close(release)

	r1, r2, r3, r4 := <-first, <-joined, <-afterWrite, <-other
	if r1.Total != 1 || r2.Total != 1 {
		t.Errorf("the identical search at the same time got run %d, want the first's (1: %d)", r2.Total, r1.Total)
	}
	if r3.Total == 1 {
		t.Errorf("a search after a write shared the result of one started before it")
	}
	if r4.Total == 1 || r4.Total == r3.Total {
		t.Errorf("a different search shared another's result (run %d)", r4.Total)
	}
	if got := runs.Load(); got != 3 {
		t.Errorf("%d runs for four searches of which two identical, want 3", got)
	}
	r2.Next = "changed by one caller"
	if r1.Next != "" {
		t.Errorf("callers sharing a run share one Result value: the API's per-response fields would leak")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.m) != 0 {
		t.Errorf("%d flights left after every search returned", len(f.m))
	}
}

func TestFlightsWaiterRunsWhenTheLeaderGivesUp(t *testing.T) {
	f := &flights{m: map[string]*flight{}}
	var runs atomic.Int32
	search := func(ctx context.Context, req Request) (*Result, error) {
		runs.Add(1)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	req := Request{Q: "court w/5 dismiss", Size: 10, Page: 1}
	leaderCtx, cancel := context.WithCancel(t.Context())
	first := started(leaderCtx, f, req, search)
	waitFlights(t, f, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	var got *Result
	var err error
	go func() {
		defer wg.Done()
		got, err = f.do(t.Context(), req, func(ctx context.Context, req Request) (*Result, error) {
			runs.Add(1)
			return &Result{Total: 7}, nil
		})
	}()
	time.Sleep(20 * time.Millisecond)
	cancel() // the leader's client went away
	wg.Wait()
	<-first
	if err != nil || got.Total != 7 {
		t.Fatalf("waiter got %+v, %v; want its own run's result after the leader was cancelled", got, err)
	}
}

// TestJoinableIsWhatSearchWouldJoin: Joinable is true exactly while an
// identical search runs in the current generation, and it reads the
// request as Search does (a size left out is the default size).
func TestJoinableIsWhatSearchWouldJoin(t *testing.T) {
	ix := &Index{}
	if ix.Joinable(Request{Q: "beneficiary liability"}) {
		t.Error("joinable with sharing off")
	}
	ix.ShareSearches(true)
	f := ix.flights
	release := make(chan struct{})
	search := func(ctx context.Context, req Request) (*Result, error) {
		<-release
		return &Result{}, nil
	}
	asked := Request{Q: "beneficiary liability"}
	if ix.Joinable(asked) {
		t.Error("joinable before any search ran")
	}
	norm, err := asked.normalize()
	if err != nil {
		t.Fatal(err)
	}
	done := started(t.Context(), f, norm, search)
	waitFlights(t, f, 1)
	if !ix.Joinable(asked) {
		t.Error("not joinable while the identical search runs")
	}
	if ix.Joinable(Request{Q: "beneficiary"}) || ix.Joinable(Request{Q: `"unbalanced`}) {
		t.Error("another search, or a bad one, is joinable")
	}
	ix.Changed()
	if ix.Joinable(asked) {
		t.Error("joinable after a write: Search would not join a search started before it")
	}
	close(release)
	<-done
	if ix.Joinable(asked) {
		t.Error("joinable after the search ended")
	}
}
