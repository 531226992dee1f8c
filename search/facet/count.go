package facet

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	index "github.com/blevesearch/bleve_index_api"
)

// A Filter narrows a search: to documents with one of Values in Field
// (an index into Ordinals.Fields), or, when Field is -1, to the documents
// Docs holds (by bleve document number in the snapshot, for filters that
// are not on a facet, such as a date range).
type Filter struct {
	Field  int
	Values []string
	Docs   *Bits
}

// Bits is a set of document numbers.
type Bits struct{ w []uint64 }

// Set adds n to the set.
func (b *Bits) Set(n uint64) {
	i := int(n / 64)
	if i >= len(b.w) {
		b.w = append(b.w, make([]uint64, i+1-len(b.w))...)
	}
	b.w[i] |= 1 << (n % 64)
}

// Has reports whether n is in the set.
func (b *Bits) Has(n uint64) bool {
	i := int(n / 64)
	return i < len(b.w) && b.w[i]&(1<<(n%64)) != 0
}

// A Tally counts, for the matches of a query over one view, the values of
// some fields, disjunctively: a field's values are counted over the
// documents that pass every filter except those on that field, so a facet
// with a value picked still shows the other values and what picking them
// would give. Documents that pass every filter are the hits; Add says
// which ones they are, and the histogram counts one field over them alone
// (the year histogram). One walk of the matches counts every facet.
//
// Add only decides whether a match passes; the values are counted a run
// of matches at a time, one field after the other, with the field's
// columns at hand: counting each match's six fields as it came was a
// sixth of a broad search's time.
type Tally struct {
	v       *View
	fields  []int      // the fields counted
	own     []uint64   // per counted field, the filters on it (bit i: filter i)
	counts  [][]uint32 // per counted field, by ordinal
	hist    int
	hcounts []uint32 // counts of the histogram field over the hits
	filters []tallyFilter
	every   uint64 // bit j: field j was counted by CountEvery, and Add skips it
	Total   uint64 // documents that pass every filter
	Seen    uint64 // matches of the query, filtered or not

	// Matches added but not counted yet: all in segment pendSeg (-1:
	// none), with the filters each fails when there are filters.
	pendSeg  int
	pendDocs []uint32
	pendFail []uint64

	// Without filters every match is a hit, and matches are marked per
	// segment instead (marks[s], nil until a match there; marked[s] of
	// them) and counted when the tally is read. A segment where most
	// documents matched is counted as the values of all its documents
	// less those of the documents that did not match: a query that
	// matches nearly everything (a prefix, two common words near each
	// other) then counts the few it missed instead of the many it found.
	marks   [][]uint64
	marked  []int
	run     []uint32 // documents of one segment, reused by flushMarks
	passAll bool     // every match passes the filters (see PassAll)
}

// pendMax is how many matches wait to be counted at most.
const pendMax = 1024

type tallyFilter struct {
	field int
	want  []bool // by ordinal
	docs  *Bits
}

// NewTally prepares to count fields (indexes into Ordinals.Fields) and
// the histogram field hist (-1 for none) over the matches of a query,
// narrowed by filters (at most 64).
func NewTally(v *View, fields []int, hist int, filters []Filter) *Tally {
	t := &Tally{v: v, fields: fields, hist: hist, pendSeg: -1, pendDocs: make([]uint32, 0, pendMax)}
	if len(filters) > 0 {
		t.pendFail = make([]uint64, 0, pendMax)
	}
	for _, f := range fields {
		t.counts = append(t.counts, make([]uint32, len(v.vals[f])))
	}
	if hist >= 0 {
		t.hcounts = make([]uint32, len(v.vals[hist]))
	}
	t.own = make([]uint64, len(fields))
	for i, f := range filters {
		tf := tallyFilter{field: f.Field, docs: f.Docs}
		if f.Field >= 0 {
			tf.want = make([]bool, len(v.vals[f.Field]))
			for _, val := range f.Values {
				if n, ok := v.o.Lookup(f.Field, val); ok && int(n) < len(tf.want) {
					tf.want[n] = true
				}
			}
			for j, c := range fields {
				if c == f.Field {
					t.own[j] |= 1 << i
				}
			}
		}
		t.filters = append(t.filters, tf)
	}
	return t
}

