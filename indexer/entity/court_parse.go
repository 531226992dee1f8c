package entity

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Federal court names are written in many more ways than any list of
// spellings holds: "N.D. Calif.", "N.D. Illinois", "SDNY", "California
// Northern District" (PACER's heading), "U.S. Bankruptcy Court, District of
// Arizona (Phoenix)", "9th Circuit", "Court of Appeals for the Ninth
// Circuit". parseFederalCourt reads them as words instead: a state (name,
// abbreviation or postal code), a direction, a district, bankruptcy or
// appeals marker and a circuit ordinal, and builds the court from the
// parts. A district court comes before its bankruptcy court: bankruptcy
// only when the name says so.

// stateAbbrevs are the ways citations and people abbreviate each state and
// territory with a federal district court, besides its name: the Bluebook
// abbreviation, common variants and the postal code.
var stateAbbrevs = map[string][]string{
	"Alabama":                  {"ala", "al"},
	"Alaska":                   {"alas", "ak"},
	"Arizona":                  {"ariz", "az"},
	"Arkansas":                 {"ark", "ar"},
	"California":               {"cal", "calif", "ca"},
	"Colorado":                 {"colo", "col", "co"},
	"Connecticut":              {"conn", "ct"},
	"Delaware":                 {"del", "de"},
	"Columbia":                 {"d c", "dc"},
	"Florida":                  {"fla", "fl"},
	"Georgia":                  {"ga"},
	"Guam":                     {"gu"},
	"Hawaii":                   {"haw", "hi"},
	"Idaho":                    {"ida", "id"},
	"Illinois":                 {"ill", "il"},
	"Indiana":                  {"ind", "in"},
	"Iowa":                     {"ia"},
	"Kansas":                   {"kan", "kans", "ks"},
	"Kentucky":                 {"ky"},
	"Louisiana":                {"la"},
	"Maine":                    {"me"},
	"Maryland":                 {"md"},
	"Massachusetts":            {"mass", "ma"},
	"Michigan":                 {"mich", "mi"},
	"Minnesota":                {"minn", "mn"},
	"Mississippi":              {"miss", "ms"},
	"Missouri":                 {"mo"},
	"Montana":                  {"mont", "mt"},
	"Nebraska":                 {"neb", "nebr", "ne"},
	"Nevada":                   {"nev", "nv"},
	"New Hampshire":            {"n h", "nh"},
	"New Jersey":               {"n j", "nj"},
	"New Mexico":               {"n m", "nm"},
	"New York":                 {"n y", "ny"},
	"North Carolina":           {"n c", "nc"},
	"North Dakota":             {"n d", "nd"},
	"Northern Mariana Islands": {"n mar i", "mariana islands", "n mariana islands", "mp"},
	"Ohio":                     {"oh"},
	"Oklahoma":                 {"okla", "ok"},
	"Oregon":                   {"or", "ore", "oreg"},
	"Pennsylvania":             {"pa", "penn", "penna"},
	"Puerto Rico":              {"p r", "pr"},
	"Rhode Island":             {"r i", "ri"},
	"South Carolina":           {"s c", "sc"},
	"South Dakota":             {"s d", "sd"},
	"Tennessee":                {"tenn", "tn"},
	"Texas":                    {"tex", "tx"},
	"Utah":                     {"ut"},
	"Vermont":                  {"vt"},
	"Virgin Islands":           {"v i", "vi"},
	"Virginia":                 {"va"},
	"Washington":               {"wash", "wa"},
	"West Virginia":            {"w va", "wva", "wv"},
	"Wisconsin":                {"wis", "wisc", "wi"},
	"Wyoming":                  {"wyo", "wy"},
}

// postalCodes are the abbreviations above that are also English words or
// too short to stand for a state unless written in capitals ("IN", "OR",
// "ME", "D. Or." is still Oregon) or joined to a district marker ("NDIL").
var shortWordAbbrevs = map[string]bool{"in": true, "or": true, "me": true, "hi": true, "ok": true, "de": true, "la": true, "mo": true, "pa": true, "ma": true, "oh": true, "id": true, "co": true, "al": true, "ar": true, "ut": true, "ga": true, "md": true, "ms": true, "ne": true, "mt": true, "wa": true, "ca": true, "ct": true, "ia": true, "mi": true, "mn": true, "nd": true, "sd": true, "dc": true}

