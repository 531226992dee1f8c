package search

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// Shorthands for the tables; astPositions are not compared here (see
// TestParsePositions), so the nodes leave Pos zero.
func qWord(text string) Term          { return Term{Text: text} }
func qAnd(children ...Node) And       { return And{Children: children} }
func qOr(children ...Node) Or         { return Or{Children: children} }
func qNot(child Node) Not             { return Not{Child: child} }
func qPhrase(text string) Phrase      { return Phrase{Text: text} }
func qNear(l, r Node, d int) Near     { return Near{Left: l, Right: r, Distance: d, Unit: UnitWord} }
func qField(f, text string) Term      { return Term{Field: f, Text: text} }
func qSentence(l, r Node) Near        { return Near{Left: l, Right: r, Unit: UnitSentence} }
func qParagraph(l, r Node) Near       { return Near{Left: l, Right: r, Unit: UnitParagraph} }
func qExcept(children ...Node) And    { return qAnd(append([]Node{MatchAll{}}, children...)...) }
func qFieldPhrase(f, t string) Phrase { return Phrase{Field: f, Text: t} }

var parseTests = []struct {
	name  string
	q     string
	want  Node
	canon string // Format(want): what the query prints back as
}{
	{"empty query matches everything", "", MatchAll{}, ""},
	{"blank query matches everything", " \t\n\u00a0", MatchAll{}, ""},
	{"one word", "beneficiary", qWord("beneficiary"), "beneficiary"},
	{"words are ANDed", "beneficiary  liability", qAnd(qWord("beneficiary"), qWord("liability")), "beneficiary liability"},
	{"explicit AND is the same", "beneficiary AND liability", qAnd(qWord("beneficiary"), qWord("liability")), "beneficiary liability"},
	{"OR", "sex OR trafficking", qOr(qWord("sex"), qWord("trafficking")), "sex OR trafficking"},
	{"lower-case operators are words", "a and b or not c", qAnd(qWord("a"), qWord("and"), qWord("b"), qWord("or"), qWord("not"), qWord("c")), "a and b or not c"},
	{"mixed-case operators are words", "a And b Or Not c", qAnd(qWord("a"), qWord("And"), qWord("b"), qWord("Or"), qWord("Not"), qWord("c")), "a And b Or Not c"},
	{"NOT excludes", "a NOT b", qAnd(qWord("a"), qNot(qWord("b"))), "a -b"},
	{"CourtListener & is AND", "section 230 & twitter", qAnd(qWord("section"), qWord("230"), qWord("twitter")), "section 230 twitter"},
	{"CourtListener % is NOT", "section 230 % twitter", qAnd(qWord("section"), qWord("230"), qNot(qWord("twitter"))), "section 230 -twitter"},
	{"Lucene && and ||", "a && b || c", qOr(qAnd(qWord("a"), qWord("b")), qWord("c")), "a b OR c"},
	{"year range", "[2018 TO 2021]", Range{From: "2018-01-01", To: "2021-12-31"}, "date:[2018-01-01 TO 2021-12-31]"},
	{"exclusive year range", "year:{2017 TO 2022}", Range{From: "2018-01-01", To: "2021-12-31"}, "date:[2018-01-01 TO 2021-12-31]"},
	{"CourtListener dateFiled range, open end", "trafficking dateFiled:[2018-01-01T00:00:00Z TO *]", qAnd(qWord("trafficking"), Range{From: "2018-01-01"}), "trafficking date:[2018-01-01 TO *]"},
	{"US dates", "date:[01/31/2019 TO 02/01/2019]", Range{From: "2019-01-31", To: "2019-02-01"}, "date:[2019-01-31 TO 2019-02-01]"},
	{"CourtListener field names", "caseName:twitter court_id:ilnd docketNumber:20-cv-02335", qAnd(qField("title", "twitter"), qField("court", "ilnd"), qField("docket", "20-cv-02335")), "title:twitter court:ilnd docket:20-cv-02335"},
	{"a URL keeps its ? and ^", "https://example.com/a?b=1^2", qWord("https://example.com/a?b=1^2"), "https://example.com/a?b=1^2"},
	{"minus excludes", "a -b", qAnd(qWord("a"), qNot(qWord("b"))), "a -b"},
	{"AND NOT excludes", "a AND NOT b", qAnd(qWord("a"), qNot(qWord("b"))), "a -b"},
	{"plus changes nothing", "+a +b", qAnd(qWord("a"), qWord("b")), "a b"},
	{"only exclusions exclude from everything", "-dicta", qExcept(qNot(qWord("dicta"))), "-dicta"},
	{"several exclusions", "NOT a -b", qExcept(qNot(qWord("a")), qNot(qWord("b"))), "-a -b"},
	{"double negation cancels", "NOT -a", qWord("a"), "a"},
	{"double minus cancels", "--a b", qAnd(qWord("a"), qWord("b")), "a b"},
	{"negated exclusion cancels", "-(-a)", qWord("a"), "a"},
	{"negated exclusions are an OR", "-(-a NOT b) c", qAnd(qOr(qWord("a"), qWord("b")), qWord("c")), "(a OR b) c"},
	{"exclusion in a group joins the outer AND", "(-a) b", qAnd(qNot(qWord("a")), qWord("b")), "-a b"},
	{"AND binds tighter than OR", "a b OR c", qOr(qAnd(qWord("a"), qWord("b")), qWord("c")), "a b OR c"},
	{"explicit AND binds tighter than OR", "a OR b AND c", qOr(qWord("a"), qAnd(qWord("b"), qWord("c"))), "a OR b c"},
	{"NOT binds tighter than AND", "NOT a b", qAnd(qNot(qWord("a")), qWord("b")), "-a b"},
	{"NOT binds tighter than OR", "NOT a OR b", qOr(qExcept(qNot(qWord("a"))), qWord("b")), "-a OR b"},
	{"parentheses group", "(a OR b) c", qAnd(qOr(qWord("a"), qWord("b")), qWord("c")), "(a OR b) c"},
	{"NOT of a group", "a -(b OR c)", qAnd(qWord("a"), qNot(qOr(qWord("b"), qWord("c")))), "a -(b OR c)"},
	{"NOT of a conjunction", "a NOT (b c)", qAnd(qWord("a"), qNot(qAnd(qWord("b"), qWord("c")))), "a -(b c)"},
	{"redundant parentheses go", "((a))", qWord("a"), "a"},
	{"nested OR flattens", "a OR (b OR c)", qOr(qWord("a"), qWord("b"), qWord("c")), "a OR b OR c"},
	{"nested AND flattens", "a (b c) d", qAnd(qWord("a"), qWord("b"), qWord("c"), qWord("d")), "a b c d"},
	{"parentheses need no spaces", "(a)(b)", qAnd(qWord("a"), qWord("b")), "a b"},
	{"OR inside AND inside OR", "a OR (b OR c) d", qOr(qWord("a"), qAnd(qOr(qWord("b"), qWord("c")), qWord("d"))), "a OR (b OR c) d"},

	{"phrase", `"beneficiary liability"`, qPhrase("beneficiary liability"), `"beneficiary liability"`},
	{"phrase text as typed", `"  a   b "`, qPhrase("  a   b "), `"  a   b "`},
	{"one-word phrase stays a phrase", `"Salesforce"`, qPhrase("Salesforce"), `"Salesforce"`},
	{"phrase operators are words", `"a OR b*"`, qPhrase("a OR b*"), `"a OR b*"`},
	{"phrase with slop", `"beneficiary liability"~5`, Phrase{Text: "beneficiary liability", Slop: 5}, `"beneficiary liability"~5`},
	{"phrase slop 0 is exact", `"a b"~00`, qPhrase("a b"), `"a b"`},
	{"excluded phrase", `a -"b c"`, qAnd(qWord("a"), qNot(qPhrase("b c"))), `a -"b c"`},
	{"quotes end words", `a"b c"d`, qAnd(qWord("a"), qPhrase("b c"), qWord("d")), `a "b c" d`},

	{"field", "court:ilnd", qField("court", "ilnd"), "court:ilnd"},
	{"field name case folds", "Court:ILND", qField("court", "ILND"), "court:ILND"},
	{"every field", "title:a statute:b court:c party:d judge:e type:f docket:g citation:h lang:i year:2020",
		qAnd(qField("title", "a"), qField("statute", "b"), qField("court", "c"), qField("party", "d"), qField("judge", "e"),
			qField("type", "f"), qField("docket", "g"), qField("citation", "h"), qField("lang", "i"), qField("year", "2020")),
		"title:a statute:b court:c party:d judge:e type:f docket:g citation:h lang:i year:2020"},
	{"field phrase", `statute:"18 U.S.C. § 1595"`, qFieldPhrase("statute", "18 U.S.C. § 1595"), `statute:"18 U.S.C. § 1595"`},
	{"field phrase with slop", `title:"a b"~3`, Phrase{Field: "title", Text: "a b", Slop: 3}, `title:"a b"~3`},
	{"field applies to one word", "title:a b", qAnd(qField("title", "a"), qWord("b")), "title:a b"},
	{"excluded field", "-type:docket", qExcept(qNot(qField("type", "docket"))), "-type:docket"},
	{"field value keeps later colons", "docket:1:20-cv-02335", qField("docket", "1:20-cv-02335"), "docket:1:20-cv-02335"},
	{"field value is taken as typed", "title:-x title:AND title://x", qAnd(qField("title", "-x"), qField("title", "AND"), qField("title", "//x")), "title:-x title:AND title://x"},
	{"time is a word", "12:30", qWord("12:30"), "12:30"},
	{"docket number is a word", "1:20-cv-02335", qWord("1:20-cv-02335"), "1:20-cv-02335"},
	{"URL is a word", "https://x.example/a:b", qWord("https://x.example/a:b"), "https://x.example/a:b"},
	{"name and colon before a space is a word", "Held: the", qAnd(qWord("Held:"), qWord("the")), "Held: the"},
	{"name and colon before a parenthesis is a word", "(Held:)", qWord("Held:"), "Held:"},
	{"leading colon is a word", ":x", qWord(":x"), ":x"},
	{"non-ASCII name is a word", "café:x", qWord("café:x"), "café:x"},

	{"prefix", "liab*", Term{Text: "liab", Prefix: true}, "liab*"},
	{"field prefix", "party:smi*", Term{Field: "party", Text: "smi", Prefix: true}, "party:smi*"},
	{"fuzzy", "liability~", Term{Text: "liability", Fuzzy: 1}, "liability~"},
	{"fuzzy 1 written out", "liability~1", Term{Text: "liability", Fuzzy: 1}, "liability~"},
	{"fuzzy 2", "liability~2", Term{Text: "liability", Fuzzy: 2}, "liability~2"},
	{"field fuzzy", "judge:kennely~", Term{Field: "judge", Text: "kennely", Fuzzy: 1}, "judge:kennely~"},
	{"fuzzy operator is a word", "AND~", Term{Text: "AND", Fuzzy: 1}, "AND~"},
	{"dash inside a word", "case-summary", qWord("case-summary"), "case-summary"},
	{"symbols are words", "C++ § 1595 w/o", qAnd(qWord("C++"), qWord("§"), qWord("1595"), qWord("w/o")), "C++ § 1595 w/o"},

	{"within words", "a w/5 b", qNear(qWord("a"), qWord("b"), 5), "a w/5 b"},
	{"within words, upper case", "a W/5 b", qNear(qWord("a"), qWord("b"), 5), "a w/5 b"},
	{"same sentence", "a /s b", qSentence(qWord("a"), qWord("b")), "a /s b"},
	{"same paragraph", "a /P b", qParagraph(qWord("a"), qWord("b")), "a /p b"},
	{"proximity of phrases and groups", `"a b" w/3 (c OR d*)`,
		qNear(qPhrase("a b"), qOr(qWord("c"), Term{Text: "d", Prefix: true}), 3), `"a b" w/3 (c OR d*)`},
	{"proximity groups to the left", "a w/5 b /s c", qSentence(qNear(qWord("a"), qWord("b"), 5), qWord("c")), "a w/5 b /s c"},
	{"proximity on the right needs parentheses", "a w/5 (b /s c)", qNear(qWord("a"), qSentence(qWord("b"), qWord("c")), 5), "a w/5 (b /s c)"},
	{"proximity binds tighter than AND and OR", "x a w/5 b OR c",
		qOr(qAnd(qWord("x"), qNear(qWord("a"), qWord("b"), 5)), qWord("c")), "x a w/5 b OR c"},
	{"exclusion covers the whole proximity", "-a w/5 b", qExcept(qNot(qNear(qWord("a"), qWord("b"), 5))), "-a w/5 b"},
	{"proximity of an exclusion group", "(-a) w/5 b", qNear(qExcept(qNot(qWord("a"))), qWord("b"), 5), "(-a) w/5 b"},
	{"largest distance", "a w/255 b", qNear(qWord("a"), qWord("b"), 255), "a w/255 b"},

	{"depth limit reached, not passed", strings.Repeat("(", 31) + "-a" + strings.Repeat(")", 31), qExcept(qNot(qWord("a"))), "-a"},
	{"length limit counts characters, not bytes", strings.Repeat("é", MaxQueryRunes), qWord(strings.Repeat("é", MaxQueryRunes)), strings.Repeat("é", MaxQueryRunes)},
	{"invalid UTF-8 reads as U+FFFD", "a\xffb", qWord("a\uFFFDb"), "a\uFFFDb"},
}

