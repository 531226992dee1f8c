package indexer

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
)

// EnglishFilter is the name of our English token filter: in one pass over
// the words it does what bleve's possessive filter, lowercase filter, our
// FoldFilter, bleve's English stop filter and our StemFilter do one after
// another, and gives the same terms. Five filters meant five walks over
// every word of every prose field; most words are lower-case ASCII, for
// which lowercasing and folding are a test of each byte.
//
// Indexes made before it name the five filters, which stay registered, so
// they open and analyse queries as they always did.
const EnglishFilter = "lexsearch_en"

type englishFilter struct {
	stop  analysis.TokenMap
	lower analysis.TokenFilter // for words with a letter beyond ASCII
	memo  *stemMemo
	// The stop words of one and two ASCII letters, looked up without a
	// hash: two-letter words are common in prose and never stemmed.
	stop1 [utf8.RuneSelf]bool
	stop2 [utf8.RuneSelf * utf8.RuneSelf]bool
}

func newEnglishFilter(cache *registry.Cache) (*englishFilter, error) {
	stop, err := cache.TokenMapNamed(en.StopName)
	if err != nil {
		return nil, err
	}
	f := &englishFilter{stop: stop, lower: lowercase.NewLowerCaseFilter(), memo: newStemMemo()}
	for w := range stop {
		switch {
		case !isASCII([]byte(w)):
		case len(w) == 1:
			f.stop1[w[0]] = true
		case len(w) == 2:
			f.stop2[int(w[0])*utf8.RuneSelf+int(w[1])] = true
		}
	}
	return f, nil
}

func (f *englishFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	kept := 0
	for _, t := range in {
		if t.KeyWord { // not stemmed
			t.Term = f.fold(t.Term)
			if _, stop := f.stop[string(t.Term)]; stop {
				continue
			}
		} else {
			term, keep := f.term(t.Term)
			if !keep {
				continue
			}
			t.Term = term
		}
		in[kept] = t
		kept++
	}
	return in[:kept]
}

// term returns the term a word indexes as, or keep false for a stop word.
// It may rewrite word (lower-casing it in place); the term may be word,
// a part of it, or a stem shared with other calls, never to be written.
func (f *englishFilter) term(word []byte) (term []byte, keep bool) {
	stem, stop := f.lookup(f.fold(word))
	return stem, !stop
}

// fold drops a possessive and lower-cases and folds a word.
func (f *englishFilter) fold(word []byte) []byte {
	term := trimPossessive(word)
	if lowerASCII(term) {
		return term
	}
	// Bleve's lowercase filter, so that every Unicode case rule (a final
	// sigma, a lower case longer than its capital) is its; then the fold,
	// as FoldFilter does.
	t := &analysis.Token{Term: term}
	f.lower.Filter(analysis.TokenStream{t})
	if !isASCII(t.Term) {
		return foldTerm(t.Term)
	}
	return t.Term
}

// lookup returns the stem of a lower-case, folded word, or that it is a
// stop word.
func (f *englishFilter) lookup(word []byte) (stem []byte, stop bool) {
	if len(word) <= 2 && isASCII(word) {
		// The porter stemmer leaves words of one or two letters alone.
		switch len(word) {
		case 1:
			return word, f.stop1[word[0]]
		case 2:
			return word, f.stop2[int(word[0])*utf8.RuneSelf+int(word[1])]
		}
	}
	e, ok := f.memo.get(word)
	if !ok {
		_, e.stop = f.stop[string(word)]
		if !e.stop {
			e.stem = porterStem(word)
		}
		f.memo.put(word, e)
	}
	return e.stem, e.stop
}

// trimPossessive drops an English possessive "'s" (with any of the
// apostrophes bleve's possessive filter knows, and either case of s) from
// the end of a word.
func trimPossessive(term []byte) []byte {
	n := len(term)
	if n < 2 || (term[n-1] != 's' && term[n-1] != 'S') {
		return term
	}
	r, size := utf8.DecodeLastRune(term[:n-1])
	if r == '\'' || r == '’' || r == '＇' {
		return term[:n-1-size]
	}
	return term
}

// lowerASCII lowercases term in place and reports true if it is all
// ASCII; it leaves a word with any other byte untouched and reports false.
func lowerASCII(term []byte) bool {
	upper := false
	for _, c := range term {
		if c >= utf8.RuneSelf {
			return false
		}
		upper = upper || ('A' <= c && c <= 'Z')
	}
	if upper {
		for i, c := range term {
			if 'A' <= c && c <= 'Z' {
				term[i] = c + ('a' - 'A')
			}
		}
	}
	return true
}
