package entity

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./internal/gencourts -in testdata/data/courts.json -out courts.json

// courtsJSON is the federal court table derived from Free Law Project's
// courts-db (BSD-2-Clause, see LICENSE.courts-db) by internal/gencourts.
//
//go:embed courts.json
var courtsJSON []byte

// courtInfo is one row of courts.json.
type courtInfo struct {
	ID       string `json:"id"`
	Short    string `json:"short"`
	Name     string `json:"name"`
	Level    string `json:"level"`
	District string `json:"district"`
	State    string `json:"state"`
	Circuit  string `json:"circuit"`
}

// Courts returns the tagger for federal courts. Norm is the CourtListener
// id ("ilnd", "ca7", "scotus").
//
// The deciding court (Role "deciding") is the first court written as a
// caption or a field of its own: the full name standing alone on its
// line(s), as in "IN THE UNITED STATES DISTRICT COURT / FOR THE NORTHERN
// DISTRICT OF ILLINOIS" or a case summary's "United States District Court,
// Northern District of California", or after a "Court:" label. Courts named
// in running prose or in citation parentheticals ("(7th Cir. 2008)") are Role
// "cited": an essay that mentions "a U.S. District Court in Massachusetts"
// has no deciding court. Short forms are tagged only where citations put
// them, before a year and a closing parenthesis, because "D. Mass." or
// "E.D." alone are too easily something else.
func Courts() Tagger {
	return courtTagger{courtRulesOnce()}
}

// CourtName returns the display name of a court id ("ilnd" -> "N.D. Ill."):
// its citation short name, or for a court without one its full name
// ("nysupct" -> "N.Y. Sup. Ct."); "" when the id is unknown.
func CourtName(id string) string {
	if c, ok := courtRulesOnce().byID[id]; ok {
		return c.Short
	}
	db := courtDBOnce()
	i, ok := db.byID[id]
	if !ok {
		return ""
	}
	if c := db.courts[i]; c.Cite != "" {
		return c.Cite
	} else {
		return c.Name
	}
}

// NormalizeCourt maps what a user types for a court to its id. It accepts
// the id ("ilnd"), the short name in any case and spacing ("N.D. Ill.",
// "n.d. ill", "ND Ill"), and the full name ("Northern District of Illinois",
// "United States Court of Appeals for the Seventh Circuit", "Seventh Circuit").
func NormalizeCourt(s string) (id string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		// names no court: and ingest asks this of every document
		// whose format states no court, which must not load the
		// tables below
		return "", false
	}
	r := courtRulesOnce()
	if _, ok := r.byID[strings.ToLower(s)]; ok {
		return strings.ToLower(s), true
	}
	if id, ok := r.byShort[shortKey(s)]; ok {
		return id, true
	}
	s = strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The ")
	if id, ok := parseFederalCourt(s, true); ok {
		return id, true
	}
	for _, c := range r.fullNames(r.guides.scan(s, lowerASCII(s))) {
		if c.start == 0 && c.end == len(s) {
			return c.norm, true
		}
	}
	// courts-db: other ids, citation strings, and names of every court
	db := courtDBOnce()
	if _, ok := db.byID[strings.ToLower(s)]; ok && s != "" {
		return strings.ToLower(s), true
	}
	if id, ok := db.byCite[shortKey(s)]; ok && s != "" {
		return id, true
	}
	// PACER's bankruptcy court ids are the district's with "b" for "d";
	// courts-db's are mostly the same, but not always ("azb" is arb)
	if l := strings.ToLower(s); strings.HasSuffix(l, "b") && len(l) <= 5 {
		if _, ok := r.byID[strings.TrimSuffix(l, "b")+"d"]; ok {
			if id, ok := courtParseOnce().bankr(strings.TrimSuffix(l, "b") + "d"); ok {
				return id, true
			}
		}
	}
	if s == "" || len(strings.Fields(s)) < 2 {
		return "", false // one word ("Illinois") names no court
	}
	if id, ok := courtForName(s); ok {
		return id, true
	}
	return "", false
}

