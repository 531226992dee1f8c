package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
)

// A mark is one thing a query looks for in a text field: a word, or a
// phrase whose occurrences (not its words anywhere) are what to mark.
type mark struct {
	field string
	terms []string
	rel   []int
	fuzzy int // a fuzzy word: the indexed words within this many edits
}

// marks lists what q looks for, from every part of it that can match
// (not the MUST NOT side of a boolean).
func marks(q bquery.Query) []mark {
	var out []mark
	var walk func(bquery.Query)
	walk = func(q bquery.Query) {
		switch q := q.(type) {
		case *bquery.TermQuery:
			out = append(out, mark{field: q.FieldVal, terms: []string{q.Term}, rel: []int{0}})
		case *bquery.FuzzyQuery:
			out = append(out, mark{field: q.FieldVal, terms: []string{q.Term}, rel: []int{0}, fuzzy: q.Fuzziness})
		case *phraseQuery:
			out = append(out, mark{field: q.field, terms: q.terms, rel: q.rel})
		case *filterQuery:
			walk(q.q)
		case *allWordsQuery:
			walk(q.q)
		case *bquery.ConjunctionQuery:
			for _, c := range q.Conjuncts {
				walk(c)
			}
		case *bquery.DisjunctionQuery:
			for _, c := range q.Disjuncts {
				walk(c)
			}
		case *bquery.BooleanQuery:
			if q.Must != nil {
				walk(q.Must)
			}
			if q.Should != nil {
				walk(q.Should)
			}
		}
	}
	walk(q)
	return out
}

// texts fetches the stored metadata and the pages (the stored body of an
// older index, else from the page source) of each hit on the page, and where in its
// title and body the query's words and phrases occur, straight from the
// index's term vectors for those documents only. Walking every match with
// positions cost the most on a common word, and a search restricted to the
// page's hits would walk a phrase's documents again to find them.
func (ix *Index) texts(ctx context.Context, p *plan, hits bsearch.DocumentMatchCollection) (map[string]*bsearch.DocumentMatch, error) {
	out := make(map[string]*bsearch.DocumentMatch, len(hits))
	if len(hits) == 0 {
		return out, nil
	}
	ms := marks(p.q)
	for _, sh := range ix.shards {
		if len(out) == len(hits) {
			break
		}
		adv, err := sh.Advanced()
		if err != nil {
			return nil, fmt.Errorf("search: snippets: %w", err)
		}
		r, err := adv.Reader()
		if err != nil {
			return nil, fmt.Errorf("search: snippets: %w", err)
		}
		err = ix.textsIn(ctx, r, ms, hits, out)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("search: snippets: %w", err)
		}
	}
	return out, ctx.Err()
}

// textsIn fills out with the hits that reader r (one shard) holds.
func (ix *Index) textsIn(ctx context.Context, r index.IndexReader, ms []mark, hits bsearch.DocumentMatchCollection, out map[string]*bsearch.DocumentMatch) error {
	// The fuzzy words stand for the indexed words near them.
	var exact []mark
	for _, m := range ms {
		if m.fuzzy == 0 {
			exact = append(exact, m)
			continue
		}
		fr, ok := r.(index.IndexReaderFuzzy)
		if !ok {
			continue
		}
		dict, err := fr.FieldDictFuzzy(m.field, m.terms[0], m.fuzzy, "")
		if err != nil {
			return err
		}
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				dict.Close()
				if err != nil {
					return err
				}
				break
			}
			exact = append(exact, mark{field: m.field, terms: []string{e.Term}, rel: []int{0}})
		}
	}
	// The shard's hits in index order, so that one reader per word walks
	// them forward: a term reader reads the word's postings in every
	// segment when it is made, and one made per hit and word was two
	// thirds of the time fetching a page's texts.
	var page []located
	for _, dm := range hits {
		if out[dm.ID] != nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		iid, err := r.InternalID(dm.ID)
		if err != nil {
			return err
		}
		if len(iid) == 0 {
			continue // in another shard
		}
		text := &bsearch.DocumentMatch{ID: dm.ID, Fields: map[string]any{}, Locations: bsearch.FieldTermLocationMap{}}
		var stored []any
		err = visitStored(r, dm.ID, iid, func(name string, val []byte) {
			switch name {
			case corpus.FieldBody:
				stored = append(stored, string(val))
			case corpus.FieldMeta:
				text.Fields[corpus.FieldMeta] = string(val)
			}
		})
		if err != nil {
			return err
		}
		if stored == nil && ix.pages != nil {
			// The index does not store the body: the kept text has it.
			text.Fields[corpus.FieldBody] = ix.hitPages(ctx, dm.ID)
		} else {
			text.Fields[corpus.FieldBody] = stored
		}
		out[dm.ID] = text
		page = append(page, located{iid, text})
	}
	slices.SortFunc(page, func(a, b located) int { return a.iid.Compare(b.iid) })
	for _, m := range exact {
		if err := locate(ctx, r, m, page); err != nil {
			return err
		}
	}
	return nil
}

// hitPages returns a hit's pages from the page source. A hit whose text
// cannot be read, because the document was deleted since the search
// found it or its kept text is unreadable, is shown without snippets:
// the rest of the page is still worth showing, and the document's own
// text (Document) reports the error; lexsearch's page source logs it.
func (ix *Index) hitPages(ctx context.Context, id string) []string {
	pages, err := ix.pages(ctx, id)
	if err != nil {
		return nil
	}
	return pages
}

