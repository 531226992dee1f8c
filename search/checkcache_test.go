package search

import (
	"testing"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// fakeSegment is a segment of n documents, enough for the cache, which
// only keys entries by a segment and sizes them by its count.
type fakeSegment struct {
	segment.Segment
	n uint64
}

func (s *fakeSegment) Count() uint64 { return s.n }

func TestCheckCacheKeepsDecisions(t *testing.T) {
	c := newCheckCache(1 << 20)
	seg := &fakeSegment{n: 200}
	e := c.entry(seg, "q")
	if _, known := e.get(130); known {
		t.Fatal("a fresh entry knows a decision")
	}
	e.set(130, true)
	e.set(131, false)
	if e := c.entry(seg, "q"); e == nil {
		t.Fatal("no entry")
	} else if kept, known := e.get(130); !known || !kept {
		t.Errorf("document 130: kept %v, known %v; want kept", kept, known)
	} else if kept, known := e.get(131); !known || kept {
		t.Errorf("document 131: kept %v, known %v; want dropped", kept, known)
	}
	if _, known := c.entry(seg, "other query").get(130); known {
		t.Error("another query's entry knows the first query's decision")
	}
	if _, known := c.entry(&fakeSegment{n: 200}, "q").get(130); known {
		t.Error("another segment's entry knows the first segment's decision")
	}
}

func TestCheckCacheDropsEntries(t *testing.T) {
	// Each entry of a 64,000-document segment takes 16,128 bytes and more.
	c := newCheckCache(3 * 16500)
	segs := make([]*fakeSegment, 5)
	for i := range segs {
		segs[i] = &fakeSegment{n: 64000}
		c.entry(segs[i], "q").set(1, true)
	}
	if c.lru.Len() != 3 || c.used > c.max {
		t.Fatalf("%d entries in %d bytes; want the 3 newest within %d", c.lru.Len(), c.used, c.max)
	}
	if _, known := c.entry(segs[4], "q").get(1); !known {
		t.Error("the newest entry was dropped")
	}
	// An entry nobody asks for is dropped after keepLookups lookups,
	// though the budget has room: its segment may be merged away.
	c = newCheckCache(1 << 30)
	c.entry(segs[0], "old")
	for range keepLookups + 1 {
		c.entry(segs[1], "busy")
	}
	if _, ok := c.m[checkKey{segs[0], "old"}]; ok {
		t.Errorf("an entry unused for %d lookups is still held", keepLookups+1)
	}
	if n := c.lru.Len(); n != 1 {
		t.Errorf("%d entries; want the busy one only", n)
	}
}
