package indexer

import (
	"regexp"
	"strings"
	"testing"
)

// FuzzCaptionPrefilters: a line that captionPrep's cheap checks pass over
// has no match of the expression they stand before.
func FuzzCaptionPrefilters(f *testing.F) {
	for _, s := range []string{"", "JOHN DOE,   )", "Plaintiff-Appellant, D.C. No.", "ACME CORP.,\t\t\tCase No. 1:20-cv-1",
		"12  DEFENDANTS", "Name: ______", "A v. B § 1", "x\f\r\ty", "NO. 5", "no.", "Doe, et al.,  Nos. 1, 2",
		"REAL PARTIES IN INTEREST(s) — against —", "Counter-Claimants, v.", "-vs-", "Reſpondents v.", "IN THE UNITED STATES COURT OF APPEALS",
		"Bankruptcy Appellate Panel of the Ninth Circuit", "INDIANA TAX COURT", "the Superior Court of the State of California",
		"JOHN DOE, an individual, Plaintiff,", "Doe (a minor), et al.,", "Jay Roe a/k/a J", "Acme d/b/a Backpage", "Roe also known as Jay",
		"Plaintiffs-Appellants", "Third Party Defendant 2", "Deputy Clerk", "CLERK OF THE COURT.", "In re: Doe", "IN THE MATTER OF X",
		"Ex Parte Roe", "in rex", "A court, in 2019, held", "Tax Court of the O'Neil Co.", "U.S. Court of Appeals", "Court of Federal Claims\n", "Real Parties in Interest", "Counter-Claimant", "Doe, ET AL", "Roe, \u212aa", "Roe AKA Ray",
		"Doe ) No. 1", "Doe )", "Doe)", "Doe:  x", "Doe § 1", "Doe §", "Doe §x", "Doe \xc2", " Doe  Roe ", "Doe\vRoe", "Doe\u00a0Roe", "Doe\u2003 Roe", "Re: Case No. 1, Doe v. Roe", "Doe vs. Roe", "Doe v.", "Doe v Roe",
		"the court finds that the motion", "The Court of Appeals held", "IN THE CIRCUIT COURT OF COOK COUNTY, ILLINOIS", "In the Court of Criminal Appeals of Texas",
		"For the 9th Circuit Court", "the state's supreme court", "United States Bankruptcy Court", "THE UNITED STATES BANKRUPTCY APPELLATE PANEL", "court of claims", "Court of the Ninth", "the panel",
		"MARY ROE, individually,", "JOHN DOE, et al.,", "No. 20-cv-1", "#12", "2009-1361", ":20-cv", "Case No. 1:20", "D. C. No. 5:06-CV", "USDC No. 3",
		"Filed: May 5, 2020", "ON APPEAL FROM", "Appeals from the", "[PUBLISH]", "(Slip Opinion)", "Do Not Publish", "To be cited as", "NOTE: x",
		"OCTOBER TERM, 2019", "February 5, 2010", "Northern District", "Eastern District of Texas", "DIVISION THREE", "WESTERN DIVISION",
		"for the District of Columbia", "Nos. 1, 2", "Number 5", "numbers: 12", "certiorari", "Syllabus", "PER CURIAM", "unpublished", "NONPRECEDENTIAL",
		"recommended for full-text publication", "File Name: 20a0001p.06", "Pursuant to 5th Cir. R. 47.5", "Summary Calendar", "Electronic Citation: x",
		"Certified for Publication", "Ninth Circuit", "the 9th circuit", "ORDER", "Opinion of the Court", "JUDGMENT", "MEMORANDUM", "Before: A, B",
		"Argued May 1, 2019", "Submitted", "Entered", "Dated", "Decided", "petition for review", "ON PETITION", "Tax Court of the O'Neil Co.",
		"Middle District", "Central District of California", "Southern District", "Jane Roe", "Acme Corp.", "xdistrict",
		"Gildernew v. Gantner", "Doe vs. Roe", "doe v. Roe", "Doe v. roe", "Doe V. Roe", "Doe v.Roe", "Zoë v. Ärzte", "Doe v. Roe, 519 F.3d 666",
		"JOHN DOE,\tNo. 08-1234", "ACME, INC., Nos. 1, 2", "Roe, D.C. No. 5:06-cv", "Roe, USDC No.", "Doe, Case No.", "Doe, nO.", "Doe, no.5", "Doe,  NOS.",
		"v", "V.", "vs", "VS.)", "-v-", "Versus", "AGAINST", "against -", "v )", "v\t", "v\v", "v.,", "v:", "Plaintiffs, v. ",
		"– v. –", "—v—", "Defendants(s) vs", "Respondents\tagainst\f", "Nev", "Dev.", "ſ v.", "vſ", "(v)", "vs..--)) ", "v.x",
		"UNITED STATES DISTRICT COURT", "For the U.S. Supreme Court", "in\x00the district court", "District Court_", "the court of appeals2",
		"it is not. So", "we know. Then", "Doe, No", "Doe, noſ.", "Doe,\u00a0No.", "Doe,\vNo."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.IndexByte(line, '_') < 0 && underscores().MatchString(line) {
			t.Errorf("underscores matches %q", line)
		}
		if (line == "" || line[0] < '1' || line[0] > '9') && pleadingNumber().MatchString(line) {
			t.Errorf("pleadingNumber matches %q", line)
		}
		if (strings.IndexByte(line, '.') < 0 || !hasNo(line)) && rightNumber().MatchString(line) {
			t.Errorf("rightNumber matches %q", line)
		}
		if !mayRightNumber(line) && rightNumber().MatchString(line) {
			t.Errorf("mayRightNumber(%q) = false, but rightNumber matches", line)
		}
		if !mayHaveSideColumn(line) && sideColumn().MatchString(line) {
			t.Errorf("sideColumn matches %q", line)
		}
		if !strings.Contains(line, "v.") && !strings.Contains(line, "vs.") && inlineCase().MatchString(lineLabel().ReplaceAllString(line, "")) {
			t.Errorf("inlineCase matches %q without its label", line)
		}
		if got, want := joinFields(line), strings.Join(strings.Fields(line), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", line, got, want)
		}
		if got, want := countFields(line), len(strings.Fields(line)); got != want {
			t.Errorf("countFields(%q) = %d, want %d", line, got, want)
		}
		if got, want := isSeparator(line), separator().MatchString(line); got != want {
			t.Errorf("isSeparator(%q) = %v, separator matches: %v", line, got, want)
		}
		if surelyCourtName(line) && !courtName().MatchString(line) {
			t.Errorf("surelyCourtName(%q), but courtName does not match it", line)
		}
		if got, want := isCourtName(line), courtName().MatchString(line); got != want {
			t.Errorf("isCourtName(%q) = %v, courtName matches: %v", line, got, want)
		}
		for _, c := range []struct {
			name    string
			got, re func(string) bool
		}{
			{"roleLine", isRoleLine, roleLine().MatchString},
			{"clerkLabel", isClerkLabel, clerkLabel().MatchString},
			{"inRe", isInRe, inRe().MatchString},
			{"stopLine", isStopLine, stopLine().MatchString},
			{"shortCaseName", isShortCaseName, shortCaseName().MatchString},
		} {
			if got, want := c.got(line), c.re(line); got != want {
				t.Errorf("%s: the check says %v for %q, the pattern %v", c.name, got, line, want)
			}
		}
		for _, c := range []struct {
			name string
			cut  func(string) string
			re   *regexp.Regexp
		}{
			{"roleTail", cutRoleTail, roleTail()},
			{"parenthetical", cutParenthetical, parenthetical()},
			{"alias", cutAlias, alias()},
			{"etAl", cutEtAl, etAl()},
		} {
			if got, want := c.cut(line), c.re.ReplaceAllString(line, ""); got != want {
				t.Errorf("%s: the cut makes %q of %q, the pattern %q", c.name, got, line, want)
			}
		}
	})
}

