package indexer

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"lexsearch/corpus"
)

// sameWords reports how the words wordTokenizer finds in s differ from
// those of bleve's unicode tokenizer, which indexes made before it used:
// "" when they agree in every term, offset, position and type. On text
// that is not UTF-8 they differ on purpose (see wordTokenizer): it only
// checks that the words are in order, within the text.
func sameWords(s string) string {
	if !utf8.ValidString(s) {
		last := 0
		for i, t := range (wordTokenizer{}).Tokenize([]byte(s)) {
			if t.Start < last || t.End <= t.Start || t.End > len(s) || t.Position != i+1 || string(t.Term) != s[t.Start:t.End] {
				return fmt.Sprintf("word %d: %q [%d:%d] position %d", i, t.Term, t.Start, t.End, t.Position)
			}
			last = t.End
		}
		return ""
	}
	want := unicode.NewUnicodeTokenizer().Tokenize([]byte(s))
	got := wordTokenizer{}.Tokenize([]byte(s))
	show := func(ts analysis.TokenStream, i int) string {
		if i >= len(ts) {
			return "nothing"
		}
		t := ts[i]
		return fmt.Sprintf("%q [%d:%d] position %d type %d", t.Term, t.Start, t.End, t.Position, t.Type)
	}
	for i := range max(len(want), len(got)) {
		if w, g := show(want, i), show(got, i); w != g {
			return fmt.Sprintf("word %d: got %s, want %s", i, g, w)
		}
	}
	return ""
}

func TestWordTokenizerAgreesWithUnicode(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", "_", "__", "a_b", "_1", "1_", "a1", "1a",
		"18 U.S.C. § 1591(a)(2) and 47 U.S.C. § 230(c)(1).",
		"Fed. R. Civ. P. 12(b)(6); 519 F.3d 666, 670-71 (7th Cir. 2008).",
		"It's the plaintiffs' claim: $1,000.50 on 3/4/2021 at 10:30 a.m.",
		"Doe v. Twitter, Inc., No. 21-cv-00485-JCS (N.D. Cal. Aug. 19, 2021)",
		"a:b 1:2 a;b 1;2 a.b 1.2 a'b 1'2 a.1 1.a a..b 1,,2 a'", "x\ty\r\nz\vq\fw",
		"“Section 230” — the Communications Decency Act’s safe harbor",
		"Défendeur vis-à-vis naïve café Straße œuvre", "a \u0301b", "\u0301b", "a\u200db",
		"東京 カタカナ 한국어 עברית's 1٫5", "www.backpage.com user@example.org",
	} {
		if d := sameWords(s); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	}
	// Bleve's tokenizer stops at the first byte that is not UTF-8; ours
	// goes on to the words after it.
	var words []string
	for _, tok := range (wordTokenizer{}).Tokenize([]byte("\xff\xfe abc d\xffe fgh")) {
		words = append(words, string(tok.Term))
	}
	if got := strings.Join(words, " "); got != "abc d fgh" && got != "abc d e fgh" {
		t.Errorf("words around bytes that are not UTF-8: %q", got)
	}
}

// TestWordTokenizerOnTheSampleCorpus compares the two tokenizers on the
// text of every embedded sample document.
func TestWordTokenizerOnTheSampleCorpus(t *testing.T) {
	eachSample(t, func(p string, data []byte) {
		if diff := sameWords(string(data)); diff != "" {
			t.Errorf("%s: %s", p, diff)
		}
	})
}

// eachSample calls f with every embedded sample document, and fails the
// test when there is none.
func eachSample(t testing.TB, f func(name string, data []byte)) {
	t.Helper()
	n := 0
	err := fs.WalkDir(corpus.Docs(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(corpus.Docs(), p)
		if err != nil {
			return err
		}
		n++
		f(p, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no sample documents")
	}
}

func FuzzWordTokenizer(f *testing.F) {
	for _, s := range []string{
		"18 U.S.C. § 1591(a)", "it's 1,000.50 a_b _1 a:b", "“quoted” naïve",
		"a \u0301b", "x\r\ny", "\xff", strings.Repeat("ab.", 20),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := sameWords(s); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	})
}

func BenchmarkTokenize(b *testing.B) {
	data, err := fs.ReadFile(corpus.Docs(), "sherloc-doe-v-twitter-ndcal-2021.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, tk := range []struct {
		name string
		t    analysis.Tokenizer
	}{{"unicode", unicode.NewUnicodeTokenizer()}, {"words", wordTokenizer{}}} {
		b.Run(tk.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				tk.t.Tokenize(data)
			}
		})
	}
}

