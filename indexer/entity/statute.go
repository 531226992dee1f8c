package entity

import (
	"regexp"
	"slices"
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
// State codes are tagged as such, with the code's Bluebook abbreviation
// (which names the state): "Okla. Stat. tit. 10A § 7301-1.3", "Cal. Penal
// Code § 236.1", "720 Ill. Comp. Stat. 5/10-9"; never as U.S. Code.
// Ranges keep every section ("§§ 1591-1595" gives 1591 to 1595; a range
// of more than ten sections gives its two ends), lists every listed one.
// A reporter ("200 U. S. 321", "123 S.Ct. 45") is never a bill.
//
// A bare section ("§ 1595", "§§ 1591 and 1595") has no code of its own.
// Within about a page after a state code or C.F.R. citation it is of that
// code; right after a public law, or after a name ("Restatement (Second)
// of Torts § 876"), it is not tagged. Otherwise it takes, in order: the
// title under which the same section was last cited in full earlier in
// the text; for § 230, title 47 when the text names the Communications
// Decency Act or title 47 anywhere (Section 230 is cited bare far more
// often than any other § 230); otherwise the title of the U.S. Code
// citation just before it, within about a page. With none of these it is
// not tagged: a lone "§ 12" in an essay is not evidence of any statute. A bare "Section 1595" (the word, not
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
		if strings.EqualFold(squash(s), a.norm) {
			return a.norm, true // the facet value itself
		}
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
	listTailPat   = `((?:\s*(?:,|and|or|&|–|—|to|through|thru)\s*` + sectionPat + subsectionPat + `)*)`
)

type statuteRules struct {
	acts []namedAct
	// the needles of every guide below, found in one pass
	guides *guides
	// where each (?i) or alternation-led pattern can match; see guide
	uscAt, titleAt, ofTitleAt, pubLawAt, pvtAt, fedRuleAt, bareWordAt, bareRuleAt guide
	// uscAt for the plural pattern, which needs a plural sign
	uscListAt guide
	// 1 title, 2 section sign or word, 3 first section, 4 list tail
	usc, uscList *regexp.Regexp
	// 1 title, 2 section
	titleSection *regexp.Regexp
	// 1 section, 2 list tail, 3 title
	sectionOfTitle *regexp.Regexp
	// 1 sign, 2 first section, 3 list tail
	bareSign *regexp.Regexp
	// 1 section
	bareWord *regexp.Regexp
	// named acts: their exact forms, then their names
	actForms []actForm
	// 1 congress, 2 law number
	pubLaw *regexp.Regexp
	// 1 family, 2 rule with subdivisions
	fedRule *regexp.Regexp
	// 1 rule with subdivisions
	bareRule                       *regexp.Regexp
	cfrAt, statAt, billAt, treasAt guide
	// 1 title, 2 "part", 3 section or part
	cfr *regexp.Regexp
	// 1 volume, 2 "Stat." or the Federal Register, 3 page
	stat *regexp.Regexp
	// 1 chamber, 2 number
	bill *regexp.Regexp
	// what before "S. 321" makes it a reporter ("200 U. S. 321", "So. S. 4")
	billReporter *regexp.Regexp
	// 1 section
	treas *regexp.Regexp
	// 1 "Pub" or "Pvt"/"Private", 2 congress, 3 law number (replaces pubLaw's groups)
	// signs that a text is a federal civil case, where a bare "Rule 12(b)(6)" is civil procedure
	civil *regexp.Regexp
	// one item of a list tail: the section and its subsections
	listItem *regexp.Regexp
	// 1 the list tail after a plural sign's first section
	listTail *regexp.Regexp
	// "§11 U.S.C. 1306": a section sign that is the U.S.C. citation's own
	uscAfter *regexp.Regexp
	// "Const. art. 7, § 7": a bare section of a part of some other code
	partBefore *regexp.Regexp
}

