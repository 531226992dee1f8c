package search

import (
	"cmp"
	"strconv"
	"strings"
)

// A Node is one node of a parsed query. The concrete types are Term, Phrase,
// And, Or, Not, Near and MatchAll. Parse returns them as values, never as
// pointers, so a type switch on the value types covers every case.
type Node interface{ node() }

// A Term matches one word.
type Term struct {
	Field  string // "" for the default text fields; otherwise a field name such as "court"
	Text   string // the word as typed, without its field prefix, "*" or "~"
	Prefix bool   // liab*: any word that starts with Text
	Fuzzy  int    // 0 for an exact word; 1 or 2 for at most that many edits (word~, word~2)
	Pos    int    // 1-based rune position in the query where the term (or its field prefix) starts
}

// A Phrase matches words in sequence.
type Phrase struct {
	Field string // "" for the default text fields
	Text  string // the words between the quotes, as typed
	Slop  int    // "a b"~5: how far the words may move apart; 0 for an exact phrase
	Pos   int    // 1-based rune position of the opening quote (or of the field prefix)
}

// An And matches documents that match every child. A child that is a Not
// excludes; Parse never builds an And whose children are all Nots without
// putting MatchAll first, so the exclusions have something to exclude from.
type And struct{ Children []Node }

// An Or matches documents that match any child.
type Or struct{ Children []Node }

// A Not matches documents that do not match Child. In a tree from Parse a
// Not is always a child of an And, so a translation can treat Nots as the
// must-not clauses of a boolean query; see And.
type Not struct{ Child Node }

// A Near matches documents where Left and Right occur close together: within
// Distance words in either order (Unit "word"), or in the same sentence or
// paragraph (Distance 0).
type Near struct {
	Left, Right Node
	Distance    int
	Unit        string // UnitWord, UnitSentence or UnitParagraph
}

// MatchAll matches every document: it is the empty query.
type MatchAll struct{}

// A Range matches documents dated From to To, both inclusive, as
// YYYY-MM-DD; an empty bound is open. Parse normalises every spelling of a
// range ([2018 TO 2021], year:{2017 TO 2022}, dateFiled:[2018-01-01T00:00:00Z
// TO *]) to this one.
type Range struct {
	From, To string
	Pos      int // 1-based rune position of the range (or of its field prefix)
}

// The units of Near, spelled as the lead's translation and `explain` show them.
const (
	UnitWord      = "word"      // a w/5 b
	UnitSentence  = "sentence"  // a /s b
	UnitParagraph = "paragraph" // a /p b
)

func (Term) node()     {}
func (Phrase) node()   {}
func (And) node()      {}
func (Or) node()       {}
func (Not) node()      {}
func (Near) node()     {}
func (MatchAll) node() {}
func (Range) node()    {}

// String returns the term in canonical query syntax; see Format.
func (t Term) String() string { return Format(t) }

// String returns the phrase in canonical query syntax; see Format.
func (p Phrase) String() string { return Format(p) }

// String returns the conjunction in canonical query syntax; see Format.
func (a And) String() string { return Format(a) }

// String returns the disjunction in canonical query syntax; see Format.
func (o Or) String() string { return Format(o) }

// String returns the negation in canonical query syntax; see Format.
func (n Not) String() string { return Format(n) }

// String returns the proximity search in canonical query syntax; see Format.
func (n Near) String() string { return Format(n) }

// String returns the range in canonical query syntax; see Format.
func (r Range) String() string { return Format(r) }

// String returns "", the empty query, which is how MatchAll is written.
func (m MatchAll) String() string { return Format(m) }

// Binding strength of each node when printed, weakest first; a child weaker
// than its context needs parentheses. It mirrors the grammar in parse.go.
const (
	precOr = iota + 1
	precAnd
	precNot
	precNear
	precPrimary
)

func precedence(n Node) int {
	switch n.(type) {
	case Or:
		return precOr
	case And:
		return precAnd
	case Not:
		return precNot
	case Near:
		return precNear
	}
	return precPrimary
}

// Format prints n in canonical query syntax: single spaces, AND implied,
// "-" for NOT, "~" for fuzzy 1, parentheses only where precedence needs
// them. For every tree Parse returns, Parse(Format(n)) returns the same
// tree apart from Pos (positions move when spacing changes), which makes
// Format suitable for tests, logs and explaining a query back to its
// author. MatchAll prints as "" and, inside an And, not at all, because
// Parse restores it when only exclusions remain.
func Format(n Node) string {
	var b strings.Builder
	format(&b, n, precOr)
	return b.String()
}

func format(b *strings.Builder, n Node, min int) {
	if precedence(n) < min {
		b.WriteByte('(')
		format(b, n, precOr)
		b.WriteByte(')')
		return
	}
	switch n := n.(type) {
	case MatchAll:
	case Term:
		if n.Field != "" {
			b.WriteString(n.Field)
			b.WriteByte(':')
		}
		b.WriteString(n.Text)
		if n.Prefix {
			b.WriteByte('*')
		}
		switch {
		case n.Fuzzy == 1:
			b.WriteByte('~')
		case n.Fuzzy > 1:
			b.WriteByte('~')
			b.WriteString(strconv.Itoa(n.Fuzzy))
		}
	case Phrase:
		if n.Field != "" {
			b.WriteString(n.Field)
			b.WriteByte(':')
		}
		b.WriteByte('"')
		b.WriteString(n.Text)
		b.WriteByte('"')
		if n.Slop > 0 {
			b.WriteByte('~')
			b.WriteString(strconv.Itoa(n.Slop))
		}
	case And:
		first := true
		for _, c := range n.Children {
			if _, ok := c.(MatchAll); ok {
				continue
			}
			if !first {
				b.WriteByte(' ')
			}
			first = false
			format(b, c, precNot)
		}
	case Or:
		for i, c := range n.Children {
			if i > 0 {
				b.WriteString(" OR ")
			}
			format(b, c, precAnd)
		}
	case Not:
		// "-a w/5 b" already negates the whole proximity search (see
		// parseUnary), so a Near child needs no parentheses; adding them
		// would cost a nesting level that Parse counts against MaxQueryDepth.
		b.WriteByte('-')
		format(b, n.Child, precNear)
	case Range:
		b.WriteString("date:[")
		b.WriteString(cmp.Or(n.From, "*"))
		b.WriteString(" TO ")
		b.WriteString(cmp.Or(n.To, "*"))
		b.WriteByte(']')
	case Near:
		format(b, n.Left, precNear) // connectors group to the left
		switch n.Unit {
		case UnitSentence:
			b.WriteString(" /s ")
		case UnitParagraph:
			b.WriteString(" /p ")
		default:
			b.WriteString(" w/")
			b.WriteString(strconv.Itoa(n.Distance))
			b.WriteByte(' ')
		}
		format(b, n.Right, precPrimary)
	}
}
