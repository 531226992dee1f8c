package search_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/search"
)

// benchDocs is the size of the generated index the query benchmarks use:
// large enough that counting facets over a common word's matches costs
// what it costs at scale, small enough to build in seconds.
const benchDocs = 5000

var (
	benchOnce  sync.Once
	benchIdx   *search.Index
	benchBleve bleve.Index
	benchDir   string // removed by TestMain
	benchDone  func() error
)

// benchIndex builds the generated index once per benchmark binary run, in
// a directory of its own: b.TempDir would be removed when the first
// benchmark that asked for it ends.
func benchIndex(b *testing.B) *search.Index {
	benchOnce.Do(func() {
		var err error
		if benchDir, err = os.MkdirTemp("", "lexsearch-bench-"); err != nil {
			b.Fatal(err)
		}
		m, err := indexer.Mapping()
		if err != nil {
			b.Fatal(err)
		}
		bidx, err := bleve.New(filepath.Join(benchDir, "index"), m)
		if err != nil {
			b.Fatal(err)
		}
		benchDone = bidx.Close
		r := rand.New(rand.NewPCG(3, 5))
		var docs []*corpus.Document
		for i := range benchDocs {
			docs = append(docs, genDoc(r, i, 2, 250))
		}
		addDocs(b, bidx, docs)
		settle(b, bidx)
		benchBleve = bidx
		benchIdx = newSearch(b, bidx)
	})
	if benchIdx == nil {
		b.Fatal("no benchmark index")
	}
	return benchIdx
}

// settle waits until bleve's background merges stop changing the number
// of segments (or 30 s pass), so they do not run during the timings.
func settle(b *testing.B, bidx bleve.Index) {
	segments := func() int {
		adv, err := bidx.Advanced()
		if err != nil {
			b.Fatal(err)
		}
		r, err := adv.Reader()
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		if snap, ok := r.(*scorch.IndexSnapshot); ok {
			return len(snap.Segments())
		}
		return 0
	}
	last, stable := segments(), 0
	for deadline := time.Now().Add(30 * time.Second); stable < 5 && time.Now().Before(deadline); {
		time.Sleep(200 * time.Millisecond)
		if n := segments(); n == last {
			stable++
		} else {
			last, stable = n, 0
		}
	}
}

// cpuTime returns the CPU time the process has used. On a machine shared
// with other work, CPU per search is a steadier measure than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU milliseconds per search since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// benchClasses mirrors the classes of the lexperf query mix, each with
// the six facets the mix asks for.
// Words are picked by their rank in genVocab: about 46% of documents
// have word 100, 25% word 200, 20% word 250, 15% word 300.
var benchClasses = []struct {
	name string
	req  search.Request
}{
	{"rare", search.Request{Q: "xylograph"}},
	{"common", search.Request{Q: genVocab[100]}},
	{"and", search.Request{Q: genVocab[200] + " " + genVocab[210]}},
	{"phrase", search.Request{Q: `"interactive computer"`}},
	{"statute", search.Request{Statutes: []string{"18 U.S.C. § 1595"}, Sort: search.SortDateDesc}},
	{"court_word", search.Request{Courts: []string{"ilnd"}, Q: genVocab[250]}},
	{"prox", search.Request{Q: genVocab[300] + " w/5 " + genVocab[310]}},
	// Two of the most frequent words, near each other in most documents:
	// the proximity check runs on nearly every document (the 100k mix's
	// "court w/5 dismiss").
	{"prox_common", search.Request{Q: genWords[0] + " w/5 " + genWords[1]}},
	{"phrase_common", search.Request{Q: `"` + genWords[0] + " " + genWords[1] + `"`}},
	{"prefix", search.Request{Q: "advert*"}},
}

var benchFacets = []string{corpus.FieldStatutes, corpus.FieldCourt, corpus.FieldParties, corpus.FieldJudges, corpus.FieldType, corpus.FieldYear}

// BenchmarkQueryClasses times one search of each class, with top 10 and
// exact counts for six facets, on a generated index.
func BenchmarkQueryClasses(b *testing.B) {
	idx := benchIndex(b)
	for _, c := range benchClasses {
		req := c.req
		req.Facets, req.FacetSize = benchFacets, 10
		b.Run(c.name, func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				if _, err := idx.Search(b.Context(), req); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
		})
	}
}

// BenchmarkQueryClassesServed times the classes as the server runs them:
// with phrase and proximity decisions remembered (the server's default
// check cache) and each search asked again, as the query mix does after
// its warm-up pass.
func BenchmarkQueryClassesServed(b *testing.B) {
	benchIndex(b)
	idx := newSearch(b, benchBleve)
	idx.CacheChecks(32 << 20)
	for _, c := range benchClasses {
		req := c.req
		req.Facets, req.FacetSize = benchFacets, 10
		b.Run(c.name, func(b *testing.B) {
			if _, err := idx.Search(b.Context(), req); err != nil { // decide once, as the warm-up pass does
				b.Fatal(err)
			}
			start := cpuTime()
			for b.Loop() {
				if _, err := idx.Search(b.Context(), req); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
		})
	}
}

// BenchmarkBleveFacets times bleve counting the same facets for the same
// requests (one search, plus one per filtered facet): the cost our own
// counting replaced.
func BenchmarkBleveFacets(b *testing.B) {
	idx := benchIndex(b)
	for _, c := range benchClasses {
		req := c.req
		req.Facets, req.FacetSize = benchFacets, 10
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, _, err := idx.BleveFacets(b.Context(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpen times search.New on the generated index: numbering every
// segment's facet values, ids and dates, which the ready time includes.
func BenchmarkOpen(b *testing.B) {
	benchIndex(b)
	start := cpuTime()
	for b.Loop() {
		if _, err := search.New(benchBleve); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N)/benchDocs*1000, "cpu-ms/1k-docs")
}

// BenchmarkPageOfHits times a search for a page of ten hits with their
// snippets, without facets, on the data directory LEXSEARCH_BENCH_DATA
// (one `lexsearch ingest` wrote): what reading the hits' text costs,
// from the index's stored body in a directory written before it was
// dropped, from the kept text in one written since.
func BenchmarkPageOfHits(b *testing.B) {
	dir := os.Getenv("LEXSEARCH_BENCH_DATA")
	if dir == "" {
		b.Skip("LEXSEARCH_BENCH_DATA is unset: set it to a data directory")
	}
	bidx, err := indexer.OpenIndex(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer bidx.Close()
	idx, err := search.New(bidx)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		req  search.Request
	}{
		{"word", search.Request{Q: "section"}},
		{"two-words", search.Request{Q: "publisher control"}},
		{"phrase", search.Request{Q: `"interactive computer service"`}},
		{"filter-only", search.Request{Statutes: []string{"18 U.S.C. § 1591"}, Sort: search.SortDateDesc}},
	} {
		c.req.Size = 10
		b.Run(c.name, func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				res, err := idx.Search(b.Context(), c.req)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Hits) == 0 || len(res.Hits[0].Snippets) == 0 {
					b.Fatalf("%s: no hits, or no snippets", c.name)
				}
			}
			reportCPU(b, start)
		})
	}
}
