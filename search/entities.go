package search

import (
	"cmp"
	"context"
	"fmt"
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
	// Count the kind over every document with our own facet counting;
	// the prefix is applied to the values (and court names) here.
	cq := ix.counted(&plan{q: bleve.NewMatchAllQuery()}, []string{kind}, false)
	sr := bleve.NewSearchRequestOptions(cq, 0, 0, false)
	if _, err := ix.idx.SearchInContext(ctx, sr); err != nil {
		return nil, fmt.Errorf("search: entities %s: %w", kind, err)
	}
	out := []EntityValue{}
	t := cq.tally()
	if t == nil {
		return out, nil
	}
	lower := strings.ToLower(prefix)
	keep := func(v string) bool {
		if prefix == "" || hasPrefixFold(v, prefix) {
			return true
		}
		return kind == corpus.FieldCourt && strings.HasPrefix(strings.ToLower(entity.CourtName(v)), lower)
	}
	for _, c := range t.Top(0, size, keep) {
		v := EntityValue{Value: c.Value, Count: c.Count, Aliases: entity.Aliases(entity.Kind(kind), c.Value)}
		if kind == corpus.FieldCourt {
			v.Name = entity.CourtName(c.Value)
		}
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b EntityValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Value, b.Value))
	})
	return out[:min(len(out), size)], nil
}