var courtRulesOnce = sync.OnceValue(newCourtRules)

type courtRules struct {
	byID    map[string]courtInfo
	byShort map[string]string // shortKey(short name) -> id
	byPlace map[string]string // "northern|illinois" -> id
	byOrd   map[string]string // "seventh", "7th", "d.c." -> circuit id
	// 1 "District Court" prefix, 2 direction, 3 state
	district *regexp.Regexp
	// 1 ordinal (with "Court of Appeals for the" before it)
	appeals *regexp.Regexp
	// 1 ordinal ("Seventh Circuit", "D.C. Circuit")
	circuit *regexp.Regexp
	supreme *regexp.Regexp
	// what may follow a short name in a citation parenthetical: a date or year, then ")"
	shortTail *regexp.Regexp
	// 1 a court written as a labelled field: "Court: N.D. Cal."
	field *regexp.Regexp
	// a label before a court written as a field
	label *regexp.Regexp
	// where each (?i) pattern can match; see guide
	districtAt, appealsAt, circuitAt, supremeAt, fieldAt guide
	// the needles of the guides, found in one pass
	guides *guides
	// what may follow a court written as a caption line
	captionTail *regexp.Regexp
	// a line that names a court; the court appealed from; what opens a
	// caption line; a caption line that names a state ("STATE OF MICHIGAN")
	courtLine, appealFrom, captionLead, stateLine *regexp.Regexp
}