// Add counts the match id and reports where it is in the view and
// whether it passes every filter.
func (t *Tally) Add(id index.IndexInternalID) (Doc, bool) {
	t.Seen++
	d := t.v.Locate(id)
	if len(t.filters) == 0 || t.passAll {
		t.mark(d)
		t.Total++
		return d, true
	}
	var failing uint64
	for i := range t.filters {
		f := &t.filters[i]
		pass := false
		if f.field >= 0 {
			for _, o := range t.v.Ords(f.field, d) {
				if f.want[o] {
					pass = true
					break
				}
			}
		} else {
			pass = f.docs != nil && f.docs.Has(id.Value())
		}
		if !pass {
			failing |= 1 << i
		}
	}
	if d.seg != t.pendSeg || len(t.pendDocs) == pendMax {
		t.flush()
		t.pendSeg = d.seg
	}
	t.pendDocs = append(t.pendDocs, d.local)
	if len(t.filters) > 0 {
		t.pendFail = append(t.pendFail, failing)
	}
	if failing != 0 {
		return d, false
	}
	t.Total++
	return d, true
}

// mark records the match d for flushMarks.
func (t *Tally) mark(d Doc) {
	if t.marks == nil {
		t.marks = make([][]uint64, len(t.v.segs))
		t.marked = make([]int, len(t.v.segs))
	}
	m := t.marks[d.seg]
	if m == nil {
		m = make([]uint64, (t.v.segs[d.seg].docs+63)/64)
		t.marks[d.seg] = m
	}
	w, bit := d.local/64, uint64(1)<<(d.local%64)
	if m[w]&bit == 0 {
		m[w] |= bit
		t.marked[d.seg]++
	}
}

// flushMarks counts the matches mark recorded, segment by segment: the
// marked documents themselves, or, when they are more than half the
// segment, the segment's totals less the unmarked documents. Deleted
// documents are never marked, so they are among those taken off.
func (t *Tally) flushMarks() {
	for s, m := range t.marks {
		if t.marked[s] == 0 {
			continue
		}
		so := t.v.segs[s]
		complement := 2*t.marked[s] > so.docs
		run := t.run[:0]
		for i, word := range m {
			if complement {
				word = ^word
				if rest := so.docs - i*64; rest < 64 {
					word &= 1<<rest - 1
				}
			}
			for word != 0 {
				run = append(run, uint32(i*64+bits.TrailingZeros64(word)))
				word &= word - 1
			}
		}
		t.run = run
		var sums [][]uint32
		if complement {
			sums = so.sums()
		}
		for j, f := range t.fields {
			if t.every&(1<<j) == 0 {
				countMarked(&so.cols[f], t.counts[j], run, sums, f)
			}
		}
		if t.hist >= 0 {
			countMarked(&so.cols[t.hist], t.hcounts, run, sums, t.hist)
		}
		clear(m)
		t.marked[s] = 0
	}
}

// countMarked adds to c the values in col of the documents run, or, with
// sums, the values of every document (sums[f]) less those of run.
func countMarked(col *column, c []uint32, run []uint32, sums [][]uint32, f int) {
	if sums == nil {
		countRun(col, c, run, nil, 0)
		return
	}
	for o, n := range sums[f] {
		c[o] += n
	}
	start, ords := col.start, col.ords
	for _, d := range run {
		for _, o := range ords[start[d]:start[d+1]] {
			c[o]--
		}
	}
}

// Flush counts the matches Add has left waiting. Reading the tally does
// it too; a walk that calls Flush when it ends counts on its own
// goroutine, beside the walks of the other shards, rather than in Merge.
func (t *Tally) Flush() { t.flush() }

// flush counts the matches Add left waiting: each field over those that
// pass every filter but its own, the histogram over those that pass all.
func (t *Tally) flush() {
	t.flushMarks()
	if len(t.pendDocs) == 0 {
		return
	}
	cols := t.v.segs[t.pendSeg].cols
	for j, f := range t.fields {
		if t.every&(1<<j) == 0 {
			countRun(&cols[f], t.counts[j], t.pendDocs, t.pendFail, t.own[j])
		}
	}
	if t.hist >= 0 {
		countRun(&cols[t.hist], t.hcounts, t.pendDocs, t.pendFail, 0)
	}
	t.pendDocs, t.pendFail = t.pendDocs[:0], t.pendFail[:0]
}

// countRun adds to c the values in col of the documents docs of one
// segment, skipping those that fail (fail, when not empty, is per
// document) a filter other than own.
func countRun(col *column, c []uint32, docs []uint32, fail []uint64, own uint64) {
	start, ords := col.start, col.ords
	if len(fail) == 0 {
		for _, d := range docs {
			for _, o := range ords[start[d]:start[d+1]] {
				c[o]++
			}
		}
		return
	}
	for i, d := range docs {
		if fail[i]&^own != 0 {
			continue
		}
		for _, o := range ords[start[d]:start[d+1]] {
			c[o]++
		}
	}
}