// directions maps a word or letter of a district's direction to the
// courts table's spelling.
var directions = map[string]string{
	"northern": "Northern", "north": "Northern", "n": "Northern", "no": "Northern",
	"southern": "Southern", "south": "Southern", "s": "Southern", "so": "Southern",
	"eastern": "Eastern", "east": "Eastern", "e": "Eastern",
	"western": "Western", "west": "Western", "w": "Western",
	"middle": "Middle", "mid": "Middle", "m": "Middle",
	"central": "Central", "cent": "Central", "c": "Central",
}

// circuitOrdinals maps how a circuit is written to its courts table name.
var circuitOrdinals = map[string]string{
	"first": "First", "1st": "First",
	"second": "Second", "2d": "Second", "2nd": "Second",
	"third": "Third", "3d": "Third", "3rd": "Third",
	"fourth": "Fourth", "4th": "Fourth",
	"fifth": "Fifth", "5th": "Fifth",
	"sixth": "Sixth", "6th": "Sixth",
	"seventh": "Seventh", "7th": "Seventh",
	"eighth": "Eighth", "8th": "Eighth",
	"ninth": "Ninth", "9th": "Ninth",
	"tenth": "Tenth", "10th": "Tenth",
	"eleventh": "Eleventh", "11th": "Eleventh",
	"federal": "Federal", "fed": "Federal",
	"dc": "D.C.", "d c": "D.C.",
}

// stateCourtWords mark a state or local court: a name with one of them is
// never a federal district court ("Colorado District Court, Denver
// County", "Illinois Appellate Court, First District").
var stateCourtWords = map[string]bool{
	"county": true, "judicial": true, "parish": true, "superior": true, "municipal": true, "probate": true,
	"family": true, "appellate": true, "appeal": true, "chancery": true, "juvenile": true, "city": true,
	"justice": true, "magistrates": true, "commonwealth": true, "state": true, "tax": true, "claims": true,
	"supreme": true, "criminal": true, "civil": true, "workers": true, "compensation": true,
}

// courtFiller are the words of a federal court's name that say nothing
// about which court it is.
var courtFiller = map[string]bool{
	"u": true, "s": true, "us": true, "usa": true, "united": true, "states": true, "court": true, "courts": true,
	"for": true, "the": true, "of": true, "in": true, "at": true, "and": true, "federal": true, "ct": true,
	"usdc": true, "dct": true, "cm": true, "ecf": true, "live": true, "system": true, "electronic": true,
	"case": true, "filing": true, "database": true, "ver": true, "version": true, "test": true, "nextgen": true,
	"division": true, "div": true, "before": true,
}

type stateAbbrev struct {
	words []string
	state string
	// short: a postal code that is also a word; taken only in capitals or
	// in a name made of abbreviations
	short bool
}

type courtParseTables struct {
	states   []stateAbbrev               // longest first
	byFirst  map[string][]int            // a first word -> the states (indexes) it starts, in order
	byPlace  map[string]string           // "northern|illinois" -> id
	multi    map[string]bool             // states with more than one district
	circuit  map[string]string           // "Ninth" -> ca9
	bankr    func(string) (string, bool) // district id -> its bankruptcy court id
	district map[string]string           // bankruptcy court id -> its district's id
}

