package store

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Folders of kept files inside a data directory. Files fan out by the
// first two hex digits of their id, 256 folders, so no folder grows to a
// million names; a folder per document would cost a directory block each.
const (
	OriginalsDir = "originals" // originals/ab/<id>: the bytes as ingested
	TextDir      = "text"      // text/ab/<id>.json.gz: the prepared document
)

// A keptFile is one file to write durably.
type keptFile struct {
	path string
	data []byte
	gzip bool // compress data first
}

// writeKept writes files and fsyncs them and their folders before it
// returns. The fsyncs run a few at a time: one
// fsync per file is the cost of durability, and overlapping them lets the
// file system commit its journal once for several.
func writeKept(files []keptFile) error {
	dirs := map[string]bool{}
	for _, f := range files {
		dirs[filepath.Dir(f.path)] = true
		dirs[filepath.Dir(filepath.Dir(f.path))] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		sem  = make(chan struct{}, 8)
	)
	for _, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			data, err := f.data, error(nil)
			if f.gzip {
				data, err = compress(data)
			}
			if err == nil {
				err = writeOne(f.path, data)
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// writeOne writes and fsyncs one kept file. It writes in place, without
// a temporary name and a rename (a syscall and a directory update per
// file, a tenth of ingest's CPU with the rest): a kept file is named by
// the catalog only once it is complete and fsynced, so a torn one is never
// read, and the retry that follows a crash overwrites it.
func writeOne(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("keep %s: %w", path, err)
	}
	return nil
}

func (s *Store) originalPath(id string) string {
	return filepath.Join(s.dir, OriginalsDir, id[:2], id)
}

func (s *Store) preparedPath(id string) string {
	return filepath.Join(s.dir, TextDir, id[:2], id+".json.gz")
}

// validID reports whether id has the shape of a document id: 16 lower-case
// hex digits. Ids name files, so nothing else may reach a path.
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

// compress gzips prepared text: JSON of pages and mentions shrinks about
// fourfold, for a fraction of a millisecond per document.
func compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func decompress(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// removeKept removes the kept files of a document that is gone.
func (s *Store) removeKept(id string) error {
	return errors.Join(
		ignoreMissing(os.Remove(s.originalPath(id))),
		ignoreMissing(os.Remove(s.preparedPath(id))),
	)
}

// originalsFS serves kept originals as <id>/<name>, the shape the API
// asks for; the name is not part of the file's identity and is ignored.
type originalsFS struct{ s *Store }

func (o originalsFS) Open(name string) (fs.File, error) {
	id, _, _ := strings.Cut(name, "/")
	if !fs.ValidPath(name) || !validID(id) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if _, ok := o.s.Entry(id); !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return os.Open(o.s.originalPath(id))
}

func ignoreMissing(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
