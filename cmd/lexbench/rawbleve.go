package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"lexsearch/corpus/synth"
)

// The raw-bleve baseline: the same documents' plain text in one `body`
// field (English analyzer, stored, term vectors), keyword doc-value fields
// for the six facets filled from what the generator planted, a date, no
// `_all`, scorch defaults and batches of 500. It answers the same query
// mix in process with one client. It runs as a child process of lexbench
// (`lexbench rawbleve`), so its peak RSS is measured apart.

var rawFacets = []string{"statute", "court", "party", "judge", "type", "year"}

func rawMapping() *mapping.IndexMappingImpl {
	m := bleve.NewIndexMapping()
	body := bleve.NewTextFieldMapping()
	body.Analyzer = en.AnalyzerName
	body.Store = true
	body.IncludeTermVectors = true
	body.IncludeInAll = false
	kw := bleve.NewKeywordFieldMapping()
	kw.Analyzer = keyword.Name
	kw.DocValues = true
	kw.IncludeInAll = false
	date := bleve.NewDateTimeFieldMapping()
	date.DocValues = true
	date.IncludeInAll = false
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("body", body)
	for _, f := range rawFacets {
		doc.AddFieldMappingsAt(f, kw)
	}
	doc.AddFieldMappingsAt("date", date)
	m.DefaultMapping = doc
	m.DefaultField = "body"
	m.StoreDynamic = false
	m.IndexDynamic = false
	return m
}

// rawResult is what the child reports back as JSON on stdout.
type rawResult struct {
	Docs      int                  `json:"docs"`
	IngestSec float64              `json:"ingest_sec"`
	IndexSize int64                `json:"index_bytes"`
	Latency   map[string][]float64 `json:"latency_ms"` // by class
	Totals    []uint64             `json:"totals"`     // per query, in mix order
}

// runRawBleve is `lexbench rawbleve DOCS SEED DIR REPS`.
func runRawBleve(ctx context.Context, args []string) error {
	if len(args) != 4 {
		return fmt.Errorf("usage: lexbench rawbleve DOCS SEED DIR REPS")
	}
	docs, err1 := strconv.Atoi(args[0])
	seed, err2 := strconv.ParseUint(args[1], 10, 64)
	reps, err3 := strconv.Atoi(args[3])
	if err1 != nil || err2 != nil || err3 != nil {
		return fmt.Errorf("rawbleve: bad numbers in %q", args)
	}
	dir := args[2]
	os.RemoveAll(dir)
	idx, err := bleve.New(dir, rawMapping())
	if err != nil {
		return err
	}
	defer idx.Close()

	g := synth.New(synth.Options{Docs: docs, Seed: seed})
	start := time.Now()
	batch := idx.NewBatch()
	n := 0
	for d := g.Next(); d != nil; d = g.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		fields := map[string]any{
			"body": d.Text, "statute": d.Statutes, "party": d.Parties, "judge": d.Judges,
			"type": d.Type, "year": strconv.Itoa(d.Year),
		}
		if d.Court != "" {
			fields["court"] = d.Court
		}
		if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
			fields["date"] = t
		}
		if err := batch.Index(d.Path, fields); err != nil {
			return err
		}
		n++
		if batch.Size() >= 500 {
			if err := idx.Batch(batch); err != nil {
				return err
			}
			batch.Reset()
		}
	}
	if err := idx.Batch(batch); err != nil {
		return err
	}
	res := rawResult{Docs: n, IngestSec: time.Since(start).Seconds(), Latency: map[string][]float64{}}
	res.IndexSize = dirSize(dir)

	qs := g.Queries()
	for pass := -1; pass < reps; pass++ { // pass -1 warms up
		for _, q := range qs {
			req := rawRequest(q)
			t := time.Now()
			r, err := idx.SearchInContext(ctx, req)
			if err != nil {
				return fmt.Errorf("raw bleve %s: %w", q, err)
			}
			ms := float64(time.Since(t).Microseconds()) / 1000
			if pass >= 0 {
				res.Latency[q.Class] = append(res.Latency[q.Class], ms)
			} else {
				res.Totals = append(res.Totals, r.Total)
			}
		}
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

// rawRequest is q as a bleve request: top 10 and six facets of 10.
func rawRequest(q synth.Query) *bleve.SearchRequest {
	var parts []query.Query
	for _, w := range q.Words {
		m := bleve.NewMatchQuery(w)
		m.SetField("body")
		parts = append(parts, m)
	}
	if q.Phrase != "" {
		p := bleve.NewMatchPhraseQuery(q.Phrase)
		p.SetField("body")
		parts = append(parts, p)
	}
	if q.Prefix != "" {
		p := bleve.NewPrefixQuery(q.Prefix)
		p.SetField("body")
		parts = append(parts, p)
	}
	if q.Statute != "" {
		t := bleve.NewTermQuery(q.Statute)
		t.SetField("statute")
		parts = append(parts, t)
	}
	if q.Court != "" {
		t := bleve.NewTermQuery(q.Court)
		t.SetField("court")
		parts = append(parts, t)
	}
	var bq query.Query = bleve.NewConjunctionQuery(parts...)
	if len(parts) == 1 {
		bq = parts[0]
	}
	req := bleve.NewSearchRequestOptions(bq, 10, 0, false)
	for _, f := range rawFacets {
		req.AddFacet(f, bleve.NewFacetRequest(f, 10))
	}
	if q.Sort == "-date" {
		req.SortBy([]string{"-date"})
	}
	return req
}

func dirSize(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return nil
	})
	return n
}