var courtParseOnce = sync.OnceValue(func() *courtParseTables {
	r := courtRulesOnce()
	t := &courtParseTables{byPlace: map[string]string{}, multi: map[string]bool{}, circuit: map[string]string{}}
	count := map[string]int{}
	for _, c := range r.byID {
		switch c.Level {
		case "district":
			t.byPlace[strings.ToLower(c.District+"|"+c.State)] = c.ID
			count[c.State]++
		case "appeals":
			t.circuit[c.Circuit] = c.ID
		}
	}
	for s, n := range count {
		t.multi[s] = n > 1
		t.states = append(t.states, stateAbbrev{words: strings.Fields(strings.ToLower(s)), state: s})
		for _, a := range stateAbbrevs[s] {
			t.states = append(t.states, stateAbbrev{words: strings.Fields(a), state: s, short: shortWordAbbrevs[a]})
		}
	}
	// longest first, then by state for a stable order
	slices.SortFunc(t.states, func(a, b stateAbbrev) int {
		return cmp.Or(len(b.words)-len(a.words), strings.Compare(a.state, b.state), slices.Compare(a.words, b.words))
	})
	t.byFirst = map[string][]int{}
	for i, sa := range t.states {
		t.byFirst[sa.words[0]] = append(t.byFirst[sa.words[0]], i)
	}
	db := courtDBOnce()
	// A district's bankruptcy court is cited "Bankr. " and the district's
	// cite; courts-db's id is mostly the district's with "b" for "d", but
	// not always (Arizona's is arb).
	t.bankr = func(district string) (string, bool) {
		if id := db.byCite[shortKey("Bankr. "+r.byID[district].Short)]; id != "" {
			return id, true
		}
		id := strings.TrimSuffix(district, "d") + "b"
		_, ok := db.byID[id]
		return id, ok
	}
	t.district = map[string]string{}
	for id, c := range r.byID {
		if c.Level == "district" {
			if b, ok := t.bankr(id); ok {
				t.district[b] = id
			}
		}
	}
	return t
})

// courtWord is one word of a court name: lower case, without dots; upper
// tells whether it was written in capitals.
type courtWord struct {
	w     string
	upper bool
}

