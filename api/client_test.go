package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"lexsearch/search"
)

// TestGeneratedTypeScriptClient generates a TypeScript client from the
// live /openapi.json with openapi-typescript, type-checks a program that
// uses it through openapi-fetch (testdata/tsclient/client.ts) with tsc,
// and runs it against a real server over the sample corpus. The client is
// generated afresh each run, so a change of the description that breaks
// generated clients fails here: the generator refuses the document, tsc
// refuses the program, or the client reads something other than what the
// server's own answers (fetched here without it) say.
func TestGeneratedTypeScriptClient(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: installs openapi-typescript, openapi-fetch and typescript from npm")
	}
	skip := needTools(t, "no TypeScript client is generated from /openapi.json here", "node", "npm")
	dir := t.TempDir()
	copyFiles(t, filepath.Join("testdata", "tsclient"), dir, "client.ts", "package.json", "package-lock.json", "tsconfig.json")
	if out, err := command(t, dir, "npm", "ci", "--no-audit", "--no-fund", "--silent").CombinedOutput(); err != nil {
		skip("npm ci failed (no network?): %v\n%s", err, out)
	}
	srv := httptest.NewServer(realHandler(t))
	t.Cleanup(srv.Close)

	// The two commands the README gives, against this server.
	if out, err := command(t, dir, "npx", "openapi-typescript", srv.URL+"/openapi.json", "-o", "lexsearch.d.ts").CombinedOutput(); err != nil {
		t.Fatalf("openapi-typescript refuses /openapi.json: %v\n%s", err, out)
	}
	if out, err := command(t, dir, "npx", "tsc", "-p", ".").CombinedOutput(); err != nil {
		t.Fatalf("the client program does not type-check against the generated client: %v\n%s", err, out)
	}
	cite := citedByTheCorpus(t)
	text := citingText(cite)
	checkClient(t, runClient(t, command(t, dir, "node", "client.js", srv.URL, text)), text, cite)
}

// TestGeneratedGoClient generates a Go client from the live /openapi.json
// with ogen (which reads OpenAPI 3.1; oapi-codegen reads 3.0 only),
// compiles testdata/goclient/main.go against it, and runs it as the
// TypeScript client runs: the same calls, the same checks.
func TestGeneratedGoClient(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: downloads ogen and builds a client with it")
	}
	skip := needTools(t, "no Go client is generated from /openapi.json here", "go")
	dir := t.TempDir()
	copyFiles(t, filepath.Join("testdata", "goclient"), dir, "main.go", "ogen.yml")
	gomod := "module lexclientcheck\n\ngo 1.26\n\nrequire github.com/ogen-go/ogen " + ogenVersion + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	gocmd := func(args ...string) *exec.Cmd {
		cmd := command(t, dir, "go", args...)
		cmd.Env = append(os.Environ(), "GOBIN="+dir, "GOWORK=off")
		return cmd
	}
	if out, err := gocmd("install", "github.com/ogen-go/ogen/cmd/ogen@"+ogenVersion).CombinedOutput(); err != nil {
		skip("go install ogen failed (no network?): %v\n%s", err, out)
	}
	srv := httptest.NewServer(realHandler(t))
	t.Cleanup(srv.Close)
	spec := fetch(t, "/openapi.json")
	if err := os.WriteFile(filepath.Join(dir, "openapi.json"), spec.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := command(t, dir, filepath.Join(dir, "ogen"), "-config", "ogen.yml", "-target", "lexclient", "-package", "lexclient", "-clean", "openapi.json").CombinedOutput(); err != nil {
		t.Fatalf("ogen refuses /openapi.json: %v\n%s", err, out)
	}
	if out, err := gocmd("mod", "tidy").CombinedOutput(); err != nil {
		skip("go mod tidy failed (no network?): %v\n%s", err, out)
	}
	if out, err := gocmd("build", "-o", "goclient", ".").CombinedOutput(); err != nil {
		t.Fatalf("the client program does not build against the generated client: %v\n%s", err, out)
	}
	cite := citedByTheCorpus(t)
	text := citingText(cite)
	checkClient(t, runClient(t, command(t, dir, filepath.Join(dir, "goclient"), srv.URL, text)), text, cite)
}

