package entity

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// Dockets returns the tagger for docket (case) numbers.
//
// Norms: a federal district case number keeps the office digit when the
// text gives it ("1:20-cv-02335") and is "20-cv-02335" otherwise; the case
// type is lower-cased, the sequence padded to five digits, and a judge's
// initials suffix ("-JCS", "-DJH") dropped, since it changes on
// reassignment while the case stays the same. Within one text a number
// written without the office digit takes it from the same number written
// with one, so a document has one form per case. An appellate number
// follows "No." and is "19-1234".
//
// The docket of the document itself (a "Case:" page header, a caption's
// "No.", a "Case No." field) has Role "document"; numbers of other cases
// cited in the body have no role.
func Dockets() Tagger {
	return docketTagger{docketRulesOnce()}
}

// NormalizeDocket maps a docket number as typed ("1:20-CV-2335",
// "No. 20-cv-02335", "Case No. 21-cv-00485-JCS", "19-1234") to its norm.
func NormalizeDocket(s string) (string, bool) {
	s = strings.TrimSpace(s)
	r := docketRulesOnce()
	if m := r.district.FindStringSubmatchIndex(s); m != nil && r.prefix.MatchString(s[:m[0]]) && blank(s[m[1]:]) {
		return r.districtNorm(s, m), true
	}
	// as typed in a search box: "20cv2335", "1:20 CV 2335", "20 C 2335"
	if m := r.loose.FindStringSubmatchIndex(s); m != nil {
		return r.districtNorm(s, m), true
	}
	if m := r.appeal.FindStringSubmatchIndex(s); m != nil && m[0] == 0 && m[1] == len(s) {
		return s[m[2]:m[3]], true
	}
	if r.bareAppeal.MatchString(s) {
		return s, true
	}
	return "", false
}

var docketRulesOnce = sync.OnceValue(newDocketRules)

type docketRules struct {
	// 1 office, 2 year, 3 type, 4 number
	district *regexp.Regexp
	// 1 year-number
	appeal *regexp.Regexp
	// where the patterns can match; see guide
	districtAt, appealAt guide
	// an appellate number typed alone: "19-1234"
	bareAppeal *regexp.Regexp
	// a district case number typed without its hyphens: groups as district
	loose   *regexp.Regexp
	labelAt guide
	// 1 a case number of any court's style after a label
	labelled *regexp.Regexp
	// what, before "No.", makes it another kind of number
	notDocket *regexp.Regexp
	// 1 a number alone on an HTML line
	brLine *regexp.Regexp
	// the words that introduce a case number
	prefix *regexp.Regexp
	// labels that make a number the document's own
	own *regexp.Regexp
	// the needles of the guides, found in one pass
	guides *guides
}

// appealNumber, the appeal number guide's can, reports whether s starts
// as the pattern's matches do: "No." or "Nos.", perhaps after "Case",
// "Docket" or "Appeal" and white space, then white space or none, two
// figures and a hyphen ("No. 20-1234"), the words in any case. A byte
// outside ASCII in the words or the white space lets s through (the
// long s and the Kelvin sign fold into "nos" and "docket", and \s takes
// wide spaces). Most words a window holds that start so ("not", "case")
// begin no match.
func appealNumber(s string) bool {
	for i := 0; i < len(s) && i < len("appeal"); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	at := []int{0}
	for _, w := range []string{"case", "docket", "appeal"} {
		if foldPrefix(s, 0, w) {
			k, unsure := spacesFrom(s, len(w))
			if unsure {
				return true
			}
			if k > len(w) {
				at = append(at, k)
			}
		}
	}
	for _, p := range at {
		if !foldPrefix(s, p, "no") {
			continue
		}
		e := p + 2
		if e < len(s) && s[e] >= utf8.RuneSelf {
			return true
		}
		if foldPrefix(s, e, "s") {
			e++
		}
		if e == len(s) || s[e] != '.' {
			continue
		}
		e, unsure := spacesFrom(s, e+1)
		if unsure || e+3 <= len(s) && isDigit(s[e]) && isDigit(s[e+1]) && s[e+2] == '-' {
			return true
		}
	}
	return false
}

