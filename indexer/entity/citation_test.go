package entity

import (
	"slices"
	"strings"
	"testing"
)

func TestCitations(t *testing.T) {
	runTagCases(t, Citations(), []tagCase{
		{"F.3d with pinpoint", "Craigslist, Inc., 519 F.3d 666, 671 (7th Cir. 2008)", "519 F.3d 666=519 F.3d 666"},
		{"U.S. and short form", "Twombly, 550 U.S. 544, 570 (2007). Twombly, 550 U.S. at 545.", "550 U.S. 544=550 U.S. 544; 550 U.S. at 545=550 U.S. 544"},
		{"short form without its full citation is not tagged", "Twombly, 550 U.S. at 545.", ""},
		{"short form with a comma", "Twombly, 550 U.S. 544 (2007). Twombly, 550 U.S., at 545.", "550 U.S. 544=550 U.S. 544; 550 U.S., at 545=550 U.S. 544"},
		{"Id. and supra", "Doe v. GTE Corp., 347 F.3d 655, 657 (7th Cir. 2003). Id. at 659. See GTE, supra, at 660.",
			"347 F.3d 655=347 F.3d 655; Id. at 659=347 F.3d 655; GTE, supra, at 660=347 F.3d 655"},
		{"state and regional reporters", "People v. X, 71 Cal. App. 5th 1; 2022 IL 127275; 90 N.E.3d 1; 2017-Ohio-5699", "71 Cal. App. 5th 1=71 Cal. App. 5th 1; 2022 IL 127275=2022 IL 127275; 90 N.E.3d 1=90 N.E.3d 1; 2017-Ohio-5699=2017 Ohio 5699"},
		{"F. Supp. 3d", "425 F. Supp. 3d 959, 969", "425 F. Supp. 3d 959=425 F. Supp. 3d 959"},
		{"stray period", "809 F. Supp. 2d. 1041", "809 F. Supp. 2d. 1041=809 F. Supp. 2d 1041"},
		{"split volume", "Hyson 2U, Ltd., 821\n\nF.3d 935, 939", "821 F.3d 935=821 F.3d 935"},
		{"F.4th S. Ct. L. Ed. 2d", "12 F.4th 345; 141 S. Ct. 13; 208 L. Ed. 2d 197", "12 F.4th 345=12 F.4th 345; 141 S. Ct. 13=141 S. Ct. 13; 208 L. Ed. 2d 197=208 L. Ed. 2d 197"},
		{"spacing variants", "141 S.Ct. 13; 500 F. 3d 12", "141 S.Ct. 13=141 S. Ct. 13; 500 F. 3d 12=500 F.3d 12"},
		{"Westlaw across a line", "No. 20-C-07390, 2021 WL\n\n5795306, at *4", "2021 WL 5795306=2021 WL 5795306"},
		{"LEXIS", "2021 U.S. Dist. LEXIS 12345", "2021 U.S. Dist. LEXIS 12345=2021 U.S. Dist. LEXIS 12345"},
		{"appendix", "123 F. App’x 456", "123 F. App’x 456=123 F. App'x 456"},
		{"not citations", "132 Stat. 1253; 10 U.S.C. 12; in 2016 the U.S. had 5 F", ""},
	})
}

func TestCitationDetails(t *testing.T) {
	text := "See Doe v. GTE Corp., 347 F.3d 655, 657 (7th Cir. 2003); Bell Atl. Corp. v. Twombly, 550 U.S. 544, 570, 127 S. Ct. 1955 (2007). " +
		"In re Doe, 2021 WL\n5795306, at *4 (N.D. Ill. Dec. 6, 2021). Id. at *5. Twombly, 550 U.S. at 545."
	want := []Cite{
		{Volume: "347", Reporter: "F.3d", Page: "655", Pin: "657", Court: "ca7", Year: 2003, CaseName: "Doe v. GTE Corp."},
		{Volume: "550", Reporter: "U.S.", Page: "544", Pin: "570", Court: "scotus", Year: 2007, CaseName: "Bell Atl. Corp. v. Twombly"},
		{Volume: "127", Reporter: "S. Ct.", Page: "1955", Court: "scotus", Year: 2007, CaseName: "Bell Atl. Corp. v. Twombly"},
		{Volume: "2021", Reporter: "WL", Page: "5795306", Pin: "*4", Court: "ilnd", Year: 2021, CaseName: "In re Doe"},
		{Volume: "2021", Reporter: "WL", Page: "5795306", Pin: "*5", CaseName: "In re Doe", Short: true},
		{Volume: "550", Reporter: "U.S.", Page: "544", Pin: "545", Short: true},
	}
	ms := Citations().Tag(text)
	checkSpans(t, text, ms)
	if len(ms) != len(want) {
		t.Fatalf("got %d citations, want %d: %s", len(ms), len(want), brief(ms))
	}
	for i, m := range ms {
		if *m.Cite != want[i] {
			t.Errorf("%q: cite = %+v, want %+v", m.Text, *m.Cite, want[i])
		}
	}
}