func newStatuteRules() *statuteRules {
	r := &statuteRules{
		acts:       namedActs(),
		uscAt:      guide{needles: []string{"u.s.c", "usc", "u. s", "u s c", "u.s. c", "u.s. code", "united states code"}, before: 24, after: 200, lead: leading(digits), word: true, can: titleThenCode},
		cfrAt:      guide{needles: []string{"c.f.r", "cfr", "c. f. r"}, before: 8, after: 40, lead: leading(digits), word: true},
		statAt:     guide{needles: []string{"stat.", "fed. reg", "fr "}, before: 8, after: 24, lead: leading(digits), word: true},
		billAt:     guide{needles: []string{"s.", "h.r", "h. r", "senate", "house"}, before: 2, after: 24, keep: billNumberAfter, need: needBill},
		treasAt:    guide{needles: []string{"treas"}, after: 40},
		titleAt:    guide{needles: []string{"title"}, after: 100},
		ofTitleAt:  guide{needles: []string{"title"}, before: 60, after: 10, need: needOfTitle},
		pubLawAt:   guide{needles: []string{"pub"}, after: 40, lead: leading("Pp"), word: true, can: lawAfter},
		pvtAt:      guide{needles: []string{"pvt", "private"}, after: 40, lead: leading("Pp"), word: true, can: lawAfter},
		bareWordAt: guide{needles: []string{"section"}, after: 40, lead: leading("Ss"), word: true, can: sectionNumber},
		bareRuleAt: guide{needles: []string{"rule"}, after: 40, lead: leading("R"), word: true, can: startsWith(false, "Rule")},
		fedRuleAt:  guide{needles: []string{"fed"}, after: 80, lead: leading("Ff"), word: true, can: fedThenRule},
	}
	// "18 U.S.C. § 1591", "18 USC 1591", "1 U.S.C.A. § 1", "1 U.S. Code §1",
	// "21, United States Code, Section 853", "1 USC S. 1-2"
	// A pleading paper's line number may come between the title and the
	// Code ("whether 8\n3 U.S.C. § 1427"), and between the Code and the
	// section ("8 U.S.C.\n2 § 1427"); the first is group 2.
	usc := `\b(\d{1,2}),?(?:[ \t]*\n\s*(\d{1,2})(?:[ \t]*\n\s*|[ \t]+))?\s*(?:(?i:U\.?\s?S\.?\s?C\.?(?:\s?[ASU]\.?)?)|U\.\s?S\.\s+Code|United\s+States\s+Code,?)` +
		`(?:[ \t]*\n\s*\d{1,2}(?:[ \t]*\n|[ \t]+))?\s*`
	// A list of sections follows only a plural sign: in "Section 853 and 1
	// U.S. Code § 1" the "1" is the next title, not a second section.
	r.usc = mustCompile(usc + `(§|(?i:section|sec\.)|S\.|)\s*(` + sectionPat + subsectionPat + `)()`)
	r.uscList = mustCompile(usc + `(§§|(?i:sections|secs\.)|[Ss]s\.)\s*(` + sectionPat + subsectionPat + `)()`)
	r.uscListAt = r.uscAt
	r.uscListAt.need = needPluralSign
	// read after the list's first section, not as part of its match, so
	// that "§§ 1591 and 47 U.S.C. § 230" leaves "47" to the next citation
	r.listTail = mustCompile(`^` + listTailPat)
	r.titleSection = mustCompile(`(?i)\btitle\s+(\d{1,2})(?:\s*,\s*|\s+of\s+the\s+|\s+)(?:(?:United\s+States\s+Code|U\.?\s?S\.?\s?C\.?)\s*,?\s*)?(?:section|sec\.|§)\s*(` +
		sectionPat + subsectionPat + `)`)
	r.sectionOfTitle = mustCompile(`(?i)(?:\bsections?|\bsecs?\.|§§?)\s*(` + sectionPat + subsectionPat + `)` + listTailPat + `\s+of\s+title\s+(\d{1,2})\b`)
	r.bareSign = mustCompile(`(§§?)\s*(` + stateSectionPat + subsectionPat + `)((?:\s*(?:,|and|or|&|–|—|to|through|thru)\s*` + stateSectionPat + subsectionPat + `)*)`)
	r.bareWord = mustCompile(`\b[Ss]ection\s+(\d{3,}[a-z]?` + subsectionPat + `)`)
	r.listItem = mustCompile(`(` + stateSectionPat + `)` + subsectionPat)
	r.uscAfter = mustCompile(`^,?\s*(?:U\.?\s?S\.?\s?C|United\s+States\s+Code)`)
	r.partBefore = mustCompile(`(?i)\b(?:art(?:icle|\.)?|amend(?:ment|\.)?|ch(?:apter|\.)?|tit(?:le|\.)?|pt\.|part)\s*[\dIVXLC]+[A-Za-z]?\s*,\s*$`)

	r.actForms = actForms(r.acts)
	gs := []guide{r.uscAt, r.cfrAt, r.statAt, r.billAt, r.treasAt, r.titleAt, r.ofTitleAt, r.pubLawAt, r.pvtAt, r.bareWordAt, r.bareRuleAt, r.fedRuleAt}
	needles := needlesOf(gs...)
	for _, f := range r.actForms {
		needles = append(needles, f.needle)
	}
	r.guides = newGuides(needles)
	r.pubLaw = mustCompile(`(?i)\b(Pub(?:lic|\.)?|Pvt\.?|Private)\s*L(?:aw|\.)?\s*(?:No\.?\s*|Number\s*)?(\d{2,3})\s*[-–‑]\s*(\d{1,4})\b`)
	r.cfr = mustCompile(`\b(\d{1,2})\s*(?:C\.?\s?F\.?\s?R\.?)\s*,?\s*(?:(§§?|[Pp]arts?|pts?\.|[Ss]ec(?:tion|\.)?s?)\s*)?(\d+(?:\.\d+[a-z]?(?:-\d+)?)?)`)
	r.stat = mustCompile(`\b(\d{1,3})\s+(Stat\.|Fed\.\s?Reg\.|F\.?R\.?)\s+(\d{1,3}(?:,\d{3})*|\d+)\b`)
	r.bill = mustCompile(`(?:^|[^\w.])((?:S|H\.\s?R)\.|Senate(?:\s+Bill)?|House(?:\s+Bill)?|H\.B\.)\s?([1-9]\d{1,4})\b`)
	r.billReporter = mustCompile(`(?:\d|\b[A-Z][a-z]{0,3}\.|\b[A-Z])\s*$`)
	r.treas = mustCompile(`\bTreas\.\s?Reg\.\s*§\s*(\d+\.\d+(?:-\d+)?[a-z]?)`)
	r.civil = mustCompile(`(?i)-cv-|\bcivil\s+action\b|\bFed(?:eral|\.)\s*R(?:ules?|\.)?\s*(?:of\s+)?Civ`)
	r.fedRule = mustCompile(`(?i)\bFed(?:eral|\.)?\s*R(?:ules?|\.)?\s*(?:of\s+)?(Civ(?:il|\.)?|Crim(?:inal|\.)?|App(?:ellate|\.)?|Evid(?:ence|\.)?|Bankr(?:uptcy|\.)?)\s*(?:P(?:rocedure|roc\.|\.)?\s*)?(\d+(?:\.\d+)?` + subsectionPat + `)`)
	r.bareRule = mustCompile(`\bRule\s+(\d+` + subsectionPat + `)`)
	return r
}