func TestParse(t *testing.T) {
	for _, tc := range parseTests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.q)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.q, err)
			}
			if got := noPos(got); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse(%q)\n got %#v\nwant %#v", tc.q, got, tc.want)
			}
		})
	}
}

// TestFormat checks the canonical form and that it parses back to the same
// tree, and that each node's String agrees with Format.
func TestFormat(t *testing.T) {
	for _, tc := range parseTests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Format(tc.want); got != tc.canon {
				t.Errorf("Format = %q, want %q", got, tc.canon)
			}
			if got := fmt.Sprint(tc.want); got != tc.canon {
				t.Errorf("String = %q, want %q", got, tc.canon)
			}
			again, err := Parse(tc.canon)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.canon, err)
			}
			if again := noPos(again); !reflect.DeepEqual(again, tc.want) {
				t.Errorf("Parse(Format) = %#v, want %#v", again, tc.want)
			}
		})
	}
}

func TestParsePositions(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []int // Pos of each Term and Phrase, left to right
	}{
		{"a  bc d", []int{1, 4, 7}},
		{`-title:"x y" (b*)`, []int{2, 15}},
		{"NOT a OR +b", []int{5, 11}},
		{`§ é "x" w/2 court:c~`, []int{1, 3, 5, 13}},
		{`"a b"~5 c`, []int{1, 9}},
	} {
		n, err := Parse(tc.q)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.q, err)
		}
		if got := astPositions(n, nil); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q) astPositions = %v, want %v", tc.q, got, tc.want)
		}
	}
}

