package search

import (
	"context"
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Several words typed together must each be in a document, in its title
// or its body. bleve finds such documents by leapfrogging: each word's
// searcher (a disjunction of the word in the title and in the body) is
// advanced to where the others are, one step at a time, so two words in
// a quarter of the documents each cost a step through most of both
// words' postings to find the few thousand documents that have both. An
// allWordsQuery finds those documents first, segment by segment, by
// intersecting the words' postings as bitmaps, and then advances bleve's
// searcher straight to each: the same matches, scored by the same
// searcher, without the steps in between.

// allWordsQuery is q, the conjunction of the words (each a disjunction
// of the word in each of fields), which matches only documents holding
// every one of terms in at least one of fields. It is the must clause of
// the words' boolean query: bleve's boolean searcher steps its must
// searcher with Next to find each match, so that is the walk to drive.
type allWordsQuery struct {
	q      bquery.Query
	terms  []string
	fields []string
}

// Searcher implements bleve's query.Query.
func (a *allWordsQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	inner, err := a.q.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return inner, nil
	}
	s := &drivenSearcher{Searcher: inner, a: a, segs: snap.Segments()}
	s.offsets = make([]uint64, len(s.segs))
	var next uint64
	for i, seg := range s.segs {
		s.offsets[i] = next
		next += seg.Segment().Count() // deleted documents keep their numbers
	}
	return s, nil
}

// postingsBits is what zapx's postings lists offer besides iterating.
type postingsBits interface{ OrInto(*roaring.Bitmap) }

// candidates returns the documents of segment s that hold every term in
// one of the fields (deleted ones too: the searcher skips those), or
// false when a postings list cannot be read as a bitmap.
func (a *allWordsQuery) candidates(seg *scorch.SegmentSnapshot) (*roaring.Bitmap, bool, error) {
	var all *roaring.Bitmap
	for _, t := range a.terms {
		docs := roaring.New()
		for _, f := range a.fields {
			dict, err := seg.Segment().Dictionary(f)
			if err != nil {
				return nil, false, fmt.Errorf("search: postings of %s: %w", f, err)
			}
			pl, err := dict.PostingsList([]byte(t), nil, nil)
			if err != nil {
				return nil, false, fmt.Errorf("search: postings of %q: %w", t, err)
			}
			if pl == nil || pl.Count() == 0 {
				continue
			}
			ob, ok := pl.(postingsBits)
			if !ok {
				return nil, false, nil
			}
			ob.OrInto(docs)
		}
		if all == nil {
			all = docs
		} else {
			all.And(docs)
		}
		if all.IsEmpty() {
			break
		}
	}
	return all, true, nil
}

// drivenSearcher walks its searcher's matches by advancing it to each
// candidate of allWordsQuery in turn. Every match of the searcher is a
// candidate, so it passes on every match, each exactly as the searcher
// scored it.
type drivenSearcher struct {
	bsearch.Searcher
	a       *allWordsQuery
	segs    []*scorch.SegmentSnapshot
	offsets []uint64 // first document number of each segment

	seg   int                 // segment the candidates are of
	cands roaring.IntPeekable // nil: not read for seg yet
	plain bool                // the postings are not bitmaps: walk by Next
	next  uint64              // the walk has passed every document before this one
	id    index.IndexInternalID
}

func (s *drivenSearcher) Next(sctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if s.plain {
		return s.Searcher.Next(sctx)
	}
	for s.seg < len(s.segs) {
		if s.cands == nil {
			bm, ok, err := s.a.candidates(s.segs[s.seg])
			if err != nil {
				return nil, err
			}
			if !ok {
				s.plain = true
				s.id = index.NewIndexInternalID(s.id, s.next)
				return s.advance(sctx, s.id)
			}
			s.cands = bm.Iterator()
		}
		if s.next > s.offsets[s.seg] {
			s.cands.AdvanceIfNeeded(uint32(s.next - s.offsets[s.seg]))
		}
		if !s.cands.HasNext() {
			s.seg++
			s.cands = nil
			continue
		}
		s.id = index.NewIndexInternalID(s.id, s.offsets[s.seg]+uint64(s.cands.Next()))
		return s.advance(sctx, s.id)
	}
	return nil, nil
}

// advance advances the searcher to its first match at or after id, and
// the walk past it.
func (s *drivenSearcher) advance(sctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(sctx, id)
	if dm == nil || err != nil {
		s.seg = len(s.segs)
		return dm, err
	}
	n := dm.IndexInternalID.Value()
	s.next = n + 1
	for s.seg+1 < len(s.segs) && s.next >= s.offsets[s.seg+1] {
		s.seg++
		s.cands = nil
	}
	return dm, nil
}

func (s *drivenSearcher) Advance(sctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	return s.advance(sctx, id)
}
