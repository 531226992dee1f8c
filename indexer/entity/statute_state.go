package entity

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// stateCodesJSON lists the codes of statutes of the states and
// territories of laws.json (reporters-db, BSD-2-Clause, see
// LICENSE.reporters-db) with the way each is cited, derived by
// internal/gentables.
//
//go:embed statecodes.json
var stateCodesJSON []byte

type stateCode struct {
	Abbr       string   `json:"a"`
	State      string   `json:"s"`
	Form       string   `json:"f"`
	Prefix     string   `json:"p"`
	Suffix     string   `json:"x"`
	Variations []string `json:"v"`
	norm       string   // Abbr, or the unannotated code when the table has it ("Fla. Stat. Ann." -> "Fla. Stat.")
}

// stateRules finds citations of state codes: "Okla. Stat. tit. 10A, §§
// 7301-1.3", "Cal. Penal Code § 236.1", "720 ILCS 5/10-9", "Mass. Gen.
// Laws ch. 265, § 50". Abbreviations are found in one pass with a trie;
// what follows is read by a small pattern anchored at the abbreviation.
type stateRules struct {
	codes []stateCode
	trie  *reporterTrie // abbreviations, variations and subject prefixes -> code
	// the same without periods ("Fla Stat", "NY Penal Law"), where the key
	// is one code's
	loose *reporterTrie
	// after the abbreviation: 1 "tit."/"ch."/"art.", 2 its number,
	// 3 section sign, 4 first section, 5 list tail
	tail *regexp.Regexp
	// the subject of "Cal. Penal Code": 1 subject words (then the suffix)
	subject map[string]*regexp.Regexp
	// "Md. Code Ann., Crim. Law": 1 subject
	subjectAfter *regexp.Regexp
	// "La. Civ. Code Ann. art. 2315": 1 article
	article *regexp.Regexp
	// "720 ILCS 5/10-9": 1 act, 2 section
	ilcs *regexp.Regexp
	// a chapter or title number before the code: 1 number
	pre *regexp.Regexp
	// one further section of a list ("and 7301-1.4(a)"): 1 section
	listItem *regexp.Regexp
	// where find looks the tries up: an abbreviation starts a word
	starts *wordStarts
}

// stateSectionPat is a section of a state code: "7301-1.3", "53a-192a",
// "2C:13-8", "9A.40.100".
const stateSectionPat = `\d+[A-Za-z]{0,2}(?:[-.:]\d+[A-Za-z]{0,2})*`

