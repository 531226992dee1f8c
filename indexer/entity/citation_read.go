package entity

// The parts of a case citation and what stands around it that are read
// by hand rather than by the patterns of citationRules: each function
// finds what its pattern would, and a test and a fuzz target compare the
// two.

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// caseNameMatch is what the unbounded case-name pattern,
// mustCompile(namePattern(`([^;()“”"]+?)`, `([^;()“”"]+?)`)), finds in
// w with FindStringSubmatchIndex, read by hand: the pattern runs before
// every citation that has a "v." or "In re" before it, and the regexp
// engine tries each of its some 200 offsets in turn, each through a
// dozen alternatives.
//
// Every match ends with the comma that only white space follows to the
// end of w, so without one there is none. A match starts at the first
// offset (by runes, as the engine steps) from which a name can be read:
// at 0, the name may start there; at any rune that is not an ASCII
// letter, the name may start just after it. A name is a run of name words
// (see nameWordEnd) and then "v.", "v" or "vs." (groups 1 and 2), or "In
// re", "Matter of", "In the Matter of" or "Ex parte" (groups 1 and 3);
// then white space and the other party, up to the comma, holding no
// ';', '(', ')' or quotation mark.
func caseNameMatch(w string) []int {
	c := trailingComma(w)
	if c < 0 {
		return nil
	}
	for p := 0; p < len(w); {
		if p == 0 {
			if m := caseNameFrom(w, 0, c); m != nil {
				m[0] = 0
				return m
			}
		}
		r, n := utf8.DecodeRuneInString(w[p:])
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			if m := caseNameFrom(w, p+n, c); m != nil {
				m[0] = p
				return m
			}
		}
		p += n
	}
	return nil
}

// trailingComma returns the offset of the comma in w that only white
// space (mustCompile's \s) follows, or -1. It reads w from its end: a
// wide space's first byte starts a rune wherever it stands, so its bytes
// at the end of w are that space when read from the start too.
func trailingComma(w string) int {
	e := len(w)
	for e > 0 {
		switch {
		case isSpace(w[e-1]):
			e--
			continue
		case strings.HasSuffix(w[:e], "\u00a0"):
			e -= len("\u00a0")
			continue
		case strings.HasSuffix(w[:e], "\u2009"), strings.HasSuffix(w[:e], "\u202f"):
			e -= len("\u2009")
			continue
		}
		break
	}
	if e > 0 && w[e-1] == ',' {
		return e - 1
	}
	return -1
}

// caseNameFrom reads a case name that starts at g and whose other party
// runs up to the comma at c, and returns the pattern's groups (group 0's
// start left for the caller), or nil.
func caseNameFrom(w string, g, c int) []int {
	if g >= c || !nameStart[w[g]] {
		return nil
	}
	if t := versusName(w, g, c); t >= 0 {
		return []int{-1, len(w), g, c, t, c, -1, -1}
	}
	for _, lead := range caseNameLeads {
		if e := wordsThenSpace(w, g, lead); e >= 0 {
			if t := otherParty(w, e, c); t >= 0 {
				return []int{-1, len(w), g, c, -1, -1, t, c}
			}
		}
	}
	return nil
}

// caseNameLeads are the words, split by white space, that open a name
// of the form "In re X".
var caseNameLeads = [][]string{{"In", "re"}, {"Matter", "of"}, {"In", "the", "Matter", "of"}, {"Ex", "parte"}}

// wordsThenSpace returns where the words, each after white space but the
// first, end in w at g if w has them there, or -1.
func wordsThenSpace(w string, g int, words []string) int {
	i := g
	for k, word := range words {
		if k > 0 {
			j := skipSpace(w, i)
			if j == i {
				return -1
			}
			i = j
		}
		if !strings.HasPrefix(w[i:], word) {
			return -1
		}
		i += len(word)
	}
	return i
}

// versusName reads "A v. B" at g: name words, the first as the pattern's
// first word may be, white space, "v.", "v" or "vs.", and the other party
// up to the comma at c. It returns where the other party starts, or -1.
func versusName(w string, g, c int) int {
	e := nameWordEnd(w, g, true)
	for e >= 0 {
		q := skipSpace(w, e)
		if q == e {
			return -1
		}
		if v := versusEnd(w, q); v >= 0 {
			return otherParty(w, v, c)
		}
		e = nameWordEnd(w, q, false)
	}
	return -1
}

