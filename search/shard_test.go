package search_test

import (
	"hash/fnv"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
	"lexsearch/search"
)

// reshard indexes docs into n new indexes with the real mapping, each
// document in the one its id hashes to, as the store routes documents.
func reshard(t *testing.T, docs []*corpus.Document, n int) []bleve.Index {
	t.Helper()
	var shards []bleve.Index
	for i := range n {
		sh := genIndex(t)
		shards = append(shards, sh)
		var mine []*corpus.Document
		for _, d := range docs {
			h := fnv.New32a()
			h.Write([]byte(d.ID))
			if int(h.Sum32()%uint32(n)) == i {
				mine = append(mine, d)
			}
		}
		if len(mine) > 0 {
			addDocs(t, sh, mine)
		}
	}
	return shards
}

// TestShardsAgreeWithOneIndex checks that a generated index split into
// three shards answers random requests with the same totals, facets and
// histogram as the whole, and the same hits.
func TestShardsAgreeWithOneIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 17))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 400 {
		docs = append(docs, genDoc(r, i, 1, 40))
	}
	addDocs(t, bidx, docs)
	one := newSearch(t, bidx)
	three := newSearch(t, reshard(t, docs, 3)...)
	for range 100 {
		req := randomRequest(r)
		req.Size = 100
		if r.IntN(2) == 0 {
			req.Sort = search.SortDate
		}
		a, err := one.Search(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := three.Search(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if a.Total != b.Total || !reflect.DeepEqual(a.Facets, b.Facets) || !reflect.DeepEqual(a.Histogram, b.Histogram) {
			t.Errorf("%+v:\none shard  %d %v %v\nthree      %d %v %v", req, a.Total, a.Facets, a.Histogram, b.Total, b.Facets, b.Histogram)
		}
		// Scores differ a little by shard (each has its own word
		// statistics), so ties in date and the order by relevance may
		// too; the set of hits and the order of dates may not.
		ids := func(res *search.Result) []string {
			var out []string
			for _, h := range res.Hits {
				out = append(out, h.ID)
			}
			slices.Sort(out)
			return out
		}
		dates := func(res *search.Result) []string {
			var out []string
			for _, h := range res.Hits {
				out = append(out, h.Date)
			}
			return out
		}
		if a.Total <= 100 && !slices.Equal(ids(a), ids(b)) {
			t.Errorf("%+v: hits differ:\none   %v\nthree %v", req, ids(a), ids(b))
		}
		if req.Sort == search.SortDate && !slices.Equal(dates(a), dates(b)) {
			t.Errorf("%+v: dates differ:\none   %v\nthree %v", req, dates(a), dates(b))
		}
	}
}

// TestEmptyIndexAndNoShards: an index with no documents answers every
// kind of search with nothing, and New without a shard is an error.
func TestEmptyIndexAndNoShards(t *testing.T) {
	idx := newSearch(t, genIndex(t))
	for _, req := range []search.Request{{}, {Q: "platform"}, {Q: `"section immunity"`}, {Q: "section w/3 immunity"}, {Courts: []string{"ilnd"}, Sort: search.SortDateDesc}} {
		res, err := idx.Search(t.Context(), req)
		if err != nil || res.Total != 0 || len(res.Hits) != 0 {
			t.Errorf("%+v: %v, %v", req, res, err)
		}
	}
	if vs, err := idx.Entities(t.Context(), corpus.FieldParties, "", 10); err != nil || len(vs) != 0 {
		t.Errorf("entities: %v, %v", vs, err)
	}
	if _, err := search.New(); err == nil {
		t.Error("New with no shard: no error")
	}
}
