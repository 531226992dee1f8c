package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
)

// titleBoost makes a word in the title (a case name, a report's name) count
// for more than the same word deep in the body.
const titleBoost = 2.0

// builder turns our AST and the request's filters into bleve queries. It
// records the aliases it resolves, for explain.
type builder struct {
	ctx     context.Context
	ix      *Index
	aliases *[]Alias
}

// plan parses the request's query and builds the queries of a search.
// Filters do not score; they only narrow.
func (ix *Index) plan(ctx context.Context, req Request) (*plan, error) {
	node, err := Parse(req.Q)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			return nil, &RequestError{"q", pe.Error()}
		}
		return nil, err
	}
	p := &plan{}
	b := builder{ctx: ctx, ix: ix, aliases: &p.aliases}
	if p.q, err = b.node(node); err != nil {
		return nil, err
	}
	if p.q == nil { // only stop words: match everything, like an empty query
		p.q = bleve.NewMatchAllQuery()
	}
	for _, f := range []struct {
		facet  string
		values []string
	}{
		{corpus.FieldStatutes, req.Statutes},
		{corpus.FieldCourt, req.Courts},
		{corpus.FieldParties, req.Parties},
		{corpus.FieldJudges, req.Judges},
		{corpus.FieldType, req.Types},
		{corpus.FieldLang, req.Langs},
		{corpus.FieldYear, req.Years},
	} {
		if len(f.values) == 0 {
			continue
		}
		alts := make([]bquery.Query, 0, len(f.values))
		norms := make([]string, 0, len(f.values))
		for _, v := range f.values {
			resolved, err := b.resolveAll(f.facet, v)
			if err != nil {
				return nil, &RequestError{f.facet, err.Error()}
			}
			for _, norm := range resolved {
				alts = append(alts, term(f.facet, norm))
				norms = append(norms, norm)
			}
		}
		p.filters = append(p.filters, filter{f.facet, norms, bleve.NewDisjunctionQuery(alts...)})
	}
	if req.From != "" || req.To != "" {
		p.filters = append(p.filters, filter{"", nil, dateRange(req.From, req.To)})
	}
	return p, nil
}

// dateRange matches documents dated from the first day of from to the last
// of to (each YYYY, YYYY-MM or YYYY-MM-DD, already validated); an empty
// bound is open.
func dateRange(from, to string) bquery.Query {
	// A zero time leaves that end open. bleve stores dates as
	// nanoseconds, so years outside about 1678-2261 would overflow; an
	// end beyond them is as good as open.
	var start, end time.Time
	if from != "" {
		start, _, _ = dateBounds(from)
	}
	if to != "" {
		_, end, _ = dateBounds(to)
	}
	if start.Before(bquery.MinRFC3339CompatibleTime) {
		start = time.Time{}
	}
	if end.After(bquery.MaxRFC3339CompatibleTime) {
		end = time.Time{}
	}
	if end.Before(bquery.MinRFC3339CompatibleTime) && !end.IsZero() {
		end = bquery.MinRFC3339CompatibleTime // before every date: matches none
	}
	if start.After(bquery.MaxRFC3339CompatibleTime) {
		start = bquery.MaxRFC3339CompatibleTime
	}
	yes := true
	dr := bleve.NewDateRangeInclusiveQuery(start, end, &yes, &yes)
	dr.SetField(corpus.FieldDate)
	return dr
}

// node translates one AST node. It returns nil for a node that constrains
// nothing, such as a word that is only a stop word ("to" in "motion to
// dismiss"): dropping it is what the user means, while a query for it would
// match nothing and sink the whole AND.
func (b builder) node(n Node) (bquery.Query, error) {
	switch n := n.(type) {
	case MatchAll:
		return bleve.NewMatchAllQuery(), nil
	case Term:
		return b.term(n)
	case Phrase:
		return b.phrase(n)
	case And:
		return b.and(n.Children)
	case Or:
		var alts []bquery.Query
		for _, c := range n.Children {
			q, err := b.node(c)
			if err != nil {
				return nil, err
			}
			if q != nil {
				alts = append(alts, q)
			}
		}
		if len(alts) == 0 {
			return nil, nil
		}
		return bleve.NewDisjunctionQuery(alts...), nil
	case Not:
		return b.and([]Node{n})
	case Near:
		return b.near(n)
	case Range:
		return dateRange(n.From, n.To), nil
	}
	return nil, fmt.Errorf("search: unknown query node %T", n)
}

