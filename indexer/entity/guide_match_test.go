package entity

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// guideMatches are the guides' hand-written matchers, with the pattern
// each stands for.
func guideMatches() []struct {
	name  string
	match func(string) []int
	re    *regexp.Regexp
} {
	d, k := dateRulesOnce(), docketRulesOnce()
	return []struct {
		name  string
		match func(string) []int
		re    *regexp.Regexp
	}{{"numericDate", numericDate, d.numeric}, {"monthFirstDate", monthFirstDate, d.monthFirst}, {"districtDocket", districtDocket, k.district}}
}

// TestGuideMatches: each matcher finds what a reader expects at the start
// of the examples (nil where nothing matches), and what its pattern,
// anchored there, finds.
func TestGuideMatches(t *testing.T) {
	matches := map[string]func(string) []int{}
	for _, c := range guideMatches() {
		matches[c.name] = c.match
	}
	for _, c := range []struct {
		match, s string
		want     []int
	}{
		{"numericDate", "5/16/2022 and", []int{0, 9, 0, 1, 2, 4, 5, 9}},
		{"numericDate", "05/16/22.", []int{0, 8, 0, 2, 3, 5, 6, 8}},
		{"numericDate", "1/2/20", []int{0, 6, 0, 1, 2, 3, 4, 6}},
		{"numericDate", "1/2/202", nil},    // a year of three figures
		{"numericDate", "1/2/20201", nil},  // or five
		{"numericDate", "123/4/2020", nil}, // a day of three figures
		{"numericDate", "1/234/2020", nil}, // a month of three
		{"numericDate", "1/2/2020x", nil},  // the year ends no word
		{"numericDate", "1/2/20_", nil},    // _ is a word byte
		{"numericDate", "1/2/2020-3", []int{0, 8, 0, 1, 2, 3, 4, 8}},
		{"numericDate", "1/2", nil},
		{"numericDate", "1//2020", nil},
		{"numericDate", "x1/2/2020", nil},
		{"monthFirstDate", "May 16, 2022.", []int{0, 12, 0, 3, 4, 6, 8, 12}},
		{"monthFirstDate", "SEPT. 5TH 2021", []int{0, 14, 0, 5, 6, 7, 10, 14}},
		{"monthFirstDate", "Sept 5, 2021", []int{0, 12, 0, 4, 5, 6, 8, 12}},
		{"monthFirstDate", "Sep. 5, 2021", []int{0, 12, 0, 4, 5, 6, 8, 12}},
		{"monthFirstDate", "June\n1,\u00a02020", []int{0, 13, 0, 4, 5, 6, 9, 13}},
		{"monthFirstDate", "Jun 1 2020", []int{0, 10, 0, 3, 4, 5, 6, 10}},
		{"monthFirstDate", "Au\u017fuſt 1, 2020", nil}, // one long s too many
		{"monthFirstDate", "Augu\u017ft 1\u017fT, 2020", []int{0, 18, 0, 7, 8, 9, 14, 18}},
		{"monthFirstDate", "Jan.5, 2020", nil},
		{"monthFirstDate", "May 123, 2020", nil},
		{"monthFirstDate", "May 12, 20201", nil},
		{"monthFirstDate", "May 12, 202", nil},
		{"monthFirstDate", "May 12,2020", nil},
		{"monthFirstDate", "Mayo 12, 2020", nil},
		{"monthFirstDate", "March 1st 2020x", nil},
		{"monthFirstDate", "\u017feptember 1, 2020", nil}, // \b needs an ASCII word byte
		{"districtDocket", "1:20-cv-02335-AB filed", []int{0, 16, 0, 1, 2, 4, 5, 7, 8, 13}},
		{"districtDocket", "20-CV-1", []int{0, 7, -1, -1, 0, 2, 3, 5, 6, 7}},
		{"districtDocket", "20-mc-123456", []int{0, 12, -1, -1, 0, 2, 3, 5, 6, 12}},
		{"districtDocket", "20-mc-1234567", nil}, // seven figures
		{"districtDocket", "20-cvcvc-1", nil},    // five letters
		{"districtDocket", "201-cv-1", nil},
		{"districtDocket", "1:2-cv-3", nil},
		{"districtDocket", "12:20-cv-3", nil},
		{"districtDocket", "20-cv-1x", nil},
		{"districtDocket", "20-cv-12-AB-CD-EF-GH", []int{0, 17, -1, -1, 0, 2, 3, 5, 6, 8}},
		{"districtDocket", "20-cv-12-ABCDE", []int{0, 8, -1, -1, 0, 2, 3, 5, 6, 8}}, // five capitals are no initials
		{"districtDocket", "20-cv-12-A", []int{0, 8, -1, -1, 0, 2, 3, 5, 6, 8}},
		{"districtDocket", "20-cv-12-AB-Cd", []int{0, 11, -1, -1, 0, 2, 3, 5, 6, 8}},
		{"districtDocket", "20-cv-12-ab", []int{0, 8, -1, -1, 0, 2, 3, 5, 6, 8}},
		{"districtDocket", "20-cv-12-ABc", []int{0, 8, -1, -1, 0, 2, 3, 5, 6, 8}},
		{"districtDocket", "20-cv-12-AB-", []int{0, 11, -1, -1, 0, 2, 3, 5, 6, 8}},
		{"districtDocket", "20-cv-", nil},
		{"districtDocket", "3:", nil},
	} {
		if got := matches[c.match](c.s); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s(%q) = %v, want %v", c.match, c.s, got, c.want)
		}
		for _, m := range guideMatches() {
			checkGuideMatch(t, m.name, m.match, m.re, c.s)
		}
	}
	for _, c := range guideMatches() {
		for _, s := range []string{"5/16/2022", "1:20-cv-02335-AB-CD", "20-cv-1-ABC-DE-FG-HI", "", "1"} {
			checkGuideMatch(t, c.name, c.match, c.re, s)
		}
	}
}

