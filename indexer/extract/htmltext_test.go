package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// checkTextFastPath renders s after prefix both ways, through text (which
// writes a single-spaced node at once) and through words (word by word),
// from every state a renderer can be in, and wants the same text and the
// same owed breaks.
func checkTextFastPath(t *testing.T, prefix, s string) {
	for _, pending := range []int{0, 1, 2} {
		for _, space := range []bool{false, true} {
			fast := textRenderer{pending: pending, space: space}
			slow := textRenderer{pending: pending, space: space}
			fast.b.WriteString(prefix)
			slow.b.WriteString(prefix)
			fast.text(s, false)
			slow.words(s)
			// The next text shows what each owes.
			fast.text("x", false)
			slow.words("x")
			if fast.b.String() != slow.b.String() {
				t.Fatalf("after %q (pending %d, space %v), text(%q) wrote %q, words wrote %q",
					prefix, pending, space, s, fast.b.String(), slow.b.String())
			}
		}
	}
}

func TestTextFastPath(t *testing.T) {
	for _, s := range []string{"", " ", "  ", "a", " a", "a ", " a ", "a b", "a  b", "a\nb", "\n", " \n ", "a\tb",
		"§ 1591 “quoted”", "a\u00a0b", "\u00a0a", "a\u2003", "\xff b", "a\vb", "\va", "Doe v. Roe, No. 1:20-cv-02335 "} {
		for _, prefix := range []string{"", "text"} {
			checkTextFastPath(t, prefix, s)
		}
	}
}

func FuzzTextFastPath(f *testing.F) {
	f.Add("", "MOTION to Dismiss by Doe ")
	f.Add("text", " a\u00a0b  c\n")
	f.Fuzz(checkTextFastPath)
}

// checkBodyText parses page and wants bodyText and contentText to say
// what nodeText renders, the way they read the page before bodyText
// watched for chrome: the body everything rendered, and the content
// root without chrome. It returns whether the body was plain.
func checkBodyText(t *testing.T, page string) bool {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Skip(err)
	}
	body := bodyText(doc)
	if want := nodeText(body.root, true); body.text != want {
		t.Fatalf("%q: bodyText %q, nodeText %q", page, body.text, want)
	}
	if body.plain {
		if without := nodeText(body.root, false); without != body.text {
			t.Fatalf("%q: plain body %q, without chrome %q", page, body.text, without)
		}
	}
	if got, want := contentText(doc, body), nodeText(contentRoot(doc), false); got != want {
		t.Fatalf("%q: contentText %q, want %q", page, got, want)
	}
	return body.plain
}

func TestBodyTextPlain(t *testing.T) {
	for _, tc := range []struct {
		page  string
		plain bool
	}{
		{"", true},
		{"text alone", true},
		{`<table><tr><td>01/02/2020</td><td>1</td><td>COMPLAINT</td></tr></table>`, true},
		{`<body><div id="cmecfMainContent"><h3>Docket</h3><p>entries</p></div></body>`, true},
		{`<body><form><table><tr><td>1</td></tr></table></form></body>`, false},
		{`<body><div class="sidebar">links</div><p>text</p></body>`, false},
		{`<body><div class="page-with-sidebar"><main><p>text</p></main></div></body>`, true},
		{`<body><div class="nav" hidden>links</div><p>text</p></body>`, true},
		{`<body><script>x()</script><nav>menu</nav><p>text</p></body>`, true},
		{`<body><main><p>a</p></main><div class="footer">f</div></body>`, false},
		{`<body><article><p>long article text</p></article><form>f</form></body>`, false},
	} {
		if got := checkBodyText(t, tc.page); got != tc.plain {
			t.Errorf("%q: plain %v, want %v", tc.page, got, tc.plain)
		}
	}
	for _, name := range []string{"dockets/district/cand.html", "dockets/appellate/ca11_1.html"} {
		checkBodyText(t, readTestdata(t, name))
	}
}

func FuzzBodyText(f *testing.F) {
	f.Add(`<table><tr><td>01/02/2020</td><td>1</td><td>COMPLAINT</td></tr></table>`)
	f.Add(`<body><div class="sidebar">links</div><form>f</form><main>a</main></body>`)
	f.Add(readTestdata(f, "dockets/district/cand.html"))
	f.Fuzz(func(t *testing.T, page string) { checkBodyText(t, page) })
}
