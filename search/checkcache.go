package search

import (
	"container/list"
	"context"
	"math/bits"
	"sync"
	"sync/atomic"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A checkCache remembers, per index segment and per phrase or proximity
// query, what the position check decided for each document it looked at,
// as two bits a document. Segments never change once written, so a
// decision stays true for as long as the segment lives; a new segment (a
// batch committed, a merge) starts empty. It is the per-segment filter
// cache of Lucene's query cache, for the one kind of clause whose cost is
// per candidate: two common words near each other in most documents mean
// reading every position of both in nearly every document, and the
// answer is the same the next time anyone asks. Entries are dropped least
// recently used first past the byte budget.
//
// Totals stay exact: a document not yet decided is checked as before.
//
// An entry names its segment, which keeps the segment's Go value from
// being collected; a segment merged away is never asked about again, so
// entries unused for keepLookups lookups are dropped whatever the budget
// (as package facet drops the ordinals of segments no search has seen).
type checkCache struct {
	max int64

	mu    sync.Mutex
	used  int64
	lru   *list.List // of *checkEntry, most recently used first
	m     map[checkKey]*list.Element
	clock uint64 // lookups so far
}

// keepLookups is how many lookups an entry may go unused before it is
// dropped: hundreds of phrase and proximity searches.
const keepLookups = 1 << 14

type checkKey struct {
	seg segment.Segment
	q   string
}

// A checkEntry holds one query's decisions over one segment: a document's
// kept bit is set before its checked bit, so whoever sees checked set
// reads the right kept bit, without a lock.
type checkEntry struct {
	key           checkKey
	checked, kept []atomic.Uint64
	used          uint64 // the cache's clock when last looked up
	// complete is set once a walk has decided every document of the
	// segment that the query's words match (see checkedSearcher): from
	// then on the kept bits are the query's matches in the segment, and a
	// walk can go from one to the next without looking at the others.
	complete atomic.Bool
}

// newCheckCache returns a cache of at most maxBytes, or nil (no caching)
// for maxBytes <= 0.
func newCheckCache(maxBytes int64) *checkCache {
	if maxBytes <= 0 {
		return nil
	}
	return &checkCache{max: maxBytes, lru: list.New(), m: map[checkKey]*list.Element{}}
}

// entry returns the decisions of query q over seg, making an empty entry
// if there is none. A nil cache returns nil.
func (c *checkCache) entry(seg segment.Segment, q string) *checkEntry {
	if c == nil {
		return nil
	}
	k := checkKey{seg, q}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	if el, ok := c.m[k]; ok {
		c.lru.MoveToFront(el)
		e := el.Value.(*checkEntry)
		e.used = c.clock
		c.drop()
		return e
	}
	words := (seg.Count() + 63) / 64
	e := &checkEntry{key: k, checked: make([]atomic.Uint64, words), kept: make([]atomic.Uint64, words), used: c.clock}
	c.m[k] = c.lru.PushFront(e)
	c.used += e.size()
	c.drop()
	return e
}

// drop drops entries from the least recently used while the cache is over
// its budget or they have gone unused too long, keeping the newest. It
// runs with c.mu held.
func (c *checkCache) drop() {
	for c.lru.Len() > 1 {
		last := c.lru.Back().Value.(*checkEntry)
		if c.used <= c.max && c.clock-last.used <= keepLookups {
			break
		}
		c.lru.Remove(c.lru.Back())
		delete(c.m, last.key)
		c.used -= last.size()
	}
}

func (e *checkEntry) size() int64 { return int64(len(e.checked))*16 + 128 + int64(len(e.key.q)) }

// get returns the decision for document d of the segment, if made.
func (e *checkEntry) get(d uint64) (kept, known bool) {
	bit := uint64(1) << (d % 64)
	if e.checked[d/64].Load()&bit == 0 {
		return false, false
	}
	return e.kept[d/64].Load()&bit != 0, true
}

// set records the decision for document d of the segment.
func (e *checkEntry) set(d uint64, kept bool) {
	bit := uint64(1) << (d % 64)
	if kept {
		e.kept[d/64].Or(bit)
	}
	e.checked[d/64].Or(bit)
}

// nextKept returns the first document at or after d that the entry keeps,
// and false when there is none.
func (e *checkEntry) nextKept(d uint64) (uint64, bool) {
	i := d / 64
	if i >= uint64(len(e.kept)) {
		return 0, false
	}
	w := e.kept[i].Load() &^ (1<<(d%64) - 1)
	for {
		if w != 0 {
			return i*64 + uint64(bits.TrailingZeros64(w)), true
		}
		if i++; i >= uint64(len(e.kept)) {
			return 0, false
		}
		w = e.kept[i].Load()
	}
}

// checkCacheKey is the context key a search hands its Index's checkCache
// to the phrase and proximity searchers by: bleve builds them from the
// query without a way to pass anything else.
type checkCacheKey struct{}

func withCheckCache(ctx context.Context, c *checkCache) context.Context {
	if c == nil {
		return ctx
	}
	return context.WithValue(ctx, checkCacheKey{}, c)
}

func checkCacheOf(ctx context.Context) *checkCache {
	c, _ := ctx.Value(checkCacheKey{}).(*checkCache)
	return c
}
