package extract

import (
	"strings"
	"testing"
	"unicode"
)

func TestDetectLang(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"english prose", "The court held that the claims were barred by the statute and that the plaintiffs had not stated a claim.", "en"},
		{"french prose", "Le tribunal a jugé que la demande est irrecevable et que les parties sont renvoyées devant la cour pour une nouvelle audience.", "fr"},
		{"too short", "Backpage.com", ""},
		{"empty", "", ""},
		{"english body under french headings", "Base de données Jurisprudence\n\nTraite des personnes\n\nRésumé des faits\n\nAt the age of thirteen, the plaintiffs of this case were solicited and recruited for sex trafficking. The court held that Twitter was not immune and that the claims under the statute could proceed.", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLang(tt.in); got != tt.want {
				t.Errorf("DetectLang = %q, want %q", got, tt.want)
			}
		})
	}
}

// detectLangPlain is DetectLang as first written: every word split out,
// lower-cased and looked up in each language's set.
func detectLangPlain(text string) string {
	counts := map[string]int{}
	total := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		w = strings.ToLower(w)
		for lang, sw := range stopWords {
			if sw[w] {
				counts[lang]++
				total++
			}
		}
	}
	if total < minLangHits {
		return ""
	}
	best, bestN := "", 0
	for _, lang := range []string{"en", "fr"} {
		if counts[lang] > bestN {
			best, bestN = lang, counts[lang]
		}
	}
	return best
}

// FuzzDetectLang: the one-pass count decides as the plain one does.
func FuzzDetectLang(f *testing.F) {
	for _, s := range []string{"", "The court and the Tribunal of the State, which is", "LE TRIBUNAL EST DANS CETTE AFFAIRE ET",
		"İT İS THE COURT OF THE", "ÊTRE ÉTÉ été être le la les", "the\xffand\xfeof to is", "\u212a the of and to is"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := DetectLang(s), detectLangPlain(s); got != want {
			t.Errorf("DetectLang(%q) = %q, plain %q", s, got, want)
		}
	})
}

func TestStopTableHoldsEveryStopWord(t *testing.T) {
	if maxStopWord > maxStopWordLen {
		t.Fatalf("longest stop word has %d bytes; raise maxStopWordLen (%d)", maxStopWord, maxStopWordLen)
	}
	for i, lang := range langs {
		for w := range stopWords[lang] {
			if stopWordLangs.lookup(w)&(1<<i) == 0 {
				t.Errorf("lookup(%q) lacks %s", w, lang)
			}
		}
	}
	for _, w := range []string{"", "x", "court-", "thee", "tribunals", "Court"} {
		if b := stopWordLangs.lookup(w); b != 0 {
			t.Errorf("lookup(%q) = %b, want 0", w, b)
		}
	}
}

// checkPages: the per-page language and blank tests decide as the joined
// text does.
func checkPages(t *testing.T, s string) {
	var r Result
	for i, p := range strings.Split(s, "\f") {
		r.Pages = append(r.Pages, Page{Number: i + 1, Text: p})
	}
	if r.Text() != s {
		t.Fatalf("Text() = %q, want %q", r.Text(), s)
	}
	if got, want := detectLangPages(r.Pages), DetectLang(s); got != want {
		t.Errorf("detectLangPages(%q) = %q, DetectLang %q", s, got, want)
	}
	if got, want := r.blank(), strings.TrimSpace(s) == ""; got != want {
		t.Errorf("blank(%q) = %v, want %v", s, got, want)
	}
}

func TestDetectLangPages(t *testing.T) {
	for _, s := range []string{"", "\f", " \f\n\f ", "the court\fand the\fof which is", "le tribunal\fest dans\fcette affaire et", "the\fcourt", "x\f"} {
		checkPages(t, s)
	}
}

func FuzzDetectLangPages(f *testing.F) {
	f.Add("The court held\fthat the Tribunal\fof the State, which is")
	f.Fuzz(checkPages)
}

