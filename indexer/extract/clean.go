package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Clean returns text as it should be indexed: NFKC-normalised (so the "ﬁ"
// ligature of a PDF matches a typed "fi"), without viewer chrome (see
// viewers), without court page stamps and bare page numbers, with
// end-of-line hyphenation rejoined and paragraph breaks kept as blank lines.
// When the text carries court page stamps, the pages they mark are joined
// by form feeds, as in Result.Text.
//
// Clean is a pure function: safe for concurrent use.
func Clean(text string) string {
	pages, _ := CleanPages(text)
	r := Result{Pages: pages}
	return r.Text()
}

// CleanPages is Clean for a single stream of text (a scrape, a text file
// without form feeds) that may carry court page stamps. Each stamp
// "Page N of M" starts page N; text before the first stamp belongs to the
// first stamped page. Without stamps the whole text is page 1. The returned
// Meta holds what the stamps say (docket number, document number, filing
// date); every other field is empty.
func CleanPages(text string) ([]Page, Meta) {
	lines := prepareLines(text)
	var meta Meta
	var raw []rawPage
	cur := rawPage{}
	seen := false
	taken := map[int]bool{}
	for j, l := range lines {
		if taken[j] {
			continue
		}
		if s, used, ok := stampAt(lines, j); ok {
			for _, k := range used {
				taken[k] = true
			}
			liftStamp(&meta, s)
			if s.page > 0 {
				if !seen {
					// Text before the first stamp is that page's own
					// header area: keep it on the stamped page.
					cur.number = s.page
					seen = true
				} else {
					raw = append(raw, cur)
					cur = rawPage{number: s.page}
				}
			}
			continue
		}
		cur.lines = append(cur.lines, l)
	}
	raw = append(raw, cur)
	if raw[0].number == 0 {
		raw[0].number = 1
	}
	return cleanRawPages(raw, cleanOptions{}), meta
}

// cleanPaged cleans a document whose pages the format already separates
// (PDF pages, form feeds in a text file). A page stamp renumbers its page;
// otherwise pages count from 1.
func cleanPaged(texts []string, opts cleanOptions) ([]Page, Meta) {
	var meta Meta
	raw := make([]rawPage, 0, len(texts))
	for i, text := range texts {
		p := rawPage{number: i + 1}
		lines := prepareLines(text)
		taken := map[int]bool{}
		for j, l := range lines {
			if taken[j] {
				continue
			}
			if s, used, ok := stampAt(lines, j); ok {
				liftStamp(&meta, s)
				if s.page > 0 {
					p.number = s.page
				}
				for _, k := range used {
					taken[k] = true
				}
				continue
			}
			p.lines = append(p.lines, l)
		}
		raw = append(raw, p)
	}
	return cleanRawPages(raw, opts), meta
}

// cleanOptions are the knobs a format sets on the shared pipeline.
type cleanOptions struct {
	// blankIsParagraph says a single blank line always ends a paragraph
	// (Markdown); otherwise double-spaced text is detected and its
	// single blank lines are read as line breaks.
	blankIsParagraph bool
}

// A rawPage is a page's lines before paragraph assembly.
type rawPage struct {
	number int
	lines  []string
}

// prepareLines normalises text and splits it into lines, with viewer
// gutters, trailers and chrome lines removed.
func prepareLines(text string) []string {
	text = normalizeText(text)
	lines := strings.Split(text, "\n")
	stripGutter(lines)
	lines = cutTrailer(lines)
	out := lines[:0]
	for _, l := range lines {
		l = collapseSpaces(l)
		if isChrome(l) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// normalizeText applies NFKC and removes characters that only disturb
// search: zero-width marks, byte-order marks, carriage returns. A soft
// hyphen at the end of a line becomes a hard one so that rejoining treats
// it as hyphenation; anywhere else it is invisible and dropped.
func normalizeText(text string) string {
	if normalText(text) {
		return text
	}
	return normalizeOther(text)
}

// normalizeOther is normalizeText of text that normalText does not pass.
func normalizeOther(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.ReplaceAll(text, "\u00ad\n", "-\n")
	text = norm.NFKC.String(text)
	if !needsSearchMap(text) {
		return text // most text has none: skip strings.Map's call per rune
	}
	return strings.Map(searchRune, text)
}

// normalText reports whether normalizeText would return text unchanged:
// it has no carriage return, tab, vertical tab, form feed or byte that is
// not UTF-8, no rune searchRune maps, and is in NFKC. Almost every
// document is, and one pass tells, mostly eight ASCII bytes a step, where
// normalizeText would scan it five times (three replacements, NFKC's
// check of every byte, needsSearchMap).
//
// NFKC is checked run by run of non-ASCII runes, each with the ASCII byte
// before it: an ASCII character never combines with what precedes it (no
// canonical composition ends with one) and is never reordered (its
// combining class is 0), so text is in NFKC exactly when each such piece
// is; the byte before a run is the starter a combining mark at its head
// may compose with ("e" and U+0301 make "é").
func normalText(text string) bool {
	for i := 0; i < len(text); {
		if i+8 <= len(text) {
			w := load64(text, i)
			// The bytes 9 to 13 (\t \n \v \f \r) but \n: adding 0x80-c
			// to a byte below 0x80 sets its high bit exactly when it is
			// at least c, and a byte equal to \n leaves w^'\n' zero
			// there, the only place where adding 0x7f leaves the high
			// bit clear. No sum carries into the next byte.
			from9 := w + (0x80-'\t')*lowBits
			from14 := w + (0x80-'\r'-1)*lowBits
			notNL := (w ^ '\n'*lowBits) + 0x7f*lowBits
			if w&highBits == 0 && from9&^from14&notNL&highBits == 0 {
				i += 8
				continue
			}
		}
		if c := text[i]; c < utf8.RuneSelf {
			if c == '\r' || c == '\t' || c == '\v' || c == '\f' {
				return false
			}
			i++
			continue
		}
		start := max(i-1, 0) // with the ASCII byte before the run
		for i < len(text) && text[i] >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && n == 1 || searchRune(r) != r {
				return false
			}
			i += n
		}
		if !norm.NFKC.IsNormalString(text[start:i]) {
			return false
		}
	}
	return true
}

// searchRune is normalizeText's map of single runes.
func searchRune(r rune) rune {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return -1
	case '\t', '\v', '\u00a0':
		return ' '
	case '\u2010', '\u2011':
		return '-'
	case '\f':
		return '\n'
	}
	return r
}

// needsSearchMap reports whether normalizeText's strings.Map would change
// text: it holds a rune searchRune drops or replaces, or a byte that is not
// UTF-8 (which strings.Map turns into U+FFFD). The ASCII runes searchRune
// changes are tested here byte by byte, the rest through searchRune.
func needsSearchMap(text string) bool {
	for i := 0; i < len(text); {
		if i+8 <= len(text) {
			// Eight ASCII bytes at a time, none of them \t, \v or \f:
			// nothing searchRune changes (a zero byte of w^spread(c)
			// is a byte equal to c).
			w := load64(text, i)
			if w&highBits == 0 {
				if hasZeroByte(w^('\t'*lowBits)) || hasZeroByte(w^('\v'*lowBits)) || hasZeroByte(w^('\f'*lowBits)) {
					return true
				}
				i += 8
				continue
			}
		}
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '\t' || c == '\v' || c == '\f' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError || searchRune(r) != r {
			return true
		}
		i += n
	}
	return false
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// hasZeroByte reports whether one of the eight bytes of w is zero.
func hasZeroByte(w uint64) bool { return (w-lowBits)&^w&highBits != 0 }

// collapseSpaces trims a line and folds runs of spaces into one: layout
// spacing from PDFs and scrapes carries no meaning for search.
func collapseSpaces(l string) string {
	l = strings.TrimSpace(l)
	if !hasDoubleSpace(l) {
		return l
	}
	var b strings.Builder
	b.Grow(len(l))
	space := false
	for _, r := range l {
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanRawPages removes running headers and bare page numbers, then
// assembles each page into paragraphs with one set of document-wide
// parameters (spacing, line width, hyphenated words), so that every page
// is read the same way.
func cleanRawPages(raw []rawPage, opts cleanOptions) []Page {
	dropRunningLines(raw)
	for i := range raw {
		raw[i].lines = dropPageNumbers(raw[i].lines)
	}
	l := newLayout(raw, opts)
	pages := make([]Page, 0, len(raw))
	for _, p := range raw {
		pages = append(pages, Page{Number: p.number, Text: l.assemble(p.lines)})
	}
	return pages
}