var stateRulesOnce = sync.OnceValue(func() *stateRules {
	r := &stateRules{trie: newReporterTrie(), loose: newLooseTrie(), subject: map[string]*regexp.Regexp{}}
	if err := json.Unmarshal(stateCodesJSON, &r.codes); err != nil {
		panic("entity: statecodes.json: " + err.Error()) // embedded and tested
	}
	abbrs := map[string]bool{}
	for _, c := range r.codes {
		abbrs[c.Abbr] = true
	}
	looseOf := map[string]string{} // loose key -> the norm of its code, "" when codes clash
	addLoose := func(key string, i int) {
		lk := looseKey(key)
		norm := r.codes[i].norm
		if r.codes[i].Form == "subject" {
			norm = r.codes[i].Prefix
		}
		if prev, ok := looseOf[lk]; ok && prev != norm {
			looseOf[lk] = ""
			return
		}
		looseOf[lk] = norm
	}
	for i := range r.codes {
		c := &r.codes[i]
		c.norm = c.Abbr
		if base, ok := strings.CutSuffix(c.Abbr, " Ann."); ok && abbrs[base] {
			c.norm = base
		}
		if c.Form == "subject" {
			addLoose(c.Prefix, i)
		} else {
			addLoose(c.Abbr, i)
			for _, v := range c.Variations {
				addLoose(v, i)
			}
		}
	}
	for i := range r.codes {
		c := &r.codes[i]
		keys := append([]string{c.Abbr}, c.Variations...)
		if c.Form == "subject" {
			keys = []string{c.Prefix}
		}
		for _, k := range keys {
			if looseOf[looseKey(k)] != "" {
				r.loose.add(k, int32(i))
			}
		}
		if c.Form == "subject" {
			r.trie.add(c.Prefix, int32(i))
			suffix := strings.Join(quoteAll(strings.Fields(strings.TrimSuffix(c.Suffix, " Ann."))), `\s+`)
			r.subject[c.Suffix] = mustCompile(`^((?:\s+(?:[A-Z][.\-'’A-Za-z]*|&)){1,5}?)\s+` + suffix + `(?:\s+Ann\.?)?`)
			continue
		}
		r.trie.add(c.Abbr, int32(i))
		for _, v := range c.Variations {
			r.trie.add(v, int32(i))
		}
	}
	r.tail = mustCompile(`^(?:\s*Ann\.?)?\s*,?\s*(?:(tit\.?|[Tt]itle|ch\.?|c\.|[Cc]hapter|art\.?|[Aa]rticle)\s*(\d+[A-Za-z]?)\s*,?\s*)?` +
		`(§§?|[Ss]ec(?:tion|\.)?s?\.?|)\s*(` + stateSectionPat + `)` + subsectionPat +
		`((?:\s*(?:,|and|or|&|–|—|to|through|thru)\s*` + stateSectionPat + subsectionPat + `)*)`)
	r.subjectAfter = mustCompile(`^\s*,\s*((?:[A-Z][.\-'’A-Za-z]*|&)(?:\s+(?:[A-Z][.\-'’A-Za-z]*|&)){0,4}?)\s*§`)
	r.article = mustCompile(`^(?:\s*Ann\.?)?\s*,?\s*[Aa]rt(?:icle|\.)?\s*(\d+(?:[-.:]\d+)*)`)
	r.ilcs = mustCompile(`^(?:\s*Ann\.?)?\s*(\d{1,4})\s*/\s*(` + stateSectionPat + `)` + subsectionPat)
	r.pre = mustCompile(`(?:^|[^\w.])(\d{1,3})\s+$`)
	r.listItem = regexp.MustCompile(`(` + stateSectionPat + `)` + subsectionPat)
	r.starts = newWordStarts(&r.trie.first, true, '_', '.', '\'')
	return r
})

// stateRef is a section of a state code: norm is prefix + joiner +
// section ("Okla. Stat. tit. 10A" " § " "7301-1.3").
type stateRef struct {
	prefix, joiner string
	secs           []string
}

// find returns the state-code citations of text, each with its
// sections. starts holds (at least) every offset r.starts finds, in
// order (see keyStarts).
func (r *stateRules) find(text string, starts []int32) []span {
	var spans []span
	next := 0 // where the last citation found ends
	for _, i32 := range starts {
		i := int(i32)
		if i < next || !r.starts.is(text, i) {
			continue
		}
		// readAt of no hits finds nothing: most starts have none, and
		// its span is large to return
		var s span
		ok := false
		hits := r.trie.match(text, i)
		if len(hits) > 0 {
			s, ok = r.readAt(text, i, hits, false)
		}
		if !ok {
			var buf [4]trieHit
			loose := slices.DeleteFunc(r.loose.matchAppend(buf[:0], text, i), func(h trieHit) bool {
				return slices.ContainsFunc(hits, func(x trieHit) bool { return x.end == h.end })
			})
			if len(loose) > 0 {
				s, ok = r.readAt(text, i, loose, true)
			}
		}
		if ok {
			spans = append(spans, s)
			next = s.end
		}
	}
	return spans
}

// readAt reads the citation after the first of hits, longest first, that
// is one.
func (r *stateRules) readAt(text string, i int, hits []trieHit, loose bool) (span, bool) {
	for _, h := range hits {
		if h.end < len(text) && isWordByte(text[h.end]) && isWordByte(text[h.end-1]) {
			continue // part of a longer word
		}
		if s, ok := r.read(text, i, h, loose); ok {
			return s, true
		}
	}
	return span{}, false
}

