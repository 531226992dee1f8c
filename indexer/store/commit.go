package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
)

// A Batch is a set of changes committed together: new documents, new and
// dropped sources, deletions.
type Batch struct {
	adds  []add
	drops []record
	dels  []string
	size  int
}

type add struct {
	id, sha, name, src string
	original, prepared []byte
	fields             any // nil: a new source of a document already kept
}

// Add adds a document with its original, prepared text and index fields,
// ingested from src under the file name name. If the document is already
// kept (same id), only the source is added.
func (b *Batch) Add(id, sha, name, src string, original, prepared []byte, fields any) {
	b.adds = append(b.adds, add{id, sha, name, src, original, prepared, fields})
	b.size += len(original) + len(prepared)
}

// AddSource records that the kept document id was also found at src.
func (b *Batch) AddSource(id, src string) {
	b.adds = append(b.adds, add{id: id, src: src})
}

// DropSource records that the document id is no longer at src; a document
// left with no source is deleted.
func (b *Batch) DropSource(id, src string) {
	b.drops = append(b.drops, record{Op: opDrop, ID: id, Src: src})
}

// Delete deletes a document and every source of it.
func (b *Batch) Delete(id string) { b.dels = append(b.dels, id) }

// Bytes is roughly the memory the batch holds.
func (b *Batch) Bytes() int { return b.size }

// Len is the number of changes in the batch.
func (b *Batch) Len() int { return len(b.adds) + len(b.drops) + len(b.dels) }

// Has reports whether the batch adds the document id.
func (b *Batch) Has(id string) bool {
	return slices.ContainsFunc(b.adds, func(a add) bool { return a.id == id && a.fields != nil })
}

// Commit makes the batch durable and visible: kept files are fsynced,
// then the catalog, then the shards are written, each by its own
// goroutine. When it returns nil, the changes survive a crash and
// searches see them. Deleting an unknown id is an error wrapping
// fs.ErrNotExist, and nothing of the batch is committed. The batches of
// a Pipeline still being applied are applied first.
func (s *Store) Commit(ctx context.Context, b *Batch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Each shard takes its batches in the catalog's order.
	s.applying.Wait()
	if s.lagging != nil {
		return s.lagging
	}
	w, err := s.stage(ctx, b)
	if err != nil || w == nil {
		return err
	}
	if err := s.writeShards(s.shards, w.batches); err != nil {
		s.lagging = fmt.Errorf("%w (the documents are kept; the index catches up when the data directory is next opened)", err)
		return s.lagging
	}
	for i, n := range w.indexed {
		s.written[i] += n
	}
	s.fault("index-written")
	return s.removeEmptied(w.emptied)
}

// An application is what is left of a commit once its durable stage is
// done: a bleve batch for each shard it changes (nil for the others),
// how many documents each indexes, and the packs it empties.
type application struct {
	batches []*bleve.Batch
	indexed []int
	emptied []string
	// left counts the shards of a Pipeline yet to apply it, and failed
	// is set by one that could not.
	left   atomic.Int32
	failed atomic.Bool
}

