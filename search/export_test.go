package search

import (
	"context"
	"regexp"
	"sort"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"lexsearch/corpus"
)

// BleveFacets counts req's facets, histogram and total the way bleve
// does, one search per filtered facet: the reference our own counting is
// tested against.
func (ix *Index) BleveFacets(ctx context.Context, req Request) (map[string][]Bucket, []Bucket, uint64, error) {
	req, err := req.normalize()
	if err != nil {
		return nil, nil, 0, err
	}
	p, err := ix.plan(ctx, req)
	if err != nil {
		return nil, nil, 0, err
	}
	facets := map[string][]Bucket{}
	var hist []Bucket
	var total uint64
	for _, f := range append([]string{""}, req.Facets...) {
		sr := bleve.NewSearchRequestOptions(p.query(f), 0, 0, false)
		name := f
		if f == "" {
			name = corpus.FieldYear
		}
		fr := bleve.NewFacetRequest(name, req.FacetSize)
		if f == "" {
			fr.Size = 1000
		} else if req.FacetPrefix != "" {
			fr.TermPattern = "(?i)^" + regexp.QuoteMeta(req.FacetPrefix)
		}
		sr.AddFacet(name, fr)
		res, err := ix.idx.SearchInContext(ctx, sr)
		if err != nil {
			return nil, nil, 0, err
		}
		bs := bleveBuckets(res.Facets[name])
		if f == "" {
			total = res.Total
			sort.Slice(bs, func(i, j int) bool { return bs[i].Value < bs[j].Value })
			hist = bs
			continue
		}
		facets[f] = bs
	}
	return facets, hist, total, nil
}

// query is, for the bleve reference, the user's query ANDed with every filter except those on the
// facet named except.
func (p *plan) query(except string) bquery.Query {
	must := []bquery.Query{p.q}
	for _, f := range p.filters {
		if f.facet != except || except == "" {
			must = append(must, f.q)
		}
	}
	if len(must) == 1 {
		return must[0]
	}
	return bleve.NewConjunctionQuery(must...)
}

func bleveBuckets(r *bsearch.FacetResult) []Bucket {
	out := []Bucket{}
	if r == nil || r.Terms == nil {
		return out
	}
	for _, t := range r.Terms.Terms() {
		out = append(out, Bucket{Value: t.Term, Count: t.Count})
	}
	return out
}

// BleveDates returns the dates of req's hits (one page) sorted by bleve's
// own sort on the date field: the reference for dateSort.
func (ix *Index) BleveDates(ctx context.Context, req Request) ([]string, error) {
	req, err := req.normalize()
	if err != nil {
		return nil, err
	}
	p, err := ix.plan(ctx, req)
	if err != nil {
		return nil, err
	}
	sr := bleve.NewSearchRequestOptions(p.query(""), req.Size, 0, false)
	sr.Fields = []string{corpus.FieldMeta}
	sr.SortByCustom(bsearch.SortOrder{
		&bsearch.SortField{Field: corpus.FieldDate, Desc: req.Sort == SortDateDesc, Missing: bsearch.SortFieldMissingLast},
		&bsearch.SortScore{Desc: true}, &bsearch.SortDocID{},
	})
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, dm := range res.Hits {
		doc, err := storedMeta(dm)
		if err != nil {
			return nil, err
		}
		out = append(out, doc.Date)
	}
	return out, nil
}

// CachedChecks returns how many (segment, query) entries the check cache
// holds and their bytes.
func (ix *Index) CachedChecks() (int, int64) {
	if ix.checks == nil {
		return 0, 0
	}
	ix.checks.mu.Lock()
	defer ix.checks.mu.Unlock()
	return ix.checks.lru.Len(), ix.checks.used
}

// MatchIDs returns the ids of every document q matches, sorted; with
// termVectors, bleve's searchers hand the phrase and proximity checks the
// matches' term locations, otherwise the checks read positions from the
// segments' postings themselves (the path of a search's walk).
func (ix *Index) MatchIDs(ctx context.Context, q string, termVectors bool) ([]string, error) {
	ctx = withCheckCache(ctx, ix.checks)
	req, err := Request{Q: q}.normalize()
	if err != nil {
		return nil, err
	}
	p, err := ix.plan(ctx, req)
	if err != nil {
		return nil, err
	}
	n, err := ix.idx.DocCount()
	if err != nil {
		return nil, err
	}
	sr := bleve.NewSearchRequestOptions(p.q, int(n)+1, 0, false)
	sr.IncludeLocations = termVectors
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	sort.Strings(ids)
	return ids, nil
}

// WalkAll makes ix answer every search by the general walk of the
// matches, with no shortcut (filter-only, all words), for comparing the
// shortcuts with it.
func WalkAll(ix *Index) { ix.walkAll = true }