func newDocketRules() *docketRules {
	r := &docketRules{
		districtAt: guide{needles: []string{"-"}, before: 5, after: 30, need: needYearType, lead: leading(digits), word: true,
			can: func(s string) bool { return digitsThen(1, 1, ':')(s) || digitsThen(2, 2, '-')(s) }, match: districtDocket},
		appealAt: guide{needles: []string{"no."}, before: 30, after: 20, lead: leading("cdanCDAN"), word: true, can: appealNumber},
		labelAt: guide{needles: []string{"no.", "number", "docket", "no "}, before: 30, after: 60, need: needDocketLabel, lead: leading("cdirabfnCDIRABFN"), word: true,
			can: startsWith(true, "case", "docket", "index", "cause", "record", "appeal", "bap", "court", "action", "file", "no.")},
		// "Case No. 23-050020", "Docket Number: 654329/2018", "Docket: Sag-24-5",
		// "No. S-1-SC-39283", "Index No. SC-000830-23/NA", "Case Number: DA 23-0430"
		labelled: mustCompile(`(?i)(?:\b(?:case|docket|index|cause|record|appeal|bap|court|action|file)\s+(?:no\.?|number|#)|\bdocket|\bno\.|\bcase\s*:)[ \t]*:?\s*` +
			`((?-i:[A-Z]{1,4} \d{2}-\d{3,5})|[A-Za-z0-9]+(?:[-/.:][A-Za-z0-9]+)+|\d{5,}|[A-Z]{1,3}\d{5,}|\d{2,4}[A-Z]{1,3}\d{2,6}(?:-[A-Z]{1,4})?)\b`),
		// New York's slip opinions put the number alone after a <br>:
		// "<br>570410/22", "<br>2020-989 D C", "<br>2017KN054132"
		brLine:    mustCompile(`<br>[ \t]*((?:[A-Z]{1,4}-)?\d[\dA-Z]*(?:[-/][\dA-Z]+)+(?: [A-Z] [A-Z])?|\d{4}[A-Z]{2}\d{5,7})[ \t]*(?:\n|<br>|\t|\(|$)`),
		notDocket: mustCompile(`(?i)(?:\b(?:dkt|ecf|doc|pub|pvt|l|reg|registration|patent|op|opinion|slip|stat|document|exhibit|ex|claim|account|tel|phone|fax|dkt\.\s+entry)\.?|¶)\s*$`),
		// The type is letters only ("cv", "cr", "C", "mc"); the sequence 3-6
		// digits; the judges' initials, if any, are consumed but dropped.
		district:   mustCompile(`\b(?:(\d):)?(\d{2})-([A-Za-z]{1,4})-(\d{1,6})(?:-[A-Z]{2,4}){0,3}\b`),
		appeal:     mustCompile(`(?i)(?:\b(?:case|docket|appeal)\s+)?\bnos?\.\s*(\d{2}-\d{1,5})\b`),
		bareAppeal: mustCompile(`^\d{2}-\d{1,5}$`),
		loose:      mustCompile(`(?i)^(?:(?:case\s+)?no\.?\s*)?(?:(\d)\s*:\s*)?(\d{2})\s*[-–]?\s*([a-z]{1,4})\s*[-–]?\s*(\d{1,6})$`),
		prefix:     mustCompile(`(?i)^\s*(?:(?:case|docket|civil\s+action|criminal\s+action)\s+)?(?:nos?\.|number|#)?\s*:?\s*$`),
		own:        mustCompile(`(?i)(?:^|\n)[ \t]*(?:case\s*:|case\s+no\.?|no\.|civil\s+action\s+no\.?|docket\s+no\.?)[ \t]*$|(?i)num[ée]ro\s+de\s+dossier[^\n]*:\s*$`),
	}
	r.guides = guidesOf(r.districtAt, r.appealAt, r.labelAt)
	return r
}

func (r *docketRules) districtNorm(text string, m []int) string {
	num := text[m[8]:m[9]]
	if len(num) < 5 {
		num = strings.Repeat("0", 5-len(num)) + num
	}
	norm := text[m[4]:m[5]] + "-" + strings.ToLower(text[m[6]:m[7]]) + "-" + num
	if m[2] >= 0 {
		norm = text[m[2]:m[3]] + ":" + norm
	}
	return norm
}

type docketTagger struct{ r *docketRules }

// headerBytes is how far into a text a labelled case number is taken for
// the document's own: the header of an opinion, with its HTML.
const headerBytes = 4000