// CountEvery counts the values of field (an index into Ordinals.Fields)
// over every document of the view that deleted (per segment of the view,
// in the snapshot's order; nil or short: none deleted) does not hold, and
// makes Add skip it. It is how a search whose query matches every
// document and whose filters are all on that field counts the field: each
// value over all documents, with no walk of the matches. It reports
// whether the tally counts field at all.
func (t *Tally) CountEvery(field int, deleted []*roaring.Bitmap) bool {
	j := slices.Index(t.fields, field)
	if j < 0 {
		return false
	}
	t.flush() // matches added so far still count field j
	t.every |= 1 << j
	c := t.counts[j]
	for s, so := range t.v.segs {
		col := &so.cols[field]
		var del *roaring.Bitmap
		if s < len(deleted) {
			del = deleted[s]
		}
		if del == nil || del.IsEmpty() {
			for _, o := range col.ords {
				c[o]++
			}
			continue
		}
		for d := range len(col.start) - 1 {
			if del.Contains(uint32(d)) {
				continue
			}
			for _, o := range col.ords[col.start[d]:col.start[d+1]] {
				c[o]++
			}
		}
	}
	return true
}

// PassAll tells the tally that every match it will be given passes its
// filters: the walk is driven by the filters' own documents, and the
// fields filtered are counted by CountEvery. Add then marks each match
// as a hit without testing it, as with no filters.
func (t *Tally) PassAll() {
	t.flush()
	t.passAll = true
}

// View returns the view the tally counts over.
func (t *Tally) View() *View { return t.v }

// A Count is one value and the number of documents counted with it.
type Count struct {
	Value string
	Count int
}

// Merge adds the counts of other, a tally of the same fields over another
// shard's view of the same Ordinals, to t.
func (t *Tally) Merge(other *Tally) {
	t.flush()
	other.flush()
	t.Total += other.Total
	t.Seen += other.Seen
	for j := range t.counts {
		t.counts[j] = addInto(t.counts[j], other.counts[j])
	}
	t.hcounts = addInto(t.hcounts, other.hcounts)
	// Both views number values with the same dictionaries, which only
	// grow, so the longer list of a field's values holds the shorter.
	for f := range t.v.vals {
		if len(other.v.vals[f]) > len(t.v.vals[f]) {
			t.v.vals[f] = other.v.vals[f]
		}
	}
}

func addInto(dst, src []uint32) []uint32 {
	if len(src) > len(dst) {
		dst = append(dst, make([]uint32, len(src)-len(dst))...)
	}
	for i, n := range src {
		dst[i] += n
	}
	return dst
}

// Top returns the n most frequent values of the j-th counted field that
// keep accepts (nil: all), most frequent first, ties in value order: the
// order bleve's facets use.
func (t *Tally) Top(j, n int, keep func(string) bool) []Count {
	t.flush()
	vals := t.v.vals[t.fields[j]]
	// Values are compared only between equal counts: cmp.Or would
	// compare the strings of every candidate, which on a field of
	// thousands of values (parties) cost more than the counting.
	less := func(a, b Count) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Value, b.Value)
	}
	// Keep the best n seen so far in order; most values lose to the
	// last of them at once, so this is one pass over the counters.
	out := make([]Count, 0, min(n, 64))
	for o, c := range t.counts[j] {
		if c == 0 || n == 0 {
			continue
		}
		cand := Count{vals[o], int(c)}
		if len(out) == n && less(cand, out[n-1]) >= 0 {
			continue
		}
		if keep != nil && !keep(cand.Value) {
			continue
		}
		i, _ := slices.BinarySearchFunc(out, cand, less)
		if len(out) == n {
			out = out[:n-1]
		}
		out = slices.Insert(out, i, cand)
	}
	return out
}

// Histogram returns every value of the histogram field with its count
// over the hits, in value order.
func (t *Tally) Histogram() []Count {
	if t.hist < 0 {
		return nil
	}
	t.flush()
	vals := t.v.vals[t.hist]
	var out []Count
	for o, c := range t.hcounts {
		if c > 0 {
			out = append(out, Count{vals[o], int(c)})
		}
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Compare(a.Value, b.Value) })
	return out
}