// and builds a boolean query: the positive children must all match, the
// negated ones must not. A query of only exclusions excludes from everything.
func (b builder) and(children []Node) (bquery.Query, error) {
	var must, not []bquery.Query
	var words []string // the bare words, in order, for the phrase bonus
	var terms []string // the indexed term of each must, while each is a bare word of one
	onlyWords := true
	for _, c := range children {
		t, isWord := c.(Term)
		isWord = isWord && t.Field == "" && !t.Prefix && t.Fuzzy == 0
		if isWord {
			words = append(words, t.Text)
		}
		neg, isNot := c.(Not)
		if isNot {
			c = neg.Child
		}
		q, err := b.node(c)
		if err != nil {
			return nil, err
		}
		switch {
		case q == nil:
		case isNot:
			not = append(not, q)
		default:
			must = append(must, q)
			var tokens []string
			if isWord {
				tokens = b.ix.analyze(t.Text)
			}
			if len(tokens) == 1 {
				terms = append(terms, tokens[0])
			} else {
				onlyWords = false
			}
		}
	}
	if len(not) == 0 {
		switch len(must) {
		case 0:
			return nil, nil
		case 1:
			return must[0], nil
		}
	}
	bq := bleve.NewBooleanQuery()
	if len(must) == 0 {
		must = []bquery.Query{bleve.NewMatchAllQuery()}
	}
	bq.AddMust(must...)
	bq.AddMustNot(not...)
	if len(words) >= 2 && len(must) >= 2 {
		// Every word must match anywhere, but documents where they stand
		// together as typed rank first: "section 230" the phrase beats
		// "section" on page 2 and "230" on page 9.
		bq.AddShould(b.ix.phraseIn(strings.Join(words, " "), bonusLimit, textFields("")...)...)
	}
	if onlyWords && len(not) == 0 && len(terms) >= 2 && !b.ix.walkAll {
		bq.Must = &allWordsQuery{q: bq.Must, terms: terms, fields: textFields("")}
	}
	return bq, nil
}

// maxPrefixTerms caps how many indexed words a prefix* may stand for: a
// one-letter prefix would otherwise become a query over much of the
// dictionary.
const maxPrefixTerms = 1000

