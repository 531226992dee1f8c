package search

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
)

// Proximity (a w/5 b, a /s b, a /p b, "a b"~3) is not something bleve
// does. It is a filterQuery: bleve walks the documents that contain both
// sides anywhere, with term positions, and each is kept or dropped here by
// its positions as the walk reaches it, so a proximity search costs one
// walk, holds one document's positions at a time, and stops at the
// search's deadline.

// A seq is one typed word or phrase as indexed: its terms and each term's
// position relative to the first (stop words leave gaps).
type seq struct {
	text  string
	terms []string
	rel   []int
}

// sequence analyses text into a seq.
func (ix *Index) sequence(text string) seq {
	s := seq{text: text}
	toks := ix.analyzer.Analyze([]byte(text))
	for _, t := range toks {
		s.terms = append(s.terms, string(t.Term))
		s.rel = append(s.rel, t.Position-toks[0].Position)
	}
	return s
}

// query matches the seq anywhere in the body.
func (s seq) query() bquery.Query { return s.in(corpus.FieldBody, 0) }

// in matches the seq anywhere in field: a term query for one word, a
// phraseQuery for more, nothing for none.
func (s seq) in(field string, limit int) bquery.Query {
	switch len(s.terms) {
	case 0:
		return bleve.NewMatchNoneQuery()
	case 1:
		return term(field, s.terms[0])
	}
	return &phraseQuery{field: field, terms: s.terms, rel: s.rel, limit: limit}
}

// operand returns the alternatives one side of a connector stands for.
func (b builder) operand(n Node) ([]seq, error) {
	switch n := n.(type) {
	case Term:
		if n.Field != "" || n.Prefix || n.Fuzzy > 0 {
			return nil, &RequestError{"q", fmt.Sprintf("a proximity search takes plain words and phrases, not field:, prefix* or fuzzy~ (character %d)", n.Pos)}
		}
		s := b.ix.sequence(n.Text)
		if len(s.terms) == 0 {
			return nil, &RequestError{"q", fmt.Sprintf("%q is too common a word to be indexed, so nothing can be near it (character %d)", n.Text, n.Pos)}
		}
		return []seq{s}, nil
	case Phrase:
		if n.Field != "" || n.Slop > 0 {
			return nil, &RequestError{"q", fmt.Sprintf("a proximity search takes plain phrases, not field: or ~N phrases (character %d)", n.Pos)}
		}
		s := b.ix.sequence(n.Text)
		if len(s.terms) == 0 {
			return nil, &RequestError{"q", fmt.Sprintf("the phrase %q has only common words, which are not indexed (character %d)", n.Text, n.Pos)}
		}
		return []seq{s}, nil
	case Or:
		var alts []seq
		for _, c := range n.Children {
			a, err := b.operand(c)
			if err != nil {
				return nil, err
			}
			alts = append(alts, a...)
		}
		return alts, nil
	}
	return nil, &RequestError{"q", "each side of w/N, /s or /p must be a word, a \"phrase\", or a group of them joined by OR"}
}