// FuzzTemplateOneMatch: in a window with one slot, a template that has
// the slot matches at most once, so readTemplate's first match is all
// of them; and every template but one has the slot.
func FuzzTemplateOneMatch(f *testing.F) {
	for _, s := range [][2]string{{"see 519 ", " 666, 671 (7th Cir. 2008)"}, {"2017 -", "- 2951"}, {"1 ", " 2 3 4 5"},
		{"5 ", " (1842) 321"}, {"\x01 12 ", " 13"}, {"", ""}, {"Doe, 12", "1999, 14 12"}} {
		f.Add(s[0], s[1])
	}
	rep := reporterRulesOnce()
	n := 0
	for _, ok := range rep.slotted {
		if !ok {
			n++
		}
	}
	if n > 1 {
		f.Errorf("%d templates without the slot", n)
	}
	f.Fuzz(func(t *testing.T, before, after string) {
		w := before + slot + after
		if strings.Count(w, slot) != 1 {
			return
		}
		for ti, re := range rep.templates {
			if !rep.slotted[ti] {
				continue
			}
			all := re.FindAllStringSubmatchIndex(w, -1)
			if len(all) > 1 {
				t.Fatalf("template %d matches %q %d times", ti, w, len(all))
			}
			if first := re.FindStringSubmatchIndex(w); len(all) == 1 && !slices.Equal(first, all[0]) || len(all) == 0 && first != nil {
				t.Fatalf("template %d in %q: first match %v, all %v", ti, w, first, all)
			}
		}
	})
}

var caseNameSamples = []string{"Doe v. Roe, ", "See Doe v. Roe, Inc., ", "&Co v. Roe,", "In re Doe,  ", "In the Matter of Jane Doe, ",
	"Bell Atl. Corp. v. Twombly,", "x Doe v. " + strings.Repeat("Roe ", 40) + ",", "Doe v. Roe " + strings.Repeat("é", 119) + ",",
	"Doe v. Roe " + strings.Repeat("é", 121) + ",", "A v. B v. " + strings.Repeat("c", 118) + ",", "United States ex rel. Doe v. Roe,",
	"Doe v. Roe", "Ex parte\u00a0Doe,\u00a0", "of the v. x,"}

// TestCaseName: the relaxed name pattern finds what the bounded one
// finds.
func TestCaseName(t *testing.T) {
	for _, s := range caseNameSamples {
		checkCaseName(t, s)
	}
}

func FuzzCaseName(f *testing.F) {
	for _, s := range caseNameSamples {
		f.Add(s)
	}
	f.Fuzz(checkCaseName)
}

// caseNameReadings are windows for caseNameMatch: where a name may
// start, the forms of "v." and "In re", white space of every kind, and
// what the other party may not hold.
var caseNameReadings = []string{"In rem Doe v. Roe,", "Doe v.Roe v. X,", "A v. , ", "A v.  ,", "A v.\u00a0,", "A v. B;C,", "Doe vs. Roe,\u00a0",
	"Doe v Roe,", "Doe vs Roe,", "5Doe v. Roe,", "é Doe v. Roe,", "\xe2Doe v. Roe,", "O’Brien v. Roe,", "O\xe2\x80Brien v. Roe,", "x,y v. z,",
	"In the Matter of X, Y,", "In re  ,", "Ex parte Doe,", "Doe v. “Roe”,", "Doe v. (Roe),", "the Doe v. Roe,", "von Doe v. Roe,", "Doe v. Roe,x",
	"A v.\u2009B,\u202f", "AvB v. C,", "a Doe v. Roe, ,", "Doe v. Roe,\n\t", "1 A v. B,", "_A v. B,", "Doe & Co. v. Roe,", "Doe v. Roe & Co,",
	"De la Cruz v. Roe,", "del Doe v. Roe,", "rel. Doe v. Roe,", "Matter of  Doe,", "In the  Matter\nof Doe,", "In re", ",", " , ", "",
	"United States ex rel. Doe v. Roe, Inc., ", "Doe, Inc. v. Roe,", "Doe Inc v. Roe v. Poe,", "Doe v. v. Roe,", "Doe v.\u00a0\u00a0,"}