type statuteTagger struct{ r *statuteRules }

// Kinds of statute spans, carried in span.data.
type (
	uscRef struct {
		title string
		secs  []string // a section, or the sections of a range
	}
	bareRef struct {
		sec    string // as written: "1595(a)", "1591-1595", "7301-1.3"
		plural bool
		from   string // the section before, when sec ends a range from it ("§§ 1591 to 1595")
	}
	bareWord struct{ section string } // "Section 1595": needs the same section cited in full
	// a C.F.R. title, or a statute of no code we resolve; a bare section
	// within reach bytes after it is of it, not of the U.S. Code
	otherRef struct {
		cfr   string
		reach int
	}
	ruleRef    struct{ family, rule string }
	bareRuleIn struct{ rule string }
)

// maxBareGap is how far (in bytes) a bare "§ 1595" may be from the
// statute cited before it to take that statute's code: about a page.
const maxBareGap = 3000

// pubLawReach is how close a bare section must follow a public law or a
// Statutes at Large page to be a section of that law: "Pub. L. No.
// 115-164, § 2".
const pubLawReach = 4

// Tag implements Tagger.
func (t statuteTagger) Tag(text string) []Mention {
	return t.tagScan(t.r.guides.scan(text, lowerASCII(text)))
}

func (t statuteTagger) needles() *guides { return t.r.guides }

