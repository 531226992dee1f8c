package entity

import (
	"os"
	"path/filepath"
	"testing"
)

func addSeeds(f *testing.F, extra ...string) {
	for _, s := range extra {
		f.Add(s)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(string(b[:min(len(b), 4000)]))
		}
	}
}

func fuzzTagger(f *testing.F, tagger Tagger) {
	f.Fuzz(func(t *testing.T, text string) {
		checkSpansFuzz(t, text, tagger.Tag(text))
	})
}

// checkSpansFuzz is checkSpans without the norm check: a norm may be
// anything for junk input, but a span must never lie.
func checkSpansFuzz(t *testing.T, text string, ms []Mention) {
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
			t.Fatalf("bad span %+v", m)
		}
	}
}

func FuzzStatutes(f *testing.F) {
	addSeeds(f, "Plaintiffs sue under 18 U.S.C. § 1595 and 47 U.S.C. § 230(c)(1).",
		"18 U.S.C. §§ 1591(a)(2) and 1595(a); § 230; Section 230 of the CDA; Pub. L. No. 115-164; Rule 12(b)(6)",
		"Title 18, Section 1591; section 1591 of title 18; 18\u00a0USC\u00a01591")
	fuzzTagger(f, Statutes())
}

func FuzzCitations(f *testing.F) {
	addSeeds(f, "519 F.3d 666, 671 (7th Cir. 2008); 809 F. Supp. 2d. 1041; 2021 WL\n5795306; 123 F. App’x 456")
	fuzzTagger(f, Citations())
}

func FuzzDefault(f *testing.F) {
	addSeeds(f, "IN THE UNITED STATES DISTRICT COURT\nFOR THE NORTHERN DISTRICT OF ILLINOIS\n\nG.G., Plaintiffs,\nv.\nX, INC., Defendants.\nNo. 20-cv-02335\nJudge A. B. Wood\nFiled: 05/16/22")
	fuzzTagger(f, Default())
}