const knownFieldsHint = "known fields: citation, court, docket, judge, lang, party, statute, title, type, year"

var parseErrorTests = []struct {
	name string
	q    string
	want string // the whole message
	pos  int
}{
	{"unbalanced quote", `statute:1595 "abc`, `unbalanced quote at character 14`, 14},
	{"Lucene boost", "liability^2 twitter", `boosts ("^") are not supported at character 10 (remove the ^ and its number; title matches and words close together already rank first)`, 10},
	{"Lucene ? wildcard", "wom?n", `"?" is not a wildcard here at character 4 (use a trailing * for any ending (liab*) or ~ for spelling variants (woman~); leave a question mark out)`, 4},
	{"_exists_", "_exists_:court", `_exists_: is not supported at character 1 (to keep documents that have a value, filter by it (court=ilnd, statute=...) or list the values with /entities/court)`, 1},
	{"range without TO", "[2018 2021]", `a range is two bounds with TO between them at character 1 (write [2018 TO 2021] or [2018-01-01 TO 2021-06-30]; * leaves an end open)`, 1},
	{"range of words", "court:[a TO b]", `a range works on dates and years, not on court: at character 7 (write year:[2018 TO 2021] or date:[2018-01-01 TO 2021-06-30])`, 7},
	{"range unclosed", "x [2018 TO 2021", `unbalanced '[' at character 3 (close the range with ']')`, 3},
	{"range backwards", "[2021 TO 2018]", `the range 2021 TO 2018 is empty at character 1 (put the earlier bound first)`, 1},
	{"range bad bound", "year:[2018 TO soon]", `"soon" is not a year or a date at character 6 (write [2018 TO 2021] or [2018-01-01 TO 2021-06-30]; * leaves an end open)`, 6},
	{"date needs a range", "dateFiled:2020", `dateFiled: takes a range of dates at character 1 (write date:[2018-01-01 TO 2021-06-30], or year:2019 for one year)`, 1},
	{"unbalanced quote after field", `title:"abc`, `unbalanced quote at character 7`, 7},
	{"NOT at the end", "cat NOT", "expected a word, phrase or group after NOT at character 5", 5},
	{"unmatched )", "(a OR b)) c", `unmatched ")" at character 9`, 9},
	{"unmatched ) first", ") a", `unmatched ")" at character 1`, 1},
	{"unmatched (", "a (b OR c", `unmatched "(" at character 3 (add a ")" to close it)`, 3},
	{"outer ( is the unmatched one", "((a) b", `unmatched "(" at character 1 (add a ")" to close it)`, 1},
	{"open parenthesis at the end", "a OR (", `unmatched "(" at character 6 (add a ")" to close it)`, 6},
	{"empty parentheses", "a () b", `empty parentheses "()" at character 3 (put words inside or remove them)`, 3},
	{"unknown field", "foo:bar", `unknown field "foo" at character 1 (` + knownFieldsHint + `)`, 1},
	{"unknown field keeps its case", "x Cout:ilnd", `unknown field "Cout" at character 3 (` + knownFieldsHint + `)`, 3},
	{"unknown field with phrase", `foo:"bar"`, `unknown field "foo" at character 1 (` + knownFieldsHint + `)`, 1},
	{"unknown field with group", `foo:(bar)`, `unknown field "foo" at character 1 (` + knownFieldsHint + `)`, 1},
	{"field without value", "title: liability", `expected a value after "title:" at character 1 (write title:word or title:"some words", with no space after the colon)`, 1},
	{"field at the end", "a Court:", `expected a value after "Court:" at character 3 (write court:word or court:"some words", with no space after the colon)`, 3},
	{"field of a group", "court:(ilnd OR cand)", `a field cannot apply to a group (court:(...)) at character 1 (write (court:a OR court:b) instead)`, 1},
	{"AND first", "AND a", "expected a word, phrase or group before AND at character 1", 1},
	{"OR first", "OR a", "expected a word, phrase or group before OR at character 1", 1},
	{"OR last", "a OR", "expected a word, phrase or group after OR at character 3", 3},
	{"AND OR", "a AND OR b", "expected a word, phrase or group after AND at character 3", 3},
	{"OR before )", "(a OR) b", "expected a word, phrase or group after OR at character 4", 4},
	{"NOT before )", "(a NOT)", "expected a word, phrase or group after NOT at character 4", 4},
	{"lone dash", "a - b", `expected a word, phrase or group after "-" at character 3`, 3},
	{"dash at the end", "a -", `expected a word, phrase or group after "-" at character 3`, 3},
	{"plus before )", "(a +)", `expected a word, phrase or group after "+" at character 4`, 4},
	{"dash before operator", "-AND a", `expected a word, phrase or group after "-" at character 1`, 1},
	{"connector first", "w/5 a", "expected a word, phrase or group before w/5 at character 1", 1},
	{"connector last", "a /s", "expected a word, phrase or group after /s at character 3", 3},
	{"connectors in a row", "a /p /s b", "expected a word, phrase or group after /p at character 3", 3},
	{"excluded proximity operand", "a W/5 -b", "expected a word, phrase or group after W/5 at character 3", 3},
	{"proximity 0", "a w/0 b", "proximity w/0 is out of range at character 3 (use w/1 to w/255)", 3},
	{"proximity too far", "a w/256 b", "proximity w/256 is out of range at character 3 (use w/1 to w/255)", 3},
	{"leading star", "*ability", `a leading "*" is not supported at character 1 (only a trailing * is supported, as in liab*)`, 1},
	{"lone star", "a *", `a leading "*" is not supported at character 3 (only a trailing * is supported, as in liab*)`, 3},
	{"middle star", "li*ty", `a "*" inside a word is not supported at character 3 (only a trailing * is supported, as in liab*)`, 3},
	{"double star", "li**", `a "*" inside a word is not supported at character 3 (only a trailing * is supported, as in liab*)`, 3},
	{"field leading star", "title:*x", `a leading "*" is not supported at character 7 (only a trailing * is supported, as in liab*)`, 7},
	{"star and fuzzy", "liab*~", `a word cannot be both a prefix (*) and fuzzy (~) at character 5`, 5},
	{"fuzzy 3", "liability~3", "fuzzy distance ~3 is out of range at character 10 (use ~1 to ~2)", 10},
	{"fuzzy 0", "a~0", "fuzzy distance ~0 is out of range at character 2 (use ~1 to ~2)", 2},
	{"fuzzy huge", "a~99999999999999999999", "fuzzy distance ~99999999999999999999 is out of range at character 2 (use ~1 to ~2)", 2},
	{"tilde inside a word", "a~b", `"~" must end a word, optionally followed by 1 or 2 at character 2 (as in liability~ or liability~2)`, 2},
	{"tilde alone", "a ~", `expected a word before "~" at character 3`, 3},
	{"phrase slop not a number", `"a b"~x`, `expected a number after "~" at character 6 (as in "beneficiary liability"~5)`, 6},
	{"phrase slop missing", `"a b"~ c`, `expected a number after "~" at character 6 (as in "beneficiary liability"~5)`, 6},
	{"phrase slop too large", `"a b"~1000`, `proximity ~1000 is out of range at character 6 (the limit is 255)`, 6},
	{"empty phrase", `a ""`, `empty phrase at character 3 (put words between the quotes)`, 3},
	{"blank phrase", `"  "`, `empty phrase at character 1 (put words between the quotes)`, 1},
	{"astPositions count characters, not bytes", `§ é "abc`, `unbalanced quote at character 5`, 5},
	{"first error wins", `a) "b`, `unmatched ")" at character 2`, 2},
	{"too deep", strings.Repeat("(", 33) + "a" + strings.Repeat(")", 33),
		"query is nested too deeply at character 33 (the limit is 32 levels of parentheses and NOT)", 33},
	{"too deep with NOT", strings.Repeat("-", 33) + "a",
		"query is nested too deeply at character 33 (the limit is 32 levels of parentheses and NOT)", 33},
	{"too long", strings.Repeat("é", MaxQueryRunes+1),
		"query is too long at character 1001 (1001 characters; the limit is 1000)", 1001},
}

