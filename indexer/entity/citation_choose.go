package entity

import (
	"slices"
	"strings"
)

// choose settles which reporter edition a citation is when its spelling
// is that of several ("How." is the Supreme Court's Howard and
// Mississippi's; "Col." is Colorado's and Coldwell's), and whether a
// spelling that leaves out the state ("1 App. 7" for Ohio Appellate
// Reports) may stand for the state's reporter. In order:
//
//   - editions not published in the year of the parenthetical are
//     dropped (unless that drops them all);
//   - an edition spelt exactly as written beats one spelt by a variant;
//   - an edition of the state the parenthetical names beats the others.
//
// A citation that is still of several editions, or whose spelling omits
// a state that neither its parenthetical nor the sentence before it
// names, is not a citation: no citation is better than a false one.
// s.norm is cleared then; otherwise it and the Cite take the edition.
func (t citationTagger) choose(text string, s *span) {
	rep := t.rep
	c := s.data.(*Cite)
	alts := s.alts
	if distinctEditions(rep, alts) > 1 && c.Year > 0 {
		if in := slices.DeleteFunc(slices.Clone(alts), func(e int32) bool { return !published(rep.table.Editions[e], c.Year) }); len(in) > 0 {
			alts = in
		}
	}
	if distinctEditions(rep, alts) > 1 {
		spelled := compact(s.spelled)
		if exact := slices.DeleteFunc(slices.Clone(alts), func(e int32) bool { return compact(rep.table.Editions[e].Edition) != spelled }); len(exact) > 0 {
			alts = exact
		}
	}
	if distinctEditions(rep, alts) > 1 && s.paren != "" {
		if here := slices.DeleteFunc(slices.Clone(alts), func(e int32) bool { return !namesPlaceOf(s.paren, rep.table.Editions[e].Places) }); len(here) > 0 {
			alts = here
		}
	}
	if distinctEditions(rep, alts) > 1 {
		s.norm = ""
		return
	}
	e := rep.table.Editions[alts[0]]
	if state := omittedState(e, s.spelled); state != "" {
		before := text[max(0, s.start-300):s.start]
		if !namesState(s.paren, state) && !namesState(before, state) {
			s.norm = ""
			return
		}
	}
	c.Reporter = e.Edition
	page := c.Page
	if page == "" {
		page = blankPageNorm
	}
	s.norm = citeNorm(c.Volume, e.Edition, page)
}

// distinctEditions counts the editions of alts by name: two reporters
// may share an edition name ("Hill" of New York and of South Carolina),
// which makes their citations alike.
func distinctEditions(rep *reporterRules, alts []int32) int {
	n := 0
	for i, e := range alts {
		name := rep.table.Editions[e].Edition
		if !slices.ContainsFunc(alts[:i], func(x int32) bool { return rep.table.Editions[x].Edition == name }) {
			n++
		}
	}
	return n
}

// unknownStart is reporters-db's start date for an edition whose first
// year it does not know.
const unknownStart = 1750

// published reports whether an edition was published in year, where the
// table knows.
func published(e reporterRow, year int) bool {
	if e.From > unknownStart && year < e.From {
		return false
	}
	return e.To == 0 || year <= e.To
}

// compact drops white space and reads a typographic apostrophe as ASCII.
func compact(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), ""), "’", "'")
}

// omittedState returns the state a spelling leaves out of the edition's
// name ("App." for "Ohio App." leaves out Ohio), or "".
func omittedState(e reporterRow, spelled string) string {
	sp := strings.Fields(strings.ReplaceAll(spelled, "’", "'"))
	ed := strings.Fields(e.Edition)
	if len(sp) == 0 || len(sp) >= len(ed) || !slices.Equal(ed[len(ed)-len(sp):], sp) {
		return ""
	}
	dropped := strings.Join(ed[:len(ed)-len(sp)], " ")
	for code, names := range stateNames {
		if slices.Contains(names, dropped) {
			return code
		}
	}
	return ""
}

