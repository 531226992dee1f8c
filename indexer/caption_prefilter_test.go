package indexer

import (
	"strings"
	"testing"
)

// FuzzCaptionPrefilters: a line that captionPrep's cheap checks pass over
// has no match of the expression they stand before.
func FuzzCaptionPrefilters(f *testing.F) {
	for _, s := range []string{"", "JOHN DOE,   )", "Plaintiff-Appellant, D.C. No.", "ACME CORP.,\t\t\tCase No. 1:20-cv-1",
		"12  DEFENDANTS", "Name: ______", "A v. B § 1", "x\f\r\ty", "NO. 5", "no.", "Doe, et al.,  Nos. 1, 2"} {
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
		if !mayHaveSideColumn(line) && sideColumn().MatchString(line) {
			t.Errorf("sideColumn matches %q", line)
		}
	})
}
