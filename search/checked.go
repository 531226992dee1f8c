package search

import (
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// checkedSearcher passes on only the matches of its searcher that check
// accepts: the shared shape of the phrase and proximity searchers, which
// let bleve find the documents with every word and then look at where the
// words stand.
//
// With decisions remembered (pr and its checkCache), a walk that goes
// through every document of a segment by Next alone, from the start, has
// decided every candidate there, and marks the segment's entry complete.
// A later walk goes from one kept document of a complete segment straight
// to the next (Advance), without the candidates in between: three common
// words are in most documents, the phrase they make in a few.
type checkedSearcher struct {
	bsearch.Searcher
	check func(*bsearch.DocumentMatch) (bool, error)
	pr    *posReader // nil: no remembered decisions to skip by

	next     uint64 // the document after the last one the walk reached
	advanced bool   // the walk's owner called Advance: candidates may have been passed over
	marked   int    // segments before this one have been marked complete
	id       index.IndexInternalID
}

func newCheckedSearcher(s bsearch.Searcher, check func(*bsearch.DocumentMatch) (bool, error), pr *posReader) *checkedSearcher {
	if pr != nil && pr.cache == nil {
		pr = nil
	}
	return &checkedSearcher{Searcher: s, check: check, pr: pr}
}

func (s *checkedSearcher) Next(sctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		dm, err := s.step(sctx)
		if dm == nil || err != nil {
			if dm == nil && err == nil {
				s.reached(^uint64(0))
			}
			return dm, err
		}
		s.reached(dm.IndexInternalID.Value())
		if ok, err := s.check(dm); ok || err != nil {
			return dm, err
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}

// step moves the walk to its next candidate: the searcher's next match,
// or, where the decisions of a complete segment say where the next kept
// document is, that one.
func (s *checkedSearcher) step(sctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if s.pr != nil {
		to, skip, done := s.pr.skipTo(s.next)
		if done {
			return nil, nil
		}
		if skip {
			s.id = index.NewIndexInternalID(s.id, to)
			return s.Searcher.Advance(sctx, s.id)
		}
	}
	return s.Searcher.Next(sctx)
}

// reached records that the walk got to document n (^0: the end), and,
// for a walk only Next has driven, marks every segment before n's
// decided in full.
func (s *checkedSearcher) reached(n uint64) {
	if n != ^uint64(0) {
		s.next = n + 1
	}
	if s.pr == nil || s.advanced {
		return
	}
	end := len(s.pr.segs)
	if n != ^uint64(0) {
		seg, _, err := s.pr.locate(n)
		if err != nil {
			return
		}
		end = seg
	}
	for ; s.marked < end; s.marked++ {
		if e := s.pr.memos[s.marked]; e != nil {
			e.complete.Store(true)
		}
	}
}

func (s *checkedSearcher) Advance(sctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	s.advanced = true
	dm, err := s.Searcher.Advance(sctx, id)
	if dm == nil || err != nil {
		return dm, err
	}
	s.reached(dm.IndexInternalID.Value())
	if ok, err := s.check(dm); ok || err != nil {
		return dm, err
	}
	sctx.DocumentMatchPool.Put(dm)
	return s.Next(sctx)
}
