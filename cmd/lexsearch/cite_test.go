package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"lexsearch/search"
)

// TestCite: `lexsearch cite -` over the sample corpus finds the citations
// of a pasted passage and names the documents that cite them.
func TestCite(t *testing.T) {
	getenv := func(string) string { return "" }
	data := t.TempDir()
	passage := "Plaintiffs sue under 18 U.S.C. § 1595; see Doe v. Backpage.com, LLC, 817 F.3d 12, 20 (1st Cir. 2016)."
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"cite", "-data", data, "-json", "-"}, getenv, strings.NewReader(passage), &stdout, &stderr); err != nil {
		t.Fatalf("cite: %v\n%s", err, stderr.String())
	}
	var found []search.Found
	if err := json.Unmarshal(stdout.Bytes(), &found); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if len(found) != 2 || found[0].Normalized[0] != "18 U.S.C. § 1595" || found[1].Normalized[0] != "817 F.3d 12" {
		t.Fatalf("found %+v", found)
	}
	if found[1].Pin != "20" || found[1].Court != "ca1" || found[1].Status != 200 {
		t.Errorf("817 F.3d 12: pin %q court %q status %d", found[1].Pin, found[1].Court, found[1].Status)
	}
	stdout.Reset()
	if err := run(t.Context(), []string{"cite", "-data", data, "-"}, getenv, strings.NewReader(passage), &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "G.G. v. Salesforce.com, Inc. (cites ") {
		t.Errorf("table:\n%s", stdout.String())
	}
}
