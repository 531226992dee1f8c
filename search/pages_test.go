package search_test

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/search"
)

// untar unpacks a gzipped tar of a data directory into a new folder.
func untar(t *testing.T, name string) string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return dir
		}
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, filepath.FromSlash(h.Name))
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(path, 0o755)
		case tar.TypeReg:
			var data []byte
			if data, err = io.ReadAll(tr); err == nil {
				err = os.WriteFile(path, data, 0o644)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// openData opens a data directory for searching, as `lexsearch search`
// does.
func openData(t *testing.T, dir string) (*search.Index, bleve.Index) {
	t.Helper()
	bidx, err := indexer.OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bidx.Close() })
	idx, err := search.New(bidx)
	if err != nil {
		t.Fatal(err)
	}
	return idx, bidx
}

// ingestSample indexes the sample documents named (all when none) into
// a new data directory.
func ingestSample(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	ix := indexer.New(slog.New(slog.DiscardHandler), indexer.Options{})
	defer ix.Close()
	if _, err := ix.Ingest(t.Context(), dir, []indexer.Input{{FS: corpus.Docs(), Paths: names}}, indexer.Mode{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A data directory written when the index stored the body (lexsearch at
// e7f303a: `lexsearch ingest` of two of the sample documents) shows the
// same snippets and document text as one written now, which reads them
// from the kept text.
func TestStoredBodyDataDirectory(t *testing.T) {
	old, oldBleve := openData(t, untar(t, "testdata/stored-body-e7f303a.tgz"))
	// The old index has the body: it is what the old directory is read
	// from, not the kept text.
	sr := bleve.NewSearchRequest(bleve.NewMatchAllQuery())
	sr.Fields = []string{corpus.FieldBody}
	res, err := oldBleve.Search(sr)
	if err != nil || len(res.Hits) != 2 || res.Hits[0].Fields[corpus.FieldBody] == nil {
		t.Fatalf("the old index's stored bodies: %v, %v", res, err)
	}
	cur, curBleve := openData(t, ingestSample(t, twitter, unicef))
	if res, err := curBleve.Search(sr); err != nil || len(res.Hits) != 2 || res.Hits[0].Fields[corpus.FieldBody] != nil {
		t.Fatalf("an index written now stores the body: %v, %v", res, err)
	}

	byTitle := func(idx *search.Index, q string) map[string]search.Hit {
		res, err := idx.Search(t.Context(), search.Request{Q: q})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]search.Hit{}
		for _, h := range res.Hits {
			out[h.Title] = h
		}
		return out
	}
	marked := 0
	for _, q := range []string{"trafficking", `"Section 230"`, "twitter w/5 beneficiary", "unicef", ""} {
		want, got := byTitle(old, q), byTitle(cur, q)
		if len(want) != len(got) {
			t.Fatalf("%q: %d hits in the old directory, %d in a new one", q, len(want), len(got))
		}
		for title, w := range want {
			g := got[title]
			if len(w.Snippets) == 0 || !slices.Equal(w.Snippets, g.Snippets) {
				t.Errorf("%q, %s: snippets\n%+v\nin the old directory,\n%+v\nin a new one", q, title, w.Snippets, g.Snippets)
			}
			for _, s := range g.Snippets {
				if strings.Contains(s.Text, "<mark>") {
					marked++
				}
			}
			wd, err := old.Document(t.Context(), w.ID)
			if err != nil {
				t.Fatal(err)
			}
			gd, err := cur.Document(t.Context(), g.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(wd.Pages) == 0 || !slices.Equal(wd.Pages, gd.Pages) {
				t.Errorf("%s: %d pages in the old directory, %d in a new one, or they differ", title, len(wd.Pages), len(gd.Pages))
			}
		}
	}
	if marked == 0 {
		t.Error("no snippet marks a matched word")
	}
	// The old directory's text is the stored body, even where the kept
	// text cannot be read.
	stored, err := search.New(oldBleve)
	if err != nil {
		t.Fatal(err)
	}
	stored.ReadPagesFrom(func(context.Context, string) ([]string, error) { return nil, errors.New("no kept text") })
	for title, h := range byTitle(stored, "trafficking") {
		if len(h.Snippets) == 0 {
			t.Errorf("%s: no snippets from the stored body", title)
		}
		if d, err := stored.Document(t.Context(), h.ID); err != nil || len(d.Pages) == 0 {
			t.Errorf("%s: text from the stored body: %v", title, err)
		}
	}
}

// A hit whose document is deleted between the search and the reading of
// its text is shown without snippets, and the document is not found; a
// document whose kept text cannot be read is an error that says so, and
// the searches that find it still answer.
func TestPagesUnreadable(t *testing.T) {
	dir := ingestSample(t)
	idx, _ := openData(t, dir)
	res, err := idx.Search(t.Context(), search.Request{Q: "trafficking"})
	if err != nil || len(res.Hits) == 0 || len(res.Hits[0].Snippets) == 0 {
		t.Fatalf("before: %v, %+v", err, res)
	}
	id := res.Hits[0].ID

	deleted := func(_ context.Context, id string) ([]string, error) {
		return nil, fmt.Errorf("document %s: %w", id, fs.ErrNotExist)
	}
	gone, _ := openData(t, ingestSample(t))
	gone.ReadPagesFrom(deleted)
	got, err := gone.Search(t.Context(), search.Request{Q: "trafficking"})
	if err != nil || len(got.Hits) != len(res.Hits) {
		t.Fatalf("deleted since: %v, %d hits, want %d", err, len(got.Hits), len(res.Hits))
	}
	for _, h := range got.Hits {
		if len(h.Snippets) != 0 || h.Title == "" {
			t.Errorf("%s deleted since the search: title %q, snippets %+v; want its title and no snippets", h.ID, h.Title, h.Snippets)
		}
	}
	if _, err := gone.Document(t.Context(), id); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("document deleted since: error %v, want corpus.ErrNotFound", err)
	}
	if _, err := gone.Metadata(t.Context(), id); err != nil {
		t.Errorf("metadata does not read the text: %v", err)
	}

	// The packs cut short: every document's kept text is unreadable.
	packs, err := filepath.Glob(filepath.Join(dir, "packs", "*"))
	if err != nil || len(packs) == 0 {
		t.Fatalf("no packs in %s: %v", dir, err)
	}
	for _, p := range packs {
		if err := os.Truncate(p, 10); err != nil {
			t.Fatal(err)
		}
	}
	got, err = idx.Search(t.Context(), search.Request{Q: "trafficking"})
	if err != nil || len(got.Hits) != len(res.Hits) {
		t.Fatalf("packs cut short: %v, %d hits, want %d", err, len(got.Hits), len(res.Hits))
	}
	for _, h := range got.Hits {
		if len(h.Snippets) != 0 {
			t.Errorf("%s: snippets %+v from an unreadable text", h.ID, h.Snippets)
		}
	}
	_, err = idx.Document(t.Context(), id)
	if err == nil || errors.Is(err, corpus.ErrNotFound) || !strings.Contains(err.Error(), "kept text of "+id) {
		t.Errorf("document with its text unreadable: error %v, want one naming its kept text", err)
	}
}
