package indexer

import "testing"

// mayRoleOracle is mayRole as it was: a pass over s for each stem.
func mayRoleOracle(s string) bool {
	if hasNonASCII(s) {
		return true
	}
	for _, w := range roleStems {
		if containsFoldASCII(s, w) {
			return true
		}
	}
	return false
}

func TestMayRole(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"", false},
		{"Plaintiff,", true},
		{"DEFENDANTS-APPELLEES.", true},
		{"Cross-Appellant", true},
		{"AMICUS CURIAE", true},
		{"Real Parties in Interest", true},
		{"G.G., a minor,", false},
		{"SALESFORCE.COM, INC.,", false},
		{"v.", false},
		{"plaintif", false},          // a stem cut short at the end
		{"xplaintiffx", true},        // inside a word: only a prefilter
		{"Défendeur", true},          // outside ASCII: the patterns decide
		{"@PPELLANT", false},         // '@' is not 'a' in any case
		{"GARNISHEE OBJECTOR", true}, // the last stems of the list
	} {
		if got := mayRole(c.line); got != c.want {
			t.Errorf("mayRole(%q) = %v, want %v", c.line, got, c.want)
		}
		if got := mayRoleOracle(c.line); got != c.want {
			t.Errorf("oracle(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}

func FuzzMayRole(f *testing.F) {
	for _, s := range []string{"", "Plaintiff-Appellant,", "JOHN DOE, Defendant.", "in the matter of", "COUNTER", "libellant"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := mayRole(s), mayRoleOracle(s); got != want {
			t.Fatalf("mayRole(%q) = %v, want %v", s, got, want)
		}
	})
}
