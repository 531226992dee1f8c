package entity

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readTestJSON decodes a file of testdata/data.
func readTestJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "data", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// reporterExample is one example citation of reporters.json, with the
// editions of its reporter.
type reporterExample struct {
	text     string
	editions []string
	spelled  []string // editions and variations of the reporter
}

func reporterExamples(t testing.TB) []reporterExample {
	var recs map[string][]struct {
		Editions   map[string]any    `json:"editions"`
		Variations map[string]string `json:"variations"`
		Examples   []string          `json:"examples"`
	}
	readTestJSON(t, "reporters.json", &recs)
	var out []reporterExample
	for _, list := range recs {
		for _, r := range list {
			var eds []string
			for e := range r.Editions {
				eds = append(eds, e)
			}
			spelled := slices.Clone(eds)
			for v := range r.Variations {
				spelled = append(spelled, v)
			}
			for _, x := range r.Examples {
				out = append(out, reporterExample{x, eds, spelled})
			}
		}
	}
	slices.SortFunc(out, func(a, b reporterExample) int { return strings.Compare(a.text, b.text) })
	return out
}

// recognised reports whether a citation covers most of the example and
// is of one of the editions, or is written with one of their spellings:
// some spellings belong to two reporters ("19 Tenn. (Meigs) 456" is a
// volume of Meigs too; "Dem.Surr." spells two editions), and the tagger
// picks one.
func (x reporterExample) recognised(ms []Mention) bool {
	for _, m := range ms {
		if m.Kind != Citation || m.Cite == nil || 2*(m.End-m.Start) < len(strings.TrimSpace(x.text)) {
			continue
		}
		if slices.Contains(x.editions, m.Cite.Reporter) {
			return true
		}
		text := strings.Join(strings.Fields(strings.ReplaceAll(m.Text, "’", "'")), "")
		for _, e := range x.spelled {
			if strings.Contains(text, strings.Join(strings.Fields(strings.ReplaceAll(e, "’", "'")), "")) {
				return true
			}
		}
	}
	return false
}

// Every example citation of reporters-db is recognised as a citation of
// its reporter.
func TestReporterExamples(t *testing.T) {
	tagger := Citations()
	exs := reporterExamples(t)
	var missed []string
	for _, x := range exs {
		if !x.recognised(tagger.Tag(x.text)) {
			missed = append(missed, x.text)
		}
	}
	rate := 100 * float64(len(exs)-len(missed)) / float64(len(exs))
	t.Logf("reporters.json examples: %d/%d recognised (%.1f%%)", len(exs)-len(missed), len(exs), rate)
	for _, m := range missed {
		t.Errorf("not recognised: %q", m)
	}
}

// Every U.S. federal example of laws.json that cites a statute, a
// regulation or a public law is recognised, with the right title and
// section. Admin dockets ("ASBCA No. 43466") and filings ("U.S. Patent No.
// 8,112,504 B2") are not statutes and are left out.
func TestLawExamples(t *testing.T) {
	var recs map[string][]struct {
		CiteType     string   `json:"cite_type"`
		Jurisdiction string   `json:"jurisdiction"`
		Examples     []string `json:"examples"`
	}
	readTestJSON(t, "laws.json", &recs)
	want := map[string]string{ // example -> norm of its first statute mention
		"1 U.S.C. § 1": "1 U.S.C. § 1", "1 U.S.C.A. § 1": "1 U.S.C. § 1", "1 U.S.C.S. § 1": "1 U.S.C. § 1",
		"1 U.S.C.U. §§ 1-2": "1 U.S.C. § 1", "1 U.S.C. sec. 1": "1 U.S.C. § 1", "1 U.S.C. Sections 1-2": "1 U.S.C. § 1",
		"1 USC S. 1-2": "1 U.S.C. § 1", "1 U.S. Code §1": "1 U.S.C. § 1", "21, United States Code, Section 853": "21 U.S.C. § 853",
		"18, United States Code, Section 3500": "18 U.S.C. § 3500", "18, United States Code, Section 981(a)(l)(C)": "18 U.S.C. § 981",
		"48 C.F.R. § 38.48": "48 C.F.R. § 38.48", "Pub. L. No. 107-150": "Pub. L. 107-150", "Pub. L. No. 111-148, § 1101": "Pub. L. 111-148",
		"Public Law No. 117-174": "Pub. L. 117-174", "Pub.L. 107-006": "Pub. L. 107-6", "Public Law Number 107-743": "Pub. L. 107-743",
		"Private Law 115-1": "Pvt. L. 115-1", "Pvt.L. 115-001": "Pvt. L. 115-1", "Pvt. L. No. 112-1": "Pvt. L. 112-1",
		"82 Stat. 6": "82 Stat. 6", "48 Fed. Reg. 9871": "48 Fed. Reg. 9871", "59 FR 9061": "59 Fed. Reg. 9061",
		"60 Fed. Reg. 68,380": "60 Fed. Reg. 68380", "Treas. Reg. § 1.41-2": "Treas. Reg. § 1.41-2",
	}
	tagger := Statutes()
	n, ok := 0, 0
	for _, list := range recs {
		for _, r := range list {
			if r.Jurisdiction != "United States" || r.CiteType == "admin_docket" || r.CiteType == "admin_filing" {
				continue
			}
			for _, x := range r.Examples {
				n++
				w, known := want[x]
				if !known {
					t.Errorf("laws.json example %q has no expected norm in this test", x)
					continue
				}
				ms := tagger.Tag(x)
				if len(ms) > 0 && ms[0].Norm == w {
					ok++
				} else {
					t.Errorf("Statutes().Tag(%q) = %s, want first norm %q", x, brief(ms), w)
				}
			}
		}
	}
	t.Logf("laws.json federal examples: %d/%d recognised (%.1f%%)", ok, n, 100*float64(ok)/float64(max(n, 1)))
}
