package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"lexsearch/indexer/store"
)

// A writer opens the data directory (taking its lock), commits a batch,
// and searches see the document at once.
func Example() {
	dir, err := os.MkdirTemp("", "lexsearch-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := store.Open(ctx, dir, store.Options{
		Command: "lexsearch example",
		Shards:  1,
		Mapping: func() (mapping.IndexMapping, error) { return bleve.NewIndexMapping(), nil },
		Fields: func(_ context.Context, s *store.Store, e store.Entry) (any, int, error) {
			data, err := s.Prepared(e.ID) // rebuilds read the kept prepared text
			var fields map[string]any
			if err == nil {
				err = json.Unmarshal(data, &fields)
			}
			return fields, len(data), err
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	fields := map[string]any{"body": "beneficiary liability under the TVPRA"}
	prepared, _ := json.Marshal(fields)
	b := &store.Batch{}
	b.Add("0123456789abcdef", "full sha-256 of the original", "complaint.txt", "/cases/doe/complaint.txt",
		[]byte("the original bytes"), prepared, fields)
	if err := s.Commit(ctx, b); err != nil {
		log.Fatal(err)
	}
	res, err := s.Index().Search(bleve.NewSearchRequest(bleve.NewMatchQuery("liability")))
	if err != nil {
		log.Fatal(err)
	}
	id, _ := s.Lookup("/cases/doe/complaint.txt")
	fmt.Println(res.Total, id)
	// Output: 1 0123456789abcdef
}
