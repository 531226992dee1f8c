package store

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/s2"
)

// PacksDir holds the kept originals and prepared text: one pack file per
// commit, each document's original and compressed prepared text (see
// compress) one after the other, found through the catalog. A file per document cost two
// fsyncs (and two inodes) per document: a tenth of ingest's CPU at 2,000
// documents, and millions of files at a million; a pack costs one fsync
// per batch. A pack is removed once no document in it is left; until
// then a deleted document's bytes stay in it (a rebuild does not compact).
const PacksDir = "packs"

// Folders of an older layout (a file per document), moved aside by
// Options.MoveOldLayout.
const (
	OriginalsDir = "originals"
	TextDir      = "text"
)

// A loc is where a document's kept bytes are in a pack.
type loc struct {
	Pack string `json:"pk,omitempty"`
	OOff int64  `json:"oo,omitempty"`
	OLen int64  `json:"ol,omitempty"`
	POff int64  `json:"po,omitempty"`
	PLen int64  `json:"pl,omitempty"`
}

// A packDoc is one new document's kept bytes.
type packDoc struct {
	id                 string
	original, prepared []byte
}

// writePack writes docs into a new pack, fsynced with its folder, and
// returns where each document's bytes are. The prepared texts are
// compressed a few at a time first.
func (s *Store) writePack(name string, docs []packDoc) (map[string]loc, error) {
	zipped := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, d := range docs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			zipped[i], errs[i] = compress(d.prepared)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	size := 0
	for i, d := range docs {
		size += len(d.original) + len(zipped[i])
	}
	var buf bytes.Buffer
	buf.Grow(size) // one allocation, not a copy of the pack at every doubling
	locs := make(map[string]loc, len(docs))
	for i, d := range docs {
		l := loc{Pack: name, OOff: int64(buf.Len()), OLen: int64(len(d.original))}
		buf.Write(d.original)
		l.POff, l.PLen = int64(buf.Len()), int64(len(zipped[i]))
		buf.Write(zipped[i])
		locs[d.id] = l
	}
	dir := filepath.Join(s.dir, PacksDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// Written in place: the catalog names a pack only once it is complete
	// and fsynced, so a torn one is never read, and a retry overwrites it.
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	_, err = f.Write(buf.Bytes())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		return nil, fmt.Errorf("keep documents in %s: %w", name, err)
	}
	return locs, nil
}

// readKept reads n bytes at off of a pack.
func (s *Store) readKept(pack string, off, n int64) ([]byte, error) {
	return s.readKeptInto(nil, pack, off, n)
}

// readKeptInto reads n bytes at off of a pack into buf (from its start,
// its capacity reused) and returns them.
func (s *Store) readKeptInto(buf []byte, pack string, off, n int64) ([]byte, error) {
	f, err := os.Open(filepath.Join(s.dir, PacksDir, pack))
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	buf = slices.Grow(buf[:0], int(n))[:n]
	if _, err := f.ReadAt(buf, off); err != nil {
		return buf[:0], fmt.Errorf("read %s: %w", pack, err)
	}
	return buf, nil
}

