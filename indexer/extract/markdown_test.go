package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in, wantText, wantTitle string
	}{
		{"heading is title", "# The Title #\n\nBody text here.", "The Title\n\nBody text here.", "The Title"},
		{"setext heading", "Big Title\n=========\n\nBody.", "Big Title\n\nBody.", "Big Title"},
		{"emphasis and links", "Some **bold**, __strong__, *em* and _under_ text with [a link](http://x.example/a_b) and ![alt text](img.png).", "Some bold, strong, em and under text with a link and alt text.", "Some bold, strong, em and under text with a link and alt text."},
		{"snake_case survives", "call my_var_name now", "call my_var_name now", "call my_var_name now"},
		{"lists and quotes", "Intro\n\n- one\n- two\n- three\n\n> quoted line", "Intro\n\none\ntwo\nthree\n\nquoted line", "Intro"},
		{"tables lose pipes", "| A | B |\n|---|:-:|\n| 1 | 2 |", "A B\n1 2", "A B"},
		{"code fences keep code", "Text\n\n```go\nx := 1\n```\n\nMore `inline` code", "Text\n\nx := 1\n\nMore inline code", "Text"},
		{"html tags and entities", "<u>Prostitution</u>: a &amp; b <br/> c", "Prostitution: a & b c", "Prostitution: a & b c"},
		{"escapes", `\$ 300 \*not em\*`, "$ 300 *not em*", "$ 300 *not em*"},
		{"front matter", "---\ntitle: \"FOSTA: <b>a</b> Review\"\ndate: 2019-01-02\ntags:\n  - law\n---\n\nBody text.\n", "Body text.", "FOSTA: a Review"},
		{"a rule first is not front matter", "---\n\nBody text.\n", "Body text.", "Body text."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Markdown(Options{}).Extract(context.Background(), strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Text(); got != tt.wantText {
				t.Errorf("text = %q, want %q", got, tt.wantText)
			}
			if res.Meta.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", res.Meta.Title, tt.wantTitle)
			}
		})
	}
}

func TestMarkdownWhitePaper(t *testing.T) {
	res, err := Markdown(Options{}).Extract(context.Background(), strings.NewReader(readTestdata(t, "markdown/white-paper-combating-online-sex-trafficking-2018.md")))
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.Title != "COMBATING ONLINE SEX TRAFFICKING" || res.Meta.Lang != "en" || len(res.Pages) != 1 {
		t.Errorf("meta = %+v, %d pages", res.Meta, len(res.Pages))
	}
	text := res.Text()
	for _, bad := range []string{"**", "<u>", "\\$", "\n- "} {
		if strings.Contains(text, bad) {
			t.Errorf("markup %q left in text", bad)
		}
	}
	golden(t, "markdown/white-paper-combating-online-sex-trafficking-2018.golden.txt", text)
}

func TestMarkdownFootnotesAndLinks(t *testing.T) {
	in := "# Report\n\nBackpage won on immunity.[^1] See [the *opinion*](https://example.com/a_(b)) and [the statute][usc], or <https://law.example/230>.\n\n" +
		"[usc]: https://uscode.example/47/230 \"47 U.S.C. 230\"\n\n" +
		"[^1]: Doe v. Backpage.com, LLC, 817 F.3d 12, 22 (1st Cir. 2016) (applying 47 U.S.C. § 230).\n\n" +
		"[^unused]: A definition no marker refers to is still text.\n"
	res, err := Markdown(Options{}).Extract(context.Background(), strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	text := res.Text()
	for _, want := range []string{
		"Backpage won on immunity. See the opinion and the statute, or https://law.example/230.",
		"817 F.3d 12, 22 (1st Cir. 2016) (applying 47 U.S.C. § 230).",
		"A definition no marker refers to is still text.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"](", "[^", "uscode.example", "[usc]", "example.com"} {
		if strings.Contains(text, bad) {
			t.Errorf("link debris %q in text:\n%s", bad, text)
		}
	}
	if len(res.Sections) != 1 || res.Sections[0].Title != "Report" {
		t.Errorf("sections = %+v, want the one heading", res.Sections)
	}
}

func FuzzMarkdown(f *testing.F) {
	f.Add("# T\n\ntext[^1] [l](u)\n\n[^1]: note\n")
	f.Add("| a | b |\n|---|---|\n| 1 | 2 |\n\n> q\n\n1. one\n2. two\n")
	f.Add("<div>html <b>block</b></div>\n\n```\ncode\n```\n")
	f.Add("[^a]:\n[^a]: [^a]\n- [^b]\n\n[^b]: > x")
	f.Fuzz(func(t *testing.T, in string) {
		res, err := Markdown(Options{}).Extract(context.Background(), strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(res.Pages) != 1 || !utf8.ValidString(res.Pages[0].Text) {
			t.Fatalf("bad result %+v", res.Pages)
		}
		for _, s := range res.Sections {
			if s.Offset < 0 || s.Offset > len(res.Pages[0].Text) {
				t.Fatalf("section %+v outside the text", s)
			}
		}
	})
}
