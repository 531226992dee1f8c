package entity

import (
	"regexp"
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
}

// namedActs lists the acts we know by name. Order matters where one form
// starts another: the regexp prefers the earlier alternative, so "CDA
// Section 230" comes before "CDA".
func namedActs() []namedAct {
	return []namedAct{
		{
			norm:  "47 U.S.C. § 230",
			exact: []string{`CDA Section 230`, `CDA section 230`, `CDA § 230`, `CDA 230`},
			names: []string{`Section 230`},
		},
		{
			norm:       "FOSTA",
			exact:      []string{"FOSTA"},
			names:      []string{"Allow States and Victims to Fight Online Sex Trafficking Act"},
			publicLaws: []string{"115-164"},
		},
		{
			norm:  "SESTA",
			exact: []string{"SESTA"},
			names: []string{"Stop Enabling Sex Traffickers Act"},
		},
		{
			norm:  "TVPRA",
			exact: []string{"TVPRA"},
			names: []string{"Trafficking Victims Protection Reauthorization Act"},
		},
		{
			norm:       "TVPA",
			exact:      []string{"TVPA"},
			names:      []string{"Trafficking Victims Protection Act", "Victims of Trafficking and Violence Protection Act"},
			publicLaws: []string{"106-386"},
		},
		{
			norm:       "JVTA",
			exact:      []string{"JVTA"},
			names:      []string{"Justice for Victims of Trafficking Act"},
			publicLaws: []string{"114-22"},
		},
		{
			norm:  "Communications Decency Act",
			exact: []string{"CDA"},
			// "Communication" (singular) is a common slip, seen in the SHERLOC summary.
			names: []string{"Communications Decency Act", "Communication Decency Act"},
		},
	}
}

// An actPattern finds some forms of the named acts; group i of re is act
// acts[i] of the table.
type actPattern struct {
	re   *regexp.Regexp
	at   guide
	acts []int
}

// actPatterns compiles the exact forms (case-sensitive) as one pattern and
// each name (case-insensitive, any white space between words) as its own,
// guided by its rarest word with a window just wide enough for the name:
// one pattern for all would be run in wide windows around every "230" and
// "victims" of a long opinion.
func actPatterns(acts []namedAct) []actPattern {
	exact := actPattern{at: guide{after: 32}}
	var out []actPattern
	var exactGroups []string
	for i, a := range acts {
		var alts []string
		for _, e := range a.exact {
			alts = append(alts, `\b`+regexp.QuoteMeta(e)+`\b`)
			exact.at.needles = appendNew(exact.at.needles, strings.ToLower(strings.Fields(e)[0]))
		}
		if alts != nil {
			exactGroups = append(exactGroups, `(`+strings.Join(alts, `|`)+`)`)
			exact.acts = append(exact.acts, i)
		}
		for _, n := range a.names {
			words := strings.Fields(n)
			needle := rarestWord(words)
			at := strings.Index(strings.ToLower(n), needle)
			out = append(out, actPattern{
				re: mustCompile(`(?i:\b(` + strings.Join(quoteAll(words), `\s+`) + `(?:\s+of\s+(?:19|20)\d\d)?)\b)`),
				// twice the phrase's length each side of the needle, for line breaks and runs of spaces
				at:   guide{needles: []string{needle}, before: 2*at + 8, after: 2*(len(n)-at) + 16},
				acts: []int{i},
			})
		}
	}
	exact.re = mustCompile(strings.Join(exactGroups, `|`))
	return append([]actPattern{exact}, out...)
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

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