// versusEnd returns the end of "v.", "v" or "vs." at q when white space
// follows it, or -1.
func versusEnd(w string, q int) int {
	if q >= len(w) || w[q] != 'v' {
		return -1
	}
	for _, v := range []string{"v.", "v", "vs."} {
		if strings.HasPrefix(w[q:], v) && spaceLen(w[q+len(v):]) > 0 {
			return q + len(v)
		}
	}
	return -1
}

// otherParty reads, from v (just after the words before it), white
// space and then the other party up to the comma at c, with none of
// ';', '(', ')', '"', '“' and '”'. The white space is read whole when the
// party is then not empty, else all but its last rune. It returns where
// the party starts, or -1.
func otherParty(w string, v, c int) int {
	t := skipSpace(w, v)
	if t == v || t > c {
		return -1
	}
	if t == c {
		last := lastSpaceStart(w, v, t)
		if last == v {
			return -1 // one rune of white space, and the party needs it
		}
		return last
	}
	for i := t; i < c; i++ {
		switch w[i] {
		case ';', '(', ')', '"':
			return -1
		case 0xE2:
			if strings.HasPrefix(w[i:], "“") || strings.HasPrefix(w[i:], "”") {
				return -1
			}
		}
	}
	return t
}

// lastSpaceStart returns where the last rune of white space in w[v:t]
// starts; w[v:t] is white space.
func lastSpaceStart(w string, v, t int) int {
	last := v
	for i := v; i < t; {
		last = i
		i += spaceLen(w[i:])
	}
	return last
}

// nameWordEnd returns the end of the name word at i in w when white
// space follows it, or -1. A name word is a capital (first) or a capital
// or a figure (later words) and then letters, figures, underscores,
// apostrophes (straight or curly), periods, ampersands, commas and
// hyphens; or one of the small words of names ("of",
// "the", "ex", "rel.", "&", ...).
func nameWordEnd(w string, i int, first bool) int {
	if i >= len(w) {
		return -1
	}
	if b := w[i]; 'A' <= b && b <= 'Z' || !first && isDigit(b) {
		j := i + 1
		for j < len(w) {
			b := w[j]
			if isWordByte(b) || b == '\'' || b == '.' || b == '&' || b == ',' || b == '-' {
				j++
			} else if strings.HasPrefix(w[j:], "’") {
				j += len("’")
			} else {
				break
			}
		}
		if spaceLen(w[j:]) > 0 {
			return j
		}
		return -1
	}
	if !nameStart[w[i]] {
		return -1
	}
	for _, s := range nameSmallWords {
		if strings.HasPrefix(w[i:], s) && spaceLen(w[i+len(s):]) > 0 {
			return i + len(s)
		}
	}
	return -1
}

// nameSmallWords are the words in lower case a case name may have.
var nameSmallWords = []string{"of", "the", "and", "for", "ex", "rel.", "de", "la", "du", "von", "van", "&"}

// nameStart holds the bytes a case name can start with: a capital, or
// the first byte of a small word.
var nameStart = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for _, s := range nameSmallWords {
		t[s[0]] = true
	}
	return t
}()

// parenYear is what the parenthetical's end pattern (citationRules.
// parenEnd) finds in s with FindStringSubmatchIndex, read by hand from
// the end of s: every match ends s, but the regexp engine tries it from
// each of its offsets. A match is the year, four figures 1600-2099, that
// only white space follows, after a comma, white space or the start of
// s; or before it a date, "Dec. 6," ("Jan" to "Dec", case as written,
// any lower-case letters and a period, white space, a day of one or two
// figures, a comma, white space), itself after a comma, white space or
// the start of s. The match starts where the date's does when there is
// one, the leftmost.
func parenYear(s string) []int {
	ye := len(s)
	for n := spaceBefore(s, ye); n > 0; n = spaceBefore(s, ye) {
		ye -= n
	}
	ys := ye - 4
	if ys < 0 || !(s[ys] == '1' && '6' <= s[ys+1] && s[ys+1] <= '9' || s[ys] == '2' && s[ys+1] == '0') || !isDigit(s[ys+2]) || !isDigit(s[ys+3]) {
		return nil
	}
	if p := monthDayBefore(s, ys); p >= 0 {
		return []int{p, len(s), ys, ye}
	}
	if p := yearDelimiter(s, ys); p >= 0 {
		return []int{p, len(s), ys, ye}
	}
	return nil
}

