package entity

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Statutes returns the tagger for statutory citations: U.S. Code sections
// ("18 U.S.C. § 1591(a)(2)", "18 USC 1591", "Title 18, Section 1591",
// "section 1591 of title 18"), bare sections ("§ 1595"), named acts
// ("FOSTA", "Section 230", "Trafficking Victims Protection Reauthorization
// Act"), public laws ("Pub. L. No. 115-164") and the federal rules ("Fed. R.
// Civ. P. 12(b)(6)").
//
// Norms: U.S. Code citations fold to the section ("18 U.S.C. § 1591"; the
// subsection stays in Text); a public law that is a known act takes the
// act's short name ("FOSTA"), any other is "Pub. L. 115-164"; a federal rule
// keeps its subdivision ("Fed. R. Civ. P. 12(b)(6)").
//
// A bare section ("§ 1595", "§§ 1591 and 1595") has no title of its own. It
// takes, in order: the title under which the same section was last cited in
// full earlier in the text; for § 230, title 47 when the text names the
// Communications Decency Act or title 47 anywhere (Section 230 is cited bare
// far more often than any other § 230); otherwise the title last cited in
// full before it. With none of these it is not tagged: a lone "§ 12" in an
// essay is not evidence of any statute. A bare "Section 1595" (the word, not
// the sign) is tagged only by the first rule, because "Section 3" is as often
// a part of a report. A bare "Rule 12(b)(6)" is tagged when federal rules of
// that kind were cited in full earlier.
func Statutes() Tagger {
	return statuteTagger{statuteRulesOnce()}
}

// NormalizeStatute maps a statute as a user types it in a filter ("18 usc
// 1595", "section 230", "tvpra", "Pub. L. No. 115-164") to the facet value
// the tagger gives it. It reports false when s is not one statute.
func NormalizeStatute(s string) (norm string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	r := statuteRulesOnce()
	// Acronyms are case-sensitive in running text but not in a filter box.
	for _, a := range r.acts {
		for _, e := range a.exact {
			if strings.EqualFold(squash(s), e) {
				return a.norm, true
			}
		}
	}
	ms := statuteTagger{r}.Tag(s)
	if len(ms) == 0 || ms[0].Start != 0 {
		return "", false
	}
	// "Section 230 of the Communications Decency Act" is one statute,
	// though the tagger sees two mentions in it.
	rest := strings.TrimSpace(s[ms[0].End:])
	if rest == "" || len(ms) == 1 && rest == "." || strings.HasPrefix(strings.ToLower(rest), "of ") {
		return ms[0].Norm, true
	}
	return "", false
}

// statuteRulesOnce compiles the statute patterns once per process; the
// compiled rules are never mutated, so sharing them is safe.
var statuteRulesOnce = sync.OnceValue(newStatuteRules)

// Pieces of the section grammar. A section is digits with an optional
// letter and hyphenated tail ("1591", "2000e-2"); subsections are
// parenthesised ("(a)(2)").
const (
	sectionPat    = `\d+[a-zA-Z]?(?:-\d+[a-zA-Z]?)?`
	subsectionPat = `(?:\([a-zA-Z0-9]{1,4}\))*`
	listTailPat   = `((?:\s*(?:,|and|or|&)\s*` + sectionPat + subsectionPat + `)*)`
)

type statuteRules struct {
	acts []namedAct
	// where each (?i) or alternation-led pattern can match; see guide
	uscAt, titleAt, ofTitleAt, pubLawAt, fedRuleAt, bareWordAt, bareRuleAt guide
	// 1 title, 2 section sign or word, 3 first section, 4 list tail
	usc *regexp.Regexp
	// 1 title, 2 section
	titleSection *regexp.Regexp
	// 1 section, 2 title
	sectionOfTitle *regexp.Regexp
	// 1 sign, 2 first section, 3 list tail
	bareSign *regexp.Regexp
	// 1 section
	bareWord *regexp.Regexp
	// named acts: their exact forms, then their names
	actForms []actPattern
	// 1 congress, 2 law number
	pubLaw *regexp.Regexp
	// 1 family, 2 rule with subdivisions
	fedRule *regexp.Regexp
	// 1 rule with subdivisions
	bareRule *regexp.Regexp
	// one item of a list tail: the section and its subsections
	listItem *regexp.Regexp
}

