package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// docketWant is the part of a fixture's .json that we compare.
type docketWant struct {
	CaseName     string `json:"case_name"`
	DocketNumber string `json:"docket_number"`
	Judge        string `json:"assigned_to_str"`
	DateFiled    string `json:"date_filed"`
	Parties      []struct {
		Name string `json:"name"`
	} `json:"parties"`
	Entries []struct {
		Description string `json:"description"`
	} `json:"docket_entries"`
}

// minDocketMatch is the share of district, bankruptcy and appellate fixtures whose
// case name, docket number, judge, filing date and party names must all
// match the fixture's .json.
const minDocketMatch = 0.95

func TestDocketFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "dockets", "*", "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	total, matched := 0, 0
	for _, file := range files {
		if strings.Contains(file, "not_dockets") {
			continue
		}
		raw, err := os.ReadFile(strings.TrimSuffix(file, ".html") + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var want docketWant
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if want.DocketNumber == "" {
			continue // "{}": the fixture records no fields for this page
		}
		total++
		res := extractHTMLFile(t, file)
		m := res.Meta
		var names []string
		for _, p := range m.Parties {
			names = append(names, foldName(p.Name))
		}
		var wantNames []string
		for _, p := range want.Parties {
			wantNames = append(wantNames, foldName(p.Name))
		}
		slices.Sort(names)
		slices.Sort(wantNames)
		names, wantNames = slices.Compact(names), slices.Compact(wantNames)
		checks := []struct {
			field string
			ok    bool
		}{
			{"type", m.Type == "docket"},
			{"case", foldName(m.CaseName) == foldName(want.CaseName)},
			{"docket", m.DocketNumber == want.DocketNumber},
			{"judge", want.Judge == "" || foldName(m.Judge) == foldName(want.Judge)},
			{"filed", m.DateFiled == want.DateFiled},
			{"parties", slices.Equal(names, wantNames)},
		}
		var failed []string
		for _, c := range checks {
			if !c.ok {
				failed = append(failed, c.field)
			}
		}
		// Entries must be searchable: each one's text in the page text.
		if !containsEntries(res.Text(), m.Entries) {
			t.Errorf("%s: entry text missing from page text", file)
		}
		if len(m.Entries) < len(want.Entries) {
			failed = append(failed, fmt.Sprintf("entries %d/%d", len(m.Entries), len(want.Entries)))
		}
		status := "ok"
		if len(failed) == 0 {
			matched++
		} else {
			status = "MISMATCH " + strings.Join(failed, ",")
			if slices.Contains(failed, "parties") {
				status += fmt.Sprintf("\n\t\tgot  %q\n\t\twant %q", names, wantNames)
			}
		}
		t.Logf("%-36s %-14s %-26.26q %-12s %s", filepath.Base(file), m.DocketNumber, m.CaseName, m.DateFiled, status)
	}
	rate := float64(matched) / float64(total)
	t.Logf("docket fields match on %d of %d files (%.0f%%)", matched, total, 100*rate)
	if rate < minDocketMatch {
		t.Errorf("match rate %.2f < %.2f", rate, minDocketMatch)
	}
}

func TestNotDockets(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "dockets", "not_dockets", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(string(data)))
			if err == nil && res.Meta.Type == "docket" {
				t.Errorf("typed as docket: %+v", res.Meta)
			}
		})
	}
}

func extractHTMLFile(t *testing.T, file string) *Result {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return res
}

// foldName compares names as a reader would: case, spacing and a final
// period do not matter.
func foldName(s string) string {
	return strings.TrimSuffix(strings.ToLower(strings.Join(strings.Fields(normalizeText(s)), " ")), ".")
}

