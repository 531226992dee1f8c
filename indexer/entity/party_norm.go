package entity

import (
	"regexp"
	"strings"
	"sync"
)

// NormalizeParty writes a party's name as the party facet shows it, so
// that one party is one value whoever wrote it and however: PACER's
// "USA", a caption's "UNITED STATES OF AMERICA" and a case summary's
// "United States" are "United States"; "GIFTY R. SAMUELS" and "Gifty R.
// Samuels" are one. What follows the name in a caption ("ERIC FRANKLIN,
// Warden", "DONALD J. TRUMP, in his official capacity as President",
// "JERROLD MARTIN, also known as Jay") is not part of it. It returns ""
// for what is not a party's name: a role label ("Plaintiff -"), a field
// ("Date filed: 06/17/2009"), an address line or a judge.
func NormalizeParty(s string) string {
	// Each step may expose another (a caption's punctuation, a tail
	// after a word it lower-cased): the canonical value is the one that
	// no longer changes.
	for range 4 {
		t := normalizeParty1(s)
		if t == s || t == "" {
			return t
		}
		s = t
	}
	return s
}

func normalizeParty1(s string) string {
	r := partyNormOnce()
	s = squash(s)
	if s == "" || strings.Contains(s, ":") || r.notParty.MatchString(s) || r.address.MatchString(s) {
		return ""
	}
	if loc := r.tail.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]]
	}
	s = displayName(s)
	if s == "" || r.notParty.MatchString(s) {
		return ""
	}
	if r.unitedStates.MatchString(s) {
		return "United States"
	}
	// "U.S. Trustee" is the United States Trustee; PACER's office codes
	// after it ("U.S. Trustee - LV - 7", "United States Trustee - JAX")
	// are not part of the name
	if r.usPrefix.MatchString(s) || strings.HasPrefix(s, "United States ") {
		s = r.officeCode.ReplaceAllString(s, "")
		s = r.usPrefix.ReplaceAllString(s, "United States ")
	}
	// Title case writes "State Of Missouri"; a name's small words are
	// lower case wherever it came from.
	words := strings.Fields(s)
	for i, w := range words {
		if i == 0 {
			continue
		}
		switch lw := strings.ToLower(w); lw {
		case "of", "the", "and", "for", "in", "on", "at", "de", "del", "la", "ex", "rel.":
			words[i] = lw
		}
	}
	return strings.Join(words, " ")
}

var partyNormOnce = sync.OnceValue(func() *partyNorm {
	roles := `plaintiffs?|defendants?|petitioners?|respondents?|appellants?|appellees?|intervenors?|movants?|claimants?|` +
		`debtors?|creditors?|trustees?|interested\s+part(?:y|ies)|amicus(?:\s+curiae)?|witness(?:es)?|garnishees?|objectors?|` +
		`pending|service\s+list|appearance\s+of\s+counsel|victim\s+witness\s+coordinator|notice\s+party|miscellaneous\s+party|` +
		`counter[- ]?(?:claimant|defendant)s?|cross[- ]?(?:claimant|defendant)s?|third[- ]party\s+(?:plaintiff|defendant)s?|unknown`
	return &partyNorm{
		// nothing but role words and dashes: "Plaintiff - Appellee", "Petitioner -"
		notParty: regexp.MustCompile(`(?i)^[\s\-–—,.]*(?:(?:` + roles + `)[\s\-–—,./]*)+$|^[\-–—]|^(?:hon\.?|honorable|judge)\s`),
		// an address line: "Hollywood, Fl 33021", "Knoxville, TN 37902"
		address: regexp.MustCompile(`^[A-Za-z .'-]+,\s*[A-Za-z]{2}\.?\s+\d{5}(?:-\d{4})?$`),
		// what a caption adds after the name: a comma and a lower-case
		// word, or an office
		tail:         regexp.MustCompile(`,\s+(?:[a-z]|(?:Acting\s+|Assistant\s+|Deputy\s+|U\.S\.\s+|Former\s+)*(?:Attorney\s+General|Warden|Governor|Secretary|President|Director|Commissioner|Professor|Administrator|Superintendent|Sheriff|Mayor|Chief|Commander|Officer|Trustee|Acting|Assistant|Deputy)\b)|\s+(?:a/k/a|aka|f/k/a|also\s+known\s+as)\s`),
		officeCode:   regexp.MustCompile(`(?:\s+-\s+[A-Za-z]{2,4})?(?:\s+-\s+\d{1,2})?$|\s+\([A-Z]{2,3}\)$`),
		usPrefix:     regexp.MustCompile(`^(?:U\.\s?S\.|US)\s+`),
		unitedStates: regexp.MustCompile(`(?i)^(?:the\s+)?(?:U\.?\s?S\.?\s?A\.?|U\.\s?S\.|United\s+States(?:\s+of\s+America)?|United\s+States\s+Government|Government\s+of\s+the\s+United\s+States(?:\s+of\s+America)?)\.?$`),
	}
})

type partyNorm struct {
	notParty, address, tail, unitedStates, officeCode, usPrefix *regexp.Regexp
}

// PartyMatches reports whether a party filter value as a person types it
// names the indexed party value: the same name ("usa" and "United
// States"), or its leading words ("Twitter" for "Twitter, Inc.",
// "Salesforce" for "Salesforce.com, Inc.").
func PartyMatches(typed, value string) bool {
	t := fold(typed)
	if n := NormalizeParty(typed); n != "" {
		t = fold(n)
	}
	v := fold(value)
	if t == "" || v == "" {
		return false
	}
	return v == t || strings.HasPrefix(v, t+" ")
}

// SuggestValues returns the n values closest to s, for an error message
// that names what a person may have meant.
func SuggestValues(s string, n int, values []string) []string {
	cands := make([]candidate, 0, len(values))
	for _, v := range values {
		cands = append(cands, candidate{v, v})
	}
	return suggest(s, n, cands, func(v string) string { return v })
}
