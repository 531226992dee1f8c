package indexer

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// The tests of single caption lines: a party's role, a line that ends
// the caption, a clerk's label, "In re", the separator between the
// sides, and the cuts made to a party's line.

const roleWords = `plaintiffs?|defendants?|appellants?|appellees?|petitioners?|respondents?|movants?|intervenors?|claimants?|` +
	`counter-?claimants?|cross|counter|third[- ]party|debtors?|creditors?|relators?|real parties in interest|party in interest|amicus curiae|amici curiae|applicants?|complainants?|libellants?|garnishees?|objectors?`

// roleStems are lower-case words of which each of roleWords has one, so
// text without any (in any case) has no role (mayRole).
var roleStems = []string{"plaintiff", "defendant", "appell", "petition", "respond", "movant", "interven", "claimant",
	"cross", "counter", "part", "debtor", "creditor", "relator", "curiae", "applicant", "complainant", "libellant",
	"garnishee", "objector"}

// mayRole reports whether s can hold one of roleWords as the
// case-insensitive role patterns match them: when it has a byte outside
// ASCII (a letter such as the long s folds into ASCII) or one of
// roleStems in any case. Most names and lines have none.
func mayRole(s string) bool {
	if hasNonASCII(s) {
		return true
	}
	// One pass over s, trying at each byte only the stems that start
	// with its letter, rather than a pass over s for each stem.
	byFirst := roleStemsByFirst()
	for i := 0; i < len(s); i++ {
		for _, w := range byFirst[s[i]|0x20] {
			if hasPrefixFoldASCII(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// roleStemsByFirst is roleStems by their first letter.
var roleStemsByFirst = sync.OnceValue(func() *[128][]string {
	var t [128][]string
	for _, w := range roleStems {
		t[w[0]] = append(t[w[0]], w)
	}
	return &t
})

// hasPrefixFoldASCII reports whether s starts with word (lower-case
// ASCII letters) with A-Z in s taken as a-z, as containsFoldASCII
// compares them.
func hasPrefixFoldASCII(s, word string) bool {
	if len(s) < len(word) {
		return false
	}
	for j := 0; j < len(word); j++ {
		if s[j]|0x20 != word[j] {
			return false
		}
	}
	return true
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// isRoleLine reports whether line matches roleLine.
func isRoleLine(line string) bool { return mayRole(line) && roleLine().MatchString(line) }

// cutRoleTail removes what roleTail matches.
func cutRoleTail(s string) string {
	if !mayRole(s) {
		return s
	}
	return roleTail().ReplaceAllString(s, "")
}

// isStopLine reports whether line matches stopLine, running the
// expression only on a line that can: one with a byte outside ASCII
// (letters fold into ASCII from outside it), or that starts with a
// figure, a colon, a hyphen, "#", "(" or "[", or with one of
// stopLineStarts in any case, or that ends in "district", "division" or
// "circuit". A party's name starts otherwise: most caption lines are
// ruled out without the expression.
func isStopLine(line string) bool {
	return mayStopLine(line) && stopLine().MatchString(line)
}

// stopLineStarts are the starts, lower case, of every spelling of
// stopLine that begins with a letter: the first letters of each word
// it may open with (a number's label, a court, a month, a district, a
// document's title or note), and "in ", "on ", "do ", "to " and "no".
var stopLineStarts = []string{
	"in ", "for", "the", "uni", "u.s", "sup", "dis", "cir", "cou", "ban",
	"cas", "doc", "d.", "usd", "civ", "cri", "no", "num",
	"fil", "dec", "arg", "sub", "ent", "dat", "bef", "app", "on ", "pet", "cer", "syl", "ord", "opi", "jud",
	"mem", "per", "sli", "pub", "do ", "unp", "pre", "rec", "pur", "sum", "to ", "ele",
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
	"div", "nor", "sou", "eas", "wes", "mid", "cen",
}

func mayStopLine(line string) bool {
	if line == "" {
		return false
	}
	if hasNonASCII(line) {
		return true
	}
	switch c := line[0]; {
	case '0' <= c && c <= '9', c == ':', c == '-', c == '#', c == '(', c == '[':
		return true
	}
	for _, w := range stopLineStarts {
		if len(line) >= len(w) && containsFoldASCII(line[:len(w)], w) {
			return true
		}
	}
	for _, w := range []string{"district", "division", "circuit"} {
		if len(line) >= len(w) && containsFoldASCII(line[len(line)-len(w):], w) {
			return true
		}
	}
	return false
}

// isClerkLabel reports whether line matches clerkLabel, which needs
// "clerk" (k folds from the Kelvin sign, outside ASCII).
func isClerkLabel(line string) bool {
	return (hasNonASCII(line) || containsFoldASCII(line, "clerk")) && clerkLabel().MatchString(line)
}

// isInRe reports whether line matches inRe, which starts with one of
// its openings (letters that fold only within ASCII).
func isInRe(line string) bool {
	for _, p := range []string{"in re", "ex parte", "in the matter of", "matter of"} {
		if len(line) >= len(p) && containsFoldASCII(line[:len(p)], p) {
			return inRe().MatchString(line)
		}
	}
	return false
}

// cutParenthetical, cutAlias and cutEtAl remove what parenthetical,
// alias and etAl match, running each only on text with what it needs:
// "(", "known as", "aka", "/k/a", "d/b/a", "doing business as" (or a
// byte outside ASCII: k and s fold from outside it), "et" and "al".
func cutParenthetical(s string) string {
	if strings.IndexByte(s, '(') < 0 {
		return s
	}
	return parenthetical().ReplaceAllString(s, "")
}

func cutAlias(s string) string {
	if !hasNonASCII(s) && !containsFoldASCII(s, "known as") && !containsFoldASCII(s, "aka") && !containsFoldASCII(s, "/k/a") &&
		!containsFoldASCII(s, "d/b/a") && !containsFoldASCII(s, "doing business as") {
		return s
	}
	return alias().ReplaceAllString(s, "")
}

func cutEtAl(s string) string {
	if !containsFoldASCII(s, "et") || !containsFoldASCII(s, "al") {
		return s
	}
	return etAl().ReplaceAllString(s, "")
}

// separatorLetters bounds the letters of a line separator can match: a
// role ("real parties in interest", 21 letters), "(s)" and "versus" or
// "against".
const separatorLetters = 21 + 1 + 7

// isSeparator reports whether line matches separator. A line of ASCII
// with more letters than separatorLetters cannot, nor one that does not
// end in "v", "vs", "versus" or "against" in any case, then spaces,
// periods, hyphens and ")" (bytes outside ASCII may be letters that fold
// into the role words, such as the long s, or dashes), so most lines
// are ruled out without running the pattern.
func isSeparator(line string) bool {
	letters := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c >= utf8.RuneSelf {
			return separator().MatchString(line)
		}
		if 'a' <= c|0x20 && c|0x20 <= 'z' {
			letters++
		}
	}
	return letters <= separatorLetters && endsInVersus(line) && separator().MatchString(line)
}

// endsInVersus reports whether line, an ASCII line, ends in one of the
// words of separator between the sides, in any case, with only the
// characters separator allows after it.
func endsInVersus(line string) bool {
	line = strings.TrimRight(line, " \t\n\r\f.-)")
	for _, w := range []string{"v", "vs", "versus", "against"} {
		if len(line) >= len(w) && containsFoldASCII(line[len(line)-len(w):], w) {
			return true
		}
	}
	return false
}
