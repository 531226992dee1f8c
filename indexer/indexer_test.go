package indexer

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"lexsearch/corpus"
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
	ix := New(quiet(), Options{MaxBytes: 1024, BatchSize: 2})
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
	id := corpus.SourceID("sub/nested.htm")
	if _, err := os.Stat(filepath.Join(dir, OriginalsDir, id, "nested.htm")); err != nil {
		t.Errorf("original not kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, TextDir, id+".json")); err != nil {
		t.Errorf("prepared text not kept: %v", err)
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

func indexedIDs(t *testing.T, dir string) []string {
	t.Helper()
	idx, err := OpenIndex(filepath.Join(dir, IndexDir))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ids, err := allIDs(t.Context(), idx)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

func sortedIDs(paths ...string) []string {
	var ids []string
	for _, p := range paths {
		ids = append(ids, corpus.SourceID(p))
	}
	slices.Sort(ids)
	return ids
}

func TestIngestUpdatesPrunesAndRebuilds(t *testing.T) {
	dir := t.TempDir()
	ix := New(quiet(), Options{})
	a := fstest.MapFS{"a.txt": {Data: []byte("first text about trafficking")}, "b.txt": {Data: []byte("second text")}}
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: a}}, Mode{}); err != nil {
		t.Fatal(err)
	}
	// Re-ingesting the same path updates its document instead of adding one.
	a2 := fstest.MapFS{"a.txt": {Data: []byte("first text, revised")}}
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: a2}}, Mode{}); err != nil {
		t.Fatal(err)
	}
	if got, want := indexedIDs(t, dir), sortedIDs("a.txt", "b.txt"); !slices.Equal(got, want) {
		t.Errorf("after update: %v, want %v", got, want)
	}
	stats, err := ix.Ingest(t.Context(), dir, []Input{{FS: a2}}, Mode{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Pruned != 1 {
		t.Errorf("pruned %d, want 1", stats.Pruned)
	}
	if got, want := indexedIDs(t, dir), sortedIDs("a.txt"); !slices.Equal(got, want) {
		t.Errorf("after prune: %v, want %v", got, want)
	}
	c := fstest.MapFS{"c.txt": {Data: []byte("third")}}
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: c}}, Mode{Rebuild: true}); err != nil {
		t.Fatal(err)
	}
	if got, want := indexedIDs(t, dir), sortedIDs("c.txt"); !slices.Equal(got, want) {
		t.Errorf("after rebuild: %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, IndexDir+".tmp")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("rebuild left its temporary index behind: %v", err)
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
	if got, want := indexedIDs(t, dir), sortedIDs("a.txt"); !slices.Equal(got, want) {
		t.Errorf("after failed rebuild: %v, want the old index %v", got, want)
	}
}

func TestOpenIndexInUse(t *testing.T) {
	dir := t.TempDir()
	ix := New(quiet(), Options{})
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: fstest.MapFS{"a.txt": {Data: []byte("x y z")}}}}, Mode{}); err != nil {
		t.Fatal(err)
	}
	first, err := OpenIndex(filepath.Join(dir, IndexDir))
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if _, err := OpenIndex(filepath.Join(dir, IndexDir)); !errors.Is(err, ErrIndexInUse) {
		t.Errorf("second open: %v, want ErrIndexInUse", err)
	}
	if _, err := OpenIndex(filepath.Join(t.TempDir(), IndexDir)); !errors.Is(err, ErrNoIndex) {
		t.Errorf("open of an empty directory: %v, want ErrNoIndex", err)
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

func TestRebuildFromKeptFiles(t *testing.T) {
	dir := t.TempDir()
	ix := New(quiet(), Options{})
	src := fstest.MapFS{
		"cases/a.txt": {Data: []byte("Plaintiffs sue under 18 U.S.C. § 1595.")},
		"b.md":        {Data: []byte("# Report\n\nSection 230 text.")},
	}
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: src}}, Mode{}); err != nil {
		t.Fatal(err)
	}
	kept, err := Kept(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(kept.Paths, []string{"b.md", "cases/a.txt"}) {
		t.Fatalf("kept paths %q", kept.Paths)
	}
	stats, err := ix.Ingest(t.Context(), dir, []Input{kept}, Mode{Rebuild: true})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Indexed != 2 || len(stats.Skipped) != 0 {
		t.Errorf("rebuild from kept files: %+v", stats)
	}
	if got, want := indexedIDs(t, dir), sortedIDs("b.md", "cases/a.txt"); !slices.Equal(got, want) {
		t.Errorf("after rebuild: %v, want the same ids %v", got, want)
	}
	// A rebuild from other files leaves nothing of the old ones behind.
	if _, err := ix.Ingest(t.Context(), dir, []Input{{FS: fstest.MapFS{"c.txt": {Data: []byte("new")}}}}, Mode{Rebuild: true}); err != nil {
		t.Fatal(err)
	}
	if kept, err := Kept(dir); err != nil || !slices.Equal(kept.Paths, []string{"c.txt"}) {
		t.Errorf("kept after a rebuild from c.txt: %q, %v", kept.Paths, err)
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
