package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// testMapping indexes a keyword "tag" and a text "body".
func testMapping() (mapping.IndexMapping, error) {
	m := bleve.NewIndexMapping()
	doc := bleve.NewDocumentStaticMapping()
	kw := bleve.NewKeywordFieldMapping()
	doc.AddFieldMappingsAt("tag", kw)
	doc.AddFieldMappingsAt("body", bleve.NewTextFieldMapping())
	m.DefaultMapping = doc
	return m, nil
}

// testFields indexes the prepared text, which tests write as JSON.
func testFields(_ context.Context, s *Store, e Entry) (any, int, error) {
	data, err := s.Prepared(e.ID)
	if err != nil {
		return nil, 0, err
	}
	var v map[string]any
	return v, len(data), json.Unmarshal(data, &v)
}

func openTest(t *testing.T, dir string, shards int) *Store {
	t.Helper()
	s, err := Open(t.Context(), dir, Options{Command: "lexsearch test", Shards: shards, Mapping: testMapping, Fields: testFields})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// addDoc adds a document with id and sha derived from n.
func addDoc(b *Batch, n int, tag string) string {
	id := fmt.Sprintf("%016x", n)
	fields := map[string]any{"tag": tag, "body": fmt.Sprintf("document number %d", n)}
	prepared, _ := json.Marshal(fields)
	b.Add(id, id+"sha", fmt.Sprintf("doc%d.txt", n), fmt.Sprintf("/src/doc%d.txt", n), []byte("original"), prepared, fields)
	return id
}

func TestShardsSearchAsOne(t *testing.T) {
	s := openTest(t, t.TempDir(), 3)
	defer s.Close()
	b := &Batch{}
	for n := range 30 {
		addDoc(b, n, []string{"red", "green", "blue"}[n%3])
	}
	if err := s.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	idx := s.Index()
	if n, err := idx.DocCount(); err != nil || n != 30 {
		t.Errorf("DocCount = %d, %v; want 30", n, err)
	}
	res, err := idx.Search(bleve.NewSearchRequest(bleve.NewMatchQuery("number")))
	if err != nil || res.Total != 30 {
		t.Fatalf("search over 3 shards: %v hits, %v; want 30", res.Total, err)
	}
	dict, err := idx.FieldDict("tag")
	if err != nil {
		t.Fatal(err)
	}
	defer dict.Close()
	got := map[string]uint64{}
	var order []string
	for {
		e, err := dict.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e == nil {
			break
		}
		got[e.Term] = e.Count
		order = append(order, e.Term)
	}
	if fmt.Sprint(order) != "[blue green red]" || got["red"] != 10 || got["green"] != 10 || got["blue"] != 10 {
		t.Errorf("merged dictionary %v in order %v, want blue, green, red with 10 each", got, order)
	}
}

func TestReopenKeepsDocumentsAndSources(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, 2)
	b := &Batch{}
	id := addDoc(b, 1, "red")
	b.AddSource(id, "/elsewhere/copy.txt")
	if err := s.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTest(t, dir, 5) // the generation keeps its 2 shards
	defer s.Close()
	if s.Shards() != 2 {
		t.Errorf("reopened with %d shards, want the generation's 2", s.Shards())
	}
	e, ok := s.Entry(id)
	if !ok || len(e.Sources) != 2 {
		t.Fatalf("entry after reopen: %+v, %v; want two sources", e, ok)
	}
	if got, ok := s.Lookup("/elsewhere/copy.txt"); !ok || got != id {
		t.Errorf("Lookup of the second source = %q, %v", got, ok)
	}
}

func TestCommitErrors(t *testing.T) {
	s := openTest(t, t.TempDir(), 1)
	defer s.Close()
	b := &Batch{}
	id := addDoc(b, 7, "red")
	if err := s.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	del := &Batch{}
	del.Delete("ffffffffffffffff")
	if err := s.Commit(t.Context(), del); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("delete of an unknown id: %v, want fs.ErrNotExist", err)
	}
	clash := &Batch{}
	clash.Add(id, "another sha", "other.txt", "/src/other.txt", []byte("other"), []byte("{}"), map[string]any{})
	if err := s.Commit(t.Context(), clash); !errors.Is(err, ErrCollision) {
		t.Errorf("same id, other content: %v, want ErrCollision", err)
	}
	if s.Len() != 1 {
		t.Errorf("%d documents after refused commits, want 1", s.Len())
	}
}

