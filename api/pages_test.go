package api_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// browserAccept is what Chromium sends for a page.
const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

func fetchAs(t *testing.T, target, accept string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = "lexsearch.test"
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	realHandler(t).ServeHTTP(rec, req)
	return rec
}

// salesforceID is the id of the G.G. v. Salesforce opinion in the sample corpus.
func salesforceID(t *testing.T) string {
	t.Helper()
	res := fetchResult(t, map[string][]string{"q": {"salesforce"}, "type": {"opinion"}})
	for _, h := range res.Hits {
		if h.Source == salesforce {
			return h.ID
		}
	}
	t.Fatalf("%s not found", salesforce)
	return ""
}

var (
	inlineScript = regexp.MustCompile(`<script(\s[^>]*)?>[^<]`)
	styleAttr    = regexp.MustCompile(`\sstyle=`)
	inlineStyle  = regexp.MustCompile(`<style`)
	eventAttr    = regexp.MustCompile(`\son[a-z]+=`)
)

// checkPage asserts what every HTML page must be: HTML, under a CSP with
// no inline code or style, and varying by Accept.
func checkPage(t *testing.T, rec *httptest.ResponseRecorder, status int) string {
	t.Helper()
	body := rec.Body.String()
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %.300s", rec.Code, status, body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("Content-Type %q, want text/html", ct)
	}
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	if !strings.Contains(rec.Header().Get("Vary"), "Accept") {
		t.Errorf("Vary %q: caches would hand HTML to curl", rec.Header().Get("Vary"))
	}
	for _, re := range []*regexp.Regexp{inlineScript, styleAttr, inlineStyle, eventAttr} {
		if m := re.FindString(body); m != "" {
			t.Errorf("page has inline code or style %q, which the CSP blocks", m)
		}
	}
	return body
}

func TestContentNegotiation(t *testing.T) {
	for _, tc := range []struct {
		target, accept string
		wantHTML       bool
	}{
		{"/", browserAccept, true},
		{"/", "", false},
		{"/", "*/*", false},
		{"/search?q=section+230", browserAccept, true},
		{"/search?q=section+230", "application/json", false},
		{"/search?q=section+230", "*/*", false},
		{"/search?q=section+230&format=json", browserAccept, false},
		{"/search?q=section+230&format=text", browserAccept, false},
	} {
		rec := fetchAs(t, tc.target, tc.accept)
		ct := rec.Header().Get("Content-Type")
		if isHTML := strings.HasPrefix(ct, "text/html"); isHTML != tc.wantHTML || rec.Code != http.StatusOK {
			t.Errorf("GET %s (Accept %q): %d %s, want HTML=%v", tc.target, tc.accept, rec.Code, ct, tc.wantHTML)
		}
	}
	id := salesforceID(t)
	if rec := fetchAs(t, "/documents/"+id, "application/json"); !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Errorf("document for a JSON client: %s", rec.Header().Get("Content-Type"))
	}
	if rec := fetchAs(t, "/documents/"+id+"?format=json", browserAccept); !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Errorf("document with format=json in a browser: %s", rec.Header().Get("Content-Type"))
	}
}

func TestSearchPage(t *testing.T) {
	id := salesforceID(t)
	body := checkPage(t, fetchAs(t, "/search?q=section+230&court=ilnd", browserAccept), http.StatusOK)
	for _, want := range []string{
		`<h2 id="results-h" class="count" aria-live="polite">1 document`,
		"G.G. v. Salesforce.com, Inc.",
		`href="/documents/` + id + `?q=section&#43;230#p7"`, // a snippet on page 7 links to its anchor
		"<mark>Section</mark>",
		`name="court" value="ilnd" checked`, // the chosen court is ticked
		`name="court" value="cand"`,         // and the other court stays, with its count (disjunctive)
		`href="/search?q=section&#43;230"`,  // the chip removes the court
		"format=csv", "format=ris", "/feed.atom?", "format=json",
		`<legend>Statute`, `<legend>Year`, `<legend>Judge`,
		"Documents by year",
		`<link rel="alternate" type="application/atom+xml" title="This search as a feed" href="/feed.atom?court=ilnd&amp;q=section&#43;230">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
}

func TestSearchPageEscapesInput(t *testing.T) {
	for _, tc := range []struct {
		target string
		status int
	}{
		{`/search?q=%3Cscript%3Ealert(1)%3C/script%3E`, http.StatusOK},
		{`/search?q=%3Cscript%3Ealert(1)%3C/script%3E&party=%3Cimg+src=x%3E`, http.StatusBadRequest}, // no such party: the 400 names it
		{`/search?q=%3Cscript%3Ealert(1)%3C/script%3E%22onx=`, http.StatusBadRequest},                // echoed in the error too
	} {
		body := checkPage(t, fetchAs(t, tc.target, browserAccept), tc.status)
		for _, bad := range []string{"<script>alert", "<img src=x>", `"onx=`} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: page echoes %s unescaped", tc.target, bad)
			}
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s: the query is not echoed (escaped)", tc.target)
		}
	}
}

