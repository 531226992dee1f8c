package entity

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// commonSections are U.S. Code sections and rules that filters are often
// given and that are not named acts; SuggestStatute offers them.
var commonSections = []string{
	"18 U.S.C. § 1591", "18 U.S.C. § 1595", "18 U.S.C. § 2421A", "18 U.S.C. § 2255", "18 U.S.C. § 1589",
	"22 U.S.C. § 7102", "47 U.S.C. § 230", "Fed. R. Civ. P. 12(b)(6)", "Fed. R. Civ. P. 12(b)(1)", "Fed. R. Civ. P. 56",
}

// Aliases returns the other ways of writing a canonical value that the
// taggers and the Normalize functions know: for a named act its names,
// public laws, bills and Statutes at Large pages (FOSTA -> "Allow States
// and Victims to Fight Online Sex Trafficking Act", "Pub. L. 115-164",
// "H.R. 1865", ...); for a U.S. Code section its other spellings (47
// U.S.C. § 230 -> "Section 230", "CDA 230", "47 USC 230", ...); for a court
// id its short and full names (ilnd -> "N.D. Ill.", "Northern District of
// Illinois", ...). It returns nil for a value it does not know.
func Aliases(kind Kind, norm string) []string {
	var out []string
	add := func(xs ...string) {
		for _, x := range xs {
			if x != "" && x != norm && !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	switch kind {
	case Statute:
		r := statuteRulesOnce()
		for _, a := range r.acts {
			if a.norm != norm {
				continue
			}
			add(a.names...)
			for _, p := range a.publicLaws {
				add("Pub. L. " + p)
			}
			add(a.bills...)
			add(a.stats...)
			add(a.exact...)
		}
		if title, sec, ok := uscParts(norm); ok {
			add(title+" USC "+sec, title+" U.S.C. "+sec, "Title "+title+", Section "+sec, "section "+sec+" of title "+title)
		}
		add(stateAliases(norm)...)
	case Court:
		if c, ok := courtRulesOnce().byID[norm]; ok {
			add(c.Short, c.Name)
			switch c.Level {
			case "district":
				place := "District of " + c.State
				if c.District != "" {
					place = c.District + " " + place
				}
				// and as PACER heads its dockets: "California Northern District"
				add(place, strings.TrimSpace(c.State+" "+c.District)+" District")
			case "appeals":
				add(c.Circuit + " Circuit")
			}
		}
		db := courtDBOnce()
		if i, ok := db.byID[norm]; ok {
			add(db.courts[i].Cite, db.courts[i].Name)
		}
	}
	return out
}

// uscParts splits "18 U.S.C. § 1591" into "18" and "1591".
func uscParts(norm string) (title, section string, ok bool) {
	title, section, ok = strings.Cut(norm, " U.S.C. § ")
	return title, section, ok && title != "" && section != ""
}

// Linked returns the statutes that a statute is, belongs to or goes with:
// an act and its public law, bill and Statutes at Large page (FOSTA <->
// Pub. L. 115-164 <-> H.R. 1865 <-> 132 Stat. 1253), an act and the
// sections it made or amended (FOSTA -> 18 U.S.C. § 2421A), Section 230 and
// the Communications Decency Act. norm may be any value NormalizeStatute
// accepts.
func Linked(norm string) []string {
	if n, ok := NormalizeStatute(norm); ok {
		norm = n
	}
	var out []string
	add := func(xs ...string) {
		for _, x := range xs {
			if x != norm && !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	for _, a := range statuteRulesOnce().acts {
		switch {
		case a.norm == norm:
			for _, p := range a.publicLaws {
				add("Pub. L. " + p)
			}
			add(a.bills...)
			add(a.stats...)
			add(a.links...)
		case slices.Contains(a.links, norm):
			add(a.norm)
		}
	}
	return out
}

// SuggestStatute returns the n canonical statutes closest to s, for an
// error message that names what a user may have meant. Closeness is an
// edit distance over the canonical values and all their aliases, on
// folded text (case, punctuation and "§" ignored), with a bonus when one
// contains the other; each canonical value is offered once.
func SuggestStatute(s string, n int) []string {
	r := statuteRulesOnce()
	var cands []candidate
	for _, a := range r.acts {
		cands = append(cands, candidate{a.norm, a.norm})
		for _, x := range Aliases(Statute, a.norm) {
			cands = append(cands, candidate{a.norm, x})
		}
	}
	for _, sec := range commonSections {
		cands = append(cands, candidate{sec, sec})
		for _, x := range Aliases(Statute, sec) {
			cands = append(cands, candidate{sec, x})
		}
	}
	return suggest(s, n, cands, func(norm string) string { return norm })
}

// SuggestCourt returns the n courts closest to s, each written as its id
// and display name ("ilnd (N.D. Ill.)"), by the measure of SuggestStatute
// over court ids, short names and full names, the federal courts first on
// a tie.
func SuggestCourt(s string, n int) []string {
	var cands []candidate
	fed := courtRulesOnce()
	for id, c := range fed.byID {
		cands = append(cands, candidate{id, id}, candidate{id, c.Short}, candidate{id, c.Name})
		for _, x := range Aliases(Court, id) {
			cands = append(cands, candidate{id, x})
		}
	}
	for _, c := range courtDBOnce().courts {
		if _, ok := fed.byID[c.ID]; ok {
			continue
		}
		cands = append(cands, candidate{c.ID, c.ID}, candidate{c.ID, c.Name})
		if c.Cite != "" {
			cands = append(cands, candidate{c.ID, c.Cite})
		}
	}
	slices.SortStableFunc(cands, func(a, b candidate) int {
		_, fa := fed.byID[a.norm]
		_, fb := fed.byID[b.norm]
		switch {
		case fa && !fb:
			return -1
		case fb && !fa:
			return 1
		}
		return strings.Compare(a.norm, b.norm)
	})
	return suggest(s, n, cands, func(id string) string {
		if name := CourtName(id); name != "" {
			return id + " (" + name + ")"
		}
		return id
	})
}

type candidate struct{ norm, text string }

func suggest(s string, n int, cands []candidate, show func(string) string) []string {
	if n <= 0 {
		return nil
	}
	q := fold(s)
	best := map[string]float64{}
	var order []string
	for _, c := range cands {
		d := distance(q, fold(c.text))
		if old, ok := best[c.norm]; !ok {
			best[c.norm] = d
			order = append(order, c.norm)
		} else if d < old {
			best[c.norm] = d
		}
	}
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(best[a], best[b]) })
	var out []string
	for _, norm := range order[:min(n, len(order))] {
		out = append(out, show(norm))
	}
	return out
}

// fold lower-cases s and keeps letters and digits, one space between words.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// distance is the edit distance of a and b relative to the longer, halved
// when one contains the other ("230" and "47 usc 230"), in [0, 1].
func distance(a, b string) float64 {
	if a == b {
		return 0
	}
	ra, rb := []rune(a), []rune(b)
	l := max(len(ra), len(rb))
	if l == 0 {
		return 0
	}
	d := float64(levenshtein(ra, rb)) / float64(l)
	if a != "" && b != "" && (strings.Contains(a, b) || strings.Contains(b, a)) {
		d /= 2
	}
	return d
}

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
