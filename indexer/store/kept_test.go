package store

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	kgzip "github.com/klauspost/compress/gzip"
)

// keptTexts are texts of the shapes kept: empty, short, JSON of pages,
// incompressible, and larger than one S2 block (1 MB).
func keptTexts() map[string][]byte {
	rnd := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 70_000)
	for i := range noise {
		noise[i] = byte(rnd.UintN(256))
	}
	var pages strings.Builder
	for i := range 400 {
		fmt.Fprintf(&pages, `{"page":%d,"text":"Plaintiff alleges that defendant violated 18 U.S.C. § 1591 (page %d)."},`, i+1, i+1)
	}
	return map[string][]byte{
		"empty":      {},
		"one byte":   []byte("x"),
		"pages":      []byte(`{"pages":[` + pages.String() + `{}]}`),
		"noise":      noise,
		"three MB":   bytes.Repeat([]byte(pages.String()+string(noise[:5000])), 3<<20/(pages.Len()+5000)+1),
		"gzip magic": []byte("\x1f\x8b but plain text"),
	}
}

// Every text compress writes reads back unchanged, and says it is S2.
func TestCompressRoundTrips(t *testing.T) {
	for name, text := range keptTexts() {
		z, err := compress(text)
		if err != nil {
			t.Fatalf("%s: compress: %v", name, err)
		}
		if !bytes.HasPrefix(z, []byte(s2Magic)) {
			t.Errorf("%s: kept text starts %q, not the S2 stream header", name, z[:min(len(z), 10)])
		}
		got, err := decompress(z)
		if err != nil || !bytes.Equal(got, text) {
			t.Errorf("%s: decompress(compress(%d bytes)) = %d bytes, %v; want the text back", name, len(text), len(got), err)
		}
	}
}