func newCourtRules() *courtRules {
	var table []courtInfo
	if err := json.Unmarshal(courtsJSON, &table); err != nil {
		panic("entity: courts.json: " + err.Error()) // embedded and tested: cannot happen at run time
	}
	r := &courtRules{
		byID:    map[string]courtInfo{},
		byShort: map[string]string{},
		byPlace: map[string]string{},
		byOrd:   map[string]string{},

		districtAt: guide{needles: []string{"district"}, before: 40, after: 100, need: needDistrictOf, lead: leading("cdemnsuwCDEMNSUW"), word: true, can: districtFirstWord},
		appealsAt:  guide{needles: []string{"appeals"}, before: 40, after: 60, lead: leading("cuCU"), word: true, can: startsWith(true, "united", "u.", "court")},
		circuitAt:  guide{needles: []string{"circuit"}, before: 20, after: 10, need: needAny("Circuit")},
		supremeAt:  guide{needles: []string{"supreme"}, before: 30, after: 40, lead: leading("suSU"), word: true, can: startsWith(true, "supreme", "united", "u.")},
		fieldAt:    guide{needles: []string{"court", "tribunal", "juridiction", "jurisdiction"}, lines: true, keep: isLabel, lead: lineStart},
	}
	r.guides = guidesOf(r.districtAt, r.appealsAt, r.circuitAt, r.supremeAt, r.fieldAt)
	var states []string
	for _, c := range table {
		r.byID[c.ID] = c
		if c.Short != "" {
			r.byShort[shortKey(c.Short)] = c.ID
		}
		switch c.Level {
		case "district":
			r.byPlace[strings.ToLower(c.District+"|"+c.State)] = c.ID
			if !slices.Contains(states, c.State) {
				states = append(states, c.State)
			}
		case "appeals":
			r.byOrd[strings.ToLower(c.Circuit)] = c.ID
			if n := strings.TrimSuffix(c.Short, " Cir."); n != c.Short {
				r.byOrd[strings.ToLower(n)] = c.ID
			}
		}
	}
	// Spellings seen in real citations that courts-db does not list.
	for alias, id := range map[string]string{
		"S.D. Oh.": "ohsd", "N.D. Oh.": "ohnd", "2nd Cir.": "ca2", "3rd Cir.": "ca3",
		"D.D.C": "dcd", "S. Ct.": "scotus", "SCOTUS": "scotus",
	} {
		r.byShort[shortKey(alias)] = id
	}
	r.byOrd["2nd"], r.byOrd["3rd"] = "ca2", "ca3"

	slices.SortFunc(states, func(a, b string) int { return len(b) - len(a) })
	var stateAlts []string
	for _, s := range states {
		stateAlts = append(stateAlts, strings.Join(strings.Fields(regexp.QuoteMeta(s)), `\s+`))
	}
	r.district = mustCompile(`(?i)\b((?:(?:United\s+States|U\.\s?S\.)\s+)?District\s+Court(?:\s*,\s*|\s+for\s+the\s+|\s+of\s+the\s+|\s+)?)?` +
		`(?:(Northern|Southern|Eastern|Western|Middle|Central)\s+)?District\s+of\s+(?:the\s+)?(` + strings.Join(stateAlts, "|") + `)\b`)
	ords := `First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|D\.\s?C\.|Federal`
	r.appeals = mustCompile(`(?i)\b(?:(?:United\s+States|U\.\s?S\.)\s+)?Court\s+of\s+Appeals,?\s+(?:for\s+the\s+)?(` + ords + `)\s+Circuit\b`)
	r.circuit = mustCompile(`(?:\b|\s)(` + ords + `)\s+Circuit\b`)
	r.supreme = mustCompile(`(?i)\b(?:Supreme\s+Court\s+of\s+the\s+United\s+States|(?:United\s+States|U\.\s?S\.)\s+Supreme\s+Court)\b`)

	r.field = mustCompile(`(?im)^[ \t]*(?:court|tribunal|juridiction|jurisdiction)[ \t]*:[ \t]*([^\n]{2,40}?)[ \t]*$`)
	r.shortTail = mustCompile(`^\s*(?:(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s*)?(?:1[789]|20)\d\d\.?\)`)
	r.label = mustCompile(`(?i)^\s*(?:in\s+the|before\s+the|(?:court|tribunal|juridiction|jurisdiction|titre)\s*:)?\s*$`)
	r.courtLine = mustCompile(`(?i)\b(?:court|tribunal|panel)\b`)
	r.stateLine = mustCompile(`(?i)^\s*(?:in\s+the\s+)?(?:state|commonwealth)\s+of\s+[a-z .]{4,20}$`)
	r.appealFrom = mustCompile(`(?i)\b(?:appeal(?:ed)?\s+from|on\s+appeal|from\s+the|court\s+below|certified\s+(?:question|from)|cite\s+as|rules?\b|published\s+by)`)
	r.captionLead = mustCompile(`(?i)^[ \t]*(?:<[^>]*>[ \t]*)*(?:(?:in\s+the|before\s+the|court\s*:)\s*)?`)
	r.captionTail = mustCompile(`(?i)^\s*[,.:]?\s*(?:[a-z]+\s+division)?\s*[,.]?\s*$`)
	return r
}

// citeID maps the court part of a citation parenthetical ("7th Cir.",
// "N.D. Ill.", "Ill. App. Ct.") to a court id, or "" when it names none.
func (r *courtRules) citeID(s string) string {
	if s == "" {
		return ""
	}
	if id := shortLookup(r.byShort, s); id != "" {
		return id
	}
	return shortLookup(courtDBOnce().byCite, s)
}

// shortKey folds a short name for lookup: "N.D. Ill." and "nd ill" agree.
// shortLookup looks one up without building it where it can.
func shortKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r != '.' && r != ' ' && r != '\t' && r != '\n' && r != '\u00a0' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

type courtTagger struct{ r *courtRules }

// Tag implements Tagger.
func (t courtTagger) Tag(text string) []Mention {
	return t.tagScan(t.r.guides.scan(text, lowerASCII(text)))
}

func (t courtTagger) needles() *guides { return t.r.guides }