// mdlPage is a docket page laid out as CM/ECF prints them, for a
// multidistrict litigation: the heading, the "IN RE:" caption (which holds
// a colon, like a label) and the fields.
func mdlPage(court, number, caption, roleRow string) string {
	return `<html><body><h3 align="center">` + court + `<br>CIVIL DOCKET FOR CASE #: ` + number + `</h3>
<table width="100%" border="0" cellspacing="5"><tbody><tr>
<td valign="top" width="60%"><br>` + caption + `<br>Assigned to: Judge Richard Gergel<br></td>
<td valign="top" width="40%"><br>Date Filed: 12/07/2018<br>Jurisdiction: Federal Question</td>
</tr></tbody></table>
<table width="100%" border="0" cellspacing="5"><tbody>
<tr><td><b><u>` + roleRow + `</u></b></td></tr>
<tr><td valign="top" width="40%"><b>City of Camden</b></td><td>represented by</td><td><b>Jane Lawyer</b></td></tr>
</tbody></table>
<table><tr><td>Date Filed</td><td>#</td><td>Docket Text</td></tr>
<tr><td>12/07/2018</td><td>1</td><td>TRANSFER ORDER signed by the Panel.</td></tr></table>
</body></html>`
}

// TestMDLDockets: a multidistrict case is named "In re ...", never for
// its docket number or a role, and the JPML's "MDL No. 2873" is its
// docket number.
func TestMDLDockets(t *testing.T) {
	for _, tc := range []struct {
		name, court, number, caption, role string
		wantCase, wantDocket               string
	}{
		{"district MDL", "U.S. District Court<br>District of South Carolina (Charleston)", "2:18-mn-02873-RMG",
			"IN RE: Aqueous Film-Forming Foams Products Liability Litigation", "Plaintiff",
			"IN RE: Aqueous Film-Forming Foams Products Liability Litigation", "2:18-mn-02873"},
		{"JPML", "United States Judicial Panel on Multidistrict Litigation", "MDL No. 2873",
			"IN RE: Aqueous Film-Forming Foams Products Liability Litigation", "Plaintiff",
			"IN RE: Aqueous Film-Forming Foams Products Liability Litigation", "MDL No. 2873"},
		{"in the matter of", "U.S. District Court<br>Southern District of New York (Foley Square)", "1:18-mj-03161-KMW",
			"In the Matter of: Search Warrants Executed on April 9, 2018", "Interested Party",
			"In the Matter of: Search Warrants Executed on April 9, 2018", "1:18-mj-03161"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(mdlPage(tc.court, tc.number, tc.caption, tc.role)))
			if err != nil {
				t.Fatal(err)
			}
			m := res.Meta
			if m.Type != "docket" || m.CaseName != tc.wantCase || m.DocketNumber != tc.wantDocket {
				t.Errorf("type %q case %q docket %q; want docket %q %q", m.Type, m.CaseName, m.DocketNumber, tc.wantCase, tc.wantDocket)
			}
			if m.Court == "" {
				t.Error("no court heading")
			}
		})
	}
}

func checkLabelName(t *testing.T, l string) {
	t.Helper()
	if labelLine.MatchString(l) && !hasLabelName(l) {
		t.Errorf("hasLabelName(%q) = false, but labelLine matches", l)
	}
}

// TestHasLabelName: every label the pattern reads passes the prefix
// test; entry and party lines do not.
func TestHasLabelName(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"Assigned to: Judge Jane Roe", true},
		{"Date Filed: 05/16/2022", true},
		{"Date filed : 05/16/2022", true},
		{"Lead BK Title: Acme Corp.", true},
		{"Docketed:05/01/2020", true},
		{"05/16/2022 1 COMPLAINT against Salesforce.com, Inc.", false},
		{"NOTICE of Appearance by John Doe", false},
		{"Plaintiff", false},
		{"assigned to: lower case", false},
	} {
		if got := hasLabelName(c.line); got != c.want {
			t.Errorf("hasLabelName(%q) = %v, want %v", c.line, got, c.want)
		}
		checkLabelName(t, c.line)
	}
}

func FuzzHasLabelName(f *testing.F) {
	for _, n := range labelNames {
		f.Add(n + ": x")
	}
	f.Add("Termed\t:\t")
	f.Fuzz(checkLabelName)
}
