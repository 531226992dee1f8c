package store

import (
	"encoding/json"
	"errors"
	"fmt"
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

func (p pointer) genDir(dir string) string {
	return filepath.Join(dir, fmt.Sprintf("gen-%06d", p.Generation))
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
	s.linkIndex(p)
	return nil
}

// indexLink is a symbolic link to the current generation, for tools that
// look for a data directory's index at data/index (du, backup scripts,
// benchmark harnesses). lexsearch itself reads CURRENT and never the link.
const indexLink = "index"

// linkIndex points data/index at p's generation: a new link made beside
// it and renamed over it. A link that cannot be made costs nothing but
// the convenience, so it is a warning, never a failed commit.
func (s *Store) linkIndex(p pointer) {
	link := filepath.Join(s.dir, indexLink)
	target := filepath.Base(p.genDir(s.dir))
	if cur, err := os.Readlink(link); err == nil && cur == target {
		return
	}
	tmp := link + ".tmp"
	os.Remove(tmp)
	err := os.Symlink(target, tmp)
	if err == nil {
		err = os.Rename(tmp, link)
	}
	if err != nil {
		os.Remove(tmp)
		s.opts.Logger.Warn("could not point data/index at the current generation", "err", err)
	}
}