// yearDelimiter returns where what may stand before a parenthetical's
// date or year at i starts: the start of s, a comma or white space; or
// -1.
func yearDelimiter(s string, i int) int {
	if i == 0 {
		return 0
	}
	if s[i-1] == ',' {
		return i - 1
	}
	if n := spaceBefore(s, i); n > 0 {
		return i - n
	}
	return -1
}

// monthDayBefore reads a date's month and day ending just before the
// year at ys ("Dec. 6, "), and returns where it starts with what stands
// before it (see yearDelimiter), or -1.
func monthDayBefore(s string, ys int) int {
	k := ys
	for n := spaceBefore(s, k); n > 0; n = spaceBefore(s, k) {
		k -= n
	}
	if k > 0 && s[k-1] == ',' {
		k--
	}
	d := 0 // the day's figures, one or two with white space before
	for d < 3 && k-d > 0 && isDigit(s[k-d-1]) {
		d++
	}
	if d == 0 || d == 3 {
		return -1
	}
	k -= d
	if spaceBefore(s, k) == 0 {
		return -1
	}
	for n := spaceBefore(s, k); n > 0; n = spaceBefore(s, k) {
		k -= n
	}
	if k > 0 && s[k-1] == '.' {
		k--
	}
	m := k
	for m > 0 && 'a' <= s[m-1] && s[m-1] <= 'z' {
		m--
	}
	m-- // the month's capital
	if m < 0 || k-m < 3 || !slices.Contains(monthAbbrevs, s[m:m+3]) {
		return -1
	}
	return yearDelimiter(s, m)
}

// monthAbbrevs are the first three letters of the months as the
// parenthetical's end pattern spells them.
var monthAbbrevs = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// spaceBefore returns the length of the white space (mustCompile's \s)
// that ends at i in s, or 0. A wide space's first byte starts a rune
// wherever it stands, so its bytes before i are that space when s is
// read from its start too.
func spaceBefore(s string, i int) int {
	switch {
	case i == 0:
		return 0
	case isSpace(s[i-1]):
		return 1
	case strings.HasSuffix(s[:i], "\u00a0"):
		return len("\u00a0")
	case strings.HasSuffix(s[:i], "\u2009"), strings.HasSuffix(s[:i], "\u202f"):
		return len("\u2009")
	}
	return 0
}

// standardTemplate is the citation template of most reporters in
// reporters-db, "volume reporter page", with the slot for the reporter.
const standardTemplate = `(?P<volume>[1-9]\d*)\s+(?P<reporter>\x01),?\s+(?P<page>\d+)`

// standardAt is what mustCompile(standardTemplate) finds in w with
// FindStringSubmatchIndex, where w holds the slot once, at at; read by
// hand, since the regexp engine tries the template from each offset of
// the window. A match holds the slot: the volume is the run of figures
// before the white space before the slot, from its first figure that is
// not 0; the page, the run of figures after the white space after the
// slot and a comma.
func standardAt(w string, at int) []int {
	ve := at
	for n := spaceBefore(w, ve); n > 0; n = spaceBefore(w, ve) {
		ve -= n
	}
	if ve == at {
		return nil
	}
	vs := ve
	for vs > 0 && isDigit(w[vs-1]) {
		vs--
	}
	for vs < ve && w[vs] == '0' {
		vs++
	}
	if vs == ve {
		return nil
	}
	ps := at + len(slot)
	if ps < len(w) && w[ps] == ',' {
		ps++
	}
	ps0 := ps
	for n := spaceLen(w[ps:]); n > 0; n = spaceLen(w[ps:]) {
		ps += n
	}
	pe := ps
	for pe < len(w) && isDigit(w[pe]) {
		pe++
	}
	if ps == ps0 || pe == ps {
		return nil
	}
	return []int{vs, pe, vs, ve, at, at + len(slot), ps, pe}
}

