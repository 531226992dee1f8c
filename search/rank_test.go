package search_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/search"
)

// TestRanking runs the queries of testdata/rank/queries.txt and checks
// that each one's first hits are the documents named, in order, on the
// index as one shard and split into three.
func TestRanking(t *testing.T) {
	dir := t.TempDir()
	ix := indexer.New(slog.New(slog.NewTextHandler(io.Discard, nil)), indexer.Options{})
	inputs := []indexer.Input{{FS: corpus.Docs()}, {FS: os.DirFS("testdata/rank/docs")}}
	stats, err := ix.Ingest(context.Background(), dir, inputs, indexer.Mode{})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Indexed < 9 {
		t.Fatalf("indexed %d documents; skipped %v", stats.Indexed, stats.Skipped)
	}
	bidx, err := indexer.OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer bidx.Close()
	one, err := search.New(bidx)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("one shard", func(t *testing.T) { checkRanking(t, one) })
	// The same documents written into three shards, as a large
	// collection is.
	dir3 := t.TempDir()
	ix3 := indexer.New(slog.New(slog.NewTextHandler(io.Discard, nil)), indexer.Options{Shards: 3})
	if _, err := ix3.Ingest(context.Background(), dir3, inputs, indexer.Mode{}); err != nil {
		t.Fatal(err)
	}
	bidx3, err := indexer.OpenIndex(dir3)
	if err != nil {
		t.Fatal(err)
	}
	defer bidx3.Close()
	three, err := search.New(bidx3)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(bidx3.(interface{ ShardIndexes() []bleve.Index }).ShardIndexes()); n != 3 {
		t.Fatalf("%d shards, want 3", n)
	}
	t.Run("three shards", func(t *testing.T) { checkRanking(t, three) })
}

func checkRanking(t *testing.T, idx *search.Index) {
	f, err := os.Open("testdata/rank/queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var q string
	n := 0
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(text, "q:"):
			q = strings.TrimSpace(strings.TrimPrefix(text, "q:"))
		case strings.HasPrefix(text, "want_top:"):
			want := strings.Fields(strings.TrimPrefix(text, "want_top:"))
			res, err := idx.Search(context.Background(), search.Request{Q: q, Size: len(want)})
			if err != nil {
				t.Errorf("queries.txt:%d: q=%s: %v", line, q, err)
				continue
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Source)
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("queries.txt:%d: q=%s: top %q, want %q", line, q, got, want)
			}
			n++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Errorf("only %d ranking cases ran", n)
	}
}