func TestParseErrors(t *testing.T) {
	for _, tc := range parseErrorTests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := Parse(tc.q)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want error %q", tc.q, Format(n), tc.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error is %T, want *ParseError", tc.q, err)
			}
			if err.Error() != tc.want || pe.Pos != tc.pos {
				t.Errorf("Parse(%q) error = %q (Pos %d), want %q (Pos %d)", tc.q, err, pe.Pos, tc.want, tc.pos)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, tc := range parseTests {
		f.Add(tc.q)
	}
	for _, tc := range parseErrorTests {
		f.Add(tc.q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q)
		runes := []rune(q)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error is %T, want *ParseError", q, err)
			}
			if pe.Pos < 1 || pe.Pos > len(runes)+1 {
				t.Fatalf("Parse(%q) error %q has Pos %d outside 1..%d", q, err, pe.Pos, len(runes)+1)
			}
			if pe.Msg == "expected a word, phrase or group" {
				t.Fatalf("Parse(%q) error %q does not say what came before", q, err)
			}
			return
		}
		checkAstPositions(t, runes, n)
		if !notsInAnd(n, false) {
			t.Fatalf("Parse(%q) = %#v has a Not outside an And", q, n)
		}
		s := Format(n)
		if utf8.RuneCountInString(s) > MaxQueryRunes {
			return // Format may add spaces (`"a""b"` prints as `"a" "b"`) and so pass the limit
		}
		again, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) = %q, which does not parse: %v", q, s, err)
		}
		if !reflect.DeepEqual(noPos(again), noPos(n)) {
			t.Fatalf("Parse(%q) = %#v\nbut Parse(Format) = %#v", q, noPos(n), noPos(again))
		}
		if s2 := Format(again); s2 != s {
			t.Fatalf("Format is not stable: %q then %q", s, s2)
		}
	})
}