// read reads what follows a code's abbreviation found at i, found
// without its periods when loose ("Fla Stat").
func (r *stateRules) read(text string, i int, h trieHit, loose bool) (span, bool) {
	c := r.codes[h.eds[0]]
	end := h.end
	window := func() string { return text[end:min(len(text), end+120)] }
	prefix := c.norm
	start := i
	switch c.Form {
	case "subject":
		m := r.subject[c.Suffix].FindStringSubmatchIndex(window())
		if m == nil {
			return span{}, false
		}
		prefix = c.Prefix + " " + subjectWords(window()[m[2]:m[3]]) + " " + c.Suffix
		end += m[1]
	case "subjectafter":
		if m := r.subjectAfter.FindStringSubmatchIndex(window()); m != nil {
			prefix += ", " + subjectWords(window()[m[2]:m[3]])
			end += m[3]
		}
	case "article":
		m := r.article.FindStringSubmatchIndex(window())
		if m == nil {
			return span{}, false
		}
		return span{start: i, end: end + m[1], rank: 1, data: stateRef{prefix: prefix, joiner: " art. ", secs: []string{window()[m[2]:m[3]]}}}, true
	case "ilcs", "pre":
		if m := r.pre.FindStringSubmatchIndex(text[max(0, i-8):i]); m != nil {
			off := max(0, i-8)
			prefix = trimZeros(text[off+m[2]:off+m[3]]) + " " + prefix
			start = off + m[2]
		} else if c.Form == "ilcs" {
			return span{}, false
		}
		if c.Form == "ilcs" {
			m := r.ilcs.FindStringSubmatchIndex(window())
			if m == nil {
				return span{}, false
			}
			w := window()
			return span{start: start, end: end + m[1], rank: 1, data: stateRef{prefix: prefix + " " + trimZeros(w[m[2]:m[3]]), joiner: "/", secs: []string{w[m[4]:m[5]]}}}, true
		}
	}
	w := window()
	m := r.tail.FindStringSubmatchIndex(w)
	if m == nil {
		return span{}, false
	}
	sec := w[m[8]:m[9]]
	// Without a section sign, only a section with its punctuation ("RCW
	// 9A.40.100") is a citation; and after a one-word abbreviation typed
	// without its periods ("Fla"), none is.
	oneWord := c.Form != "subject" && !strings.ContainsFunc(strings.TrimSpace(text[i:h.end]), unicode.IsSpace)
	if m[6] == m[7] && (loose && oneWord || !strings.ContainsAny(sec, "-.:")) {
		return span{}, false
	}
	if m[2] >= 0 {
		kind := strings.ToLower(w[m[2]:m[3]])
		switch {
		case strings.HasPrefix(kind, "t"):
			prefix += " tit. " + w[m[4]:m[5]]
		case strings.HasPrefix(kind, "a"):
			prefix += " art. " + w[m[4]:m[5]]
		default:
			prefix += " ch. " + w[m[4]:m[5]]
		}
	}
	plural := strings.HasPrefix(w[m[6]:m[7]], "§§") || strings.HasSuffix(strings.TrimRight(w[m[6]:m[7]], "."), "s")
	secs := sectionRange(sec, plural, false)
	if plural && m[10] < m[11] {
		tail := w[m[10]:m[11]]
		prev, prevEnd := sectionOf(sec), 0
		for _, it := range r.listItem.FindAllStringSubmatchIndex(tail, -1) {
			item := tail[it[2]:it[3]]
			if rangeJoin(tail[prevEnd:it[0]]) {
				secs = append(secs, rangeAfter(prev, item, false)...)
			} else {
				secs = append(secs, sectionRange(item, true, false)...)
			}
			prev, prevEnd = sectionOf(item), it[1]
		}
	}
	return span{start: start, end: end + m[1], rank: 1, data: stateRef{prefix: prefix, joiner: " § ", secs: secs}}, true
}

// subjectWords writes the subject of a code ("Bus & Prof" of "Cal Bus &
// Prof Code") as the Bluebook does, each abbreviated word with its
// period, so that one code is one value however it was typed.
func subjectWords(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		if subjectAbbrev(w) {
			f[i] = w + "."
		}
	}
	return strings.Join(f, " ")
}

