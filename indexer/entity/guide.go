package entity

import (
	"encoding/binary"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Go's regexp engine guarantees linear time but is slow to scan a megabyte
// with a case-insensitive or alternation-led pattern: it tries every
// position. A guide runs such a pattern only in windows around cheap
// literal hits (strings.Index over an ASCII-lower-cased copy), which keeps
// tagging a long opinion in milliseconds rather than seconds.

// A guide says where a pattern can match: within before bytes ahead of and
// after bytes behind an occurrence of one of its needles (lower case).
// With lines set, windows are widened to whole lines, so patterns using
// (?m)^ and $ see true line starts and ends.
type guide struct {
	needles       []string
	before, after int
	lines         bool
	// keep, when set, says whether the needle of n bytes at i in the
	// lower-cased text is a hit: it must hold wherever the pattern can
	// match around that needle (isLabel, monthThenDay).
	keep func(lower string, i, n int) bool
	// need, when set, reports whether the pattern can match in a window,
	// given the window of the text and of its lower-cased copy; windows
	// where it cannot are not searched (needDistrictOf, needAny, ...).
	need func(text, lower string) bool
	// lead, when set, holds every byte a match of the pattern can begin
	// with (see leading); with word set, every match also begins at a
	// \b. A window then tries the pattern, anchored, only at those
	// bytes, rather than letting the regexp engine try every offset.
	lead *lead
	word bool
	// can, when set with a lead, reports whether the pattern can match
	// at the start of s, the rest of a window from a lead byte: a
	// cheaper test than trying it (nameThenComma).
	can func(s string) bool
	// match, when set with a lead, is the guide's pattern written by
	// hand: what the pattern anchored at the start of s finds there, as
	// FindStringSubmatchIndex gives it, or nil (numericDate,
	// districtDocket). It is tried instead of the regexp engine, which
	// spends most of such a short match setting itself up.
	match func(s string) []int
}

// A lead is the set of bytes every match of a pattern begins with.
type lead struct {
	at [256]bool
	// line: matches begin at a line's start, (?m)^, whatever the byte
	line bool
	// folds: runes outside ASCII that a case-insensitive pattern
	// matches for a lead letter (ſ for s, the Kelvin sign for k); a
	// window holding one is searched in full
	folds []string
}

// leading returns a guide's lead: the bytes of first, which must be
// ASCII; a case-insensitive pattern must list both cases.
func leading(first string) *lead {
	var l lead
	for i := 0; i < len(first); i++ {
		c := first[i]
		if c >= utf8.RuneSelf {
			panic("entity: a lead byte outside ASCII: " + first)
		}
		l.at[c] = true
		switch c | ('a' - 'A') {
		case 's':
			l.folds = append(l.folds, "\u017f")
		case 'k':
			l.folds = append(l.folds, "\u212a")
		}
	}
	slices.Sort(l.folds)
	l.folds = slices.Compact(l.folds)
	return &l
}

// nameThenComma, a guide's can for a pattern that starts with namePat
// and a comma, reports whether s starts with what namePat can match, up
// to its first comma: ASCII letters, ' - . and any byte outside ASCII
// (’), in at most five words split by spaces and tabs, each after the
// first starting with a capital or as de, van, von, del and la do.
func nameThenComma(s string) bool {
	breaks := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ',':
			return i > 0
		case c == ' ' || c == '\t':
			if i > 0 && s[i-1] != ' ' && s[i-1] != '\t' {
				if breaks++; breaks > 4 {
					return false
				}
			}
			if i+1 < len(s) {
				if n := s[i+1]; !('A' <= n && n <= 'Z' || n == 'd' || n == 'v' || n == 'l' || n == ' ' || n == '\t') {
					return false
				}
			}
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '\'' || c == '-' || c == '.' || c >= utf8.RuneSelf:
		default:
			return false
		}
	}
	return false
}