func (t statuteTagger) tagScan(sc *scan) []Mention {
	r, text := t.r, sc.text
	var spans []span
	numbered := -1 // whether the text has line numbers: -1 not known yet
	for k, re := range []*regexp.Regexp{r.usc, r.uscList} {
		// groups: 1 title, 2 a line number before the Code, 3 sign, 4 first section
		at := r.uscAt
		if k == 1 {
			at = r.uscListAt
		}
		for _, m := range at.find(sc, re) {
			start, title := m[0], trimZeros(text[m[2]:m[3]])
			if m[4] >= 0 {
				// "8\n3 U.S.C.": on pleading paper the 3 is a line
				// number; anywhere else ("Count 4\n18 U.S.C.") the
				// number by the Code is the title
				if numbered < 0 {
					numbered = lineNumbered(text)
				}
				if numbered == 0 {
					start, title = m[4], trimZeros(text[m[4]:m[5]])
				}
			}
			plural := re == r.uscList
			sign, sec := m[6:8], m[8:10]
			if sign[0] == sign[1] && strings.Contains(text[skipSpaceBack(text, sec[0]):sec[0]], "\n") {
				continue // "8 U.S.C.\n2": with no sign, a number on the next line is a line number, not a section
			}
			spans = append(spans, span{start: start, end: sec[1], data: uscRef{title, sectionRange(text[sec[0]:sec[1]], plural, true)}})
			if plural {
				te := sec[1]
				if t := r.listTail.FindStringSubmatchIndex(text[sec[1]:min(len(text), sec[1]+200)]); t != nil {
					te = sec[1] + t[3]
				}
				spans = append(spans, r.listSpans(text, sec[0], sec[1], te, func(s, from string) any { return uscRef{title, rangeAfter(from, s, true)} })...)
			}
		}
	}
	for _, m := range r.titleAt.find(sc, r.titleSection) {
		spans = append(spans, span{start: m[0], end: m[1], data: uscRef{trimZeros(text[m[2]:m[3]]), []string{sectionOf(text[m[4]:m[5]])}}})
	}
	for _, m := range r.ofTitleAt.find(sc, r.sectionOfTitle) {
		// "Sections 1591 and 1595 of Title 18": the first section's
		// span ends before the list, each listed section has its own
		title := trimZeros(text[m[6]:m[7]])
		end := m[1]
		if m[4] < m[5] {
			end = m[3]
		}
		spans = append(spans, span{start: m[0], end: end, data: uscRef{title, sectionRange(text[m[2]:m[3]], true, true)}})
		spans = append(spans, r.listSpans(text, m[2], m[4], m[5], func(sec, from string) any { return uscRef{title, rangeAfter(from, sec, true)} })...)
	}
	spans = append(spans, stateRulesOnce().find(text, sc.keyStarts())...)
	for _, m := range r.bareSign.FindAllStringSubmatchIndex(text, -1) {
		if after := text[m[5]:min(len(text), m[5]+12)]; strings.ContainsAny(after, "Uu") && r.uscAfter.MatchString(after) {
			continue // "§11 U.S.C. 1306"
		}
		if strings.ContainsAny(text[m[3]:m[4]], "\n\f") {
			if numbered < 0 {
				numbered = lineNumbered(text)
			}
			if numbered == 1 {
				continue // "§\n1 disqualify": on pleading paper, a line number
			}
		}
		if before := text[max(0, m[0]-24):m[0]]; namedBefore(text, m[0]) || strings.Contains(before, ",") && r.partBefore.MatchString(before) {
			// "Restatement (Second) of Torts § 876", "Model Penal Code
			// § 2.06": a section of something else, which also ends
			// the run of bare sections of the statute cited before.
			spans = append(spans, span{start: m[0], end: m[5], rank: 2, data: otherRef{reach: maxBareGap}})
			continue
		}
		plural := text[m[2]:m[3]] == "§§"
		spans = append(spans, span{start: m[0], end: m[5], rank: 2, data: bareRef{sec: text[m[4]:m[5]], plural: plural}})
		if plural {
			spans = append(spans, r.listSpans(text, m[4], m[6], m[7], func(sec, from string) any { return bareRef{sec: sec, plural: true, from: from} })...)
		}
	}
	for _, m := range r.bareWordAt.find(sc, r.bareWord) {
		spans = append(spans, span{start: m[0], end: m[1], rank: 3, data: bareWord{sectionOf(text[m[2]:m[3]])}})
	}
	for _, f := range r.actForms {
		for _, at := range sc.at(f.needle) {
			if start, end, ok := f.match(text, sc.lower, at); ok {
				spans = append(spans, span{start: start, end: end, rank: 1, norm: r.acts[f.act].norm})
			}
		}
	}
	for _, m := range r.pubLawAt.find(sc, r.pubLaw) {
		number := trimZeros(text[m[4]:m[5]]) + "-" + trimZeros(text[m[6]:m[7]])
		norm := r.publicLawNorm(number)
		if c := strings.ToLower(text[m[2]:m[3]]); c[1] == 'v' || c[1] == 'r' {
			norm = "Pvt. L. " + number
		}
		spans = append(spans, span{start: m[0], end: m[1], rank: 1, norm: norm, data: otherRef{reach: pubLawReach}})
	}
	for _, m := range r.pvtAt.find(sc, r.pubLaw) {
		if c := strings.ToLower(text[m[2]:m[3]]); c[1] == 'v' || c[1] == 'r' {
			spans = append(spans, span{start: m[0], end: m[1], rank: 1, norm: "Pvt. L. " + trimZeros(text[m[4]:m[5]]) + "-" + trimZeros(text[m[6]:m[7]])})
		}
	}
	for _, m := range r.cfrAt.find(sc, r.cfr) {
		title, sec := trimZeros(text[m[2]:m[3]]), text[m[6]:m[7]]
		norm := title + " C.F.R. § " + sec
		if m[4] >= 0 && strings.HasPrefix(strings.ToLower(text[m[4]:m[5]]), "p") || m[4] < 0 && !strings.Contains(sec, ".") {
			norm = title + " C.F.R. pt. " + sec
		}
		spans = append(spans, span{start: m[0], end: m[1], rank: 1, norm: norm, data: otherRef{title, maxBareGap}})
	}
	for _, m := range r.statAt.find(sc, r.stat) {
		vol, page := trimZeros(text[m[2]:m[3]]), strings.ReplaceAll(text[m[6]:m[7]], ",", "")
		if text[m[4]] == 'S' {
			spans = append(spans, span{start: m[0], end: m[1], rank: 1, norm: r.knownAs(vol+" Stat. "+page, func(a namedAct) []string { return a.stats }), data: otherRef{reach: pubLawReach}})
		} else {
			spans = append(spans, span{start: m[0], end: m[1], rank: 1, norm: vol + " Fed. Reg. " + page})
		}
	}
	for _, m := range r.billAt.find(sc, r.bill) {
		chamber := "H.R."
		if c := text[m[2]]; c == 'S' {
			chamber = "S."
		} else if strings.HasPrefix(text[m[2]:m[3]], "H.B") {
			continue // state house bills have no federal meaning
		}
		if text[m[2]:m[3]] == "S." && r.billReporter.MatchString(text[max(0, m[2]-8):m[2]]) {
			continue // "200 U. S. 321", "12 So. S. 4": a reporter, not a Senate bill
		}
		bill := chamber + " " + trimZeros(text[m[4]:m[5]])
		spans = append(spans, span{start: m[2], end: m[1], rank: 1, norm: r.knownAs(bill, func(a namedAct) []string { return a.bills })})
	}
	for _, m := range r.treasAt.find(sc, r.treas) {
		spans = append(spans, span{start: m[0], end: m[1], rank: 1, norm: "Treas. Reg. § " + text[m[2]:m[3]]})
	}
	for _, m := range r.fedRuleAt.find(sc, r.fedRule) {
		spans = append(spans, span{start: m[0], end: m[1], rank: 1, data: ruleRef{ruleFamily(text[m[2]:m[3]]), strings.Join(strings.Fields(text[m[4]:m[5]]), "")}})
	}
	for _, m := range r.bareRuleAt.find(sc, r.bareRule) {
		spans = append(spans, span{start: m[0], end: m[1], rank: 3, data: bareRuleIn{text[m[2]:m[3]]}})
	}
	spans = dropOverlaps(spans)
	civil, bankruptcy := false, false
	for _, s := range spans {
		if _, ok := s.data.(bareRuleIn); ok {
			civil = r.civil.MatchString(text)
			bankruptcy = strings.Contains(sc.lower, "bankruptcy")
			break
		}
	}
	return resolveStatutes(text, spans, civil, bankruptcy)
}

// knownAs gives the norm of the act that a bill or Statutes at Large page
// is, or the citation itself.
func (r *statuteRules) knownAs(cite string, forms func(namedAct) []string) string {
	for _, a := range r.acts {
		if slices.Contains(forms(a), cite) {
			return a.norm
		}
	}
	return cite
}
