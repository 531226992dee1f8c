package entity

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// A namedAct is a statute that texts cite by name rather than by section.
// The same table drives the tagger and NormalizeStatute, so a filter value
// typed by a user and a mention found in a document normalise alike.
type namedAct struct {
	norm string // the facet value
	// exact forms matched case-sensitively: acronyms, which as lower-case
	// letters are too often parts of ordinary words or URLs ("sestafosta").
	exact []string
	// phrases matched case-insensitively, across line breaks, optionally
	// followed by "of YEAR".
	names []string
	// public laws (Congress-number) that are this act.
	publicLaws []string
	// bills ("H.R. 1865", "S. 1693") and Statutes at Large pages ("132
	// Stat. 1253") that are this act.
	bills, stats []string
	// what it is, in a sentence, for API clients
	about string
	// norms of statutes it amends, creates or belongs with (see Linked)
	links []string
}

// namedActs lists the acts and instruments we know by name. Order matters
// where one form starts another: the regexp prefers the earlier
// alternative, so "CDA Section 230" comes before "CDA", and the Trafficking
// Victims Protection Reauthorization Act before the Act it reauthorises.
func namedActs() []namedAct {
	return []namedAct{
		{
			norm:  "47 U.S.C. § 230",
			exact: []string{`CDA Section 230`, `CDA section 230`, `CDA § 230`, `CDA 230`},
			names: []string{`Section 230`},
			about: "Communications Decency Act § 230: immunity of online platforms for content of others",
			links: []string{"Communications Decency Act"},
		},
		{
			norm:       "FOSTA",
			exact:      []string{"FOSTA"},
			names:      []string{"Allow States and Victims to Fight Online Sex Trafficking Act"},
			publicLaws: []string{"115-164"},
			bills:      []string{"H.R. 1865"},
			stats:      []string{"132 Stat. 1253"},
			about:      "Allow States and Victims to Fight Online Sex Trafficking Act of 2017",
			links:      []string{"SESTA", "47 U.S.C. § 230", "18 U.S.C. § 2421A", "18 U.S.C. § 1591", "18 U.S.C. § 1595"},
		},
		{
			norm:  "SESTA",
			exact: []string{"SESTA"},
			names: []string{"Stop Enabling Sex Traffickers Act"},
			bills: []string{"S. 1693"},
			about: "Stop Enabling Sex Traffickers Act of 2017 (the Senate bill enacted as FOSTA)",
			links: []string{"FOSTA"},
		},
		{
			norm:       "TVPRA",
			exact:      []string{"TVPRA"},
			names:      []string{"Trafficking Victims Protection Reauthorization Act", "William Wilberforce Trafficking Victims Protection Reauthorization Act"},
			publicLaws: []string{"108-193", "109-164", "110-457"},
			bills:      []string{"H.R. 2620", "H.R. 972", "H.R. 7311"},
			stats:      []string{"117 Stat. 2875", "119 Stat. 3558", "122 Stat. 5044"},
			about:      "Trafficking Victims Protection Reauthorization Acts of 2003, 2005 and 2008 (civil remedy, 18 U.S.C. § 1595)",
			links:      []string{"TVPA", "18 U.S.C. § 1595"},
		},
		{
			norm:       "TVPA",
			exact:      []string{"TVPA"},
			names:      []string{"Trafficking Victims Protection Act", "Victims of Trafficking and Violence Protection Act"},
			publicLaws: []string{"106-386"},
			bills:      []string{"H.R. 3244"},
			stats:      []string{"114 Stat. 1464"},
			about:      "Victims of Trafficking and Violence Protection Act of 2000, Division A: Trafficking Victims Protection Act",
			links:      []string{"TVPRA", "18 U.S.C. § 1591", "22 U.S.C. § 7101"},
		},
		{
			norm:       "JVTA",
			exact:      []string{"JVTA"},
			names:      []string{"Justice for Victims of Trafficking Act"},
			publicLaws: []string{"114-22"},
			bills:      []string{"S. 178"},
			stats:      []string{"129 Stat. 227"},
			about:      "Justice for Victims of Trafficking Act of 2015",
			links:      []string{"18 U.S.C. § 1591"},
		},
		{
			norm:  "Communications Decency Act",
			exact: []string{"CDA"},
			// "Communication" (singular) is a common slip, seen in the SHERLOC summary.
			names: []string{"Communications Decency Act", "Communication Decency Act"},
			about: "Communications Decency Act of 1996, Title V of the Telecommunications Act of 1996 (Pub. L. 104-104)",
			links: []string{"47 U.S.C. § 230", "Telecommunications Act of 1996"},
		},
		{
			norm:       "Telecommunications Act of 1996",
			names:      []string{"Telecommunications Act of 1996"},
			publicLaws: []string{"104-104"},
			stats:      []string{"110 Stat. 56"},
			about:      "Telecommunications Act of 1996; its Title V is the Communications Decency Act",
			links:      []string{"Communications Decency Act"},
		},
		{
			norm:       "DMCA",
			exact:      []string{"DMCA"},
			names:      []string{"Digital Millennium Copyright Act"},
			publicLaws: []string{"105-304"},
			about:      "Digital Millennium Copyright Act of 1998",
			links:      []string{"17 U.S.C. § 512"},
		},
		{
			norm: "Palermo Protocol",
			names: []string{"Palermo Protocol", "Trafficking in Persons Protocol", "Protocol to Prevent, Suppress and Punish Trafficking in Persons",
				"Protocol to Prevent, Suppress, and Punish Trafficking in Persons"},
			about: "UN Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children (2000), supplementing the UN Convention against Transnational Organized Crime",
		},
		{
			norm:  "UNTOC",
			exact: []string{"UNTOC"},
			names: []string{"United Nations Convention against Transnational Organized Crime", "Convention against Transnational Organized Crime"},
			about: "United Nations Convention against Transnational Organized Crime (Palermo, 2000)",
			links: []string{"Palermo Protocol"},
		},
		{
			norm:  "CEDAW",
			exact: []string{"CEDAW"},
			names: []string{"Convention on the Elimination of All Forms of Discrimination against Women"},
			about: "UN Convention on the Elimination of All Forms of Discrimination against Women (1979)",
		},
		{
			norm: "CoE Trafficking Convention",
			names: []string{"Council of Europe Convention on Action against Trafficking in Human Beings",
				"Convention on Action against Trafficking in Human Beings", "Warsaw Convention on Action against Trafficking"},
			exact: []string{"CETS No. 197", "CETS 197"},
			about: "Council of Europe Convention on Action against Trafficking in Human Beings (Warsaw, 2005, CETS No. 197)",
		},
		{
			norm:  "Directive 2011/36/EU",
			names: []string{"Directive 2011/36/EU", "Anti-Trafficking Directive", "EU Anti-Trafficking Directive"},
			about: "Directive 2011/36/EU of the European Parliament and of the Council on preventing and combating trafficking in human beings",
		},
		{
			norm:  "Budapest Convention",
			names: []string{"Budapest Convention on Cybercrime", "Budapest Convention", "Convention on Cybercrime"},
			exact: []string{"ETS No. 185", "ETS 185"},
			about: "Council of Europe Convention on Cybercrime (Budapest, 2001, ETS No. 185)",
		},
	}
}