// startsWith returns a guide's can for a pattern every match of which
// starts with one of words (ASCII), in any case when fold: most word
// starts a lead lets through ("a", "and", "of", "Court") begin no match.
// A case-insensitive pattern also matches the folds of some letters
// outside ASCII (ſ for s, the Kelvin sign for k), so with fold a text
// with a byte outside ASCII as far in as the longest word reaches is let
// through too.
func startsWith(fold bool, words ...string) func(s string) bool {
	longest := 0
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			if w[i] >= utf8.RuneSelf {
				panic("entity: startsWith takes ASCII words: " + w)
			}
		}
		longest = max(longest, len(w))
	}
	return func(s string) bool {
		if fold {
			for i := 0; i < len(s) && i < longest; i++ {
				if s[i] >= utf8.RuneSelf {
					return true
				}
			}
		}
		for _, w := range words {
			if len(s) < len(w) {
				continue
			}
			if !fold && s[:len(w)] == w || fold && asciiEqualFold(s[:len(w)], w) {
				return true
			}
		}
		return false
	}
}

// digitsThen returns a guide's can for a pattern every match of which
// starts with from to to ASCII digits and then the byte c ("05/", "2022-").
func digitsThen(from, to int, c byte) func(s string) bool {
	if isDigit(c) {
		panic("entity: digitsThen takes a byte that is no digit")
	}
	return func(s string) bool {
		n := 0
		for n < len(s) && n <= to && isDigit(s[n]) {
			n++
		}
		return from <= n && n <= to && n < len(s) && s[n] == c
	}
}

// asciiEqualFold reports whether a and b, ASCII of one length, are equal
// but for the case of their letters.
func asciiEqualFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// lineStart is the lead of a pattern every match of which begins with
// (?m)^.
var lineStart = &lead{line: true}

// folded reports whether text holds one of l's folds.
func (l *lead) folded(text string) bool {
	for _, f := range l.folds {
		if strings.Contains(text, f) {
			return true
		}
	}
	return false
}

// Leads shared by several patterns.
const (
	digits = "0123456789"
	upper  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

// anchoredRE caches for each pattern with a lead the same pattern anchored
// at the start of the text.
var anchoredRE sync.Map // *regexp.Regexp → *regexp.Regexp

func anchored(re *regexp.Regexp) *regexp.Regexp {
	if a, ok := anchoredRE.Load(re); ok {
		return a.(*regexp.Regexp)
	}
	a, _ := anchoredRE.LoadOrStore(re, regexp.MustCompile(`\A(?:`+re.String()+`)`))
	return a.(*regexp.Regexp)
}

// leadMatches appends to out what re.FindAllStringSubmatchIndex finds in
// text[ws:we], as offsets in text, trying an anchored copy of re at each
// offset where g's lead says a match can begin. Leading assertions are
// the only part of a pattern that sees the byte before where it is tried;
// \b and (?m)^ are the ones a lead allows, and they are checked here, as
// the window would see them, before trying.
func (g guide) leadMatches(out [][]int, text string, ws, we int, re *regexp.Regexp) [][]int {
	a := anchored(re)
	line, at := g.lead.line, &g.lead.at
	for q := ws; q < we; q++ {
		if line {
			if q > ws && text[q-1] != '\n' {
				i := strings.IndexByte(text[q:we], '\n')
				if i < 0 {
					break
				}
				q += i // the loop steps past the line break
				continue
			}
		} else {
			for q < we && !at[text[q]] {
				q++
			}
			if q == we {
				break
			}
			if g.word && q > ws && isWordByte(text[q-1]) {
				continue
			}
		}
		if g.can != nil && !g.can(text[q:we]) {
			continue
		}
		var m []int
		if g.match != nil {
			m = g.match(text[q:we])
		} else {
			m = a.FindStringSubmatchIndex(text[q:we])
		}
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += q
			}
		}
		out = append(out, m)
		if m[1] > q {
			q = m[1] - 1
		}
	}
	return out
}

// isLabel, a guide's keep, reports whether the needle of n bytes at i in lower stands as a
// line's label: only spaces and tabs between it and the line's start, and
// between it and a colon.
func isLabel(lower string, i, n int) bool {
	for j := i - 1; j >= 0 && lower[j] != '\n'; j-- {
		if lower[j] != ' ' && lower[j] != '\t' {
			return false
		}
	}
	for j := i + n; j < len(lower); j++ {
		switch lower[j] {
		case ':':
			return true
		case ' ', '\t':
		default:
			return false
		}
	}
	return false
}