// namesPlaceOf reports whether a parenthetical ("Miss. 1840", "7th Cir.
// 2008") names one of places (state codes, "us" for federal courts).
func namesPlaceOf(paren string, places []string) bool {
	for _, p := range places {
		if p == "us" {
			if strings.Contains(paren, "Cir.") || strings.Contains(paren, "D.") || strings.Contains(paren, "Fed.") {
				return true
			}
			continue
		}
		if namesState(paren, p) {
			return true
		}
	}
	return false
}

// namesState reports whether text names the state with code as a word:
// "Ohio Ct. App.", "N.Y. Sup. Ct.", "Mississippi".
func namesState(text, code string) bool {
	for _, n := range stateNames[code] {
		for at := 0; ; {
			i := strings.Index(text[at:], n)
			if i < 0 {
				break
			}
			i += at
			end := i + len(n)
			if (i == 0 || !isWordByte(text[i-1])) && (end == len(text) || !isWordByte(text[end]) || n[len(n)-1] == '.') {
				return true
			}
			at = end
		}
	}
	return false
}

// stateNames are the names and Bluebook abbreviations of the states and
// territories, by the two-letter codes reporters-db uses.
var stateNames = map[string][]string{
	"al": {"Ala.", "Alabama"}, "ak": {"Alaska"}, "az": {"Ariz.", "Arizona"}, "ar": {"Ark.", "Arkansas"},
	"ca": {"Cal.", "Calif.", "California"}, "co": {"Colo.", "Colorado"}, "ct": {"Conn.", "Connecticut"},
	"de": {"Del.", "Delaware"}, "dc": {"D.C.", "District of Columbia"}, "fl": {"Fla.", "Florida"},
	"ga": {"Ga.", "Georgia"}, "hi": {"Haw.", "Hawaii"}, "id": {"Idaho"}, "il": {"Ill.", "Illinois"},
	"in": {"Ind.", "Indiana"}, "ia": {"Iowa"}, "ks": {"Kan.", "Kansas"}, "ky": {"Ky.", "Kentucky"},
	"la": {"La.", "Louisiana"}, "me": {"Me.", "Maine"}, "md": {"Md.", "Maryland"}, "ma": {"Mass.", "Massachusetts"},
	"mi": {"Mich.", "Michigan"}, "mn": {"Minn.", "Minnesota"}, "ms": {"Miss.", "Mississippi"}, "mo": {"Mo.", "Missouri"},
	"mt": {"Mont.", "Montana"}, "ne": {"Neb.", "Nebraska"}, "nv": {"Nev.", "Nevada"}, "nh": {"N.H.", "New Hampshire"},
	"nj": {"N.J.", "New Jersey"}, "nm": {"N.M.", "New Mexico"}, "ny": {"N.Y.", "New York"}, "nc": {"N.C.", "North Carolina"},
	"nd": {"N.D.", "North Dakota"}, "oh": {"Ohio"}, "ok": {"Okla.", "Oklahoma"}, "or": {"Or.", "Ore.", "Oregon"},
	"pa": {"Pa.", "Penn.", "Pennsylvania"}, "ri": {"R.I.", "Rhode Island"}, "sc": {"S.C.", "South Carolina"},
	"sd": {"S.D.", "South Dakota"}, "tn": {"Tenn.", "Tennessee"}, "tx": {"Tex.", "Texas"}, "ut": {"Utah"},
	"vt": {"Vt.", "Vermont"}, "va": {"Va.", "Virginia"}, "wa": {"Wash.", "Washington"}, "wv": {"W. Va.", "West Virginia"},
	"wi": {"Wis.", "Wisconsin"}, "wy": {"Wyo.", "Wyoming"}, "pr": {"P.R.", "Puerto Rico"}, "gu": {"Guam"},
	"vi": {"V.I.", "Virgin Islands"},
}