func (t courtTagger) tagScan(sc *scan) []Mention {
	r, text := t.r, sc.text
	spans := r.fullNames(sc)
	spans = append(spans, r.shortNames(text)...)
	for _, m := range r.fieldAt.find(sc, r.field) {
		value := strings.TrimRight(text[m[2]:m[3]], ",;")
		if id := shortLookup(r.byShort, value); id != "" {
			spans = append(spans, span{start: m[2], end: m[2] + len(value), rank: 1, norm: id, data: "field"})
		}
	}
	spans = dropOverlaps(spans)
	deciding := false
	out := make([]Mention, 0, len(spans)+1)
	for _, s := range spans {
		role := RoleCited
		norm := s.norm
		if !deciding && r.standsAlone(text, s) {
			role, deciding = RoleDeciding, true
			if r.byID[norm].Level == "district" && bankruptcyAbove(text, s.start) {
				// "UNITED STATES BANKRUPTCY COURT / SOUTHERN DISTRICT
				// OF NEW YORK": the district's bankruptcy court
				if b, ok := courtParseOnce().bankr(norm); ok {
					norm = b
				}
			}
		}
		out = append(out, newMention(Court, text, s.start, s.end, norm, role))
	}
	if !deciding {
		if s, ok := r.captionCourt(text); ok {
			out = append(out, newMention(Court, text, s.start, s.end, s.norm, RoleDeciding))
			slices.SortStableFunc(out, func(a, b Mention) int { return a.Start - b.Start })
		}
	}
	return out
}

// shortNames finds short names in citation parentheticals ("(N.D. Ill.
// 2021)", "(D. Ariz. Apr. 5,\n2018)", "(4th\n\nCir. 2009)"): at each
// parenthesis, the longest run of words before the date that folds to a
// short name, if a date and the closing parenthesis follow. One look-up
// per parenthesis keeps it linear in the text.
func (r *courtRules) shortNames(text string) []span {
	var out []span
	type word struct{ s, e int }
	for at := 0; ; {
		i := strings.IndexByte(text[at:], '(')
		if i < 0 {
			return out
		}
		at += i + 1
		var ws []word
		for p := at; len(ws) < 6 && p < len(text) && p < at+60; {
			for p < len(text) && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n') {
				p++
			}
			q := p
			for q < len(text) && text[q] != ' ' && text[q] != '\t' && text[q] != '\n' && text[q] != ')' && text[q] != '(' {
				q++
			}
			if q == p || text[p] >= '0' && text[p] <= '9' && (len(ws) > 0 || q-p >= 4 && isYear(text[p:q])) {
				break // the date: the name ended before it
			}
			ws = append(ws, word{p, q})
			p = q
		}
		for n := len(ws); n > 0; n-- {
			start, end := ws[0].s, ws[n-1].e
			id := shortLookup(r.byShort, text[start:end])
			if id == "" || id == "scotus" && shortKey(text[start:end]) == "us" {
				continue // "U.S." is the reporter, not a parenthetical court
			}
			if r.shortTail.MatchString(text[end:min(len(text), end+40)]) {
				out = append(out, span{start: start, end: end, rank: 1, norm: id})
			}
			break
		}
	}
}

func isYear(s string) bool {
	return len(s) >= 4 && (s[:2] == "19" || s[:2] == "20" || s[:2] == "18" || s[:2] == "17")
}

// bankruptcyAbove reports whether the caption line a court's name starts
// on, or the caption line above it, names a bankruptcy court.
func bankruptcyAbove(text string, start int) bool {
	ls, _ := lineAt(text, start)
	from := ls
	for k := 0; k < 3 && from > 0; k++ { // the line above, past blank lines
		p, pe := lineAt(text, from-1)
		from = p
		if !blank(text[p:pe]) {
			break
		}
	}
	return strings.Contains(strings.ToLower(text[from:start]), "bankruptcy")
}

