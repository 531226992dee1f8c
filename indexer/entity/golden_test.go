package entity

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// The sample documents, cleaned as the extractor cleans them (the Docket
// Alarm copy without its backtick gutter, "throbber" lines, caption column
// and paywall trailer).
var samples = []string{"gg-v-salesforce", "sherloc-doe-v-twitter", "essay", "unicef", "white-paper"}

func readSample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGolden(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			text := readSample(t, name)
			ms := Default().Tag(text)
			checkSpans(t, text, ms)
			got, err := json.MarshalIndent(ms, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Default().Tag(%s) differs from %s; run go test -update and review the diff", name, golden)
			}
		})
	}
}

// facets collects the distinct norms of one kind, with role filter when
// role is not "".
func facets(ms []Mention, kind Kind, role string) []string {
	var out []string
	for _, m := range ms {
		if m.Kind == kind && (role == "" || m.Role == role) && !slices.Contains(out, m.Norm) {
			out = append(out, m.Norm)
		}
	}
	slices.Sort(out)
	return out
}

func TestSampleFacets(t *testing.T) {
	type want struct {
		kind  Kind
		role  string
		norms []string // each must be present
		exact bool     // and nothing else
	}
	for _, tc := range []struct {
		name  string
		wants []want
		not   map[Kind][]string
	}{
		{"gg-v-salesforce", []want{
			{Statute, "", []string{"18 U.S.C. § 1595", "18 U.S.C. § 1591", "47 U.S.C. § 230", "FOSTA", "Fed. R. Civ. P. 12(b)(6)"}, false},
			{Court, RoleDeciding, []string{"ilnd"}, true},
			{Court, RoleCited, []string{"ca7", "cadc", "ilnd"}, false},
			{Party, RolePlaintiff, []string{"G.G."}, true},
			{Party, RoleDefendant, []string{"Salesforce.com, Inc."}, true},
			{Judge, "", []string{"Andrea R. Wood"}, true},
			{Docket, RoleDocument, []string{"1:20-cv-02335"}, true},
			{Date, RoleDocument, []string{"2022-05-16"}, true},
			{Citation, "", []string{"519 F.3d 666", "507 F.3d 614", "550 U.S. 544", "2021 WL 5795306"}, false},
		}, nil},
		{"sherloc-doe-v-twitter", []want{
			{Statute, "", []string{"18 U.S.C. § 1591", "18 U.S.C. § 1595", "TVPRA", "FOSTA", "47 U.S.C. § 230"}, false},
			{Court, RoleDeciding, []string{"cand"}, true},
			{Party, RolePlaintiff, []string{"John Doe"}, false},
			{Party, RoleDefendant, []string{"Twitter, Inc."}, true},
			{Docket, RoleDocument, []string{"21-cv-00485"}, true},
			{Date, RoleDocument, []string{"2021-08-19"}, true},
		}, nil},
		{"essay", []want{
			{Court, RoleDeciding, nil, true},
			{Date, RoleDocument, []string{"2015-10-24"}, true},
		}, map[Kind][]string{Statute: {"18 U.S.C. § 1595"}}},
		{"unicef", []want{
			{Court, RoleDeciding, nil, true},
			{Statute, "", []string{"SESTA", "47 U.S.C. § 230", "Communications Decency Act"}, false},
			{Date, RoleDocument, []string{"2018-01-11"}, true},
		}, map[Kind][]string{Statute: {"18 U.S.C. § 1595"}}},
		{"white-paper", []want{
			{Court, RoleDeciding, nil, true},
			{Statute, "", []string{"47 U.S.C. § 230", "FOSTA", "SESTA", "TVPA"}, false},
			{Date, RoleDocument, []string{"2018-03-14"}, true},
		}, map[Kind][]string{Statute: {"18 U.S.C. § 1595"}, Party: nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := Default().Tag(readSample(t, tc.name))
			for _, w := range tc.wants {
				got := facets(ms, w.kind, w.role)
				for _, n := range w.norms {
					if !slices.Contains(got, n) {
						t.Errorf("%s/%s: %q missing from %q", w.kind, w.role, n, got)
					}
				}
				if w.exact && len(got) != len(w.norms) {
					t.Errorf("%s/%s = %q, want exactly %q", w.kind, w.role, got, w.norms)
				}
			}
			for kind, norms := range tc.not {
				got := facets(ms, kind, "")
				if norms == nil && len(got) > 0 {
					t.Errorf("%s = %q, want none", kind, got)
				}
				for _, n := range norms {
					if slices.Contains(got, n) {
						t.Errorf("%s: unexpected %q", kind, n)
					}
				}
			}
		})
	}
}

// A megabyte of opinion text must tag in well under a second; the bound
// here is loose so that a busy or race-instrumented machine still passes,
// and BenchmarkDefault reports the real figure.
func TestLargeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	text := largeText(t, 1<<20)
	ms := Default().Tag(text)
	checkSpans(t, text, ms)
	if len(ms) == 0 {
		t.Fatal("no mentions in a megabyte of opinion")
	}
}

func largeText(t testing.TB, n int) string {
	one := readSample(t, "gg-v-salesforce")
	return strings.Repeat(one, n/len(one)+1)[:n]
}

func BenchmarkDefault(b *testing.B) {
	text := largeText(b, 1<<20)
	tags := Default()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tags.Tag(text)
	}
}