// checkLangCounts: langCounts.add counts each language's stop words as
// splitting the text into words, lower-casing each and looking it up in
// each language's set does.
func checkLangCounts(t *testing.T, s string) {
	t.Helper()
	var want [len(langs)]int
	total := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		w = strings.ToLower(w)
		for i, lang := range langs {
			if stopWords[lang][w] {
				want[i]++
				total++
			}
		}
	}
	var c langCounts
	c.add(s)
	if c.counts != want || c.total != total {
		t.Errorf("add(%q) counts %v (total %d), want %v (total %d)", s, c.counts, c.total, want, total)
	}
}

func TestLangCounts(t *testing.T) {
	for _, s := range []string{"", "the", "The", "THE", "theThe", "of the and", "TRIBUNAL tribunals tribunal", "courtcourt court",
		"1234567the", "12345678the", "the1234567the", "abcdefghTHE THE", "été ÊTRE étés", "the\u00e9the", "le\u212a la",
		"WhichWhich which, WHICH.", "\xffthe\xfe", "the_and-of/to", "aaaaaaa the", "sur-le-champ", "cette\u00a0affaire",
		"ACKNOWLEDGEMENTS of thE", "under shall would their", "zzzzzzzzzzzzzzzzzzzzzz the"} {
		checkLangCounts(t, s)
	}
	// Texts of 64 bytes and more, which addBlock reads a block at a
	// time: a word at either edge of a block or across one, a word of a
	// whole block or more, a byte above ASCII anywhere, capitals.
	prose := "The court held that the claims under the statute were barred, and that it would not reach the merits of the case. "
	for _, s := range []string{
		prose, strings.Repeat(prose, 5), strings.ToUpper(prose), prose[1:], prose[3:] + prose,
		strings.Repeat("a", 63) + " the " + strings.Repeat("b", 64) + " of " + strings.Repeat("c", 65) + " and",
		strings.Repeat("x", 62) + " theand of the " + strings.Repeat("the ", 20),
		strings.Repeat("the ", 16) + "é" + strings.Repeat(" of", 30), strings.Repeat("of ", 21) + "thé the " + strings.Repeat("to ", 30),
		strings.Repeat(".", 63) + "the" + strings.Repeat(" LE TRIBUNAL", 10), strings.Repeat(" ", 64) + "The" + strings.Repeat("ÿ", 70) + "the",
		strings.Repeat("1234567 ", 8) + "tribunal TRIBUNAL tribunals " + strings.Repeat("a ", 40) + "été est",
		strings.Repeat("ab ", 21) + "b" + "thE" + strings.Repeat(" Which", 12), strings.Repeat("the", 22) + " the",
	} {
		for cut := range min(len(s), 70) {
			checkLangCounts(t, s[cut:])
		}
	}
}

func FuzzLangCounts(f *testing.F) {
	f.Add("The court and the Tribunal of the State, which is")
	f.Add("LE TRIBUNAL EST DANS CETTE AFFAIRE ET été ÊTRE")
	f.Add("1234567the 12345678THE")
	f.Add("The court held that the claims under the statute were barred, and that it would not reach the merits. " +
		"LE TRIBUNAL EST DANS CETTE AFFAIRE et été ÊTRE " + strings.Repeat("x", 70) + " which THEIR")
	f.Fuzz(checkLangCounts)
}

func TestKeyTableHoldsEveryASCIIStopWord(t *testing.T) {
	for i, lang := range langs {
		for w := range stopWords[lang] {
			if len(w) <= 8 && !strings.ContainsFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) &&
				asciiStopWords.lookup(wordKey(w))&(1<<i) == 0 {
				t.Errorf("asciiStopWords lacks %q (%s)", w, lang)
			}
		}
	}
	for _, w := range []string{"x", "thee", "tribuna", "th", "cour"} { // wordKey takes at most eight letters
		if b := asciiStopWords.lookup(wordKey(w)); b != 0 {
			t.Errorf("asciiStopWords.lookup(%q) = %b, want 0", w, b)
		}
	}
}
