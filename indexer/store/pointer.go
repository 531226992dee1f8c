package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// pointerFile is the commit point of a data directory.
const pointerFile = "CURRENT"

// formatVersion is the layout version CURRENT declares.
const formatVersion = 1

// A pointer is the content of CURRENT: which generation of the index is
// live, with how many shards, and which catalog goes with it.
type pointer struct {
	Format     int `json:"format"`
	Generation int `json:"generation"`
	Shards     int `json:"shards"`
	// Compacted counts the compactions of the generation's catalog (see
	// Store.compact); each has its own file.
	Compacted int `json:"compacted,omitempty"`
}

// IndexDir holds the index's generations: data/index/gen-N/shard-I. It is
// a real folder, so `du -sh data/index` is the index's size on disk.
const IndexDir = "index"

func (p pointer) genName() string { return fmt.Sprintf("gen-%06d", p.Generation) }

func (p pointer) genDir(dir string) string {
	return filepath.Join(dir, IndexDir, p.genName())
}

func (p pointer) shardDir(dir string, i int) string {
	return filepath.Join(p.genDir(dir), fmt.Sprintf("shard-%03d", i))
}

func (p pointer) catalogPath(dir string) string {
	if p.Compacted > 0 {
		return filepath.Join(dir, fmt.Sprintf("catalog-%06d-%03d.log", p.Generation, p.Compacted))
	}
	return filepath.Join(dir, fmt.Sprintf("catalog-%06d.log", p.Generation))
}

// readPointer reads CURRENT; ok is false when there is none.
func readPointer(dir string) (p pointer, ok bool, err error) {
	data, err := os.ReadFile(filepath.Join(dir, pointerFile))
	if errors.Is(err, os.ErrNotExist) {
		return p, false, nil
	}
	if err != nil {
		return p, false, err
	}
	if err := json.Unmarshal(data, &p); err != nil {
		return p, false, fmt.Errorf("%s is damaged: %w", pointerFile, err)
	}
	if p.Format != formatVersion || p.Generation <= 0 || p.Shards <= 0 {
		return p, false, fmt.Errorf("%s names format %d, generation %d, %d shards: not a layout this lexsearch reads",
			pointerFile, p.Format, p.Generation, p.Shards)
	}
	return p, true, nil
}

// writePointer commits p: one atomic rename of a fsynced file, then a
// fsync of the directory.
func (s *Store) writePointer(p pointer) error {
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	s.fault("pointer-before")
	if err := writeFileSync(filepath.Join(s.dir, pointerFile), append(data, '\n')); err != nil {
		return fmt.Errorf("commit %s: %w", pointerFile, err)
	}
	s.fault("pointer-after")
	return nil
}

// Before IndexDir was a folder, a data directory kept its generations
// beside CURRENT (data/gen-N) with data/index a symbolic link to the live
// one, which du does not follow. dropIndexLink and moveIntoIndexDir turn
// such a directory into today's layout when it is opened: the link goes
// (lexsearch never read it), and the live generation is renamed into the
// folder. Each step is one removal or rename, so a crash between them
// leaves a directory they finish on the next open.
func (s *Store) dropIndexLink() error {
	link := filepath.Join(s.dir, IndexDir)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return nil
	}
	if err := os.Remove(link); err != nil {
		return fmt.Errorf("remove the data/index link of an older layout: %w", err)
	}
	return nil
}

// moveIntoIndexDir moves p's generation from beside CURRENT into
// IndexDir, if it is there (see dropIndexLink).
func (s *Store) moveIntoIndexDir(p pointer) error {
	from, to := filepath.Join(s.dir, p.genName()), p.genDir(s.dir)
	if _, err := os.Stat(from); err != nil {
		return nil // nothing to move
	}
	if _, err := os.Stat(to); err == nil {
		return nil // moved already: what is left beside CURRENT is stray
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("move %s into %s/: %w", p.genName(), IndexDir, err)
	}
	s.opts.Logger.Info("moved the index into data/index/", "generation", p.genName())
	if err := syncDir(filepath.Dir(to)); err != nil {
		return err
	}
	return syncDir(s.dir)
}