func FuzzGuideMatches(f *testing.F) {
	for _, s := range []string{"5/16/2022", "05/16/22.", "1/2/20201", "123/4/5", "1/2/20_", "1:20-cv-02335-AB filed",
		"20-CV-1", "20-mc-1234567", "May 16, 2022", "Sept. 5th, 2021", "Augu\u017ft 1\u00a02020", "Dec 1 2020", "20-cv-12-AB-CD-EF-GH", "20-cv-12-ABCDE", "20-cv-12-AB-Cd", "4:21-Cr-7-ABC-DE\u00a0"} {
		f.Add(s)
	}
	matches := guideMatches()
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range matches {
			checkGuideMatch(t, c.name, c.match, c.re, s)
		}
	})
}

// checkGuideMatch fails t where match finds at the start of s other than
// what re, anchored there, finds.
func checkGuideMatch(t *testing.T, name string, match func(string) []int, re *regexp.Regexp, s string) {
	t.Helper()
	if got, want := match(s), anchored(re).FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
		t.Errorf("%s(%q) = %v, its pattern finds %v", name, s, got, want)
	}
}

func TestNeedOfTitle(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"sections 1591 and 1595 of title 18", true}, {"section 1591 of\u00a0title\u00a018", true}, {"§ 2 of\ttitle\n18", true},
		{"of title vii", false}, {"the title of the act", false}, {"of title18", false}, {"oftitle 18", false}, {"of title", false},
		{"title 18", false}, {"proof title 18", true},
	} {
		if got := needOfTitle(c.s, c.s); got != c.want {
			t.Errorf("needOfTitle(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// widenAsWas is guide.widen as it was before it looked for line breaks
// with strings.IndexByte and for white space in a table: the oracle of
// TestWiden and FuzzWiden.
func widenAsWas(g guide, text string, s, e int) (int, int) {
	stops := func(c byte) bool { return c == '\n' || !g.lines && (c == ' ' || c == '\t' || c == '\r') }
	for n := 0; s > 0 && n < maxWiden && !stops(text[s-1]); n++ {
		s--
	}
	for s > 0 && s < len(text) && !utf8.RuneStart(text[s]) {
		s--
	}
	for n := 0; e < len(text) && n < maxWiden && !stops(text[e]); n++ {
		e++
	}
	for e < len(text) && !utf8.RuneStart(text[e]) {
		e++
	}
	return s, e
}

// checkWiden fails t where widen moves the window [s, e) of text other
// than it did, with and without lines.
func checkWiden(t *testing.T, text string, s, e int) {
	t.Helper()
	for _, lines := range []bool{false, true} {
		g := guide{lines: lines}
		gs, ge := g.widen(text, s, e)
		ws, we := widenAsWas(g, text, s, e)
		if gs != ws || ge != we {
			t.Errorf("widen(%q, %d, %d), lines %v = %d, %d; it was %d, %d", text, s, e, lines, gs, ge, ws, we)
		}
	}
}

func TestWiden(t *testing.T) {
	long := strings.Repeat("x", 300)
	for _, c := range []struct {
		text string
		s, e int
	}{
		{"see 18 U.S.C. § 1591 here", 8, 12}, {"a\nb c\td\re f", 4, 5}, {"abc", 0, 3}, {"", 0, 0}, {"x y", 1, 1},
		{long + " 18 U.S.C. " + long, 305, 308}, {long + long, 290, 310}, {"é" + long + "é", 3, 4}, {"line one\nline two\nthree", 12, 14},
		{long + "\n" + long, 10, 590},
	} {
		checkWiden(t, c.text, c.s, c.e)
	}
	g := guide{}
	if s, e := g.widen("see 18 U.S.C. § 1591 here", 8, 12); s != 7 || e != 13 {
		t.Errorf("widen to the words' ends: %d, %d, want 7, 13", s, e)
	}
	g.lines = true
	if s, e := g.widen("line one\nline two\nthree", 12, 14); s != 9 || e != 17 {
		t.Errorf("widen to the line: %d, %d, want 9, 17", s, e)
	}
}

func FuzzWiden(f *testing.F) {
	f.Add("see 18 U.S.C. § 1591 here", 8, 4)
	f.Add(strings.Repeat("x", 300)+" a\nb\r\tc "+strings.Repeat("é", 200), 290, 30)
	f.Fuzz(func(t *testing.T, text string, s, n int) {
		if len(text) == 0 {
			return
		}
		s = (s%len(text) + len(text)) % len(text)
		e := min(len(text), s+(n%512+512)%512)
		checkWiden(t, text, s, e)
	})
}

// TestMayHave: mayHave says what mayHaveFolded, the way it was, says, for
// texts within its buffer and beyond it.
func TestMayHave(t *testing.T) {
	long := strings.Repeat("The Trial Court ", 40)
	for _, s := range []string{"", "on appeal from the Superior Court", "APPEAL", "Appea l", "ṫrial", "Esq.", "DC Judge", "d c", "@PPEAL [trial]",
		long, long + "ſ", strings.Repeat("x", 600) + "County", strings.Repeat("x", 511) + "dc"} {
		checkMayHave(t, s)
	}
}

func FuzzMayHave(f *testing.F) {
	for _, s := range []string{"on appeal from the Superior Court", "Attorney General", "not participating", "re\u017fused", "RECUSED"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkMayHave(t, s) })
}

func checkMayHave(t *testing.T, s string) {
	t.Helper()
	for _, words := range [][]string{lowerCourtBeforeWords, notSittingWords, lowerCourtAfterWords, notJudgeAfterWords} {
		if got, want := mayHave(s, words), mayHaveFolded(s, words); got != want {
			t.Errorf("mayHave(%q, %q) = %v; letter by letter, %v", s, words, got, want)
		}
	}
}

// squashAsWas is squash as it was, splitting and joining every string:
// the oracle of TestSquash and FuzzSquash.
func squashAsWas(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestSquash(t *testing.T) {
	for _, c := range []struct{ s, want string }{
		{"", ""}, {"1:20-cv-02335", "1:20-cv-02335"}, {"N.D. Ill.", "N.D. Ill."}, {" N.D.  Ill.\n", "N.D. Ill."},
		{"Northern\nDistrict of\tIllinois", "Northern District of Illinois"}, {"a\u00a0b", "a b"}, {"a\u0085b", "a b"},
		{"a\vb", "a b"}, {"é b", "é b"}, {" ", ""}, {"a ", "a"}, {"a  b", "a b"},
	} {
		if got := squash(c.s); got != c.want {
			t.Errorf("squash(%q) = %q, want %q", c.s, got, c.want)
		}
		if got, want := squash(c.s), squashAsWas(c.s); got != want {
			t.Errorf("squash(%q) = %q; it was %q", c.s, got, want)
		}
	}
}

func FuzzSquash(f *testing.F) {
	for _, s := range []string{"1:20-cv-02335", " N.D.  Ill.\n", "a\u00a0b\u2009c", "a\u0085b", "x\u3000y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := squash(s), squashAsWas(s); got != want {
			t.Errorf("squash(%q) = %q; it was %q", s, got, want)
		}
	})
}

// TestShortLookup: shortLookup finds what looking up shortKey finds, in
// the short names and in courts-db's citation strings.
func TestShortLookup(t *testing.T) {
	for _, s := range []string{"N.D. Ill.", "nd ill", "N.D.\tIll.", "7th Cir.", "U.S.", "S.D.N.Y.", "N.D.\u00a0Ill.", "", "Ill", "Cal. App. 4th",
		strings.Repeat("N.D. Ill. ", 10), "9TH CIR", "ſ.D.N.Y."} {
		checkShortLookup(t, s)
	}
	if got := shortLookup(courtRulesOnce().byShort, "N.D.\nIll."); got != "ilnd" {
		t.Errorf(`shortLookup("N.D.\nIll.") = %q, want "ilnd"`, got)
	}
}

func FuzzShortLookup(f *testing.F) {
	for _, s := range []string{"N.D. Ill.", "7th Cir.", "N.D.\u00a0Ill.", "Cal. App. 4th", "D. Mass", "E.D. Pa."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkShortLookup(t, s) })
}

func checkShortLookup(t *testing.T, s string) {
	t.Helper()
	for _, m := range []map[string]string{courtRulesOnce().byShort, courtDBOnce().byCite} {
		if got, want := shortLookup(m, s), m[shortKey(s)]; got != want {
			t.Errorf("shortLookup(%q) = %q; by shortKey, %q", s, got, want)
		}
	}
}