// subjectAbbrev reports whether w is a word of a code's subject that the
// Bluebook abbreviates (its tables T1 and T6), written without its period.
// Whole words ("Penal", "Law", "Health") keep none.
func subjectAbbrev(w string) bool {
	switch w {
	case "Agric", "Alco", "Bev", "Bus", "Civ", "Com", "Comm", "Corp", "Corr", "Crim", "Cts", "Dom", "Econ", "Educ", "Elec",
		"Emp", "Envtl", "Evid", "Exec", "Fam", "Fin", "Gen", "Hum", "Indus", "Ins", "Inst", "Jud", "Lab", "Loc",
		"Mil", "Nat", "Occ", "Prac", "Proc", "Prof", "Prop", "Pub", "Rel", "Rem", "Res", "Rev", "Saf", "Serv",
		"Soc", "Tax", "Traf", "Transp", "Unemp", "Util", "Veh", "Welf":
		return true
	}
	return false
}

// maxRangeExpand is the widest range of sections whose every section is
// tagged; a wider one gives its two ends.
const maxRangeExpand = 10

// sectionRange reads one item of a citation's sections: a section
// ("1591(a)(2)" -> 1591), or a range ("1591-1595" -> 1591 to 1595,
// "1591-95" likewise). In the U.S. Code a hyphen between two numbers is
// always a range (its hyphenated sections have a letter before the
// hyphen: "2000e-2"). A state code has hyphenated sections ("13-3212",
// "7301-1.3"), so there a hyphen is a range only after a plural sign and
// between two numbers of like length ("§§ 1-2").
func sectionRange(s string, plural, usc bool) []string {
	s = sectionOf(s)
	a, b, ok := strings.Cut(s, "-")
	if !ok || !allDigits(a) || !allDigits(b) || strings.Contains(b, "-") {
		return []string{s}
	}
	if !usc && (!plural || len(b) < len(a) || len(b) > len(a)+1) {
		return []string{s}
	}
	a, b = trimZeros(a), trimZeros(b)
	if len(b) < len(a) { // "1591-95"
		b = a[:len(a)-len(b)] + b
	}
	lo, hi := atoi(a), atoi(b)
	if hi <= lo {
		return []string{s}
	}
	if hi-lo > maxRangeExpand {
		return []string{a, b}
	}
	out := make([]string, 0, hi-lo+1)
	for n := lo; n <= hi; n++ {
		out = append(out, itoa(n))
	}
	return out
}

func allDigits(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = 10*n + int(s[i]-'0')
	}
	return n
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}

// stateAliases gives other ways to write a state-code norm that the
// statute filter accepts: with the comma of the Bluebook ("Okla. Stat.
// tit. 10A, § 7301-1.3"), as the annotated code ("Okla. Stat. Ann. tit.
// 10A, § 7301-1.3") and by the code's other names ("O.C.G.A. § 16-5-46").
func stateAliases(norm string) []string {
	code, sec, ok := strings.Cut(norm, " § ")
	if !ok {
		return nil
	}
	var best *stateCode
	for i, c := range stateRulesOnce().codes {
		if c.Form == "subject" || c.Form == "ilcs" || c.Form == "pre" || !strings.HasPrefix(code, c.norm) {
			continue
		}
		if rest := code[len(c.norm):]; rest != "" && rest[0] != ' ' && rest[0] != ',' {
			continue
		}
		if best == nil || len(c.norm) > len(best.norm) || len(c.norm) == len(best.norm) && c.Abbr == c.norm {
			best = &stateRulesOnce().codes[i]
		}
	}
	if best == nil {
		return nil
	}
	rest := code[len(best.norm):]
	sep := " "
	if rest != "" {
		sep = ", "
	}
	var out []string
	if rest != "" {
		out = append(out, code+", § "+sec)
	}
	names := []string{}
	for _, c := range stateRulesOnce().codes {
		if c.norm == best.norm {
			if c.Abbr != c.norm {
				names = append(names, c.Abbr)
			}
			names = append(names, c.Variations...)
		}
	}
	for _, n := range names {
		out = append(out, n+rest+sep+"§ "+sec)
	}
	return out
}
