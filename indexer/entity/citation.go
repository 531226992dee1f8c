package entity

import (
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Citations returns the tagger for case citations by volume, reporter and
// first page: "519 F.3d 666", "425 F. Supp. 3d 959", "550 U.S. 544",
// "2021 WL 5795306", "2021 U.S. Dist. LEXIS 12345". Norm is "519 F.3d 666":
// the reporter as the Bluebook writes it and single spaces, whatever the
// spacing, line breaks or stray period in the text ("809 F. Supp. 2d.
// 1041"). Pinpoint pages and parentheticals are not part of the mention;
// short forms ("550 U.S. at 545") are not tagged, since they repeat a full
// citation that is.
//
// The reporters are the common federal ones and the regional reporters;
// single-letter reporters ("A.", "P.") are left out because "5 P. 2" is
// more often something else.
func Citations() Tagger {
	return citationTagger{citationRulesOnce()}
}

// reporters lists the reporters we recognise, as the Bluebook writes them.
func reporters() []string {
	return []string{
		"U.S.", "S. Ct.", "L. Ed.", "L. Ed. 2d", "U.S.L.W.",
		"F.", "F.2d", "F.3d", "F.4th", "F. Supp.", "F. Supp. 2d", "F. Supp. 3d",
		"F. App'x", "Fed. Appx.", "Fed. App'x", "F.R.D.", "B.R.", "Fed. Cl.", "Ct. Cl.", "Ct. Int'l Trade", "T.C.", "M.J.", "Vet. App.",
		"A.2d", "A.3d", "P.2d", "P.3d", "N.E.", "N.E.2d", "N.E.3d", "N.W.", "N.W.2d", "S.E.", "S.E.2d",
		"S.W.", "S.W.2d", "S.W.3d", "So.", "So. 2d", "So. 3d",
		"Cal. Rptr.", "Cal. Rptr. 2d", "Cal. Rptr. 3d", "Cal. 4th", "Cal. 5th", "Cal. App. 4th", "Cal. App. 5th",
		"N.Y.S.2d", "N.Y.S.3d", "N.Y.2d", "N.Y.3d", "A.D.3d", "Ill. 2d", "Ill. App. 3d", "Ill. Dec.",
	}
}

var citationRulesOnce = sync.OnceValue(func() *citationRules {
	r := &citationRules{reporters: reporters(), wlAt: guide{needles: []string{"wl", "lexis"}, before: 24, after: 24}}
	// Longest first, so that "F. Supp. 2d" is tried before "F. Supp.".
	slices.SortStableFunc(r.reporters, func(a, b string) int { return len(b) - len(a) })
	var alts []string
	for _, rep := range r.reporters {
		alts = append(alts, `(`+reporterPattern(rep)+`)`)
	}
	r.cite = mustCompile(`^(\d{1,4})\s+(?:` + strings.Join(alts, "|") + `)\s+(\d{1,5})\b`)
	r.wl = mustCompile(`\b((?:19|20)\d\d)\s+(WL|U\.\s?S\.\s+(?:Dist\.\s+|App\.\s+)?LEXIS)\s+(\d{1,8})\b`)
	return r
})

type citationRules struct {
	reporters []string
	// anchored at a volume: 1 volume, 2.. one group per reporter, last the page
	cite *regexp.Regexp
	wlAt guide
	// 1 year, 2 database, 3 number
	wl *regexp.Regexp
}

// reporterPattern lets a reporter's spaces be any white space (or none
// where the text drops them), its periods be followed by an optional
// space, its apostrophe be typographic, and an ordinal series end in a
// stray period ("2d.").
func reporterPattern(rep string) string {
	var b strings.Builder
	for i := 0; i < len(rep); i++ {
		switch c := rep[i]; c {
		case ' ':
			b.WriteString(`\s*`)
		case '.':
			b.WriteString(`\.`)
			if i+1 < len(rep) && rep[i+1] != ' ' {
				b.WriteString(`\s?`)
			}
		case '\'':
			b.WriteString(`['’]`)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if strings.HasSuffix(rep, "d") || strings.HasSuffix(rep, "th") {
		b.WriteString(`\.?`)
	}
	return b.String()
}

type citationTagger struct{ r *citationRules }

// Tag implements Tagger.
func (t citationTagger) Tag(text string) []Mention {
	r := t.r
	var spans []span
	for _, m := range r.findCites(text) {
		for g := 2; 2*g+1 < len(m)-2; g++ {
			if m[2*g] >= 0 {
				page := text[m[len(m)-2]:m[len(m)-1]]
				spans = append(spans, span{start: m[0], end: m[1], norm: trimZeros(text[m[2]:m[3]]) + " " + r.reporters[g-2] + " " + page})
				break
			}
		}
	}
	for _, m := range r.wlAt.findAll(text, lowerASCII(text), r.wl) {
		db := strings.ReplaceAll(squash(text[m[4]:m[5]]), "U. S.", "U.S.")
		spans = append(spans, span{start: m[0], end: m[1], norm: text[m[2]:m[3]] + " " + db + " " + text[m[6]:m[7]]})
	}
	spans = dropOverlaps(spans)
	out := make([]Mention, 0, len(spans))
	for _, s := range spans {
		out = append(out, newMention(Citation, text, s.start, s.end, s.norm, ""))
	}
	return out
}

// citeWindow bounds a volume-reporter-page citation: volume, the longest
// reporter with generous white space, and page.
const citeWindow = 80

// findCites tries the anchored citation pattern at each number that starts
// a word: scanning for digits is far cheaper than letting the regexp engine
// try every position of a long text.
func (r *citationRules) findCites(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) || i > 0 && (isDigit(text[i-1]) || isWordByte(text[i-1])) {
			continue
		}
		end := min(len(text), i+citeWindow)
		m := r.cite.FindStringSubmatchIndex(text[i:end])
		if m == nil || i+m[1] == end && end < len(text) && isDigit(text[end]) {
			continue // none, or the window cut the page number
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += i
			}
		}
		out = append(out, m)
		i = m[1] - 1
	}
	return out
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isWordByte(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}
