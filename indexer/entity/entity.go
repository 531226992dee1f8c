package entity

import (
	"cmp"
	"slices"
)

// Kind is the kind of an entity; each kind is also a facet name.
type Kind string

// The entity kinds.
const (
	Statute  Kind = "statute"
	Citation Kind = "citation" // a cited case
	Court    Kind = "court"
	Party    Kind = "party"
	Judge    Kind = "judge"
	Docket   Kind = "docket"
	Date     Kind = "date"
)

// Roles a Mention can carry.
const (
	RoleDeciding  = "deciding"  // Court: the court that decided or holds the document
	RoleCited     = "cited"     // Court: a court merely named in a citation
	RolePlaintiff = "plaintiff" // Party
	RoleDefendant = "defendant" // Party
	RoleDocument  = "document"  // Date, Docket: the document's own date (decided, filed, published) or case number
)

// A Mention is one entity found in a text. Start and End are byte offsets
// into the text given to Tag, so text[m.Start:m.End] == m.Text always holds.
type Mention struct {
	Kind  Kind   `json:"kind"`
	Text  string `json:"text"`           // as written: "18 U.S.C. § 1591(a)(1)"
	Norm  string `json:"norm"`           // canonical, the facet value: "18 U.S.C. § 1591"
	Role  string `json:"role,omitempty"` // see the Role constants
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Cite holds what a case citation says beyond its norm; nil for
	// other kinds.
	Cite *Cite `json:"cite,omitempty"`
}

// Cite is the detail of a case citation. A short form ("Twombly, 550 U.S.
// at 545", "Id. at 1175", "Twombly, supra") has Short set and the Norm of
// the full citation it refers to, so facets count the case once.
type Cite struct {
	Volume   string `json:"volume,omitempty"`
	Reporter string `json:"reporter"`        // the edition as reporters-db names it: "F.3d"
	Page     string `json:"page,omitempty"`  // first page
	Pin      string `json:"pin,omitempty"`   // pinpoint page: "671", "*4"
	Court    string `json:"court,omitempty"` // court id from the parenthetical: "ca7"
	Year     int    `json:"year,omitempty"`
	CaseName string `json:"case_name,omitempty"` // "Doe v. GTE Corp."
	Short    bool   `json:"short,omitempty"`
}

// A Tagger finds entities in text. Taggers are pure (no I/O, deterministic)
// and safe for concurrent use.
type Tagger interface {
	Tag(text string) []Mention
}

// Taggers runs several taggers and returns their mentions ordered by Start.
type Taggers []Tagger

// Tag runs every tagger on text.
func (ts Taggers) Tag(text string) []Mention {
	var all []Mention
	if len(ts) == 1 && isEvery(ts[0]) {
		all = ts[0].Tag(text) // Default: a slice of its own, not copied again
	} else {
		for _, t := range ts {
			all = append(all, t.Tag(text)...)
		}
	}
	slices.SortStableFunc(all, func(a, b Mention) int { return cmp.Compare(a.Start, b.Start) })
	return all
}

// isEvery reports whether t is Default's tagger.
func isEvery(t Tagger) bool {
	_, ok := t.(everyTagger)
	return ok
}
