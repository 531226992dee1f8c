package facet_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"lexsearch/search/facet"
)

// newIndex makes an index with two keyword fields, k (several values per
// document) and y (one).
func newIndex(t *testing.T) bleve.Index {
	t.Helper()
	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("k", kw)
	dm.AddFieldMappingsAt("y", kw)
	m := bleve.NewIndexMapping()
	m.DefaultMapping = dm
	idx, err := bleve.New(filepath.Join(t.TempDir(), "idx"), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

type doc struct {
	K []string `json:"k"`
	Y string   `json:"y"`
}

// tallyAll counts every document of idx's current snapshot, with filters.
func tallyAll(t *testing.T, idx bleve.Index, o *facet.Ordinals, filters []facet.Filter) *facet.Tally {
	t.Helper()
	return tallyWhere(t, idx, o, filters, nil)
}

// tallyWhere counts, with filters, the documents of idx's current
// snapshot whose ids keep holds (nil: every document).
func tallyWhere(t *testing.T, idx bleve.Index, o *facet.Ordinals, filters []facet.Filter, keep map[string]bool) *facet.Tally {
	t.Helper()
	adv, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	v, err := o.View(r)
	if err != nil {
		t.Fatal(err)
	}
	tally := facet.NewTally(v, []int{0, 1}, 1, filters)
	s, err := bleve.NewMatchAllQuery().Searcher(context.Background(), r, idx.Mapping().(mapping.IndexMapping), bsearch.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			t.Fatal(err)
		}
		if dm == nil {
			return tally
		}
		if keep != nil {
			id, err := r.ExternalID(dm.IndexInternalID)
			if err != nil {
				t.Fatal(err)
			}
			if !keep[id] {
				sctx.DocumentMatchPool.Put(dm)
				continue
			}
		}
		tally.Add(dm.IndexInternalID)
		sctx.DocumentMatchPool.Put(dm)
	}
}

// want counts live documents the way a Tally should: k over documents
// whose y passes (k's own filter ignored), y over documents with a
// wanted k, and the histogram of y over documents passing both.
func want(docs map[string]doc, wantK, wantY []string) (k, y, hist map[string]int, total int) {
	k, y, hist = map[string]int{}, map[string]int{}, map[string]int{}
	for _, d := range docs {
		passK := wantK == nil || slices.ContainsFunc(d.K, func(v string) bool { return slices.Contains(wantK, v) })
		passY := wantY == nil || slices.Contains(wantY, d.Y)
		if passY {
			for _, v := range d.K {
				k[v]++
			}
		}
		if passK {
			y[d.Y]++
		}
		if passK && passY {
			hist[d.Y]++
			total++
		}
	}
	return k, y, hist, total
}

func asMap(cs []facet.Count) map[string]int {
	m := map[string]int{}
	for _, c := range cs {
		m[c.Value] = c.Count
	}
	return m
}

// TestTallyCountsLiveDocumentsAcrossSegments indexes in several batches
// (several segments), replaces and deletes documents, and checks the
// counts against the documents themselves after every batch, with and
// without filters. The large case has segments of more matches than a
// tally holds back before counting them.
func TestTallyCountsLiveDocumentsAcrossSegments(t *testing.T) {
	for _, size := range []struct {
		name       string
		ids, batch int
	}{{"small", 150, 40}, {"large", 6000, 2500}} {
		t.Run(size.name, func(t *testing.T) { testTallyCounts(t, size.ids, size.batch) })
	}
}

func testTallyCounts(t *testing.T, ids, perBatch int) {
	r := rand.New(rand.NewPCG(1, 1))
	idx := newIndex(t)
	o := facet.New("k", "y")
	docs := map[string]doc{}
	vals := []string{"a", "b", "c", "d", "e", "f"}
	for batch := range 6 {
		b := idx.NewBatch()
		for range perBatch {
			id := fmt.Sprint(r.IntN(ids))
			if r.IntN(5) == 0 {
				b.Delete(id)
				delete(docs, id)
				continue
			}
			d := doc{Y: fmt.Sprint(2000 + r.IntN(4))}
			for _, i := range r.Perm(len(vals))[:r.IntN(3)] {
				d.K = append(d.K, vals[i])
			}
			if err := b.Index(id, d); err != nil {
				t.Fatal(err)
			}
			docs[id] = d
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct{ k, y []string }{{nil, nil}, {[]string{"a", "c"}, nil}, {nil, []string{"2001"}}, {[]string{"b"}, []string{"2000", "2003"}}} {
			var filters []facet.Filter
			if f.k != nil {
				filters = append(filters, facet.Filter{Field: 0, Values: f.k})
			}
			if f.y != nil {
				filters = append(filters, facet.Filter{Field: 1, Values: f.y})
			}
			tally := tallyAll(t, idx, o, filters)
			k, y, hist, total := want(docs, f.k, f.y)
			if got := asMap(tally.Top(0, 100, nil)); !reflect.DeepEqual(got, k) {
				t.Errorf("batch %d, filters %v: k %v, want %v", batch, f, got, k)
			}
			if got := asMap(tally.Top(1, 100, nil)); !reflect.DeepEqual(got, y) {
				t.Errorf("batch %d, filters %v: y %v, want %v", batch, f, got, y)
			}
			if got := asMap(tally.Histogram()); !reflect.DeepEqual(got, hist) {
				t.Errorf("batch %d, filters %v: histogram %v, want %v", batch, f, got, hist)
			}
			if tally.Total != uint64(total) {
				t.Errorf("batch %d, filters %v: total %d, want %d", batch, f, tally.Total, total)
			}
		}
	}
}

// TestTopOrder checks the order of Top: most frequent first, ties by
// value, cut at n, with keep applied before the cut.
func TestTopOrder(t *testing.T) {
	idx := newIndex(t)
	b := idx.NewBatch()
	n := 0
	for v, count := range map[string]int{"b": 3, "a": 3, "c": 5, "d": 1, "e": 3} {
		for range count {
			n++
			if err := b.Index(fmt.Sprint(n), doc{K: []string{v}, Y: "x"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	tally := tallyAll(t, idx, facet.New("k", "y"), nil)
	for _, tc := range []struct {
		n    int
		keep func(string) bool
		want []facet.Count
	}{
		{10, nil, []facet.Count{{"c", 5}, {"a", 3}, {"b", 3}, {"e", 3}, {"d", 1}}},
		{3, nil, []facet.Count{{"c", 5}, {"a", 3}, {"b", 3}}},
		{2, func(v string) bool { return v != "c" && v != "a" }, []facet.Count{{"b", 3}, {"e", 3}}},
		{0, nil, []facet.Count{}},
	} {
		if got := tally.Top(0, tc.n, tc.keep); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Top(%d): %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestBits(t *testing.T) {
	var b facet.Bits
	for _, n := range []uint64{0, 63, 64, 1000} {
		b.Set(n)
	}
	for n := range uint64(1100) {
		if want := n == 0 || n == 63 || n == 64 || n == 1000; b.Has(n) != want {
			t.Errorf("Has(%d) = %v", n, b.Has(n))
		}
	}
}

// TestTallyCountsAnyShareOfMatches counts, without filters, subsets of
// the live documents from a few to all of them, in several segments with
// deleted and replaced documents, and checks every count against the
// documents themselves: a segment most of whose documents match is
// counted by what it lacks, the others by what they have.
func TestTallyCountsAnyShareOfMatches(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 3))
	idx := newIndex(t)
	o := facet.New("k", "y")
	docs := map[string]doc{}
	vals := []string{"a", "b", "c", "d", "e", "f", "g"}
	for range 5 {
		b := idx.NewBatch()
		for range 700 {
			id := fmt.Sprint(r.IntN(1500))
			if r.IntN(6) == 0 {
				b.Delete(id)
				delete(docs, id)
				continue
			}
			d := doc{Y: fmt.Sprint(2000 + r.IntN(5))}
			for _, i := range r.Perm(len(vals))[:r.IntN(4)] {
				d.K = append(d.K, vals[i])
			}
			// Now and then a value twice: the document has it once.
			if len(d.K) > 0 && r.IntN(10) == 0 {
				d.K = append(d.K, d.K[0])
			}
			if err := b.Index(id, d); err != nil {
				t.Fatal(err)
			}
			docs[id] = d
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	for _, share := range []float64{0, 0.02, 0.3, 0.5, 0.52, 0.8, 0.97, 1} {
		keep := map[string]bool{}
		for id := range docs {
			keep[id] = r.Float64() < share
		}
		tally := tallySome(t, idx, o, keep)
		k, y := map[string]int{}, map[string]int{}
		total := 0
		for id, d := range docs {
			if !keep[id] {
				continue
			}
			total++
			for _, v := range slices.Compact(slices.Sorted(slices.Values(d.K))) {
				k[v]++
			}
			y[d.Y]++
		}
		if got := asMap(tally.Top(0, 100, nil)); !reflect.DeepEqual(got, k) {
			t.Errorf("share %v: k %v, want %v", share, got, k)
		}
		if got := asMap(tally.Top(1, 100, nil)); !reflect.DeepEqual(got, y) {
			t.Errorf("share %v: y %v, want %v", share, got, y)
		}
		if got := asMap(tally.Histogram()); !reflect.DeepEqual(got, y) {
			t.Errorf("share %v: histogram %v, want %v", share, got, y)
		}
		if tally.Total != uint64(total) {
			t.Errorf("share %v: total %d, want %d", share, tally.Total, total)
		}
	}
}

// tallySome counts, without filters, the live documents of idx whose ids
// keep holds.
func tallySome(t *testing.T, idx bleve.Index, o *facet.Ordinals, keep map[string]bool) *facet.Tally {
	t.Helper()
	return tallyWhere(t, idx, o, nil, keep)
}