// anyOf matches any of the alternatives.
func anyOf(alts []seq) bquery.Query {
	if len(alts) == 1 {
		return alts[0].query()
	}
	qs := make([]bquery.Query, len(alts))
	for i, s := range alts {
		qs[i] = s.query()
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func (b builder) near(n Near) (bquery.Query, error) {
	left, err := b.operand(n.Left)
	if err != nil {
		return nil, err
	}
	right, err := b.operand(n.Right)
	if err != nil {
		return nil, err
	}
	both := bleve.NewConjunctionQuery(anyOf(left), anyOf(right))
	key := fmt.Sprintf("near %s| %s %d %s", seqsKey(left), seqsKey(right), n.Distance, n.Unit)
	return &filterQuery{q: both, terms: termsOf(left, right), key: key, bounds: n.Unit != UnitWord, keep: func(tl termLocs, bounds *corpus.Bounds, sc *scratch) bool {
		sc.ls = occurrencesOf(sc.ls[:0], left, tl)
		if len(sc.ls) == 0 {
			return false
		}
		sc.rs = occurrencesOf(sc.rs[:0], right, tl)
		return b.anyNear(sc.ls, sc.rs, n, bounds)
	}}, nil
}

// seqsKey spells alternatives out exactly, for a checkCache key.
func seqsKey(alts []seq) string {
	var b strings.Builder
	for _, s := range alts {
		fmt.Fprintf(&b, "%q%v ", s.terms, s.rel)
	}
	return b.String()
}

// termsOf lists the terms of every alternative.
func termsOf(sides ...[]seq) []string {
	var out []string
	for _, alts := range sides {
		for _, s := range alts {
			out = append(out, s.terms...)
		}
	}
	return out
}

// anyNear reports whether some occurrence in ls and some in rs satisfy the
// connector. It sorts rs once and looks, for each of ls, only at the
// occurrences of rs that could be near it, so a document with thousands of
// each costs n log n rather than n². It gives up (false) when the search's
// context ends; the filterQuery then reports the context's error.
func (b builder) anyNear(ls, rs []occurrence, n Near, bounds *corpus.Bounds) bool {
	if len(ls) == 0 || len(rs) == 0 {
		return false
	}
	if n.Unit != UnitWord {
		starts := bounds.Sentences
		if n.Unit == UnitParagraph {
			starts = bounds.Paragraphs
		}
		type at struct{ page, unit int }
		units := make(map[at]bool, len(ls))
		for _, l := range ls {
			units[at{l.page, unitOf(starts, l)}] = true
		}
		for i, r := range rs {
			if i%checkEvery == 0 && b.ctx.Err() != nil {
				return false
			}
			if units[at{r.page, unitOf(starts, r)}] {
				return true
			}
		}
		return false
	}
	if !slices.IsSortedFunc(rs, compareOccurrence) {
		slices.SortFunc(rs, compareOccurrence)
	}
	longest := 0
	for _, r := range rs {
		longest = max(longest, r.last-r.first)
	}
	for i, l := range ls {
		if i%checkEvery == 0 && b.ctx.Err() != nil {
			return false
		}
		// An r can be near l only if it starts within the distance plus
		// the longest alternative before l, or within the distance after.
		lo := l.first - n.Distance - longest
		j, _ := slices.BinarySearchFunc(rs, occurrence{page: l.page, first: lo}, compareOccurrence)
		for ; j < len(rs) && rs[j].page == l.page && rs[j].first <= l.last+n.Distance; j++ {
			if near(l, rs[j], n, bounds) {
				return true
			}
		}
	}
	return false
}

func (b builder) slop(p Phrase) (bquery.Query, error) {
	if p.Field != "" {
		return nil, &RequestError{"q", fmt.Sprintf("a ~N phrase searches the text, not %s: (character %d)", p.Field, p.Pos)}
	}
	s := b.ix.sequence(p.Text)
	if len(s.terms) == 0 {
		return nil, nil
	}
	if len(s.terms) == 1 {
		return s.query(), nil
	}
	all := make([]bquery.Query, 0, len(s.terms))
	for _, t := range s.terms {
		all = append(all, term(corpus.FieldBody, t))
	}
	every := bleve.NewConjunctionQuery(all...)
	window := s.rel[len(s.rel)-1] + p.Slop
	distinct := slices.Compact(slices.Sorted(slices.Values(s.terms)))
	key := fmt.Sprintf("window %q %d", distinct, window)
	return &filterQuery{q: every, terms: s.terms, key: key, keep: func(tl termLocs, _ *corpus.Bounds, sc *scratch) bool {
		return withinWindow(distinct, tl, window, sc)
	}}, nil
}

// A filterQuery matches the documents of q that keep accepts, judged by
// where terms stand in the body (and by its sentence and paragraph
// bounds, when bounds is set) as bleve's walk reaches each one.
type filterQuery struct {
	q      bquery.Query
	terms  []string // every term keep looks at
	key    string   // what keep decides, as a checkCache key
	bounds bool
	keep   func(termLocs, *corpus.Bounds, *scratch) bool
}

// scratch is what a keep func may reuse from one document to the next.
type scratch struct {
	ls, rs []occurrence
	hits   []windowHit
	count  []int
}

// Searcher implements bleve's query.Query. The positions come from the
// segments' postings (posReader) unless the search asks for term
// locations anyway, for snippets or an explanation.
func (f *filterQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	inner := opts
	var pr *posReader
	if !opts.IncludeTermVectors {
		pr = newPosReader(r, corpus.FieldBody, f.terms, checkCacheOf(ctx), f.key)
	}
	if pr == nil {
		inner.IncludeTermVectors = true
	}
	s, err := f.q.Searcher(ctx, r, m, inner)
	if err != nil {
		return nil, err
	}
	fs := &filterSearcher{Searcher: s, ctx: ctx, r: r, f: f, pr: pr, locations: opts.IncludeTermVectors}
	return newCheckedSearcher(fs, fs.check, pr), nil
}

type filterSearcher struct {
	bsearch.Searcher
	ctx       context.Context
	r         index.IndexReader
	f         *filterQuery
	pr        *posReader // nil: read the matches' term vectors
	locations bool       // the search asked for term locations: pass them on
	n         int
	sc        scratch
}

func (s *filterSearcher) check(dm *bsearch.DocumentMatch) (bool, error) {
	if s.n++; s.n%64 == 0 {
		if err := s.ctx.Err(); err != nil {
			return false, err
		}
	}
	var tl termLocs
	var memo *checkEntry
	var local uint64
	if s.pr != nil {
		if memo, local = s.pr.memo(dm.IndexInternalID); memo != nil {
			if kept, known := memo.get(local); known {
				return kept, nil
			}
		}
		if err := s.pr.read(dm.IndexInternalID); err != nil {
			return false, err
		}
		tl = s.pr
	} else {
		tl = newMatchLocs(dm, corpus.FieldBody)
	}
	var bounds *corpus.Bounds
	if s.f.bounds {
		var err error
		if bounds, err = s.boundsOf(dm); err != nil {
			return false, err
		}
	}
	ok := s.f.keep(tl, bounds, &s.sc)
	if !s.locations {
		dm.FieldTermLocations = dm.FieldTermLocations[:0]
	}
	// keep gives up when the context ends: that answer is not one to keep.
	if err := s.ctx.Err(); err != nil {
		return false, err
	}
	if memo != nil {
		memo.set(local, ok)
	}
	return ok, nil
}

// boundsOf reads a document's sentence and paragraph bounds from its
// stored fields. A document without them has every page as one sentence,
// which errs towards a match.
func (s *filterSearcher) boundsOf(dm *bsearch.DocumentMatch) (*corpus.Bounds, error) {
	id, err := s.r.ExternalID(dm.IndexInternalID)
	if err != nil {
		return nil, err
	}
	doc, err := s.r.Document(id)
	if err != nil {
		return nil, err
	}
	bounds := &corpus.Bounds{}
	if doc != nil {
		doc.VisitFields(func(f index.Field) {
			if f.Name() == corpus.FieldBounds {
				_ = json.Unmarshal(f.Value(), bounds)
			}
		})
	}
	return bounds, nil
}

// An occurrence is one occurrence of a seq: its page (body array position), first
// and last term positions, and byte offset in the page.
type occurrence struct {
	page, first, last, start int
}

func compareOccurrence(a, b occurrence) int {
	return cmp.Or(cmp.Compare(a.page, b.page), cmp.Compare(a.first, b.first))
}

// occurrencesOf appends to dst every occurrence of the alternatives in a
// document, looking the later words of a phrase up by position.
func occurrencesOf(dst []occurrence, alts []seq, tl termLocs) []occurrence {
	for _, s := range alts {
		last := s.rel[len(s.rel)-1]
		for _, l0 := range tl.of(s.terms[0]) {
			ok := true
			for k := 1; k < len(s.terms) && ok; k++ {
				ok = hasTpos(tl.of(s.terms[k]), l0.page, l0.pos+s.rel[k])
			}
			if ok {
				dst = append(dst, occurrence{page: l0.page, first: l0.pos, last: l0.pos + last, start: l0.start})
			}
		}
	}
	return dst
}

// near reports whether two spans satisfy the connector.
func near(a, b occurrence, n Near, bounds *corpus.Bounds) bool {
	if a.page != b.page {
		return false
	}
	switch n.Unit {
	case UnitSentence:
		return sameUnit(bounds.Sentences, a, b)
	case UnitParagraph:
		return sameUnit(bounds.Paragraphs, a, b)
	}
	gap := 0
	switch {
	case a.last < b.first:
		gap = b.first - a.last
	case b.last < a.first:
		gap = a.first - b.last
	}
	return gap <= n.Distance
}

// sameUnit reports whether a and b start in the same sentence (or
// paragraph) of their page.
func sameUnit(starts [][]int, a, b occurrence) bool {
	return unitOf(starts, a) == unitOf(starts, b)
}

// unitOf returns the index of the sentence (or paragraph) o starts in on
// its page, or -1 when the page has no bounds, which puts the whole page
// in one unit.
func unitOf(starts [][]int, o occurrence) int {
	if o.page >= len(starts) {
		return -1
	}
	return sort.SearchInts(starts[o.page], o.start+1) - 1
}

// A windowHit is one occurrence of one of withinWindow's terms.
type windowHit struct{ page, pos, term int }

// withinWindow reports whether every one of distinct (terms, each once)
// occurs on one page within window positions of the others, in any order.
func withinWindow(distinct []string, tl termLocs, window int, sc *scratch) bool {
	hits := sc.hits[:0]
	for i, t := range distinct {
		for _, l := range tl.of(t) {
			hits = append(hits, windowHit{l.page, l.pos, i})
		}
	}
	sc.hits = hits
	slices.SortFunc(hits, func(a, b windowHit) int { return cmp.Or(cmp.Compare(a.page, b.page), cmp.Compare(a.pos, b.pos)) })
	if cap(sc.count) < len(distinct) {
		sc.count = make([]int, len(distinct))
	}
	count := sc.count[:len(distinct)]
	clear(count)
	have, lo := 0, 0
	for _, h := range hits {
		if count[h.term]++; count[h.term] == 1 {
			have++
		}
		for hits[lo].page != h.page || h.pos-hits[lo].pos > window {
			if count[hits[lo].term]--; count[hits[lo].term] == 0 {
				have--
			}
			lo++
		}
		if have == len(distinct) {
			return true
		}
	}
	return false
}
