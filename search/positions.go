package search

import (
	"cmp"
	"fmt"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// A tpos is one occurrence of a term in a document: its page (the body's
// array position), its term position and its byte offset in the page.
type tpos struct{ page, pos, start int }

func compareTpos(a, b tpos) int {
	return cmp.Or(cmp.Compare(a.page, b.page), cmp.Compare(a.pos, b.pos))
}

// termLocs gives the occurrences of each of a query's terms in the
// document being checked, in page and position order.
type termLocs interface {
	of(term string) []tpos
}

// A posReader reads where some terms of one field stand in the documents
// of one index snapshot, straight from the segments' postings, as a walk
// in document order reaches each document. It is how the phrase and
// proximity checks see positions without asking bleve's searchers for
// term vectors: those decode every occurrence of every matching document
// into freshly allocated locations and merge them into each match, which
// on two words found in most documents was most of a search's time. Here
// the segment's own iterators, which reuse their buffers, are advanced to
// the document a check asks about, and nothing is allocated per document.
type posReader struct {
	field   string
	terms   []string
	segs    []*scorch.SegmentSnapshot
	offsets []uint64 // first document number of each segment

	cur  int // segment the iterators are on; -1 before the first read
	hint int // segment of the last document located
	pls  []segment.PostingsList
	its  []segment.PostingsIterator
	at   []segment.Posting // per term: the posting its iterator is on, nil at the end
	locs [][]tpos          // per term: its occurrences in the last document read

	cache *checkCache   // nil: decisions are not remembered
	key   string        // the check's identity in the cache
	memos []*checkEntry // per segment, taken from the cache on first use
}

// newPosReader returns a reader of terms' positions in field, or nil when
// r is not a scorch snapshot (the caller then asks bleve for term vectors).
// With a cache, the check identified by key remembers its decisions.
func newPosReader(r index.IndexReader, field string, terms []string, cache *checkCache, key string) *posReader {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	p := &posReader{field: field, terms: slices.Compact(slices.Sorted(slices.Values(terms))), segs: snap.Segments(), cur: -1}
	p.offsets = make([]uint64, len(p.segs))
	var next uint64
	for i, s := range p.segs {
		p.offsets[i] = next
		next += s.Segment().Count() // deleted documents keep their numbers
	}
	n := len(p.terms)
	p.pls, p.its, p.at, p.locs = make([]segment.PostingsList, n), make([]segment.PostingsIterator, n), make([]segment.Posting, n), make([][]tpos, n)
	if cache != nil {
		p.cache, p.key, p.memos = cache, key, make([]*checkEntry, len(p.segs))
	}
	return p
}

// locate returns the segment document n is in and its number there.
func (p *posReader) locate(n uint64) (int, uint64, error) {
	s := p.hint
	if s >= len(p.offsets) || n < p.offsets[s] || (s+1 < len(p.offsets) && n >= p.offsets[s+1]) {
		s = sort.Search(len(p.offsets), func(i int) bool { return p.offsets[i] > n }) - 1
		if s < 0 {
			return 0, 0, fmt.Errorf("search: document number %d before the first segment", n)
		}
		p.hint = s
	}
	return s, n - p.offsets[s], nil
}

// memo returns where the decision about document id is remembered: the
// cache entry of its segment (nil without a cache) and its number there.
func (p *posReader) memo(id index.IndexInternalID) (*checkEntry, uint64) {
	if p.cache == nil {
		return nil, 0
	}
	s, local, err := p.locate(id.Value())
	if err != nil {
		return nil, 0
	}
	return p.entryOf(s), local
}

// entryOf returns the cache entry of segment s, making it if need be.
func (p *posReader) entryOf(s int) *checkEntry {
	if p.memos[s] == nil {
		p.memos[s] = p.cache.entry(p.segs[s].Segment(), p.key)
	}
	return p.memos[s]
}

// skipTo tells a walk that has passed every document before n where to
// go next, for a reader with a cache. In a segment whose entry is
// complete that is the next document it keeps (skip), or, past its last,
// the first document of the next segment; done means no document is left
// to keep. Otherwise (skip false) the walk takes the next candidate.
func (p *posReader) skipTo(n uint64) (to uint64, skip, done bool) {
	from := n
	for {
		s, local, err := p.locate(n)
		if err != nil {
			return 0, false, false
		}
		if !p.entryOf(s).complete.Load() {
			return n, n != from, false
		}
		if k, ok := p.memos[s].nextKept(local); ok {
			return p.offsets[s] + k, true, false
		}
		if s+1 >= len(p.segs) {
			return 0, false, true
		}
		n = p.offsets[s+1]
	}
}

// read reads the terms' occurrences in the document id. Documents must
// come in increasing order, as bleve's searchers give them.
func (p *posReader) read(id index.IndexInternalID) error {
	s, local, err := p.locate(id.Value())
	if err != nil {
		return err
	}
	if s != p.cur {
		if err := p.open(s); err != nil {
			return err
		}
	}
	for k := range p.terms {
		p.locs[k] = p.locs[k][:0]
		if p.its[k] == nil {
			continue
		}
		if p.at[k] != nil && p.at[k].Number() < local {
			var err error
			if p.at[k], err = p.its[k].Advance(local); err != nil {
				return fmt.Errorf("search: positions of %q: %w", p.terms[k], err)
			}
			if p.at[k] == nil {
				p.its[k] = nil // at the end of this segment's postings
			}
		}
		if p.at[k] == nil || p.at[k].Number() != local {
			continue
		}
		for _, l := range p.at[k].Locations() {
			if l.Field() != p.field {
				continue
			}
			var page int
			if ap := l.ArrayPositions(); len(ap) > 0 {
				page = int(ap[0])
			}
			p.locs[k] = append(p.locs[k], tpos{page: page, pos: int(l.Pos()), start: int(l.Start())})
		}
		if !slices.IsSortedFunc(p.locs[k], compareTpos) {
			slices.SortFunc(p.locs[k], compareTpos)
		}
	}
	return nil
}

// open sets the iterators on segment s, each on its term's first posting.
func (p *posReader) open(s int) error {
	p.cur = s
	dict, err := p.segs[s].Segment().Dictionary(p.field)
	if err != nil {
		return fmt.Errorf("search: positions in %s: %w", p.field, err)
	}
	for k, t := range p.terms {
		p.its[k], p.at[k] = nil, nil
		pl, err := dict.PostingsList([]byte(t), nil, p.pls[k])
		if err != nil {
			return fmt.Errorf("search: positions of %q: %w", t, err)
		}
		p.pls[k] = pl
		if pl == nil || pl.Count() == 0 {
			continue
		}
		it := pl.Iterator(true, true, true, nil)
		if p.at[k], err = it.Next(); err != nil {
			return fmt.Errorf("search: positions of %q: %w", t, err)
		}
		if p.at[k] != nil {
			p.its[k] = it
		}
	}
	return nil
}

// of returns term's occurrences in the last document read.
func (p *posReader) of(term string) []tpos {
	if k, ok := slices.BinarySearch(p.terms, term); ok {
		return p.locs[k]
	}
	return nil
}

// matchLocs is the termLocs of a bleve match that carries term vectors,
// for searches that ask for them (and indexes that are not scorch).
type matchLocs map[string][]tpos

func newMatchLocs(dm *bsearch.DocumentMatch, field string) matchLocs {
	m := matchLocs{}
	for i := range dm.FieldTermLocations {
		ftl := &dm.FieldTermLocations[i]
		if ftl.Field != field {
			continue
		}
		var page int
		if len(ftl.Location.ArrayPositions) > 0 {
			page = int(ftl.Location.ArrayPositions[0])
		}
		m[ftl.Term] = append(m[ftl.Term], tpos{page: page, pos: int(ftl.Location.Pos), start: int(ftl.Location.Start)})
	}
	for _, ls := range m {
		if !slices.IsSortedFunc(ls, compareTpos) {
			slices.SortFunc(ls, compareTpos)
		}
	}
	return m
}

func (m matchLocs) of(term string) []tpos { return m[term] }

// hasTpos reports whether ls, sorted, holds an occurrence at page and pos.
func hasTpos(ls []tpos, page, pos int) bool {
	_, ok := slices.BinarySearchFunc(ls, tpos{page: page, pos: pos}, compareTpos)
	return ok
}
