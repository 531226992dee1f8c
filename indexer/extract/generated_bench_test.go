package extract

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lexsearch/internal/cputime"
)

// BenchmarkExtractGenerated extracts every document of a corpus written by
// `lexsearch gen` (the documents ingest sees in the benchmark), one
// sub-benchmark per format; one op is one pass over that format's files, so
// ns/op divided by the file count is the extraction cost per document. The
// corpus is not committed (it is generated): cpu-ns/doc is the process's
// CPU time per document, garbage collection included, the figure to compare
// on a busy machine (run with -cpu 1). Point LEXSEARCH_BENCH_DOCS at
// its docs directory, e.g. after `lexsearch gen -docs 3000 -seed 1 -out /tmp/c`.
func BenchmarkExtractGenerated(b *testing.B) {
	dir := os.Getenv("LEXSEARCH_BENCH_DOCS")
	if dir == "" {
		b.Skip("LEXSEARCH_BENCH_DOCS is unset: set it to the docs directory of a `lexsearch gen` corpus")
	}
	byFormat := map[string][][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		format := map[string]string{".html": "html", ".txt": "text", ".md": "markdown", ".pdf": "pdf"}[strings.ToLower(filepath.Ext(p))]
		if format == "" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		byFormat[format] = append(byFormat[format], data)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"text", "html", "markdown", "pdf"} {
		docs := byFormat[format]
		if len(docs) == 0 {
			continue
		}
		b.Run(format, func(b *testing.B) {
			ex, err := ForFormat(format, Options{OCR: OCRNever})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			cpu0, cpuOK := cputime.Process()
			for b.Loop() {
				for _, data := range docs {
					if _, err := ex.Extract(ctx, bytes.NewReader(data)); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
			if cpu1, ok := cputime.Process(); ok && cpuOK {
				// CPU time, GC included: comparable across runs on a
				// shared machine, where ns/doc is not (use -cpu 1).
				b.ReportMetric(float64((cpu1-cpu0).Nanoseconds())/float64(b.N*len(docs)), "cpu-ns/doc")
			}
		})
	}
}
