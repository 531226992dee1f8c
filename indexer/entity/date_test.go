package entity

import (
	"reflect"
	"regexp"
	"slices"
	"testing"
)

func TestDates(t *testing.T) {
	runTagCases(t, Dates(), []tagCase{
		{"filed label", "Case: 1:20-cv-02335 Document #: 105 Filed: 05/16/22 Page 1", "05/16/22=2022-05-16/document"},
		{"month first", "On the record.\n\n" + pad + "decided May 16, 2022 and January 11, 2018", "May 16, 2022=2022-05-16/document; January 11, 2018=2018-01-11"},
		{"day first and French", pad + "16 May 2022; 16 mai 2022; 1er août 2021", "16 May 2022=2022-05-16; 16 mai 2022=2022-05-16; 1er août 2021=2021-08-01"},
		{"ISO", pad + "2022-05-16", "2022-05-16=2022-05-16"},
		{"abbreviated across a line", pad + "(D. Ariz. Apr. 5,\n\n2018)", "Apr. 5, 2018=2018-04-05"},
		{"opening date is the document's", "Innocent Victims\n\nJanuary 11, 2018\n\nTell Congress", "January 11, 2018=2018-01-11/document"},
		{"capitals", "WHITE PAPER\n\nMARCH 14, 2018 | NEW YORK", "MARCH 14, 2018=2018-03-14/document"},
		{"byline", pad + "~ by mruiz701 on October 24, 2015.", "October 24, 2015=2015-10-24/document"},
		{"database field", pad + "Date de décisions:\n    Thu Aug 19 00:00:00 CEST 2021", "Thu Aug 19 00:00:00 CEST 2021=2021-08-19/document"},
		{"impossible dates", pad + "February 30, 2021 and 13/45/2020", ""},
		{"two-digit years", pad + "1/2/99 and 1/2/05", "1/2/99=1999-01-02; 1/2/05=2005-01-02"},
	})
}

// pad pushes a date past the opening lines, where an unlabelled date would
// be taken for the document's own.
var pad = string(make([]byte, openingBytes))

// FuzzDateMonthHits: keeping only the month names that can start or end
// a date finds the same dates as running the patterns around every one.
func FuzzDateMonthHits(f *testing.F) {
	for _, s := range []string{"May 16, 2022", "it may be 5 days", "Sept.  5, 2018 and Jan. 3 2019", "le 1er mai 2022",
		"16 août 2021", "16 May 2022, decided", "mayday 5, 2020", "Auguſt 5, 2020", "5\tdéc\t2020", "Dec.\n4, 1999"} {
		f.Add(s)
	}
	r := dateRulesOnce()
	for _, c := range []struct {
		g  guide
		re *regexp.Regexp
	}{{r.monthFirstAt, r.monthFirst}, {r.dayFirstAt, r.dayFirst}} {
		if c.g.keep == nil {
			f.Fatal("month guide without keep")
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		lower := lowerASCII(text)
		for _, c := range []struct {
			g  guide
			re *regexp.Regexp
		}{{r.monthFirstAt, r.monthFirst}, {r.dayFirstAt, r.dayFirst}} {
			every := c.g
			every.keep = nil
			if got, want := c.g.findAll(text, lower, c.re), every.findAll(text, lower, c.re); !reflect.DeepEqual(got, want) {
				t.Errorf("%q: kept hits find %v, every hit %v", text, got, want)
			}
		}
	})
}

// labelSamples are texts before a date, with and without a label.
var labelSamples = []string{"Filed: ", "DATED ", "Decided:", "Entered on ", "Date of decision: ", "Date de décision ",
	"date de la décision :", "Published ", "Posted on ", "ISSUED: ", "Released ", "Rendered\t", "Filing date: ",
	"decided by the Court ", "Decided by Smith Jones", "by Jane Doe on ", "Poſted on ", "the hearing on ", "in re Doe, ",
	"Case: 1:20-cv-02335 Document #: 105 Filed: ", "bypass", "", "by Jane Doe ON\t", "by Jane Doe on:", "Written by Jane Doe onward ", "by Jane on ", "By Doe on", "nearby on ",
	"Date of filing: ", "the date of the hearing, ", "Decisions ", "Filed 12/01/20 Page 3 of 9, dated ", "was decided by Roe\n"}

// labelEnds are ASCII texts for endsLabelled at the edges of the label
// pattern: words run together, colons and "on" in and out of place,
// bylines of one, two and three words, word starts.
var labelEnds = []string{"filedon", "Filed:on", "filed :", "Filed on :", "xfiled: ", "undated ", "update:", "date  of\ndecision",
	"date of decisions", "date de decisions", "date de la decision", "decision:", "filing  date", "filing date on", "filed on on",
	"decided by the Court", "decided by the", "decided by Smith Jones Roe", "decided by Smith2", "decided by x", "undecided by Roe",
	"5decided by Roe", "decided\tby\tthe\tCourt\n", "decided by the-Court", "decided on", "(by Jane on", "by on", "by on on", "by a b c on",
	"nearby Jane on", "by Jane Doe on:", "by Jane xon", "by:Jane on", "_by Jane on", "by  Jane\tDoe\non \t", "Decided:on", "on", "by", ":", " "}

// TestEndsLabelled: endsLabelled says what the label pattern says of
// ASCII texts.
func TestEndsLabelled(t *testing.T) {
	for _, s := range slices.Concat(labelSamples, labelEnds) {
		checkLabelMatch(t, s)
	}
}

// FuzzLabelMatch: labelMatch says what the label pattern says.
func FuzzLabelMatch(f *testing.F) {
	for _, s := range slices.Concat(labelSamples, labelEnds) {
		f.Add(s)
	}
	f.Fuzz(checkLabelMatch)
}

func checkLabelMatch(t *testing.T, s string) {
	label := dateRulesOnce().label
	if got, want := labelMatch(label, s, lowerASCII(s)), label.MatchString(s); got != want {
		t.Errorf("labelMatch(%q) = %v, the label pattern says %v", s, got, want)
	}
}

// TestMayLabelRulesOut: text that ends with no label, however many
// label words it has, is ruled out.
func TestMayLabelRulesOut(t *testing.T) {
	for _, s := range []string{"the date of the hearing, ", "filed a motion to dismiss ", "Date: as entered by the clerk in ", "published in the ", ""} {
		if mayLabel(lowerASCII(s)) {
			t.Errorf("mayLabel(%q) = true; no label ends it", s)
		}
	}
}

// TestMayLabel: each label the pattern knows passes the word check.
func TestMayLabel(t *testing.T) {
	label := dateRulesOnce().label
	matched := 0
	for _, s := range labelSamples {
		if label.MatchString(s) {
			matched++
			if !mayLabel(lowerASCII(s)) {
				t.Errorf("mayLabel(%q) = false; the label pattern matches it", s)
			}
		}
	}
	if matched < 15 {
		t.Errorf("only %d samples are labels; the samples no longer cover the pattern", matched)
	}
}

// FuzzDateLabel: text that mayLabel rules out has no match of the label
// pattern, so the check changes no date's role.
func FuzzDateLabel(f *testing.F) {
	for _, s := range labelSamples {
		f.Add(s)
	}
	label := dateRulesOnce().label
	f.Fuzz(func(t *testing.T, text string) {
		if !mayLabel(lowerASCII(text)) && label.MatchString(text) {
			t.Errorf("mayLabel rules out %q, which the label pattern matches", text)
		}
	})
}