// appendDecompressed appends what decompress returns, into a buffer of
// any size that already holds something, and fails where it fails.
func TestAppendDecompressed(t *testing.T) {
	z, err := compress(keptTexts()["pages"])
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(keptTexts()["pages"])
	zw.Close()
	flipped := bytes.Clone(z)
	flipped[len(flipped)/2] ^= 0x40
	inputs := map[string][]byte{
		"truncated S2": z[:len(z)-7], "plain text": []byte(`{"pages":[]}`), "gzip": gz.Bytes(),
		"a flipped bit": flipped, "header only": []byte(s2Magic), "cut header": []byte(s2Magic + "\x00\x01"),
		"padding chunk":     append([]byte(s2Magic+"\xfe\x02\x00\x00ab"), z[len(s2Magic):]...),
		"unskippable chunk": append([]byte(s2Magic+"\x02\x02\x00\x00ab"), z[len(s2Magic):]...),
		"snappy identifier": append([]byte(s2Magic+"\xff\x06\x00\x00sNaPpY"), z[len(s2Magic):]...),
		"two streams":       append(bytes.Clone(z), z...),
	}
	for name, text := range keptTexts() {
		if inputs[name], err = compress(text); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range inputs {
		want, werr := decompress(data)
		for _, size := range []int{0, 1, 100, 1 << 20} {
			dst := append(make([]byte, 0, size), "before"...)
			got, err := appendDecompressed(dst, data)
			if (err == nil) != (werr == nil) || err == nil && (string(got[:6]) != "before" || !bytes.Equal(got[6:], want)) {
				t.Errorf("%s into %d bytes: %d bytes, %v; decompress gives %d bytes, %v", name, size, len(got), err, len(want), werr)
			}
		}
	}
}

// FuzzAppendDecompressed holds appendS2 to s2.Reader (decompress), the
// oracle: over the stream of any text, and any bytes after S2's header.
func FuzzAppendDecompressed(f *testing.F) {
	z, _ := compress(keptTexts()["pages"])
	f.Add([]byte("some text"), z[len(s2Magic):])
	f.Add([]byte{}, []byte("\x01\x08\x00\x00\x00\x00\x00\x00abcd"))
	f.Fuzz(func(t *testing.T, text, rest []byte) {
		z, err := compress(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, data := range [][]byte{z, append([]byte(s2Magic), rest...)} {
			want, werr := decompress(data)
			got, err := appendDecompressed([]byte("x"), data)
			if (err == nil) != (werr == nil) || err == nil && !bytes.Equal(got[1:], want) {
				t.Fatalf("%q: %q, %v; decompress gives %q, %v", data, got, err, want, werr)
			}
		}
	})
}

// Texts kept by older versions are gzip streams (klauspost's writer at
// its fastest level, as they wrote them, or any other gzip writer):
// they read back unchanged.
func TestDecompressReadsOlderGzipText(t *testing.T) {
	for name, text := range keptTexts() {
		var std, fast bytes.Buffer
		zw := gzip.NewWriter(&std)
		zw.Write(text)
		zw.Close()
		kw, _ := kgzip.NewWriterLevel(&fast, kgzip.BestSpeed)
		kw.Write(text)
		kw.Close()
		for writer, z := range map[string][]byte{"compress/gzip": std.Bytes(), "klauspost gzip": fast.Bytes()} {
			got, err := decompress(z)
			if err != nil || !bytes.Equal(got, text) {
				t.Errorf("%s written by %s: decompress = %d bytes, %v; want the %d bytes back", name, writer, len(got), err, len(text))
			}
		}
	}
}

// Kept text that is damaged or of no known format is an error, never
// a panic or wrong text.
func TestDecompressRejectsDamagedText(t *testing.T) {
	z, err := compress(keptTexts()["pages"])
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(z)
	flipped[len(flipped)/2] ^= 0x40
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(keptTexts()["pages"])
	zw.Close()
	for name, data := range map[string][]byte{
		"empty":          nil,
		"plain text":     []byte(`{"pages":[]}`),
		"truncated S2":   z[:len(z)-7],
		"a flipped bit":  flipped,
		"header only":    []byte(s2Magic[:6]),
		"truncated gzip": gz.Bytes()[:gz.Len()/2],
	} {
		if got, err := decompress(data); err == nil {
			t.Errorf("%s: decompress = %d bytes and no error", name, len(got))
		}
	}
	if _, err := decompress([]byte("plain")); !errors.Is(err, errUnknownCodec) {
		t.Errorf("decompress of plain text: %v, want errUnknownCodec", err)
	}
}

// A data directory whose packs hold gzip text (written by an older
// version) serves that text, and rebuilds its index from it, beside
// documents kept since in S2.
func TestPacksWithGzipTextStayReadable(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, 2)
	b := &Batch{}
	var ids []string
	want := map[string][]byte{}
	for n := range 6 {
		id := addDoc(b, n, "old")
		ids = append(ids, id)
		want[id] = b.adds[len(b.adds)-1].prepared
	}
	if err := s.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Turn the pack into what an older version wrote: each text gzipped,
	// at the end of the pack, and the catalog pointing there.
	cats, _ := filepath.Glob(filepath.Join(dir, "catalog-*.log"))
	cat, err := os.ReadFile(cats[0])
	if err != nil {
		t.Fatal(err)
	}
	packs, _ := filepath.Glob(filepath.Join(dir, PacksDir, "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs %v, want one", packs)
	}
	pack, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		var gz bytes.Buffer
		kw, _ := kgzip.NewWriterLevel(&gz, kgzip.BestSpeed)
		kw.Write(want[id])
		kw.Close()
		rx := regexp.MustCompile(`("id":"` + id + `".*?"po":)\d+(,"pl":)\d+`)
		if !rx.Match(cat) {
			t.Fatalf("no catalog record with po and pl for %s in %s", id, cat)
		}
		cat = rx.ReplaceAll(cat, []byte(fmt.Sprintf("${1}%d${2}%d", len(pack), gz.Len())))
		pack = append(pack, gz.Bytes()...)
	}
	if err := os.WriteFile(cats[0], cat, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(packs[0], pack, 0o644); err != nil {
		t.Fatal(err)
	}

	s = openTest(t, dir, 2)
	defer s.Close()
	nb := &Batch{}
	ids = append(ids, addDoc(nb, 100, "new"))
	want[ids[len(ids)-1]] = nb.adds[0].prepared
	if err := s.Commit(t.Context(), nb); err != nil {
		t.Fatal(err)
	}
	if err := s.Rebuild(t.Context(), 2); err != nil {
		t.Fatalf("rebuild from gzip and S2 texts: %v", err)
	}
	for _, id := range ids {
		got, err := s.Prepared(id)
		if err != nil || !bytes.Equal(got, want[id]) {
			t.Errorf("Prepared(%s) = %q, %v; want %q", id, got, err, want[id])
		}
	}
	if n, _ := s.Index().DocCount(); n != 7 {
		t.Errorf("%d documents indexed after the rebuild, want 7", n)
	}
	if n := searchCount(t, s, "document"); n != 7 {
		t.Errorf("%d documents found after the rebuild, want 7", n)
	}
}

// FuzzDecompress: kept text read back from disk never panics, and
// whatever compress writes reads back unchanged.
func FuzzDecompress(f *testing.F) {
	for _, text := range keptTexts() {
		if len(text) < 10_000 {
			f.Add(text)
			z, _ := compress(text)
			f.Add(z)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decompress(data)
		z, err := compress(data)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := decompress(z); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("decompress(compress(%q)) = %q, %v", data, got, err)
		}
	})
}

// BenchmarkCompress keeps and reads back the prepared text of a typical
// document (about 7 KB of JSON).
func BenchmarkCompress(b *testing.B) {
	var pages strings.Builder
	for i := range 60 {
		fmt.Fprintf(&pages, `{"page":%d,"text":"Plaintiff alleges that defendant %d violated 18 U.S.C. § 1591."},`, i+1, i*7919)
	}
	text := []byte(`{"pages":[` + pages.String() + `{}]}`)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		z, err := compress(text)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := decompress(z); err != nil {
			b.Fatal(err)
		}
	}
}
