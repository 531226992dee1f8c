package api_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"lexsearch/api"
	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/search"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
)

// The tests in this file run the real search over the embedded sample
// corpus, indexed once for the package.
var (
	realOnce   sync.Once
	realServer http.Handler
	realErr    error
	realDir    string
	realClose  func() error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if realClose != nil {
		realClose()
	}
	if realDir != "" {
		os.RemoveAll(realDir)
	}
	os.Exit(code)
}

func realHandler(t *testing.T) http.Handler {
	t.Helper()
	realOnce.Do(func() {
		if realDir, realErr = os.MkdirTemp("", "lexsearch-api-test-"); realErr != nil {
			return
		}
		logger := slog.New(slog.NewTextHandler(io.Discard, nil))
		ix := indexer.New(logger, indexer.Options{})
		if _, realErr = ix.Ingest(context.Background(), realDir, []indexer.Input{{FS: corpus.Docs()}}, indexer.Mode{}); realErr != nil {
			return
		}
		bidx, err := indexer.OpenIndex(realDir)
		if err != nil {
			realErr = err
			return
		}
		realClose = bidx.Close
		idx, err := search.New(bidx)
		if err != nil {
			realErr = err
			return
		}
		realServer = api.NewServer(logger, idx, api.Config{Originals: bidx.(interface{ Originals() fs.FS }).Originals()})
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realServer
}

// fetch GETs target from the real server and returns the response.
func fetch(t *testing.T, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = "lexsearch.test"
	realHandler(t).ServeHTTP(rec, req)
	return rec
}

func fetchResult(t *testing.T, params url.Values) search.Result {
	t.Helper()
	rec := fetch(t, "/search?"+params.Encode())
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /search?%s: %d %s", params.Encode(), rec.Code, rec.Body)
	}
	var res search.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	return res
}

func hitSources(res search.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Source)
	}
	return out
}

const (
	salesforce = "docketalarm-gg-v-salesforce-ilnd-2022.txt"
	twitter    = "sherloc-doe-v-twitter-ndcal-2021.txt"
)

func TestQueryLanguageOverHTTP(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []string // sources, any order
	}{
		{`"interactive computer service" w/20 publisher`, []string{salesforce}},
		{`beneficiary /s TVPRA`, []string{twitter}},
		{`"liability beneficiary"~2`, []string{twitter}},
		{`affirmative w/1 defense`, []string{salesforce}},
		{`(Twitter OR Salesforce) AND type:opinion`, []string{salesforce}},
		{`statute:"47 USC 230" court:ilnd`, []string{salesforce}},
	} {
		res := fetchResult(t, url.Values{"q": {tc.q}})
		got := hitSources(res)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("q=%s: hits %q, want %q", tc.q, got, tc.want)
		}
	}
	rec := fetch(t, "/search?q="+url.QueryEscape("liability AND (beneficiary"))
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "character") {
		t.Errorf("unbalanced parenthesis: %d %s", rec.Code, rec.Body)
	}
}

func TestDisjunctiveFacetsOverHTTP(t *testing.T) {
	all := fetchResult(t, url.Values{})
	filtered := fetchResult(t, url.Values{"court": {"ilnd"}})
	if len(filtered.Hits) != 1 {
		t.Fatalf("court=ilnd: %d hits", len(filtered.Hits))
	}
	// The court facet still shows every court the unfiltered search has,
	// with the same counts; other facets count only the filtered hits.
	if !slices.Equal(filtered.Facets["court"], all.Facets["court"]) || len(all.Facets["court"]) < 2 {
		t.Errorf("court facet under court=ilnd = %v, want the unfiltered %v", filtered.Facets["court"], all.Facets["court"])
	}
	for _, b := range filtered.Facets["type"] {
		if b.Value != "opinion" || b.Count != 1 {
			t.Errorf("type facet under court=ilnd = %v, want only opinion (1)", filtered.Facets["type"])
		}
	}
	limited := fetchResult(t, url.Values{"facet": {"statute"}, "facet.size": {"2"}, "facet.prefix": {"18 u.s.c"}})
	if len(limited.Facets) != 1 || len(limited.Facets["statute"]) != 2 {
		t.Fatalf("facet=statute&facet.size=2: %v", limited.Facets)
	}
	for _, b := range limited.Facets["statute"] {
		if !strings.HasPrefix(b.Value, "18 U.S.C.") {
			t.Errorf("facet.prefix=18 u.s.c gave %q", b.Value)
		}
	}
	years := []string{}
	total := 0
	for _, b := range all.Histogram {
		years = append(years, b.Value)
		total += b.Count
	}
	if !slices.IsSorted(years) || total != int(all.Total) {
		t.Errorf("histogram %v: want years in order adding up to %d", all.Histogram, all.Total)
	}
}

