package extract

import "testing"

// checkTextFastPath renders s after prefix both ways, through text (which
// writes a single-spaced node at once) and through words (word by word),
// from every state a renderer can be in, and wants the same text and the
// same owed breaks.
func checkTextFastPath(t *testing.T, prefix, s string) {
	for _, pending := range []int{0, 1, 2} {
		for _, space := range []bool{false, true} {
			fast := textRenderer{pending: pending, space: space}
			slow := textRenderer{pending: pending, space: space}
			fast.b.WriteString(prefix)
			slow.b.WriteString(prefix)
			fast.text(s, false)
			slow.words(s)
			// The next text shows what each owes.
			fast.text("x", false)
			slow.words("x")
			if fast.b.String() != slow.b.String() {
				t.Fatalf("after %q (pending %d, space %v), text(%q) wrote %q, words wrote %q",
					prefix, pending, space, s, fast.b.String(), slow.b.String())
			}
		}
	}
}

func TestTextFastPath(t *testing.T) {
	for _, s := range []string{"", " ", "  ", "a", " a", "a ", " a ", "a b", "a  b", "a\nb", "\n", " \n ", "a\tb",
		"§ 1591 “quoted”", "a\u00a0b", "\u00a0a", "a\u2003", "\xff b", "a\vb", "\va", "Doe v. Roe, No. 1:20-cv-02335 "} {
		for _, prefix := range []string{"", "text"} {
			checkTextFastPath(t, prefix, s)
		}
	}
}

func FuzzTextFastPath(f *testing.F) {
	f.Add("", "MOTION to Dismiss by Doe ")
	f.Add("text", " a\u00a0b  c\n")
	f.Fuzz(checkTextFastPath)
}
