package entity

import (
	"regexp"
	"testing"
)

var nameSamples = []string{"G.G.", "J.,", "A.B", "AB.", ",", "", "Doe (a minor)", "JANE DOE, et al.", "Doe ET  AL",
	"Roe, A MINOR,", "Twitter. INC.", "Acme.\tLLC", "Acme. l.l.c.", "Doe, Et\nal.", "MINORITY", "Zed. corp", "Acme.\u00a0Inc.", "Acme.\u202fLLC"}

// TestNameChecks: names that have what the patterns replace pass the
// checks before them, and initials are told as the pattern tells them.
func TestNameChecks(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"JANE DOE, et al.", "Jane Doe"},
		{"ROE (a minor)", "Roe"},
		{"Doe, A MINOR,", "Doe"},
		{"Twitter. INC.", "Twitter, Inc."},
		{"G.G.", "G.G."},
		{"SMITH J.R.", "Smith J.R."},
	} {
		if got := displayName(c.in); got != c.want {
			t.Errorf("displayName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, s := range nameSamples {
		checkNameRules(t, s)
	}
}

// FuzzNameChecks: what the checks rule out, the patterns do not match;
// isInitials is the expression it replaces.
func FuzzNameChecks(f *testing.F) {
	for _, s := range nameSamples {
		f.Add(s)
	}
	f.Fuzz(checkNameRules)
}

var initialsRE = regexp.MustCompile(`^(?:[A-Z]\.)+,?$`)

func checkNameRules(t *testing.T, s string) {
	r := nameRulesOnce()
	if got, want := isInitials(s), initialsRE.MatchString(s); got != want {
		t.Errorf("isInitials(%q) = %v, pattern %v", s, got, want)
	}
	for _, c := range []struct {
		name string
		may  bool
		re   *regexp.Regexp
	}{
		{"parens", containsByte(s, '('), r.parens},
		{"et al", mayFold(s, "et"), r.etAl},
		{"minor", mayFold(s, "minor"), r.minor},
		{"dot suffix", dotSpace(s), r.dotSuffix},
	} {
		if !c.may && c.re.MatchString(s) {
			t.Errorf("%s: the check rules out %q, which the pattern matches", c.name, s)
		}
	}
}

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}