func TestCursorPagesPastThePageLimit(t *testing.T) {
	var seen []string
	params := url.Values{"size": {"2"}, "sort": {"-date"}}
	for range 10 {
		res := fetchResult(t, params)
		for _, h := range res.Hits {
			seen = append(seen, h.ID)
		}
		if res.NextCursor == "" {
			break
		}
		params.Set("cursor", res.NextCursor)
	}
	all := fetchResult(t, url.Values{"size": {"100"}, "sort": {"-date"}})
	var want []string
	for _, h := range all.Hits {
		want = append(want, h.ID)
	}
	if !slices.Equal(seen, want) {
		t.Errorf("cursor pages gave %q, want %q", seen, want)
	}
	rec := fetch(t, "/search?cursor=garbage")
	if rec.Code != 400 {
		t.Errorf("bad cursor: %d", rec.Code)
	}
}

func TestExportsReturnEveryHit(t *testing.T) {
	all := fetchResult(t, url.Values{"size": {"100"}})
	rec := fetch(t, "/search?format=csv&size=2")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", rec.Code, rec.Header())
	}
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(all.Hits)+1 || rows[0][0] != "id" {
		t.Errorf("csv has %d rows, want a header and %d hits (size=2 must not cap an export)", len(rows), len(all.Hits))
	}
	rec = fetch(t, "/search?format=ndjson&q=trafficking")
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	for _, l := range lines {
		var h search.Hit
		if err := json.Unmarshal([]byte(l), &h); err != nil || h.ID == "" {
			t.Errorf("ndjson line %q: %v", l, err)
		}
	}
	if rec.Header().Get("X-Total-Count") != strings.TrimSpace(itoa(len(lines))) {
		t.Errorf("X-Total-Count %s, %d lines", rec.Header().Get("X-Total-Count"), len(lines))
	}
	rec = fetch(t, "/search?format=ris&court=ilnd")
	if ris := rec.Body.String(); !strings.Contains(ris, "TY  - CASE") || !strings.Contains(ris, "PB  - N.D. Ill.") || !strings.Contains(ris, "ER  - ") {
		t.Errorf("ris:\n%s", ris)
	}
	rec = fetch(t, "/search?format=csl&court=ilnd")
	var items []map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &items); err != nil || len(items) != 1 || items[0]["type"] != "legal_case" || items[0]["authority"] != "N.D. Ill." {
		t.Errorf("csl: %v %s", err, rec.Body)
	}
	rec = fetch(t, "/search?format=csv&q=%22unbalanced")
	if rec.Code != 400 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
		t.Errorf("bad query in an export: %d %s", rec.Code, rec.Body)
	}
}

