package entity

import (
	"strings"
	"unicode/utf8"
)

// Where a statute pattern can start: each reader below is a guide's can
// (or need), asked before the pattern runs, that reports whether a window
// starts as the pattern's matches do. Each has a fuzz target with its
// pattern as the oracle.

// spacesFrom skips the ASCII white space of s from j; with unsure, it
// met a byte outside ASCII first, which may be a wide space that
// mustCompile's \s takes (or a letter that folds into ASCII), so a can
// must let s through.
func spacesFrom(s string, j int) (end int, unsure bool) {
	for j < len(s) && isSpaceByte(s[j]) {
		j++
	}
	return j, j < len(s) && s[j] >= utf8.RuneSelf
}

// foldPrefix reports whether s[j:] starts with w (ASCII, lower case)
// in any case.
func foldPrefix(s string, j int, w string) bool {
	return len(s)-j >= len(w) && asciiEqualFold(s[j:j+len(w)], w)
}

// lawAfter, the public and private law guides' can, reports whether s
// starts as the public law pattern's matches do: "Pub", "Public",
// "Pub.", "Pvt", "Pvt." or "Private", then "L", "Law" or "L.", then
// "No", "No." or "Number" or none, and a figure, each part in any case
// and with white space between them or none. The letters of these words
// fold into no letter outside ASCII, so they are compared as ASCII.
func lawAfter(s string) bool {
	for _, w := range []string{"public", "pub.", "pub", "private", "pvt.", "pvt"} {
		if !foldPrefix(s, 0, w) {
			continue
		}
		j, unsure := spacesFrom(s, len(w))
		if unsure {
			return true
		}
		if !foldPrefix(s, j, "l") {
			continue
		}
		j++
		for _, k := range []int{j, j + 2, j + 1} { // "L", "Law", "L."
			if k > j && !(k == j+2 && foldPrefix(s, j, "aw") || k == j+1 && foldPrefix(s, j, ".")) {
				continue
			}
			k, unsure := spacesFrom(s, k)
			if unsure {
				return true
			}
			for _, no := range []string{"", "no", "number"} {
				if !foldPrefix(s, k, no) {
					continue
				}
				e := k + len(no)
				if no == "no" && foldPrefix(s, e, ".") {
					e++
				}
				e, unsure := spacesFrom(s, e)
				if unsure || e < len(s) && isDigit(s[e]) {
					return true
				}
			}
		}
	}
	return false
}

// fedThenRule, the federal rule guide's can, reports whether s starts
// as the pattern's matches do: "Fed", "Fed." or "Federal", then "R",
// "Rule", "Rules" or "R.", then "of" or none, and the first letter of a
// family of rules ("Civ", "Crim", "App", "Evid", "Bankr"), each part in
// any case and with white space between them or none ("of" takes some).
func fedThenRule(s string) bool {
	for _, w := range []string{"federal", "fed.", "fed"} {
		if !foldPrefix(s, 0, w) {
			continue
		}
		j, unsure := spacesFrom(s, len(w))
		if unsure {
			return true
		}
		if !foldPrefix(s, j, "r") {
			continue
		}
		j++
		for _, r := range []string{"", "ules", "ule", "."} {
			if !foldPrefix(s, j, r) {
				continue
			}
			k, unsure := spacesFrom(s, j+len(r))
			if unsure {
				return true
			}
			if foldPrefix(s, k, "of") {
				if e, unsure := spacesFrom(s, k+2); unsure || e > k+2 && e < len(s) && strings.IndexByte("cCaAeEbB", s[e]) >= 0 {
					return true
				}
			}
			if k < len(s) && strings.IndexByte("cCaAeEbB", s[k]) >= 0 {
				return true
			}
		}
	}
	return false
}

// sectionNumber, the bare "Section 1595" guide's can, reports whether s
// starts as that pattern's matches do: "Section" or "section", white
// space (spaceLen) and three figures.
func sectionNumber(s string) bool {
	if !strings.HasPrefix(s, "Section") && !strings.HasPrefix(s, "section") {
		return false
	}
	j := len("section")
	k := j
	for n := spaceLen(s[k:]); n > 0; n = spaceLen(s[k:]) {
		k += n
	}
	return k > j && k+3 <= len(s) && isDigit(s[k]) && isDigit(s[k+1]) && isDigit(s[k+2])
}

// titleThenCode, the U.S.C. guide's can, reports whether s starts as the
// U.S.C. patterns do: a title of one or two figures, perhaps a comma,
// white space (spaceLen), and then the Code ("U", "u") or a pleading paper's line
// number (a figure).
func titleThenCode(s string) bool {
	d := 0
	for d < len(s) && isDigit(s[d]) {
		d++
	}
	if d == 0 || d > 2 {
		return false
	}
	if d < len(s) && s[d] == ',' {
		d++
	}
	for n := spaceLen(s[d:]); n > 0; n = spaceLen(s[d:]) {
		d += n
	}
	return d < len(s) && (s[d] == 'U' || s[d] == 'u' || isDigit(s[d]))
}

// needPluralSign, the need of the plural U.S.C. pattern, reports whether
// a window has one of its plural signs, "§§", "sections", "secs." or
// "Ss.", in any case; or a long s, which the case-insensitive "sections"
// also matches.
func needPluralSign(text, lower string) bool {
	return strings.Contains(lower, "§§") || strings.Contains(lower, "sections") || strings.Contains(lower, "secs.") ||
		strings.Contains(lower, "ss.") || strings.Contains(text, "ſ")
}

// needOfTitle, the guide's need of "Sections 1591 and 1595 of Title 18",
// reports whether a window has "of", white space, "title", white space
// and a figure, in any case. A byte outside ASCII is taken for white
// space, since a no-break or thin space may be: most windows of "title"
// are a document's or a statute's name ("Title VII", "the title of"),
// where the pattern, which begins with any "sec" or "§", cannot match.
func needOfTitle(_, lower string) bool {
	space := func(c byte) bool { return isSpaceByte(c) || c >= utf8.RuneSelf }
	for at := 0; ; {
		i := strings.Index(lower[at:], "title")
		if i < 0 {
			return false
		}
		i += at
		at = i + len("title")
		b := i
		for b > 0 && space(lower[b-1]) {
			b--
		}
		e := at
		for e < len(lower) && space(lower[e]) {
			e++
		}
		if b < i && b >= 2 && lower[b-2:b] == "of" && e > at && e < len(lower) && isDigit(lower[e]) {
			return true
		}
	}
}
