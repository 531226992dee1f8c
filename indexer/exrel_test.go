package indexer

import "testing"

// cutExRelOracle is the split as it was: exRel on every side.
func cutExRelOracle(s string) (string, string) {
	if m := exRel().FindStringSubmatch(s); m != nil {
		return m[1], m[2]
	}
	return s, ""
}

func TestCutExRel(t *testing.T) {
	for _, c := range []struct{ in, party, relator string }{
		{"UNITED STATES ex rel. JANE DOE", "UNITED STATES", "JANE DOE"},
		{"United States, ex rel Doe", "United States", "Doe"},
		{"STATE OF ILLINOIS EX REL. KWAME RAOUL", "STATE OF ILLINOIS", "KWAME RAOUL"},
		{"People ex\trel.\tSmith", "People", "Smith"},
		{"SALESFORCE.COM, INC.", "SALESFORCE.COM, INC.", ""},
		{"Relativity Media, LLC", "Relativity Media, LLC", ""}, // "rel", no "ex rel"
		{"Alex Relph", "Alex Relph", ""},
		{"", "", ""},
	} {
		p, r := cutExRel(c.in)
		if p != c.party || r != c.relator {
			t.Errorf("cutExRel(%q) = %q, %q; want %q, %q", c.in, p, r, c.party, c.relator)
		}
		if op, or := cutExRelOracle(c.in); op != p || or != r {
			t.Errorf("cutExRel(%q) = %q, %q; the expression gives %q, %q", c.in, p, r, op, or)
		}
	}
}

func FuzzCutExRel(f *testing.F) {
	for _, s := range []string{"United States ex rel. Doe", "A EX REL B", "x,ex rel y", "Relator", "ex\u017f rel"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, r := cutExRel(s)
		if op, or := cutExRelOracle(s); op != p || or != r {
			t.Fatalf("cutExRel(%q) = %q, %q; the expression gives %q, %q", s, p, r, op, or)
		}
	})
}