// ogenVersion is the ogen that TestGeneratedGoClient generates with.
const ogenVersion = "v1.24.0"

// runClient runs a client program and returns what it printed.
func runClient(t *testing.T, cmd *exec.Cmd) []byte {
	t.Helper()
	out, err := cmd.Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg += "\n" + string(ee.Stderr)
		}
		t.Fatalf("the generated client failed: %s", msg)
	}
	return out
}

// checkClient checks what a client program read (its output, in the shape
// testdata/tsclient/client.ts prints) against the server's own answers.
func checkClient(t *testing.T, out []byte, text, cite string) {
	t.Helper()
	var got struct {
		Search      search.Result
		Pages       [][]string
		Document    map[string]any
		Page        int
		PageText    string `json:"page_text"`
		MissingPage struct {
			Status      int
			ContentType string `json:"content_type"`
			Problem     problemJSON
		} `json:"missing_page"`
		Found   []search.Found
		OpenAPI string
		Bad     struct {
			Status      int
			ContentType string `json:"content_type"`
			Data        any
			Problem     problemJSON
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}

	t.Run("search with filters and facets", func(t *testing.T) {
		want := fetchResult(t, url.Values{"q": {"trafficking"}, "court": {"ilnd", "cand"}, "statute": {"18 U.S.C. § 1595"},
			"facet": {"court", "type", "statute"}, "size": {"5"}})
		res := got.Search
		if res.Total == 0 || res.Total != want.Total || !reflect.DeepEqual(res.Hits, want.Hits) || !reflect.DeepEqual(res.Facets, want.Facets) {
			t.Errorf("the client read %d hits %q, facets %v; the server has %d hits %q, facets %v",
				res.Total, hitSources(res), res.Facets, want.Total, hitSources(want), want.Facets)
		}
		for _, h := range res.Hits {
			if h.Court == nil || (h.Court.ID != "ilnd" && h.Court.ID != "cand") {
				t.Errorf("hit %s is of court %v, outside the filter", h.Source, h.Court)
			}
		}
		if len(res.Facets["court"]) == 0 || len(res.Facets["statute"]) == 0 || len(res.Facets) != 3 {
			t.Errorf("facets %v, want court, type and statute counted", res.Facets)
		}
	})

	t.Run("paging via next", func(t *testing.T) {
		all := fetchResult(t, url.Values{"size": {"100"}, "sort": {"-date"}, "facet": {"none"}})
		var ids, want []string
		for i, p := range got.Pages {
			if len(p) == 0 || len(p) > 2 {
				t.Errorf("page %d has %d hits, want 1 or 2", i+1, len(p))
			}
			ids = append(ids, p...)
		}
		for _, h := range all.Hits {
			want = append(want, h.ID)
		}
		if len(want) < 3 || !slices.Equal(ids, want) {
			t.Errorf("following next read %d pages %q, want every document once in order %q", len(got.Pages), got.Pages, want)
		}
	})

	id := ""
	if len(got.Search.Hits) > 0 {
		id = got.Search.Hits[0].ID
	}
	t.Run("document", func(t *testing.T) {
		var want map[string]any
		rec := fetch(t, "/documents/"+id)
		if err := json.Unmarshal(rec.Body.Bytes(), &want); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("GET /documents/%s: %d %v", id, rec.Code, err)
		}
		if got.Document["id"] != id || !reflect.DeepEqual(got.Document, want) {
			t.Errorf("the client read document\n%v\nthe server sends\n%v", got.Document, want)
		}
	})

	t.Run("text page", func(t *testing.T) {
		n := strconv.Itoa(got.Page)
		want := fetch(t, "/documents/"+id+"/text?page="+n).Body.String()
		if !strings.HasPrefix(got.PageText, "=== page "+n+" ===\n") || strings.Count(got.PageText, "=== page ") != 1 || got.PageText != want {
			t.Errorf("the client read page %s as %.200q, the server sends %.200q", n, got.PageText, want)
		}
		mp := got.MissingPage
		if mp.Status != http.StatusNotFound || !strings.HasPrefix(mp.ContentType, "application/problem+json") ||
			mp.Problem.Status != http.StatusNotFound || !strings.Contains(mp.Problem.Detail, "page") {
			t.Errorf("page 9999: the client read %d %s %+v, want a 404 Problem saying which pages there are", mp.Status, mp.ContentType, mp.Problem)
		}
	})

	t.Run("citations", func(t *testing.T) {
		body, _ := json.Marshal(map[string]string{"text": text})
		req := httptest.NewRequest(http.MethodPost, "/citations", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		realHandler(t).ServeHTTP(rec, req)
		var want []search.Found
		if err := json.Unmarshal(rec.Body.Bytes(), &want); err != nil {
			t.Fatalf("POST /citations: %d %v", rec.Code, err)
		}
		if !reflect.DeepEqual(got.Found, want) {
			t.Errorf("the client read %+v, the server sends %+v", got.Found, want)
		}
		kinds := map[string]bool{}
		uncited := false
		for _, f := range got.Found {
			if f.Status == http.StatusOK && len(f.Documents) > 0 {
				kinds[f.Kind] = true
			}
			uncited = uncited || (f.Citation == "999 F.3d 999" && f.Status == http.StatusNotFound && f.Documents != nil && len(f.Documents) == 0)
		}
		if !kinds["citation"] || !kinds["statute"] || !uncited {
			t.Errorf("in %q the client found %+v, want %s and 18 U.S.C. § 1595 with the documents that cite them, and 999 F.3d 999 with none ([])", text, got.Found, cite)
		}
	})

	t.Run("the description", func(t *testing.T) {
		if got.OpenAPI != "3.1.0" {
			t.Errorf("the client read the description's version as %q, want 3.1.0", got.OpenAPI)
		}
	})

	t.Run("400 as a Problem", func(t *testing.T) {
		b := got.Bad
		p := b.Problem
		if b.Status != http.StatusBadRequest || b.Data != nil || !strings.HasPrefix(b.ContentType, "application/problem+json") {
			t.Errorf("an unbalanced quote: the client read %d %s, data %v; want 400 application/problem+json and no data", b.Status, b.ContentType, b.Data)
		}
		if p.Status != http.StatusBadRequest || p.Title != "Bad Request" || p.Param != "q" || !strings.Contains(p.Detail, "quote") || p.Instance == "" {
			t.Errorf("the Problem the client read: %+v", p)
		}
	})
}

// citingText is a text citing cite and a statute, for POST /citations.
func citingText(cite string) string {
	return "The court followed " + cite + ", not 999 F.3d 999, and read 18 U.S.C. § 1595 as a civil remedy."
}

// copyFiles copies the named files of the folder from into the folder to.
func copyFiles(t *testing.T, from, to string, names ...string) {
	t.Helper()
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(from, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// problemJSON is an RFC 9457 problem as the API sends it.
type problemJSON struct {
	Type, Title, Detail, Param, Instance string
	Status                               int
	RequestID                            string `json:"request_id"`
}

// citedByTheCorpus returns a case citation that documents of the sample
// corpus cite, as the citation facet shows it.
func citedByTheCorpus(t *testing.T) string {
	t.Helper()
	var list struct {
		Values []search.EntityValue
	}
	rec := fetch(t, "/entities/citation?size=1")
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || len(list.Values) == 0 {
		t.Fatalf("GET /entities/citation: %d %v %s", rec.Code, err, rec.Body)
	}
	return list.Values[0].Value
}

// command is a command run in dir, stopped with the test.
func command(t *testing.T, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(t.Context(), name, args...)
	cmd.Dir = dir
	return cmd
}