// An export of passages has a row per matching passage, each with its
// page and a pin cite at that page; RIS and CSL-JSON carry the docket in
// the fields Zotero reads, the document page's URL and the pin page.
func TestExportPassagesAndPinCites(t *testing.T) {
	page := fetchResult(t, url.Values{"q": {"venture"}, "court": {"ilnd"}})
	if len(page.Hits) != 1 || page.Hits[0].PinPage() == 0 {
		t.Fatalf("want one N.D. Ill. hit with a matched passage: %+v", page.Hits)
	}
	h := page.Hits[0]
	rec := fetch(t, "/search?format=csv&passages=true&q=venture&court=ilnd")
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil || rec.Code != 200 {
		t.Fatalf("csv passages: %d %v", rec.Code, err)
	}
	if want := []string{"id", "title", "court", "court_name", "date", "page", "section", "snippet", "pin_cite", "url"}; !slices.Equal(rows[0], want) {
		t.Errorf("header %q, want %q", rows[0], want)
	}
	if len(rows) < 2 {
		t.Fatalf("no passage rows")
	}
	for _, row := range rows[1:] {
		if row[0] != h.ID || row[2] != "ilnd" || row[3] != "N.D. Ill." || row[4] != h.Date {
			t.Errorf("row %q does not describe %s", row, h.ID)
		}
		if !strings.Contains(strings.ToLower(row[7]), "venture") || strings.Contains(row[7], "<mark>") {
			t.Errorf("snippet %q: want plain text holding the matched word", row[7])
		}
		want := h.PinCite(atoi(t, row[5]))
		if row[8] != want || !strings.Contains(row[8], ", slip op. at "+row[5]+" (N.D. Ill. ") {
			t.Errorf("pin cite %q, want %q", row[8], want)
		}
		if !strings.HasSuffix(row[9], "/documents/"+h.ID+"#p"+row[5]) {
			t.Errorf("url %q", row[9])
		}
	}
	rec = fetch(t, "/search?format=ndjson&passages=true&q=venture&court=ilnd")
	lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n")
	if len(lines) != len(rows)-1 {
		t.Errorf("ndjson has %d passages, csv %d", len(lines), len(rows)-1)
	}
	var p struct {
		Page    int    `json:"page"`
		PinCite string `json:"pin_cite"`
		Court   struct{ ID string }
	}
	if err := json.Unmarshal([]byte(lines[0]), &p); err != nil || p.Page == 0 || p.PinCite == "" || p.Court.ID != "ilnd" {
		t.Errorf("ndjson passage %s: %v", lines[0], err)
	}

	rec = fetch(t, "/search?format=ris&q=venture&court=ilnd")
	ris := map[string]string{}
	for _, l := range strings.Split(rec.Body.String(), "\r\n") {
		if k, v, ok := strings.Cut(l, "  - "); ok {
			ris[k] = v
		}
	}
	pin := itoa(h.PinPage())
	for tag, want := range map[string]string{"TY": "CASE", "CN": h.Docket, "PB": "N.D. Ill.", "SP": pin,
		"DA": strings.ReplaceAll(h.Date, "-", "/"), "UR": "http://localhost/documents/" + h.ID} {
		if ris[tag] != want {
			t.Errorf("RIS %s = %q, want %q\n%s", tag, ris[tag], want, rec.Body)
		}
	}
	if _, ok := ris["M1"]; ok {
		t.Errorf("RIS still writes M1, which Zotero drops")
	}
	rec = fetch(t, "/search?format=csl&q=venture&court=ilnd")
	var items []map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &items); err != nil || len(items) != 1 {
		t.Fatalf("csl: %v %s", err, rec.Body)
	}
	for k, want := range map[string]any{"number": h.Docket, "authority": "N.D. Ill.", "locator": pin, "URL": "http://localhost/documents/" + h.ID} {
		if items[0][k] != want {
			t.Errorf("CSL %s = %v, want %v", k, items[0][k], want)
		}
	}
	// A search by filters alone matched no passage: no pin cite.
	rec = fetch(t, "/search?format=ris&court=ilnd")
	if strings.Contains(rec.Body.String(), "SP  - ") {
		t.Errorf("RIS of a filter-only search has a pin page:\n%s", rec.Body)
	}
	for _, target := range []string{"/search?passages=true&q=x", "/search?format=ris&passages=true", "/search?format=csv&passages=maybe", "/feed.atom?passages=true"} {
		if rec := fetch(t, target); rec.Code != 400 {
			t.Errorf("%s: %d, want 400", target, rec.Code)
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if err := json.Unmarshal([]byte(s), &n); err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestFeedOverHTTP(t *testing.T) {
	rec := fetch(t, "/feed.atom?q=trafficking")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %s", rec.Code, rec.Body)
	}
	var feed struct {
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) < 2 {
		t.Fatalf("feed has %d entries", len(feed.Entries))
	}
	for i := 1; i < len(feed.Entries); i++ {
		if feed.Entries[i].Updated > feed.Entries[i-1].Updated {
			t.Errorf("feed not newest first: %s after %s", feed.Entries[i].Updated, feed.Entries[i-1].Updated)
		}
	}
	if rec := fetch(t, "/feed.atom?sort=date"); rec.Code != 400 {
		t.Errorf("feed with sort=date: %d", rec.Code)
	}
}

func TestSimilarOverHTTP(t *testing.T) {
	id := sampleID(t, salesforce)
	rec := fetch(t, "/documents/"+id+"/similar")
	if rec.Code != 200 {
		t.Fatalf("similar: %d %s", rec.Code, rec.Body)
	}
	var res search.Result
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Source != twitter {
		t.Errorf("similar to the Salesforce opinion: %q, want the Doe v. Twitter summary first (both cite §§ 1591, 1595 and 230)", hitSources(res))
	}
	for _, h := range res.Hits {
		if h.ID == id {
			t.Error("a document is listed as similar to itself")
		}
	}
	if rec := fetch(t, "/documents/nope/similar"); rec.Code != 404 {
		t.Errorf("similar to an unknown document: %d", rec.Code)
	}
}

func TestExplainOverHTTP(t *testing.T) {
	res := fetchResult(t, url.Values{"q": {"beneficiary liability"}, "statute": {"18 USC 1595"}, "explain": {"true"}})
	if len(res.Hits) != 1 || res.Hits[0].Explain == nil {
		t.Fatalf("explain: %+v", res.Hits)
	}
	e := res.Hits[0].Explain
	if !slices.Contains(e.Matched["body"], "beneficiari") || !slices.Contains(e.Matched["body"], "liabil") {
		t.Errorf("matched %v, want the stems of both words in body", e.Matched)
	}
	if len(e.Aliases) != 1 || e.Aliases[0].Canonical != "18 U.S.C. § 1595" {
		t.Errorf("aliases %v, want 18 USC 1595 -> 18 U.S.C. § 1595", e.Aliases)
	}
	if plain := fetchResult(t, url.Values{"q": {"beneficiary"}}); plain.Hits[0].Explain != nil {
		t.Error("explain given without explain=true")
	}
}

func TestTextFormatFitsAndHasPages(t *testing.T) {
	rec := fetch(t, "/search?q=%22interactive+computer+service%22+w/20+publisher&format=text")
	body := rec.Body.String()
	if !strings.Contains(body, "p. ") || !strings.Contains(body, "«") {
		t.Errorf("text lacks pages or marks:\n%s", body)
	}
	for i, line := range strings.Split(body, "\n") {
		if n := len([]rune(line)); n > 100 {
			t.Errorf("line %d is %d columns: %q", i+1, n, line)
		}
	}
}

func TestEntitiesOverHTTP(t *testing.T) {
	var got struct {
		Kind   string               `json:"kind"`
		Values []search.EntityValue `json:"values"`
	}
	rec := fetch(t, "/entities/statute?prefix=18")
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	counts := map[string]int{}
	for _, v := range got.Values {
		counts[v.Value] = v.Count
		if !strings.HasPrefix(v.Value, "18") {
			t.Errorf("prefix=18 gave %q", v.Value)
		}
	}
	// § 1595 is cited by the opinion and the case summary.
	if counts["18 U.S.C. § 1595"] != 2 {
		t.Errorf("18 U.S.C. § 1595 count %d, want 2 (values %v)", counts["18 U.S.C. § 1595"], got.Values)
	}
	rec = fetch(t, "/entities/statute?prefix=fos")
	_ = json.Unmarshal(rec.Body.Bytes(), &got)
	if len(got.Values) != 1 || got.Values[0].Value != "FOSTA" || !slices.Contains(got.Values[0].Aliases, "Pub. L. 115-164") {
		t.Errorf("prefix=fos: %+v, want FOSTA with its public law as an alias", got.Values)
	}
	rec = fetch(t, "/entities/court?prefix=N.D.")
	_ = json.Unmarshal(rec.Body.Bytes(), &got)
	var ids []string
	for _, v := range got.Values {
		ids = append(ids, v.Value+" "+v.Name)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"cand N.D. Cal.", "ilnd N.D. Ill."}) {
		t.Errorf("courts named N.D.*: %q", ids)
	}
	if rec := fetch(t, "/entities/planet"); rec.Code != 400 {
		t.Errorf("unknown kind: %d", rec.Code)
	}
}