// TestSeparatorLetters: separatorLetters is at least the letters of the
// longest role, "(s)" and "versus", so isSeparator rules out no line that
// separator matches.
func TestSeparatorLetters(t *testing.T) {
	longest := 0
	for _, alt := range strings.Split(roleWords, "|") {
		n := 0
		for _, c := range strings.NewReplacer("?", "", "[- ]", "", "-", "").Replace(alt) {
			if 'a' <= c && c <= 'z' {
				n++
			}
		}
		longest = max(longest, n)
	}
	if want := longest + len("s") + len("against"); separatorLetters < want {
		t.Errorf("separatorLetters = %d, want at least %d", separatorLetters, want)
	}
}

var organisationSamples = []string{"", "Jane Doe", "ACME, INC.", "Acme Inc", "Acme incorporated", "Doe L.L.C.", "Doe l.l.cx",
	"Bank of America, N.A.", "Ass'n of Doe", "Dep't of Justice", "Doe & Roe", "Doe@x", "Route 66", "Twitter.com", "Twitter.comx",
	"xthe", "the_x", "Services", "SERVICE", "servicess", "Steven Montrail Triplet", "Kelvin \u212a", "ſervices", "Café Rouge",
	"S.A.", "s.ax", "GmbH", "Doe Co.", "Doe Cox"}

