package ui

import (
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
	"golang.org/x/text/unicode/norm"

	"lexsearch/search"
)

// A part is a run of text, marked when it matched the query. Templates
// print parts with ordinary escaping, so no text is ever trusted as HTML.
type part struct {
	Text string
	Mark bool
}

// snippetParts splits a snippet from package search, whose matches are
// wrapped in <mark> and whose other text is HTML-escaped, into parts of
// plain text.
func snippetParts(s string) []part {
	var out []part
	for s != "" {
		i := strings.Index(s, "<mark>")
		if i < 0 {
			out = append(out, part{Text: html.UnescapeString(s)})
			break
		}
		if i > 0 {
			out = append(out, part{Text: html.UnescapeString(s[:i])})
		}
		s = s[i+len("<mark>"):]
		j := strings.Index(s, "</mark>")
		if j < 0 {
			j = len(s)
		}
		out = append(out, part{Text: html.UnescapeString(s[:j]), Mark: true})
		s = strings.TrimPrefix(s[j:], "</mark>")
	}
	return out
}

// A highlighter marks the words of a query in a document's text. It
// analyses words as the index does (lower case, accents folded, English
// stop words dropped, Porter stems), so "liability" marks "liabilities";
// a prefix query (amend*) marks every word that starts with the prefix.
type highlighter struct {
	stems    map[string]bool
	prefixes []string
	// seen remembers the answer for each folded word: a long document
	// repeats its words, and stemming each occurrence is most of the cost.
	seen map[string]bool
}

// newHighlighter collects the words of q that a match must or may contain:
// words and phrases in the text fields, but not those under NOT, nor field
// values such as court:ilnd. An unparsable query highlights nothing.
func newHighlighter(q string) *highlighter {
	h := &highlighter{stems: map[string]bool{}, seen: map[string]bool{}}
	node, err := search.Parse(q)
	if err != nil {
		return h
	}
	h.collect(node)
	return h
}

func (h *highlighter) collect(n search.Node) {
	switch n := n.(type) {
	case search.Term:
		if n.Field != "" && n.Field != "title" {
			return
		}
		w := fold(n.Text)
		if n.Prefix {
			h.prefixes = append(h.prefixes, w)
			return
		}
		if !stopWords()[w] {
			h.stems[porterstemmer.StemString(w)] = true
		}
	case search.Phrase:
		if n.Field != "" && n.Field != "title" {
			return
		}
		for _, w := range words(n.Text) {
			if f := fold(n.Text[w[0]:w[1]]); !stopWords()[f] {
				h.stems[porterstemmer.StemString(f)] = true
			}
		}
	case search.And:
		for _, c := range n.Children {
			h.collect(c)
		}
	case search.Or:
		for _, c := range n.Children {
			h.collect(c)
		}
	case search.Near:
		h.collect(n.Left)
		h.collect(n.Right)
	}
}

// empty reports whether the highlighter marks nothing.
func (h *highlighter) empty() bool { return len(h.stems) == 0 && len(h.prefixes) == 0 }

// parts splits text into parts, marking the query's words.
func (h *highlighter) parts(text string) ([]part, bool) {
	if h.empty() {
		return []part{{Text: text}}, false
	}
	var out []part
	at, marked := 0, false
	for _, w := range words(text) {
		if !h.match(fold(text[w[0]:w[1]])) {
			continue
		}
		if w[0] > at {
			out = append(out, part{Text: text[at:w[0]]})
		}
		out = append(out, part{Text: text[w[0]:w[1]], Mark: true})
		at, marked = w[1], true
	}
	if at < len(text) {
		out = append(out, part{Text: text[at:]})
	}
	return out, marked
}

func (h *highlighter) match(w string) bool {
	if m, ok := h.seen[w]; ok {
		return m
	}
	m := h.matchUncached(w)
	h.seen[w] = m
	return m
}

func (h *highlighter) matchUncached(w string) bool {
	for _, p := range h.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return len(h.stems) > 0 && !stopWords()[w] && h.stems[porterstemmer.StemString(w)]
}

// words returns the byte spans of the words of s: runs of letters and
// digits, with an apostrophe inside a word kept (the possessive "'s" is
// dropped by fold).
func words(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		var inWord bool
		if r < utf8.RuneSelf {
			inWord = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			inWord = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		}
		if !inWord && (r == '\'' || r == '’') && start >= 0 {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			inWord = unicode.IsLetter(next)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// fold lower-cases w, removes its accents and a possessive "'s".
func fold(w string) string {
	w = strings.ToLower(w)
	if isASCII(w) { // most words: nothing to decompose
		return strings.TrimSuffix(w, "'s")
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	w = b.String()
	for _, s := range []string{"'s", "’s"} {
		w = strings.TrimSuffix(w, s)
	}
	return w
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var stopOnce = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(string(en.EnglishStopWords), "\n") {
		line, _, _ = strings.Cut(line, "|")
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
})

// stopWords are the English stop words the index drops: they are never
// marked, so "motion to dismiss" does not light up every "to".
func stopWords() map[string]bool { return stopOnce() }
