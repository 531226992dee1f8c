package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"lexsearch/api"
)

// route is one endpoint as a client calls it, with a query it accepts
// (or "" when it takes none).
type route struct {
	method, path, good string
}

var everyRoute = []route{
	{"GET", "/search", "q=section+230"},
	{"HEAD", "/search", "q=x"},
	{"GET", "/feed.atom", "q=section+230"},
	{"GET", "/documents/abc", ""},
	{"GET", "/documents/abc/text", ""},
	{"GET", "/documents/abc/original", ""},
	{"GET", "/documents/abc/similar", "size=3"},
	{"GET", "/entities/court", "prefix=il"},
	{"GET", "/healthz", ""},
	{"GET", "/readyz", ""},
	{"GET", "/metrics", ""},
	{"GET", "/openapi.json", ""},
	{"GET", "/", ""},
	{"POST", "/documents", "name=a.txt"},
	{"DELETE", "/documents/abc", ""},
}

// malformed are query strings no route may accept, whatever it takes.
var malformed = []struct{ name, query string }{
	{"bad escape", "q=%zz"},
	{"truncated escape", "q=abc%"},
	{"escape of one digit", "q=%4"},
	{"invalid UTF-8", "q=%FF%FE"},
	{"overlong UTF-8", "q=%C0%AF"},
	{"lone surrogate", "q=%ED%A0%80"},
	{"NUL", "q=a%00b"},
	{"escape control", "q=%1B%5B31m"},
	{"semicolon separator", "q=a;size=5"},
	{"bad escape in name", "%zz=1"},
	{"invalid UTF-8 name", "%FF=1"},
	{"unknown parameter", "bogus=1"},
	{"typo of a filter", "statue=FOSTA"},
	{"long name", strings.Repeat("n", 40) + "=1"},
	{"long value", "q=" + strings.Repeat("a", 3000)},
	{"long query string", strings.Repeat("court=ilnd&", 800)},
	{"too many params", strings.Repeat("court=a&", 70)},
}

func TestMalformedRequestsAreProblems(t *testing.T) {
	var n int
	check := func(t *testing.T, h http.Handler, method, target string, header http.Header) {
		t.Helper()
		n++
		req := httptest.NewRequest(method, "/", strings.NewReader("some text"))
		p, q, _ := strings.Cut(target, "?")
		if up, err := url.PathUnescape(p); err == nil {
			p = up
		}
		req.URL.Path, req.URL.RawQuery, req.RequestURI = p, q, target
		for k, v := range header {
			req.Header[k] = v
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code < 400 || rec.Code > 499 {
			t.Errorf("%s %s: status %d, want 4xx: %s", method, target, rec.Code, rec.Body)
			return
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("%s %s: Content-Type %q", method, target, ct)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: no nosniff", method, target)
		}
		if method == http.MethodHead {
			return
		}
		var prob struct {
			Status int
			Detail string
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &prob); err != nil || prob.Status != rec.Code || len(prob.Detail) < 10 {
			t.Errorf("%s %s: problem %s (%v)", method, target, rec.Body, err)
		}
	}
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), &fakeIndex{}, api.Config{
		Writer: &fakeWriter{}, Token: "secret",
	})
	auth := http.Header{"Authorization": {"Bearer secret"}}
	for _, rt := range everyRoute {
		for _, m := range malformed {
			check(t, h, rt.method, rt.path+"?"+m.query, auth)
		}
		// A single-valued parameter twice, on routes that take one.
		if rt.good != "" {
			check(t, h, rt.method, rt.path+"?"+rt.good+"&"+rt.good, auth)
		} else {
			check(t, h, rt.method, rt.path+"?x=1", auth)
		}
	}
	// Every single-valued search parameter given twice.
	for _, p := range []string{"q", "from", "to", "sort", "size", "page", "cursor", "facet.size", "facet.prefix", "explain", "format"} {
		check(t, h, "GET", "/search?"+p+"=1&"+p+"=2", nil)
		check(t, h, "GET", "/feed.atom?"+p+"=1&"+p+"=2", nil)
	}
	// Values the handlers reject.
	for _, target := range []string{
		"/search?size=ten", "/search?size=1e3", "/search?page=99999999999999999999999", "/search?size=0x10",
		"/search?explain=maybe", "/search?format=xml", "/search?facet.size=many",
		"/feed.atom?format=csv", "/feed.atom?sort=date", "/documents/abc/similar?format=csv",
		"/documents/abc/similar?size=x", "/entities/court?size=-x", "/documents/zzz", "/documents/zzz/text",
		"/documents/%FF", "/documents/a%00b/text", "/nowhere", "/search/", "/" + strings.Repeat("p", 2000),
	} {
		check(t, h, "GET", target, nil)
	}
	if n < 150 {
		t.Errorf("only %d malformed requests; the contract is at least 150", n)
	}
}

func TestRepeatedFiltersStillOr(t *testing.T) {
	idx := &fakeIndex{}
	rec := serve(t, idx, "/search?court=ilnd&court=cand&type=opinion&type=docket", nil)
	if rec.Code != 200 || len(idx.last.Courts) != 2 || len(idx.last.Types) != 2 {
		t.Errorf("%d %+v", rec.Code, idx.last)
	}
}

func TestGoodRequestsPass(t *testing.T) {
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), &fakeIndex{}, api.Config{})
	for _, target := range []string{
		"/search?q=%C2%A7+1595+caf%C3%A9", "/search?q=a%09b", "/search?q=" + strings.Repeat("word+", 300),
		"/healthz", "/documents/abc", "/documents/abc/similar?size=3&format=text", "/entities/court?prefix=il&size=5",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		if rec.Code != 200 {
			t.Errorf("%s: %d %s", target, rec.Code, rec.Body)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
	}
}

// FuzzRequestLine sends arbitrary query strings and paths to every route:
// the answer is never a 5xx, and a 4xx is always problem+json.
func FuzzRequestLine(f *testing.F) {
	for _, m := range malformed {
		f.Add("/search", m.query)
	}
	f.Add("/search", "q=section+230&court=ilnd&size=5&page=2")
	f.Add("/documents/abc", "")
	f.Add("/documents/abc/text", "pages=3-5")
	f.Add("/documents/abc/text", "page=7&pages=1-2")
	f.Add("/entities/court", "prefix=N.D.")
	f.Add("/feed.atom", "statute=FOSTA&size=1")
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), &fakeIndex{}, api.Config{})
	f.Fuzz(func(t *testing.T, path, query string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path = "/" + strings.TrimPrefix(path, "/")
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%q ? %q: %d %s", path, query, rec.Code, rec.Body)
		}
		if rec.Code >= 400 && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
			t.Fatalf("%q ? %q: %d with %q", path, query, rec.Code, rec.Header().Get("Content-Type"))
		}
	})
}
