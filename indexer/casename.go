package indexer

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// How a party read from a caption is written in a case name, the way a
// citation writes it: a person by surname, an organisation with "Company"
// shortened to "Co.", an all-capitals caption in title case.

// cite writes one party's name as a citation does.
func (c caption) cite(s string) string {
	if c.caps || countFields(s) >= 2 && !isOrganisation(s) {
		// A capitalised caption, or a person's name with the surname
		// in capitals ("Emmanuel LAGUERRE"): one word in capitals in a
		// company's name is an acronym ("DVA"), and stays.
		s = titleCase(s)
	}
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	switch {
	case lower == "united states of america" || lower == "the united states of america" || lower == "the united states":
		return "United States"
	case lower == "the people" || strings.HasPrefix(lower, "the people of the state of ") || strings.HasPrefix(lower, "people of the state of "):
		return "People"
	case strings.HasPrefix(lower, "state of "), strings.HasPrefix(lower, "commonwealth of "), strings.HasPrefix(lower, "people of the state of "):
		// The state is "State" in its own courts, its name elsewhere.
		i := strings.Index(lower, " of ")
		kind, place := s[:i], s[i+4:]
		if strings.HasPrefix(strings.ToLower(place), "the state of ") {
			place = place[len("the state of "):]
		}
		if strings.Contains(strings.ToLower(c.header), strings.ToLower(place)) {
			return kind
		}
		return place
	}
	s = abbreviate(s)
	if c.asPrinted {
		return s
	}
	// A citation leaves out a leading "The": "THE BANK OF NEW YORK
	// MELLON" is "Bank of New York Mellon".
	if strings.HasPrefix(lower, "the ") && countFields(s) > 2 {
		s = strings.TrimSpace(s[4:])
	}
	if sur := c.surname(s); sur != "" {
		return sur
	}
	return s
}

// nameAbbreviations are the words a citation shortens at the end of a
// company's name.
var nameAbbreviations = map[string]string{"company": "Co.", "corporation": "Corp.", "incorporated": "Inc.", "limited": "Ltd."}

func abbreviate(s string) string {
	words := strings.Fields(s)
	if len(words) < 2 {
		return s
	}
	last := strings.ToLower(strings.Trim(words[len(words)-1], ",."))
	if a, ok := nameAbbreviations[last]; ok {
		words[len(words)-1] = a
	}
	return strings.Join(words, " ")
}

// organisationWords are the words that make a name an organisation's,
// not a person's: an alternation of lower-case words, some with an
// optional last letter (s?) and some with escaped periods.
const organisationWords = `inc|llc|l\.l\.c|ltd|co|corp|company|corporation|incorporated|limited|association|ass'n|council|group|district|department|dep't|dept|` +
	`bank|university|college|school|board|commission|agency|city|county|town|village|state|states|united|commonwealth|people|church|chapel|ministries|` +
	`foundation|trust|fund|society|union|services?|systems?|industries|international|holdings|partners|partnership|enterprises|authority|office|bureau|` +
	`administration|hospital|center|centre|institute|club|league|committee|government|republic|nation|insurance|financial|capital|technologies|media|` +
	`network|communications|foods|products|america|american|national|federal|estate|security|securities|management|associates|coalition|alliance|` +
	`project|campaign|center|court|police|sheriff|secretary|director|warden|commissioner|attorney|general|llp|pllc|plc|n\.a|gmbh|ag|s\.a|` +
	`operations|platforms|properties|realty|investments?|ventures|solutions|software|labs|energy|motors|airlines?|pharmaceuticals|` +
	`hotels?|resorts?|casinos?|restaurants?|stores|markets?|brands|entertainment|studios|publishing|news|health|healthcare|medical|` +
	`clinic|mutual|credit|mortgage|finance|logistics|transport|transportation|railroad|railway|electric|gas|oil|steel|coal|chemical|` +
	`the|of|for|inc\.`

// organisation matches words that make a name an organisation's, not a
// person's (organisationWords), and "&", "@", figures and ".com".
var organisation = lazyRegexp(`(?i)\b(?:` + organisationWords + `)\b|[&\d@]|\.com\b`)

