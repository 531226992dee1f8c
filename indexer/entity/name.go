package entity

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// nameRulesOnce holds the patterns that turn a name as a caption writes it
// into a display name; shared by the party and judge taggers.
var nameRulesOnce = sync.OnceValue(func() *nameRules {
	return &nameRules{
		parens: mustCompile(`\s*\([^()]*\)`),
		etAl:   mustCompile(`(?i),?\s*\bet\s+al\b\.?,?`),
		minor:  mustCompile(`(?i),?\s*\ba\s+minor\b,?`),
		// "Twitter. INC." is a typing slip for "Twitter, Inc."
		dotSuffix: mustCompile(`(?i)\.\s+((?:inc|llc|corp|co|ltd|l\.l\.c)\.?)$`),
	}
})

type nameRules struct {
	parens, etAl, minor, dotSuffix *regexp.Regexp
}

// isInitials reports whether w is initials, ^(?:[A-Z]\.)+,?$: "G.G.",
// "J.,".
func isInitials(w string) bool {
	w = strings.TrimSuffix(w, ",")
	if w == "" || len(w)%2 != 0 {
		return false
	}
	for i := 0; i < len(w); i += 2 {
		if w[i] < 'A' || w[i] > 'Z' || w[i+1] != '.' {
			return false
		}
	}
	return true
}

// mayFold reports whether s can hold word, which is lower-case ASCII
// without k or s, as a case-insensitive pattern matches it: whether it
// holds word in either case, letter by letter (no other rune folds into
// such a word).
func mayFold(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for j < len(word) && s[i+j]|('a'-'A') == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// dotSpace reports whether s has a period followed by white space (\s
// as mustCompile writes it, spaceLen), as dotSuffix needs.
func dotSpace(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && spaceLen(s[i+1:]) > 0 {
			return true
		}
	}
	return false
}

// corporateSuffixes maps the folded form of a business-entity suffix to
// how it is written in a display name.
func corporateSuffix(word string) (string, bool) {
	switch strings.ToLower(strings.TrimRight(word, ",")) {
	case "inc", "inc.":
		return "Inc.", true
	case "llc", "llc.", "l.l.c.":
		return "LLC", true
	case "corp", "corp.":
		return "Corp.", true
	case "co", "co.":
		return "Co.", true
	case "ltd", "ltd.":
		return "Ltd.", true
	case "lp", "l.p.":
		return "L.P.", true
	case "llp", "l.l.p.":
		return "LLP", true
	case "n.a.":
		return "N.A.", true
	case "plc":
		return "PLC", true
	}
	return "", false
}

// displayName cleans a party or judge name for a facet: it drops "et al.",
// "(a minor)" and other parentheticals, trims caption punctuation, and turns
// an all-capitals name into title case while keeping corporate suffixes and
// initials as they are conventionally written ("SALESFORCE.COM, INC." ->
// "Salesforce.com, Inc."; "G.G." stays).
func displayName(s string) string {
	r := nameRulesOnce()
	// Each pattern runs only where the bytes it needs are: most names
	// have none of them, and a replacement costs a regexp scan and a copy.
	if strings.IndexByte(s, '(') >= 0 {
		s = r.parens.ReplaceAllString(s, "")
	}
	if mayFold(s, "et") {
		s = r.etAl.ReplaceAllString(s, "")
	}
	if mayFold(s, "minor") {
		s = r.minor.ReplaceAllString(s, "")
	}
	s = squash(s)
	if dotSpace(s) {
		s = r.dotSuffix.ReplaceAllString(s, ", $1")
	}
	s = strings.TrimRight(s, ",;: ")
	words := strings.Fields(s)
	allCaps := true
	for _, w := range words {
		if _, ok := corporateSuffix(w); ok {
			continue
		}
		if hasLower(w) {
			allCaps = false
		}
	}
	for i, w := range words {
		comma := strings.HasSuffix(w, ",")
		if suf, ok := corporateSuffix(w); ok && i > 0 {
			w = suf
		} else if allCaps && !isInitials(w) && isUpperWord(w) && !romanSuffix(w) {
			w = titleWord(strings.TrimRight(w, ","))
		} else {
			w = strings.TrimRight(w, ",")
		}
		if comma {
			w += ","
		}
		words[i] = w
	}
	s = strings.Join(words, " ")
	// A caption's closing period is punctuation, unless it ends an
	// abbreviation or initial ("Inc.", "G.G.", "Jr.").
	if strings.HasSuffix(s, ".") {
		last := words[len(words)-1]
		if _, ok := corporateSuffix(last); !ok && !isInitials(last) && !strings.EqualFold(last, "Jr.") && !strings.EqualFold(last, "Sr.") && utf8.RuneCountInString(last) > 2 {
			s = strings.TrimSuffix(s, ".")
		}
	}
	return strings.TrimRight(s, ",;: ")
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// titleWord writes an all-capitals word in title case: the first letter
// and any letter after a hyphen or apostrophe stay upper case.
func titleWord(w string) string {
	var b strings.Builder
	up := true
	rs := []rune(w)
	for i, r := range rs {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = r == '-' || r == ' ' ||
			// "O'BRIEN" is O'Brien, but "DOOR'S" is Door's
			(r == '\'' || r == '’') && len(rs)-i > 2
	}
	return b.String()
}

// romanSuffix reports whether w is a generation suffix written in
// capitals ("III", "IV,"), which title case must not touch.
func romanSuffix(w string) bool {
	switch strings.TrimRight(w, ",.") {
	case "II", "III", "IV":
		return true
	}
	return false
}