// captionCase reports whether a line reads as a caption or a heading
// rather than a sentence: no word but a connective starts in lower case.
func captionCase(s string) bool {
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			switch strings.Trim(w, ",.") {
			case "of", "the", "for", "and", "in", "at", "de", "del", "la", "du", "des", "on":
				continue
			}
			return false
		}
	}
	return true
}

// captionBytes bounds where captionCourt looks for a court's name: the
// head of a document.
const captionBytes = 3000

// captionCourt reads the deciding court from a caption line that the
// federal patterns do not know, by courts-db's names ("IN THE SUPREME
// COURT OF THE STATE OF NEW MEXICO", "Supreme Court, Bronx County"). A line
// qualifies when it is short, names a court, and is not the court appealed
// from; the court's name must cover most of it.
func (r *courtRules) captionCourt(text string) (span, bool) {
	head := text[:min(len(text), captionBytes)]
	for at := 0; at < len(head); {
		ls, le := lineAt(head, at)
		at = le + 1
		line := head[ls:le]
		if len(line) > 120 || !r.courtLine.MatchString(line) || r.appealFrom.MatchString(line) {
			continue
		}
		// the name itself, without "IN THE" or a "Court:" label
		lead := r.captionLead.FindStringIndex(line)
		start := ls + lead[1]
		name := strings.TrimRight(strings.TrimSpace(head[start:le]), ".,:;")
		if name == "" {
			continue
		}
		start += strings.Index(head[start:le], name)
		if !captionCase(name) {
			continue // a sentence that names a court
		}
		id, ok := courtForName(name)
		if !ok {
			// "STATE OF MICHIGAN / COURT OF APPEALS": the state on the
			// line above
			if prev := prevLine(head, ls); r.stateLine.MatchString(prev) {
				if id, ok := courtForName(name + " of " + strings.TrimSpace(prev)); ok {
					return span{start: start, end: start + len(name), norm: id}, true
				}
			}
		}
		if !ok {
			// A federal court's name set over two or three lines,
			// or beside a second column ("IN THE UNITED STATES COURT
			// OF APPEALS / FOR THE FIFTH CIRCUIT United States Court
			// of Appeals").
			if id, end, ok := r.federalCaption(head, start); ok {
				return span{start: start, end: end, norm: id}, true
			}
			continue
		}
		return span{start: start, end: start + len(name), norm: id}, true
	}
	if id, at, ok := courtWebsite(head); ok {
		// a court's letterhead often names the court only by its
		// web site ("www.ca3.uscourts.gov")
		return span{start: at, end: at + len(id), norm: id}, true
	}
	return span{}, false
}

// prevLine returns the nearest non-blank line above the line starting at
// ls, or "".
func prevLine(text string, ls int) string {
	for ls > 0 {
		ps, pe := lineAt(text, ls-1)
		if !blank(text[ps:pe]) {
			return text[ps:pe]
		}
		ls = ps
	}
	return ""
}

// federalCaption reads a federal court's name that starts at start and
// runs over up to three caption lines; it returns the id and where the
// name's last line ends.
func (r *courtRules) federalCaption(head string, start int) (string, int, bool) {
	at, end := start, start
	for k := 0; k < 3 && at < len(head); k++ {
		ls, le := lineAt(head, at)
		line := strings.TrimSpace(head[ls:le])
		if line == "" && k > 0 {
			at, k = le+1, k-1 // a blank line between the lines of a caption
			if at-start > 300 {
				break
			}
			continue
		}
		if k > 0 && (len(line) > 120 || !captionCase(line) || r.appealFrom.MatchString(line)) {
			break
		}
		end = le
		if id, ok := parseFederalCourt(head[start:end], false); ok {
			return id, end, true
		}
		at = le + 1
	}
	return "", 0, false
}

