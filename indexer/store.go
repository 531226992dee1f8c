package indexer

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolterrors "go.etcd.io/bbolt/errors"

	"lexsearch/corpus"
)

// Paths inside a data directory (see the package doc).
const (
	IndexDir     = "index"
	OriginalsDir = "originals"
	TextDir      = "text"
)

// ErrIndexInUse reports that another process holds the index open.
var ErrIndexInUse = errors.New("index is in use by another process (a running `lexsearch serve`?); stop it or use another -data directory")

// ErrNoIndex reports a data directory without an index.
var ErrNoIndex = errors.New("no index in the data directory; run `lexsearch ingest` first")

// openTimeout bounds the wait for bleve's file lock: a second process gets
// ErrIndexInUse instead of hanging forever.
const openTimeout = "2s"

// OpenIndex opens the bleve index at dir for reading and writing. It fails
// with ErrIndexInUse when another process has it open, and with ErrNoIndex
// when there is none.
func OpenIndex(dir string) (bleve.Index, error) {
	registerAnalysis()
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoIndex
	}
	idx, err := bleve.OpenUsing(dir, map[string]any{"bolt_timeout": openTimeout})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, ErrIndexInUse
		}
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return idx, nil
}

// createIndex makes a new, empty index at dir.
func createIndex(dir string) (bleve.Index, error) {
	m, err := Mapping()
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	idx, err := bleve.NewUsing(dir, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore,
		map[string]any{"bolt_timeout": openTimeout})
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	return idx, nil
}

// keep writes the original file and the prepared document into the data
// directory, so the index can be rebuilt without the source folder.
func keep(dataDir string, doc *corpus.Document, data []byte) error {
	orig := filepath.Join(dataDir, OriginalsDir, doc.ID)
	if err := os.MkdirAll(orig, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(orig, path.Base(doc.Source)), data, 0o644); err != nil {
		return err
	}
	js, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	text := filepath.Join(dataDir, TextDir)
	if err := os.MkdirAll(text, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(text, doc.ID+".json"), js, 0o644)
}

// forget removes what keep wrote for a document.
func forget(dataDir, id string) error {
	return errors.Join(
		os.RemoveAll(filepath.Join(dataDir, OriginalsDir, id)),
		os.Remove(filepath.Join(dataDir, TextDir, id+".json")),
	)
}

// indexable is the shape bleve indexes: the fields of the mapping, plus the
// stored metadata and entities that search hands back unchanged.
func indexable(doc *corpus.Document) (map[string]any, error) {
	meta := *doc
	meta.Pages, meta.Entities = nil, nil
	meta.PageNumbers = make([]int, len(doc.Pages))
	for i, p := range doc.Pages {
		meta.PageNumbers[i] = p.Number
	}
	metaJSON, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	entJSON, err := json.Marshal(doc.Entities)
	if err != nil {
		return nil, err
	}
	var bounds corpus.Bounds
	for _, p := range doc.Pages {
		s, para := segment(p.Text)
		bounds.Sentences = append(bounds.Sentences, s)
		bounds.Paragraphs = append(bounds.Paragraphs, para)
	}
	boundsJSON, err := json.Marshal(bounds)
	if err != nil {
		return nil, err
	}
	m := map[string]any{
		corpus.FieldTitle:     doc.Title,
		corpus.FieldBody:      doc.Body(),
		corpus.FieldSource:    doc.Source,
		corpus.FieldType:      doc.Type,
		corpus.FieldStatutes:  doc.Statutes,
		corpus.FieldCitations: doc.Citations,
		corpus.FieldParties:   doc.Parties,
		corpus.FieldJudges:    doc.Judges,
		corpus.FieldMeta:      string(metaJSON),
		corpus.FieldEntities:  string(entJSON),
		corpus.FieldBounds:    string(boundsJSON),
	}
	for field, v := range map[string]string{
		corpus.FieldCourt: doc.Court, corpus.FieldDocket: doc.Docket,
		corpus.FieldYear: doc.Year, corpus.FieldLang: doc.Lang,
	} {
		if v != "" {
			m[field] = v
		}
	}
	if doc.Date != "" {
		t, err := time.Parse(time.DateOnly, doc.Date)
		if err != nil {
			return nil, err
		}
		m[corpus.FieldDate] = t
	}
	return m, nil
}
