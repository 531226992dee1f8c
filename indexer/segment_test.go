package indexer

import (
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSegment(t *testing.T) {
	text := "See Doe v. GTE Corp., 347 F.3d 655, 657 (7th Cir. 2003). Judge Andrea R. Wood held so. " +
		"“Quoted.” Next one?\n\nA new paragraph. 18 U.S.C. § 1595 applies."
	sentences, paragraphs := segment(text)
	var got []string
	for i, s := range sentences {
		end := len(text)
		if i+1 < len(sentences) {
			end = sentences[i+1]
		}
		got = append(got, text[s:end])
	}
	want := []string{
		"See Doe v. GTE Corp., 347 F.3d 655, 657 (7th Cir. 2003). ",
		"Judge Andrea R. Wood held so. ",
		"“Quoted.” ",
		"Next one?\n\n",
		"A new paragraph. ",
		"18 U.S.C. § 1595 applies.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("sentences:\n%q\nwant\n%q", got, want)
	}
	if wantP := []int{0, len(text) - len("A new paragraph. 18 U.S.C. § 1595 applies.")}; !slices.Equal(paragraphs, wantP) {
		t.Errorf("paragraphs %v, want %v", paragraphs, wantP)
	}
}

func FuzzSegment(f *testing.F) {
	f.Add("One. Two!\n\nThree? “Four.” v. Five")
	f.Fuzz(func(t *testing.T, text string) {
		s, p := segment(text)
		for _, offs := range [][]int{s, p} {
			if offs[0] != 0 || !slices.IsSorted(offs) || offs[len(offs)-1] > len(text) {
				t.Fatalf("bad offsets %v for %q", offs, text)
			}
		}
	})
}

// segmentBytewise is segment as it was before nextBreak and the ASCII
// isAbbreviation: every byte looked at, every word lowered by
// strings.ToLower. It is the oracle of TestSegmentOracle and
// FuzzSegmentOracle.
func segmentBytewise(text string) (sentences, paragraphs []int) {
	sentences, paragraphs = []int{0}, []int{0}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				for j < len(text) && unicode.IsSpace(rune(text[j])) {
					j++
				}
				if j < len(text) {
					paragraphs = appendAfter(paragraphs, j)
					sentences = appendAfter(sentences, j)
				}
				i = j - 1
			}
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if r != '”' && r != '’' && r != '"' && r != '\'' && r != ')' && r != ']' {
				break
			}
			end += size
		}
		j := end
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n') {
			j++
		}
		if j == end || j >= len(text) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '"' && r != '“' && r != '(' && r != '[' {
			continue
		}
		if c == '.' && abbreviationOf(text[:i]) {
			continue
		}
		sentences = appendAfter(sentences, j)
	}
	return sentences, paragraphs
}

// checkSegment fails t where segment and segmentBytewise differ on text.
func checkSegment(t *testing.T, text string) {
	t.Helper()
	s, p := segment(text)
	ws, wp := segmentBytewise(text)
	if !slices.Equal(s, ws) || !slices.Equal(p, wp) {
		t.Errorf("segment(%q) = %v, %v; bytewise %v, %v", text, s, p, ws, wp)
	}
	// every word end, with up to 40 bytes before it: long enough for
	// any word segment asks about, short enough to stay linear
	for i := range len(text) + 1 {
		before := text[max(0, i-40):i]
		if got, want := isAbbreviation(before), abbreviationOf(before); got != want {
			t.Errorf("isAbbreviation(%q) = %v, want %v", before, got, want)
		}
	}
}

func TestSegmentOracle(t *testing.T) {
	for _, text := range []string{
		"",
		".",
		"a.",
		"See Doe v. GTE Corp., 347 F.3d 655 (7th Cir. 2003). Next one.",
		"18 U.S.C. § 1595. Then (Inc. Co.) [Ltd. Else]. Dr. Who? Yes! No.\n\nNew.",
		"Break at byte 7.\nBreak at byte 8..\n \t\r\n\n  Para. ÉCOLE. Élan.",
		"CORP. Big. CIR. 2003. APPROX. Two. Approximately. Three.",
		"Word\u00a0Inc. Next. Wörd. Next. \u0085v. X. Ⅻ. Y. K. Kelvin\u212a. Z.",
		"\x80\xff. Broken. \xe2\x80. Bytes!” “Quote.’ ) ] Next?) Next",
		"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q. Long. u.s.c. U.S.C. 12345678901234567. Q.",
		"abcdefg\nabcdefgh\nabcdefghi.abcdefghijklmnop!abcdefghijklmnopq?\n\n\n",
	} {
		checkSegment(t, text)
	}
}

func FuzzSegmentOracle(f *testing.F) {
	f.Add("One. Two!\n\nThree? “Four.” v. Five")
	f.Add("See Doe v. GTE Corp., 347 F.3d 655 (7th Cir. 2003). Judge Andrea R. Wood.")
	f.Add("Word\u00a0Inc. Next. ÉCOLE. Élan. U.S.C. Twelve.")
	f.Fuzz(checkSegment)
}

// BenchmarkSegment runs segment over the pages of the first 300
// documents of `lexsearch gen -seed 1`, and segmentBytewise, the way it
// was, for comparison; ns/op is per document.
func BenchmarkSegment(b *testing.B) {
	docs, _ := buildGenerated(b, New(quiet(), Options{}))
	for _, bc := range []struct {
		name string
		fn   func(string) ([]int, []int)
	}{{"segment", segment}, {"bytewise", segmentBytewise}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				for _, p := range docs[i%len(docs)].doc.Pages {
					bc.fn(p.Text)
				}
				i++
			}
		})
	}
}
