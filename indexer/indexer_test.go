package indexer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
	"lexsearch/indexer/store"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestPrepareSamples(t *testing.T) {
	ix := New(quiet(), Options{})
	for _, tc := range []struct {
		path, typ, court, title, date, docket string
	}{
		{"docketalarm-gg-v-salesforce-ilnd-2022.txt", corpus.TypeOpinion, "ilnd", "G.G. v. Salesforce.com, Inc.", "2022-05-16", "1:20-cv-02335"},
		{"sherloc-doe-v-twitter-ndcal-2021.txt", corpus.TypeCaseSummary, "cand", "", "", "21-cv-00485"},
		{"white-paper-combating-online-sex-trafficking-2018.md", corpus.TypeReport, "", "COMBATING ONLINE SEX TRAFFICKING", "2018-03-14", ""},
		{"unicef-usa-innocent-victims-2018.txt", corpus.TypeArticle, "", "Innocent Victims: The Fight Against Online Child Sex Trafficking", "2018-01-11", ""},
		{"essay-human-trafficking-digital-media.txt", corpus.TypeArticle, "", "Human Trafficking Influenced by Digital Media", "", ""},
	} {
		t.Run(tc.path, func(t *testing.T) {
			data, err := ix.Read(corpus.Docs(), tc.path)
			if err != nil {
				t.Fatal(err)
			}
			src := corpus.Source{ID: corpus.SourceID(tc.path), Path: tc.path, Format: corpus.FormatOf(tc.path)}
			doc, err := ix.Prepare(t.Context(), src, data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Type != tc.typ || doc.Court != tc.court || doc.Docket != tc.docket {
				t.Errorf("type %q court %q docket %q, want %q %q %q", doc.Type, doc.Court, doc.Docket, tc.typ, tc.court, tc.docket)
			}
			if tc.title != "" && doc.Title != tc.title {
				t.Errorf("title %q, want %q", doc.Title, tc.title)
			}
			if tc.date != "" && doc.Date != tc.date {
				t.Errorf("date %q, want %q", doc.Date, tc.date)
			}
			if doc.Date != "" && doc.Year != doc.Date[:4] {
				t.Errorf("year %q does not match date %q", doc.Year, doc.Date)
			}
			for _, e := range doc.Entities {
				if e.Page < 1 {
					t.Errorf("entity %+v has no page", e)
				}
			}
		})
	}
}

func TestIngestSkipsBadFilesAndGoesOn(t *testing.T) {
	fsys := fstest.MapFS{
		"good.txt":       {Data: []byte("Plaintiffs sue under 18 U.S.C. § 1595 for trafficking.")},
		"notes.md":       {Data: []byte("# Notes\n\nSection 230 of the Communications Decency Act.")},
		"fake.pdf":       {Data: []byte("this is not a PDF at all")},
		"empty.txt":      {Data: []byte("  \n\n  ")},
		"memo.docx":      {Data: []byte("PK\x03\x04")},
		"huge.txt":       {Data: make([]byte, 2048)},
		"sub/nested.htm": {Data: []byte("<html><body><p>Trafficking victims may sue.</p></body></html>")},
	}
	dir := t.TempDir()
	ix := New(quiet(), Options{MaxBytes: 1024, BatchBytes: 64})
	stats, err := ix.Ingest(t.Context(), dir, []Input{{FS: fsys}}, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Indexed != 3 {
		t.Errorf("indexed %d, want 3 (good.txt, notes.md, sub/nested.htm)", stats.Indexed)
	}
	want := map[string]SkipReason{"fake.pdf": SkipUnsupported, "empty.txt": SkipEmpty, "memo.docx": SkipUnsupported, "huge.txt": SkipTooLarge}
	got := map[string]SkipReason{}
	for _, s := range stats.Skipped {
		got[s.Path] = s.Reason
		if s.Err == nil {
			t.Errorf("%s skipped without an error", s.Path)
		}
	}
	if !mapsEqual(got, want) {
		t.Errorf("skipped %v, want %v", got, want)
	}
	// What ingest keeps is enough to rebuild: the original and the prepared document.
	id := contentID(fsys["sub/nested.htm"].Data)
	s, err := ix.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if data, err := s.Original(id); err != nil || !bytes.Equal(data, fsys["sub/nested.htm"].Data) {
		t.Errorf("original not kept: %q, %v", data, err)
	}
	if data, err := s.Prepared(id); err != nil || !bytes.Contains(data, []byte("Trafficking victims may sue.")) {
		t.Errorf("prepared text not kept: %.80q, %v", data, err)
	}
	f, err := s.Originals().Open(id + "/nested.htm")
	if err != nil {
		t.Errorf("original not served as <id>/<name>: %v", err)
	} else {
		f.Close()
	}
	for _, name := range []string{"../CURRENT", id + "/../../CURRENT", "0000000000000000/x"} {
		if f, err := s.Originals().Open(name); err == nil {
			f.Close()
			t.Errorf("Originals().Open(%q) succeeded", name)
		}
	}
}

func mapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}

func contentID(data []byte) string {
	id, _ := ContentID(data)
	return id
}

// indexedIDs lists what a search of the data directory finds.
func indexedIDs(t *testing.T, dir string) []string {
	t.Helper()
	idx, err := OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10000, 0, false)
	res, err := idx.SearchInContext(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

func sortedIDs(contents ...string) []string {
	ids := []string{}
	for _, c := range contents {
		ids = append(ids, contentID([]byte(c)))
	}
	slices.Sort(ids)
	return ids
}

// writeFiles writes name → content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// folder is an Input of a real folder, as `lexsearch ingest DIR` makes it.
func folder(dir string) Input { return Input{FS: os.DirFS(dir), Root: dir} }

func TestSameFileUnderTwoNamesIsOneDocument(t *testing.T) {
	dir := t.TempDir()
	ix := New(quiet(), Options{})
	text := "Plaintiffs sue under 18 U.S.C. § 1595."
	fsys := fstest.MapFS{"a.txt": {Data: []byte(text)}, "copies/b.txt": {Data: []byte(text)}}
	stats, err := ix.Ingest(t.Context(), dir, []Input{{FS: fsys}}, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Indexed != 1 || stats.Duplicates != 1 {
		t.Errorf("indexed %d, duplicates %d; want 1 and 1", stats.Indexed, stats.Duplicates)
	}
	if got, want := indexedIDs(t, dir), sortedIDs(text); !slices.Equal(got, want) {
		t.Fatalf("indexed %v, want %v", got, want)
	}
	s, err := ix.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	e, _ := s.Entry(contentID([]byte(text)))
	if slices.Sort(e.Sources); !slices.Equal(e.Sources, []string{"a.txt", "copies/b.txt"}) {
		t.Errorf("sources %q, want both names", e.Sources)
	}
}

func TestFolderThenSubfolderMakesNoDuplicates(t *testing.T) {
	root, dir := t.TempDir(), t.TempDir()
	writeFiles(t, root, map[string]string{
		"txt/batch00/one.txt": "first opinion about trafficking",
		"txt/batch00/two.txt": "second opinion about Section 230",
		"txt/three.txt":       "a third text",
	})
	ix := New(quiet(), Options{})
	if _, err := ix.Ingest(t.Context(), dir, []Input{folder(root)}, Mode{}); err != nil {
		t.Fatal(err)
	}
	stats, err := ix.Ingest(t.Context(), dir, []Input{folder(filepath.Join(root, "txt", "batch00"))}, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Indexed != 0 || stats.Unchanged != 2 {
		t.Errorf("second run: indexed %d, unchanged %d; want 0 and 2", stats.Indexed, stats.Unchanged)
	}
	if got := indexedIDs(t, dir); len(got) != 3 {
		t.Errorf("%d documents, want 3: %v", len(got), got)
	}
}

func TestSameNameInTwoFoldersIsTwoDocuments(t *testing.T) {
	root, dir := t.TempDir(), t.TempDir()
	writeFiles(t, root, map[string]string{
		"caseA/complaint.txt": "Doe v. Backpage: complaint under 18 U.S.C. § 1595",
		"caseB/complaint.txt": "Roe v. Craigslist: complaint under 47 U.S.C. § 230",
	})
	ix := New(quiet(), Options{})
	stats, err := ix.Ingest(t.Context(), dir, []Input{folder(filepath.Join(root, "caseA")), folder(filepath.Join(root, "caseB"))}, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	if got := indexedIDs(t, dir); stats.Indexed != 2 || len(got) != 2 {
		t.Errorf("indexed %d, found %v; want 2 documents", stats.Indexed, got)
	}
}

func TestChangedFileReplacesItsDocumentAndPruneDropsGoneFiles(t *testing.T) {
	root, dir := t.TempDir(), t.TempDir()
	writeFiles(t, root, map[string]string{"a.txt": "first text about trafficking", "b.txt": "second text"})
	ix := New(quiet(), Options{})
	if _, err := ix.Ingest(t.Context(), dir, []Input{folder(root)}, Mode{}); err != nil {
		t.Fatal(err)
	}
	old := contentID([]byte("first text about trafficking"))
	writeFiles(t, root, map[string]string{"a.txt": "first text, revised"})
	stats, err := ix.Ingest(t.Context(), dir, []Input{folder(root)}, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Indexed != 1 || stats.Replaced != 1 || stats.Unchanged != 1 {
		t.Errorf("update: %+v, want 1 indexed (replaced) and 1 unchanged", stats)
	}
	if got, want := indexedIDs(t, dir), sortedIDs("first text, revised", "second text"); !slices.Equal(got, want) {
		t.Errorf("after update: %v, want %v", got, want)
	}

	// Without -prune a vanished file stays; with it, it goes.
	if err := os.Remove(filepath.Join(root, "b.txt")); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(t.Context(), dir, []Input{folder(root)}, Mode{}); err != nil {
		t.Fatal(err)
	}
	if got := indexedIDs(t, dir); len(got) != 2 {
		t.Errorf("without prune: %v, want 2 documents", got)
	}
	stats, err = ix.Ingest(t.Context(), dir, []Input{folder(root)}, Mode{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Pruned != 1 {
		t.Errorf("pruned %d, want 1", stats.Pruned)
	}
	// The first run's pack held the replaced and the pruned document:
	// with neither left, it is gone; the second run's pack stays.
	if packs, _ := os.ReadDir(filepath.Join(dir, store.PacksDir)); len(packs) != 1 {
		t.Errorf("%d packs after the replace and the prune, want 1", len(packs))
	}
	if got, want := indexedIDs(t, dir), sortedIDs("first text, revised"); !slices.Equal(got, want) {
		t.Errorf("after prune: %v, want %v", got, want)
	}
	s, err := ix.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Original(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the replaced document's original: %v, want fs.ErrNotExist", err)
	}
}

func TestRebuildKeepsEveryDocumentInANewGeneration(t *testing.T) {
	dir := t.TempDir()
	ix := New(quiet(), Options{Shards: 3})
	texts := []string{"Plaintiffs sue under 18 U.S.C. § 1595.", "# Report\n\nSection 230 text.", "third"}
	fsys := fstest.MapFS{"cases/a.txt": {Data: []byte(texts[0])}, "b.md": {Data: []byte(texts[1])}, "c.txt": {Data: []byte(texts[2])}}
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: fsys}}, Mode{}); err != nil {
		t.Fatal(err)
	}
	stats, err := ix.Ingest(t.Context(), dir, nil, Mode{Rebuild: true})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Rebuilt != 3 {
		t.Errorf("rebuilt %d, want 3", stats.Rebuilt)
	}
	if got, want := indexedIDs(t, dir), sortedIDs(texts...); !slices.Equal(got, want) {
		t.Errorf("after rebuild: %v, want %v", got, want)
	}
	gens, _ := filepath.Glob(filepath.Join(dir, "index", "gen-*"))
	if len(gens) != 1 || filepath.Base(gens[0]) != "gen-000002" {
		t.Errorf("generations after one rebuild: %v, want only gen-000002", gens)
	}
}

func TestFailedRebuildKeepsTheOldIndex(t *testing.T) {
	dir := t.TempDir()
	ix := New(quiet(), Options{})
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: fstest.MapFS{"a.txt": {Data: []byte("kept")}}}}, Mode{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // the rebuild is interrupted before it writes anything
	if _, err := ix.Ingest(ctx, dir, []Input{{FS: fstest.MapFS{"b.txt": {Data: []byte("new")}}}}, Mode{Rebuild: true}); err == nil {
		t.Fatal("interrupted rebuild reported success")
	}
	if got, want := indexedIDs(t, dir), sortedIDs("kept"); !slices.Equal(got, want) {
		t.Errorf("after failed rebuild: %v, want the old index %v", got, want)
	}
}

func TestMissingIndexIsRebuiltFromKeptDocuments(t *testing.T) {
	dir := t.TempDir()
	ix := New(quiet(), Options{})
	fsys := fstest.MapFS{"a.txt": {Data: []byte("alpha text")}, "b.txt": {Data: []byte("beta text")}}
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: fsys}}, Mode{}); err != nil {
		t.Fatal(err)
	}
	// A user deletes the index, the README calling it rebuildable.
	if err := os.RemoveAll(filepath.Join(dir, "index")); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: fstest.MapFS{"c.txt": {Data: []byte("gamma text")}}}}, Mode{}); err != nil {
		t.Fatal(err)
	}
	if got, want := indexedIDs(t, dir), sortedIDs("alpha text", "beta text", "gamma text"); !slices.Equal(got, want) {
		t.Errorf("after the index was deleted: %v, want every kept document %v", got, want)
	}
}

