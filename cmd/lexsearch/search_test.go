package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
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

// TestSearchWhileServing: `lexsearch search` on a data directory that a
// running server holds asks that server (found where serve listens by
// LEXSEARCH_ADDR, or named with -server) and prints what a search of the
// directory prints; with no server there, it says what to do.
func TestSearchWhileServing(t *testing.T) {
	data := t.TempDir()
	base := startServerWith(t, func(string) string { return "" }, data)
	search1 := func(env map[string]string, args ...string) (string, string, error) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), append([]string{"search", "-data", data}, args...), func(k string) string { return env[k] },
			strings.NewReader(""), &stdout, &stderr)
		return stdout.String(), stderr.String(), err
	}
	atServer := map[string]string{"LEXSEARCH_ADDR": strings.TrimPrefix(base, "http://")}

	out, errOut, err := search1(atServer, "-format", "json", "-court", "ilnd", "-court", "cand", "trafficking")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	var res search.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := searchFor(t, base, url.Values{"q": {"trafficking"}, "court": {"ilnd", "cand"}})
	var got, wantSources []string
	for _, h := range res.Hits {
		got = append(got, h.Source)
	}
	for _, h := range want.Hits {
		wantSources = append(wantSources, h.Source)
	}
	if len(got) == 0 || !slices.Equal(got, wantSources) || int(res.Total) != want.Total {
		t.Errorf("search while serving found %q, the server %q", got, wantSources)
	}
	if note := fmt.Sprintf("in use by pid %d", os.Getpid()); !strings.Contains(errOut, note) || !strings.Contains(errOut, "asking the server at "+base) {
		t.Errorf("stderr %q should say that the server holds %s and is asked", errOut, data)
	}

	out, _, err = search1(atServer, "-court", "ilnd", "venture")
	if err != nil || !strings.Contains(out, "G.G. v. Salesforce.com, Inc.") {
		t.Errorf("text through the server: %v\n%s", err, out)
	}
	out, _, err = search1(nil, "-server", base, "-format", "csv", "-court", "ilnd", "venture")
	rows, cerr := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || cerr != nil || len(rows) != 2 || !slices.Contains(rows[1], "1:20-cv-02335") {
		t.Errorf("-server with -format csv: %v %v\n%s", err, cerr, out)
	}

	_, _, err = search1(atServer, `"unbalanced`)
	var re *search.RequestError
	if !errors.As(err, &re) || re.Param != "q" || !strings.Contains(re.Error(), "unbalanced quote") || exitCode(err) != 2 {
		t.Errorf("a query the server refuses: %v, want the server's reason and exit status 2", err)
	}

	// The server said in the lock where it listens: no LEXSEARCH_ADDR
	// needed, and a wrong one does not lead astray.
	closed := closedAddr(t)
	for _, env := range []map[string]string{nil, {"LEXSEARCH_ADDR": closed}} {
		out, errOut, err = search1(env, "-court", "ilnd", "venture")
		if err != nil || !strings.Contains(out, "G.G. v. Salesforce.com, Inc.") || !strings.Contains(errOut, "asking the server at "+base) {
			t.Errorf("LEXSEARCH_ADDR %q: %v\n%s\n%s", env["LEXSEARCH_ADDR"], err, errOut, out)
		}
	}
	var ie bytes.Buffer
	err = run(t.Context(), []string{"ingest", "-data", data, t.TempDir()}, func(string) string { return "" }, strings.NewReader(""), &ie, &ie)
	if err == nil || !strings.Contains(err.Error(), "lexsearch ingest -server "+base+"`") {
		t.Errorf("ingest into the served directory: %v, want the server's own URL in what to do", err)
	}
}

// closedAddr is a loopback address where nothing listens.
func closedAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestSearchWhileAnUnannouncedServerHolds: a holder that never said where
// it listens (a server still starting, or from an older lexsearch) is
// looked for at LEXSEARCH_ADDR; when nothing answers there, the error
// names the holder and what to do.
func TestSearchWhileAnUnannouncedServerHolds(t *testing.T) {
	data := t.TempDir()
	var logs bytes.Buffer
	e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &logs, stderr: &logs}
	o, err := openData(t.Context(), e, newLogger(e, &logs), data, "serve")
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	closed := closedAddr(t)
	var stdout, stderr bytes.Buffer
	err = run(t.Context(), []string{"search", "-data", data, "venture"}, func(k string) string {
		return map[string]string{"LEXSEARCH_ADDR": closed}[k]
	}, strings.NewReader(""), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("in use by pid %d", os.Getpid())) ||
		!strings.Contains(err.Error(), "no lexsearch server answers at http://"+closed) || !strings.Contains(err.Error(), "-server http://") {
		t.Errorf("no server at %s: %v, want the holder and what to do", closed, err)
	}
}