// lowerASCII folds A-Z to a-z and leaves every other byte alone, so byte
// offsets in the result are offsets in text.
//
// A text without capitals is returned as it is; otherwise the copy is
// made once, eight bytes at a time, and handed over as a string without
// a second copy (every document is lower-cased once per tagging, a
// megabyte at a time for long opinions).
func lowerASCII(text string) string {
	i := 0
	for i+8 <= len(text) && upperBytes(load64(text, i)) == 0 {
		i += 8
	}
	for i < len(text) && (text[i] < 'A' || text[i] > 'Z') {
		i++
	}
	if i == len(text) {
		return text
	}
	b := make([]byte, len(text))
	copy(b, text[:i])
	for ; i+8 <= len(text); i += 8 {
		x := load64(text, i)
		binary.LittleEndian.PutUint64(b[i:], x|upperBytes(x)>>2)
	}
	for ; i < len(text); i++ {
		c := text[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	// b is not written to again, nor seen anywhere else.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// load64 reads the eight bytes of s at i as a little-endian word.
func load64(s string, i int) uint64 {
	return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:i+8]), 8))
}

// upperBytes returns 0x80 in each byte of x that is an ASCII capital and 0
// in every other: the low seven bits of each byte, plus 0x80-'A' and
// 0x80-('Z'+1), set the top bit where they reach 'A' and 'Z'+1, with no
// carry into the next byte; a byte with its own top bit set is no
// capital. Shifted right by two, the 0x80 is the 0x20 that lower-cases.
func upperBytes(x uint64) uint64 {
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones
	)
	low := x &^ high
	geA := low + (0x80-'A')*ones
	gtZ := low + (0x80-'Z'-1)*ones
	return geA &^ gtZ &^ x & high
}

// windows runs re in the windows around hits, sorted offsets of needles;
// lower is lowerASCII(text).
func (g guide) windows(text, lower string, hits []int, re *regexp.Regexp) [][]int {
	var out [][]int
	ws, we := -1, -1
	flush := func() {
		if ws < 0 || g.need != nil && !g.need(text[ws:we], lower[ws:we]) {
			return
		}
		if g.lead != nil && !g.lead.folded(text[ws:we]) {
			out = g.leadMatches(out, text, ws, we, re)
			return
		}
		for _, m := range re.FindAllStringSubmatchIndex(text[ws:we], -1) {
			for i := range m {
				if m[i] >= 0 {
					m[i] += ws
				}
			}
			out = append(out, m)
		}
	}
	for _, h := range hits {
		s, e := g.widen(text, max(0, h-g.before), min(len(text), h+g.after))
		if s <= we {
			we = max(we, e)
			continue
		}
		flush()
		ws, we = s, e
	}
	flush()
	return out
}

// wordStop holds the bytes a window of a guide without lines widens to.
var wordStop = [256]bool{' ': true, '\t': true, '\r': true, '\n': true}

// maxWiden bounds how far a window edge moves looking for white space.
const maxWiden = 256

// widen moves a window's edges out to white space (or line breaks), which
// are rune and word boundaries, so that \b and ^ mean what they would in
// the whole text.
func (g guide) widen(text string, s, e int) (int, int) {
	// Bounded, so that a text without white space cannot make the scan
	// quadratic; then at least keep to rune boundaries.
	lo, hi := max(0, s-maxWiden), min(len(text), e+maxWiden)
	if g.lines {
		s = lo + strings.LastIndexByte(text[lo:s], '\n') + 1 // lo when there is none
		if i := strings.IndexByte(text[e:hi], '\n'); i >= 0 {
			e += i
		} else {
			e = hi
		}
	} else {
		for s > lo && !wordStop[text[s-1]] {
			s--
		}
		for e < hi && !wordStop[text[e]] {
			e++
		}
	}
	for s > 0 && s < len(text) && !utf8.RuneStart(text[s]) {
		s--
	}
	for e < len(text) && !utf8.RuneStart(text[e]) {
		e++
	}
	return s, e
}

// monthThenDay, a guide's keep, reports whether the month name whose
// first letters are the n bytes at i in lower starts a word and is
// followed, after the rest of its letters and a period, by white space
// and a figure: "may 16", "sept. 5". A byte outside ASCII counts as a
// letter, since it may be one.
func monthThenDay(lower string, i, n int) bool {
	if i > 0 && isWordByte(lower[i-1]) {
		return false
	}
	j := i + n
	for j < len(lower) && ('a' <= lower[j] && lower[j] <= 'z' || lower[j] >= utf8.RuneSelf) {
		j++
	}
	if j < len(lower) && lower[j] == '.' {
		j++
	}
	k := j
	for k < len(lower) && isSpaceByte(lower[k]) {
		k++
	}
	return k > j && k < len(lower) && isDigit(lower[k])
}