// checkAstPositions checks that each Term and Phrase points at its own text.
func checkAstPositions(t *testing.T, q []rune, n Node) {
	t.Helper()
	for _, leaf := range astLeaves(n, nil) {
		var pos int
		var field, want string
		switch l := leaf.(type) {
		case Term:
			pos, field, want = l.Pos, l.Field, l.Text
		case Phrase:
			pos, field, want = l.Pos, l.Field, `"`+l.Text+`"`
		}
		if pos < 1 || pos > len(q) {
			t.Fatalf("%#v: Pos outside 1..%d", leaf, len(q))
		}
		at := string(q[pos-1:])
		if field != "" {
			colon := strings.IndexByte(at, ':')
			if colon < 0 || fieldAlias(at[:colon]) != field {
				t.Fatalf("%#v: query at Pos is %q, want field %q or an alias of it", leaf, at, field)
			}
			at = at[colon+1:]
		}
		if !strings.HasPrefix(at, want) {
			t.Fatalf("%#v: query at Pos is %q, want %q", leaf, at, want)
		}
	}
}

// noPos returns n with every Pos zero, so that trees compare by shape:
// astPositions move when Format changes the spacing.
func noPos(n Node) Node {
	switch n := n.(type) {
	case Term:
		n.Pos = 0
		return n
	case Phrase:
		n.Pos = 0
		return n
	case Range:
		n.Pos = 0
		return n
	case And:
		return And{Children: noPosAll(n.Children)}
	case Or:
		return Or{Children: noPosAll(n.Children)}
	case Not:
		return Not{Child: noPos(n.Child)}
	case Near:
		n.Left, n.Right = noPos(n.Left), noPos(n.Right)
		return n
	}
	return n
}

