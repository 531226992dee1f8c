package entity

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// labelMatch is label.MatchString(text), dateRules.label, where lower is
// lowerASCII(text). The pattern ends every match at the end of the text
// (but for white space), yet the regexp engine tries it from each of the
// text's offsets; an ASCII text is read by hand from its end instead
// (endsLabelled), and any other by the pattern, which folds letters
// outside ASCII into ASCII ones and takes wide spaces for \s.
func labelMatch(label *regexp.Regexp, text, lower string) bool {
	for i := 0; i < len(lower); i++ {
		if lower[i] >= utf8.RuneSelf {
			return label.MatchString(text)
		}
	}
	return endsLabelled(lower)
}

// endsLabelled reports whether lower, lower-case ASCII, ends, but for
// white space, with what the label pattern matches: a label ("filed",
// "date of decision", ...) standing as a word, then perhaps "on" and a
// colon; "decided by", perhaps "the", and one or two words of letters; or
// a byline, "by", one or two words and "on".
func endsLabelled(lower string) bool {
	t := strings.TrimRight(lower, " \t\n\f\r")
	return endsWithLabel(t) || endsDecidedBy(t) || endsByline(t)
}

// dateLabels are the labels of dateRules.label, as words split by white
// space, their letters in ASCII.
var dateLabels = [][]string{{"filed"}, {"dated"}, {"decided"}, {"entered"}, {"date", "of", "decision"}, {"date", "de", "decision"},
	{"date", "de", "decisions"}, {"date", "de", "la", "decision"}, {"date"}, {"published"}, {"posted"}, {"issued"}, {"released"},
	{"rendered"}, {"filing", "date"}}

// endsWithLabel reports whether t ends with a label, perhaps white space
// and "on", and perhaps white space and a colon.
func endsWithLabel(t string) bool {
	e := len(t)
	if e > 0 && t[e-1] == ':' {
		e--
	}
	e = trimSpaceBack(t, e)
	if labelEndsAt(t, e) {
		return true
	}
	return strings.HasSuffix(t[:e], "on") && labelEndsAt(t, trimSpaceBack(t, e-2))
}

// labelEndsAt reports whether one of dateLabels ends at e in t, its
// first word at a word start.
func labelEndsAt(t string, e int) bool {
	for _, words := range dateLabels {
		if wordsEndAt(t, e, words) {
			return true
		}
	}
	return false
}

// wordsEndAt reports whether words, split by white space, end at e in t
// and the first starts a word.
func wordsEndAt(t string, e int, words []string) bool {
	for k := len(words) - 1; k >= 0; k-- {
		w := words[k]
		if !strings.HasSuffix(t[:e], w) {
			return false
		}
		s := e - len(w)
		if k == 0 {
			return s == 0 || !isWordByte(t[s-1])
		}
		e = trimSpaceBack(t, s)
		if e == s {
			return false
		}
	}
	return false
}

// endsDecidedBy reports whether t ends with "decided by", perhaps "the",
// and one or two words of two or more letters, each after white space.
func endsDecidedBy(t string) bool {
	e := len(t)
	for words := 0; words < 2; words++ {
		s := e
		for s > 0 && isLetter(t[s-1]) {
			s--
		}
		if e-s < 2 {
			return false
		}
		e = trimSpaceBack(t, s)
		if e == s {
			return false
		}
		if decidedByEndsAt(t, e) {
			return true
		}
	}
	return false
}

// decidedByEndsAt reports whether "decided by" or "decided by the" ends
// at e in t, "decided" at a word start.
func decidedByEndsAt(t string, e int) bool {
	return wordsEndAt(t, e, []string{"decided", "by"}) || wordsEndAt(t, e, []string{"decided", "by", "the"})
}

// endsByline reports whether t ends with a byline's "by", one or two
// words (anything but white space) and "on", split by white space, "by"
// at a word start.
func endsByline(t string) bool {
	if !strings.HasSuffix(t, "on") {
		return false
	}
	e := trimSpaceBack(t, len(t)-2)
	if e == len(t)-2 {
		return false
	}
	for words := 0; words < 2; words++ {
		s := e
		for s > 0 && !isSpace(t[s-1]) {
			s--
		}
		if s == e {
			return false
		}
		e = trimSpaceBack(t, s)
		if e == s {
			return false
		}
		if strings.HasSuffix(t[:e], "by") && (e == 2 || !isWordByte(t[e-3])) {
			return true
		}
	}
	return false
}

// trimSpaceBack returns where the ASCII white space that ends at e in t
// starts.
func trimSpaceBack(t string, e int) int {
	for e > 0 && isSpace(t[e-1]) {
		e--
	}
	return e
}
