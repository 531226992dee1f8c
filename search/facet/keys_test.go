package facet_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"lexsearch/search/facet"
)

// The keys a view holds are each document's id and the full-precision
// term of its date (what bleve's date sort reads), never one of the
// coarser terms bleve indexes beside it; a document without a date has
// no key.
func TestKeysAreEachDocumentsIDAndDate(t *testing.T) {
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("d", bleve.NewDateTimeFieldMapping())
	m := bleve.NewIndexMapping()
	m.DefaultMapping = dm
	idx, err := bleve.New(filepath.Join(t.TempDir(), "idx"), m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()

	want := map[string]string{}
	base := time.Date(1996, 2, 8, 0, 0, 0, 0, time.UTC)
	for b := range 3 { // three batches: three segments
		batch := idx.NewBatch()
		for i := range 40 {
			id := fmt.Sprintf("doc-%d-%02d", b, i)
			if i%7 == 3 {
				batch.Index(id, map[string]any{})
				want[id] = ""
				continue
			}
			d := base.AddDate(0, 0, 97*i+b).Add(time.Duration(i) * time.Second)
			batch.Index(id, map[string]any{"d": d.Format(time.RFC3339)})
			want[id] = string(numeric.MustNewPrefixCodedInt64(d.UnixNano(), 0))
		}
		if err := idx.Batch(batch); err != nil {
			t.Fatal(err)
		}
	}

	adv, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	v, err := facet.New().WithKeys("_id", "d").View(r)
	if err != nil {
		t.Fatal(err)
	}
	s, err := bleve.NewMatchAllQuery().Searcher(context.Background(), r, idx.Mapping().(mapping.IndexMapping), bsearch.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	seen := 0
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			t.Fatal(err)
		}
		if dm == nil {
			break
		}
		d := v.Locate(dm.IndexInternalID)
		id := v.ID(d)
		key, ok := want[id]
		if !ok {
			t.Fatalf("view names a document %q that was never indexed", id)
		}
		if got := v.DateKey(d); got != key {
			t.Errorf("date key of %s = %x, want %x", id, got, key)
		}
		seen++
		sctx.DocumentMatchPool.Put(dm)
	}
	if seen != len(want) {
		t.Errorf("matched %d documents, want %d", seen, len(want))
	}
}
