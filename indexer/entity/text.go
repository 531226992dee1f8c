package entity

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a candidate match before it becomes a Mention. Taggers that run
// several patterns collect spans first so that overlaps can be settled in
// one place: the earliest start wins, then the lower rank, then the longer.
type span struct {
	start, end int
	rank       int // lower wins a tie on start
	norm       string
	role       string
	data       any // pattern-specific payload, read by the tagger's resolver
	// a case citation's candidate reporter editions, best first, when its
	// spelling is that of several (see citationTagger.choose)
	alts []int32
	// a case citation's reporter as written, and what its parenthetical
	// says ("7th Cir. 2008")
	spelled, paren string
}

// dropOverlaps sorts spans and keeps the first of any that overlap.
func dropOverlaps(spans []span) []span {
	slices.SortStableFunc(spans, func(a, b span) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return cmp.Compare(b.end, a.end)
	})
	out := spans[:0]
	last := -1
	for _, s := range spans {
		if s.start < last {
			continue
		}
		out = append(out, s)
		last = s.end
	}
	return out
}

// newMention builds a Mention whose Text is the slice it covers, so the
// span invariant holds by construction.
func newMention(kind Kind, text string, start, end int, norm, role string) Mention {
	return Mention{Kind: kind, Text: text[start:end], Norm: norm, Role: role, Start: start, End: end}
}

// squash collapses runs of white space (including line breaks) to one
// space: text arrives with the line breaks of the page it came from.
//
// Most strings are squashed already (a docket number, a court's name on
// one line): an ASCII string with no white space but single spaces
// between words is returned as it is, without splitting and joining it.
func squash(s string) string {
	if squashed(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// squashed reports whether s is ASCII, neither starts nor ends with a
// space, and has no white space but single spaces: what squash makes of
// such a string is the string.
func squashed(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}

// lineAt returns the bounds of the line holding byte i (without the newline).
func lineAt(text string, i int) (start, end int) {
	start = strings.LastIndexByte(text[:i], '\n') + 1
	end = strings.IndexByte(text[i:], '\n')
	if end < 0 {
		return start, len(text)
	}
	return start, i + end
}

// blank reports whether s holds only white space.
func blank(s string) bool {
	return strings.TrimSpace(s) == ""
}

// isUpperWord reports whether s has letters and all of them are upper case.
func isUpperWord(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters = true
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters
}

// mustCompile compiles a pattern in which \s also matches the no-break and
// narrow spaces that PDFs and web pages put between "§" and a number: RE2's
// \s is ASCII-only. Patterns must not use \s inside a character class.
func mustCompile(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, `\s`, `[\s\x{00A0}\x{2009}\x{202F}]`))
}

// spaceLen returns the length of the \s of mustCompile's patterns at the
// start of s (ASCII white space, a no-break, thin or narrow no-break
// space), or 0.
func spaceLen(s string) int {
	switch {
	case s == "":
		return 0
	case isSpaceByte(s[0]):
		return 1
	case strings.HasPrefix(s, "\u00a0"):
		return 2
	case strings.HasPrefix(s, "\u2009"), strings.HasPrefix(s, "\u202f"):
		return 3
	}
	return 0
}

// A relaxed pattern is a pattern whose bounded repetitions ("{2,150}")
// run unbounded first. A bounded repetition compiles to a copy of its
// body per count, which can take a pattern past the regexp engine's
// backtracker limit (500 instructions) into its NFA, which follows every
// count at once, several times slower. Bounding a repetition only
// removes paths and keeps the order of the others, so when the
// unbounded pattern's match repeats each body no more than the bound,
// it is the bounded pattern's match too; otherwise the bounded pattern
// is asked.
type relaxed struct {
	bounded, fast *regexp.Regexp
	// find, when set, finds what fast.FindStringSubmatchIndex does,
	// without the regexp engine (caseNameMatch)
	find func(string) []int
	// runes bounds, per group of fast, the runes it may take; 0 is no
	// bound
	runes []int
	// groups are the groups of fast that are bounded's, in order
	groups []int
}

// FindStringSubmatchIndex is bounded.FindStringSubmatchIndex.
func (x *relaxed) FindStringSubmatchIndex(s string) []int {
	var m []int
	if x.find != nil {
		m = x.find(s)
	} else {
		m = x.fast.FindStringSubmatchIndex(s)
	}
	if m == nil {
		return nil // bounded matches less
	}
	for g, n := range x.runes {
		if n > 0 && m[2*g] >= 0 && utf8.RuneCountInString(s[m[2*g]:m[2*g+1]]) > n {
			return x.bounded.FindStringSubmatchIndex(s)
		}
	}
	out := make([]int, 2, 2+2*len(x.groups))
	out[0], out[1] = m[0], m[1]
	for _, g := range x.groups {
		out = append(out, m[2*g], m[2*g+1])
	}
	return out
}
