package indexer

import (
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
)

// Kept returns an Input of every file kept in dataDir, under the source
// paths it was first ingested as, so Ingest with Mode{Rebuild: true} can
// rebuild the index (after a mapping or tagger change, say) without the
// original folders. The prepared documents in data/text name the paths.
func Kept(dataDir string) (Input, error) {
	entries, err := os.ReadDir(filepath.Join(dataDir, TextDir))
	if errors.Is(err, os.ErrNotExist) {
		return Input{}, fmt.Errorf("nothing kept in %s to rebuild from: %w", dataDir, ErrNoIndex)
	}
	if err != nil {
		return Input{}, err
	}
	in := Input{FS: keptFS{filepath.Join(dataDir, OriginalsDir)}, Paths: []string{}}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dataDir, TextDir, e.Name()))
		if err != nil {
			return Input{}, err
		}
		var doc struct {
			Source string `json:"source"`
		}
		if err := json.Unmarshal(data, &doc); err != nil || doc.Source == "" {
			return Input{}, fmt.Errorf("kept document %s names no source: %v", e.Name(), err)
		}
		in.Paths = append(in.Paths, doc.Source)
	}
	slices.Sort(in.Paths)
	return in, nil
}

// keptFS presents data/originals/<id>/<name> as the source path the file
// was ingested under, the path its id is derived from.
type keptFS struct{ dir string }

func (k keptFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return os.Open(filepath.Join(k.dir, corpus.SourceID(name), path.Base(name)))
}

// forgetOthers removes what keep wrote for every document not in ids: after
// a rebuild, the data directory holds exactly what the index does.
func forgetOthers(dataDir string, ids map[string]bool) error {
	entries, err := os.ReadDir(filepath.Join(dataDir, TextDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if ok && !ids[id] {
			errs = append(errs, forget(dataDir, id))
		}
	}
	return errors.Join(errs...)
}
