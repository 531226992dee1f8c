package ui

import (
	"html"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"lexsearch/search"
)

func marked(parts []part) []string {
	var out []string
	for _, p := range parts {
		if p.Mark {
			out = append(out, p.Text)
		}
	}
	return out
}

func TestHighlighter(t *testing.T) {
	text := "The liabilities of a beneficiary: Twitter's amendments to Section 230, not Backpage; motion to dismiss."
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"liability", []string{"liabilities"}},
		{`"section 230"`, []string{"Section", "230"}},
		{"amend*", []string{"amendments"}},
		{"twitter", []string{"Twitter's"}},
		{"trafficking NOT backpage", nil},
		{"court:ilnd", nil},
		{"motion to dismiss", []string{"motion", "dismiss"}},
		{"beneficiary w/5 liability", []string{"liabilities", "beneficiary"}},
		{`"unbalanced`, nil},
	} {
		parts, _ := newHighlighter(tc.q).parts(text)
		if got := marked(parts); !slices.Equal(got, tc.want) {
			t.Errorf("%s: marked %q, want %q", tc.q, got, tc.want)
		}
		var all strings.Builder
		for _, p := range parts {
			all.WriteString(p.Text)
		}
		if all.String() != text {
			t.Errorf("%s: parts do not add up to the text: %q", tc.q, all.String())
		}
	}
}

func TestSnippetParts(t *testing.T) {
	got := snippetParts("… &lt;b&gt; <mark>Section</mark> <mark>230</mark> &amp; more")
	want := []part{{"… <b> ", false}, {"Section", true}, {" ", false}, {"230", true}, {" & more", false}}
	if !slices.Equal(got, want) {
		t.Errorf("snippetParts = %+v, want %+v", got, want)
	}
}

func TestWantsHTML(t *testing.T) {
	for accept, want := range map[string]bool{
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8": true,
		"*/*":                               false,
		"":                                  false,
		"application/json":                  false,
		"application/json, text/html;q=0":   false,
		"TEXT/HTML; q=0.5":                  true,
		"application/json, text/html;q=0.9": false,
		"text/html;q=0.9, application/json;q=0.5": true,
		"application/json, text/html":             false,
		"text/html, application/json":             true,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept", accept)
		if got := WantsHTML(r); got != want {
			t.Errorf("WantsHTML(%q) = %v, want %v", accept, got, want)
		}
	}
}

func TestFillYears(t *testing.T) {
	got := fillYears([]search.Bucket{{Value: "2018", Count: 2}, {Value: "2021", Count: 1}})
	var years []string
	for _, b := range got {
		years = append(years, b.Value)
	}
	if !slices.Equal(years, []string{"2018", "2019", "2020", "2021"}) || got[1].Count != 0 || got[3].Count != 1 {
		t.Errorf("fillYears = %+v", got)
	}
	if got := fillYears([]search.Bucket{{Value: "1066", Count: 1}, {Value: "2021", Count: 1}}); len(got) != 2 {
		t.Errorf("a thousand-year span was filled: %d bars", len(got))
	}
}

func TestExplainQueryErrorPointsAtTheCharacter(t *testing.T) {
	q := `section 230 (immunity`
	_, err := search.Parse(q)
	qe := explainQueryError(q, &search.RequestError{Param: "q", Reason: err.Error()})
	if !qe.HasAt || qe.Before+qe.At+qe.After != q || qe.At != "(" {
		t.Errorf("error split as %q|%q|%q, want the ( marked", qe.Before, qe.At, qe.After)
	}
	q = `"section 230`
	_, err = search.Parse(q)
	qe = explainQueryError(q, &search.RequestError{Param: "q", Reason: err.Error()})
	if qe.At != `"` || qe.Pos != 1 {
		t.Errorf("unbalanced quote: at %q pos %d", qe.At, qe.Pos)
	}
}

func TestPagingFollowsTheCursorPastTheDepth(t *testing.T) {
	params := url.Values{"q": {"trafficking"}, "size": {"100"}, "page": {"100"}}
	deepest := search.MaxDepth / 100
	pg := paging(params, &search.Result{Total: 20000, Page: deepest, Size: 100, NextCursor: "CUR"}, deepest)
	if !strings.Contains(pg.Next, "cursor=CUR") || strings.Contains(pg.Next, "page=") {
		t.Errorf("next from the deepest page = %q, want the cursor", pg.Next)
	}
	if !strings.Contains(pg.Prev, "page=99") {
		t.Errorf("prev = %q", pg.Prev)
	}
	pg = paging(url.Values{"q": {"x"}, "cursor": {"CUR"}}, &search.Result{Total: 20000, Size: 100, NextCursor: "CUR2"}, 1)
	if !strings.Contains(pg.Next, "cursor=CUR2") || pg.First != "/search?q=x" || pg.Prev != "" {
		t.Errorf("a cursor page: %+v", pg)
	}
	pg = paging(url.Values{"q": {"x"}}, &search.Result{Total: 35, Page: 1, Size: 10, NextCursor: "C"}, 1)
	if pg.Next != "/search?page=2&q=x" || pg.Last != 4 || len(pg.Numbers) != 4 {
		t.Errorf("first of four pages: %+v", pg)
	}
}

func FuzzHighlighter(f *testing.F) {
	for _, s := range [][2]string{
		{"section 230", "Section 230’s protection"},
		{`amend* "beneficiary liability"~5 NOT x`, "amendments; beneficiary’s liabilities"},
		{"(", "é\u0301 it's"},
		{"a w/5 b /s c", "\xff\xfe broken utf-8 a b c"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, q, text string) {
		parts, _ := newHighlighter(q).parts(text)
		var all strings.Builder
		for _, p := range parts {
			if p.Mark && p.Text == "" {
				t.Fatal("an empty mark")
			}
			all.WriteString(p.Text)
		}
		if all.String() != text {
			t.Fatalf("parts %q do not add up to %q", all.String(), text)
		}
	})
}

func FuzzSnippetParts(f *testing.F) {
	for _, s := range []string{"a <mark>b</mark> c", "<mark>", "</mark><mark>x", "&lt;mark&gt; &amp;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Rendered back as search renders snippets, the parts read the same.
		parts := snippetParts(s)
		var b strings.Builder
		for _, p := range parts {
			if p.Mark {
				b.WriteString("<mark>" + html.EscapeString(p.Text) + "</mark>")
			} else {
				b.WriteString(html.EscapeString(p.Text))
			}
		}
		again := snippetParts(b.String())
		if len(joinParts(again)) != len(joinParts(parts)) || joinParts(again) != joinParts(parts) {
			t.Fatalf("%q reads as %+v, rendered back as %+v", s, parts, again)
		}
	})
}

func joinParts(ps []part) string {
	var b strings.Builder
	for _, p := range ps {
		if p.Mark {
			b.WriteString("[" + p.Text + "]")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

func BenchmarkHighlightPage(b *testing.B) {
	page := strings.Repeat("Section 230 of the Communications Decency Act protects interactive computer services from liability; ", 60)
	b.ReportAllocs()
	for b.Loop() {
		h := newHighlighter(`"section 230" liability amend*`)
		for range 20 { // a 20-page opinion
			h.parts(page)
		}
	}
}
