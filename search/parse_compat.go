package search

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The query syntax of other engines, for the people who arrive with it:
// CourtListener's and Solr's field names, Lucene's ranges, and the syntax
// we refuse with a message that says what to type instead (see Parse).

// fieldAlias returns the field a name stands for, in lower case: the names
// CourtListener's and Solr's users type map to ours; the rest, lowered,
// are checked against fieldNames by the caller.
func fieldAlias(name string) string {
	switch f := strings.ToLower(name); f {
	case "casename", "case_name", "case":
		return "title"
	case "court_id":
		return "court"
	case "docketnumber", "docket_number":
		return "docket"
	case "datefiled", "date_filed", "filed", "decided":
		return "date"
	default:
		return f
	}
}

// unsupported reports the query syntax of other engines that lexsearch
// does not read, with what to write instead: searching for it silently
// would give a wrong answer.
func unsupported(word []rune, pos int) error {
	w := string(word)
	switch {
	case strings.HasPrefix(w, "_exists_:") || strings.HasPrefix(w, "_missing_:"):
		return &ParseError{
			Pos:  pos,
			Msg:  fmt.Sprintf("%s is not supported", w[:strings.IndexByte(w, ':')+1]),
			Hint: "to keep documents that have a value, filter by it (court=ilnd, statute=...) or list the values with /entities/court",
		}
	case strings.Contains(w, "://"):
		return nil // a pasted URL: its ? and ^ are part of it
	}
	if i := slices.Index(word, '^'); i >= 0 {
		return &ParseError{
			Pos:  pos + i,
			Msg:  `boosts ("^") are not supported`,
			Hint: "remove the ^ and its number; title matches and words close together already rank first",
		}
	}
	if i := slices.Index(word, '?'); i >= 0 {
		return &ParseError{
			Pos:  pos + i,
			Msg:  `"?" is not a wildcard here`,
			Hint: "use a trailing * for any ending (liab*) or ~ for spelling variants (woman~); leave a question mark out",
		}
	}
	return nil
}

// scanRange reads a range whose token starts at start and whose opening
// bracket is at q[open]: [A TO B] includes its bounds, {A TO B} excludes
// them, and a bound is *, a year, or a date (YYYY-MM-DD, optionally with
// CourtListener's time of day, or MM/DD/YYYY).
func (p *parser) scanRange(start, open int) (token, error) {
	q := p.q
	closing := ']'
	if q[open] == '{' {
		closing = '}'
	}
	end := -1
	for j := open + 1; j < len(q); j++ {
		if q[j] == ']' || q[j] == '}' {
			end = j
			break
		}
	}
	const hint = "write [2018 TO 2021] or [2018-01-01 TO 2021-06-30]; * leaves an end open"
	if end < 0 {
		return token{}, &ParseError{Pos: open + 1, Msg: fmt.Sprintf("unbalanced %q", q[open]), Hint: fmt.Sprintf("close the range with %q", closing)}
	}
	if q[end] != closing {
		return token{}, &ParseError{Pos: end + 1, Msg: fmt.Sprintf("a range opened with %q must close with %q", q[open], closing), Hint: hint}
	}
	p.i = end + 1
	if p.i < len(q) && !isDelim(q[p.i]) {
		return token{}, &ParseError{Pos: p.i + 1, Msg: "expected a space after the range", Hint: hint}
	}
	parts := strings.Fields(string(q[open+1 : end]))
	if len(parts) != 3 || !strings.EqualFold(parts[1], "TO") {
		return token{}, &ParseError{Pos: open + 1, Msg: "a range is two bounds with TO between them", Hint: hint}
	}
	inclusive := q[open] == '['
	from, ok1 := rangeBound(parts[0], false, inclusive)
	to, ok2 := rangeBound(parts[2], true, inclusive)
	switch {
	case !ok1:
		return token{}, &ParseError{Pos: open + 1, Msg: fmt.Sprintf("%q is not a year or a date", parts[0]), Hint: hint}
	case !ok2:
		return token{}, &ParseError{Pos: open + 1, Msg: fmt.Sprintf("%q is not a year or a date", parts[2]), Hint: hint}
	case from != "" && to != "" && from > to:
		return token{}, &ParseError{Pos: open + 1, Msg: fmt.Sprintf("the range %s TO %s is empty", parts[0], parts[2]), Hint: "put the earlier bound first"}
	}
	r := Range{From: from, To: to, Pos: start + 1}
	return token{kind: tokTerm, pos: start + 1, text: string(q[start:p.i]), node: r}, nil
}

// rangeBound turns one bound of a range into an inclusive YYYY-MM-DD day:
// a year is its first day as a lower bound and its last as an upper one,
// and an exclusive bound moves past the year or day it names. "*" is "".
func rangeBound(s string, upper, inclusive bool) (string, bool) {
	if s == "*" {
		return "", true
	}
	if len(s) == 4 {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1000 {
			return "", false
		}
		switch {
		case !upper && inclusive:
			return fmt.Sprintf("%04d-01-01", y), true
		case !upper:
			return fmt.Sprintf("%04d-01-01", y+1), true
		case inclusive:
			return fmt.Sprintf("%04d-12-31", y), true
		default:
			return fmt.Sprintf("%04d-12-31", y-1), true
		}
	}
	var t time.Time
	var err error
	switch {
	case strings.Contains(s, "/"):
		t, err = time.Parse("01/02/2006", s)
	case len(s) > 10:
		t, err = time.Parse(time.RFC3339, s)
	default:
		t, err = time.Parse(time.DateOnly, s)
	}
	if err != nil || t.Year() < 1000 || t.Year() > 9999 {
		return "", false
	}
	if !inclusive {
		if upper {
			t = t.AddDate(0, 0, -1)
		} else {
			t = t.AddDate(0, 0, 1)
		}
	}
	return t.Format(time.DateOnly), true
}