func TestUnknownFilterValueNamesTheClosest(t *testing.T) {
	rec := fetch(t, "/search?court=N.D.+Ilinois")
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "ilnd (N.D. Ill.)") {
		t.Errorf("court=N.D. Ilinois: %d %s; want a 400 naming ilnd (N.D. Ill.)", rec.Code, rec.Body)
	}
	rec = fetch(t, "/search?statute=FOSTER")
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "FOSTA") {
		t.Errorf("statute=FOSTER: %d %s; want a 400 naming FOSTA", rec.Code, rec.Body)
	}
	rec = fetch(t, "/search?judge=Andrew+Wood")
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "Andrea R. Wood") {
		t.Errorf("judge=Andrew Wood: %d %s; want a 400 naming Andrea R. Wood", rec.Code, rec.Body)
	}
	for _, typed := range []string{"Wood", "Judge+Wood", "andrea+r+wood"} {
		if res := fetchResult(t, url.Values{"judge": {strings.ReplaceAll(typed, "+", " ")}}); res.Total != 1 {
			t.Errorf("judge=%s: %d documents, want the Salesforce opinion", typed, res.Total)
		}
	}
}

func TestRelevanceAndSnippetsOverHTTP(t *testing.T) {
	// The phrase in a title beats the words scattered through a body.
	res := fetchResult(t, url.Values{"q": {"online sex trafficking"}})
	if len(res.Hits) == 0 || res.Hits[0].Source != "white-paper-combating-online-sex-trafficking-2018.md" {
		t.Errorf("q=online sex trafficking: top %q, want the white paper titled with the phrase", hitSources(res))
	}
	res = fetchResult(t, url.Values{"q": {"section 230"}})
	for _, h := range res.Hits {
		if len(h.Snippets) == 0 || len(h.Snippets) > 3 {
			t.Errorf("%s: %d snippets, want 1 to 3", h.Source, len(h.Snippets))
		}
		for _, s := range h.Snippets {
			if s.Page < 1 || !strings.Contains(s.Text, "<mark>") {
				t.Errorf("%s: snippet %+v lacks a page or a marked word", h.Source, s)
			}
		}
	}
	// A filter-only search shows each document's first lines.
	res = fetchResult(t, url.Values{"court": {"ilnd"}})
	if len(res.Hits) != 1 || len(res.Hits[0].Snippets) != 1 || !strings.HasPrefix(res.Hits[0].Snippets[0].Text, "IN THE UNITED STATES DISTRICT COURT") {
		t.Errorf("court=ilnd snippets: %+v", res.Hits)
	}
}