// spansDiff reports how the words a spanScanner appends, in batches of
// at most size (beyond that only for a run beyond ASCII), differ from
// those scanWords finds in s: "" when they are the same.
func spansDiff(s string, size int) string {
	in := []byte(s)
	var want []wordSpan
	scanWords(in, func(start, end int, _ analysis.TokenType) {
		want = append(want, wordSpan{start: start, end: end})
	})
	var got []wordSpan
	sc := newSpanScanner(in)
	for calls := 0; !sc.done(); calls++ {
		batch := sc.next(make([]wordSpan, 0, size), size)
		if len(batch) == 0 && !sc.done() {
			return fmt.Sprintf("call %d: no word and not done at %d", calls, sc.at)
		}
		got = append(got, batch...)
	}
	for i := range max(len(want), len(got)) {
		switch {
		case i >= len(got):
			return fmt.Sprintf("word %d: got nothing, want %q [%d:%d]", i, s[want[i].start:want[i].end], want[i].start, want[i].end)
		case i >= len(want):
			return fmt.Sprintf("word %d: got %q [%d:%d], want nothing", i, s[got[i].start:got[i].end], got[i].start, got[i].end)
		case got[i] != want[i]:
			return fmt.Sprintf("word %d: got %q [%d:%d], want %q [%d:%d]", i,
				s[got[i].start:got[i].end], got[i].start, got[i].end, s[want[i].start:want[i].end], want[i].start, want[i].end)
		}
	}
	return ""
}

func TestSpanScannerAgreesWithScanWords(t *testing.T) {
	for _, s := range []string{
		"", " ", "\t\n", "a", "_", "__", "a_b", "_1", "1_", "a1", "1a", "a.", ".a", "a'", "'a", "1,", ",1",
		"a:b 1:2 a;b 1;2 a.b 1.2 a'b 1'2 a.1 1.a a..b 1,,2 a' a:b:c 1.2.3 a'b'c a_.b 1_,2",
		"18 U.S.C. § 1591(a)(2) and 47 U.S.C. § 230(c)(1).",
		"Fed. R. Civ. P. 12(b)(6); 519 F.3d 666, 670-71 (7th Cir. 2008).",
		"It's the plaintiffs' claim: $1,000.50 on 3/4/2021 at 10:30 a.m.",
		"“Section 230” — the Communications Decency Act’s safe harbor, it's",
		"Défendeur vis-à-vis naïve café Straße œuvre", "a \u0301b", "\u0301b", "a\u200db", "ab\u0301 cd",
		"東京 カタカナ 한국어 עברית's 1٫5", "www.backpage.com user@example.org",
		"\xff\xfe abc d\xffe fgh", "abcdefgh ijklmnop\x80qrstuvwx yz", "abcdefghijklmnop  q.r\xc3\xa9 s.t",
	} {
		for _, size := range []int{1, 2, 3, wordBatch} {
			if d := spansDiff(s, size); d != "" {
				t.Errorf("%q, batches of %d: %s", s, size, d)
			}
		}
	}
	eachSample(t, func(p string, data []byte) {
		if d := spansDiff(string(data), wordBatch); d != "" {
			t.Errorf("%s: %s", p, d)
		}
	})
}

// FuzzSpanScanner holds the span scanner to scanWords, which it
// replaces in prose analysis.
func FuzzSpanScanner(f *testing.F) {
	for _, s := range []string{"It's 1,000.50 U.S.C. § 1591", "a'b 1.2 a:b x_y", "café ab\u0301 東京 d\xffe"} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, s string, size uint8) {
		if d := spansDiff(s, int(size%70)+1); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	})
}
