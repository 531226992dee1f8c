package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// checkInlineNormal wants inlineNormal of every element of page to be
// normalizeInline(inlineText(n)), the two passes it skips when the
// first has nothing to change.
func checkInlineNormal(t *testing.T, page string) int {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Skip(err)
	}
	n := 0
	var walk func(*html.Node)
	walk = func(e *html.Node) {
		if e.Type == html.ElementNode {
			n++
			if got, want := inlineNormal(e), normalizeInline(inlineText(e)); got != want {
				t.Fatalf("%q: inlineNormal(<%s>) = %q, want %q", page, e.Data, got, want)
			}
		}
		for c := e.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return n
}

func TestInlineNormal(t *testing.T) {
	for _, c := range []struct{ name, page, cell string }{
		{"a plain cell", `<table><tr><td>COMPLAINT against Backpage.com, LLC</td></tr></table>`, "COMPLAINT against Backpage.com, LLC"},
		{"spaces and breaks squashed", "<td>  ORDER\n granting <b>motion</b>\t to dismiss </td>", "ORDER granting motion to dismiss"},
		{"a no-break space", "<td>Doe\u00a0v. Twitter</td>", "Doe v. Twitter"},
		{"a zero-width space between spaces", "<td>Jane \u200b Doe</td>", "Jane Doe"},
		{"a soft hyphen dropped", "<td>Sales\u00adforce</td>", "Salesforce"},
		{"a ligature composed", "<td>\ufb01led</td>", "filed"},
		{"a line break element", "<td>MINUTE ENTRY<br>before Judge Kennelly</td>", "MINUTE ENTRY before Judge Kennelly"},
		{"empty", "<td> </td>", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkInlineNormal(t, c.page)
			doc, _ := html.Parse(strings.NewReader("<table><tr>" + c.page + "</tr></table>"))
			td := find(doc, func(n *html.Node) bool { return n.Data == "td" })
			if td == nil {
				t.Fatal("no cell")
			}
			if got := inlineNormal(td); got != c.cell {
				t.Errorf("cell %q, want %q", got, c.cell)
			}
		})
	}
}

func FuzzInlineNormal(f *testing.F) {
	f.Add(`<table><tr><td>01/02/2020</td><td>1</td><td>COMPLAINT</td></tr></table>`)
	f.Add("<td>a\u00a0\u200b b\r\nc\u00ad\n\ufb01</td><td>\t</td>")
	f.Add(readTestdata(f, "dockets/district/cand.html"))
	f.Fuzz(func(t *testing.T, page string) { checkInlineNormal(t, page) })
}
