package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"lexsearch/search"
)

// TestSearchFormats: `lexsearch search -format` writes the API's exports
// (RIS with docket and pin page, passages with pin cites) and pages on
// with -cursor.
func TestSearchFormats(t *testing.T) {
	getenv := func(string) string { return "" }
	data := t.TempDir()
	search1 := func(args ...string) (string, error) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), append([]string{"search", "-data", data}, args...), getenv, strings.NewReader(""), &stdout, &stderr)
		return stdout.String(), err
	}
	out, err := search1("-format", "ris", "-court", "ilnd", "-base-url", "https://lex.example.org/", "venture")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"TY  - CASE\r\n", "CN  - 1:20-cv-02335\r\n", "PB  - N.D. Ill.\r\n", "SP  - ", "UR  - https://lex.example.org/documents/"} {
		if !strings.Contains(out, want) {
			t.Errorf("RIS lacks %q:\n%s", want, out)
		}
	}
	out, err = search1("-format", "csv", "-passages", "-court", "ilnd", "venture")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 || rows[0][8] != "pin_cite" {
		t.Fatalf("passages csv: %v\n%s", err, out)
	}
	if cite := rows[1][8]; !strings.HasPrefix(cite, "G.G. v. Salesforce.com, Inc., No. 1:20-cv-02335, slip op. at "+rows[1][5]+" (N.D. Ill. ") {
		t.Errorf("pin cite %q", cite)
	}
	out, err = search1("-format", "csl", "-court", "ilnd", "venture")
	var items []map[string]any
	if err != nil || json.Unmarshal([]byte(out), &items) != nil || len(items) != 1 || items[0]["number"] != "1:20-cv-02335" {
		t.Errorf("csl: %v\n%s", err, out)
	}

	// -cursor continues where a page's next_cursor left off.
	var seen []string
	cursor := ""
	for range 20 {
		out, err := search1("-format", "json", "-size", "2", "-sort", "-date", "-cursor", cursor, "")
		if err != nil {
			t.Fatal(err)
		}
		var res search.Result
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			seen = append(seen, h.ID)
		}
		if cursor = res.NextCursor; cursor == "" {
			break
		}
	}
	out, err = search1("-format", "ndjson", "-sort", "-date", "")
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var h search.Hit
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatalf("ndjson %q: %v", line, err)
		}
		all = append(all, h.ID)
	}
	if len(all) < 3 || !slices.Equal(seen, all) {
		t.Errorf("cursor pages %q, export %q", seen, all)
	}
	out, err = search1("-size", "2", "")
	if err != nil || !strings.Contains(out, "more: -cursor ") {
		t.Errorf("text lacks the cursor of the next page: %v\n%s", err, out)
	}

	for _, args := range [][]string{{"-format", "xml", "x"}, {"-format", "ris", "-passages", "x"}} {
		var ue *usageError
		if _, err := search1(args...); !errors.As(err, &ue) {
			t.Errorf("search %q: %v, want a usage error", args, err)
		}
	}
}
