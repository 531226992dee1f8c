package search

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The grammar, with precedence from loosest to tightest (OR, AND, NOT,
// proximity). Tokens are separated by white space; "(", ")" and '"' also end
// a word.
//
//	query    = [ or ] .
//	or       = and { "OR" and } .
//	and      = unary { [ "AND" ] unary } .                 (no AND: implied)
//	unary    = ( "NOT" | "-" | "+" ) unary | near .
//	near     = primary { connector primary } .             (groups to the left)
//	primary  = term | phrase | range | "(" or ")" .
//	connector= ( "w" | "W" ) "/" digits | "/s" | "/S" | "/p" | "/P" .
//	term     = [ field ":" ] word [ "*" | "~" [ "1" | "2" ] ] .
//	phrase   = [ field ":" ] '"' { any rune but '"' } '"' [ "~" digits ] .
//	range    = [ ( "year" | "date" ) ":" ] ( "[" | "{" ) bound "TO" bound ( "]" | "}" ) .
//	bound    = "*" | year | date .                          ([ ] inclusive, { } exclusive)
//	field    = "title" | "statute" | "court" | "party" | "judge" | "type"
//	         | "docket" | "citation" | "lang" | "year" .    (any letter case)
//	word     = { any rune but space, "(", ")", '"', "*", "~" } .
//
// Nothing inside a term or phrase is separated by space. "-" and "+" are
// operators only at the start of a token and must touch their operand
// ("case-summary" is one word, "a - b" an error). AND, OR and NOT are
// operators only in upper case; a word that is exactly AND, OR, NOT, w/N,
// /s or /p is an operator, so quote it to search for it. For people coming
// from CourtListener and Westlaw, "&" and "&&" are AND, "||" is OR and "%"
// is NOT (CourtListener's "but not"), each standing alone; their field
// names caseName, court_id, docketNumber and dateFiled are aliases of
// title, court, docket and date. Lucene syntax we do not support (boosts
// "^", the "?" wildcard, _exists_:) is an error that says what to type.

// Limits on a query, so that hostile input costs little: a query is parsed
// in one pass, and recursion is bounded by MaxQueryDepth.
const (
	// MaxQueryRunes is the longest query Parse accepts, in characters. Real
	// queries, even pasted Westlaw searches, stay well under it.
	MaxQueryRunes = 1000
	// MaxQueryDepth is how deeply parentheses and NOT/-/+ may nest.
	MaxQueryDepth = 32

	maxDistance = 255 // w/N and "..."~N; Westlaw's own ceiling for w/N
	maxFuzzy    = 2   // bleve's ceiling; beyond 2 edits nearly every short word matches
)

// fieldNames lists the field prefixes a query may use, sorted for the error
// message. They are the user-facing syntax, a contract of their own, so they
// are spelled out here rather than taken from corpus.Field*: renaming an
// index field must not silently change what users can type.
func fieldNames() []string {
	return []string{"citation", "court", "docket", "judge", "lang", "party", "statute", "title", "type", "year"}
}

// A ParseError reports a query that Parse cannot accept. Its text is written
// for the person who typed the query and is safe to show them.
type ParseError struct {
	Pos  int    // 1-based rune position of the problem; len(query)+1 means "at the end"
	Msg  string // what is wrong, e.g. `unmatched ")"`
	Hint string // how to fix it, e.g. the list of known fields; may be empty
}

// Error returns Msg, the position and the hint as one sentence, e.g.
// `unknown field "foo" at character 1 (known fields: citation, court, ...)`.
func (e *ParseError) Error() string {
	s := e.Msg + " at character " + strconv.Itoa(e.Pos)
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Parse turns a user query into a tree. The syntax:
//
//	beneficiary liability            both words (AND is implied)
//	"beneficiary liability"          the phrase; "…"~5 lets the words be up to 5 apart
//	a OR b, a AND b, NOT a, -a, +a   upper case only; "or" is a word; + changes nothing
//	(a OR b) c                       grouping; NOT binds tighter than AND, AND than OR
//	court:ilnd  title:"a b"          one word or phrase in a field: citation, court,
//	                                 docket, judge, lang, party, statute, title, type, year
//	liab*  liability~  liability~2   prefix; fuzzy with at most 1 or 2 edits
//	a w/5 b  a /s b  a /p b          within 5 words, the same sentence, the same paragraph
//
// Proximity binds tightest: -a w/5 b excludes documents with a near b.
//
// An empty or blank query is MatchAll. A query of only exclusions ("-dicta")
// is And{MatchAll, Not...}: everything except. A colon makes a field only
// after a name of letters: "12:30" and "1:20-cv-02335" are words. A name of
// letters that is not a field is an error ("foo:bar"), so a typo in a field
// name is reported rather than searched as a word, except where it cannot be
// a field: a URL ("http://x") or a bare "Held:" before a space are words.
// Parentheses always group, so write "§ 1591(a)" in quotes. A phrase cannot
// contain a double quote.
//
// Invalid UTF-8 is read as U+FFFD. Errors are *ParseError.
func Parse(q string) (Node, error) {
	if n := utf8.RuneCountInString(q); n > MaxQueryRunes {
		return nil, &ParseError{
			Pos:  MaxQueryRunes + 1,
			Msg:  "query is too long",
			Hint: fmt.Sprintf("%d characters; the limit is %d", n, MaxQueryRunes),
		}
	}
	p := &parser{q: []rune(q)}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tokEOF {
		return MatchAll{}, nil
	}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	// parseOr stops only at EOF or at a ")" that closes nothing: every other
	// token either starts an operand or is an operator it consumes.
	switch p.tok.kind {
	case tokEOF:
	case tokRParen:
		return nil, &ParseError{Pos: p.tok.pos, Msg: `unmatched ")"`}
	default:
		return nil, &ParseError{Pos: p.tok.pos, Msg: "unexpected " + p.tok.name()}
	}
	return n, nil
}

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokTerm
	tokPhrase
	tokLParen
	tokRParen
	tokAnd
	tokOr
	tokNot
	tokPlus
	tokMinus
	tokNear
)

type token struct {
	kind tokenKind
	pos  int    // 1-based rune position
	text string // as typed, for messages
	node Node   // tokTerm, tokPhrase
	dist int    // tokNear
	unit string // tokNear
}

// name is how an error message refers to an operator token.
func (t token) name() string {
	switch t.kind {
	case tokPlus, tokMinus:
		return strconv.Quote(t.text)
	case tokRParen:
		return `")"`
	}
	return t.text
}

// A parser reads the query left to right with one token of lookahead, so
// errors are reported at the first problem a reader would meet.
type parser struct {
	q     []rune
	i     int   // index in q of the next rune to scan
	tok   token // the lookahead token
	depth int   // open parentheses and unary operators, bounded by MaxQueryDepth
}

func (p *parser) advance() error {
	t, err := p.scan()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func startsOperand(k tokenKind) bool {
	switch k {
	case tokTerm, tokPhrase, tokLParen, tokNot, tokPlus, tokMinus:
		return true
	}
	return false
}

func startsPrimary(k tokenKind) bool {
	return k == tokTerm || k == tokPhrase || k == tokLParen
}

func errAfter(op token) error {
	return &ParseError{Pos: op.pos, Msg: "expected a word, phrase or group after " + op.name()}
}

func (p *parser) parseOr() (Node, error) {
	n, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	children := []Node{n}
	for p.tok.kind == tokOr {
		op := p.tok
		if err := p.advance(); err != nil {
			return nil, err
		}
		if !startsOperand(p.tok.kind) {
			return nil, errAfter(op)
		}
		n, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		children = append(children, n)
	}
	return newOr(children), nil
}

func (p *parser) parseAnd() (Node, error) {
	var children []Node
	for {
		switch {
		case len(children) > 0 && p.tok.kind == tokAnd:
			op := p.tok
			if err := p.advance(); err != nil {
				return nil, err
			}
			if !startsOperand(p.tok.kind) {
				return nil, errAfter(op)
			}
		case len(children) == 0 || startsOperand(p.tok.kind):
		default:
			return newAnd(children), nil
		}
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		children = append(children, n)
	}
}

// parseUnary reads NOT, - and +. They apply to a whole proximity search, so
// "-a w/5 b" excludes documents with a near b: a Near of an exclusion would
// mean nothing.
func (p *parser) parseUnary() (Node, error) {
	switch op := p.tok; op.kind {
	case tokNot, tokPlus, tokMinus:
		if err := p.enter(op); err != nil {
			return nil, err
		}
		defer p.leave()
		if err := p.advance(); err != nil {
			return nil, err
		}
		if !startsOperand(p.tok.kind) {
			return nil, errAfter(op)
		}
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		if op.kind == tokPlus {
			// Words are required already (AND is implied); + is
			// accepted for people used to Google and Lucene.
			return n, nil
		}
		return newNot(n), nil
	}
	return p.parseNear()
}

func (p *parser) parseNear() (Node, error) {
	left, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tokNear {
		op := p.tok
		if err := p.advance(); err != nil {
			return nil, err
		}
		if !startsPrimary(p.tok.kind) {
			return nil, errAfter(op)
		}
		right, err := p.parsePrimary()
		if err != nil {
			return nil, err
		}
		left = Near{Left: left, Right: right, Distance: op.dist, Unit: op.unit}
	}
	return left, nil
}

func (p *parser) parsePrimary() (Node, error) {
	t := p.tok
	switch t.kind {
	case tokTerm, tokPhrase:
		if err := p.advance(); err != nil {
			return nil, err
		}
		return t.node, nil
	case tokLParen:
		if err := p.enter(t); err != nil {
			return nil, err
		}
		defer p.leave()
		if err := p.advance(); err != nil {
			return nil, err
		}
		switch p.tok.kind {
		case tokRParen:
			return nil, &ParseError{Pos: t.pos, Msg: `empty parentheses "()"`, Hint: "put words inside or remove them"}
		case tokEOF:
			return nil, &ParseError{Pos: t.pos, Msg: `unmatched "("`, Hint: `add a ")" to close it`}
		}
		n, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tokRParen {
			return nil, &ParseError{Pos: t.pos, Msg: `unmatched "("`, Hint: `add a ")" to close it`}
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		return n, nil
	case tokRParen:
		return nil, &ParseError{Pos: t.pos, Msg: `unmatched ")"`}
	case tokEOF: // unreachable: callers check first, so messages can name the operator
		return nil, &ParseError{Pos: t.pos, Msg: "expected a word, phrase or group"}
	}
	return nil, &ParseError{Pos: t.pos, Msg: "expected a word, phrase or group before " + t.name()}
}

func (p *parser) enter(t token) error {
	p.depth++
	if p.depth > MaxQueryDepth {
		return &ParseError{
			Pos:  t.pos,
			Msg:  "query is nested too deeply",
			Hint: fmt.Sprintf("the limit is %d levels of parentheses and NOT", MaxQueryDepth),
		}
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// newAnd simplifies as it builds: nested Ands flatten (AND is associative),
// one child is that child, and exclusions alone exclude from MatchAll.
func newAnd(children []Node) Node {
	var kept []Node
	positive := false
	for _, c := range children {
		grand := []Node{c}
		if a, ok := c.(And); ok {
			grand = a.Children
		}
		for _, g := range grand {
			switch g.(type) {
			case MatchAll:
				continue // implied by any other clause; re-added below if needed
			case Not:
			default:
				positive = true
			}
			kept = append(kept, g)
		}
	}
	if !positive && len(kept) > 0 {
		kept = slices.Insert(kept, 0, Node(MatchAll{}))
	}
	switch len(kept) {
	case 0:
		return MatchAll{}
	case 1:
		return kept[0]
	}
	return And{Children: kept}
}

// newOr flattens nested Ors and unwraps a single child.
func newOr(children []Node) Node {
	var kept []Node
	for _, c := range children {
		if o, ok := c.(Or); ok {
			kept = append(kept, o.Children...)
		} else {
			kept = append(kept, c)
		}
	}
	if len(kept) == 1 {
		return kept[0]
	}
	return Or{Children: kept}
}

// newNot cancels double negation: NOT -a is a, and -(-a -b), everything
// except what has neither, is a OR b. Format relies on this, since it
// cannot print Not{Not{a}} in a form that parses back to it.
func newNot(n Node) Node {
	switch n := n.(type) {
	case Not:
		return n.Child
	case And:
		if len(n.Children) > 1 && n.Children[0] == Node(MatchAll{}) {
			alts := make([]Node, 0, len(n.Children)-1)
			for _, c := range n.Children[1:] {
				if not, ok := c.(Not); ok {
					alts = append(alts, not.Child)
				}
			}
			if len(alts) == len(n.Children)-1 {
				return newOr(alts)
			}
		}
	}
	return Not{Child: n}
}

func isDelim(r rune) bool {
	return r == '(' || r == ')' || r == '"' || unicode.IsSpace(r)
}

// scan reads the next token.
func (p *parser) scan() (token, error) {
	q := p.q
	for p.i < len(q) && unicode.IsSpace(q[p.i]) {
		p.i++
	}
	start := p.i
	pos := start + 1
	if start == len(q) {
		return token{kind: tokEOF, pos: pos}, nil
	}
	switch r := q[start]; r {
	case '(':
		p.i++
		return token{kind: tokLParen, pos: pos, text: "("}, nil
	case ')':
		p.i++
		return token{kind: tokRParen, pos: pos, text: ")"}, nil
	case '"':
		return p.scanPhrase("", start, start)
	case '+', '-':
		p.i++
		t := token{kind: tokPlus, pos: pos, text: string(r)}
		if r == '-' {
			t.kind = tokMinus
		}
		if p.i == len(q) || unicode.IsSpace(q[p.i]) || q[p.i] == ')' {
			return token{}, errAfter(t) // "a - b": a dash, not an exclusion
		}
		return t, nil
	}
	for p.i < len(q) && !isDelim(q[p.i]) {
		p.i++
	}
	word := q[start:p.i]
	switch s := string(word); s {
	case "AND", "&", "&&":
		return token{kind: tokAnd, pos: pos, text: s}, nil
	case "OR", "||":
		return token{kind: tokOr, pos: pos, text: s}, nil
	case "NOT", "%":
		return token{kind: tokNot, pos: pos, text: s}, nil
	}
	if r := word[0]; r == '[' || r == '{' {
		return p.scanRange(start, start)
	}
	if err := unsupported(word, pos); err != nil {
		return token{}, err
	}
	if t, ok, err := connector(word, pos); ok || err != nil {
		return t, err
	}
	if colon := slices.Index(word, ':'); colon > 0 && isFieldName(word[:colon]) {
		name, rest := string(word[:colon]), word[colon+1:]
		field := fieldAlias(name)
		var next rune // the rune right after the word, 0 at the end
		if p.i < len(q) {
			next = q[p.i]
		}
		switch {
		case (field == "year" || field == "date") && len(rest) > 0 && (rest[0] == '[' || rest[0] == '{'):
			return p.scanRange(start, start+colon+1)
		case field == "date":
			return token{}, &ParseError{
				Pos:  pos,
				Msg:  fmt.Sprintf("%s: takes a range of dates", name),
				Hint: "write date:[2018-01-01 TO 2021-06-30], or year:2019 for one year",
			}
		case len(rest) > 0 && (rest[0] == '[' || rest[0] == '{'):
			return token{}, &ParseError{
				Pos:  pos + colon + 1,
				Msg:  fmt.Sprintf("a range works on dates and years, not on %s:", name),
				Hint: "write year:[2018 TO 2021] or date:[2018-01-01 TO 2021-06-30]",
			}
		case slices.Contains(fieldNames(), field) && len(rest) > 0:
			return p.scanTerm(field, start, start+colon+1)
		case slices.Contains(fieldNames(), field) && next == '"':
			return p.scanPhrase(field, start, p.i)
		case slices.Contains(fieldNames(), field) && next == '(':
			return token{}, &ParseError{
				Pos:  pos,
				Msg:  fmt.Sprintf("a field cannot apply to a group (%s:(...))", name),
				Hint: fmt.Sprintf("write (%s:a OR %s:b) instead", field, field),
			}
		case slices.Contains(fieldNames(), field):
			return token{}, &ParseError{
				Pos:  pos,
				Msg:  fmt.Sprintf("expected a value after %q", name+":"),
				Hint: fmt.Sprintf(`write %s:word or %s:"some words", with no space after the colon`, field, field),
			}
		case len(rest) == 0 && next != '"' && next != '(':
			// "Held: ..." pasted from an opinion: a word, not a field.
		case len(rest) >= 2 && rest[0] == '/' && rest[1] == '/':
			// A URL such as http://x: a word, not a field.
		default:
			return token{}, &ParseError{
				Pos:  pos,
				Msg:  fmt.Sprintf("unknown field %q", name),
				Hint: "known fields: " + strings.Join(fieldNames(), ", "),
			}
		}
	}
	return p.scanTerm("", start, start)
}

// connector recognises w/N, /s and /p. It reports ok=false for any other word.
func connector(w []rune, pos int) (token, bool, error) {
	t := token{kind: tokNear, pos: pos, text: string(w)}
	switch {
	case len(w) == 2 && w[0] == '/' && (w[1] == 's' || w[1] == 'S'):
		t.unit = UnitSentence
		return t, true, nil
	case len(w) == 2 && w[0] == '/' && (w[1] == 'p' || w[1] == 'P'):
		t.unit = UnitParagraph
		return t, true, nil
	case len(w) >= 3 && (w[0] == 'w' || w[0] == 'W') && w[1] == '/':
		n, ok := number(w[2:])
		if !ok {
			return token{}, false, nil // "w/o" is a word
		}
		if n < 1 || n > maxDistance {
			return token{}, false, &ParseError{
				Pos:  pos,
				Msg:  fmt.Sprintf("proximity %s is out of range", t.text),
				Hint: fmt.Sprintf("use w/1 to w/%d", maxDistance),
			}
		}
		t.unit, t.dist = UnitWord, n
		return t, true, nil
	}
	return token{}, false, nil
}

// scanTerm finishes a word that started at start and whose text (after any
// field prefix) starts at off; p.i is already past its end.
func (p *parser) scanTerm(field string, start, off int) (token, error) {
	text := p.q[off:p.i]
	t := Term{Field: field, Pos: start + 1}
	if j := slices.Index(text, '~'); j >= 0 {
		at := off + j + 1
		n, ok := number(text[j+1:])
		switch {
		case j == 0:
			return token{}, &ParseError{Pos: at, Msg: `expected a word before "~"`}
		case j == len(text)-1:
			t.Fuzzy = 1
		case !ok:
			return token{}, &ParseError{
				Pos:  at,
				Msg:  `"~" must end a word, optionally followed by 1 or 2`,
				Hint: "as in liability~ or liability~2",
			}
		case n < 1 || n > maxFuzzy:
			return token{}, &ParseError{
				Pos:  at,
				Msg:  fmt.Sprintf("fuzzy distance ~%s is out of range", string(text[j+1:])),
				Hint: fmt.Sprintf("use ~1 to ~%d", maxFuzzy),
			}
		default:
			t.Fuzzy = n
		}
		text = text[:j]
	}
	if k := slices.Index(text, '*'); k >= 0 {
		const hint = "only a trailing * is supported, as in liab*"
		at := off + k + 1
		switch {
		case k == 0:
			return token{}, &ParseError{Pos: at, Msg: `a leading "*" is not supported`, Hint: hint}
		case k < len(text)-1:
			return token{}, &ParseError{Pos: at, Msg: `a "*" inside a word is not supported`, Hint: hint}
		case t.Fuzzy > 0:
			return token{}, &ParseError{Pos: at, Msg: `a word cannot be both a prefix (*) and fuzzy (~)`}
		}
		t.Prefix = true
		text = text[:k]
	}
	t.Text = string(text)
	return token{kind: tokTerm, pos: start + 1, text: string(p.q[start:p.i]), node: t}, nil
}

// scanPhrase reads a phrase whose opening quote is at q[quote] and whose
// token (with any field prefix) starts at start.
func (p *parser) scanPhrase(field string, start, quote int) (token, error) {
	q := p.q
	end := slices.Index(q[quote+1:], '"')
	if end < 0 {
		return token{}, &ParseError{Pos: quote + 1, Msg: "unbalanced quote"}
	}
	end += quote + 1
	text := q[quote+1 : end]
	p.i = end + 1
	if strings.TrimSpace(string(text)) == "" {
		return token{}, &ParseError{Pos: quote + 1, Msg: "empty phrase", Hint: "put words between the quotes"}
	}
	ph := Phrase{Field: field, Text: string(text), Pos: start + 1}
	if p.i < len(q) && q[p.i] == '~' {
		at := p.i + 1
		p.i++
		ds := p.i
		for p.i < len(q) && !isDelim(q[p.i]) {
			p.i++
		}
		n, ok := number(q[ds:p.i])
		switch {
		case !ok:
			return token{}, &ParseError{Pos: at, Msg: `expected a number after "~"`, Hint: `as in "beneficiary liability"~5`}
		case n > maxDistance:
			return token{}, &ParseError{
				Pos:  at,
				Msg:  fmt.Sprintf("proximity ~%s is out of range", string(q[ds:p.i])),
				Hint: fmt.Sprintf("the limit is %d", maxDistance),
			}
		}
		ph.Slop = n
	}
	return token{kind: tokPhrase, pos: start + 1, text: string(q[start:p.i]), node: ph}, nil
}

// number parses ASCII digits. Values past maxDistance saturate, so a
// thousand-digit number is "out of range" rather than an overflow.
func number(ds []rune) (int, bool) {
	if len(ds) == 0 {
		return 0, false
	}
	n := 0
	for _, r := range ds {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = min(n*10+int(r-'0'), maxDistance+1)
	}
	return n, true
}

// isFieldName reports whether rs could name a field: ASCII letters,
// digits and underscores, not starting with a digit (Lucene's and Solr's
// field names, so that "caseName:" and "_exists_:" are read as fields, and
// "1:20-cv-02335" and "12:30" as words).
func isFieldName(rs []rune) bool {
	for i, r := range rs {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return len(rs) > 0
}
