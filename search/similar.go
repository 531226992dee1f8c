package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"lexsearch/corpus"
)

// How Similar weighs what two documents share: a cited case is the
// strongest sign that two documents are about the same thing, a statute
// next, and distinctive words last.
const (
	similarCitationBoost = 8
	similarStatuteBoost  = 5
	similarTerms         = 25      // distinctive words of the document to look for
	similarTextBytes     = 200_000 // the text read to find them; the start of a long opinion says what it is about
)

// Similar returns up to size documents like the one with id: those that
// cite the same cases and statutes first, then those that share its most
// distinctive words. The document itself is never among them.
func (ix *Index) Similar(ctx context.Context, id string, size int) (*Result, error) {
	start := ix.now()
	if size <= 0 || size > MaxSize {
		return nil, &RequestError{"size", fmt.Sprintf("must be between 1 and %d, not %d", MaxSize, size)}
	}
	doc, err := ix.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	var should []bquery.Query
	for _, c := range doc.Citations {
		should = append(should, boosted(term(corpus.FieldCitations, c), similarCitationBoost))
	}
	for _, s := range doc.Statutes {
		should = append(should, boosted(term(corpus.FieldStatutes, s), similarStatuteBoost))
	}
	words, err := ix.distinctiveTerms(ctx, doc)
	if err != nil {
		return nil, err
	}
	for _, w := range words {
		should = append(should, term(corpus.FieldBody, w))
	}
	out := &Result{Hits: []Hit{}, Facets: map[string][]Bucket{}, Histogram: []Bucket{}, Page: 1, Size: size}
	if len(should) > 0 {
		bq := bleve.NewBooleanQuery()
		bq.AddShould(should...)
		bq.SetMinShould(1)
		bq.AddMustNot(bleve.NewDocIDQuery([]string{id}))
		sr := bleve.NewSearchRequestOptions(bq, size, 0, false)
		sr.Fields = []string{corpus.FieldMeta}
		sr.SortByCustom(sortOrder(SortRelevance))
		res, err := ix.idx.SearchInContext(ctx, sr)
		if err != nil {
			return nil, fmt.Errorf("search: similar to %s: %w", id, err)
		}
		out.Total = res.Total
		for _, dm := range res.Hits {
			h, err := hit(dm, nil)
			if err != nil {
				return nil, err
			}
			out.Hits = append(out.Hits, h)
		}
	}
	out.Took = ix.now().Sub(start)
	out.TookMS = math.Round(float64(out.Took.Microseconds())/10) / 100
	return out, nil
}

// distinctiveTerms returns the document's words that are frequent in it
// and rare in the index (tf·idf), numbers and one-letter words left out.
func (ix *Index) distinctiveTerms(ctx context.Context, doc *corpus.Document) ([]string, error) {
	var text strings.Builder
	for _, p := range doc.Pages {
		if text.Len() >= similarTextBytes {
			break
		}
		text.WriteString(p.Text)
		text.WriteByte('\n')
	}
	tf := map[string]int{}
	for _, t := range ix.analyze(text.String()) {
		if len(t) > 2 && strings.IndexFunc(t, unicode.IsLetter) >= 0 {
			tf[t]++
		}
	}
	total, err := ix.idx.DocCount()
	if err != nil {
		return nil, err
	}
	type scored struct {
		term  string
		score float64
	}
	// Ask the index for document frequencies of the most frequent words
	// only: one small search each.
	var cands []scored
	for t, n := range tf {
		cands = append(cands, scored{t, float64(n)})
	}
	slices.SortFunc(cands, func(a, b scored) int { return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.term, b.term)) })
	cands = cands[:min(len(cands), 4*similarTerms)]
	for i, c := range cands {
		sr := bleve.NewSearchRequestOptions(term(corpus.FieldBody, c.term), 0, 0, false)
		res, err := ix.idx.SearchInContext(ctx, sr)
		if err != nil {
			return nil, fmt.Errorf("search: document frequency of %q: %w", c.term, err)
		}
		cands[i].score = c.score * math.Log(float64(total+1)/float64(res.Total+1))
	}
	slices.SortFunc(cands, func(a, b scored) int { return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.term, b.term)) })
	var out []string
	for _, c := range cands[:min(len(cands), similarTerms)] {
		if c.score > 0 {
			out = append(out, c.term)
		}
	}
	return out, nil
}