// stage validates the batch and makes it durable: the pack of its new
// documents is written and fsynced, then the catalog records appended
// and fsynced. It returns what the shards must then be given, or nil when
// the batch changes nothing. The caller holds s.mu.
func (s *Store) stage(ctx context.Context, b *Batch) (*application, error) {
	if s.shards == nil {
		return nil, errors.New("store is closed")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	s.stateM.RLock()
	before := map[string]bool{}
	var newDocs []packDoc
	var recs []record
	pack := fmt.Sprintf("%06d-%012d.pack", s.cur.Generation, s.cat.seq+1) // unique: seq grows within a generation
	fieldsOf := map[string]any{}
	var errs []error
	for _, a := range b.adds {
		if !validID(a.id) {
			errs = append(errs, fmt.Errorf("%s: %q is not a document id", a.src, a.id))
			continue
		}
		if old, ok := s.cat.bySrc[a.src]; ok && old != a.id {
			// The source had other content: its old document loses it,
			// and goes if that was its last source.
			if _, seen := before[old]; !seen {
				_, before[old] = s.cat.docs[old]
			}
			// Recorded explicitly, so a replay of the log touches it.
			recs = append(recs, record{Op: opDrop, ID: old, Src: a.src})
		}
		e, kept := s.cat.docs[a.id]
		if _, seen := before[a.id]; !seen {
			before[a.id] = kept
		}
		switch {
		case kept && a.sha != "" && e.SHA != a.sha:
			errs = append(errs, fmt.Errorf("%s: %w (%s)", a.src, ErrCollision, a.id))
			continue
		case !kept && a.fields == nil && fieldsOf[a.id] == nil:
			errs = append(errs, fmt.Errorf("%s: no document %s to add a source to: %w", a.src, a.id, fs.ErrNotExist))
			continue
		case !kept && a.fields != nil && fieldsOf[a.id] == nil:
			fieldsOf[a.id] = a.fields
			newDocs = append(newDocs, packDoc{a.id, a.original, a.prepared})
		}
		r := record{Op: opPut, ID: a.id, SHA: a.sha, Src: a.src, Name: a.name}
		if kept {
			r.SHA, r.Name, r.loc = e.SHA, e.Name, e.loc
		}
		recs = append(recs, r)
	}
	for _, d := range b.drops {
		if _, ok := before[d.ID]; !ok {
			_, before[d.ID] = s.cat.docs[d.ID]
		}
		recs = append(recs, d)
	}
	for _, id := range b.dels {
		if _, ok := s.cat.docs[id]; !ok && fieldsOf[id] == nil || !validID(id) {
			errs = append(errs, fmt.Errorf("document %s: %w", id, fs.ErrNotExist))
			continue
		}
		if _, ok := before[id]; !ok {
			_, before[id] = s.cat.docs[id]
		}
		recs = append(recs, record{Op: opDel, ID: id})
	}
	s.stateM.RUnlock()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, nil
	}

	if len(newDocs) > 0 {
		locs, err := s.writePack(pack, newDocs)
		if err != nil {
			return nil, err
		}
		for i := range recs {
			if l, ok := locs[recs[i].ID]; ok && recs[i].Op == opPut {
				recs[i].loc = l
			}
		}
	}
	s.fault("kept-written")
	s.stateM.Lock()
	packOf := map[string]string{}
	for id := range before {
		if e := s.cat.docs[id]; e != nil {
			packOf[id] = e.loc.Pack
		}
	}
	err := s.cat.append(recs)
	seq := s.cat.seq
	after := map[string]bool{}
	for id := range before {
		_, after[id] = s.cat.docs[id]
	}
	w := &application{batches: make([]*bleve.Batch, len(s.shards)), indexed: make([]int, len(s.shards))}
	for id, p := range packOf {
		if !after[id] && s.cat.packs[p] == 0 && !slices.Contains(w.emptied, p) {
			w.emptied = append(w.emptied, p)
		}
	}
	s.stateM.Unlock()
	if err != nil {
		return nil, err
	}
	s.fault("catalog-written")

	// Only the shards a change routes to are written: a shard whose
	// sequence number lags has, by construction, nothing in the records
	// after it, and Open catches it up for free.
	for id, was := range before {
		now := after[id]
		if now == was {
			continue
		}
		i := shardOf(id, len(s.shards))
		if w.batches[i] == nil {
			w.batches[i] = s.shards[i].NewBatch()
			w.batches[i].SetInternal(seqKey, []byte(strconv.FormatUint(seq, 10)))
		}
		bt := w.batches[i]
		if now {
			w.indexed[i]++
		}
		switch {
		case now && !was:
			f := fieldsOf[id]
			if f == nil {
				e, _ := s.Entry(id)
				if f, _, err = s.opts.Fields(ctx, s, e); err != nil {
					return nil, fmt.Errorf("index %s: %w", id, err)
				}
			}
			if err := indexInto(bt, id, f); err != nil {
				return nil, fmt.Errorf("index %s: %w", id, err)
			}
		case was && !now:
			bt.Delete(id)
		}
	}
	return w, nil
}

// removeEmptied removes the packs a commit emptied. A pack goes only once
// the index no longer has its documents; a crash before this leaves it
// unreferenced (Open removes it), which costs space, never a document.
func (s *Store) removeEmptied(packs []string) error {
	var errs []error
	for _, p := range packs {
		errs = append(errs, ignoreMissing(os.Remove(filepath.Join(s.dir, PacksDir, p))))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remove emptied packs: %w", err)
	}
	return nil
}

// writeShards writes one batch to each shard, all at once.
func (s *Store) writeShards(shards []bleve.Index, batches []*bleve.Batch) error {
	errs := make([]error, len(shards))
	var wg sync.WaitGroup
	for i, sh := range shards {
		if batches[i] == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sh.Batch(batches[i]); err != nil {
				errs[i] = fmt.Errorf("write index shard %d: %w", i, err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