// expand turns prefix* into the indexed words of field that start with it.
func (b builder) expand(field, prefix string, pos int) (bquery.Query, error) {
	var alts []bquery.Query
	tooMany := false
	err := b.ix.terms(field, prefix, func(t string) bool {
		if len(alts) == maxPrefixTerms {
			tooMany = true
			return false
		}
		alts = append(alts, term(field, t))
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("search: expand %s*: %w", prefix, err)
	}
	if tooMany {
		return nil, &RequestError{"q", fmt.Sprintf("%s* stands for more than %d words (character %d); type more letters", prefix, maxPrefixTerms, pos)}
	}
	if len(alts) == 0 {
		return bleve.NewMatchNoneQuery(), nil
	}
	if len(alts) == 1 && !b.ix.walkAll {
		// One word (immun* at 100k is "immun" alone, in nine documents
		// of ten): its term query as it is, without a disjunction around
		// it that only passed its score on, once per document matched.
		return alts[0], nil
	}
	return bleve.NewDisjunctionQuery(alts...), nil
}

// bonusLimit caps the occurrences the phrase bonus examines in one
// document: enough for any opinion, a bound for a 50 MB exhibit.
const bonusLimit = 20000

// phraseIn returns a phrase query for each field, the title boosted.
// limit caps the occurrences examined per document (see phraseQuery).
func (ix *Index) phraseIn(text string, limit int, fields ...string) []bquery.Query {
	s := ix.sequence(text)
	var qs []bquery.Query
	for _, f := range fields {
		q := s.in(f, limit)
		if f == corpus.FieldTitle && len(fields) > 1 {
			q = boosted(q, titleBoost)
		}
		qs = append(qs, q)
	}
	return qs
}

// textFields lists the fields a word without a field prefix searches.
func textFields(field string) []string {
	if field == corpus.FieldTitle {
		return []string{corpus.FieldTitle}
	}
	return []string{corpus.FieldTitle, corpus.FieldBody}
}

func (b builder) term(t Term) (bquery.Query, error) {
	if t.Field != "" && t.Field != corpus.FieldTitle {
		if t.Prefix || t.Fuzzy > 0 {
			return nil, &RequestError{"q", fmt.Sprintf("%s: takes a whole value, not a prefix* or fuzzy~ word (character %d)", t.Field, t.Pos)}
		}
		return b.fieldValue(t.Field, t.Text, t.Pos)
	}
	tokens := b.ix.analyze(t.Text)
	var alts []bquery.Query
	for _, f := range textFields(t.Field) {
		var q bquery.Query
		switch {
		case t.Prefix:
			// The stem is the prefix, so amendment* finds "amendments"
			// as well as amend* does; a word the analyzer drops is
			// matched as typed, lower-cased.
			p := strings.ToLower(t.Text)
			if len(tokens) == 1 {
				p = tokens[0]
			}
			var err error
			if q, err = b.expand(f, p, t.Pos); err != nil {
				return nil, err
			}
		case len(tokens) == 0:
			return nil, nil
		case t.Fuzzy > 0:
			fq := bleve.NewFuzzyQuery(tokens[0])
			fq.SetField(f)
			fq.SetFuzziness(t.Fuzzy)
			q = fq
		case len(tokens) == 1:
			q = term(f, tokens[0])
		default: // "vis-à-vis", "U.S.C.": one typed word, several tokens
			q = b.ix.sequence(t.Text).in(f, 0)
		}
		// A prefix's words in the title are not boosted: the boost of
		// the disjunction they were always in is one bleve ignores, and
		// the answers stay as they were when a prefix stands for one word.
		if f == corpus.FieldTitle && len(textFields(t.Field)) > 1 && !t.Prefix {
			q = boosted(q, titleBoost)
		}
		alts = append(alts, q)
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return bleve.NewDisjunctionQuery(alts...), nil
}

func (b builder) phrase(p Phrase) (bquery.Query, error) {
	if p.Slop > 0 {
		return b.slop(p)
	}
	if p.Field != "" && p.Field != corpus.FieldTitle {
		return b.fieldValue(p.Field, p.Text, p.Pos)
	}
	if len(b.ix.analyze(p.Text)) == 0 {
		return nil, nil
	}
	alts := b.ix.phraseIn(p.Text, 0, textFields(p.Field)...)
	if len(alts) == 1 {
		return alts[0], nil
	}
	return bleve.NewDisjunctionQuery(alts...), nil
}

// fieldValue is field:value in a query: an exact match on a keyword field,
// after the value is resolved to its canonical form.
func (b builder) fieldValue(field, value string, pos int) (bquery.Query, error) {
	norms, err := b.resolveAll(field, value)
	if err != nil {
		return nil, &RequestError{"q", fmt.Sprintf("%s (character %d)", err, pos)}
	}
	if len(norms) == 1 {
		return term(field, norms[0]), nil
	}
	alts := make([]bquery.Query, 0, len(norms))
	for _, n := range norms {
		alts = append(alts, term(field, n))
	}
	return bleve.NewDisjunctionQuery(alts...), nil
}

// resolveAll is resolve for a field where one value as typed may name
// several indexed values: a party filter "Twitter" names "Twitter, Inc."
// and "Twitter Inc" alike, a judge filter "Wood" every judge Wood.
func (b builder) resolveAll(field, value string) ([]string, error) {
	if field == corpus.FieldDocket {
		// A docket number as printed ("20-cv-02335", "No. 20-cv-02335")
		// names the indexed numbers it can be ("1:20-cv-02335").
		if terms := b.ix.lookupDocket(value); len(terms) > 0 {
			b.alias(field, value, strings.Join(terms, ", "))
			return terms, nil
		}
	}
	if field != corpus.FieldParties && field != corpus.FieldJudges {
		norm, err := b.resolve(field, value)
		if err != nil {
			return nil, err
		}
		return []string{norm}, nil
	}
	value = strings.TrimSpace(value)
	resolve := b.ix.resolveParty
	if field == corpus.FieldJudges {
		resolve = b.ix.resolveJudge
	}
	norms, err := resolve(value)
	if err != nil {
		return nil, err
	}
	for _, n := range norms {
		b.alias(field, value, n)
	}
	return norms, nil
}

// resolve maps a filter value as typed to the canonical value indexed in
// field: statutes and courts through the taggers' tables, the rest by
// matching the indexed values without regard to case or punctuation.
func (b builder) resolve(field, value string) (string, error) {
	value = strings.TrimSpace(value)
	switch field {
	case corpus.FieldStatutes:
		if norm, ok := entity.NormalizeStatute(value); ok {
			b.alias(field, value, norm)
			return norm, nil
		}
		return "", fmt.Errorf("%q is not a statute lexsearch knows%s", value, closest(entity.SuggestStatute(value, 3)))
	case corpus.FieldCourt:
		if id, ok := entity.NormalizeCourt(value); ok {
			b.alias(field, value, id)
			return id, nil
		}
		return "", fmt.Errorf("%q is not a court lexsearch knows%s", value, closest(entity.SuggestCourt(value, 3)))
	case corpus.FieldType:
		if !slices.Contains(corpus.Types, value) {
			return "", fmt.Errorf("%q is not a document type; use one of %s", value, strings.Join(corpus.Types, ", "))
		}
		return value, nil
	case corpus.FieldYear:
		if !yearRE.MatchString(value) {
			return "", fmt.Errorf("%q is not a year such as 2021", value)
		}
		return value, nil
	case corpus.FieldLang:
		return strings.ToLower(value), nil
	}
	if v, ok := b.ix.lookup(field, value); ok {
		b.alias(field, value, v)
		return v, nil
	}
	return value, nil // unknown values simply match nothing, like any search
}

// alias records that value was resolved to norm, when they differ.
func (b builder) alias(field, value, norm string) {
	if value != norm {
		*b.aliases = append(*b.aliases, Alias{Field: field, Typed: value, Canonical: norm})
	}
}

// closest words the suggestions of an unknown value for an error message.
func closest(suggestions []string) string {
	if len(suggestions) == 0 {
		return ""
	}
	return "; closest known: " + strings.Join(suggestions, ", ")
}

func term(field, value string) *bquery.TermQuery {
	tq := bleve.NewTermQuery(value)
	tq.SetField(field)
	return tq
}

// boosted sets a query's boost where its type supports one.
func boosted(q bquery.Query, boost float64) bquery.Query {
	if bq, ok := q.(bquery.BoostableQuery); ok {
		bq.SetBoost(boost)
	}
	return q
}