// courtWebsite finds a court's web site on uscourts.gov: its host name
// is the court's id ("www.ca3.uscourts.gov", "ecf.ilnd.uscourts.gov").
func courtWebsite(head string) (string, int, bool) {
	lower := strings.ToLower(head)
	for from := 0; ; {
		i := strings.Index(lower[from:], ".uscourts.gov")
		if i < 0 {
			return "", 0, false
		}
		i += from
		j := i
		for j > 0 && (lower[j-1] >= 'a' && lower[j-1] <= 'z' || lower[j-1] >= '0' && lower[j-1] <= '9') {
			j--
		}
		if id := lower[j:i]; id != "" {
			if _, ok := courtRulesOnce().byID[id]; ok {
				return id, j, true
			}
			if _, ok := courtDBOnce().byID[id]; ok && !genericCourts[id] {
				return id, j, true
			}
		}
		from = i + 1
	}
}

// standsAlone reports whether a court is written as a caption or a field:
// nothing but a label before it on its first line and nothing but a
// division after it on its last.
func (r *courtRules) standsAlone(text string, s span) bool {
	if s.data == nil {
		return false // a short name in a citation, or a bare "Seventh Circuit"
	}
	ls, _ := lineAt(text, s.start)
	_, le := lineAt(text, s.end)
	return r.label.MatchString(text[ls:s.start]) && r.captionTail.MatchString(text[s.end:le])
}

// fullNames finds courts written out in words. Spans that may be a caption
// carry non-nil data, so that standsAlone considers them.
func (r *courtRules) fullNames(sc *scan) []span {
	text := sc.text
	var spans []span
	for _, m := range r.districtAt.find(sc, r.district) {
		hasCourt := m[2] >= 0 && strings.Contains(strings.ToLower(text[m[2]:m[3]]), "court")
		dir := ""
		if m[4] >= 0 {
			dir = text[m[4]:m[5]]
		}
		if !hasCourt && dir == "" {
			continue // "the District of Columbia" is a place before it is a court
		}
		id := r.byPlace[strings.ToLower(dir+"|"+squash(text[m[6]:m[7]]))]
		if id == "" {
			continue
		}
		spans = append(spans, span{start: m[0], end: m[1], norm: id, data: "full"})
	}
	for _, m := range r.appealsAt.find(sc, r.appeals) {
		if id := r.byOrd[strings.ToLower(strings.ReplaceAll(text[m[2]:m[3]], " ", ""))]; id != "" {
			spans = append(spans, span{start: m[0], end: m[1], norm: id, data: "full"})
		}
	}
	for _, m := range r.circuitAt.find(sc, r.circuit) {
		if id := r.byOrd[strings.ToLower(strings.ReplaceAll(text[m[2]:m[3]], " ", ""))]; id != "" {
			spans = append(spans, span{start: m[2], end: m[1], rank: 1, norm: id})
		}
	}
	for _, m := range r.supremeAt.find(sc, r.supreme) {
		spans = append(spans, span{start: m[0], end: m[1], norm: "scotus", data: "full"})
	}
	return spans
}

// districtFirstWords are the words a district court's name can begin
// with, as the district pattern spells them.
var districtFirstWords = []string{"united", "u.", "district", "northern", "southern", "eastern", "western", "middle", "central"}

// districtFirstWord, the district guide's can, reports whether s starts,
// in any case, with one of districtFirstWords: the lead letters alone
// let every "court", "the" and "case" be tried.
func districtFirstWord(s string) bool {
	for _, w := range districtFirstWords {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) {
			return true
		}
	}
	return false
}

// shortLookup returns m[shortKey(s)]. A short ASCII s, such as each run
// of words shortNames tries in every parenthesis, is folded into a
// buffer on the stack and looked up from there, with no string built;
// any other goes through shortKey.
func shortLookup(m map[string]string, s string) string {
	var buf [64]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || n == len(buf) {
			return m[shortKey(s)]
		}
		switch c {
		case '.', ' ', '\t', '\n':
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return m[string(buf[:n])]
}
