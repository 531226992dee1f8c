package entity

import (
	"regexp"
	"strings"
	"sync"
)

// Judges returns the tagger for judges named with their office: "Judge
// Andrea R. Wood", "Magistrate Judge Joseph C. Spero", "Hon. X", "Before:
// A, B, and C, Circuit Judges", "Assigned to: Judge X", and a signature
// block's name above "United States District Judge". Norm is the name
// without the title, in title case when the text shouts it.
//
// A bare surname ("Wood, J.") or "the judge" is not tagged: without the
// title the name could be anyone's.
func Judges() Tagger {
	return judgeTagger{judgeRulesOnce()}
}

// namePat is a personal name: up to five capitalised words or initials on
// one line ("Andrea R. Wood", "EASTERBROOK", "Joseph C. Spero").
const namePat = `[A-Z][A-Za-z'’-]+\.?(?:[ \t]+(?:[A-Z]\.|[A-Z][A-Za-z'’-]+\.?|(?:de|van|von|del|la)\b)){0,4}`

var judgeRulesOnce = sync.OnceValue(func() *judgeRules {
	return &judgeRules{
		titleAt:     guide{needles: []string{"judge"}, before: 60, after: 60},
		honAt:       guide{needles: []string{"hon"}, after: 80},
		assignedAt:  guide{needles: []string{"assigned"}, after: 80},
		panelAt:     guide{needles: []string{"before"}, after: 220},
		signatureAt: guide{needles: []string{"judge"}, before: 100, after: 10, lines: true},
		title:       mustCompile(`\b(?:(?:Chief|Senior|Magistrate|District|Circuit|Bankruptcy|Associate|Presiding)\s+)*Judge[ \t]+(` + namePat + `)`),
		hon:         mustCompile(`\bHon(?:\.|orable)\s+(?:Judge\s+)?(` + namePat + `)`),
		assigned:    mustCompile(`(?i:assigned\s+to)\s*:?\s*(?:(?:Magistrate\s+|District\s+|Chief\s+)*Judge\s+|Hon\.\s+|Honorable\s+)?(` + namePat + `)`),
		panel:       mustCompile(`\b(?:BEFORE|Before)\s*:?\s+([^\n]{3,200}?),?\s+(?:Chief\s+)?(?:Circuit|District|Bankruptcy)\s+Judges?\b`),
		signature:   mustCompile(`(?m)^[ \t]*(` + namePat + `)[ \t]*\n[ \t]*United\s+States\s+(?:Chief\s+)?(?:District|Magistrate|Circuit|Bankruptcy)\s+Judge\b`),
		panelSep:    regexp.MustCompile(`,\s*(?:and\s+)?|\s+and\s+`),
	}
})

type judgeRules struct {
	title, hon, assigned, panel, signature, panelSep *regexp.Regexp
	// where the patterns can match; see guide
	titleAt, honAt, assignedAt, panelAt, signatureAt guide
}

type judgeTagger struct{ r *judgeRules }

// notNames are capitalised words that follow "Judge" without being a name.
func notName(w string) bool {
	switch strings.TrimRight(w, ".,") {
	case "The", "A", "An", "In", "Of", "And", "For", "To", "Advocate", "Judge", "Judges", "Court", "United", "States":
		return true
	}
	return false
}

// Tag implements Tagger.
func (t judgeTagger) Tag(text string) []Mention {
	r := t.r
	var spans []span
	addName := func(start, end int) {
		name := text[start:end]
		// "Judge Wood." ends a sentence: the period is not an initial
		fields := strings.Fields(name)
		if len(fields) == 0 || notName(fields[0]) {
			return
		}
		if last := fields[len(fields)-1]; strings.HasSuffix(last, ".") && len(last) > 2 && last != "Jr." && last != "Sr." {
			end--
			name = name[:len(name)-1]
		}
		spans = append(spans, span{start: start, end: end, norm: displayName(name)})
	}
	lower := lowerASCII(text)
	for _, p := range []struct {
		g  guide
		re *regexp.Regexp
	}{{r.titleAt, r.title}, {r.honAt, r.hon}, {r.assignedAt, r.assigned}, {r.signatureAt, r.signature}} {
		for _, m := range p.g.findAll(text, lower, p.re) {
			addName(m[2], m[3])
		}
	}
	for _, m := range r.panelAt.findAll(text, lower, r.panel) {
		list := text[m[2]:m[3]]
		at := 0
		for _, sep := range append(r.panelSep.FindAllStringIndex(list, -1), []int{len(list), len(list)}) {
			piece := list[at:sep[0]]
			lead := len(piece) - len(strings.TrimLeft(piece, " \t"))
			s, e := m[2]+at+lead, m[2]+at+len(strings.TrimRight(piece, " \t"))
			if e > s {
				addName(s, e)
			}
			at = sep[1]
		}
	}
	spans = dropOverlaps(spans)
	out := make([]Mention, 0, len(spans))
	for _, s := range spans {
		out = append(out, newMention(Judge, text, s.start, s.end, s.norm, ""))
	}
	return out
}