func TestSearchPageErrors(t *testing.T) {
	body := checkPage(t, fetchAs(t, "/search?q=section+230+(immunity", browserAccept), http.StatusBadRequest)
	for _, want := range []string{`role="alert"`, `unmatched &#34;(&#34; at character 13`, `<mark class="at" aria-label="here">(</mark>`, `aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("parse error page lacks %s", want)
		}
	}
	body = checkPage(t, fetchAs(t, "/search?court=nowhere", browserAccept), http.StatusBadRequest)
	if !strings.Contains(body, "court:") || !strings.Contains(body, `role="alert"`) {
		t.Errorf("unknown court: no error shown: %.500s", body)
	}
}

func TestSearchPageEmptySaysWhatToLoosen(t *testing.T) {
	body := checkPage(t, fetchAs(t, "/search?q=salesforce&court=cand", browserAccept), http.StatusOK)
	for _, want := range []string{"No documents match", "without court: N.D. Cal.", `href="/search?q=salesforce"`, "without the words",
		`<span class="fv-label">N.D. Cal.</span>`, // the chosen court stays tickable, by name, though no document counts for it
	} {
		if !strings.Contains(body, want) {
			t.Errorf("empty page lacks %q", want)
		}
	}
}

func TestDocumentPage(t *testing.T) {
	id := salesforceID(t)
	body := checkPage(t, fetchAs(t, "/documents/"+id+"?q=section+230", browserAccept), http.StatusOK)
	for _, want := range []string{
		`<h1 class="doc-title" lang="en">G.G. v. Salesforce.com, Inc.</h1>`,
		`id="p7"`, "<mark>Section</mark> <mark>230</mark>",
		`data-before="G.G. v. Salesforce.com, Inc., No. 1:20-cv-02335, slip op. at "`,
		`data-after=" (N.D. Ill. May 16, 2022)"`,
		`href="/search?statute=47&#43;U.S.C.&#43;%C2%A7&#43;230"`, // an entity filters the search
		`href="/search?judge=Andrea&#43;R.&#43;Wood"`,
		"/documents/" + id + "/original", "/documents/" + id + "/text", "Similar documents",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document page lacks %s", want)
		}
	}
	checkPage(t, fetchAs(t, "/documents/nosuchdocument", browserAccept), http.StatusNotFound)
	checkPage(t, fetchAs(t, "/no/such/page", browserAccept), http.StatusNotFound)
	if rec := fetchAs(t, "/no/such/page", "*/*"); rec.Code != http.StatusNotFound || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
		t.Errorf("unknown path for curl: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
}

func TestAssets(t *testing.T) {
	body := checkPage(t, fetchAs(t, "/", browserAccept), http.StatusOK)
	for _, re := range []string{`/ui/lexsearch\.css\?v=[0-9a-f]+`, `/ui/lexsearch\.js\?v=[0-9a-f]+`} {
		u := regexp.MustCompile(re).FindString(body)
		if u == "" {
			t.Fatalf("page does not link %s", re)
		}
		rec := fetchAs(t, u, "*/*")
		if rec.Code != http.StatusOK || rec.Body.Len() == 0 || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("GET %s: %d, %d bytes, Cache-Control %q", u, rec.Code, rec.Body.Len(), rec.Header().Get("Cache-Control"))
		}
	}
	if rec := fetchAs(t, "/ui/", "*/*"); rec.Code != http.StatusNotFound {
		t.Errorf("GET /ui/: %d, want 404 (no listing)", rec.Code)
	}
}