func noPosAll(ns []Node) []Node {
	out := make([]Node, len(ns))
	for i, n := range ns {
		out[i] = noPos(n)
	}
	return out
}

// astLeaves appends the Terms and Phrases of n, left to right.
func astLeaves(n Node, acc []Node) []Node {
	switch n := n.(type) {
	case Term, Phrase:
		return append(acc, n)
	case And:
		for _, c := range n.Children {
			acc = astLeaves(c, acc)
		}
	case Or:
		for _, c := range n.Children {
			acc = astLeaves(c, acc)
		}
	case Not:
		acc = astLeaves(n.Child, acc)
	case Near:
		acc = astLeaves(n.Right, astLeaves(n.Left, acc))
	}
	return acc
}

func astPositions(n Node, acc []int) []int {
	for _, l := range astLeaves(n, nil) {
		switch l := l.(type) {
		case Term:
			acc = append(acc, l.Pos)
		case Phrase:
			acc = append(acc, l.Pos)
		}
	}
	return acc
}

// notsInAnd reports whether every Not in n is a child of an And, as the
// Not doc comment promises.
func notsInAnd(n Node, parentIsAnd bool) bool {
	switch n := n.(type) {
	case And:
		for _, c := range n.Children {
			if !notsInAnd(c, true) {
				return false
			}
		}
	case Or:
		for _, c := range n.Children {
			if !notsInAnd(c, false) {
				return false
			}
		}
	case Not:
		return parentIsAnd && notsInAnd(n.Child, false)
	case Near:
		return notsInAnd(n.Left, false) && notsInAnd(n.Right, false)
	}
	return true
}
