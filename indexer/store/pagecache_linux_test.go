package store

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Reading one byte of a merged segment through a memory map, as a search
// does, maps no more than a 64 KiB folio of it into the process. With
// bleve's 1 MiB merge writes, Linux 6.18 on ext4 mapped the whole MiB
// around the byte, and a served index's resident memory grew with it.
// (On kernels or file systems that cache files in small pages, the test
// holds with or without mergeWriteBytes.)
func TestMergedSegmentReadMapsLittle(t *testing.T) {
	dir := t.TempDir()
	// The body is indexed with its positions and not stored, as
	// lexsearch's is: the file is postings, which bleve's merge writes
	// through its buffer. (It copies a segment's stored fields in one
	// write whatever the buffer.)
	postingsOnly := func() (mapping.IndexMapping, error) {
		m := bleve.NewIndexMapping()
		doc := bleve.NewDocumentStaticMapping()
		body := bleve.NewTextFieldMapping()
		body.Store = false
		doc.AddFieldMappingsAt("body", body)
		m.DefaultMapping = doc
		return m, nil
	}
	s, err := Open(t.Context(), dir, Options{Command: "lexsearch test", Shards: 1, Bulk: true, Mapping: postingsOnly, Fields: testFields})
	if err != nil {
		t.Fatal(err)
	}
	words := make([]string, 20000)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range words {
		words[i] = fmt.Sprintf("w%x", r.Uint64()&0xffffff)
	}
	for batch := range 4 {
		b := &Batch{}
		for n := batch * 80; n < (batch+1)*80; n++ {
			var body strings.Builder
			for range 400 {
				body.WriteString(words[r.IntN(len(words))])
				body.WriteByte(' ')
			}
			id := fmt.Sprintf("%016x", n)
			fields := map[string]any{"body": body.String()}
			b.Add(id, id+"sha", id+".txt", "/src/"+id+".txt", []byte("original"), []byte(`{}`), fields)
		}
		if err := s.Commit(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Consolidate(t.Context()); err != nil {
		t.Fatal(err)
	}
	segs := segments(t, s)
	if len(segs) != 1 {
		t.Fatalf("%d segments after Consolidate, want 1", len(segs))
	}
	var id uint64
	for k := range segs {
		id = k
	}
	path := filepath.Join(s.cur.shardDir(dir, 0), "store", fmt.Sprintf("%012x.zap", id))
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	const mib = 1 << 20
	if fi.Size() < 3*mib {
		t.Fatalf("merged segment is %d bytes, want 3 MiB or more to tell folios apart", fi.Size())
	}
	t.Logf("merged segment: %d bytes", fi.Size())
	m, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(m)
	readByte = m[len(m)/2/mib*mib+mib/2] // the middle of the file's middle MiB

	mapped, err := mappedPages(m)
	if err != nil {
		t.Skipf("cannot read /proc/self/pagemap: %v", err)
	}
	if mapped == 0 {
		t.Fatal("pagemap shows no page of the mapping present after reading one")
	}
	if mapped > 16 {
		t.Errorf("reading one byte mapped %d pages (%d KiB) of the merged segment, want at most 64 KiB", mapped, mapped*4)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// readByte keeps the test's read of the mapping from being left out.
var readByte byte

// mappedPages counts the pages of m that are present in the process's
// page table.
func mappedPages(m []byte) (int, error) {
	pm, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return 0, err
	}
	defer pm.Close()
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(&m[0]))
	n := (uintptr(len(m)) + page - 1) / page
	buf := make([]byte, 8*n)
	if _, err := pm.ReadAt(buf, int64(start/page*8)); err != nil {
		return 0, err
	}
	present := 0
	for i := range n {
		if binary.LittleEndian.Uint64(buf[8*i:])>>63 == 1 {
			present++
		}
	}
	return present, nil
}
