package indexer

import (
	"math/rand/v2"
	"slices"
	"testing"
	"testing/fstest"

	"lexsearch/corpus"
)

// Files named as text whose bytes are not text are skipped as binary;
// UTF-16 text is read, not skipped or indexed as mojibake.
func TestIngestSkipsBinaryNamedAsText(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	noise := make([]byte, 3000)
	for i := range noise {
		noise[i] = byte(rng.UintN(256))
	}
	wide := []byte{0xFF, 0xFE}
	for _, r := range "Plaintiffs sue under 18 U.S.C. § 1595 for trafficking." {
		wide = append(wide, byte(r), byte(r>>8))
	}
	fsys := fstest.MapFS{
		"noise.txt":  {Data: noise},
		"zeros.html": {Data: make([]byte, 3000)},
		"noise.md":   {Data: noise},
		"wide.txt":   {Data: wide},
	}
	ix := New(quiet(), Options{})
	stats, err := ix.Ingest(t.Context(), t.TempDir(), []Input{{FS: fsys}}, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]SkipReason{"noise.txt": SkipBinary, "zeros.html": SkipBinary, "noise.md": SkipBinary}
	if got := skipped(stats); !mapsEqual(got, want) {
		t.Errorf("skipped %v, want %v", got, want)
	}
	if stats.Indexed != 1 {
		t.Errorf("indexed %d, want 1 (wide.txt)", stats.Indexed)
	}
}

// A Markdown footnote is text like any other: its citations are tagged.
func TestMarkdownFootnoteTagged(t *testing.T) {
	md := "# Brief\n\nThe First Circuit held the claims barred.[^1]\n\n" +
		"[^1]: Jane Doe No. 1 v. Backpage.com, LLC, 817 F.3d 12, 22 (1st Cir. 2016) (47 U.S.C. § 230).\n"
	src := corpus.Source{ID: corpus.SourceID("brief.md"), Path: "brief.md", Format: corpus.FormatMarkdown}
	doc, err := New(quiet(), Options{}).Prepare(t.Context(), src, []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(doc.Statutes, "47 U.S.C. § 230") {
		t.Errorf("statutes %v lack 47 U.S.C. § 230", doc.Statutes)
	}
	if !slices.Contains(doc.Citations, "817 F.3d 12") {
		t.Errorf("citations %v lack 817 F.3d 12", doc.Citations)
	}
}
