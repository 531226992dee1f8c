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

// minDocketMatch is the share of district and appellate fixtures whose
// case name, docket number, judge, filing date and party names must all
// match the fixture's .json.
const minDocketMatch = 0.90

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
		if filepath.Base(filepath.Dir(file)) == "bankruptcy" {
			continue // their court is checked in package indexer; their fields are not read yet
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