// TestIsOrganisation: the hand-written check and the expression agree,
// and the check tells organisations from people.
func TestIsOrganisation(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{{"Jane Doe", false}, {"ACME, INC.", true}, {"Bank of America, N.A.", true}, {"Dep't of Justice", true},
		{"Twitter.com", true}, {"Doe L.L.C.", true}, {"Servicess Triplet", false}, {"SERVICE", true}} {
		if got := isOrganisation(c.in); got != c.want {
			t.Errorf("isOrganisation(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	for _, s := range organisationSamples {
		if got, want := isOrganisation(s), organisation().MatchString(s); got != want {
			t.Errorf("isOrganisation(%q) = %v, organisation matches: %v", s, got, want)
		}
	}
}

func FuzzIsOrganisation(f *testing.F) {
	for _, s := range organisationSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isOrganisation(s), organisation().MatchString(s); got != want {
			t.Errorf("isOrganisation(%q) = %v, organisation matches: %v", s, got, want)
		}
	})
}

// TestRoleStems: each role of roleWords, in its shortest spelling, has
// one of roleStems, and is a role line.
func TestRoleStems(t *testing.T) {
	optional := regexp.MustCompile(`.\?`)
	for _, alt := range strings.Split(roleWords, "|") {
		w := optional.ReplaceAllString(strings.ReplaceAll(alt, "[- ]", " "), "")
		if !mayRole(strings.ToUpper(w)) {
			t.Errorf("role %q (from %q) has none of roleStems", w, alt)
		}
		if !isRoleLine(w) {
			t.Errorf("role %q (from %q) is not a role line", w, alt)
		}
	}
}

