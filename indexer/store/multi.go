package store

import (
	"context"
	"errors"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// multiIndex is the shards seen as one index: bleve's alias, with
// global scoring (so ranking does not depend on which shard a document
// landed in) and term dictionaries merged across shards (the alias
// refuses them for more than one index).
type multiIndex struct {
	bleve.IndexAlias
	s *Store
}

func (m *multiIndex) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	if m.s.Shards() > 1 {
		ctx = context.WithValue(ctx, bsearch.SearchTypeKey, bsearch.GlobalScoring)
	}
	return m.IndexAlias.SearchInContext(ctx, req)
}

func (m *multiIndex) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return m.SearchInContext(context.Background(), req)
}

func (m *multiIndex) FieldDict(field string) (index.FieldDict, error) {
	return m.merge(func(ix bleve.Index) (index.FieldDict, error) { return ix.FieldDict(field) })
}

func (m *multiIndex) FieldDictPrefix(field string, prefix []byte) (index.FieldDict, error) {
	return m.merge(func(ix bleve.Index) (index.FieldDict, error) { return ix.FieldDictPrefix(field, prefix) })
}

func (m *multiIndex) FieldDictRange(field string, start, end []byte) (index.FieldDict, error) {
	return m.merge(func(ix bleve.Index) (index.FieldDict, error) { return ix.FieldDictRange(field, start, end) })
}

func (m *multiIndex) Mapping() mapping.IndexMapping { return m.s.mapping }

// ShardIndexes returns the shards behind the alias (see search.New).
func (m *multiIndex) ShardIndexes() []bleve.Index { return m.s.ShardIndexes() }

// Close does nothing: the Store owns the shards.
func (m *multiIndex) Close() error { return nil }

func (m *multiIndex) merge(open func(bleve.Index) (index.FieldDict, error)) (index.FieldDict, error) {
	m.s.stateM.RLock()
	shards := m.s.shards
	m.s.stateM.RUnlock()
	md := &mergedDict{}
	for _, sh := range shards {
		d, err := open(sh)
		if err != nil {
			md.Close()
			return nil, err
		}
		md.dicts = append(md.dicts, d)
		e, err := d.Next()
		if err != nil {
			md.Close()
			return nil, err
		}
		if e != nil {
			c := *e
			e = &c
		}
		md.heads = append(md.heads, e)
	}
	return md, nil
}

// mergedDict walks several sorted term dictionaries as one, summing the
// counts of a term found in several.
type mergedDict struct {
	dicts []index.FieldDict
	heads []*index.DictEntry
}

func (d *mergedDict) Next() (*index.DictEntry, error) {
	min := ""
	found := false
	for _, h := range d.heads {
		if h != nil && (!found || strings.Compare(h.Term, min) < 0) {
			min, found = h.Term, true
		}
	}
	if !found {
		return nil, nil
	}
	out := &index.DictEntry{Term: min}
	for i, h := range d.heads {
		if h != nil && h.Term == min {
			out.Count += h.Count
			e, err := d.dicts[i].Next()
			if err != nil {
				return nil, err
			}
			if e != nil {
				c := *e // a dictionary may reuse its entry
				e = &c
			}
			d.heads[i] = e
		}
	}
	return out, nil
}

func (d *mergedDict) Close() error {
	var errs []error
	for _, x := range d.dicts {
		errs = append(errs, x.Close())
	}
	return errors.Join(errs...)
}

func (d *mergedDict) Cardinality() int {
	n := 0
	for _, x := range d.dicts {
		n += x.Cardinality()
	}
	return n
}

func (d *mergedDict) BytesRead() uint64 {
	var n uint64
	for _, x := range d.dicts {
		n += x.BytesRead()
	}
	return n
}
