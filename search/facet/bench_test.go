package facet_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/search/facet"
)

// benchFields are keyword fields shaped like the six facets of the query
// mix: values per document and distinct values as statutes, courts,
// parties, judges, types and years have them.
var benchFields = []struct {
	name         string
	most, values int
}{{"statute", 4, 40}, {"court", 1, 90}, {"party", 4, 5000}, {"judge", 1, 800}, {"type", 1, 5}, {"year", 1, 30}}

// BenchmarkTally counts the six fields, with the year histogram, over
// some of the documents of a 20,000-document index in several segments,
// as a search does, then takes the top ten of each.
func BenchmarkTally(b *testing.B) {
	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range benchFields {
		dm.AddFieldMappingsAt(f.name, kw)
	}
	m := bleve.NewIndexMapping()
	m.DefaultMapping = dm
	idx, err := bleve.New(filepath.Join(b.TempDir(), "idx"), m)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	r := rand.New(rand.NewPCG(1, 2))
	batch := idx.NewBatch()
	for i := range 20000 {
		doc := map[string]any{}
		for _, f := range benchFields {
			var vs []string
			for range 1 + r.IntN(f.most) {
				vs = append(vs, fmt.Sprintf("%s-%d", f.name, int(float64(f.values)*r.Float64()*r.Float64())))
			}
			doc[f.name] = vs
		}
		if err := batch.Index(fmt.Sprintf("d%05d", i), doc); err != nil {
			b.Fatal(err)
		}
		if batch.Size() == 2000 {
			if err := idx.Batch(batch); err != nil {
				b.Fatal(err)
			}
			batch.Reset()
		}
	}
	if err := idx.Batch(batch); err != nil {
		b.Fatal(err)
	}
	adv, err := idx.Advanced()
	if err != nil {
		b.Fatal(err)
	}
	// Let bleve's background merges finish: their CPU would be counted.
	segments := func() int {
		r, err := adv.Reader()
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		return len(r.(*scorch.IndexSnapshot).Segments())
	}
	for last, stable := segments(), 0; stable < 5; {
		time.Sleep(200 * time.Millisecond)
		if n := segments(); n == last {
			stable++
		} else {
			last, stable = n, 0
		}
	}
	ir, err := adv.Reader()
	if err != nil {
		b.Fatal(err)
	}
	defer ir.Close()
	var names []string
	for _, f := range benchFields {
		names = append(names, f.name)
	}
	o := facet.New(names...)
	s, err := bleve.NewMatchAllQuery().Searcher(context.Background(), ir, idx.Mapping().(mapping.IndexMapping), bsearch.SearcherOptions{})
	if err != nil {
		b.Fatal(err)
	}
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	var all []index.IndexInternalID
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			b.Fatal(err)
		}
		if dm == nil {
			break
		}
		all = append(all, append(index.IndexInternalID(nil), dm.IndexInternalID...))
		sctx.DocumentMatchPool.Put(dm)
	}
	s.Close()
	fields := []int{0, 1, 2, 3, 4, 5}
	if _, err := o.View(ir); err != nil { // number the segments once
		b.Fatal(err)
	}
	b.Logf("%d segments", len(ir.(*scorch.IndexSnapshot).Segments()))
	// Every other document, as a common word matches; and 19 of every
	// 20, as a prefix or two common words near each other do.
	for _, density := range []struct {
		name       string
		keep, skip int
	}{{"half", 1, 2}, {"most", 19, 20}} {
		var ids []index.IndexInternalID
		for n, id := range all {
			if n%density.skip < density.keep {
				ids = append(ids, id)
			}
		}
		b.Run(density.name, func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				v, err := o.View(ir)
				if err != nil {
					b.Fatal(err)
				}
				t := facet.NewTally(v, fields, 5, nil)
				for _, id := range ids {
					t.Add(id)
				}
				for j := range fields {
					t.Top(j, 10, nil)
				}
				if t.Total != uint64(len(ids)) {
					b.Fatalf("total %d, want %d", t.Total, len(ids))
				}
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime returns the CPU time the process has used: on a shared machine
// a steadier measure than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
