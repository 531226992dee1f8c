package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Sources of the embedded sample documents the tests name.
const (
	salesforce = "docketalarm-gg-v-salesforce-ilnd-2022.txt"
	twitter    = "sherloc-doe-v-twitter-ndcal-2021.txt"
)

// syncBuffer is a bytes.Buffer that the server goroutine and the test can
// share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer runs the real program, `lexsearch serve`, on a free port
// over a new data directory (so it indexes the embedded corpus), and
// returns its base URL once /readyz answers 200.
func startServer(t *testing.T) string {
	t.Helper()
	return startServerWith(t, func(string) string { return "" }, t.TempDir())
}

// startServerWith is startServer with an environment and data directory.
func startServerWith(t *testing.T, getenv func(string) string, data string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-data", data}, getenv, strings.NewReader(""), &stdout, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v; stderr:\n%s", err, stderr.String())
		}
	})

	addrRE := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve exited early: %v; stderr:\n%s", err, stderr.String())
		default:
		}
		if m := addrRE.FindStringSubmatch(stdout.String()); m != nil {
			resp, err := http.Get(m[1] + "/readyz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					return m[1]
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server not ready after 60s; stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	return ""
}

type hitJSON struct {
	ID       string   `json:"id"`
	Source   string   `json:"source"`
	Title    string   `json:"title"`
	Type     string   `json:"type"`
	Statutes []string `json:"statutes"`
	Court    *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"court"`
	Snippets []struct {
		Page    int    `json:"page"`
		Section string `json:"section"`
		Text    string `json:"text"`
	} `json:"snippets"`
}

type resultJSON struct {
	Total  int       `json:"total"`
	Hits   []hitJSON `json:"hits"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Name  string `json:"name"`
		Count int    `json:"count"`
	} `json:"facets"`
}

// get fetches base+path and decodes the JSON body into v, checking status
// and content type.
func get(t *testing.T, base, path string, wantStatus int, wantType string, v any) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: status %d, want %d; body:\n%s", path, resp.StatusCode, wantStatus, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, wantType) {
		t.Fatalf("GET %s: Content-Type %q, want %s", path, ct, wantType)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v; body:\n%s", path, err, body)
	}
}

func searchFor(t *testing.T, base string, params url.Values) resultJSON {
	t.Helper()
	var res resultJSON
	get(t, base, "/search?"+params.Encode(), http.StatusOK, "application/json", &res)
	return res
}

func sources(res resultJSON) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Source)
	}
	slices.Sort(out)
	return out
}

