package indexer

import (
	"math/rand/v2"
	"testing"
	"testing/fstest"
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