// parenAt is what the parenthetical pattern (citationRules.paren) finds
// in s with FindStringSubmatchIndex, read by hand: white space, "(", at
// most 80 runes none of which is a parenthesis or a line break (group
// 1), and ")".
func parenAt(s string) []int {
	i := skipSpace(s, 0)
	if i == len(s) || s[i] != '(' {
		return nil
	}
	j := i + 1
	for n := 0; n < 80 && j < len(s); n++ {
		c := s[j]
		if c == '(' || c == ')' || c == '\n' {
			break
		}
		if c < utf8.RuneSelf {
			j++
		} else {
			_, w := utf8.DecodeRuneInString(s[j:])
			j += w
		}
	}
	if j == len(s) || s[j] != ')' {
		return nil
	}
	return []int{0, j + 1, i + 1, j}
}

// pinAt is what the pinpoint pattern (citationRules.pin) finds in s with
// FindStringSubmatchIndex, read by hand: a comma, white space and "at",
// each if there, then the page (group 1: up to two stars and figures),
// then a range ("-12", "– 12") and a note ("n.3", "nn. 3"), each if
// there. Every part after the page may be left out, so each is taken
// whole where it is written and the page's figures are never given back.
func pinAt(s string) []int {
	i := 0
	if i < len(s) && s[i] == ',' {
		i++
	}
	i = skipSpace(s, i)
	if strings.HasPrefix(s[i:], "at") {
		if j := skipSpace(s, i+2); j > i+2 {
			i = j
		}
	}
	ps := i
	for k := 0; k < 2 && i < len(s) && s[i] == '*'; k++ {
		i++
	}
	pe := digitsEnd(s, i)
	if pe == i {
		return nil
	}
	end := pe
	if j := skipSpace(s, end); j < len(s) && (s[j] == '-' || strings.HasPrefix(s[j:], "–")) {
		if s[j] == '-' {
			j++
		} else {
			j += len("–")
		}
		j = skipSpace(s, j)
		if e := digitsEnd(s, j); e > j {
			end = e
		}
	}
	if j := skipSpace(s, end); strings.HasPrefix(s[j:], "n.") || strings.HasPrefix(s[j:], "nn.") {
		j += strings.IndexByte(s[j:], '.') + 1
		j = skipSpace(s, j)
		if e := digitsEnd(s, j); e > j {
			end = e
		}
	}
	return []int{0, end, ps, pe}
}

// digitsEnd returns the end of the run of ASCII figures at i in s.
// shortAt is what the short form's pattern (`^,?\s+at\s+(\*{0,2}\d+)`,
// after a reporter: "550 U.S. at 545") finds in s with
// FindStringSubmatchIndex, read by hand. No part of it can start with
// white space, so each run of white space is taken whole, and the page
// is up to two stars and its figures.
func shortAt(s string) []int {
	i := 0
	if i < len(s) && s[i] == ',' {
		i++
	}
	j := skipSpace(s, i)
	if j == i || !strings.HasPrefix(s[j:], "at") {
		return nil
	}
	ps := skipSpace(s, j+2)
	if ps == j+2 {
		return nil
	}
	i = ps
	for i < len(s) && s[i] == '*' {
		i++
	}
	if i-ps > 2 {
		return nil
	}
	pe := digitsEnd(s, i)
	if pe == i {
		return nil
	}
	return []int{0, pe, ps, pe}
}

// blankAt is what the blank page's pattern (`^\s+(?:_{2,}|-{3,}|—+)`,
// after a reporter: "576 U.S. ___") finds in s with FindStringIndex,
// read by hand: white space, then two underscores or more, three
// hyphens or more, or dashes, each run taken whole.
func blankAt(s string) []int {
	i := skipSpace(s, 0)
	if i == 0 {
		return nil
	}
	run := func(r string) int {
		n := 0
		for strings.HasPrefix(s[i+n*len(r):], r) {
			n++
		}
		return n
	}
	if n := run("_"); n >= 2 {
		return []int{0, i + n}
	}
	if n := run("-"); n >= 3 {
		return []int{0, i + n}
	}
	if n := run("—"); n >= 1 {
		return []int{0, i + n*len("—")}
	}
	return nil
}

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}
