package indexer

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
	"lexsearch/internal/cputime"
)

// corpusDocs prepares every file under LEXSEARCH_BENCH_DOCS (a folder of
// documents, such as a `lexsearch gen` corpus's docs or a slice of
// another collection) as ingest would, once per process, and returns
// what is indexed of each; it skips the benchmark when the variable is
// unset.
func corpusDocs(b *testing.B) []*bleveDoc {
	if os.Getenv("LEXSEARCH_BENCH_DOCS") == "" {
		b.Skip("LEXSEARCH_BENCH_DOCS is unset: set it to a folder of documents to ingest")
	}
	docs, err := preparedDocs()
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// preparedDocs is corpusDocs' work, done once: -count repeats the
// benchmark, not the preparing.
var preparedDocs = sync.OnceValues(func() ([]*bleveDoc, error) {
	return prepareDir(os.Getenv("LEXSEARCH_BENCH_DOCS"))
})

func prepareDir(dir string) ([]*bleveDoc, error) {
	ix := New(quiet(), Options{})
	var docs []*bleveDoc
	err := eachFile(dir, func(src corpus.Source, data []byte) error {
		doc, err := ix.Prepare(context.Background(), src, data)
		if err != nil {
			return nil // skipped at ingest too
		}
		bd, err := ix.indexable(doc)
		if err != nil {
			return err
		}
		docs = append(docs, bd)
		return nil
	})
	if err == nil && len(docs) == 0 {
		err = fmt.Errorf("no document prepared from %s", dir)
	}
	return docs, err
}

// analyzeLikeScorch analyses the fields of a built document as scorch's
// analysis workers do, composite fields included.
func analyzeLikeScorch(d *document.Document) {
	d.VisitFields(func(f index.Field) {
		if !f.Options().IsIndexed() {
			return
		}
		f.Analyze()
		if d.HasComposite() && f.Name() != "_id" {
			d.VisitComposite(func(cf index.CompositeField) {
				cf.Compose(f.Name(), f.AnalyzedLength(), f.AnalyzedTokenFrequencies())
			})
		}
	})
}

// BenchmarkAnalyzeCorpus measures, per document of the folder named by
// LEXSEARCH_BENCH_DOCS (prepared outside the loop), what ingest spends
// after Prepare: "analyze" builds each bleve document and analyses its
// fields; "segment" writes them all into an in-memory index in batches
// of 400 (about the documents of one shard's batch at ingest), which is
// analysis and building the segments. Compare cpu-ns/doc (the
// process's CPU time, garbage collection included) with -cpu 1.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	docs := corpusDocs(b)
	// perDoc reports the wall and the CPU time per document since cpu0.
	perDoc := func(b *testing.B, cpu0 time.Duration) {
		n := float64(b.N * len(docs))
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/doc")
		if cpu1, ok := cputime.Process(); ok {
			b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/n, "cpu-ns/doc")
		}
	}
	b.Run("analyze", func(b *testing.B) {
		b.ReportAllocs()
		cpu0, _ := cputime.Process()
		for b.Loop() {
			for i, d := range docs {
				analyzeLikeScorch(d.Document(strconv.Itoa(i)))
			}
		}
		perDoc(b, cpu0)
	})
	b.Run("segment", func(b *testing.B) {
		m, err := Mapping()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		cpu0, _ := cputime.Process()
		for b.Loop() {
			idx, err := memScorch(m)
			if err != nil {
				b.Fatal(err)
			}
			for from := 0; from < len(docs); from += 400 {
				batch := idx.NewBatch()
				for i, d := range docs[from:min(from+400, len(docs))] {
					if err := batch.IndexAdvanced(d.Document(strconv.Itoa(from + i))); err != nil {
						b.Fatal(err)
					}
				}
				if err := idx.Batch(batch); err != nil {
					b.Fatal(err)
				}
			}
			idx.Close()
		}
		perDoc(b, cpu0)
	})
}
