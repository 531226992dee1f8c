package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
)

// A Pipeline commits a bulk writer's batches with their stages
// overlapped. Commit (Store.Commit) is a barrier: the next batch starts
// only once the slower shard has written this one, and both cores wait
// on it. A Pipeline splits a commit in two. The durable stage (validate,
// write the pack, append the catalog, all fsynced) runs in Commit, in
// batch order; the apply stage (each shard's bleve batch) runs on one
// goroutine per shard, each taking its shard's batches in order. So one
// shard can start batch N+1 while the other still writes batch N, and
// batch N+1's pack and catalog are written while batch N is indexed.
//
// Crash safety is Store.Commit's: the catalog may run ahead of a shard,
// whose sequence number then lags and Open catches it up from the kept
// text. A shard that fails a batch applies none after it (its sequence
// number must not claim a batch it lacks), and packs a batch empties are
// removed only once every shard has applied it.
//
// What is in flight is bounded: at most depth batches are durable and
// not yet applied by every shard. A Pipeline is used by one goroutine;
// Close it before Consolidate, Rebuild or Store.Close (which close it
// themselves, waiting for its batches).
type Pipeline struct {
	s      *Store
	slots  chan struct{} // one per batch durable and not yet applied everywhere
	queues []chan *application
	done   sync.WaitGroup // the appliers

	mu     sync.Mutex
	err    error
	closed bool // the queues are closed
}

// Pipeline starts a pipeline of at most depth batches in flight (at
// least 1). Only one may be open at a time.
func (s *Store) Pipeline(depth int) (*Pipeline, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shards == nil {
		return nil, errors.New("store is closed")
	}
	if s.pipe != nil {
		return nil, errors.New("store: a pipeline is open already")
	}
	if s.lagging != nil {
		return nil, s.lagging
	}
	depth = max(depth, 1)
	p := &Pipeline{s: s, slots: make(chan struct{}, depth), queues: make([]chan *application, len(s.shards))}
	for i, sh := range s.shards {
		// Never full: no more than depth batches are in flight.
		q := make(chan *application, depth)
		p.queues[i] = q
		p.done.Add(1)
		go func() {
			defer p.done.Done()
			failed := false
			step := "shard-" + strconv.Itoa(i) + "-applied"
			for w := range q {
				if bt := w.batches[i]; bt != nil && !failed {
					if err := sh.Batch(bt); err != nil {
						failed = true
						w.failed.Store(true)
						p.fail(fmt.Errorf("write index shard %d: %w", i, err))
					} else {
						s.written[i] += w.indexed[i]
						s.fault(step)
					}
				}
				w.batches[i] = nil // its documents are garbage now
				if w.left.Add(-1) == 0 {
					p.finish(w)
				}
			}
		}()
	}
	s.pipe = p
	return p, nil
}

// Commit makes the batch durable, as Store.Commit does, and hands it to
// the shards. When it returns nil, the changes survive a crash; searches
// see them once the shards have applied them (at the latest when Close
// returns). After an error, of this batch or of an earlier batch's apply
// stage, it commits nothing more and returns that error.
func (p *Pipeline) Commit(ctx context.Context, b *Batch) error {
	if err := p.Err(); err != nil {
		return err
	}
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	s := p.s
	s.mu.Lock()
	if s.pipe != p {
		s.mu.Unlock()
		<-p.slots
		return errors.New("store: the pipeline is closed")
	}
	w, err := s.stage(ctx, b)
	if w != nil {
		s.applying.Add(1)
		w.left.Store(int32(len(p.queues)))
	}
	s.mu.Unlock()
	if err != nil {
		// The catalog may hold the batch already: a later batch's
		// sequence number must not reach a shard without it.
		p.fail(err)
	}
	if err != nil || w == nil {
		<-p.slots
		return err
	}
	// In batch order (one goroutine commits), and each queue has room.
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		// Store.Close came between: the batch is durable, and the next
		// Open indexes it.
		s.applying.Done()
		return errors.New("store: the pipeline is closed")
	}
	for _, q := range p.queues {
		q <- w
	}
	return nil
}

// finish ends a batch every shard has applied.
func (p *Pipeline) finish(w *application) {
	defer func() { <-p.slots }()
	defer p.s.applying.Done()
	if w.failed.Load() {
		return // a shard still has the batch's documents: keep their packs (Open removes them)
	}
	p.s.fault("index-written")
	if err := p.s.removeEmptied(w.emptied); err != nil {
		p.fail(err)
	}
}

func (p *Pipeline) fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err == nil {
		p.err = err
	}
}

// Err returns the first error of the apply stage so far.
func (p *Pipeline) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// stop waits until every batch committed is applied, and ends the
// appliers.
func (p *Pipeline) stop() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		for _, q := range p.queues {
			close(q)
		}
	}
	p.mu.Unlock()
	p.done.Wait()
}

// Close waits until the shards have applied every batch committed, and
// returns the first error of the apply stage. The Store then commits
// with Store.Commit again.
func (p *Pipeline) Close() error {
	p.stop()
	p.s.mu.Lock()
	if p.s.pipe == p {
		p.s.pipe = nil
	}
	err := p.Err()
	if err != nil && p.s.lagging == nil {
		p.s.lagging = err // see Store.lagging
	}
	p.s.mu.Unlock()
	return err
}