// splitCourtName splits a court name into lower-case words at anything
// but a letter or digit, so that "N.D. Ill." is n d ill. Parenthesised and
// bracketed asides (a PACER division "(San Francisco)", "[LIVE]") are
// dropped.
func splitCourtName(s string) []courtWord {
	var out []courtWord
	depth := 0
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := s[start:end]
			out = append(out, courtWord{w: strings.ToLower(w), upper: strings.ToUpper(w) == w && strings.ContainsFunc(w, unicode.IsLetter)})
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case r == '(' || r == '[':
			flush(i)
			depth++
		case r == ')' || r == ']':
			flush(i)
			depth = max(0, depth-1)
		case depth > 0:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
		case r == '\'' || r == '’':
			// "Workers' Compensation": keep the word whole
			if start < 0 {
				flush(i)
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
	return joinSmallCaps(out, s)
}

// joinSmallCaps mends words that a PDF's small capitals split after their
// first letter ("F OR THE S ECOND C IRCUIT"): a lone capital and the
// capitals after it are one word when together they make a word of court
// names.
func joinSmallCaps(ws []courtWord, s string) []courtWord {
	out := ws[:0:0]
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if len(w.w) == 1 && w.upper && i+1 < len(ws) && ws[i+1].upper && len(ws[i+1].w) > 1 {
			if j := w.w + ws[i+1].w; courtVocabulary(j) {
				out = append(out, courtWord{w: j, upper: true})
				i++
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// courtVocabulary reports whether w is a word of federal court names.
func courtVocabulary(w string) bool {
	if courtFiller[w] || circuitOrdinals[w] != "" || len(w) > 2 && directions[w] != "" {
		return true
	}
	switch w {
	case "circuit", "appeals", "district", "bankruptcy", "supreme":
		return true
	}
	for st := range stateAbbrevs {
		if len(w) > 4 && strings.EqualFold(st, w) {
			return true
		}
	}
	return false
}

// parseFederalCourt reads a federal court's name written in any of the
// ways above and returns its id. strict: every word must be part of the
// court's name (a filter value); otherwise words it does not know are
// passed over (a PACER heading's "Live System", "Ver 6.2.1").
func parseFederalCourt(s string, strict bool) (string, bool) {
	ws := splitCourtName(s)
	if len(ws) == 0 || len(ws) > 24 {
		return "", false
	}
	t := courtParseOnce()
	used := make([]bool, len(ws))
	has := func(words ...string) bool {
		for i, w := range ws {
			for _, x := range words {
				if w.w == x {
					used[i] = true
					return true
				}
			}
		}
		return false
	}
	for _, w := range ws {
		if stateCourtWords[w.w] && w.w != "supreme" && w.w != "claims" && w.w != "appeal" && w.w != "appellate" {
			return "", false
		}
	}
	unknown := func() bool {
		for i, w := range ws {
			if !used[i] && !courtFiller[w.w] {
				return true
			}
		}
		return false
	}
	done := func(id string) (string, bool) {
		if strict && unknown() {
			return "", false
		}
		return id, true
	}
	// The Supreme Court of the United States.
	if has("scotus") {
		return done("scotus")
	}
	if has("supreme") {
		us := false
		for _, w := range ws {
			us = us || w.w == "united" || w.w == "us"
		}
		if !us || hasState(ws, t) {
			return "", false
		}
		return done("scotus")
	}
	// Courts of appeals: an ordinal and "Circuit" ("9th Cir.",
	// "Court of Appeals for the Ninth Circuit").
	if has("circuit", "cir", "cca") {
		has("appeals", "app", "ca")
		bap := has("bap") || has("panel") && has("bankruptcy")
		has("appellate")
		for i := range ws {
			name := ""
			if ws[i].w == "columbia" { // "the District of Columbia Circuit"
				name = "D.C."
				used[i] = true
				has("district")
			} else if i+1 < len(ws) && ws[i].w == "d" && ws[i+1].w == "c" {
				name = "D.C."
				used[i], used[i+1] = true, true
			} else if n, ok := circuitOrdinals[ws[i].w]; ok {
				name = n
				used[i] = true
			}
			if name == "" {
				continue
			}
			id := t.circuit[name]
			if id == "" {
				return "", false
			}
			if bap {
				id = strings.Replace(id, "ca", "bap", 1)
				if _, ok := courtDBOnce().byID[id]; !ok {
					return "", false
				}
			}
			return done(id)
		}
		return "", false
	}
	if has("claims", "appeal", "appellate", "appeals") {
		return "", false // state appellate and claims courts: courts-db knows them
	}
	// District and bankruptcy courts. Numbers are a PACER version
	// ("CM/ECF LIVE, Ver 6.2.1"), never part of a district's name.
	for i, w := range ws {
		if strings.Trim(w.w, "0123456789") == "" {
			used[i] = true
		}
	}
	bankr := has("bankruptcy", "bankr", "bk", "bankrptcy")
	// A compact "SDNY", "NDIL", "DDC", "EDPa": a direction letter, "d"
	// and a state abbreviation in one word.
	for i, w := range ws {
		if id, ok := compactDistrict(w.w, t); ok {
			used[i] = true
			return districtOrBankr(id, bankr, t, done)
		}
	}
	st, from, to := findState(ws, t)
	if st == "" {
		return "", false
	}
	for i := from; i < to; i++ {
		used[i] = true
	}
	// The district marker: "District", "Dist.", or the "D" of "N.D." and
	// "D. Mass.".
	district := false
	dir := ""
	for i, w := range ws {
		if used[i] {
			continue
		}
		switch w.w {
		case "district", "dist", "districts", "usdc":
			district, used[i] = true, true
		case "d":
			district, used[i] = true, true
			if i > 0 && !used[i-1] {
				if d, ok := directions[ws[i-1].w]; ok && len(ws[i-1].w) <= 2 {
					dir, used[i-1] = d, true
				}
			}
		case "nd", "sd", "ed", "wd", "md", "cd":
			if i < from { // "ND Ill": direction and district in one word
				district, used[i] = true, true
				dir = directions[w.w[:1]]
			}
		}
	}
	if !district {
		return "", false
	}
	for i, w := range ws {
		if used[i] || dir != "" {
			continue
		}
		if d, ok := directions[w.w]; ok && len(w.w) > 2 {
			dir, used[i] = d, true
		}
	}
	if !federalForm(ws, from, to, t) && !bankr {
		return "", false
	}
	if dir != "" && !t.multi[st] {
		return "", false // "Northern District of Arizona" names no court
	}
	if dir == "" && t.multi[st] {
		return "", false // which of the state's districts is not said
	}
	id := t.byPlace[strings.ToLower(dir+"|"+st)]
	if id == "" {
		return "", false
	}
	return districtOrBankr(id, bankr, t, done)
}

func districtOrBankr(id string, bankr bool, t *courtParseTables, done func(string) (string, bool)) (string, bool) {
	if bankr {
		b, ok := t.bankr(id)
		if !ok {
			return "", false
		}
		return done(b)
	}
	return done(id)
}

// federalForm reports whether a name with a district and a state reads
// as a federal court: "District of Colorado", "Colorado District" or
// "D. Colo.", or "United States District Court ..." - but not "Colorado
// District Court", which is what states call their trial courts.
func federalForm(ws []courtWord, from, to int, t *courtParseTables) bool {
	for i, w := range ws {
		if w.w == "united" || w.w == "us" || w.w == "usdc" || w.w == "federal" || w.w == "d" || (w.w == "u" && i+1 < len(ws) && ws[i+1].w == "s") {
			return true
		}
	}
	if from > 0 && ws[from-1].w == "of" || from > 1 && ws[from-1].w == "the" && ws[from-2].w == "of" {
		return true // "District of Colorado", "Northern District of Illinois"
	}
	// "California Northern District", "Colorado District": no "Court"
	// right after the district
	for i := to; i < len(ws); i++ {
		if ws[i].w == "district" {
			return i+1 >= len(ws) || ws[i+1].w != "court"
		}
	}
	return false
}

// hasState reports whether a state is named in ws.
func hasState(ws []courtWord, t *courtParseTables) bool {
	st, _, _ := findState(ws, t)
	return st != ""
}

// findState finds the state named in ws, as words [from, to): the match
// ending last wins, and of those the longest, so "N.D. Ill." is Illinois
// (not North Dakota) and "D.N.D." is North Dakota.
func findState(ws []courtWord, t *courtParseTables) (state string, from, to int) {
	abbrevOnly := true // "N.D. IN" or "n.d. in": a name of abbreviations
	for _, w := range ws {
		if len(w.w) > 4 && !courtFiller[w.w] {
			abbrevOnly = false
		}
	}
	// Only the states whose first word is a word of ws are tried; of
	// matches that end and run alike, the first of t.states wins.
	bestEnd, bestLen, bestIdx := -1, 0, 0
	for i := range ws {
		for _, idx := range t.byFirst[ws[i].w] {
			sa := &t.states[idx]
			n := len(sa.words)
			if i+n > len(ws) {
				continue
			}
			match := true
			for k := 1; k < n; k++ {
				if ws[i+k].w != sa.words[k] {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			// a postal code that is also a word ("IN", "OR", "CT") names
			// a state only at the end of the name: "N.D. IN", not "IN THE
			// UNITED STATES DISTRICT COURT"
			if sa.short && (i+n != len(ws) || !ws[i].upper && (!abbrevOnly || courtFiller[ws[i].w])) {
				continue
			}
			if i+n > bestEnd || i+n == bestEnd && (n > bestLen || n == bestLen && idx < bestIdx) {
				state, from, to, bestEnd, bestLen, bestIdx = sa.state, i, i+n, i+n, n, idx
			}
		}
	}
	return state, from, to
}

// compactDistrict reads "sdny", "ndil", "ddc", "edpa": an optional
// direction letter, "d", and a state's postal code or abbreviation.
func compactDistrict(w string, t *courtParseTables) (string, bool) {
	if len(w) < 3 || len(w) > 7 {
		return "", false
	}
	dir := ""
	rest := w
	if d, ok := directions[w[:1]]; ok && len(w) > 3 && w[1] == 'd' {
		dir, rest = d, w[2:]
	} else if w[0] == 'd' {
		rest = w[1:]
	} else {
		return "", false
	}
	for _, sa := range t.states {
		if len(sa.words) != 1 || sa.words[0] != rest {
			continue
		}
		if dir != "" && !t.multi[sa.state] || dir == "" && t.multi[sa.state] {
			return "", false
		}
		id := t.byPlace[strings.ToLower(dir+"|"+sa.state)]
		return id, id != ""
	}
	return "", false
}
