package entity

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
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
const namePat = `(?:[A-Z]\.|[A-Z][A-Za-z'’-]+\.?)(?:[ \t]+(?:[A-Z]\.|[A-Z][A-Za-z'’-]+\.?|(?:de|van|von|del|la)\b)){0,4}`

var judgeRulesOnce = sync.OnceValue(func() *judgeRules {
	return &judgeRules{
		titleAt:     guide{needles: []string{"judge", "justice"}, before: 60, after: 60},
		initialAt:   guide{needles: []string{" j.", ",j.", " c.j.", " c. j.", " p.j.", " j.p."}, lines: true},
		suffixAt:    guide{needles: []string{"judge", "justice"}, before: 120, after: 10},
		listAt:      guide{needles: []string{"jj", "js.", "justices"}, before: 300, after: 10},
		honAt:       guide{needles: []string{"hon"}, after: 80},
		assignedAt:  guide{needles: []string{"assigned"}, after: 80},
		panelAt:     guide{needles: []string{"before"}, after: 220},
		signatureAt: guide{needles: []string{"judge"}, before: 100, after: 10, lines: true},
		title:       mustCompile(`\b(?:(?:Chief|Senior|Magistrate|District|Circuit|Bankruptcy|Associate|Presiding)\s+)*(?:Judge|Justice|JUSTICE)(?:[ \t]*:[ \t]*|[ \t]+)(` + namePat + `)`),
		// "Montesano, J.", "CONNORS, J.", "JCL LOBRANO, J., CONCURS"
		initialJ: mustCompile(`(?m)^[ \t]*(?:<[^>\n]*>[ \t]*)*(` + namePat + `),[ \t]*(?:C\.[ \t]?J|P\.[ \t]?J|J\.[ \t]?P|J)\.`),
		// "Josie Garton, Judge.", "Nancy J. Waples, Associate Justice", "James Lawrence Sanchez, District Judge"
		suffix: mustCompile(`(` + namePat + `)(?:,[ \t]*Jr\.)?,[ \t]+(?:(?:Chief|Associate|Presiding|Senior|District|Superior\s+Court|Circuit|County|Magistrate|Trial)[ \t]+)*(?:Justice|Judge)(?:[ \t]+Pro[ \t]+Tem(?:pore)?)?[ \t]*(?:[.,;)]|\n|$)`),
		// the end of a list of judges: "..., JJ.", "... and Alvord, Js.", "..., Justices."
		listEnd:   mustCompile(`,?[ \t]*(?:JJ\.?|Js\.|Justices\b)`),
		listSep:   regexp.MustCompile(`\s*(?:,|;|\band\b|\n|<br>)\s*`),
		listName:  regexp.MustCompile(`^(?:[A-Z][A-Za-z'’-]*\.?|Mc[A-Z][A-Za-z]+)(?:[ \t]+(?:[A-Z]\.|[A-Z][A-Za-z'’-]+\.?|Jr\.|(?:de|van|von|del|la)\b)){0,3}$`),
		listTitle: regexp.MustCompile(`^(?:C\.\s?J\.|J\.\s?P\.|P\.\s?J\.|J\.|JJ\.?|Js\.|Chief Justice|Jr\.)$`),
		hon:       mustCompile(`\bHon(?:\.|orable)\s+(?:Judge\s+)?(` + namePat + `)`),
		assigned:  mustCompile(`(?i:assigned\s+to)\s*:?\s*(?:(?:Magistrate\s+|District\s+|Chief\s+)*Judge\s+|Hon\.\s+|Honorable\s+)?(` + namePat + `)`),
		panel:     mustCompile(`\b(?:BEFORE|Before)\s*:?\s+([^\n]{3,200}?),?\s+(?:Chief\s+)?(?:Circuit|District|Bankruptcy)\s+Judges?\b`),
		signature: mustCompile(`(?m)^[ \t]*(` + namePat + `)[ \t]*\n[ \t]*United\s+States\s+(?:Chief\s+)?(?:District|Magistrate|Circuit|Bankruptcy)\s+Judge\b`),
		panelSep:  regexp.MustCompile(`,\s*(?:and\s+)?|\s+and\s+`),
	}
})

type judgeRules struct {
	title, hon, assigned, panel, signature, panelSep        *regexp.Regexp
	initialJ, suffix, listEnd, listSep, listName, listTitle *regexp.Regexp
	// where the patterns can match; see guide
	titleAt, honAt, assignedAt, panelAt, signatureAt, initialAt, suffixAt, listAt guide
}

type judgeTagger struct{ r *judgeRules }

// notNames are capitalised words that follow "Judge" without being a name.
func notName(w string) bool {
	switch strings.TrimRight(w, ".,") {
	case "The", "A", "An", "In", "Of", "And", "For", "To", "Advocate", "Judge", "Judges", "Court", "United", "States",
		"Department", "Justice", "Justices", "Court,", "Opinion", "Per", "PER", "THE", "Reporter", "Chief", "Associate":
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
		// "Bonner County. Lamont C. Berecz": the name starts after the
		// last word that ends a sentence
		for i := len(fields) - 2; i >= 0; i-- {
			if f := fields[i]; strings.HasSuffix(f, ".") && len(f) > 2 && f != "Jr." && f != "Sr." && !strings.Contains(f[:len(f)-1], ".") {
				cut := strings.LastIndex(name, f) + len(f)
				lead := len(name[cut:]) - len(strings.TrimLeft(name[cut:], " \t"))
				start += cut + lead
				name = name[cut+lead:]
				fields = strings.Fields(name)
				break
			}
		}
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
	}{{r.titleAt, r.title}, {r.honAt, r.hon}, {r.assignedAt, r.assigned}, {r.signatureAt, r.signature}, {r.initialAt, r.initialJ}, {r.suffixAt, r.suffix}} {
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
	// Lists ended by "JJ." or "Justices": walk back from the end while
	// the pieces read as names (or as titles, "C. J.", which are skipped).
	for _, m := range r.listAt.findAll(text, lower, r.listEnd) {
		from := max(0, m[0]-300)
		for from < m[0] && !utf8.RuneStart(text[from]) {
			from++
		}
		seg := text[from:m[0]]
		if i := strings.LastIndex(seg, "\n\n"); i >= 0 {
			seg, from = seg[i+2:], from+i+2
		}
		if i := strings.LastIndex(seg, ":"); i >= 0 {
			seg, from = seg[i+1:], from+i+1
		}
		seps := r.listSep.FindAllStringIndex(seg, -1)
		end := len(seg)
		for k := len(seps); k >= 0; k-- {
			st := 0
			if k > 0 {
				st = seps[k-1][1]
			}
			piece := seg[st:end]
			if k > 0 {
				end = seps[k-1][0]
			}
			p := strings.TrimSpace(piece)
			if p == "" || r.listTitle.MatchString(p) {
				continue
			}
			if !r.listName.MatchString(p) {
				break
			}
			ps := from + st + strings.Index(piece, p)
			addName(ps, ps+len(p))
		}
	}
	spans = dropOverlaps(spans)
	out := make([]Mention, 0, len(spans))
	for _, s := range spans {
		out = append(out, newMention(Judge, text, s.start, s.end, s.norm, ""))
	}
	return out
}
