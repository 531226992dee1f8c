package entity

import (
	"regexp"
	"strings"
	"sync"
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
	// the words that introduce a case number
	prefix *regexp.Regexp
	// labels that make a number the document's own
	own *regexp.Regexp
}

func newDocketRules() *docketRules {
	return &docketRules{
		districtAt: guide{needles: []string{"-"}, before: 5, after: 30},
		appealAt:   guide{needles: []string{"no."}, before: 30, after: 20},
		// The type is letters only ("cv", "cr", "C", "mc"); the sequence 3-6
		// digits; the judges' initials, if any, are consumed but dropped.
		district:   mustCompile(`\b(?:(\d):)?(\d{2})-([A-Za-z]{1,4})-(\d{1,6})(?:-[A-Z]{2,4}){0,3}\b`),
		appeal:     mustCompile(`(?i)(?:\b(?:case|docket|appeal)\s+)?\bnos?\.\s*(\d{2}-\d{1,5})\b`),
		bareAppeal: mustCompile(`^\d{2}-\d{1,5}$`),
		prefix:     mustCompile(`(?i)^\s*(?:(?:case|docket|civil\s+action|criminal\s+action)\s+)?(?:nos?\.|number|#)?\s*:?\s*$`),
		own:        mustCompile(`(?i)(?:^|\n)[ \t]*(?:case\s*:|case\s+no\.?|no\.|civil\s+action\s+no\.?|docket\s+no\.?)[ \t]*$|(?i)num[ée]ro\s+de\s+dossier[^\n]*:\s*$`),
	}
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

// Tag implements Tagger.
func (t docketTagger) Tag(text string) []Mention {
	r := t.r
	lower := lowerASCII(text)
	var spans []span
	for _, m := range r.districtAt.findAll(text, lower, r.district) {
		spans = append(spans, span{start: m[0], end: m[1], norm: r.districtNorm(text, m)})
	}
	for _, m := range r.appealAt.findAll(text, lower, r.appeal) {
		spans = append(spans, span{start: m[2], end: m[3], norm: text[m[2]:m[3]]})
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
		if r.own.MatchString(text[max(0, s.start-60):s.start]) {
			role = RoleDocument
		}
		out = append(out, newMention(Docket, text, s.start, s.end, norm, role))
	}
	return out
}