// visitStored calls fn with each stored field of the document id, whose
// number in r is iid. From a scorch snapshot the fields are read straight
// from the document's segment: its Document looks the id up again in
// every segment, and copies each field twice.
func visitStored(r index.IndexReader, id string, iid index.IndexInternalID, fn func(name string, val []byte)) error {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		doc, err := r.Document(id)
		if err != nil || doc == nil {
			return err
		}
		doc.VisitFields(func(f index.Field) { fn(f.Name(), f.Value()) })
		return nil
	}
	// Scorch numbers a snapshot's documents segment after segment.
	n, first := iid.Value(), uint64(0)
	for _, s := range snap.Segments() {
		count := s.Segment().Count()
		if n < first+count {
			return s.VisitDocument(n-first, func(name string, _ byte, val []byte, _ []uint64) bool {
				fn(name, val)
				return true
			})
		}
		first += count
	}
	return fmt.Errorf("document %s: number %d is past the index's end", id, n)
}

// located is one hit whose texts are being read: its number in the
// reader, and the match its words' locations are added to.
type located struct {
	iid  index.IndexInternalID
	text *bsearch.DocumentMatch
}

// locate adds, to each of page's documents (in index order), where m
// occurs in it.
func locate(ctx context.Context, r index.IndexReader, m mark, page []located) error {
	words := make([]*wordReader, len(m.terms))
	defer func() {
		for _, w := range words {
			if w != nil {
				w.tfr.Close()
			}
		}
	}()
	for k, t := range m.terms {
		tfr, err := r.TermFieldReader(ctx, []byte(t), m.field, false, false, true)
		if err != nil {
			return err
		}
		words[k] = &wordReader{tfr: tfr}
	}
	vecs := make([][]*index.TermFieldVector, len(m.terms))
	for _, h := range page {
		found := true
		for k, w := range words {
			v, err := w.vectors(h.iid)
			if err != nil {
				return err
			}
			if v == nil {
				found = false // a word of it is not in this document
				break
			}
			vecs[k] = v
		}
		if found {
			addLocations(m, vecs, h.text.Locations)
		}
	}
	return nil
}

// wordReader walks one word's postings forward through a page's
// documents.
type wordReader struct {
	tfr index.TermFieldReader
	at  *index.TermFieldDoc // where the reader is; nil before the first document
	end bool                // no documents past at
}

// vectors returns the word's locations in document iid, or nil when it
// is not there. Documents must be asked for in index order.
func (w *wordReader) vectors(iid index.IndexInternalID) ([]*index.TermFieldVector, error) {
	if w.at != nil && w.at.ID.Compare(iid) >= 0 {
		// The reader passed iid on the way to an earlier document: the
		// word is not in it, unless that is where it stopped.
		if w.at.ID.Equals(iid) {
			return w.at.Vectors, nil
		}
		return nil, nil
	}
	if w.end {
		return nil, nil
	}
	tfd, err := w.tfr.Advance(iid, nil)
	if err != nil {
		return nil, err
	}
	if tfd == nil {
		w.end = true
		return nil, nil
	}
	w.at = tfd
	if !tfd.ID.Equals(iid) {
		return nil, nil
	}
	return tfd.Vectors, nil
}

// addLocations adds to locs the occurrences of m in one document, given
// the locations there of each of m's words.
func addLocations(m mark, vecs [][]*index.TermFieldVector, locs bsearch.FieldTermLocationMap) {
	tlm := locs[m.field]
	if tlm == nil {
		tlm = bsearch.TermLocationMap{}
	}
	add := func(term string, v *index.TermFieldVector) {
		// The reader reuses the array positions' memory for the next
		// document.
		tlm.AddLocation(term, &bsearch.Location{Pos: v.Pos, Start: v.Start, End: v.End, ArrayPositions: slices.Clone(v.ArrayPositions)})
	}
	if len(m.terms) == 1 {
		for _, v := range vecs[0] {
			add(m.terms[0], v)
		}
	} else {
		// A phrase: only its occurrences, found by position as in
		// phraseSearcher.
		at := make([]map[uint64]*index.TermFieldVector, len(m.terms))
		for k := 1; k < len(m.terms); k++ {
			at[k] = make(map[uint64]*index.TermFieldVector, len(vecs[k]))
			for _, v := range vecs[k] {
				at[k][vecKey(v)] = v
			}
		}
		for _, v0 := range vecs[0] {
			k0 := vecKey(v0)
			ok := true
			for k := 1; k < len(m.terms) && ok; k++ {
				_, ok = at[k][k0+uint64(m.rel[k])]
			}
			if !ok {
				continue
			}
			add(m.terms[0], v0)
			for k := 1; k < len(m.terms); k++ {
				add(m.terms[k], at[k][k0+uint64(m.rel[k])])
			}
		}
	}
	if len(tlm) > 0 {
		locs[m.field] = tlm
	}
}

func vecKey(v *index.TermFieldVector) uint64 {
	var p uint64
	if len(v.ArrayPositions) > 0 {
		p = v.ArrayPositions[0]
	}
	return p<<32 | v.Pos&0xffffffff
}
