package api_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needTools skips the test, saying what goes unchecked (why), unless
// every tool is installed, and returns how to skip later for a reason of
// the same kind (npm needs the network). Under CI=true (where node is
// installed) these fail the test instead of skipping it.
func needTools(t *testing.T, why string, tools ...string) func(format string, args ...any) {
	t.Helper()
	skip := t.Skipf
	if os.Getenv("CI") == "true" {
		skip = t.Fatalf
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			skip("%s is not installed: %s", tool, why)
		}
	}
	return skip
}

// needNode returns a directory with citation-js installed from npm, or
// skips the test with the reason: node and npm are not on every machine,
// and npm needs the network.
func needNode(t *testing.T) string {
	t.Helper()
	skip := needTools(t, "the exports are not checked against citation-js here", "node", "npm")
	dir := t.TempDir()
	cmd := exec.CommandContext(t.Context(), "npm", "install", "--no-audit", "--no-fund", "--silent", "citation-js@0.7")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		skip("npm install citation-js failed (no network?): %v\n%s", err, out)
	}
	return dir
}

// TestExportsLoadInCitationJS loads the RIS and CSL-JSON exports into
// citation-js, the library behind many citation tools, and checks that
// the docket, court, date, URL and pin page come through, and that a
// citation can be formatted from them.
func TestExportsLoadInCitationJS(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: installs citation-js from npm")
	}
	dir := needNode(t)
	ris := fetch(t, "/search?format=ris&q=venture&court=ilnd").Body.String()
	csl := fetch(t, "/search?format=csl&q=venture&court=ilnd").Body.String()
	for name, body := range map[string]string{"export.ris": ris, "export.json": csl} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script := `
const fs = require('fs');
const Cite = require('citation-js');
const ris = new Cite(fs.readFileSync('export.ris', 'utf8'), {forceType: '@ris/file'});
const csl = new Cite(JSON.parse(fs.readFileSync('export.json', 'utf8')));
const clean = (d) => d.map(({_graph, ...rest}) => rest);
console.log(JSON.stringify({
  ris: clean(ris.data), csl: clean(csl.data),
  cited: csl.format('bibliography', {format: 'text', template: 'apa'}),
}));`
	cmd := exec.CommandContext(t.Context(), "node", "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("citation-js: %v", err)
	}
	var got struct {
		RIS, CSL []map[string]any
		Cited    string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got.RIS) != 1 || len(got.CSL) != 1 {
		t.Fatalf("citation-js read %d RIS and %d CSL items, want 1 each:\n%s", len(got.RIS), len(got.CSL), out)
	}
	r, c := got.RIS[0], got.CSL[0]
	issued := `{"date-parts":[[2022,5,16]]}`
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	// citation-js reads RIS by the RIS spec (CN as call number), Zotero
	// as a case's docket; either way the docket is there.
	for field, want := range map[string]string{"type": `"legal_case"`, "authority": `"N.D. Ill."`, "call-number": `"1:20-cv-02335"`, "issued": issued} {
		if js(r[field]) != want {
			t.Errorf("RIS through citation-js: %s = %s, want %s", field, js(r[field]), want)
		}
	}
	if r["page-first"] == nil || !strings.Contains(js(r["URL"]), "/documents/") {
		t.Errorf("RIS through citation-js lost the pin page or URL: %s", js(r))
	}
	for field, want := range map[string]string{"type": `"legal_case"`, "authority": `"N.D. Ill."`, "number": `"1:20-cv-02335"`, "issued": issued} {
		if js(c[field]) != want {
			t.Errorf("CSL through citation-js: %s = %s, want %s", field, js(c[field]), want)
		}
	}
	if c["locator"] == nil || c["locator"] != r["page-first"] {
		t.Errorf("pin page: CSL locator %v, RIS SP %v", c["locator"], r["page-first"])
	}
	for _, want := range []string{"G.G. v. Salesforce.com, Inc.", "1:20-cv-02335", "N.D. Ill.", "2022"} {
		if !strings.Contains(got.Cited, want) {
			t.Errorf("formatted citation %q lacks %q", got.Cited, want)
		}
	}
}