// TestCitationsOverHTTP: POST /citations in each body form CourtListener
// users and scripts send, and a clear 4xx for the rest.
func TestCitationsOverHTTP(t *testing.T) {
	const passage = "The claims arise under 18 U.S.C. § 1595 and 47 U.S.C. § 230(c)(1)."
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
	}{
		{"plain text", "text/plain; charset=utf-8", passage, http.StatusOK},
		{"no content type", "", passage, http.StatusOK},
		{"form", "application/x-www-form-urlencoded", url.Values{"text": {passage}}.Encode(), http.StatusOK},
		{"json", "application/json", `{"text": "The claims arise under 18 U.S.C. § 1595 and 47 U.S.C. § 230(c)(1)."}`, http.StatusOK},
		{"empty", "text/plain", "  ", http.StatusBadRequest},
		{"bad json", "application/json", `{"text": `, http.StatusBadRequest},
		{"json without text", "application/json", `{"body": "x"}`, http.StatusBadRequest},
		{"pdf body", "application/pdf", "%PDF-1.4", http.StatusUnsupportedMediaType},
		{"too long", "text/plain", strings.Repeat("a", search.MaxCiteText+1), http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/citations", strings.NewReader(tc.body))
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			rec := httptest.NewRecorder()
			realHandler(t).ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			if tc.status != http.StatusOK {
				if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
					t.Errorf("Content-Type %q, want problem+json", ct)
				}
				return
			}
			var found []search.Found
			if err := json.Unmarshal(rec.Body.Bytes(), &found); err != nil {
				t.Fatal(err)
			}
			var norms []string
			for _, f := range found {
				norms = append(norms, f.Normalized[0])
			}
			if !slices.Equal(norms, []string{"18 U.S.C. § 1595", "47 U.S.C. § 230"}) {
				t.Fatalf("found %q", norms)
			}
			if found[0].Status != http.StatusOK || len(found[0].Documents) == 0 {
				t.Errorf("no sample document cites § 1595: %+v", found[0])
			}
		})
	}
	rec := httptest.NewRecorder()
	realHandler(t).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/citations", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET /citations: %d, want 405", rec.Code)
	}
}

