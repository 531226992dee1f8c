package entity

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// opinionHeader is one case of testdata/opinion_headers.json (Free Law
// Project juriscraper's expectations for the first lines of opinions).
type opinionHeader struct {
	Court    string `json:"court_id"`
	Text     string `json:"input_text"`
	Expected struct {
		Docket struct {
			DocketNumber string `json:"docket_number"`
		} `json:"Docket"`
		Cluster struct {
			DocketNumber string `json:"docket_number"`
			DateFiled    string `json:"date_filed"`
			Judges       string `json:"judges"`
		} `json:"OpinionCluster"`
		Opinion struct {
			Author string `json:"author_str"`
		} `json:"Opinion"`
		Origin struct {
			Judge        string `json:"assigned_to_str"`
			DocketNumber string `json:"docket_number"`
		} `json:"OriginatingCourtInformation"`
	} `json:"expected"`
}

func readOpinionHeaders(t testing.TB) []opinionHeader {
	b, err := os.ReadFile(filepath.Join("testdata", "opinion_headers.json"))
	if err != nil {
		t.Fatal(err)
	}
	var hs []opinionHeader
	if err := json.Unmarshal(b, &hs); err != nil {
		t.Fatal(err)
	}
	return hs
}

// headerFields scores what Default reads off one header: for each field
// the header has an expectation for, whether it was read right.
func headerFields(h opinionHeader, ms []Mention) map[string]bool {
	got := map[string]bool{}
	if d := firstNonEmpty(h.Expected.Docket.DocketNumber, h.Expected.Cluster.DocketNumber); d != "" {
		got["docket"] = hasDocket(ms, d)
	}
	if d := h.Expected.Cluster.DateFiled; d != "" {
		ok := false
		for _, m := range ms {
			ok = ok || m.Kind == Date && m.Role == RoleDocument && m.Norm == d
		}
		got["date"] = ok
	}
	if j := strings.TrimSpace(h.Expected.Opinion.Author + ";" + h.Expected.Cluster.Judges); j != ";" {
		got["judges"] = hasJudges(ms, j)
	}
	if d := h.Expected.Origin.DocketNumber; d != "" {
		got["origin docket"] = hasDocket(ms, d)
	}
	if j := h.Expected.Origin.Judge; j != "" {
		got["origin judge"] = hasJudges(ms, j)
	}
	return got
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

var docketLabel = regexp.MustCompile(`(?i)^(?:index|docket|case|cause|record)\s+(?:no\.?|number)\s*:?\s*`)

// docketKey folds a docket number for comparison: no label, case or spaces.
func docketKey(s string) string {
	s = docketLabel.ReplaceAllString(strings.TrimSpace(s), "")
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

func hasDocket(ms []Mention, want string) bool {
	for _, m := range ms {
		if m.Kind == Docket && (docketKey(m.Norm) == docketKey(want) || docketKey(m.Text) == docketKey(want)) {
			return true
		}
	}
	return false
}

var judgeTitle = regexp.MustCompile(`(?i)\b(?:C\.\s?J\.|J\.\s?P\.|JJ\.|J\.|Jr\.|and)(?:\s|,|;|$)`)

// hasJudges reports whether every surname of want ("STANFILL, C.J., and
// HORTON, CONNORS, and DOUGLAS, JJ."; "Paul L. Reiber; William D. Cohen")
// is the last word of a judge mention.
func hasJudges(ms []Mention, want string) bool {
	var names []string
	for _, part := range strings.FieldsFunc(judgeTitle.ReplaceAllString(want, " "), func(r rune) bool { return r == ';' || r == ',' }) {
		if f := strings.Fields(part); len(f) > 0 {
			names = append(names, strings.ToLower(strings.Trim(f[len(f)-1], ".,")))
		}
	}
	if len(names) == 0 {
		return true
	}
	var have []string
	for _, m := range ms {
		if m.Kind == Judge {
			if f := strings.Fields(m.Norm); len(f) > 0 {
				have = append(have, strings.ToLower(strings.Trim(f[len(f)-1], ".,")))
			}
		}
	}
	for _, n := range names {
		found := false
		for _, h := range have {
			found = found || h == n
		}
		if !found {
			return false
		}
	}
	return true
}

// Docket numbers, judges and dates are read right on at least 90% of the
// opinion headers that state any (the lower court's docket and judge,
// "origin", are reported but not required).
func TestOpinionHeaders(t *testing.T) {
	tagger := Default()
	right, total := map[string]int{}, map[string]int{}
	cases, casesRight := 0, 0
	for i, h := range readOpinionHeaders(t) {
		ms := tagger.Tag(h.Text)
		checkSpans(t, h.Text, ms)
		fields := headerFields(h, ms)
		all, any := true, false
		for f, ok := range fields {
			total[f]++
			if ok {
				right[f]++
			} else if testing.Verbose() {
				t.Logf("case %d (%s): %s not read", i, h.Court, f)
			}
			if !strings.HasPrefix(f, "origin") {
				any = true
				all = all && ok
			}
		}
		if any {
			cases++
			if all {
				casesRight++
			}
		}
	}
	for _, f := range []string{"docket", "judges", "date", "origin docket", "origin judge"} {
		t.Logf("opinion_headers %-13s %2d/%2d (%.0f%%)", f, right[f], total[f], 100*float64(right[f])/float64(max(total[f], 1)))
	}
	rate := 100 * float64(casesRight) / float64(max(cases, 1))
	t.Logf("opinion_headers cases with docket, judges and date all right: %d/%d (%.0f%%)", casesRight, cases, rate)
	if rate < 90 {
		t.Errorf("only %.0f%% of opinion headers read right, want at least 90%%", rate)
	}
}
