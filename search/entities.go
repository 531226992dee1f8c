package search

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
)

// EntityKinds are the kinds GET /entities/{kind} lists, each a facet.
var EntityKinds = []string{corpus.FieldStatutes, corpus.FieldCourt, corpus.FieldParties, corpus.FieldJudges, corpus.FieldCitations, corpus.FieldDocket}

// MaxEntities caps one listing of entity values.
const MaxEntities = 1000

// An EntityValue is one canonical value of an entity kind with the number
// of documents that have it, its display name (courts) and the other ways
// of writing it that filters accept.
type EntityValue struct {
	Value   string   `json:"value"`
	Name    string   `json:"name,omitempty"`
	Count   int      `json:"count"`
	Aliases []string `json:"aliases,omitempty"`
}

// Entities lists the values of kind that some document has, most common
// first, for discovery and autocomplete. prefix keeps the values (or, for
// courts, the display names) that start with it, case ignored.
func (ix *Index) Entities(ctx context.Context, kind, prefix string, size int) ([]EntityValue, error) {
	if !slices.Contains(EntityKinds, kind) {
		return nil, &RequestError{"kind", fmt.Sprintf("%q is not an entity kind; use one of %s", kind, strings.Join(EntityKinds, ", "))}
	}
	if size == 0 {
		size = 50
	}
	if size < 0 || size > MaxEntities {
		return nil, &RequestError{"size", fmt.Sprintf("must be between 1 and %d, not %d", MaxEntities, size)}
	}
	fr := bleve.NewFacetRequest(kind, size)
	if kind == corpus.FieldCourt {
		fr.Size = MaxEntities // court names are matched here, not by bleve
	} else if prefix != "" {
		fr.TermPattern = "(?i)^" + regexp.QuoteMeta(prefix)
	}
	sr := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
	sr.AddFacet(kind, fr)
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: entities %s: %w", kind, err)
	}
	out := []EntityValue{}
	f := res.Facets[kind]
	if f == nil || f.Terms == nil {
		return out, nil
	}
	lower := strings.ToLower(prefix)
	for _, t := range f.Terms.Terms() {
		v := EntityValue{Value: t.Term, Count: t.Count, Aliases: entity.Aliases(entity.Kind(kind), t.Term)}
		if kind == corpus.FieldCourt {
			v.Name = entity.CourtName(t.Term)
			if prefix != "" && !strings.HasPrefix(strings.ToLower(v.Value), lower) && !strings.HasPrefix(strings.ToLower(v.Name), lower) {
				continue
			}
		}
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b EntityValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Value, b.Value))
	})
	return out[:min(len(out), size)], nil
}