// TestCaptionLineShortcuts: a right-hand column's mark counts only with
// white space before it and white space or the end after it, and a line
// already in single-spaced words is kept as it is.
func TestCaptionLineShortcuts(t *testing.T) {
	for _, c := range []struct {
		line string
		side bool
	}{
		{"JANE DOE, ) Case No. 1", true},
		{"JANE DOE, )", true},
		{"Doe (a minor), et al.,", false},
		{"Case No.: 1:20-cv-1", false},
		{"Doe § 1591", true},
		{"18 U.S.C. §1591", false},
		{"ACME CORP.   Case No. 5", true},
		{"ACME CORP.  x", false},
	} {
		if got := mayHaveSideColumn(c.line); got != c.side {
			t.Errorf("mayHaveSideColumn(%q) = %v, want %v", c.line, got, c.side)
		}
		if got, want := c.side, sideColumn().MatchString(c.line); got != want {
			t.Errorf("sideColumn on %q: %v, the table says %v", c.line, want, got)
		}
	}
	// caption.inline reads a line only when it has "v." or "vs."
	for line, want := range map[string]bool{
		"Doe v. Roe": true, "Re: Case No. 1, Doe vs. Roe": true, "Doe vs. Roe": true,
		"Doe v Roe": false, "Doe versus Roe": false, "Doe V. Roe": false,
	} {
		read := strings.Contains(line, "v.") || strings.Contains(line, "vs.")
		if got := inlineCase().MatchString(lineLabel().ReplaceAllString(line, "")); got != want || got && !read {
			t.Errorf("%q: inlineCase matches %v, want %v; read %v", line, got, want, read)
		}
	}
	for line, want := range map[string]int{
		"": 0, " ": 0, "Doe": 1, " Doe  Roe ": 2, "Doe\u00a0Roe": 2, "Doe\u0085Roe\vX": 3, "Doe\xffRoe": 1, "\u2003a\u3000b c": 3,
	} {
		if got := countFields(line); got != want {
			t.Errorf("countFields(%q) = %d, want %d", line, got, want)
		}
	}
	for line, want := range map[string]string{
		"JANE DOE, Plaintiff,":  "JANE DOE, Plaintiff,",
		"JANE  DOE,\tPlaintiff": "JANE DOE, Plaintiff",
		" Doe ":                 "Doe",
		"Doe\u00a0Roe":          "Doe Roe",
		"":                      "",
	} {
		if got := joinFields(line); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestIsCourtName: the lines that name a court, and the prose and party
// lines that mention one, come out as the pattern says.
func TestIsCourtName(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"IN THE UNITED STATES DISTRICT COURT", true},
		{"UNITED STATES COURT OF APPEALS", true},
		{"In the Court of Criminal Appeals of Texas", true},
		{"IN THE CIRCUIT COURT OF COOK COUNTY, ILLINOIS", true},
		{"the Superior Court of the State of California", true},
		{"INDIANA TAX COURT", true},
		{"Court of Federal Claims", true},
		{"Bankruptcy Appellate Panel of the Ninth Circuit", true},
		{"SUPREME COURT OF THE UNITED STATES", true},
		{"the court finds that the motion should be denied", false},
		{"The court, in 2019, held", false},
		{"the court of appeals' decision", true},
		{"JOHN DOE, Plaintiff,", false},
		{"CLERK OF THE COURT.", false},
		{"the district court erred", true},
	} {
		got, re := isCourtName(c.line), courtName().MatchString(c.line)
		if got != re || got != c.want {
			t.Errorf("isCourtName(%q) = %v, courtName matches: %v, want %v", c.line, got, re, c.want)
		}
	}
}

// TestSurelyCourtName: the usual federal court's name is known without
// the pattern, and only what the pattern matches is.
func TestSurelyCourtName(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"UNITED STATES DISTRICT COURT", true},
		{"IN THE UNITED STATES COURT OF APPEALS", true},
		{"For the U.S. Bankruptcy Court", true},
		{"the Supreme Court, of", true},
		{"District Court\u00e9", true},
		{"IN THE COURT OF CRIMINAL APPEALS OF TEXAS", true},
		{"court of civil appeals", true},
		{"UNITED STATES DISTRICT COURTS", false},
		{"UNITED STATES DISTRICT COURT_", false},
		{"in\x00the district court", false},
		{"U\x0eS\x0e district court", false},
		{"the the district court", false}, // the pattern matches it another way
		{"IN THE CIRCUIT COURT OF COOK COUNTY", false},
		{"UNITED STATES  DISTRICT COURT", false},
		{"Court of Appeal", false},
		{"", false},
	} {
		if got := surelyCourtName(c.line); got != c.want {
			t.Errorf("surelyCourtName(%q) = %v, want %v", c.line, got, c.want)
		}
		if c.want && !courtName().MatchString(c.line) {
			t.Errorf("surelyCourtName(%q), but courtName does not match it", c.line)
		}
	}
}

