package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name, in, wantText, wantTitle string
	}{
		{
			"main content only",
			`<html><head><title>Doe v. Roe | News</title><style>p{}</style><script>var x="<p>no</p>";</script></head>
			<body><nav><a href="/">Home</a></nav><header>Site header</header>
			<div id="cookie-banner">We use cookies</div>
			<main><h1>Doe v. Roe</h1><p>The court  held
			that the claim fails.</p><p>Second &amp; last paragraph.</p>
			<div class="share-buttons">Share on X</div></main>
			<aside>Related stories</aside><footer>© Site</footer></body></html>`,
			"Doe v. Roe\n\nThe court held that the claim fails.\n\nSecond & last paragraph.",
			"Doe v. Roe",
		},
		{
			"article preferred over body",
			`<body><div class="menu">Menu</div><p>Teaser</p><article><p>Story text.</p></article></body>`,
			"Story text.",
			"",
		},
		{
			"body without landmarks, chrome by class and role",
			`<body><div role="navigation">Go</div><div class="breadcrumb">A › B</div><p>One<br>Two</p><ul><li>x</li><li>y</li></ul><div class="sidebar-widget">Ad</div><div class="advert">Buy</div></body>`,
			"One\nTwo\n\nx\ny",
			"",
		},
		{
			"content wrapper with chrome-like class kept",
			`<body><div class="page-with-sidebar"><main><p>Kept.</p></main></div></body>`,
			"Kept.",
			"",
		},
		{
			"first h1 is title without title element",
			`<body><h1>Heading  One</h1><p>Text</p></body>`,
			"Heading One\n\nText",
			"Heading One",
		},
		{
			"hidden elements dropped",
			`<body><p>Seen</p><p style="display: none">Unseen</p><p hidden>Gone</p></body>`,
			"Seen",
			"",
		},
		{
			"table cells separated",
			`<body><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></body>`,
			"a b\nc d",
			"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Text(); got != tt.wantText {
				t.Errorf("text = %q, want %q", got, tt.wantText)
			}
			if res.Meta.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", res.Meta.Title, tt.wantTitle)
			}
			if res.Meta.Type == "docket" {
				t.Error("generic page typed as docket")
			}
		})
	}
}

func TestHTMLLatin1(t *testing.T) {
	in := "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><p>Cr\xe8me br\xfbl\xe9e</p></body></html>"
	res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.Title != "Café" || res.Text() != "Crème brûlée" {
		t.Errorf("got title %q text %q", res.Meta.Title, res.Text())
	}
}

func TestHTMLNoText(t *testing.T) {
	_, err := HTML(Options{}).Extract(context.Background(), strings.NewReader("<html><script>x()</script></html>"))
	if !errors.Is(err, ErrEmpty) || errors.Is(err, ErrNoText) {
		t.Errorf("err = %v, want ErrEmpty (a page is never a scan)", err)
	}
}

func FuzzHTML(f *testing.F) {
	f.Add("<html><body><main><p>a</p></main></body></html>")
	f.Add(`<table><tr><td>Date Filed</td><td>#</td><td>Docket Text</td></tr><tr><td>01/02/2020</td><td>1</td><td>COMPLAINT</td></tr></table>`)
	f.Add(readTestdata(f, "dockets/district/cand.html"))
	f.Add(readTestdata(f, "dockets/appellate/ca11_1.html"))
	f.Add(`<title>a <b>b</b> | c</title><meta property="og:title" content="&lt;script&gt;x">`)
	f.Add(`<div class="post-content"><p>one, two</p><div class="comments"><p>three</p></div></div><form><input></form>`)
	f.Fuzz(func(t *testing.T, in string) {
		res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(in))
		if err == nil && len(res.Pages) != 1 {
			t.Fatalf("%d pages", len(res.Pages))
		}
		if err == nil && res.Meta.Type != "docket" && strings.ContainsAny(res.Meta.Title, "<>") {
			t.Fatalf("markup in title %q", res.Meta.Title)
		}
	})
}

// decodeHTMLCopied is decodeHTML as first written, every page copied
// into a string: the oracle of TestDecodeHTML and FuzzDecodeHTML.
func decodeHTMLCopied(data []byte) (string, error) {
	if enc, bom := sniffEncoding(data); enc != encUTF8 || utf8.Valid(data[bom:]) {
		return decodeText(data)
	}
	if err := binaryBytes(data); err != nil {
		return "", err
	}
	enc, _, _ := charset.DetermineEncoding(data, "")
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return mixedToUTF8(data), nil
	}
	return string(out), nil
}

// checkDecodeHTML wants decodeHTML to give the page and the error the
// oracle gives, and to leave data as it was.
func checkDecodeHTML(t *testing.T, data []byte) {
	t.Helper()
	before := string(data)
	got, err := decodeHTML(data)
	want, wantErr := decodeHTMLCopied(data)
	if string(got) != want || (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Errorf("decodeHTML(%q) = %q, %v; want %q, %v", data, got, err, want, wantErr)
	}
	if string(data) != before {
		t.Errorf("decodeHTML changed its input %q to %q", before, data)
	}
}

func TestDecodeHTML(t *testing.T) {
	for _, page := range []string{
		"", "<p>plain</p>", "\xef\xbb\xbf<p>with a byte-order mark</p>",
		"\xff\xfe<\x00p\x00>\x00", "\xfe\xff\x00<\x00p\x00>",
		`<meta charset="windows-1252"><p>caf` + "\xe9</p>", `<meta charset="utf-8"><p>caf` + "\xe9 \xe2\x80\x9cq\xe2\x80\x9d</p>",
		"<p>\x00\x00\x00\x00 binary \x01\x02\x03\x04\x05\x06</p>", "\xef\xbb\xbf\x00\x00\x00\x00\x00\x01",
		"<p>§ 1591 “sex trafficking”</p>",
	} {
		checkDecodeHTML(t, []byte(page))
	}
}

func FuzzDecodeHTML(f *testing.F) {
	f.Add([]byte("\xef\xbb\xbf<p>§ 1591</p>"))
	f.Add([]byte(`<meta charset="windows-1252"><p>caf` + "\xe9</p>"))
	f.Fuzz(checkDecodeHTML)
}
