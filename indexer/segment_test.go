package indexer

import (
	"slices"
	"testing"
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