func TestHugePageIsABadRequestOnTheRealIndex(t *testing.T) {
	for _, target := range []string{
		"/search?page=922337203685477581&size=10",
		"/search?page=9223372036854775807&size=100",
		"/search?page=1001&size=10",
		"/search?q=%FF%FE",
		"/search?q=%zz%",
		"/search?q=a&q=b",
	} {
		rec := fetch(t, target)
		if rec.Code != http.StatusBadRequest || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
			t.Errorf("%s: %d %s", target, rec.Code, rec.Body)
		}
	}
}

// TestResponsesMatchOpenAPI: real answers over the sample corpus validate
// against the schemas /openapi.json serves, so a client generated from the
// description reads what the server sends.
func TestResponsesMatchOpenAPI(t *testing.T) {
	spec := fetch(t, "/openapi.json")
	doc, err := libopenapi.NewDocument(spec.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	id := fetchResult(t, url.Values{"q": {"salesforce"}}).Hits[0].ID
	for _, target := range []string{
		"/search?q=section+230&court=ilnd",
		"/search?q=trafficking&explain=true&size=2",
		"/search?statute=FOSTA&facet=none",
		"/documents/" + id,
		"/documents/" + id + "/similar",
		"/entities/court",
		"/entities/party?prefix=zzz",
		"/healthz",
		"/readyz",
		"/",
	} {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		rec := httptest.NewRecorder()
		realHandler(t).ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d %s", target, rec.Code, rec.Body)
			continue
		}
		if ok, verrs := v.ValidateHttpResponse(req, rec.Result()); !ok {
			for _, e := range verrs {
				t.Errorf("%s: %s: %s", target, e.Message, e.Reason)
				for _, se := range e.SchemaValidationErrors {
					t.Errorf("  at %s: %s", se.FieldPath, se.Reason)
				}
			}
		}
	}
	// One citation the collection has and one it has not (documents: [], never null).
	req := httptest.NewRequest(http.MethodPost, "/citations", strings.NewReader("See 18 U.S.C. § 1595 and 999 F.3d 999."))
	rec := httptest.NewRecorder()
	realHandler(t).ServeHTTP(rec, req)
	if ok, verrs := v.ValidateHttpResponse(req, rec.Result()); !ok {
		for _, e := range verrs {
			t.Errorf("POST /citations: %s: %s", e.Message, e.Reason)
		}
	}
}

// TestCourtListenerSearchOverHTTP: a CourtListener user's parameters and
// operators give the answer they mean, or a 400 that says what to type.
func TestCourtListenerSearchOverHTTP(t *testing.T) {
	same := func(cl, ours url.Values) {
		t.Helper()
		a, b := fetchResult(t, cl), fetchResult(t, ours)
		if !slices.Equal(hitSources(a), hitSources(b)) || a.Total != b.Total {
			t.Errorf("%s gives %q, %s gives %q", cl.Encode(), hitSources(a), ours.Encode(), hitSources(b))
		}
	}
	same(url.Values{"order_by": {"dateFiled desc"}}, url.Values{"sort": {"-date"}})
	same(url.Values{"order_by": {"dateFiled asc"}, "filed_after": {"02/01/2018"}, "filed_before": {"2021-12-31"}},
		url.Values{"sort": {"date"}, "from": {"2018-02-01"}, "to": {"2021-12-31"}})
	same(url.Values{"type": {"o"}}, url.Values{"type": {"opinion"}})
	same(url.Values{"court": {"ilnd cand"}}, url.Values{"court": {"ilnd", "cand"}})
	same(url.Values{"case_name": {"Twitter"}}, url.Values{"q": {"title:Twitter"}})

	withTwitter := fetchResult(t, url.Values{"q": {"section 230"}})
	without := fetchResult(t, url.Values{"q": {"section 230 % twitter"}})
	if !slices.Contains(hitSources(withTwitter), twitter) || slices.Contains(hitSources(without), twitter) || without.Total == 0 {
		t.Errorf("section 230 %% twitter: %q (section 230: %q)", hitSources(without), hitSources(withTwitter))
	}

	for target, want := range map[string]string{
		"/search?order_by=citeCount+desc":       "score desc, dateFiled desc or dateFiled asc",
		"/search?q=liability%5E2":               "boosts",
		"/search?q=wom%3Fn":                     "not a wildcard",
		"/search?q=_exists_:court":              "_exists_",
		"/search?type=oa":                       "not in this collection",
		"/search?sort=date&order_by=score+desc": "not both",
	} {
		rec := fetch(t, target)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %d %s, want a 400 saying %q", target, rec.Code, rec.Body, want)
		}
	}
}

