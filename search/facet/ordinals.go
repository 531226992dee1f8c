// Package facet counts facet values of our own, exactly, as integers.
//
// bleve counts a facet by reading every matching document's doc values
// and building a map of strings per search; on a broad query that was
// three quarters of the search time. Here each keyword field's values are
// numbered once (a value dictionary per field) and each index segment
// keeps, per document, the numbers (ordinals) of its values. A search
// walks its matches, and for each one adds to integer counters.
//
// bleve renumbers documents when segments merge and numbers them
// differently in every snapshot, so ordinals are kept per segment, keyed
// by the segment itself: a segment never changes once written, a new one
// (a batch committed, a merge) is numbered the first time a search sees
// it, and one that no search has seen for a while is dropped. A snapshot's
// view lines its segments up by their first document number, which is how
// scorch numbers documents within a snapshot.
package facet

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// ErrNotScorch is returned for an index reader that is not a scorch
// snapshot: the only kind lexsearch builds, and the only kind whose
// segments can be numbered.
var ErrNotScorch = errors.New("facet: index is not a scorch index")

// keepViews is how many views a segment may go unseen before its ordinals
// are dropped: long enough for a search on an older snapshot to finish,
// short enough that merged-away segments do not pile up.
const keepViews = 256

// Ordinals holds the value dictionaries of a set of keyword fields and the
// per-segment ordinals of one or more bleve indexes (shards). It is safe
// for concurrent use.
type Ordinals struct {
	fields []string
	// idField and dateField, when set, are read into per-document keys:
	// the document's id, and its date as bleve's date sort sees it.
	idField, dateField string

	mu    sync.Mutex
	dicts []*dict
	segs  map[segment.Segment]*segOrds
	views uint64 // views made, the clock of segOrds.seen
}

// dict numbers the values of one field in the order they were first seen.
type dict struct {
	ids  map[string]uint32
	vals []string
}

func (d *dict) id(v string) uint32 {
	if n, ok := d.ids[v]; ok {
		return n
	}
	n := uint32(len(d.vals))
	d.ids[v] = n
	d.vals = append(d.vals, v)
	return n
}

// segOrds is one segment's ordinals: per field, the values of document n
// are ords[start[n]:start[n+1]].
type segOrds struct {
	cols  []column
	ids   []string // by document number, when Ordinals.idField is set
	dates []string // likewise, "" for a document without a date
	seen  uint64
	docs  int // documents in the segment, deleted or not

	totalsOnce sync.Once
	totals     [][]uint32 // per field, by ordinal: its count over every document (see sums)
}

type column struct {
	start []uint32
	ords  []uint32
}

// sums returns, per field, how many times each value occurs over every
// document of the segment, deleted ones included, counted the first time
// a search asks.
func (so *segOrds) sums() [][]uint32 {
	so.totalsOnce.Do(func() {
		so.totals = make([][]uint32, len(so.cols))
		for f := range so.cols {
			var n uint32
			for _, o := range so.cols[f].ords {
				n = max(n, o+1)
			}
			c := make([]uint32, n)
			for _, o := range so.cols[f].ords {
				c[o]++
			}
			so.totals[f] = c
		}
	})
	return so.totals
}

// New returns empty ordinals for fields; segments are numbered as views
// of them are asked for.
func New(fields ...string) *Ordinals {
	o := &Ordinals{fields: fields, segs: map[segment.Segment]*segOrds{}}
	for range fields {
		o.dicts = append(o.dicts, &dict{ids: map[string]uint32{}})
	}
	return o
}

// WithKeys makes the ordinals also hold each document's id (from idField,
// bleve's "_id") and date sort key (the full-precision term of dateField,
// as bleve's sort by that field reads it), so a search can sort and break
// ties without reading doc values or stored fields per match. Call it
// before the first View.
func (o *Ordinals) WithKeys(idField, dateField string) *Ordinals {
	o.idField, o.dateField = idField, dateField
	return o
}

// Fields returns the fields the ordinals cover, in the order Field
// indexes them.
func (o *Ordinals) Fields() []string { return o.fields }

// Field returns the index of field among Fields, or -1.
func (o *Ordinals) Field(name string) int {
	for i, f := range o.fields {
		if f == name {
			return i
		}
	}
	return -1
}

// A View is the ordinals of the segments of one index snapshot, in order.
// It stays valid after the snapshot is closed. One goroutine uses a view
// at a time (it remembers where the last document was).
type View struct {
	offsets []uint64 // first document number of each segment
	segs    []*segOrds
	vals    [][]string // per field, the values known when the view was made
	o       *Ordinals
	last    int // segment of the last Locate, where the next one usually is
}

