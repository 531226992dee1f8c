package entity

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Dates returns the tagger for calendar dates: "May 16, 2022", "Apr. 5,
// 2018", "16 May 2022", French "16 mai 2022" and "1er mai 2022",
// "05/16/22" (U.S. month first), "2022-05-16", and the "Thu Aug 19
// 00:00:00 CEST 2021" that some case databases print. Norm is YYYY-MM-DD;
// impossible dates (February 30) are not tagged. A two-digit year is
// 2000-2069 or 1970-1999.
//
// Role "document" marks the document's own date: a date after a label
// ("Filed:", "Dated:", "Decided:", "Date of decision", "Date de
// décision(s)", "Published"), a byline date ("by someone on October 24,
// 2015"), and, when there is neither, the first date in the opening lines.
func Dates() Tagger {
	return dateTagger{dateRulesOnce()}
}

// openingBytes is how far into a text an unlabelled date may be the
// document's own: the header of an article or report.
const openingBytes = 600

var dateRulesOnce = sync.OnceValue(func() *dateRules {
	en := `January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?`
	fr := `janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre`
	months := []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	mois := append(slices.Clone(months), "fév", "avr", "mai", "juin", "juil", "ao", "déc")
	r := &dateRules{
		monthFirstAt: guide{needles: months, after: 30, keep: monthThenDay, need: needYear, lead: leading("adfjmnosADFJMNOS"), word: true,
			can: startsWith(true, "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), match: monthFirstDate},
		dayFirstAt: guide{needles: mois, before: 10, after: 30, keep: dayThenMonth, need: needYear, lead: leading(digits), word: true, can: dayThenSpace},
		numericAt: guide{needles: []string{"/"}, before: 6, after: 8, need: needSlashDate, lead: leading(digits), word: true,
			can: digitsThen(1, 2, '/'), match: numericDate},
		isoAt: guide{needles: []string{"-"}, before: 5, after: 6, need: needYear, lead: leading(digits), word: true, can: digitsThen(4, 4, '-')},
		unixAt: guide{needles: []string{"mon ", "tue ", "wed ", "thu ", "fri ", "sat ", "sun "}, after: 50, need: needYear, lead: leading("FMSTW"), word: true,
			can: startsWith(false, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")},
		monthFirst: mustCompile(`(?i)\b(` + en + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`),
		dayFirst:   mustCompile(`(?i)\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(` + en + `|` + fr + `)\s+(\d{4})\b`),
		numeric:    mustCompile(`\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b`),
		iso:        mustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`),
		unix:       mustCompile(`\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(` + en + `)\s+(\d{1,2})\s+\d{2}:\d{2}:\d{2}\s+[A-Z]{2,5}\s+(\d{4})\b`),
		label:      mustCompile(`(?i)(?:\b(?:filed|dated|decided|entered|date\s+of\s+decision|date\s+de\s+d[ée]cisions?|date\s+de\s+la\s+d[ée]cision|date|published|posted|issued|released|rendered|filing\s+date)\s*(?:on\s*)?:?|\bdecided\s+by\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|\bby\s+\S+(?:\s+\S+)?\s+on)\s*$`),
	}
	r.guides = guidesOf(r.monthFirstAt, r.dayFirstAt, r.numericAt, r.isoAt, r.unixAt)
	return r
})

type dateRules struct {
	monthFirst, dayFirst, numeric, iso, unix, label *regexp.Regexp
	// where the patterns can match; see guide
	monthFirstAt, dayFirstAt, numericAt, isoAt, unixAt guide
	// the needles of the guides, found in one pass
	guides *guides
}

type dateTagger struct{ r *dateRules }

// Tag implements Tagger.
func (t dateTagger) Tag(text string) []Mention {
	return t.tagScan(t.r.guides.scan(text, lowerASCII(text)))
}

func (t dateTagger) needles() *guides { return t.r.guides }

func (t dateTagger) tagScan(sc *scan) []Mention {
	r, text := t.r, sc.text
	var spans []span
	add := func(start, end int, y, m, d string) {
		if norm, ok := dateNorm(y, m, d); ok {
			spans = append(spans, span{start: start, end: end, norm: norm})
		}
	}
	sub := func(m []int, i int) string { return text[m[2*i]:m[2*i+1]] }
	for _, m := range r.unixAt.find(sc, r.unix) {
		add(m[0], m[1], sub(m, 3), sub(m, 1), sub(m, 2))
	}
	for _, m := range r.monthFirstAt.find(sc, r.monthFirst) {
		add(m[0], m[1], sub(m, 3), sub(m, 1), sub(m, 2))
	}
	for _, m := range r.dayFirstAt.find(sc, r.dayFirst) {
		add(m[0], m[1], sub(m, 3), sub(m, 2), sub(m, 1))
	}
	for _, m := range r.numericAt.find(sc, r.numeric) {
		add(m[0], m[1], sub(m, 3), sub(m, 1), sub(m, 2))
	}
	for _, m := range r.isoAt.find(sc, r.iso) {
		add(m[0], m[1], sub(m, 1), sub(m, 2), sub(m, 3))
	}
	spans = dropOverlaps(spans)
	labelled := false
	for i, s := range spans {
		if lw := sc.lower[max(0, s.start-40):s.start]; mayLabel(lw) && labelMatch(r.label, text[max(0, s.start-40):s.start], lw) {
			spans[i].role = RoleDocument
			labelled = true
		}
	}
	if !labelled && len(spans) > 0 && spans[0].start < openingBytes {
		spans[0].role = RoleDocument
	}
	out := make([]Mention, 0, len(spans))
	for _, s := range spans {
		out = append(out, newMention(Date, text, s.start, s.end, s.norm, s.role))
	}
	return out
}

// dayThenSpace, the day-first guide's can, reports whether s starts as
// the pattern's matches do: a day of one or two figures (and no third),
// then white space or the first letter of an ordinal's suffix ("er",
// "st", "nd", "rd", "th", in any case); a byte outside ASCII there (a
// wide space, or the long s that folds into s) lets s through. Most
// figures in a day-first window are the year of a month-first date.
func dayThenSpace(s string) bool {
	n := 0
	for n < len(s) && n < 3 && isDigit(s[n]) {
		n++
	}
	if n < 1 || n > 2 || n == len(s) {
		return false
	}
	c := s[n]
	return c >= utf8.RuneSelf || isSpaceByte(c) || strings.IndexByte("eEsSnNrRtT", c) >= 0
}

// labelWords are lower-case words of which every match of dateRules.label
// but a byline has one: the labels ("filed", "date" of "dated", "date of
// decision", "filing date") and "decided" of "decided by the Court".
var labelWords = []string{"date", "filed", "decided", "entered", "published", "posted", "issued", "released", "rendered"}

// mayLabel reports whether the label pattern can match the text whose
// lowerASCII is lower: always when it has a byte outside ASCII (a letter
// such as the long s that case-insensitive matching folds into ASCII, or
// a space the pattern's \s takes), otherwise when it has one of
// labelWords, or "by" and ends, but for white space, with "on" as a
// byline ("by Jane Doe on") does. Most dates have none of these before
// them, and this is far cheaper than trying the pattern at each offset.
func mayLabel(lower string) bool {
	for i := 0; i < len(lower); i++ {
		if lower[i] >= utf8.RuneSelf {
			return true
		}
	}
	// Every match ends the text, but for white space, with a colon, "on"
	// (a label's "on", a byline's, "decision"), a label word or "dated", or the name
	// after "decided by": a date after any other word has no label, and
	// most dates' preceding 40 bytes are ruled out by that alone.
	tail := strings.TrimRight(lower, " \t\n\f\r")
	ends := strings.HasSuffix(tail, ":") || strings.HasSuffix(tail, "on") || strings.HasSuffix(tail, "dated") || strings.HasSuffix(tail, "decisions")
	for _, w := range labelWords {
		ends = ends || strings.HasSuffix(tail, w)
	}
	if !ends && !strings.Contains(tail, "decided") {
		return false
	}
	for _, w := range labelWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return strings.HasSuffix(tail, "on") && strings.Contains(lower, "by")
}

// dateNorm validates a date given as year, month (number or name, English
// or French) and day, and writes it as YYYY-MM-DD.
func dateNorm(year, month, day string) (string, bool) {
	y, err := strconv.Atoi(year)
	if err != nil {
		return "", false
	}
	if len(year) == 2 {
		if y < 70 {
			y += 2000
		} else {
			y += 1900
		}
	}
	mo, ok := monthNumber(month)
	if !ok {
		return "", false
	}
	d, err := strconv.Atoi(day)
	if err != nil || y < 1600 || y > 2999 {
		return "", false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != mo {
		return "", false // February 30 rolls over in time.Date
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
}

func monthNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 12
	}
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	switch {
	case strings.HasPrefix(s, "jan"):
		return 1, true
	case strings.HasPrefix(s, "feb"), strings.HasPrefix(s, "fév"), strings.HasPrefix(s, "fev"):
		return 2, true
	case strings.HasPrefix(s, "mar"):
		return 3, true
	case strings.HasPrefix(s, "apr"), strings.HasPrefix(s, "avr"):
		return 4, true
	case s == "may" || s == "mai":
		return 5, true
	case strings.HasPrefix(s, "jun"), s == "juin":
		return 6, true
	case strings.HasPrefix(s, "jul"), s == "juillet":
		return 7, true
	case strings.HasPrefix(s, "aug"), strings.HasPrefix(s, "ao"):
		return 8, true
	case strings.HasPrefix(s, "sep"):
		return 9, true
	case strings.HasPrefix(s, "oct"):
		return 10, true
	case strings.HasPrefix(s, "nov"):
		return 11, true
	case strings.HasPrefix(s, "dec"), strings.HasPrefix(s, "déc"):
		return 12, true
	}
	return 0, false
}

// numericDate is the numeric date pattern, \b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b,
// anchored at the start of s and written by hand for the guide's match:
// the groups and the match's end as FindStringSubmatchIndex gives them,
// or nil. A day or month of more than two figures matches nothing, as
// the pattern's backtracking finds; the year is four figures, or else
// two, ending a word.
func numericDate(s string) []int {
	m1 := leadDigits(s, 0, 2)
	if m1 == 0 || m1 == len(s) || s[m1] != '/' {
		return nil
	}
	d := m1 + 1
	m2 := leadDigits(s, d, 2)
	if m2 == 0 || d+m2 == len(s) || s[d+m2] != '/' {
		return nil
	}
	y := d + m2 + 1
	for _, n := range [2]int{4, 2} {
		if leadDigits(s, y, n) == n && wordEnds(s, y+n) {
			return []int{0, y + n, 0, m1, d, d + m2, y, y + n}
		}
	}
	return nil
}

// leadDigits returns how many ASCII digits, at most n, s has at i.
func leadDigits(s string, i, n int) int {
	k := 0
	for k < n && i+k < len(s) && isDigit(s[i+k]) {
		k++
	}
	return k
}

// wordEnds reports whether \b holds at i in s after a word byte: i is
// the end of s or no word byte follows.
func wordEnds(s string, i int) bool { return i == len(s) || !isWordByte(s[i]) }

// monthFirstNames are the month names of the month-first pattern, in the
// order of its alternation, each with the endings it may take, in the
// order the pattern tries them ("Sept?\.?": "t.", "t", ".", "").
var monthFirstNames = []struct {
	name  string
	tails []string
}{
	{"january", []string{""}}, {"february", []string{""}}, {"march", []string{""}}, {"april", []string{""}},
	{"may", []string{""}}, {"june", []string{""}}, {"july", []string{""}}, {"august", []string{""}},
	{"september", []string{""}}, {"october", []string{""}}, {"november", []string{""}}, {"december", []string{""}},
	{"jan", []string{".", ""}}, {"feb", []string{".", ""}}, {"mar", []string{".", ""}}, {"apr", []string{".", ""}},
	{"jun", []string{".", ""}}, {"jul", []string{".", ""}}, {"aug", []string{".", ""}},
	{"sep", []string{"t.", "t", ".", ""}}, {"oct", []string{".", ""}}, {"nov", []string{".", ""}}, {"dec", []string{".", ""}},
}

// monthFirstDate is the month-first pattern, (?i)\b(January|...|Dec\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b,
// anchored at the start of s and written by hand for the guide's match:
// the groups and the match's end as FindStringSubmatchIndex gives them,
// or nil. Each name and ending is tried in the pattern's order; what
// follows the name has one way to match at most, since every optional
// part of it is followed by what could not stand in its place (a figure
// or white space).
func monthFirstDate(s string) []int {
	if s == "" || !isWordByte(s[0]) {
		return nil
	}
	for _, mn := range monthFirstNames {
		n := foldedPrefix(s, mn.name)
		if n < 0 {
			continue
		}
		for _, tail := range mn.tails {
			t := foldedPrefix(s[n:], tail)
			if t < 0 {
				continue
			}
			if m := dayThenYear(s, n+t); m != nil {
				return []int{0, m[1], 0, n + t, m[2], m[3], m[4], m[5]}
			}
		}
	}
	return nil
}

// dayThenYear reads \s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b, in any
// case, at i in s: the match's start and end and its two groups, or nil.
func dayThenYear(s string, i int) []int {
	d := skipSpaces(s, i)
	if d == i {
		return nil
	}
	n := leadDigits(s, d, 3)
	if n < 1 || n > 2 {
		return nil
	}
	k := d + n
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		if f := foldedPrefix(s[k:], suffix); f >= 0 {
			k += f
			break
		}
	}
	if k < len(s) && s[k] == ',' {
		k++
	}
	y := skipSpaces(s, k)
	if y == k || leadDigits(s, y, 4) != 4 || !wordEnds(s, y+4) {
		return nil
	}
	return []int{i, y + 4, d, d + n, y, y + 4}
}

// skipSpaces returns the offset in s after the \s of mustCompile's
// patterns at i.
func skipSpaces(s string, i int) int {
	for {
		n := spaceLen(s[i:])
		if n == 0 {
			return i
		}
		i += n
	}
}

// foldedPrefix returns the length of the prefix of s that a
// case-insensitive pattern matches for w, lower-case ASCII, or -1: each
// letter in either case, s also as the long s and k as the Kelvin sign,
// which Go's case folding maps to them.
func foldedPrefix(s, w string) int {
	j := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case j < len(s) && (s[j] == c || 'a' <= c && c <= 'z' && s[j] == c-('a'-'A')):
			j++
		case c == 's' && strings.HasPrefix(s[j:], "\u017f"):
			j += len("\u017f")
		case c == 'k' && strings.HasPrefix(s[j:], "\u212a"):
			j += len("\u212a")
		default:
			return -1
		}
	}
	return j
}
