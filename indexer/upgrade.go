package indexer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"lexsearch/corpus"
	"lexsearch/indexer/store"
)

// oldLayoutDir is where the parts of a data directory written by a
// lexsearch from before the store (data/index, originals/<id>/<name>,
// text/<id>.json) wait while their documents are imported.
const oldLayoutDir = "old-layout"

// upgrade moves the parts of an old data directory aside, so the store
// can open the directory anew.
func upgrade(dataDir string) error {
	for _, name := range []string{"index", store.OriginalsDir, store.TextDir} {
		from := filepath.Join(dataDir, name)
		if _, err := os.Stat(from); errors.Is(err, os.ErrNotExist) {
			continue
		}
		to := filepath.Join(dataDir, oldLayoutDir, name)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.Rename(from, to); err != nil {
			return fmt.Errorf("move the old layout aside: %w", err)
		}
	}
	return syncDir(dataDir)
}

// importOld ingests the documents of an old layout moved aside by
// upgrade, under the source names they had, then removes it. Run again
// after an interruption, it skips what was imported already.
func (ix *Indexer) importOld(ctx context.Context, s *store.Store) error {
	old := filepath.Join(s.Dir(), oldLayoutDir)
	entries, err := os.ReadDir(filepath.Join(old, store.TextDir))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	in := Input{FS: oldOriginals{filepath.Join(old, store.OriginalsDir)}, Paths: []string{}}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(old, store.TextDir, e.Name()))
		if err != nil {
			return err
		}
		var doc struct {
			Source string `json:"source"`
		}
		if json.Unmarshal(data, &doc) == nil && fs.ValidPath(doc.Source) {
			in.Paths = append(in.Paths, doc.Source)
		}
	}
	slices.Sort(in.Paths)
	stats, err := ix.IngestInto(ctx, s, []Input{in}, Mode{})
	if err != nil {
		return fmt.Errorf("import the documents of the old layout (kept in %s): %w", old, err)
	}
	ix.logger.InfoContext(ctx, "imported the documents of an older data directory",
		"indexed", stats.Indexed+stats.Unchanged+stats.Duplicates, "skipped", len(stats.Skipped))
	return os.RemoveAll(old)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// oldOriginals reads originals/<SourceID(path)>/<base> of the old layout
// under the source path they were ingested as.
type oldOriginals struct{ dir string }

func (o oldOriginals) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return os.Open(filepath.Join(o.dir, corpus.SourceID(name), path.Base(name)))
}
