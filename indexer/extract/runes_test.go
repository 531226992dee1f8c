package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRuneCount(t *testing.T) {
	for _, s := range []string{"", "a", "exactly8", "ASCII line of some length, long enough to step.",
		"§ 1591", "twelve bytes§", "a\xffb\xfe", strings.Repeat("é", 9), "0123456789abcdef€", "\x80\x80\x80\x80\x80\x80\x80\x80\x80"} {
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	}
	// Eight bytes are counted a step: each byte, whole and cut runes, at
	// every offset of such a step.
	for at := range 17 {
		var ins []string
		for c := range 256 {
			ins = append(ins, string(byte(c)))
		}
		ins = append(ins, "é", "€", "😀", "\xe2\x82", "\xf0\x9f\x98", "é€😀")
		for _, in := range ins {
			s := strings.Repeat("x", at) + in + strings.Repeat("y", 20)
			if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
				t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
			}
		}
	}
}

func FuzzRuneCount(f *testing.F) {
	f.Add("Plaintiffs sue under 18 U.S.C. § 1595 — “quoted”")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	})
}

func BenchmarkRuneCount(b *testing.B) {
	line := "the court held that the defendant's website knowingly benefited from participation in a venture"
	b.Run("runeCount", func(b *testing.B) {
		for b.Loop() {
			runeCount(line)
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		for b.Loop() {
			utf8.RuneCountInString(line)
		}
	})
}

func checkSquash(t *testing.T, s string) {
	if got, want := squashSpaces(s), strings.Join(strings.Fields(s), " "); got != want {
		t.Errorf("squashSpaces(%q) = %q, want %q", s, got, want)
	}
}

func TestSquashSpaces(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u2003b", "é b", "a\u0085b",
		"Doe v. Roe, No. 1:20-cv-02335", "\xff \xfe", "x\ny"} {
		checkSquash(t, s)
	}
	// Words are copied eight bytes a step: every byte, and white space
	// above ASCII, at every offset of runs that long, in every position.
	for at := range 17 {
		for c := range 256 {
			checkSquash(t, strings.Repeat("w", at)+string(byte(c))+"ordsordsords  x\n")
			checkSquash(t, " \n"+strings.Repeat("w", at)+string(byte(c)))
		}
		for _, sp := range []string{"\u00a0", "\u2003", "\u0085", "\u3000", "\u2028", "é", "\xff", "\t\n \r"} {
			checkSquash(t, strings.Repeat("w", at)+sp+"ordsordsords"+sp)
		}
	}
}

func FuzzSquashSpaces(f *testing.F) {
	f.Add(" MOTION to Dismiss\u00a0by  Doe \n")
	f.Fuzz(checkSquash)
}

func checkDoubleSpace(t *testing.T, s string) {
	if got, want := hasDoubleSpace(s), strings.Contains(s, "  "); got != want {
		t.Errorf("hasDoubleSpace(%q) = %v, want %v", s, got, want)
	}
}

func TestHasDoubleSpace(t *testing.T) {
	for _, s := range []string{"", " ", "  ", "a b", "a  b", "1234567  ", "1234567 x ", "12345678  ",
		"123456 \u00a0 x", "seven7  eight", "1234567 ", "1234567 " + " rest", "\xa0\xa0 \xa0", "a\t\tb", "a \tb",
		"ASCII line of some length, long enough to step.", "ASCII line of some length,  long enough to step.",
		"         ", "\x00\x00\x00\x00\x00\x00\x00\x00 ", "\xa0\xa0\xa0\xa0\xa0\xa0\xa0\xa0 \xa0 ", "é  b", "\x20\x20\x20\x20\x20\x20\x20\xa0"} {
		checkDoubleSpace(t, s)
	}
}

func FuzzHasDoubleSpace(f *testing.F) {
	f.Add("Plaintiffs sue under 18 U.S.C.  § 1595")
	f.Add("1234567 " + " 89")
	f.Fuzz(checkDoubleSpace)
}

// BenchmarkSquashSpaces measures squashSpaces over whole documents (see
// benchTexts), most of them white space between lines, as containsEntries
// gives it a docket's text; ns/op is per document.
func BenchmarkSquashSpaces(b *testing.B) {
	texts := benchTexts(b)
	i := 0
	for b.Loop() {
		squashSpaces(texts[i%len(texts)])
		i++
	}
}