func TestEndToEnd(t *testing.T) {
	base := startServer(t)

	t.Run("motion to dismiss finds the summary and the opinion", func(t *testing.T) {
		got := sources(searchFor(t, base, url.Values{"q": {"motion to dismiss"}}))
		for _, want := range []string{twitter, salesforce} {
			if !slices.Contains(got, want) {
				t.Errorf("q=motion to dismiss: hits %q lack %s", got, want)
			}
		}
	})

	t.Run("every word must match", func(t *testing.T) {
		got := sources(searchFor(t, base, url.Values{"q": {"beneficiary liability"}}))
		if !slices.Contains(got, twitter) {
			t.Errorf("q=beneficiary liability: hits %q lack the Doe v. Twitter summary", got)
		}
		if slices.Contains(got, salesforce) {
			t.Errorf("q=beneficiary liability: the Salesforce opinion never says beneficiary, but hits are %q", got)
		}
	})

	for _, court := range []string{"N.D. Ill.", "ilnd", "Northern District of Illinois"} {
		t.Run("court="+court+" is exactly the Salesforce opinion", func(t *testing.T) {
			res := searchFor(t, base, url.Values{"court": {court}})
			if got := sources(res); !slices.Equal(got, []string{salesforce}) {
				t.Fatalf("court=%s: hits %q, want only %s", court, got, salesforce)
			}
			if c := res.Hits[0].Court; c == nil || c.ID != "ilnd" || c.Name != "N.D. Ill." {
				t.Errorf("court of the hit = %+v, want ilnd / N.D. Ill.", c)
			}
		})
	}

	t.Run("statute filter returns exactly the documents citing it", func(t *testing.T) {
		const s1595 = "18 U.S.C. § 1595"
		all := searchFor(t, base, url.Values{"size": {"100"}})
		var want []string
		for _, h := range all.Hits {
			if slices.Contains(h.Statutes, s1595) {
				want = append(want, h.Source)
			}
		}
		slices.Sort(want)
		if !slices.Contains(want, salesforce) || !slices.Contains(want, twitter) {
			t.Fatalf("documents citing § 1595 = %q; both the opinion and the summary cite it", want)
		}
		for _, typed := range []string{s1595, "18 USC 1595"} {
			if got := sources(searchFor(t, base, url.Values{"statute": {typed}, "size": {"100"}})); !slices.Equal(got, want) {
				t.Errorf("statute=%s: hits %q, want %q", typed, got, want)
			}
		}
	})

	t.Run("facet counts equal the matching documents with each value", func(t *testing.T) {
		for _, q := range []string{"", "trafficking", "section 230"} {
			res := searchFor(t, base, url.Values{"q": {q}, "size": {"100"}})
			if res.Total != len(res.Hits) || res.Total == 0 {
				t.Fatalf("q=%q: total %d, %d hits", q, res.Total, len(res.Hits))
			}
			counted := map[string]map[string]int{}
			for _, h := range res.Hits {
				var doc map[string]any
				get(t, base, "/documents/"+h.ID, http.StatusOK, "application/json", &doc)
				for facet := range res.Facets {
					for _, v := range facetValues(doc[documentField(facet)]) {
						if counted[facet] == nil {
							counted[facet] = map[string]int{}
						}
						counted[facet][v]++
					}
				}
			}
			for facet, buckets := range res.Facets {
				if len(buckets) != min(len(counted[facet]), 20) {
					t.Errorf("q=%q facet %s: %d buckets, documents have %d values", q, facet, len(buckets), len(counted[facet]))
				}
				for _, b := range buckets {
					if n := counted[facet][b.Value]; n != b.Count {
						t.Errorf("q=%q facet %s=%q: count %d, but %d matching documents have it", q, facet, b.Value, b.Count, n)
					}
				}
			}
		}
	})

	t.Run("Docket Alarm paywall text is not searchable", func(t *testing.T) {
		for _, q := range []string{`"available on Docket Alarm"`, "throbber", `"Become a Member"`, `"Still Working On It"`} {
			if res := searchFor(t, base, url.Values{"q": {q}}); res.Total != 0 {
				t.Errorf("q=%s: %d hits (%q), want none", q, res.Total, sources(res))
			}
		}
	})

	t.Run("unbalanced quote is a 400 problem", func(t *testing.T) {
		var p struct {
			Status int    `json:"status"`
			Detail string `json:"detail"`
			Title  string `json:"title"`
		}
		get(t, base, "/search?"+url.Values{"q": {`section "230`}}.Encode(), http.StatusBadRequest, "application/problem+json", &p)
		if p.Status != 400 || !strings.Contains(p.Detail, "quote") || !strings.Contains(p.Detail, "character 9") {
			t.Errorf("problem = %+v; want status 400 naming the quote at character 9", p)
		}
	})

	t.Run("section 230 in ilnd has a highlighted snippet and facets", func(t *testing.T) {
		res := searchFor(t, base, url.Values{"q": {"section 230"}, "court": {"ilnd"}})
		if got := sources(res); !slices.Equal(got, []string{salesforce}) {
			t.Fatalf("hits %q, want the Salesforce opinion", got)
		}
		h := res.Hits[0]
		if len(h.Snippets) == 0 || !strings.Contains(h.Snippets[0].Text, "<mark>") || h.Snippets[0].Page < 1 {
			t.Errorf("snippets %+v: want a marked passage with its page", h.Snippets)
		}
		if len(res.Facets["statute"]) == 0 || len(res.Facets["court"]) == 0 {
			t.Errorf("facets %v: want statute and court counts", res.Facets)
		}
	})

	t.Run("affirmative defense is on page 7", func(t *testing.T) {
		res := searchFor(t, base, url.Values{"q": {`"affirmative defense"`}})
		if got := sources(res); !slices.Equal(got, []string{salesforce}) {
			t.Fatalf("hits %q, want the Salesforce opinion", got)
		}
		found := false
		for _, s := range res.Hits[0].Snippets {
			if s.Page == 7 && strings.Contains(s.Text, "functions as an <mark>affirmative</mark> <mark>defense</mark>") {
				found = true
			}
		}
		if !found {
			t.Errorf("no snippet on page 7 with the passage; snippets %+v", res.Hits[0].Snippets)
		}
	})

	t.Run("report snippets name their section", func(t *testing.T) {
		res := searchFor(t, base, url.Values{"q": {`"purchasing another human being"`}})
		if len(res.Hits) != 1 || len(res.Hits[0].Snippets) == 0 || res.Hits[0].Snippets[0].Section != "Glossary" {
			t.Errorf("hits %+v: want the white paper with a snippet in section Glossary", res.Hits)
		}
	})

	t.Run("text format reads well in a terminal", func(t *testing.T) {
		resp, err := http.Get(base + "/search?q=beneficiary+liability&format=text")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		text := string(body)
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
			!strings.Contains(text, twitter) || !strings.Contains(text, "«beneficiary»") || !strings.Contains(text, "p. ") {
			t.Errorf("text output lacks the hit, marked words or pages:\n%s", text)
		}
		for i, line := range strings.Split(text, "\n") {
			if n := len([]rune(line)); n > 100 {
				t.Errorf("line %d is %d columns wide: %q", i+1, n, line)
			}
		}
	})

	t.Run("unknown document and path are problems", func(t *testing.T) {
		var p map[string]any
		get(t, base, "/documents/nope", http.StatusNotFound, "application/problem+json", &p)
		get(t, base, "/no/such/path", http.StatusNotFound, "application/problem+json", &p)
		get(t, base, "/search?statue=x", http.StatusBadRequest, "application/problem+json", &p)
		if !strings.Contains(fmt.Sprint(p["detail"]), "unknown parameter") {
			t.Errorf("statue=x: detail %v, want it to say the parameter is unknown", p["detail"])
		}
	})
}

// facetValues returns a document field's values as strings.
// documentField is the field of /documents/{id} that holds a facet's
// values: lists are named in the plural, as in hits.
func documentField(facet string) string {
	switch facet {
	case "statute", "citation", "judge":
		return facet + "s"
	case "party":
		return "parties"
	}
	return facet
}

func facetValues(v any) []string {
	switch v := v.(type) {
	case map[string]any: // a court: {id, name}
		if id, ok := v["id"].(string); ok {
			return []string{id}
		}
		return nil
	case string:
		if v == "" {
			return nil
		}
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
}