// removePacks removes the packs no document is left in: those the
// catalog does not name. A crash can leave such packs (written, never
// committed; or emptied, not yet removed); Open calls it too.
func (s *Store) removePacks() error {
	entries, err := os.ReadDir(filepath.Join(s.dir, PacksDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	s.stateM.RLock()
	live := make(map[string]bool, len(s.cat.packs))
	for p := range s.cat.packs {
		live[p] = true
	}
	s.stateM.RUnlock()
	var errs []error
	for _, e := range entries {
		if !live[e.Name()] {
			errs = append(errs, ignoreMissing(os.Remove(filepath.Join(s.dir, PacksDir, e.Name()))))
		}
	}
	return errors.Join(errs...)
}

// validID reports whether id has the shape of a document id: 16 lower-case
// hex digits.
func validID(id string) bool {
	if len(id) != 16 {
		return false
	}
	for _, c := range id {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Kept prepared text is an S2 stream (github.com/klauspost/compress/s2,
// the stream format, whose chunks carry a CRC like gzip's): at 100,000
// generated documents, gzip at its fastest level took 6.3 s of ingest's
// CPU, and S2 compresses the same text about four times faster and
// decompresses it several times faster (a rebuild reads every text), for
// texts about 40% larger than gzip's (JSON of pages and mentions: half
// its size, gzip a third). Packs written by older versions hold gzip,
// told apart by the first bytes of each text and read as before.
const s2Magic = "\xff\x06\x00\x00S2sTwO"

// gzipMagic starts every gzip stream (RFC 1952).
const gzipMagic = "\x1f\x8b"

// s2Writers holds S2 writers for reuse: each holds a block buffer.
var s2Writers = sync.Pool{New: func() any {
	return s2.NewWriter(nil, s2.WriterConcurrency(1))
}}

// s2Readers holds S2 readers for reuse: each allocates a block buffer.
var s2Readers = sync.Pool{New: func() any { return s2.NewReader(nil) }}

func compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	zw := s2Writers.Get().(*s2.Writer)
	defer s2Writers.Put(zw)
	zw.Reset(&buf)
	// The stream header first even for an empty text, so every kept
	// text says what it is.
	if err := zw.Flush(); err != nil {
		return nil, err
	}
	if err := zw.EncodeBuffer(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// errUnknownCodec reports kept text that is neither S2 nor gzip.
var errUnknownCodec = errors.New("kept text is neither an S2 nor a gzip stream")

// appendDecompressed appends what decompress returns to dst. An S2
// stream is decoded chunk by chunk straight into dst (appendS2): an
// s2.Reader holds over a megabyte of buffers, and a server reading hits'
// texts at once kept one per search in flight.
func appendDecompressed(dst, data []byte) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte(s2Magic)) {
		out, err := decompress(data)
		return append(dst, out...), err
	}
	return appendS2(dst, data)
}

// S2's stream format (that of Snappy's framing, github.com/google/snappy
// framing_format.txt): chunks of a type byte and a 3-byte length; a
// block's chunk starts with the masked CRC-32C of its text.
const (
	s2Compressed   = 0x00
	s2Uncompressed = 0x01
	s2Identifier   = 0xff
	s2MaxBlock     = 4 << 20 // the largest block an S2 stream has
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// appendS2 appends the text of the S2 stream data to dst, checking each
// block's checksum, as s2.Reader reads it (TestAppendDecompressed,
// FuzzAppendDecompressed).
func appendS2(dst, data []byte) ([]byte, error) {
	for len(data) > 0 {
		if len(data) < 4 {
			return dst, io.ErrUnexpectedEOF
		}
		typ, n := data[0], int(data[1])|int(data[2])<<8|int(data[3])<<16
		if n > len(data)-4 {
			return dst, io.ErrUnexpectedEOF
		}
		body := data[4 : 4+n]
		data = data[4+n:]
		switch {
		case typ == s2Identifier:
			if string(body) != s2Magic[4:] && string(body) != "sNaPpY" {
				return dst, s2.ErrCorrupt
			}
			continue
		case typ > 0x7f: // padding and skippable chunks
			continue
		case typ != s2Compressed && typ != s2Uncompressed:
			return dst, s2.ErrUnsupported
		}
		if len(body) < 4 {
			return dst, s2.ErrCorrupt
		}
		sum := binary.LittleEndian.Uint32(body)
		body = body[4:]
		start := len(dst)
		if typ == s2Uncompressed {
			if len(body) > s2MaxBlock {
				return dst[:start], s2.ErrCorrupt
			}
			dst = append(dst, body...)
		} else {
			m, err := s2.DecodedLen(body)
			if err != nil {
				return dst, err
			}
			if m > s2MaxBlock {
				return dst, s2.ErrCorrupt
			}
			dst = slices.Grow(dst, m)[:start+m]
			if _, err := s2.Decode(dst[start:], body); err != nil {
				return dst[:start], err
			}
		}
		c := crc32.Update(0, castagnoli, dst[start:])
		if c>>15|c<<17+0xa282ead8 != sum {
			return dst[:start], s2.ErrCRC
		}
	}
	return dst, nil
}

// decompress reads kept text written by compress, or gzip from a pack of
// an older version.
func decompress(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte(s2Magic)):
		zr := s2Readers.Get().(*s2.Reader)
		defer s2Readers.Put(zr)
		zr.Reset(bytes.NewReader(data))
		var out bytes.Buffer
		out.Grow(2 * len(data))
		if _, err := out.ReadFrom(zr); err != nil {
			return nil, err
		}
		return out.Bytes(), nil
	case bytes.HasPrefix(data, []byte(gzipMagic)):
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	}
	return nil, errUnknownCodec
}

func ignoreMissing(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// originalsFS serves kept originals as <id>/<name>, the shape the API
// asks for; the name is not part of the file's identity and is ignored.
type originalsFS struct{ s *Store }

func (o originalsFS) Open(name string) (fs.File, error) {
	id, _, _ := strings.Cut(name, "/")
	e, ok := o.s.Entry(id)
	if !fs.ValidPath(name) || !validID(id) || !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	f, err := os.Open(filepath.Join(o.s.dir, PacksDir, e.loc.Pack))
	if err != nil {
		return nil, err
	}
	return &keptFile{f: f, r: io.NewSectionReader(f, e.loc.OOff, e.loc.OLen), name: e.Name}, nil
}

// keptFile is an original, read from its pack.
type keptFile struct {
	f    *os.File
	r    *io.SectionReader
	name string
}

func (k *keptFile) Read(p []byte) (int, error) { return k.r.Read(p) }
func (k *keptFile) Close() error               { return k.f.Close() }
func (k *keptFile) Stat() (fs.FileInfo, error) { return keptInfo{k}, nil }

type keptInfo struct{ k *keptFile }

func (i keptInfo) Name() string       { return i.k.name }
func (i keptInfo) Size() int64        { return i.k.r.Size() }
func (i keptInfo) Mode() fs.FileMode  { return 0o444 }
func (i keptInfo) ModTime() time.Time { return time.Time{} }
func (i keptInfo) IsDir() bool        { return false }
func (i keptInfo) Sys() any           { return nil }