func newStatuteRules() *statuteRules {
	r := &statuteRules{
		acts:       namedActs(),
		uscAt:      guide{needles: []string{"u.s.c", "usc", "u. s", "u s c", "u.s. c"}, before: 24, after: 200},
		titleAt:    guide{needles: []string{"title"}, after: 100},
		ofTitleAt:  guide{needles: []string{"title"}, before: 60, after: 10},
		pubLawAt:   guide{needles: []string{"pub"}, after: 40},
		bareWordAt: guide{needles: []string{"section"}, after: 40},
		bareRuleAt: guide{needles: []string{"rule"}, after: 40},
		fedRuleAt:  guide{needles: []string{"fed"}, after: 80},
	}
	r.usc = mustCompile(`\b(\d{1,2})\s*(?i:U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?)\s*(§§|§|(?i:sections?|secs?\.)|)\s*(` +
		sectionPat + subsectionPat + `)` + listTailPat)
	r.titleSection = mustCompile(`(?i)\btitle\s+(\d{1,2})(?:\s*,\s*|\s+of\s+the\s+|\s+)(?:United\s+States\s+Code\s*,?\s*)?(?:section|sec\.|§)\s*(` +
		sectionPat + subsectionPat + `)`)
	r.sectionOfTitle = mustCompile(`(?i)(?:\bsection|\bsec\.|§)\s*(` + sectionPat + subsectionPat + `)\s+of\s+title\s+(\d{1,2})\b`)
	r.bareSign = mustCompile(`(§§?)\s*(` + sectionPat + subsectionPat + `)` + listTailPat)
	r.bareWord = mustCompile(`\b[Ss]ection\s+(\d{3,}[a-z]?` + subsectionPat + `)`)
	r.listItem = mustCompile(`(` + sectionPat + `)` + subsectionPat)

	r.actForms = actPatterns(r.acts)
	r.pubLaw = mustCompile(`(?i)\bPub(?:lic|\.)?\s*L(?:aw|\.)?\s*(?:No\.?\s*)?(\d{2,3})\s*[-–‑]\s*(\d{1,4})\b`)
	r.fedRule = mustCompile(`(?i)\bFed(?:eral|\.)?\s*R(?:ules?|\.)?\s*(?:of\s+)?(Civ(?:il|\.)?|Crim(?:inal|\.)?|App(?:ellate|\.)?|Evid(?:ence|\.)?)\s*(?:P(?:rocedure|roc\.|\.)?\s*)?(\d+(?:\.\d+)?` + subsectionPat + `)`)
	r.bareRule = mustCompile(`\bRule\s+(\d+` + subsectionPat + `)`)
	return r
}

type statuteTagger struct{ r *statuteRules }

// Kinds of statute spans, carried in span.data.
type (
	uscRef     struct{ title, section string } // explicit title
	bareRef    struct{ section string }        // needs a title
	bareWord   struct{ section string }        // "Section 1595": needs the same section cited in full
	ruleRef    struct{ family, rule string }
	bareRuleIn struct{ rule string }
)

// Tag implements Tagger.
func (t statuteTagger) Tag(text string) []Mention {
	r := t.r
	lower := lowerASCII(text)
	var spans []span
	for _, m := range r.uscAt.findAll(text, lower, r.usc) {
		title := trimZeros(text[m[2]:m[3]])
		spans = append(spans, span{start: m[0], end: m[7], data: uscRef{title, sectionOf(text[m[6]:m[7]])}})
		if sign := text[m[4]:m[5]]; sign == "§§" || strings.HasSuffix(strings.ToLower(sign), "s") {
			spans = append(spans, r.listSpans(text, m[8], m[9], func(sec string) any { return uscRef{title, sec} })...)
		}
	}
	for _, m := range r.titleAt.findAll(text, lower, r.titleSection) {
		spans = append(spans, span{start: m[0], end: m[1], data: uscRef{trimZeros(text[m[2]:m[3]]), sectionOf(text[m[4]:m[5]])}})
	}
	for _, m := range r.ofTitleAt.findAll(text, lower, r.sectionOfTitle) {
		spans = append(spans, span{start: m[0], end: m[1], data: uscRef{trimZeros(text[m[4]:m[5]]), sectionOf(text[m[2]:m[3]])}})
	}
	for _, m := range r.bareSign.FindAllStringSubmatchIndex(text, -1) {
		spans = append(spans, span{start: m[0], end: m[5], rank: 2, data: bareRef{sectionOf(text[m[4]:m[5]])}})
		if text[m[2]:m[3]] == "§§" {
			spans = append(spans, r.listSpans(text, m[6], m[7], func(sec string) any { return bareRef{sec} })...)
		}
	}
	for _, m := range r.bareWordAt.findAll(text, lower, r.bareWord) {
		spans = append(spans, span{start: m[0], end: m[1], rank: 3, data: bareWord{sectionOf(text[m[2]:m[3]])}})
	}
	for _, p := range r.actForms {
		for _, m := range p.at.findAll(text, lower, p.re) {
			for g := 1; g <= len(p.acts); g++ {
				if m[2*g] >= 0 {
					spans = append(spans, span{start: m[0], end: m[1], rank: 1, norm: r.acts[p.acts[g-1]].norm})
					break
				}
			}
		}
	}
	for _, m := range r.pubLawAt.findAll(text, lower, r.pubLaw) {
		spans = append(spans, span{start: m[0], end: m[1], rank: 1, norm: r.publicLawNorm(trimZeros(text[m[2]:m[3]]) + "-" + trimZeros(text[m[4]:m[5]]))})
	}
	for _, m := range r.fedRuleAt.findAll(text, lower, r.fedRule) {
		spans = append(spans, span{start: m[0], end: m[1], rank: 1, data: ruleRef{ruleFamily(text[m[2]:m[3]]), strings.Join(strings.Fields(text[m[4]:m[5]]), "")}})
	}
	for _, m := range r.bareRuleAt.findAll(text, lower, r.bareRule) {
		spans = append(spans, span{start: m[0], end: m[1], rank: 3, data: bareRuleIn{text[m[2]:m[3]]}})
	}
	spans = dropOverlaps(spans)
	return resolveStatutes(text, spans)
}

