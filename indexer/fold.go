package indexer

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// FoldFilter is the name of our accent-folding token filter.
//
// Bleve's asciifolding is a character filter: it rewrites the text before
// tokenizing, so when it shortens a character ("’" is three bytes, "'" one)
// every later token's byte offsets point at the wrong place in the stored
// text, and snippets mark the wrong letters. Folding each token after the
// tokenizer leaves the offsets alone.
const FoldFilter = "lexsearch_fold"

var registerOnce sync.Once

// registerAnalysis adds our tokenizer and token filters to bleve's
// registry. Bleve looks analysis components up by name when it opens an
// index, so this must run before any index is created or opened; every
// path to an index in this package calls it. It is a function rather than
// an init() so that importing the package has no side effects.
func registerAnalysis() {
	registerOnce.Do(func() {
		// The only error is a duplicate name, impossible under the Once.
		_ = registry.RegisterTokenFilter(FoldFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return foldFilter{}, nil
		})
		_ = registry.RegisterTokenizer(WordTokenizer, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
			return wordTokenizer{}, nil
		})
		_ = registry.RegisterTokenFilter(StemFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return newStemFilter(), nil
		})
		_ = registry.RegisterTokenFilter(EnglishFilter, func(_ map[string]any, cache *registry.Cache) (analysis.TokenFilter, error) {
			return newEnglishFilter(cache)
		})
	})
}

// foldFilter removes diacritics and folds a few letters that have no
// decomposition, so "Défendeur" and "defendeur" index alike.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if !isASCII(t.Term) {
			t.Term = foldTerm(t.Term)
		}
	}
	return in
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// special maps letters that Unicode does not decompose into a base letter
// and a mark.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ø': "o", 'Ø': "O",
	'ł': "l", 'Ł': "L", 'đ': "d", 'Đ': "D", 'ı': "i", '’': "'", '‘': "'",
}

func foldTerm(term []byte) []byte {
	out := make([]byte, 0, len(term))
	for _, r := range string(norm.NFD.Bytes(term)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case special[r] != "":
			out = append(out, special[r]...)
		default:
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}