// TestIsStopLine: the lines that end a side of a caption (a court, a
// number, a date, a document's title) stop it; a party's lines do not.
func TestIsStopLine(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"JOHN DOE, an individual,", false},
		{"MARY ROE, individually and on behalf of others,", false},
		{"Acme Corp., a Delaware corporation,", false},
		{"No. 1:20-cv-02335", true},
		{"Case No. 20-1234", true},
		{"2009-1361", true},
		{"February 5, 2010", true},
		{"Filed 05/16/22", true},
		{"MEMORANDUM OPINION AND ORDER", true},
		{"UNITED STATES DISTRICT COURT", true},
		{"NORTHERN DISTRICT OF ILLINOIS", true},
		{"EASTERN DIVISION", true},
		{"Ninth Circuit", true},
		{"[PUBLISH]", true},
	} {
		got, re := isStopLine(c.line), stopLine().MatchString(c.line)
		if got != re || got != c.want {
			t.Errorf("isStopLine(%q) = %v, stopLine matches: %v, want %v", c.line, got, re, c.want)
		}
	}
}

// checkCourtNames: a courtNames answers each line as isCourtName does,
// the first time and when asked again.
func checkCourtNames(t *testing.T, text string) {
	t.Helper()
	var m courtNames
	lines := strings.Split(text, "\n")
	if got, want := courtHeadedOf(text, &m), courtHeaded(text); got != want {
		t.Errorf("courtHeadedOf(%q) = %v, courtHeaded %v", text, got, want)
	}
	held := 0
	for round := range 2 {
		for _, l := range lines {
			if got, want := m.isCourtName(l), isCourtName(l); got != want {
				t.Errorf("round %d: courtNames.isCourtName(%q) = %v, isCourtName %v", round, l, got, want)
			}
		}
		if round == 0 {
			held = len(m.lines)
		} else if len(m.lines) != held {
			t.Errorf("asked again, courtNames grew from %d lines to %d", held, len(m.lines))
		}
	}
	var nilNames *courtNames
	for _, l := range lines {
		if got, want := nilNames.isCourtName(l), isCourtName(l); got != want {
			t.Errorf("nil courtNames.isCourtName(%q) = %v, isCourtName %v", l, got, want)
		}
	}
}

func TestCourtNames(t *testing.T) {
	for _, text := range []string{"", "IN THE UNITED STATES DISTRICT COURT\nFOR THE NORTHERN DISTRICT OF ILLINOIS\nJOHN DOE,\nPlaintiff,",
		"Court: UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA\nINDIANA TAX COURT\nINDIANA TAX COURT",
		"the court finds\nThe Court of Appeals held\nSUPREME COURT OF THE UNITED STATES"} {
		checkCourtNames(t, text)
	}
}

func FuzzCourtNames(f *testing.F) {
	f.Add("IN THE UNITED STATES DISTRICT COURT\nFOR THE NORTHERN DISTRICT OF ILLINOIS\nJOHN DOE,\nPlaintiff,\nIN THE UNITED STATES DISTRICT COURT")
	f.Fuzz(checkCourtNames)
}

// TestCutRightNumber: a case number beside a party's name is cut; prose
// with "no" and a period in it is left as it is.
func TestCutRightNumber(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"JOHN DOE, an individual,    No. 08-1234", "JOHN DOE, an individual,"},
		{"ACME, INC.,\tCase Nos. 1, 2", "ACME, INC.,"},
		{"Re: Case No. 19-5555, A v. B", "Re: Case No. 19-5555, A v. B"},
		{"it is not. So, we know no more.", "it is not. So, we know no more."},
		{"Doe, et al.,", "Doe, et al.,"},
	} {
		if got := cutRightNumber(c.line); got != c.want {
			t.Errorf("cutRightNumber(%q) = %q, want %q", c.line, got, c.want)
		}
		if !mayRightNumber(c.line) && rightNumber().MatchString(c.line) {
			t.Errorf("mayRightNumber(%q) = false, but rightNumber matches", c.line)
		}
	}
}