// /documents/{id}/text?page=N and ?pages=A-B keep only those pages, each
// with its marker line; a page the document lacks is a 404 saying how
// many pages there are.
func TestDocumentTextPages(t *testing.T) {
	id := fetchResult(t, url.Values{"court": {"ilnd"}}).Hits[0].ID
	markers := func(body string) []string {
		var out []string
		for _, l := range strings.Split(body, "\n") {
			if strings.HasPrefix(l, "=== page ") {
				out = append(out, strings.TrimSuffix(strings.TrimPrefix(l, "=== page "), " ==="))
			}
		}
		return out
	}
	all := markers(fetch(t, "/documents/"+id+"/text").Body.String())
	if len(all) < 4 {
		t.Fatalf("want a document of several pages, got %q", all)
	}
	rec := fetch(t, "/documents/"+id+"/text?page="+all[2])
	if got := markers(rec.Body.String()); rec.Code != 200 || !slices.Equal(got, all[2:3]) {
		t.Errorf("page=%s: %d, pages %q", all[2], rec.Code, got)
	}
	rec = fetch(t, "/documents/"+id+"/text?pages="+all[1]+"-"+all[3])
	if got := markers(rec.Body.String()); rec.Code != 200 || !slices.Equal(got, all[1:4]) {
		t.Errorf("pages=%s-%s: %d, pages %q", all[1], all[3], rec.Code, got)
	}
	rec = fetch(t, "/documents/"+id+"/text?page=100000")
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), itoa(len(all))+" pages") ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
		t.Errorf("page out of range: %d %s", rec.Code, rec.Body)
	}
	for _, q := range []string{"page=x", "pages=5-3", "pages=a-b", "page=1&pages=1-2", "pages=-"} {
		if rec := fetch(t, "/documents/"+id+"/text?"+q); rec.Code != 400 {
			t.Errorf("%s: %d, want 400", q, rec.Code)
		}
	}
}

// A hit is a document plus score and snippets: every field a hit has,
// /documents/{id} has with the same name and value.
func TestOneDocumentShape(t *testing.T) {
	res := fetchResult(t, url.Values{"q": {"trafficking"}, "size": {"100"}})
	if len(res.Hits) < 2 {
		t.Fatalf("%d hits", len(res.Hits))
	}
	var raw struct{ Hits []map[string]any }
	if err := json.Unmarshal(fetch(t, "/search?q=trafficking&size=100").Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		var hit map[string]any
		for _, x := range raw.Hits {
			if x["id"] == h.ID {
				hit = x
			}
		}
		rec := fetch(t, "/documents/"+h.ID+"?format=json")
		var doc map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for k, v := range hit {
			if k == "score" || k == "snippets" {
				continue
			}
			if got, _ := json.Marshal(doc[k]); string(got) != mustJSON(v) {
				t.Errorf("%s: hit %s = %s, document has %s", h.ID, k, mustJSON(v), got)
			}
		}
		if h.Court != nil && (doc["court"] == nil || doc["court"].(map[string]any)["name"] != h.Court.Name) {
			t.Errorf("%s: document court %v, hit %+v", h.ID, doc["court"], h.Court)
		}
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
