package search

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
)

// A phraseQuery matches documents where its terms stand at the given
// positions relative to each other, on one page of one field. It replaces
// bleve's phrase query, whose check of a document compares every
// occurrence of one word with every occurrence of the next: a two-word
// phrase on a 20 MB exhibit took seconds, and the phrase bonus of every
// multi-word query paid it. This check is one pass over the words'
// occurrences, with a map from position to occurrence.
type phraseQuery struct {
	field string
	terms []string // as indexed; two or more
	rel   []int    // position of each term relative to the first
	boost float64
	// limit caps the occurrences of the first word examined per document
	// (0: no cap). The phrase bonus is a ranking hint, and a hint need not
	// read every page of a 50 MB exhibit; a phrase the user typed is
	// checked in full.
	limit int
}

// Searcher implements bleve's query.Query: a conjunction of the terms,
// with term positions, filtered by the position check.
func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	boost := q.boost
	if boost == 0 {
		boost = 1
	}
	// With no locations asked for (the search's walk of every match), the
	// check reads positions from the segments' postings itself; otherwise
	// it keeps the phrase's locations in the match, for snippets.
	inner := opts
	var pr *posReader
	if !opts.IncludeTermVectors {
		key := fmt.Sprintf("phrase %s %q%v %d", q.field, q.terms, q.rel, q.limit)
		pr = newPosReader(r, q.field, q.terms, checkCacheOf(ctx), key)
	}
	if pr == nil {
		inner.IncludeTermVectors = true
	}
	var subs []bsearch.Searcher
	seen := map[string]bool{}
	closeAll := func() {
		for _, s := range subs {
			s.Close()
		}
	}
	for _, t := range q.terms {
		if seen[t] {
			continue
		}
		seen[t] = true
		s, err := searcher.NewTermSearcher(ctx, r, t, q.field, boost, inner)
		if err != nil {
			closeAll()
			return nil, err
		}
		subs = append(subs, s)
	}
	conj, err := searcher.NewConjunctionSearcher(ctx, r, subs, inner)
	if err != nil {
		closeAll()
		return nil, err
	}
	ps := &phraseSearcher{Searcher: conj, ctx: ctx, q: q, pr: pr}
	return newCheckedSearcher(ps, ps.check, pr), nil
}

// phraseSearcher passes on the conjunction's matches that hold the phrase,
// with the locations of the phrase's occurrences only, so snippets mark
// the phrase and not each of its words wherever they stand.
type phraseSearcher struct {
	bsearch.Searcher
	ctx context.Context
	q   *phraseQuery
	pr  *posReader // nil: check the match's term locations
	n   int
	// at[k] maps (page, position) to the index in the match's locations
	// of an occurrence of term k; reused across documents.
	at []map[uint64]int
}

// checkEvery is how many documents or occurrences pass between two looks
// at the context: often enough to stop within milliseconds of a deadline,
// rarely enough to cost nothing.
const checkEvery = 4096

func key(l *bsearch.Location) uint64 {
	var p uint64
	if len(l.ArrayPositions) > 0 {
		p = l.ArrayPositions[0]
	}
	return p<<32 | l.Pos&0xffffffff
}

// check keeps in dm only the locations of the phrase's occurrences and
// reports whether there are any.
func (s *phraseSearcher) check(dm *bsearch.DocumentMatch) (bool, error) {
	if s.n++; s.n%checkEvery == 0 {
		if err := s.ctx.Err(); err != nil {
			return false, err
		}
	}
	q := s.q
	if s.pr != nil {
		return s.checkPositions(dm)
	}
	if s.at == nil {
		s.at = make([]map[uint64]int, len(q.terms))
		for k := range s.at {
			s.at[k] = map[uint64]int{}
		}
	}
	for k := range s.at {
		clear(s.at[k])
	}
	ftls := dm.FieldTermLocations
	for i := range ftls {
		if ftls[i].Field != q.field {
			continue
		}
		for k, t := range q.terms {
			if ftls[i].Term == t {
				s.at[k][key(&ftls[i].Location)] = i
			}
		}
		if i%checkEvery == checkEvery-1 {
			if err := s.ctx.Err(); err != nil {
				return false, err
			}
		}
	}
	var keep []bsearch.FieldTermLocation
	examined := 0
	for i := range ftls {
		f := &ftls[i]
		if f.Field != q.field || f.Term != q.terms[0] {
			continue
		}
		if examined++; q.limit > 0 && examined > q.limit {
			break
		}
		k0 := key(&f.Location)
		ok := true
		for k := 1; k < len(q.terms) && ok; k++ {
			_, ok = s.at[k][k0+uint64(q.rel[k])]
		}
		if !ok {
			continue
		}
		keep = append(keep, *f)
		for k := 1; k < len(q.terms); k++ {
			keep = append(keep, ftls[s.at[k][k0+uint64(q.rel[k])]])
		}
	}
	dm.FieldTermLocations = keep
	return len(keep) > 0, nil
}

// checkPositions reports whether the phrase occurs in dm, reading where
// its words stand from the postings. It stops at the first occurrence.
func (s *phraseSearcher) checkPositions(dm *bsearch.DocumentMatch) (bool, error) {
	memo, local := s.pr.memo(dm.IndexInternalID)
	if memo != nil {
		if kept, known := memo.get(local); known {
			return kept, nil
		}
	}
	if err := s.pr.read(dm.IndexInternalID); err != nil {
		return false, err
	}
	q := s.q
	found := false
	for i, l0 := range s.pr.of(q.terms[0]) {
		if q.limit > 0 && i >= q.limit {
			break
		}
		ok := true
		for k := 1; k < len(q.terms) && ok; k++ {
			ok = hasTpos(s.pr.of(q.terms[k]), l0.page, l0.pos+q.rel[k])
		}
		if ok {
			found = true
			break
		}
	}
	if memo != nil {
		memo.set(local, found)
	}
	return found, nil
}

// SetBoost and Boost make a phraseQuery a bleve BoostableQuery.
func (q *phraseQuery) SetBoost(b float64) { q.boost = b }

// Boost returns the query's boost.
func (q *phraseQuery) Boost() float64 { return q.boost }
