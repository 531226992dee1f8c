package search

import (
	"context"
	"fmt"
	"regexp"
	"sort"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
)

// DefaultFacetSize is how many values each facet reports by default.
const DefaultFacetSize = 20

// The histogram is a facet on the year field large enough to hold every
// year, reported oldest first.
const (
	histogramFacet = "_histogram"
	maxYears       = 1000
)

// facetRequest counts the values of one facet, keeping only those that
// start with req.FacetPrefix when it is set.
func facetRequest(facet string, req Request) *bleve.FacetRequest {
	fr := bleve.NewFacetRequest(facet, req.FacetSize)
	if req.FacetPrefix != "" {
		fr.TermPattern = "(?i)^" + regexp.QuoteMeta(req.FacetPrefix)
	}
	return fr
}

// disjunctiveFacets counts each filtered facet as if its own filter were
// not set, so a journalist who picked court=ilnd still sees how many
// documents every other court has and can widen the choice. Each filtered
// facet costs one more search, of no hits.
func (ix *Index) disjunctiveFacets(ctx context.Context, p *plan, req Request, out map[string][]Bucket) error {
	for _, f := range req.Facets {
		if !p.filtered(f) {
			continue
		}
		sr := bleve.NewSearchRequestOptions(p.query(f), 0, 0, false)
		sr.AddFacet(f, facetRequest(f, req))
		res, err := ix.idx.SearchInContext(ctx, sr)
		if err != nil {
			return fmt.Errorf("search: facet %s: %w", f, err)
		}
		out[f] = buckets(res.Facets, req.FacetSize)[f]
	}
	return nil
}

// buckets converts bleve's facet results to ours, most frequent first.
func buckets(fr bsearch.FacetResults, size int) map[string][]Bucket {
	out := make(map[string][]Bucket, len(fr))
	for name, r := range fr {
		if name == histogramFacet {
			continue
		}
		bs := []Bucket{}
		if r.Terms != nil {
			for _, t := range r.Terms.Terms() {
				b := Bucket{Value: t.Term, Count: t.Count}
				if name == corpus.FieldCourt {
					b.Name = entity.CourtName(t.Term)
				}
				bs = append(bs, b)
			}
		}
		out[name] = bs[:min(len(bs), size)]
	}
	return out
}

// histogram returns the year counts in year order.
func histogram(r *bsearch.FacetResult) []Bucket {
	out := []Bucket{}
	if r == nil || r.Terms == nil {
		return out
	}
	for _, t := range r.Terms.Terms() {
		out = append(out, Bucket{Value: t.Term, Count: t.Count})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}