// An actForm finds one form of a named act without a regexp: at each
// occurrence of its needle (its rarest word, lower-cased) it compares the
// words around it. Exact forms (acronyms) compare case-sensitively and
// start at the needle; names compare case-insensitively, with any white
// space between words, optionally followed by "of YEAR".
type actForm struct {
	act    int
	exact  string   // the form as written, for an exact form
	words  []string // the lower-cased words of a name
	key    int      // which word of words the needle is
	needle string
}

// actForms lists the forms of the acts, each guided by its rarest word:
// one pattern for all would be run in wide windows around every "230"
// and "victims" of a long opinion.
func actForms(acts []namedAct) []actForm {
	var out []actForm
	for i, a := range acts {
		for _, e := range a.exact {
			out = append(out, actForm{act: i, exact: e, needle: strings.ToLower(strings.Fields(e)[0])})
		}
		for _, n := range a.names {
			words := strings.Fields(strings.ToLower(n))
			needle := rarestWord(words)
			out = append(out, actForm{act: i, words: words, key: slices.Index(words, needle), needle: needle})
		}
	}
	return out
}

// match reports the form's span around an occurrence of its needle at
// at; lower is lowerASCII(text).
func (f actForm) match(text, lower string, at int) (start, end int, ok bool) {
	if f.exact != "" {
		end = at + len(f.exact)
		if !strings.HasPrefix(text[at:], f.exact) || !wordEdge(text, at) || !wordEdge(text, end) {
			return 0, 0, false
		}
		return at, end, true
	}
	start, end = at, at+len(f.needle)
	for j := f.key - 1; j >= 0; j-- {
		p := skipSpaceBack(text, start)
		w := f.words[j]
		if p == start || p < len(w) || lower[p-len(w):p] != w {
			return 0, 0, false
		}
		start = p - len(w)
	}
	if f.key == 0 && !wordEdge(text, start) {
		return 0, 0, false
	}
	for _, w := range f.words[f.key+1:] {
		p := skipSpace(text, end)
		if p == end || !strings.HasPrefix(lower[p:], w) {
			return 0, 0, false
		}
		end = p + len(w)
	}
	if !wordEdge(text, end) {
		return 0, 0, false
	}
	// "... Act of 2017"
	if p := skipSpace(text, end); p > end && strings.HasPrefix(lower[p:], "of") {
		if q := skipSpace(text, p+2); q > p+2 && q+4 <= len(text) && (text[q:q+2] == "19" || text[q:q+2] == "20") &&
			isDigit(text[q+2]) && isDigit(text[q+3]) && wordEdge(text, q+4) {
			end = q + 4
		}
	}
	return start, end, true
}

// wordEdge reports whether i is a word boundary of text (as \b, ASCII).
func wordEdge(text string, i int) bool {
	before := i > 0 && isWordByte(text[i-1])
	after := i < len(text) && isWordByte(text[i])
	return before != after
}

// skipSpace returns the offset after the white space (ASCII, no-break and
// thin spaces) at i.
func skipSpace(text string, i int) int {
	for i < len(text) {
		if isSpace(text[i]) {
			i++
		} else if n := wideSpace(text[i:]); n > 0 {
			i += n
		} else {
			break
		}
	}
	return i
}

// skipSpaceBack returns the offset of the white space that ends at i.
func skipSpaceBack(text string, i int) int {
	for i > 0 {
		if isSpace(text[i-1]) {
			i--
		} else if i >= 2 && wideSpace(text[i-2:]) == 2 {
			i -= 2
		} else if i >= 3 && wideSpace(text[i-3:]) == 3 {
			i -= 3
		} else {
			break
		}
	}
	return i
}

// rarestWord guesses which word of a name is least common in legal prose:
// one with digits ("230"), else the longest.
func rarestWord(words []string) string {
	best := ""
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			return strings.ToLower(w)
		}
		if len(w) > len(best) {
			best = w
		}
	}
	return strings.ToLower(best)
}

func quoteAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = regexp.QuoteMeta(w)
	}
	return out
}