// View returns the ordinals of r's segments, numbering those not seen
// before: their postings are read in parallel, without the lock, and only
// their values' numbers are taken under it.
func (o *Ordinals) View(r index.IndexReader) (*View, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, ErrNotScorch
	}
	ss := snap.Segments()
	segs := make([]segment.Segment, len(ss))
	for i, s := range ss {
		segs[i] = s.Segment()
	}

	o.mu.Lock()
	var missing []segment.Segment
	for _, seg := range segs {
		if o.segs[seg] == nil {
			missing = append(missing, seg)
		}
	}
	o.mu.Unlock()
	read := make([]*rawSeg, len(missing))
	errs := make([]error, len(missing))
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(len(missing), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range work {
				read[i], errs[i] = o.read(missing[i])
			}
		})
	}
	for i := range missing {
		work <- i
	}
	close(work)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}

	v := &View{offsets: make([]uint64, len(segs)), segs: make([]*segOrds, len(segs)), o: o}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.reserve(read)
	for i, seg := range missing {
		if o.segs[seg] == nil { // another search may have numbered it meanwhile
			o.segs[seg] = o.number(read[i])
		}
	}
	o.views++
	var next uint64
	for i, seg := range segs {
		v.offsets[i] = next
		next += seg.Count()
		so := o.segs[seg]
		so.seen = o.views
		v.segs[i] = so
	}
	if o.views%64 == 0 {
		for seg, so := range o.segs {
			if o.views-so.seen > keepViews {
				delete(o.segs, seg)
			}
		}
	}
	for _, d := range o.dicts {
		v.vals = append(v.vals, d.vals[:len(d.vals):len(d.vals)])
	}
	return v, nil
}

// rawSeg is what read takes from a segment: per field, its terms and the
// (document, term) pairs of its postings, and the ids and dates.
type rawSeg struct {
	n     uint64
	terms [][]string
	pairs [][]pair
	ids   []string
	dates []string
}

type pair struct{ doc, term uint32 }

// read reads one segment's terms and postings for every field. It needs
// no lock: segments never change.
func (o *Ordinals) read(seg segment.Segment) (*rawSeg, error) {
	n := seg.Count()
	raw := &rawSeg{n: n, terms: make([][]string, len(o.fields)), pairs: make([][]pair, len(o.fields))}
	for fi, field := range o.fields {
		err := eachPosting(seg, field, nil, nil, func(term string, doc uint64) {
			ts := raw.terms[fi]
			if len(ts) == 0 || ts[len(ts)-1] != term {
				raw.terms[fi] = append(ts, term)
			}
			raw.pairs[fi] = append(raw.pairs[fi], pair{uint32(doc), uint32(len(raw.terms[fi]) - 1)})
		})
		if err != nil {
			return nil, err
		}
	}
	if o.idField != "" {
		raw.ids = make([]string, n)
		if err := eachPosting(seg, o.idField, nil, nil, func(term string, doc uint64) { raw.ids[doc] = term }); err != nil {
			return nil, err
		}
	}
	if o.dateField != "" {
		raw.dates = make([]string, n)
		fullPrecision := func(term string) bool {
			valid, shift := numeric.ValidPrefixCodedTermBytes([]byte(term))
			return valid && shift == 0
		}
		// A prefix-coded term starts with its shift; the full-precision
		// ones (shift 0) are one key range, a quarter of the field's terms.
		span := &keyRange{[]byte{numeric.ShiftStartInt64}, []byte{numeric.ShiftStartInt64 + 1}}
		if err := eachPosting(seg, o.dateField, span, fullPrecision, func(term string, doc uint64) { raw.dates[doc] = term }); err != nil {
			return nil, err
		}
	}
	return raw, nil
}

// reserve makes room in the dictionaries that are still empty for the
// terms of segments about to be numbered (their sum: a value in several
// segments is counted more than once), so numbering the first segments
// of a large index does not grow its maps one doubling at a time. It
// runs with o.mu held.
func (o *Ordinals) reserve(read []*rawSeg) {
	for fi, d := range o.dicts {
		if len(d.vals) > 0 {
			continue
		}
		n := 0
		for _, raw := range read {
			n += len(raw.terms[fi])
		}
		d.ids = make(map[string]uint32, n)
		d.vals = make([]string, 0, n)
	}
}