func TestOpenIndexInUse(t *testing.T) {
	dir := t.TempDir()
	ix := New(quiet(), Options{})
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: fstest.MapFS{"a.txt": {Data: []byte("x y z")}}}}, Mode{}); err != nil {
		t.Fatal(err)
	}
	first, err := OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	_, err = OpenIndex(dir)
	if !errors.Is(err, ErrIndexInUse) {
		t.Fatalf("second open: %v, want ErrIndexInUse", err)
	}
	if pid := fmt.Sprintf("pid %d", os.Getpid()); !strings.Contains(err.Error(), pid) {
		t.Errorf("in-use error %q does not name the holder (%s)", err, pid)
	}
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: fstest.MapFS{"b.txt": {Data: []byte("b")}}}}, Mode{}); !errors.Is(err, ErrIndexInUse) {
		t.Errorf("ingest while the directory is open: %v, want ErrIndexInUse", err)
	}
	if _, err := OpenIndex(t.TempDir()); !errors.Is(err, ErrNoIndex) {
		t.Errorf("open of an empty directory: %v, want ErrNoIndex", err)
	}
}

func TestLiveAddAndDelete(t *testing.T) {
	dir := t.TempDir()
	ix := New(quiet(), Options{})
	s, err := ix.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	live := NewLive(ix, s)
	idx := s.Index()
	count := func() uint64 {
		n, err := idx.DocCount()
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, tc := range []struct {
		name, text, status, reason string
		docs                       uint64
	}{
		{"/cases/a.txt", "Doe v. Twitter under 18 U.S.C. § 1595", StatusCreated, "", 1},
		{"/cases/a.txt", "Doe v. Twitter under 18 U.S.C. § 1595", StatusUnchanged, "", 1},
		{"/copy/a.txt", "Doe v. Twitter under 18 U.S.C. § 1595", StatusUnchanged, "", 1},
		{"/cases/a.txt", "Doe v. Twitter, amended", StatusReplaced, "", 2}, // the copy keeps the old one
		{"/cases/empty.txt", "   ", StatusSkipped, string(SkipEmpty), 2},
		{"/cases/fake.pdf", "not a pdf", StatusSkipped, string(SkipUnsupported), 2},
	} {
		got, err := live.Add(t.Context(), tc.name, []byte(tc.text))
		if err != nil {
			t.Fatalf("Add(%s): %v", tc.name, err)
		}
		if got.Status != tc.status || got.Reason != tc.reason {
			t.Errorf("Add(%s, %q) = %+v, want status %s reason %q", tc.name, tc.text, got, tc.status, tc.reason)
		}
		if tc.status != StatusSkipped && got.ID != contentID([]byte(tc.text)) {
			t.Errorf("Add(%s) id %s, want the content's", tc.name, got.ID)
		}
		if n := count(); n != tc.docs {
			t.Errorf("after Add(%s): %d documents searchable, want %d", tc.name, n, tc.docs)
		}
	}
	if err := live.Delete(t.Context(), contentID([]byte("Doe v. Twitter, amended"))); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 1 {
		t.Errorf("after Delete: %d documents, want 1", n)
	}
	if err := live.Delete(t.Context(), "0123456789abcdef"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Delete of an unknown id: %v, want fs.ErrNotExist", err)
	}
}

func TestFoldKeepsOffsets(t *testing.T) {
	m, err := Mapping()
	if err != nil {
		t.Fatal(err)
	}
	a := m.AnalyzerNamed(TextAnalyzer)
	text := "providers’ Défendeur vis-à-vis liability"
	var terms []string
	for _, tok := range a.Analyze([]byte(text)) {
		terms = append(terms, string(tok.Term))
		if got := text[tok.Start:tok.End]; tok.Term == nil || got == "" {
			t.Errorf("token %q has offsets %d..%d", tok.Term, tok.Start, tok.End)
		}
	}
	want := []string{"provid", "defendeur", "vi", "vi", "liabil"}
	if !slices.Equal(terms, want) {
		t.Errorf("terms %q, want %q", terms, want)
	}
	last := a.Analyze([]byte(text))
	if tok := last[len(last)-1]; text[tok.Start:tok.End] != "liability" {
		t.Errorf("last token spans %q, want \"liability\": offsets drifted", text[tok.Start:tok.End])
	}
}

// BenchmarkIngest indexes the embedded sample corpus into a new data
// directory; bytes/op is the corpus size, so MB/s is ingest throughput.
func BenchmarkIngest(b *testing.B) {
	var size int64
	err := corpus.Walk(b.Context(), corpus.Docs(), func(src corpus.Source) error {
		data, err := fs.ReadFile(corpus.Docs(), src.Path)
		size += int64(len(data))
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	ix := New(quiet(), Options{})
	for b.Loop() {
		if _, err := ix.Ingest(b.Context(), b.TempDir(), []Input{{FS: corpus.Docs()}}, Mode{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSearchesAnswerDuringLiveWrites adds documents one by one while other
// goroutines search: no search fails, and each sees at least every
// document whose Add returned before it started.
func TestSearchesAnswerDuringLiveWrites(t *testing.T) {
	ix := New(quiet(), Options{Shards: 2})
	s, err := ix.Open(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	live, idx := NewLive(ix, s), s.Index()
	const n = 20
	var added atomic.Int64
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				want := uint64(added.Load())
				res, err := idx.SearchInContext(ctx, bleve.NewSearchRequest(bleve.NewMatchQuery("trafficking")))
				if ctx.Err() != nil {
					return
				}
				if err != nil {
					errs <- err
					return
				}
				if res.Total < want {
					errs <- fmt.Errorf("a search found %d documents after %d were added", res.Total, want)
					return
				}
			}
		}()
	}
	for i := range n {
		text := fmt.Sprintf("Opinion %d on trafficking and beneficiary liability under 18 U.S.C. § 1595.", i)
		if a, err := live.Add(t.Context(), fmt.Sprintf("/live/%d.txt", i), []byte(text)); err != nil || a.Status != StatusCreated {
			t.Fatalf("Add %d: %+v, %v", i, a, err)
		}
		added.Add(1)
	}
	cancel()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestOldLayoutIsImported opens a data directory in the layout of the
// lexsearch before the store (index/, originals/<SourceID>/<name>,
// text/<id>.json naming the source): its documents are imported under
// their old source names and the old parts removed.
func TestOldLayoutIsImported(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"cases/a.txt": "Doe v. Backpage under 18 U.S.C. § 1595.", "b.md": "# Report\n\nSection 230."}
	for src, text := range files {
		id := corpus.SourceID(src)
		writeFiles(t, dir, map[string]string{
			filepath.Join("originals", id, filepath.Base(src)): text,
			filepath.Join("text", id+".json"):                  fmt.Sprintf(`{"id":%q,"source":%q}`, id, src),
			"index/index_meta.json":                            "{}",
		})
	}
	ix := New(quiet(), Options{})
	s, err := ix.Open(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for src, text := range files {
		if id, ok := s.Lookup(src); !ok || id != contentID([]byte(text)) {
			t.Errorf("%s after the upgrade: id %q, %v; want the id of its content", src, id, ok)
		}
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, oldLayoutDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s is still there after the upgrade: %v", oldLayoutDir, err)
	}
	// index/ now holds the generations, not the old index
	if gens, _ := filepath.Glob(filepath.Join(dir, "index", "gen-*")); len(gens) != 1 {
		t.Errorf("generations in index/ after the upgrade: %v, want one", gens)
	}
	if _, err := os.Stat(filepath.Join(dir, "index", "index_meta.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("index/index_meta.json of the old layout is still reachable: %v", err)
	}
	if got, want := indexedIDs(t, dir), sortedIDs(files["cases/a.txt"], files["b.md"]); !slices.Equal(got, want) {
		t.Errorf("indexed %v, want %v", got, want)
	}
}

// TestLiveGroupCommit: many uploads at once share commits, and every one
// lands: distinct files are all found, and a file uploaded under one name
// with several contents at once ends as exactly one document.
func TestLiveGroupCommit(t *testing.T) {
	ix := New(quiet(), Options{Shards: 2})
	s, err := ix.Open(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	live, idx := NewLive(ix, s), s.Index()
	const n = 24
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("Opinion %d on trafficking zzgroupword under 18 U.S.C. § 1595.", i)
			if a, err := live.Add(t.Context(), fmt.Sprintf("/group/%d.txt", i), []byte(text)); err != nil || a.Status != StatusCreated {
				errs <- fmt.Errorf("add %d: %+v %v", i, a, err)
			}
		}()
		go func() {
			defer wg.Done()
			text := fmt.Sprintf("Draft %d of the same brief, zzsamename.", i)
			if _, err := live.Add(t.Context(), "/group/brief.txt", []byte(text)); err != nil {
				errs <- fmt.Errorf("replace %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for word, want := range map[string]uint64{"zzgroupword": n, "zzsamename": 1} {
		res, err := idx.Search(bleve.NewSearchRequest(bleve.NewMatchQuery(word)))
		if err != nil || res.Total != want {
			t.Errorf("%s: %v documents (%v), want %d", word, res.Total, err, want)
		}
	}
	if got := s.Len(); got != n+1 {
		t.Errorf("the catalog lists %d documents, want %d", got, n+1)
	}
}

// Read sizes its buffer from the file's length; the limit must hold to
// the byte whether the length is known (a folder) or not (fstest.MapFS
// files report theirs too, a pipe would not), and a file that grew since
// it was listed is still read whole.
func TestReadLimit(t *testing.T) {
	const max = 3000
	ix := New(quiet(), Options{MaxBytes: max})
	dir := t.TempDir()
	body := func(n int) []byte { return bytes.Repeat([]byte("0123456789"), n/10+1)[:n] }
	for name, n := range map[string]int{"at.txt": max, "over.txt": max + 1, "empty.txt": 0, "small.txt": 700} {
		if err := os.WriteFile(filepath.Join(dir, name), body(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, fsys := range []fs.FS{os.DirFS(dir), fstest.MapFS{"at.txt": {Data: body(max)}, "over.txt": {Data: body(max + 1)}, "empty.txt": {}, "small.txt": {Data: body(700)}}} {
		for name, n := range map[string]int{"at.txt": max, "empty.txt": 0, "small.txt": 700} {
			got, err := ix.Read(fsys, name)
			if err != nil || !bytes.Equal(got, body(n)) {
				t.Errorf("%T %s: read %d bytes, err %v; want its %d bytes", fsys, name, len(got), err, n)
			}
		}
		if _, err := ix.Read(fsys, "over.txt"); ReasonFor(err) != SkipTooLarge {
			t.Errorf("%T over.txt: err %v, want too large", fsys, err)
		}
	}
	// The length Stat reported is only a hint: a file that grew is read to its end.
	f, err := os.OpenFile(filepath.Join(dir, "small.txt"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	grown := growOnStat{File: f, extra: body(900)}
	got, err := ix.Read(grownFS{&grown, dir}, "small.txt")
	if err != nil || len(got) != 1600 {
		t.Errorf("grown file: read %d bytes, err %v; want 1600", len(got), err)
	}
}

// grownFS opens small.txt for reading and appends to it right after Stat,
// the race between listing a file and reading it.
type grownFS struct {
	g   *growOnStat
	dir string
}

func (g grownFS) Open(name string) (fs.File, error) {
	r, err := os.Open(filepath.Join(g.dir, name))
	if err != nil {
		return nil, err
	}
	return &statThenGrow{File: r, g: g.g}, nil
}

type growOnStat struct {
	*os.File
	extra []byte
}

type statThenGrow struct {
	*os.File
	g *growOnStat
}

func (s *statThenGrow) Stat() (fs.FileInfo, error) {
	info, err := s.File.Stat()
	if err == nil {
		_, err = s.g.File.Write(s.g.extra)
		s.g.File.Close()
	}
	return info, err
}

// ContentID's id is the one corpus.ContentID gives the same bytes (the
// store and the API name documents by it), and its digest is the file's
// SHA-256.
func TestContentIDAgreesWithCorpus(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("x"), []byte("Doe v. Backpage.com, 817 F.3d 12 (1st Cir. 2016)"), bytes.Repeat([]byte{0xff, 0}, 5000)} {
		id, sha := ContentID(data)
		sum := sha256.Sum256(data)
		if want := corpus.ContentID(data); id != want {
			t.Errorf("ContentID(%.20q) id = %s, corpus.ContentID = %s", data, id, want)
		}
		if want := hex.EncodeToString(sum[:]); sha != want {
			t.Errorf("ContentID(%.20q) sha = %s, want %s", data, sha, want)
		}
	}
}
