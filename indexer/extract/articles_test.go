package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// The article benchmark (testdata/articles, from the public
// article-extraction-benchmark, MIT) scores main-content extraction as its
// README says: lower-cased word tokens, the set of 4-token shingles of the
// extracted and of the true text, precision and recall per page, averaged
// over pages, and F1 of the two averages.

// shingles returns the set of 4-token shingles of s.
func shingles(s string) map[string]bool {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := make(map[string]bool)
	if len(words) < 4 {
		if len(words) > 0 {
			out[strings.Join(words, " ")] = true
		}
		return out
	}
	for i := 0; i+4 <= len(words); i++ {
		out[strings.Join(words[i:i+4], " ")] = true
	}
	return out
}

// shinglePR returns the precision and recall of got against want. An
// empty extraction has precision 1 only when the truth is empty too.
func shinglePR(got, want string) (p, r float64) {
	g, w := shingles(got), shingles(want)
	common := 0
	for s := range g {
		if w[s] {
			common++
		}
	}
	switch {
	case len(g) == 0 && len(w) == 0:
		return 1, 1
	case len(g) == 0:
		return 0, 0
	case len(w) == 0:
		return 0, 1
	}
	return float64(common) / float64(len(g)), float64(common) / float64(len(w))
}

type articleScore struct {
	n       int
	p, r    float64 // averages
	worst   []string
	perPage map[string][2]float64
}

func (s articleScore) f1() float64 {
	if s.p+s.r == 0 {
		return 0
	}
	return 2 * s.p * s.r / (s.p + s.r)
}

// articlePages lists the benchmark pages by id, split into the tuning
// two thirds and the held-out third (every third id in sorted order),
// so that tuning on one part can be checked on the other.
func articlePages(t testing.TB) (tune, held []string) {
	t.Helper()
	htmls, err := filepath.Glob(filepath.Join("testdata", "articles", "*.html"))
	if err != nil || len(htmls) == 0 {
		t.Fatalf("no benchmark pages: %v", err)
	}
	sort.Strings(htmls)
	for i, h := range htmls {
		id := strings.TrimSuffix(filepath.Base(h), ".html")
		if i%3 == 2 {
			held = append(held, id)
		} else {
			tune = append(tune, id)
		}
	}
	return tune, held
}

func scoreArticles(t testing.TB, ids []string) articleScore {
	t.Helper()
	ex := HTML(Options{})
	s := articleScore{perPage: map[string][2]float64{}}
	for _, id := range ids {
		page, err := os.ReadFile(filepath.Join("testdata", "articles", id+".html"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("testdata", "articles", id+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		res, err := ex.Extract(context.Background(), bytes.NewReader(page))
		if err == nil {
			got = res.Text()
		}
		p, r := shinglePR(got, string(want))
		s.p += p
		s.r += r
		s.n++
		s.perPage[id] = [2]float64{p, r}
	}
	s.p /= float64(s.n)
	s.r /= float64(s.n)
	return s
}

// TestArticleBenchmark fails when main-content extraction falls below the
// F1 it reaches on the benchmark pages, on the tuning pages and on the
// held-out third alike.
func TestArticleBenchmark(t *testing.T) {
	tune, held := articlePages(t)
	for _, part := range []struct {
		name  string
		ids   []string
		floor float64
	}{
		{"tuning", tune, 0.97},
		{"held-out", held, 0.95},
	} {
		s := scoreArticles(t, part.ids)
		t.Logf("%s: %d pages, precision %.3f recall %.3f F1 %.3f", part.name, s.n, s.p, s.r, s.f1())
		if testing.Verbose() {
			ids := append([]string(nil), part.ids...)
			sort.Slice(ids, func(i, j int) bool {
				a, b := s.perPage[ids[i]], s.perPage[ids[j]]
				return a[0]+a[1] < b[0]+b[1]
			})
			for _, id := range ids[:min(8, len(ids))] {
				t.Logf("  %s p=%.2f r=%.2f", id[:12], s.perPage[id][0], s.perPage[id][1])
			}
		}
		if f := s.f1(); f < part.floor {
			t.Errorf("%s F1 %.3f, below the floor %.3f", part.name, f, part.floor)
		}
	}
}

func TestShinglePR(t *testing.T) {
	p, r := shinglePR("one two three four five", "One, two three four. Five six")
	if p != 1 || r != 2.0/3 {
		t.Errorf("got p=%v r=%v, want 1 and 2/3", p, r)
	}
	if p, r := shinglePR("", "a b c d"); p != 0 || r != 0 {
		t.Errorf("empty extraction: p=%v r=%v", p, r)
	}
}
