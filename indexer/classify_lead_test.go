package indexer

import (
	"strings"
	"testing"

	"lexsearch/corpus"
)

// loweredOracle is lowered as it was: the bytes copied, A-Z lowered in
// place, and copied back into a string.
func loweredOracle(head string) string {
	if foldsIntoASCII(head) {
		return ""
	}
	b := []byte(head)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// leadingOracle is leading as it was, growing its buffer as it writes.
func leadingOracle(pages []corpus.Page, n int) string {
	var b strings.Builder
	for _, p := range pages {
		if b.Len() >= n {
			break
		}
		b.WriteString(p.Text[:min(len(p.Text), n-b.Len())])
		b.WriteByte('\n')
	}
	return b.String()
}

func TestLowered(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"already lower", "already lower"},
		{"MEMORANDUM OPINION AND ORDER", "memorandum opinion and order"},
		{"Doe v. Twitter, Inc.", "doe v. twitter, inc."},
		{"Défendeur ÉTAT Zürich", "défendeur État zürich"}, // only A-Z: É stays
		{"AZ@[`{", "az@[`{"},
		{"a 5 \u212a kelvin", ""}, // folds into ASCII: no lowered text
		{"lo\u017fs", ""},
	} {
		if got := lowered(c.in); got != c.want {
			t.Errorf("lowered(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := loweredOracle(c.in); got != c.want {
			t.Errorf("oracle(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzLowered(f *testing.F) {
	for _, s := range []string{"", "UNITED STATES DISTRICT COURT\nfor the Northern District", "Zz\u212a", "É\xffA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := lowered(s), loweredOracle(s); got != want {
			t.Fatalf("lowered(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestLeading(t *testing.T) {
	pages := func(texts ...string) []corpus.Page {
		var ps []corpus.Page
		for i, s := range texts {
			ps = append(ps, corpus.Page{Number: i + 1, Text: s})
		}
		return ps
	}
	for _, c := range []struct {
		name  string
		pages []corpus.Page
		n     int
		want  string
	}{
		{"no pages", nil, 10, ""},
		{"a short page whole", pages("OPINION"), 100, "OPINION\n"},
		{"a long page cut", pages("ORDER GRANTING MOTION"), 5, "ORDER\n"},
		{"pages until n", pages("abc", "defgh", "ijk"), 6, "abc\nde\n"},
		{"n reached with a break", pages("abc", "de", "fgh"), 4, "abc\n"},
		{"an empty page", pages("", "abc"), 10, "\nabc\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := leading(c.pages, c.n); got != c.want {
				t.Errorf("leading = %q, want %q", got, c.want)
			}
			if got := leadingOracle(c.pages, c.n); got != c.want {
				t.Errorf("oracle = %q, want %q", got, c.want)
			}
		})
	}
}

func FuzzLeading(f *testing.F) {
	f.Add("UNITED STATES\fDISTRICT COURT\f\fpage three", 12)
	f.Add("", 0)
	f.Fuzz(func(t *testing.T, text string, n int) {
		n %= 1 << 12
		var pages []corpus.Page
		for i, s := range strings.Split(text, "\f") {
			pages = append(pages, corpus.Page{Number: i + 1, Text: s})
		}
		if got, want := leading(pages, n), leadingOracle(pages, n); got != want {
			t.Fatalf("leading(%q, %d) = %q, want %q", text, n, got, want)
		}
	})
}
