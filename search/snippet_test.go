package search

import (
	"html"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"lexsearch/corpus"
)

// loc builds a bleve term location on page index page of the body.
func loc(page, start, end int) *bsearch.Location {
	return &bsearch.Location{Start: uint64(start), End: uint64(end), ArrayPositions: []uint64{uint64(page)}}
}

func TestSnippets(t *testing.T) {
	pages := []string{
		"The Court begins with the allegations. " + strings.Repeat("Filler words here. ", 30),
		"Section 230 functions as an affirmative defense. See, Doe v. GTE Corp.",
	}
	doc := &corpus.Document{PageNumbers: []int{6, 7}}
	at := strings.Index(pages[1], "affirmative")
	locs := bsearch.TermLocationMap{
		"affirm": {loc(1, at, at+len("affirmative"))},
		"defens": {loc(1, at+12, at+19)},
	}
	got := snippets(doc, pages, locs)
	if len(got) != 1 {
		t.Fatalf("got %d snippets, want 1: %+v", len(got), got)
	}
	if got[0].Page != 7 {
		t.Errorf("page = %d, want 7 (the page's own number, not its index)", got[0].Page)
	}
	if want := "<mark>affirmative</mark> <mark>defense</mark>"; !strings.Contains(got[0].Text, want) {
		t.Errorf("text = %q, want it to contain %q", got[0].Text, want)
	}
}

func TestSnippetsAtMostThreeAndEscaped(t *testing.T) {
	page := strings.Repeat("<b>x</b> & liability and more words to pad the passage out. ", 40)
	var ls []*bsearch.Location
	for i := 0; ; {
		j := strings.Index(page[i:], "liability")
		if j < 0 {
			break
		}
		ls = append(ls, loc(0, i+j, i+j+len("liability")))
		i += j + 1
	}
	got := snippets(&corpus.Document{}, []string{page}, bsearch.TermLocationMap{"liabil": ls})
	if len(got) != maxSnippets {
		t.Fatalf("got %d snippets, want %d", len(got), maxSnippets)
	}
	for _, s := range got {
		if strings.Contains(s.Text, "<b>") || !strings.Contains(s.Text, "&lt;b&gt;") {
			t.Errorf("snippet not HTML-escaped: %q", s.Text)
		}
		if len(s.Text) > 2*snippetLen {
			t.Errorf("snippet of %d bytes: %q", len(s.Text), s.Text)
		}
	}
}

func TestSnippetsWithoutMatchesShowFirstLines(t *testing.T) {
	got := snippets(&corpus.Document{}, []string{"MEMORANDUM OPINION AND ORDER\n\nWhen G.G. was thirteen"}, nil)
	if len(got) != 1 || got[0].Page != 1 || !strings.HasPrefix(got[0].Text, "MEMORANDUM OPINION AND ORDER When") {
		t.Errorf("got %+v", got)
	}
}

func TestWindowKeepsRunesWhole(t *testing.T) {
	text := "§§ ééé ààà ôôô"
	for from := range len(text) {
		f, to := window(text, from, 5)
		if f > to || !utf8.ValidString(text[f:to]) {
			t.Errorf("window(%d) = %d,%d cuts a rune", from, f, to)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		name  string
		req   Request
		param string // "" when valid
	}{
		{"defaults", Request{}, ""},
		{"size too big", Request{Size: 101}, "size"},
		{"negative page", Request{Page: -1}, "page"},
		{"too deep", Request{Size: 100, Page: 101}, "page"},
		{"page times size overflows", Request{Size: 10, Page: 922337203685477581}, "page"},
		{"deepest page", Request{Size: 100, Page: 100}, ""},
		{"bad sort", Request{Sort: "oldest"}, "sort"},
		{"bad type", Request{Types: []string{"memo"}}, "type"},
		{"bad year", Request{Years: []string{"21"}}, "year"},
		{"bad from", Request{From: "last week"}, "from"},
		{"month to", Request{To: "2021-06"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.req.normalize()
			if tc.param == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if got.Size < 1 || got.Page < 1 || got.Sort == "" {
					t.Errorf("defaults not filled: %+v", got)
				}
				return
			}
			re, ok := err.(*RequestError)
			if !ok || re.Param != tc.param {
				t.Errorf("error %v, want a RequestError on %s", err, tc.param)
			}
		})
	}
}

func TestDateBounds(t *testing.T) {
	first, last, err := dateBounds("2021-02")
	if err != nil || first.Format("2006-01-02") != "2021-02-01" || last.Format("2006-01-02") != "2021-02-28" {
		t.Errorf("dateBounds(2021-02) = %v, %v, %v", first, last, err)
	}
}

func TestSnippetsCarryTheirSection(t *testing.T) {
	page := "Executive Summary\n\nICT plays a role.\n\nGlossary\n\nTrafficking means the recruitment of persons."
	doc := &corpus.Document{Sections: []corpus.Section{
		{Page: 1, Offset: 0, Title: "Executive Summary"},
		{Page: 1, Offset: strings.Index(page, "Glossary"), Title: "Glossary"},
	}}
	at := strings.Index(page, "recruitment")
	got := snippets(doc, []string{page}, bsearch.TermLocationMap{"recruit": {loc(0, at, at+len("recruitment"))}})
	if len(got) != 1 || got[0].Section != "Glossary" {
		t.Errorf("got %+v, want one snippet in section Glossary", got)
	}
	if first := snippets(doc, []string{page}, nil); first[0].Section != "Executive Summary" {
		t.Errorf("first lines: section %q", first[0].Section)
	}
}

// TestRenderFoldsAsFieldsDoes checks render against what it stands for:
// the passage escaped with html.EscapeString, marks wrapped, ellipses
// added, then split with strings.Fields and joined with single spaces,
// on passages with every kind of white space, HTML's special characters,
// several-byte runes and bytes that are not UTF-8.
func TestRenderFoldsAsFieldsDoes(t *testing.T) {
	want := func(text string, from, to int, marks []span) string {
		var b strings.Builder
		if from > 0 {
			b.WriteString("… ")
		}
		at := from
		for _, m := range marks {
			if m.start < at {
				continue
			}
			b.WriteString(html.EscapeString(text[at:m.start]))
			b.WriteString("<mark>" + html.EscapeString(text[m.start:m.end]) + "</mark>")
			at = m.end
		}
		b.WriteString(html.EscapeString(text[at:to]))
		if to < len(text) {
			b.WriteString(" …")
		}
		return strings.Join(strings.Fields(b.String()), " ")
	}
	pieces := []string{"word", "Section", " ", "  ", "\t", "\n", "\r\n", "\v", "\f", "\u00a0", "\u0085", "\u2003", "\u3000",
		"<", ">", "&", "'", "\"", "é", "§", "—", "\xff", "\xe2\x80", "x"}
	r := rand.New(rand.NewPCG(7, 7))
	for n := range 3000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		from, to := r.IntN(len(text)+1), r.IntN(len(text)+1)
		if from > to {
			from, to = to, from
		}
		var marks []span
		for at := from; at < to && r.IntN(3) > 0; {
			s := at + r.IntN(to-at)
			e := s + r.IntN(to-s+1)
			marks = append(marks, span{start: s, end: e})
			at = e
			if r.IntN(4) == 0 { // one that overlaps the last, which render skips
				marks = append(marks, span{start: max(from, s-1), end: e})
			}
		}
		if got, w := render(text, from, to, marks), want(text, from, to, marks); got != w {
			t.Fatalf("case %d: render(%q, %d, %d, %v)\n got %q\nwant %q", n, text, from, to, marks, got, w)
		}
	}
}
