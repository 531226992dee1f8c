package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// dropRunningLines removes running headers and footers: lines near the top
// or bottom of most pages that read the same once digits are ignored
// ("No. 08-6301 Page 3"). They would otherwise rank every page of a long
// opinion for the case name and crowd snippets. Needs three pages at least:
// on fewer, a repeat is as likely to be content.
func dropRunningLines(raw []rawPage) {
	if len(raw) < 3 {
		return
	}
	count := map[string]int{}
	for _, p := range raw {
		seen := map[string]bool{}
		for _, i := range edgeLines(p.lines, 3) {
			k := runningKey(p.lines[i])
			if k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	min := max(3, len(raw)/2+1)
	for pi := range raw {
		p := &raw[pi]
		drop := map[int]bool{}
		for _, i := range edgeLines(p.lines, 3) {
			if count[runningKey(p.lines[i])] >= min {
				drop[i] = true
			}
		}
		if len(drop) == 0 {
			continue
		}
		kept := p.lines[:0]
		for i, l := range p.lines {
			if !drop[i] {
				kept = append(kept, l)
			}
		}
		p.lines = kept
	}
}

// edgeLines returns the indexes of the first n and last n non-empty lines.
func edgeLines(lines []string, n int) []int {
	var idx []int
	for i := 0; i < len(lines) && len(idx) < n; i++ {
		if lines[i] != "" {
			idx = append(idx, i)
		}
	}
	tail := 0
	for i := len(lines) - 1; i >= 0 && tail < n; i-- {
		if lines[i] != "" {
			tail++
			if !slices.Contains(idx, i) {
				idx = append(idx, i)
			}
		}
	}
	return idx
}

// runningKey is a line with digits folded, so "Page 3" and "Page 4" match.
func runningKey(l string) string {
	if runeCount(l) < 4 {
		return "" // too short to be a header worth matching; page numbers are handled apart
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return '#'
		}
		return unicode.ToLower(r)
	}, l)
}

// pageNumberLine matches a line that is only a page number: "7", "- 7 -",
// "Page 7", "Page 7 of 35", "7 of 35", "vii" (roman numerals of two
// letters or more: a lone "x" or "v" is as likely a list item).
var pageNumberLine = regexp.MustCompile(`^(?:[-–—]\s*)?(?:(?i:page)\s+)?(?:\d{1,4}|[ivxlc]{2,7})(?:\s+(?i:of)\s+\d{1,4})?(?:\s*[-–—])?$`)

// dropPageNumbers removes bare page numbers among the first and last two
// non-empty lines of a page. Elsewhere a lone number is more likely a list
// item or a footnote mark, so it stays.
func dropPageNumbers(lines []string) []string {
	drop := map[int]bool{}
	for _, i := range edgeLines(lines, 2) {
		if pageNumberLine.MatchString(lines[i]) {
			drop[i] = true
		}
	}
	if len(drop) == 0 {
		return lines
	}
	kept := lines[:0]
	for i, l := range lines {
		if !drop[i] {
			kept = append(kept, l)
		}
	}
	return kept
}

// layout holds what is measured over the whole document before its pages
// are assembled into paragraphs.
type layout struct {
	opts cleanOptions
	// doubleSpaced: most lines are followed by exactly one blank line, as
	// in a double-spaced filing copied from a viewer. A single blank is
	// then a line break and paragraphs are found by other signs.
	doubleSpaced bool
	// width is a typical full line length in runes; a line well short of
	// it ends a paragraph.
	width int
	// raw is the document's pages, read by vocabulary.
	raw []rawPage
	// compounds are hyphenated words seen whole inside a line: evidence
	// that a word split at a line-end hyphen keeps its hyphen. Built with
	// words by vocabulary, on first use.
	compounds map[string]bool
	// words are unhyphenated words seen in the text: evidence that a split
	// word is joined.
	words map[string]bool
}

// compoundPrefixes keep their hyphen when a word is split after them at a
// line end and the document gives no other evidence: English writes them
// as separate elements ("third-party", "non-moving", "self-help").
var compoundPrefixes = map[string]bool{
	"non": true, "self": true, "third": true, "first": true, "second": true,
	"co": true, "cross": true, "ex": true, "quasi": true, "well": true,
	"so": true, "anti": true, "pre": true, "post": true, "multi": true,
	"half": true, "all": true, "long": true, "short": true, "high": true,
	"low": true, "full": true, "part": true, "one": true, "two": true,
	"three": true, "four": true, "five": true, "court": true, "state": true,
}

func newLayout(raw []rawPage, opts cleanOptions) *layout {
	l := &layout{opts: opts, raw: raw}
	var lengths []int
	nonEmpty, singleGap := 0, 0
	for _, p := range raw {
		for i, line := range p.lines {
			if line == "" {
				continue
			}
			nonEmpty++
			lengths = append(lengths, runeCount(line))
			if i+2 < len(p.lines) && p.lines[i+1] == "" && p.lines[i+2] != "" {
				singleGap++
			}
		}
	}
	if len(lengths) > 0 {
		slices.Sort(lengths)
		l.width = lengths[len(lengths)*3/4]
	}
	l.doubleSpaced = !opts.blankIsParagraph && nonEmpty >= 6 &&
		singleGap*10 >= nonEmpty*6 && l.width <= 130
	return l
}

