package search

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"lexsearch/corpus"
)

// Snippet shape: up to maxSnippets passages of about snippetLen bytes, each
// starting a little before the match it was chosen for, so the reader sees
// the words that lead into it.
const (
	maxSnippets = 3
	snippetLen  = 240
	leadIn      = 80
	maxSpans    = 4096
)

// span is one matched term in the body: its page (array position) and byte
// offsets within that page's text.
type span struct {
	page, start, end int
	term             string
}

// snippets cuts up to maxSnippets passages around the matched terms, each
// with its page. A hit with no matches in the body (a filter-only search,
// or a title match) gets the first lines of its first page.
func snippets(doc *corpus.Document, pages []string, locs bsearch.TermLocationMap) []Snippet {
	var spans []span
	for t, ls := range locs {
		for _, l := range ls {
			p := 0
			if len(l.ArrayPositions) > 0 {
				p = int(l.ArrayPositions[0])
			}
			if p < len(pages) && int(l.End) <= len(pages[p]) && l.Start < l.End {
				spans = append(spans, span{p, int(l.Start), int(l.End), t})
			}
		}
	}
	if len(spans) == 0 {
		if len(pages) == 0 {
			return nil
		}
		from, to := window(pages[0], 0, snippetLen)
		return []Snippet{{Page: doc.PageNumber(0), Section: doc.SectionAt(doc.PageNumber(0), from), Text: render(pages[0], from, to, nil)}}
	}
	slices.SortFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.page, b.page), cmp.Compare(a.start, b.start))
	})
	spans = slices.CompactFunc(spans, func(a, b span) bool { return a.page == b.page && a.start == b.start })
	// Passages are chosen among the first matches only: three good
	// passages are as easy to find in the first few thousand matches of
	// an exhibit as in all of them, and choosing costs per match.
	spans = spans[:min(len(spans), maxSpans)]

	type pick struct{ page, from, to int }
	var picks []pick
	used := make([]bool, len(spans))
	for len(picks) < maxSnippets {
		best, bestScore := -1, 0
		for i := range spans {
			if used[i] {
				continue
			}
			if score := variety(spans, i); score > bestScore {
				best, bestScore = i, score
			}
		}
		if best < 0 {
			break
		}
		s := spans[best]
		from, to := window(pages[s.page], s.start-leadIn, snippetLen)
		picks = append(picks, pick{s.page, from, to})
		for i, o := range spans {
			if o.page == s.page && o.start < to && o.end > from {
				used[i] = true
			}
		}
	}
	slices.SortFunc(picks, func(a, b pick) int {
		return cmp.Or(cmp.Compare(a.page, b.page), cmp.Compare(a.from, b.from))
	})
	out := make([]Snippet, 0, len(picks))
	for _, p := range picks {
		var marks []span
		for _, s := range spans {
			if s.page == p.page && s.start >= p.from && s.end <= p.to {
				marks = append(marks, s)
			}
		}
		// The section is the one the first marked word is in: the passage
		// may start a little before a heading.
		at := p.from
		if len(marks) > 0 {
			at = marks[0].start
		}
		n := doc.PageNumber(p.page)
		out = append(out, Snippet{Page: n, Section: doc.SectionAt(n, at), Text: render(pages[p.page], p.from, p.to, marks)})
	}
	return out
}

// variety scores a span by how many different terms match within one
// snippet's length after it: a passage with "beneficiary" and "liability"
// side by side beats one with "liability" alone.
func variety(spans []span, i int) int {
	terms := map[string]bool{}
	for _, o := range spans[i:] {
		if o.page != spans[i].page || o.end > spans[i].start+snippetLen-leadIn {
			break
		}
		terms[o.term] = true
	}
	return len(terms)*1000 - i // ties go to the earlier passage
}

// window returns byte offsets of a passage of about n bytes starting near
// from, moved to word boundaries so no word is cut.
func window(text string, from, n int) (int, int) {
	from = max(0, min(from, len(text)))
	if from > 0 {
		if i := strings.LastIndexAny(text[:from], " \n\t"); i >= 0 {
			from = i + 1
		} else {
			from = 0
		}
	}
	to := min(len(text), from+n)
	if to < len(text) {
		if i := strings.IndexAny(text[to:], " \n\t"); i >= 0 && i < 40 {
			to += i
		}
	}
	for from < len(text) && !utf8.RuneStart(text[from]) {
		from++
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	return from, to
}

// render escapes text[from:to] for HTML, wraps the marked spans in <mark>,
// folds runs of white space into one space, and adds an ellipsis where the
// passage does not reach the start or end of the page. It is one pass
// over the passage: escaping, then splitting into words and joining them
// again, made three copies of every snippet.
func render(text string, from, to int, marks []span) string {
	var b strings.Builder
	b.Grow(to - from + len(marks)*len("<mark></mark>") + 2*len(" …"))
	f := folder{b: &b}
	if from > 0 {
		f.write("… ", false)
	}
	at := from
	for _, m := range marks {
		if m.start < at {
			continue
		}
		f.write(text[at:m.start], true)
		f.write("<mark>", false)
		f.write(text[m.start:m.end], true)
		f.write("</mark>", false)
		at = m.end
	}
	f.write(text[at:to], true)
	if to < len(text) {
		f.write(" …", false)
	}
	return b.String()
}

// folder writes text with every run of white space (as strings.Fields
// sees it) made one space, and none at either end.
type folder struct {
	b     *strings.Builder
	space bool // white space seen since the last thing written
}

// write adds s, escaped for HTML as html.EscapeString does when escape
// is set.
func (f *folder) write(s string, escape bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '\t', '\n', '\v', '\f', '\r', ' ':
				f.space = true
				continue
			}
			f.sep()
			if !escape {
				f.b.WriteByte(c)
				continue
			}
			switch c {
			case '<':
				f.b.WriteString("&lt;")
			case '>':
				f.b.WriteString("&gt;")
			case '&':
				f.b.WriteString("&amp;")
			case '\'':
				f.b.WriteString("&#39;")
			case '"':
				f.b.WriteString("&#34;")
			default:
				f.b.WriteByte(c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			f.space = true
		} else {
			f.sep()
			f.b.WriteString(s[i : i+n]) // as it was, also a byte that is not UTF-8
		}
		i += n
	}
}

// sep writes the space that stands for the white space seen, if any and
// if something came before it.
func (f *folder) sep() {
	if f.space && f.b.Len() > 0 {
		f.b.WriteByte(' ')
	}
	f.space = false
}
