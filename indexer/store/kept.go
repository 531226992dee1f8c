package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Folders of kept files inside a data directory.
const (
	OriginalsDir = "originals" // originals/<id>/<name>
	TextDir      = "text"      // text/<id>.json
)

// A keptFile is one file to write durably.
type keptFile struct {
	path string
	data []byte
}

// writeKept writes files and fsyncs them and their folders before it
// returns. Each file goes through a temporary name, so a torn write is
// never mistaken for a complete one. The fsyncs run a few at a time: one
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
			if err := writeOne(f.path, f.data); err != nil {
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

func writeOne(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
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
		os.Remove(tmp)
		return fmt.Errorf("keep %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

func (s *Store) originalPath(id, name string) string {
	return filepath.Join(s.dir, OriginalsDir, id, safeName(name))
}

func (s *Store) preparedPath(id string) string {
	return filepath.Join(s.dir, TextDir, id+".json")
}

// safeName is the base name of a source, usable as a file name.
func safeName(name string) string {
	b := filepath.Base(filepath.FromSlash(name))
	if b == "." || b == ".." || b == string(filepath.Separator) || b == "" {
		return "original"
	}
	return b
}

// removeKept removes the kept files of a document that is gone.
func (s *Store) removeKept(id string) error {
	return errors.Join(
		os.RemoveAll(filepath.Join(s.dir, OriginalsDir, id)),
		ignoreMissing(os.Remove(s.preparedPath(id))),
	)
}

func ignoreMissing(err error) error {
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
