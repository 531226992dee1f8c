package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// Rebuild builds the index anew from the kept documents into a new
// generation with the given number of shards (0: keep the count), and
// commits it by renaming CURRENT. The old generation serves searches
// until then, and is removed after.
func (s *Store) Rebuild(ctx context.Context, shards int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closePipeline() // its appliers write the shards a rebuild replaces
	if shards <= 0 {
		shards = s.cur.Shards
	}
	return s.rebuild(ctx, shards)
}

func (s *Store) rebuild(ctx context.Context, shards int) error {
	old := s.cur
	next := pointer{Format: formatVersion, Generation: old.Generation + 1, Shards: shards}
	if err := os.RemoveAll(next.genDir(s.dir)); err != nil {
		return err
	}
	oldShards, oldWritten := s.shards, s.written
	if err := s.createShards(next); err != nil {
		s.closeNew(oldShards)
		s.written = oldWritten
		return err
	}
	newShards := s.shards
	s.shards, s.written = oldShards, oldWritten
	fail := func(err error) error {
		for _, sh := range newShards {
			sh.Close()
		}
		os.RemoveAll(next.genDir(s.dir))
		return err
	}

	entries := s.Entries()
	written := make([]int, len(newShards))
	if err := s.fill(ctx, newShards, entries, written); err != nil {
		return fail(err)
	}
	s.fault("rebuild-indexed")

	// The new catalog: the same documents, renumbered.
	s.stateM.RLock()
	recs := s.cat.snapshot()
	s.stateM.RUnlock()
	if err := writeFileSync(next.catalogPath(s.dir), nil); err != nil {
		return fail(err)
	}
	cat, err := loadCatalog(next.catalogPath(s.dir))
	if err != nil {
		return fail(err)
	}
	if len(recs) > 0 {
		if err := cat.append(recs); err != nil {
			cat.close()
			return fail(err)
		}
	}
	seq := []byte(strconv.FormatUint(cat.seq, 10))
	for i, sh := range newShards {
		if err := sh.SetInternal(seqKey, seq); err != nil {
			cat.close()
			return fail(fmt.Errorf("index shard %d: %w", i, err))
		}
	}
	s.fault("rebuild-catalog")

	if err := s.writePointer(next); err != nil {
		cat.close()
		return fail(err)
	}

	// Committed: switch searches over, then drop the old generation.
	s.stateM.Lock()
	oldCat := s.cat
	s.cat, s.cur, s.shards, s.written = cat, next, newShards, written
	s.stateM.Unlock()
	if s.alias != nil {
		s.alias.Swap(newShards, oldShards)
	} else if err := s.makeAlias(); err != nil {
		return err
	}
	for _, sh := range oldShards {
		if sh != nil {
			sh.Close()
		}
	}
	if oldCat != nil {
		oldCat.close()
	}
	s.fault("rebuild-committed")
	return errors.Join(os.RemoveAll(old.genDir(s.dir)), ignoreMissing(os.Remove(old.catalogPath(s.dir))))
}

func (s *Store) closeNew(old []bleve.Index) {
	for _, sh := range s.shards {
		if sh != nil {
			sh.Close()
		}
	}
	s.shards = old
}

// fill indexes entries into shards: fields are computed on one goroutine
// per CPU, and each shard is written by its own goroutine in batches of
// about BatchBytes. It counts the documents written to shard i in
// written[i].
func (s *Store) fill(ctx context.Context, shards []bleve.Index, entries []Entry, written []int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type item struct {
		id     string
		fields any
		size   int
	}
	queues := make([]chan item, len(shards))
	for i := range queues {
		queues[i] = make(chan item, 16)
	}
	errc := make(chan error, len(shards)+runtime.GOMAXPROCS(0))
	// All shards fill at once: together they hold about BatchBytes.
	limit := max(s.opts.BatchBytes/len(shards), 1<<20)
	var writers sync.WaitGroup
	for i, sh := range shards {
		writers.Add(1)
		go func() {
			defer writers.Done()
			b, size := sh.NewBatch(), 0
			flush := func() error {
				if b.Size() == 0 {
					return nil
				}
				err := sh.Batch(b)
				b, size = sh.NewBatch(), 0
				return err
			}
			for it := range queues[i] {
				if err := indexInto(b, it.id, it.fields); err != nil {
					errc <- err
					cancel()
					continue
				}
				size += it.size
				written[i]++
				if size >= limit {
					if err := flush(); err != nil {
						errc <- fmt.Errorf("write index shard %d: %w", i, err)
						cancel()
					}
				}
			}
			if ctx.Err() == nil {
				if err := flush(); err != nil {
					errc <- fmt.Errorf("write index shard %d: %w", i, err)
				}
			}
		}()
	}
	todo := make(chan Entry)
	var workers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for e := range todo {
				f, size, err := s.opts.Fields(ctx, s, e)
				if err != nil {
					errc <- fmt.Errorf("rebuild %s: %w", e.ID, err)
					cancel()
					return
				}
				select {
				case queues[shardOf(e.ID, len(shards))] <- item{e.ID, f, size}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	for _, e := range entries {
		select {
		case todo <- e:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(todo)
	workers.Wait()
	for _, q := range queues {
		close(q)
	}
	writers.Wait()
	close(errc)
	var errs []error
	for err := range errc {
		errs = append(errs, err)
	}
	if len(errs) == 0 && ctx.Err() != nil {
		return ctx.Err()
	}
	return errors.Join(errs...)
}