// Tag implements Tagger.
func (t docketTagger) Tag(text string) []Mention {
	return t.tagScan(t.r.guides.scan(text, lowerASCII(text)))
}

func (t docketTagger) needles() *guides { return t.r.guides }

func (t docketTagger) tagScan(sc *scan) []Mention {
	r, text := t.r, sc.text
	var spans []span
	for _, m := range r.districtAt.find(sc, r.district) {
		spans = append(spans, span{start: m[0], end: m[1], norm: r.districtNorm(text, m)})
	}
	for _, m := range r.appealAt.find(sc, r.appeal) {
		spans = append(spans, span{start: m[2], end: m[3], norm: text[m[2]:m[3]]})
	}
	for _, m := range r.labelAt.find(sc, r.labelled) {
		if r.notDocket.MatchString(text[max(0, m[0]-12):m[0]]) || !strings.ContainsAny(text[m[2]:m[3]], "0123456789") {
			continue
		}
		spans = append(spans, span{start: m[2], end: m[3], rank: 1, norm: squash(text[m[2]:m[3]]), data: "labelled"})
	}
	if i := strings.Index(text[:min(len(text), headerBytes)], "<br>"); i >= 0 {
		head := text[:min(len(text), headerBytes)]
		for _, m := range r.brLine.FindAllStringSubmatchIndex(head[i:], -1) {
			spans = append(spans, span{start: i + m[2], end: i + m[3], rank: 2, norm: squash(head[i+m[2] : i+m[3]]), data: "labelled"})
		}
	}
	spans = dropOverlaps(spans)

	// One form per case: "20-cv-02335" takes the office digit of "1:20-cv-02335".
	withOffice := map[string]string{}
	for _, s := range spans {
		if i := strings.IndexByte(s.norm, ':'); i > 0 && strings.Contains(s.norm, "-") {
			withOffice[s.norm[i+1:]] = s.norm
		}
	}
	out := make([]Mention, 0, len(spans))
	for _, s := range spans {
		norm := s.norm
		if full, ok := withOffice[norm]; ok {
			norm = full
		}
		role := ""
		// the document's own number: after a caption's label, or any
		// labelled number in the header of the document
		if r.own.MatchString(text[max(0, s.start-60):s.start]) || s.data != nil && s.start < headerBytes {
			role = RoleDocument
		}
		out = append(out, newMention(Docket, text, s.start, s.end, norm, role))
	}
	return out
}

// districtDocket is the district docket pattern,
// \b(?:(\d):)?(\d{2})-([A-Za-z]{1,4})-(\d{1,6})(?:-[A-Z]{2,4}){0,3}\b,
// anchored at the start of s and written by hand for the guide's match:
// the groups and the match's end as FindStringSubmatchIndex gives them,
// or nil. Each run of letters or figures must end where its repetition
// allows, since a shorter one is followed by a word byte, where neither
// the next hyphen nor the closing \b can be; the judges' initials are
// taken while each is two to four capitals ending a word, and the match
// ends after the last of them (or after the number, if it ends a word).
func districtDocket(s string) []int {
	m := []int{0, 0, -1, -1, 0, 0, 0, 0, 0, 0}
	i := 0
	if len(s) >= 2 && isDigit(s[0]) && s[1] == ':' {
		m[2], m[3] = 0, 1
		i = 2
	}
	if leadDigits(s, i, 3) != 2 || i+2 == len(s) || s[i+2] != '-' {
		return nil
	}
	m[4], m[5] = i, i+2
	i += 3
	n := 0
	for i+n < len(s) && isLetter(s[i+n]) {
		n++
	}
	if n < 1 || n > 4 || i+n == len(s) || s[i+n] != '-' {
		return nil
	}
	m[6], m[7] = i, i+n
	i += n + 1
	n = leadDigits(s, i, 7)
	if n < 1 || n > 6 {
		return nil
	}
	m[8], m[9] = i, i+n
	i += n
	end := -1
	if wordEnds(s, i) {
		end = i
	}
	for range 3 {
		if i == len(s) || s[i] != '-' {
			break
		}
		n = 0
		for i+1+n < len(s) && 'A' <= s[i+1+n] && s[i+1+n] <= 'Z' {
			n++
		}
		if n < 2 || n > 4 || !wordEnds(s, i+1+n) {
			break
		}
		i += 1 + n
		end = i
	}
	if end < 0 {
		return nil
	}
	m[1] = end
	return m
}
