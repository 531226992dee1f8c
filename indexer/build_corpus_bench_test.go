package indexer

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"lexsearch/corpus"
	"lexsearch/internal/cputime"
)

// extractedCorpus extracts every file under LEXSEARCH_BENCH_DOCS once
// per process (files ingest would skip are left out, and the tables
// Build uses are built), for
// BenchmarkBuildCorpus.
var extractedCorpus = sync.OnceValues(func() ([]builtInput, error) {
	ix := New(quiet(), Options{})
	var docs []builtInput
	err := eachFile(os.Getenv("LEXSEARCH_BENCH_DOCS"), func(src corpus.Source, data []byte) error {
		res, format, err := ix.Extract(context.Background(), src, data)
		if err != nil {
			return nil
		}
		if _, err := ix.Build(src, format, res); err != nil {
			return nil // skipped at ingest too
		}
		docs = append(docs, builtInput{src: src, format: format, res: res})
		return nil
	})
	return docs, err
})

// eachFile calls fn with every file under dir, read, as ingest would
// name it.
func eachFile(dir string, fn func(src corpus.Source, data []byte) error) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		id, _ := ContentID(data)
		return fn(corpus.Source{ID: id, Path: p, Format: corpus.FormatOf(p)}, data)
	})
}

// BenchmarkBuildCorpus is BenchmarkBuild over the documents of the folder
// named by LEXSEARCH_BENCH_DOCS (a lexperf slice, a `lexsearch gen`
// corpus's docs), extracted outside the loop: tagging, folding the
// mentions, classifying and titling, per document. Compare cpu-ns/doc
// (the process's CPU time, garbage collection included) with -cpu 1,
// which a busy machine inflates far less than ns/op.
func BenchmarkBuildCorpus(b *testing.B) {
	if os.Getenv("LEXSEARCH_BENCH_DOCS") == "" {
		b.Skip("LEXSEARCH_BENCH_DOCS is unset: set it to a folder of documents")
	}
	docs, err := extractedCorpus()
	if err != nil {
		b.Fatal(err)
	}
	if len(docs) == 0 {
		b.Fatal("no document extracted from LEXSEARCH_BENCH_DOCS")
	}
	ix := New(quiet(), Options{})
	b.ReportAllocs()
	cpu0, _ := cputime.Process()
	i := 0
	for b.Loop() {
		in := docs[i%len(docs)]
		if _, err := ix.Build(in.src, in.format, in.res); err != nil {
			b.Fatalf("%s: %v", in.src.Path, err)
		}
		i++
	}
	if cpu1, ok := cputime.Process(); ok {
		b.ReportMetric(float64((cpu1-cpu0)/time.Nanosecond)/float64(b.N), "cpu-ns/doc")
	}
}