// dayThenMonth, a guide's keep, reports whether the month name whose
// first letters are the n bytes at i in lower follows white space and is
// followed, as in monthThenDay, by white space and a figure: "16 mai
// 2022", "1er mai 2022".
func dayThenMonth(lower string, i, n int) bool {
	return i > 0 && isSpaceByte(lower[i-1]) && monthThenDay(lower, i, n)
}

// isSpaceByte reports whether c is one of \s.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// needDistrictOf, a guide's need, reports whether a window can hold
// "district of" as a case-insensitive pattern spells it, "District\s+of\s":
// always when the window has a byte outside ASCII (a no-break space, or a
// letter such as the long s that folds into ASCII), otherwise when its
// lower-cased text has it.
func needDistrictOf(_, lower string) bool {
	for i := 0; i < len(lower); i++ {
		if lower[i] >= utf8.RuneSelf {
			return true
		}
	}
	for at := 0; ; {
		i := strings.Index(lower[at:], "district")
		if i < 0 {
			return false
		}
		at += i + len("district")
		j := at
		for j < len(lower) && isSpaceByte(lower[j]) {
			j++
		}
		if j > at && strings.HasPrefix(lower[j:], "of") && j+2 < len(lower) && isSpaceByte(lower[j+2]) {
			return true
		}
	}
}

// needAny returns a guide's need for a case-sensitive pattern every match
// of which has one of words in it.
func needAny(words ...string) func(text, lower string) bool {
	return func(text, _ string) bool {
		for _, w := range words {
			if strings.Contains(text, w) {
				return true
			}
		}
		return false
	}
}

// needAll returns a guide's need for a case-sensitive pattern every match
// of which has all of words in it.
func needAll(words ...string) func(text, lower string) bool {
	return func(text, _ string) bool {
		for _, w := range words {
			if !strings.Contains(text, w) {
				return false
			}
		}
		return true
	}
}

// needYear, a guide's need, reports whether a window has four ASCII
// digits in a row, as a date pattern's year (\d{4}) needs.
func needYear(text, _ string) bool {
	run := 0
	for i := 0; i < len(text); i++ {
		if isDigit(text[i]) {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// needShortID, the "Id." guide's need, reports whether a window has
// "Id." or "id." at the start of a word.
func needShortID(text, _ string) bool {
	for i := 0; i+3 <= len(text); i++ {
		if (text[i] == 'I' || text[i] == 'i') && text[i+1] == 'd' && text[i+2] == '.' && (i == 0 || !isWordByte(text[i-1])) {
			return true
		}
	}
	return false
}

// needBill, the bill guide's need, reports whether a window has what a
// bill's chamber starts with ("S.", "H.", "Senate", "House") and a
// figure from 1 to 9 for its number.
func needBill(text, _ string) bool {
	if !strings.ContainsAny(text, "123456789") {
		return false
	}
	return strings.Contains(text, "S.") || strings.Contains(text, "H.") || strings.Contains(text, "Senate") || strings.Contains(text, "House")
}

// needYearType, the district docket guide's need, reports whether a
// window has two digits, a hyphen and a letter in a row ("20-cv").
func needYearType(text, _ string) bool {
	for i := 0; i+4 <= len(text); i++ {
		if text[i+2] == '-' && isDigit(text[i]) && isDigit(text[i+1]) && isLetter(text[i+3]) {
			return true
		}
	}
	return false
}

// needDocketLabel, the labelled docket guide's need, reports whether a
// window has a word that every label of the case-insensitive pattern
// has ("no.", "case", "docket", ...), or any byte outside ASCII (a
// letter that folds into ASCII, such as the Kelvin sign).
func needDocketLabel(_, lower string) bool {
	for i := 0; i < len(lower); i++ {
		if lower[i] >= utf8.RuneSelf {
			return true
		}
	}
	for _, w := range []string{"no.", "case", "docket", "index", "cause", "record", "appeal", "bap", "court", "action", "file"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// needSlashDate, the numeric date guide's need, reports whether a window
// has a digit, a slash and a digit in a row.
func needSlashDate(text, _ string) bool {
	for i := 0; i+3 <= len(text); i++ {
		if text[i+1] == '/' && isDigit(text[i]) && isDigit(text[i+2]) {
			return true
		}
	}
	return false
}
