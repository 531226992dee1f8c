package indexer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

func TestLiveAddAndDelete(t *testing.T) {
	dir := t.TempDir()
	ix := New(slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})
	idx, err := createIndex(filepath.Join(dir, IndexDir))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	live := ix.Live(idx, dir)
	ctx := t.Context()
	add := func(name, text, want string) LiveResult {
		t.Helper()
		r, err := live.Add(ctx, name, []byte(text))
		if err != nil || r.Status != want {
			t.Fatalf("Add %s: %+v %v, want %s", name, r, err, want)
		}
		return r
	}
	r := add("brief.txt", "Plaintiff alleges a violation of 18 U.S.C. 1595.", "created")
	add("brief.txt", "Plaintiff alleges a violation of 18 U.S.C. 1595.", "unchanged")
	add("brief.txt", "Plaintiff now alleges beneficiary liability.", "replaced")
	if s := add("empty.txt", "   \n", "skipped"); s.Reason == "" {
		t.Errorf("skip without a reason: %+v", s)
	}
	res, err := idx.Search(bleve.NewSearchRequest(bleve.NewMatchQuery("beneficiary")))
	if err != nil || res.Total != 1 {
		t.Fatalf("search after Add: %v %v", res, err)
	}
	if err := live.Delete(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if err := live.Delete(ctx, r.ID); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("second Delete: %v, want fs.ErrNotExist", err)
	}
	if _, err := os.Stat(filepath.Join(dir, OriginalsDir, r.ID)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the original outlived its document: %v", err)
	}
}

func TestLiveConcurrentAddsAllLand(t *testing.T) {
	dir := t.TempDir()
	ix := New(slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})
	idx, err := createIndex(filepath.Join(dir, IndexDir))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	live := ix.Live(idx, dir)
	const n = 24
	errs := make(chan error, n)
	for i := range n {
		go func() {
			r, err := live.Add(t.Context(), fmt.Sprintf("doc%02d.txt", i), []byte(fmt.Sprintf("Opinion number %d on beneficiary liability.", i)))
			if err == nil && r.Status != "created" {
				err = fmt.Errorf("doc%02d: status %s", i, r.Status)
			}
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if got, err := idx.DocCount(); err != nil || got != n {
		t.Errorf("%d documents in the index (%v), want %d", got, err, n)
	}
}