// vocabulary fills compounds and words from every line of the document.
// It runs on the first split word only: most documents have none, and
// tokenising every line into two maps was most of the cost of cleaning.
func (l *layout) vocabulary() {
	if l.words != nil {
		return
	}
	l.compounds, l.words = map[string]bool{}, map[string]bool{}
	for _, p := range l.raw {
		for _, line := range p.lines {
			if line == "" {
				continue
			}
			fields := strings.Fields(line)
			for j, f := range fields {
				w := strings.ToLower(strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }))
				if w == "" {
					continue
				}
				if strings.Contains(w, "-") {
					if j < len(fields)-1 || !strings.HasSuffix(w, "-") {
						l.compounds[w] = true
					}
				} else {
					l.words[w] = true
				}
			}
		}
	}
}

// short reports whether a line stops well short of the typical width.
func (l *layout) short(line string) bool {
	return l.width >= 30 && runeCount(line)*4 < l.width*3
}

// endsSentence reports whether a line ends like the last line of a
// paragraph.
func endsSentence(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune(".:?!\"”)’]", r)
}

// assemble turns one page's lines into paragraphs separated by a blank
// line, with the lines of a paragraph separated by newlines.
func (l *layout) assemble(lines []string) string {
	// The page is written into one buffer of at most its lines' bytes
	// and a break after each: a slice per paragraph, a string per
	// paragraph and a join of them all were a third of the bytes the
	// cleaning allocated.
	size := 0
	for _, line := range lines {
		size += len(line) + 2
	}
	var b strings.Builder
	b.Grow(size)
	// prev is the paragraph's last line as read, which decides a break;
	// last is what is left to write of it, held back for a hyphen.
	var prev, last string
	blanks := 0
	for _, line := range lines {
		if line == "" {
			blanks++
			continue
		}
		switch {
		case prev == "":
			last = line
		case l.breaksBefore(prev, blanks):
			b.WriteString(last)
			b.WriteString("\n\n")
			last = line
		default:
			last = l.joinLine(&b, last, line)
		}
		prev, blanks = line, 0
	}
	b.WriteString(last)
	return b.String()
}

// joinLine adds line to a paragraph whose last line, not yet written, is
// last, and returns the paragraph's last line after it: line, with last
// written before it, or the two as one where last ends in a hyphen that
// splits a word: the hyphen dropped unless keepHyphen keeps it.
func (l *layout) joinLine(b *strings.Builder, last, line string) string {
	if _, ok := hyphenStem(last); ok && startsLower(line) {
		if !l.keepHyphen(last, line) {
			last = last[:len(last)-1]
		}
		return last + line
	}
	b.WriteString(last)
	b.WriteByte('\n')
	return line
}

// breaksBefore decides whether a paragraph ends after prev, given the
// number of blank lines that follow it.
func (l *layout) breaksBefore(prev string, blanks int) bool {
	switch {
	case l.opts.blankIsParagraph:
		return blanks > 0
	case l.doubleSpaced:
		return blanks >= 2 || (blanks == 1 && l.short(prev))
	case blanks > 0:
		return true
	}
	return l.short(prev) && endsSentence(prev)
}

// hyphenStem returns the last word of a line that ends in a lowercase
// letter and a hyphen, without the hyphen.
func hyphenStem(line string) (string, bool) {
	if !strings.HasSuffix(line, "-") || len(line) < 2 {
		return "", false
	}
	body := line[:len(line)-1]
	r, _ := utf8.DecodeLastRuneInString(body)
	if !unicode.IsLower(r) {
		return "", false
	}
	i := strings.LastIndexFunc(body, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	return body[i+1:], true
}

func startsLower(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsLower(r)
}

// keepHyphen decides whether "stem-" at the end of prev and the first word
// of next form a hyphenated compound rather than one word split by
// typesetting. The document itself is the best evidence; a short list of
// prefixes that English hyphenates decides the rest.
func (l *layout) keepHyphen(prev, next string) bool {
	stem, _ := hyphenStem(prev)
	stem = strings.ToLower(stem)
	end := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	if end < 0 {
		end = len(next)
	}
	tail := strings.ToLower(next[:end])
	l.vocabulary()
	switch {
	case l.compounds[stem+"-"+tail]:
		return true
	case l.words[stem+tail]:
		return false
	}
	last := stem
	if i := strings.LastIndex(stem, "-"); i >= 0 {
		// "court-ap-" + "pointed": the stem is already a compound; judge
		// by its last element.
		last = stem[i+1:]
	}
	return compoundPrefixes[last]
}