// TestCaseNameMatch: caseNameMatch finds what the unbounded pattern
// it stands for finds.
func TestCaseNameMatch(t *testing.T) {
	for _, s := range slices.Concat(caseNameSamples, caseNameReadings) {
		checkCaseNameMatch(t, s)
	}
}

func FuzzCaseNameMatch(f *testing.F) {
	for _, s := range slices.Concat(caseNameSamples, caseNameReadings) {
		f.Add(s)
	}
	f.Fuzz(checkCaseNameMatch)
}

func checkCaseNameMatch(t *testing.T, w string) {
	got, want := caseNameMatch(w), citationRulesOnce().name.fast.FindStringSubmatchIndex(w)
	if !slices.Equal(got, want) {
		t.Errorf("in %q caseNameMatch finds %v, the pattern %v", w, got, want)
	}
}

func checkCaseName(t *testing.T, w string) {
	r := citationRulesOnce()
	got, want := r.name.FindStringSubmatchIndex(w), r.name.bounded.FindStringSubmatchIndex(w)
	if !slices.Equal(got, want) {
		t.Errorf("in %q the relaxed name pattern finds %v, the bounded one %v", w, got, want)
	}
}

// parenEnds are parentheticals for parenYear: years in and out of range,
// dates of every shape the pattern takes and some it does not, and what
// may stand before them.
var parenEnds = []string{"7th Cir. 2008", "N.D. Ill. Dec. 6, 2021", "2008", "1599", "1600", "2099", "2100", "x2008", ",2008", "Cir.2008",
	"Dec. 6, 2021", "Dec 6 2021", "Dec.\u00a06,\u20092021\u202f", "December 16, 2021  ", "Sept. 30,2021", "May 52020", "May 123 2020",
	"May 5 , 2020", "xMay 5, 2020", "JMay 5, 2020", "MAY 5, 2020", "Ma 5, 2020", ",May 5, 2020", "May5, 2020", "Mayy. 5, 2020",
	"Jun. 5 2020 ", "2d Cir. 2008)", "\xe2\x80 2008", "\xa02008", "S.D.N.Y. Jan. 2, 2020\n", "", " ", "Dec. 6, 21"}

// TestParenYear: parenYear finds what the parenthetical's end pattern
// finds.
func TestParenYear(t *testing.T) {
	for _, s := range parenEnds {
		checkParenYear(t, s)
	}
}

func FuzzParenYear(f *testing.F) {
	for _, s := range parenEnds {
		f.Add(s)
	}
	f.Fuzz(checkParenYear)
}

func checkParenYear(t *testing.T, s string) {
	if got, want := parenYear(s), citationRulesOnce().parenEnd.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Errorf("parenYear(%q) = %v, the pattern finds %v", s, got, want)
	}
}

// standardWindows are the text on either side of a reporter for
// standardAt: volumes with zeros, white space of every kind, commas,
// and pages that are not there.
var standardWindows = [][2]string{{"519 ", " 666, 671 (7th Cir. 2008)"}, {"see 0519 ", ", 666"}, {"000 ", " 1"}, {"12a ", " 5"}, {"12", " 5"}, {"12 ", "5"},
	{"12\u00a0\u2009", "\u202f5"}, {"5\n", ",\n7x"}, {"5 ", ",,7"}, {"", " 7"}, {"1 2 ", " 3 4"}, {"\xa0 ", " 9"}, {"9\xe2\x80\x89", " 9"}, {"99 ", " \xc2"}}

// TestStandardAt: standardAt finds what the standard template finds.
func TestStandardAt(t *testing.T) {
	for _, w := range standardWindows {
		checkStandardAt(t, w[0], w[1])
	}
	if !slices.Contains(reporterRulesOnce().standard, true) {
		t.Error("no template of reporters-db is the standard one")
	}
}