// organisationSet is organisationWords as a set of words, and the
// alternatives that are more than one word ("l.l.c", "ass'n") with
// ".com". The slice is shared by every caller: read it, never append.
var organisationSet = sync.OnceValues(func() (map[string]bool, []string) {
	words := map[string]bool{}
	var marked []string
	for _, alt := range strings.Split(organisationWords, "|") {
		alt = strings.ReplaceAll(alt, `\.`, ".")
		forms := []string{alt}
		if w, ok := strings.CutSuffix(alt, "?"); ok {
			forms = []string{w, w[:len(w)-1]}
		}
		for _, f := range forms {
			if strings.HasSuffix(f, ".") {
				continue // "inc.": the word "inc" before a period matches already
			}
			if strings.ContainsFunc(f, func(r rune) bool { return !('a' <= r && r <= 'z') }) {
				marked = append(marked, f)
			} else {
				words[f] = true
			}
		}
	}
	return words, append(marked, ".com")
})

// isOrganisation reports whether organisation matches s, without the
// expression where s is ASCII: a run of word bytes (\b to \b) that is
// one of organisationWords, a multi-word alternative between word
// boundaries, "&", "@", a figure or ".com" ending a word. Outside
// ASCII, letters such as the Kelvin sign fold into the words, and the
// expression decides.
func isOrganisation(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return organisation().MatchString(s)
		case c == '&' || c == '@' || '0' <= c && c <= '9':
			return true
		}
	}
	words, marked := organisationSet()
	low := lowerASCIIString(s)
	for i := 0; i < len(low); {
		if !isWord(low[i]) {
			i++
			continue
		}
		j := i
		for j < len(low) && isWord(low[j]) {
			j++
		}
		if words[low[i:j]] {
			return true
		}
		i = j
	}
	for _, m := range marked {
		for at := 0; ; {
			k := strings.Index(low[at:], m)
			if k < 0 {
				break
			}
			k += at
			e := k + len(m)
			// \b before and after: every multi-word alternative
			// starts and ends with a letter, ".com" ends with one
			if (m[0] == '.' || k == 0 || !isWord(low[k-1])) && (e == len(low) || !isWord(low[e])) {
				return true
			}
			at = k + 1
		}
	}
	return false
}

// lowerASCIIString folds A-Z to a-z, byte for byte.
func lowerASCIIString(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// suffixes end a person's name without being the surname.
var suffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true, "esq": true, "md": true, "phd": true}

// particles belong to the surname that follows them: "St. Pierre", "de la Cruz".
var particles = map[string]bool{"st": true, "ste": true, "saint": true, "de": true, "del": true, "della": true, "der": true, "den": true, "di": true, "da": true,
	"du": true, "des": true, "la": true, "le": true, "van": true, "von": true, "ter": true, "ten": true, "dos": true, "das": true, "bin": true, "ibn": true, "al": true, "el": true, "mac": true}

// surname returns the surname of a person's name ("Steven Montrail
// Triplet" -> "Triplet", "Vanessa St. Pierre" -> "St. Pierre"), or "" when
// s is not a person's name of several words.
func (c caption) surname(s string) string {
	if isOrganisation(s) {
		return ""
	}
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	for len(words) > 1 && suffixes[strings.ToLower(strings.Trim(words[len(words)-1], "."))] {
		words = words[:len(words)-1]
	}
	// "Lawrence and Glenda Pachniak": two first names, one surname.
	for i, w := range words {
		if strings.EqualFold(w, "and") {
			if i == 0 || len(words)-i < 3 {
				return ""
			}
			words = append(words[:i:i], words[i+1:]...)
			break
		}
	}
	if len(words) < 2 || len(words) > 5 {
		return ""
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !particles[strings.ToLower(strings.Trim(w, "."))] {
			return ""
		}
	}
	if isInitials(words[len(words)-1]) {
		return "" // "Doe, J." or a name we cannot read
	}
	i := len(words) - 1
	for i > 0 && particles[strings.ToLower(strings.Trim(words[i-1], "."))] {
		i--
	}
	// A two-word surname ("Zepeda Rivas") is one the document uses alone
	// while it never uses the last word alone.
	if i >= 2 && !isInitials(words[i-1]) {
		if lb := c.body.text(); lb != "" && usesAlone(lb, strings.Join(words[i-1:], " "), words[i-2]) &&
			!usesAlone(lb, words[len(words)-1], words[i-1]) {
			i--
		}
	}
	return strings.Join(words[i:], " ")
}