func TestSecondOpenNamesTheHolder(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, 1)
	defer s.Close()
	_, err := Open(t.Context(), dir, Options{Mapping: testMapping, Fields: testFields})
	var le *LockedError
	if !errors.As(err, &le) || le.PID != os.Getpid() || le.Command != "lexsearch test" {
		t.Errorf("second open: %v, want a LockedError naming pid %d and lexsearch test", err, os.Getpid())
	}
	if le != nil && le.URL != "" {
		t.Errorf("URL %q before the holder announced one", le.URL)
	}

	// A server says where it listens; the next opener learns it.
	if err := s.Announce("http://127.0.0.1:9123"); err != nil {
		t.Fatal(err)
	}
	_, err = Open(t.Context(), dir, Options{Mapping: testMapping, Fields: testFields, Command: "lexsearch serve"})
	if !errors.As(err, &le) || le.URL != "http://127.0.0.1:9123" || le.PID != os.Getpid() || le.Command != "lexsearch test" {
		t.Errorf("open after Announce: %v, want the holder with its URL", err)
	}
	if err := s.Announce("http://a\nb"); err == nil {
		t.Error("Announce took a URL with a line break")
	}
}

func TestOpenRemovesWhatAnInterruptedRebuildLeft(t *testing.T) {
	dir := t.TempDir()
	commitOneAndClose(t, dir, 1)
	// gen-000003 beside CURRENT: where an older layout's rebuild put it.
	for _, p := range []string{"index/gen-000002/shard-000", "gen-000003/shard-000", "catalog-000002.log", "CURRENT.tmp"} {
		path := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := openTest(t, dir, 1)
	defer s.Close()
	for _, p := range []string{"index/gen-000002", "gen-000003", "catalog-000002.log", "CURRENT.tmp"} {
		if _, err := os.Stat(filepath.Join(dir, p)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s survived the open: %v", p, err)
		}
	}
	if n, _ := s.Index().DocCount(); n != 1 {
		t.Errorf("%d documents, want the committed one", n)
	}
}

func TestCatalogTornTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog-000001.log")
	good := `{"s":1,"op":"put","id":"a","sha":"x","src":"/a","name":"a"}` + "\n"
	if err := os.WriteFile(path, []byte(good+`{"s":2,"op":"put","id":"b`), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := loadCatalog(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.docs) != 1 || c.seq != 1 {
		t.Errorf("after a torn tail: %d docs at seq %d, want 1 at 1", len(c.docs), c.seq)
	}
	if err := c.append([]record{{Op: opPut, ID: "b", SHA: "y", Src: "/b", Name: "b"}}); err != nil {
		t.Fatal(err)
	}
	c.close()
	c, err = loadCatalog(path)
	if err != nil {
		t.Fatalf("catalog after appending past a torn tail: %v", err)
	}
	defer c.close()
	if len(c.docs) != 2 || c.seq != 2 {
		t.Errorf("%d docs at seq %d, want 2 at 2", len(c.docs), c.seq)
	}

	bad := filepath.Join(t.TempDir(), "catalog-000001.log")
	os.WriteFile(bad, []byte("garbage\n"+good), 0o644)
	if _, err := loadCatalog(bad); err == nil {
		t.Error("a damaged line before the end was accepted")
	}
}

// BenchmarkCommit commits batches of 100 small documents to 2 shards:
// kept files fsynced, catalog fsynced, shards written in parallel; one
// at a time through Store.Commit ("sync"), or through a Pipeline, where
// each shard writes its part of a batch without waiting for the other
// while the next batch is made durable ("pipeline").
func BenchmarkCommit(b *testing.B) {
	for _, piped := range []bool{false, true} {
		name := "sync"
		if piped {
			name = "pipeline"
		}
		b.Run(name, func(b *testing.B) {
			s, err := Open(b.Context(), b.TempDir(), Options{Shards: 2, Mapping: testMapping, Fields: testFields})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			commit := s.Commit
			var p *Pipeline
			if piped {
				if p, err = s.Pipeline(2); err != nil {
					b.Fatal(err)
				}
				commit = p.Commit
			}
			n := 0
			for b.Loop() {
				batch := &Batch{}
				for range 100 {
					addDoc(batch, n, "red")
					n++
				}
				if err := commit(b.Context(), batch); err != nil {
					b.Fatal(err)
				}
			}
			if p != nil {
				if err := p.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkPack keeps 100 documents (an original and a compressed prepared
// text each) in one pack, fsynced: the cost of keeping a batch.
func BenchmarkPack(b *testing.B) {
	s := &Store{dir: b.TempDir()}
	text := []byte(`{"doc":{"pages":[{"text":"` + string(make([]byte, 8000)) + `"}]}}`)
	n := 0
	for b.Loop() {
		var docs []packDoc
		for range 100 {
			docs = append(docs, packDoc{fmt.Sprintf("%016x", n), text, text})
			n++
		}
		if _, err := s.writePack(fmt.Sprintf("%012d.pack", n), docs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// TestLongCatalogIsCompactedOnOpen fills the catalog with records of
// sources added and dropped again; the next Open rewrites it as one
// record per source, and every document and source is still there.
func TestLongCatalogIsCompactedOnOpen(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, 2)
	b := &Batch{}
	var ids []string
	for n := range 10 {
		ids = append(ids, addDoc(b, n, "red"))
	}
	if err := s.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	add, drop := &Batch{}, &Batch{}
	for i := range compactSlack {
		src := fmt.Sprintf("/copies/%d.txt", i)
		add.AddSource(ids[0], src)
		drop.DropSource(ids[0], src)
	}
	for _, b := range []*Batch{add, drop} {
		if err := s.Commit(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	s = openTest(t, dir, 2)
	if n := len(s.cat.ids); n != 10 {
		t.Errorf("%d catalog records after compaction, want 10", n)
	}
	logs, _ := filepath.Glob(filepath.Join(dir, "catalog-*"))
	if len(logs) != 1 || filepath.Base(logs[0]) != "catalog-000001-001.log" {
		t.Errorf("catalog files %v, want the compacted one alone", logs)
	}
	if n, _ := s.Index().DocCount(); n != 10 || s.Len() != 10 {
		t.Errorf("%d documents indexed, %d kept; want 10", n, s.Len())
	}
	for _, id := range ids {
		if _, err := s.Original(id); err != nil {
			t.Errorf("original of %s after compaction: %v", id, err)
		}
	}
	s.Close()
	s = openTest(t, dir, 2) // and it opens again, with nothing to catch up
	defer s.Close()
	if n, _ := s.Index().DocCount(); n != 10 {
		t.Errorf("%d documents after a second open, want 10", n)
	}
}

// TestShardsRenumberedBeforeACrash leaves the state a crash in the middle
// of a compaction leaves (shards renumbered for the new catalog, CURRENT
// still naming the old): Open catches the shards up and nothing is lost.
func TestShardsRenumberedBeforeACrash(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, 2)
	b := &Batch{}
	var ids []string
	for n := range 10 {
		ids = append(ids, addDoc(b, n, "red"))
	}
	gone := &Batch{}
	gone.Delete(ids[9])
	for _, b := range []*Batch{b, gone} {
		if err := s.Commit(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	p := s.cur
	s.Close()
	for i := range p.Shards {
		idx, err := bleve.Open(p.shardDir(dir, i))
		if err != nil {
			t.Fatal(err)
		}
		if err := idx.SetInternal(seqKey, []byte("3")); err != nil {
			t.Fatal(err)
		}
		idx.Close()
	}
	s = openTest(t, dir, 2)
	defer s.Close()
	res, err := s.Index().Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 100, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 9 || s.Len() != 9 {
		t.Errorf("%d documents found, %d kept; want the 9 not deleted", res.Total, s.Len())
	}
}

// TestCloseLeavesNoReplacedSegments: after many commits (bleve merges
// their segments), Close leaves on disk only the segments the index
// uses, not those its merges replaced.
func TestCloseLeavesNoReplacedSegments(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, 1)
	n := 0
	for range 40 {
		b := &Batch{}
		for range 5 {
			addDoc(b, n, "t")
			n++
		}
		if err := s.Commit(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	shard := s.cur.shardDir(dir, 0)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	zaps, err := filepath.Glob(filepath.Join(shard, "store", "*.zap"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := bleve.OpenUsing(shard, map[string]any{"bolt_timeout": boltTimeout})
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	st, _ := idx.StatsMap()["index"].(map[string]any)
	used, ok := st["TotFileSegmentsAtRoot"].(uint64)
	if !ok {
		t.Fatalf("no segment count in the index's stats: %v", st)
	}
	if int(used) != len(zaps) {
		t.Errorf("%d segment files on disk after Close, the index uses %d", len(zaps), used)
	}
	if count, _ := idx.DocCount(); count != uint64(n) {
		t.Errorf("%d documents, want %d", count, n)
	}
}

// data/index is a folder holding the index, so that du, backup scripts
// and benchmark harnesses that look there see its size.
func TestIndexDirHoldsTheIndex(t *testing.T) {
	dir := t.TempDir()
	commitOneAndClose(t, dir, 2)
	fi, err := os.Lstat(filepath.Join(dir, "index"))
	if err != nil || !fi.IsDir() {
		t.Fatalf("data/index: %v, %v; want a folder", fi, err)
	}
	for _, p := range []string{"index/gen-000001/shard-000/index_meta.json", "index/gen-000001/shard-001/index_meta.json"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
	gens, _ := filepath.Glob(filepath.Join(dir, "gen-*"))
	if len(gens) != 0 {
		t.Errorf("generations beside CURRENT: %v, want none", gens)
	}
}

// A data directory of the layout before, with its generations beside
// CURRENT and data/index a link to the live one, is moved into today's on
// open, including one a crash left half moved.
func TestOpenMovesAnOlderLayoutIntoIndexDir(t *testing.T) {
	for _, tc := range []struct {
		name string
		undo func(t *testing.T, dir string) // today's layout -> the older one, or part way
	}{
		{"link", func(t *testing.T, dir string) {
			mustRename(t, filepath.Join(dir, "index", "gen-000001"), filepath.Join(dir, "gen-000001"))
			mustDo(t, os.Remove(filepath.Join(dir, "index")))
			mustDo(t, os.Symlink("gen-000001", filepath.Join(dir, "index")))
		}},
		{"link removed", func(t *testing.T, dir string) {
			mustRename(t, filepath.Join(dir, "index", "gen-000001"), filepath.Join(dir, "gen-000001"))
			mustDo(t, os.Remove(filepath.Join(dir, "index")))
		}},
		{"folder made", func(t *testing.T, dir string) {
			mustRename(t, filepath.Join(dir, "index", "gen-000001"), filepath.Join(dir, "gen-000001"))
		}},
		{"stale link", func(t *testing.T, dir string) {
			mustRename(t, filepath.Join(dir, "index", "gen-000001"), filepath.Join(dir, "gen-000001"))
			mustDo(t, os.Remove(filepath.Join(dir, "index")))
			mustDo(t, os.Symlink("gen-000009", filepath.Join(dir, "index")))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			commitOneAndClose(t, dir, 1)
			tc.undo(t, dir)
			s := openTest(t, dir, 1)
			defer s.Close()
			if n, _ := s.Index().DocCount(); n != 1 {
				t.Errorf("%d documents, want 1", n)
			}
			if fi, err := os.Lstat(filepath.Join(dir, "index")); err != nil || !fi.IsDir() {
				t.Errorf("data/index after open: %v, %v; want a folder", fi, err)
			}
			if _, err := os.Stat(filepath.Join(dir, "index", "gen-000001", "shard-000")); err != nil {
				t.Errorf("the generation was not moved into data/index: %v", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "gen-000001")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("gen-000001 is still beside CURRENT: %v", err)
			}
		})
	}
}

func mustRename(t *testing.T, from, to string) {
	t.Helper()
	mustDo(t, os.Rename(from, to))
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// commitOneAndClose opens a store of the given shards in dir, commits one
// document and closes it.
func commitOneAndClose(t *testing.T, dir string, shards int) {
	t.Helper()
	s := openTest(t, dir, shards)
	b := &Batch{}
	addDoc(b, 1, "red")
	if err := s.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	s.Close()
}