func FuzzStandardAt(f *testing.F) {
	for _, w := range standardWindows {
		f.Add(w[0], w[1])
	}
	f.Fuzz(checkStandardAt)
}

func checkStandardAt(t *testing.T, before, after string) {
	if strings.Contains(before+after, slot) {
		return
	}
	w := before + slot + after
	if got, want := standardAt(w, len(before)), mustCompile(standardTemplate).FindStringSubmatchIndex(w); !slices.Equal(got, want) {
		t.Errorf("standardAt(%q) = %v, the template finds %v", w, got, want)
	}
}

// parenSamples are the text after a citation for parenAt: parentheticals
// at, under and over 80 runes, nested, broken by a line, after white
// space of every kind, and none.
var parenSamples = []string{" (7th Cir. 2008); x", "(N.D. Ill. Dec. 6, 2021)", "(" + strings.Repeat("é", 80) + ")", "(" + strings.Repeat("x", 81) + ")",
	"(" + strings.Repeat("x", 80) + ")", "((2008))", "(a (b) c)", "(7th\nCir.)", "\u00a0\u2009\n (x)", "x (2008)", "()", "(", "", " ) (", "(\xff\xe2)"}

// TestParenAt: parenAt finds what the parenthetical pattern finds.
func TestParenAt(t *testing.T) {
	for _, s := range parenSamples {
		checkParenAt(t, s)
	}
}

func FuzzParenAt(f *testing.F) {
	for _, s := range parenSamples {
		f.Add(s)
	}
	f.Fuzz(checkParenAt)
}

func checkParenAt(t *testing.T, s string) {
	if got, want := parenAt(s), citationRulesOnce().paren.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Errorf("parenAt(%q) = %v, the pattern finds %v", s, got, want)
	}
}

// shortSamples are the text after a reporter for shortAt and blankAt:
// short forms, blank pages and what only looks like them.
var shortSamples = []string{", at 545", " at 545", ",at 5", " at\u00a0*12", " at **3-4", " at ***3", " at *", "\u2009at\t7", " at5", "at 5", ",, at 5",
	" At 5", " at  \n 12, 14", "", ",", " ", " ___", " __", " _", "\t---", " --", " —", "\u00a0——x", " – ", "___", " - - -", " _—", " ---__"}

// TestShortAt: shortAt and blankAt find what the short form's and the
// blank page's patterns find.
func TestShortAt(t *testing.T) {
	for _, s := range shortSamples {
		checkShortAt(t, s)
	}
}

func FuzzShortAt(f *testing.F) {
	for _, s := range shortSamples {
		f.Add(s)
	}
	f.Fuzz(checkShortAt)
}

func checkShortAt(t *testing.T, s string) {
	r := citationRulesOnce()
	if got, want := shortAt(s), r.short.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Errorf("shortAt(%q) = %v, the pattern finds %v", s, got, want)
	}
	if got, want := blankAt(s), r.blank.FindStringIndex(s); !slices.Equal(got, want) {
		t.Errorf("blankAt(%q) = %v, the pattern finds %v", s, got, want)
	}
}

// pinSamples are the text after a citation for pinAt: pages with and
// without "at", stars, ranges, notes and what only looks like them.
var pinSamples = []string{", 671 (7th Cir. 2008)", ", at 671", " at 5", "at5", ", *3", "***3", "**", ", 12-14", ", 12 – 14 n.3", ", 12 n. 3", ", 12 nn.3-4",
	", 12 n.x", ", 12 -x", ", 12-", "12n.3", ", at\u00a0*12", "\u2009, 5", ",, 5", "", "x", " at  at 5", ", 12 \u2013\u00a014", ", 1 n.", ", 1nn. 2"}

// TestPinAt: pinAt finds what the pinpoint pattern finds.
func TestPinAt(t *testing.T) {
	for _, s := range pinSamples {
		checkPinAt(t, s)
	}
}

func FuzzPinAt(f *testing.F) {
	for _, s := range pinSamples {
		f.Add(s)
	}
	f.Fuzz(checkPinAt)
}

func checkPinAt(t *testing.T, s string) {
	if got, want := pinAt(s), citationRulesOnce().pin.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Errorf("pinAt(%q) = %v, the pattern finds %v", s, got, want)
	}
}
