package extract

import (
	"context"
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in, wantText, wantTitle string
	}{
		{"heading is title", "# The Title #\n\nBody text here.", "The Title\n\nBody text here.", "The Title"},
		{"setext heading", "Big Title\n=========\n\nBody.", "Big Title\n\nBody.", "Big Title"},
		{"emphasis and links", "Some **bold**, __strong__, *em* and _under_ text with [a link](http://x.example/a_b) and ![alt text](img.png).", "Some bold, strong, em and under text with a link and alt text.", "Some bold, strong, em and under text with a link and alt text."},
		{"snake_case survives", "call my_var_name now", "call my_var_name now", "call my_var_name now"},
		{"lists and quotes", "Intro\n\n- one\n* two\n+ three\n\n> quoted line", "Intro\n\none\ntwo\nthree\n\nquoted line", "Intro"},
		{"tables lose pipes", "| A | B |\n|---|:-:|\n| 1 | 2 |", "A B\n1 2", "A B"},
		{"code fences keep code", "Text\n\n```go\nx := 1\n```\n\nMore `inline` code", "Text\n\nx := 1\n\nMore inline code", "Text"},
		{"html tags and entities", "<u>Prostitution</u>: a &amp; b <br/> c", "Prostitution: a & b c", "Prostitution: a & b c"},
		{"escapes", `\$ 300 \*not em\*`, "$ 300 *not em*", "$ 300 *not em*"},
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