// resolveStatutes walks the spans in text order, giving titles to bare
// sections and families to bare rules from what came before (see Statutes).
func resolveStatutes(text string, spans []span) []Mention {
	cda := false
	for _, s := range spans {
		if ref, ok := s.data.(uscRef); ok && ref.title == "47" || s.norm == "47 U.S.C. § 230" || s.norm == "Communications Decency Act" {
			cda = true
			break
		}
	}
	titleOf := map[string]string{} // section -> title it was last cited under
	lastTitle, lastFamily := "", ""
	var out []Mention
	for _, s := range spans {
		norm := s.norm
		switch d := s.data.(type) {
		case uscRef:
			titleOf[d.section] = d.title
			lastTitle = d.title
			norm = uscNorm(d.title, d.section)
		case bareRef:
			title := titleOf[d.section]
			if title == "" && d.section == "230" && cda {
				title = "47"
			}
			if title == "" {
				title = lastTitle
			}
			if title == "" {
				continue
			}
			norm = uscNorm(title, d.section)
		case bareWord:
			title := titleOf[d.section]
			if title == "" {
				continue
			}
			norm = uscNorm(title, d.section)
		case ruleRef:
			lastFamily = d.family
			norm = d.family + " " + d.rule
		case bareRuleIn:
			if lastFamily == "" {
				continue
			}
			norm = lastFamily + " " + d.rule
		}
		out = append(out, newMention(Statute, text, s.start, s.end, norm, ""))
	}
	return out
}

// listSpans splits the tail of "§§ 1591(a)(2) and 1595(a)" into one span
// per further section, each covering just that section as written.
func (r *statuteRules) listSpans(text string, start, end int, ref func(section string) any) []span {
	if start < 0 || start == end {
		return nil
	}
	var out []span
	for _, m := range r.listItem.FindAllStringSubmatchIndex(text[start:end], -1) {
		out = append(out, span{start: start + m[0], end: start + m[1], data: ref(trimZeros(text[start+m[2] : start+m[3]]))})
	}
	return out
}

func (r *statuteRules) publicLawNorm(number string) string {
	for _, a := range r.acts {
		for _, p := range a.publicLaws {
			if p == number {
				return a.norm
			}
		}
	}
	return "Pub. L. " + number
}

func uscNorm(title, section string) string {
	return title + " U.S.C. § " + section
}

// sectionOf drops subsections: "1591(a)(2)" -> "1591".
func sectionOf(s string) string {
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[:i]
	}
	return trimZeros(s)
}

// trimZeros drops leading zeros of a number-led token ("018" -> "18").
func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" || t[0] < '0' || t[0] > '9' {
		if _, err := strconv.Atoi(s); err == nil {
			return "0"
		}
		return s
	}
	return t
}

// ruleFamily gives the Bluebook abbreviation of a federal rules family.
func ruleFamily(word string) string {
	switch strings.ToLower(word[:3]) {
	case "civ":
		return "Fed. R. Civ. P."
	case "cri":
		return "Fed. R. Crim. P."
	case "app":
		return "Fed. R. App. P."
	default:
		return "Fed. R. Evid."
	}
}
