package search_test

import (
	"hash/fnv"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/search"
)

// reshard copies every document of src into n new indexes with the same
// mapping, each document in the one its id hashes to, as the store
// routes documents. The copies are rebuilt from the stored fields, which
// hold every field the mapping indexes.
func reshard(t *testing.T, src bleve.Index, n int) []bleve.Index {
	t.Helper()
	m, err := indexer.Mapping()
	if err != nil {
		t.Fatal(err)
	}
	var shards []bleve.Index
	var batches []*bleve.Batch
	for i := range n {
		sh, err := bleve.New(filepath.Join(t.TempDir(), "shard", string(rune('a'+i))), m)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { sh.Close() })
		shards = append(shards, sh)
		batches = append(batches, sh.NewBatch())
	}
	count, _ := src.DocCount()
	res, err := src.Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(count), 0, false))
	if err != nil {
		t.Fatal(err)
	}
	for _, dm := range res.Hits {
		doc, err := src.Document(dm.ID)
		if err != nil {
			t.Fatal(err)
		}
		fields := map[string]any{}
		doc.VisitFields(func(f index.Field) {
			var v any = string(f.Value())
			if dt, ok := f.(index.DateTimeField); ok {
				tm, _, err := dt.DateTime()
				if err != nil {
					t.Fatal(err)
				}
				v = tm.UTC().Truncate(time.Second)
			}
			if len(f.ArrayPositions()) == 0 {
				fields[f.Name()] = v
				return
			}
			arr, _ := fields[f.Name()].([]any)
			at := int(f.ArrayPositions()[0])
			for len(arr) <= at {
				arr = append(arr, nil)
			}
			arr[at] = v
			fields[f.Name()] = arr
		})
		h := fnv.New32a()
		h.Write([]byte(dm.ID))
		i := int(h.Sum32() % uint32(n))
		if err := batches[i].Index(dm.ID, fields); err != nil {
			t.Fatal(err)
		}
	}
	for i, sh := range shards {
		if err := sh.Batch(batches[i]); err != nil {
			t.Fatal(err)
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
	three, err := search.New(reshard(t, bidx, 3)...)
	if err != nil {
		t.Fatal(err)
	}
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