// isInitials reports whether w is an initial or a run of them ("P.", "G.G.").
func isInitials(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r != '.':
			return false
		}
	}
	return letters > 0 && (letters == 1 || strings.Count(w, ".") >= letters)
}

// usesAlone reports whether lb, a body in lower case, contains name
// (case-insensitively) not preceded by the word before it in the full
// name.
func usesAlone(lb, name, before string) bool {
	ln, lbefore := strings.ToLower(name), strings.ToLower(before)
	for off := 0; ; {
		i := strings.Index(lb[off:], ln)
		if i < 0 {
			return false
		}
		at := off + i
		end := at + len(ln)
		off = end
		if end < len(lb) {
			if r, _ := utf8.DecodeRuneInString(lb[end:]); unicode.IsLetter(r) {
				continue
			}
		}
		if at > 0 {
			if r, _ := utf8.DecodeLastRuneInString(lb[:at]); unicode.IsLetter(r) {
				continue
			}
		}
		prev := strings.Fields(lb[max(0, at-40):at])
		if len(prev) > 0 && strings.Trim(prev[len(prev)-1], ".,") == lbefore {
			continue
		}
		return true
	}
}

// smallWords stay lower-case inside a title-cased name.
var smallWords = map[string]bool{"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "at": true, "to": true, "a": true, "an": true,
	"by": true, "ex": true, "rel": true, "de": true, "del": true, "la": true, "du": true, "von": true, "van": true, "'n": true, "v": true, "et": true, "al": true,
	"as": true, "or": true, "with": true, "from": true, "upon": true}

// keepUpper are the words a capitalised caption keeps in capitals.
var keepUpper = map[string]bool{"LLC": true, "L.L.C.": true, "LLP": true, "L.L.P.": true, "PLLC": true, "LP": true, "L.P.": true, "N.A.": true, "P.C.": true,
	"P.A.": true, "PLC": true, "USA": true, "U.S.": true, "U.S.A.": true, "II": true, "III": true, "IV": true, "NFL": true, "ACLU": true, "FBI": true,
	"FDIC": true, "SEC": true, "NLRB": true, "EEOC": true, "FTC": true, "FCC": true, "IRS": true, "INS": true, "ICE": true, "DHS": true, "DOJ": true}

// titleCase writes a capitalised name the way it is cited: "TYSON
// FOODS, INC." -> "Tyson Foods, Inc.".
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.TrimRight(w, ",;:")
		tail := w[len(core):]
		switch {
		case keepUpper[core], strings.ContainsFunc(core, unicode.IsDigit), isInitials(core) && len(core) > 1,
			strings.ContainsFunc(core, unicode.IsLower) && i > 0:
		case i > 0 && smallWords[strings.ToLower(strings.TrimRight(core, "."))]:
			core = strings.ToLower(core)
		case len(core) == 2 && !particles[strings.ToLower(core)] && !strings.ContainsFunc(core, func(r rune) bool { return !unicode.IsUpper(r) }):
			// "GV Ranch Station", "LA Printex": two capitals are initials
			// (a particle, "DE", or a small word, "OF", is not).
		default:
			core = capitalise(core)
		}
		words[i] = core + tail
	}
	return strings.Join(words, " ")
}

// capitalise lower-cases a word but its first letter and the first
// letter after an apostrophe or a hyphen: "O'BRIEN" -> "O'Brien".
func capitalise(w string) string {
	var b strings.Builder
	up := true
	for _, r := range w {
		switch {
		case up && unicode.IsLetter(r):
			b.WriteRune(unicode.ToUpper(r))
			up = false
		default:
			b.WriteRune(unicode.ToLower(r))
		}
		// "O'BRIEN", "D'ANGELO", "SMITH-JONES"; not "DOE'S".
		if r == '-' || (r == '\'' || r == '’') && b.Len() <= 2 {
			up = true
		}
	}
	out := b.String()
	// "MCDONOUGH" -> "McDonough".
	if len(out) > 3 && strings.HasPrefix(out, "Mc") {
		out = "Mc" + strings.ToUpper(out[2:3]) + out[3:]
	}
	// "'N" in "Steak 'N Shake" is a word of its own, and lower-case.
	if out == "'N" {
		return "'n"
	}
	return out
}