// number turns a read segment into ordinals, numbering its values in the
// shared dictionaries. It runs with o.mu held.
func (o *Ordinals) number(raw *rawSeg) *segOrds {
	n := raw.n
	so := &segOrds{cols: make([]column, len(o.fields)), ids: raw.ids, dates: raw.dates, docs: int(n)}
	for fi := range o.fields {
		ords := make([]uint32, len(raw.terms[fi]))
		for t, term := range raw.terms[fi] {
			ords[t] = o.dicts[fi].id(term)
		}
		pairs := raw.pairs[fi]
		col := column{start: make([]uint32, n+1), ords: make([]uint32, len(pairs))}
		for _, p := range pairs {
			col.start[p.doc+1]++
		}
		for d := uint64(1); d <= n; d++ {
			col.start[d] += col.start[d-1]
		}
		fill := make([]uint32, n)
		for _, p := range pairs {
			col.ords[col.start[p.doc]+fill[p.doc]] = ords[p.term]
			fill[p.doc]++
		}
		so.cols[fi] = col
	}
	return so
}

// keyRange is the terms from start (inclusive) to end (exclusive).
type keyRange struct{ start, end []byte }

// omitCounter is the term dictionary of zapx segments, which can walk
// its terms without reading each one's postings list to count it: we
// read the postings next anyway, and counting them first was a third of
// the time numbering a segment took.
type omitCounter interface {
	AutomatonIteratorOmitCount(a segment.Automaton, start, end []byte) segment.DictionaryIterator
}

// eachPosting calls fn for every document of every term of field in seg
// within span (nil: all) that keep accepts (nil: all).
func eachPosting(seg segment.Segment, field string, span *keyRange, keep func(string) bool, fn func(term string, doc uint64)) error {
	td, err := seg.Dictionary(field)
	if err != nil {
		return fmt.Errorf("facet: %s: %w", field, err)
	}
	var start, end []byte
	if span != nil {
		start, end = span.start, span.end
	}
	var it segment.DictionaryIterator
	if oc, ok := td.(omitCounter); ok {
		it = oc.AutomatonIteratorOmitCount(nil, start, end)
	} else {
		it = td.AutomatonIterator(nil, start, end)
	}
	var pl segment.PostingsList
	var pi segment.PostingsIterator
	var term []byte // e.Term's bytes, in one buffer for all terms
	for {
		e, err := it.Next()
		if err != nil {
			return fmt.Errorf("facet: %s: %w", field, err)
		}
		if e == nil {
			return nil
		}
		if keep != nil && !keep(e.Term) {
			continue
		}
		term = append(term[:0], e.Term...)
		if pl, err = td.PostingsList(term, nil, pl); err != nil {
			return fmt.Errorf("facet: %s: %w", field, err)
		}
		pi = pl.Iterator(false, false, false, pi)
		for {
			p, err := pi.Next()
			if err != nil {
				return fmt.Errorf("facet: %s: %w", field, err)
			}
			if p == nil {
				break
			}
			fn(e.Term, p.Number())
		}
	}
}

// A Doc is a document's place in a view: its segment and its number there.
type Doc struct {
	seg   int
	local uint32
}

// Locate finds the document a bleve match id names. Matches come in
// document order, so the segment of the last one is tried first.
func (v *View) Locate(id index.IndexInternalID) Doc {
	n := id.Value()
	s := v.last
	if s >= len(v.offsets) || n < v.offsets[s] || (s+1 < len(v.offsets) && n >= v.offsets[s+1]) {
		s = sort.Search(len(v.offsets), func(i int) bool { return v.offsets[i] > n }) - 1
		v.last = s
	}
	return Doc{seg: s, local: uint32(n - v.offsets[s])}
}

// Ords returns the ordinals of field's values in document d.
func (v *View) Ords(field int, d Doc) []uint32 {
	c := &v.segs[d.seg].cols[field]
	return c.ords[c.start[d.local]:c.start[d.local+1]]
}

// ID returns document d's id, or "" when the ordinals hold no ids.
func (v *View) ID(d Doc) string {
	if ids := v.segs[d.seg].ids; ids != nil {
		return ids[d.local]
	}
	return ""
}

// DateKey returns document d's date sort key, or "" when it has no date
// or the ordinals hold no dates.
func (v *View) DateKey(d Doc) string {
	if dates := v.segs[d.seg].dates; dates != nil {
		return dates[d.local]
	}
	return ""
}

// Values returns field's values by ordinal, as far as the view knows them.
func (v *View) Values(field int) []string { return v.vals[field] }

// Lookup returns the ordinal of value in field, if any document of any
// segment numbered so far has it.
func (o *Ordinals) Lookup(field int, value string) (uint32, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n, ok := o.dicts[field].ids[value]
	return n, ok
}
