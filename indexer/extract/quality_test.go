package extract

import (
	"testing"
	"unicode"
)

// TestCheckTextASCIIClasses: checkText's shortcut for ASCII classes every
// ASCII character as the unicode tests of its general case do (space,
// unmapped or control, letter), so the shortcut cannot change a verdict.
func TestCheckTextASCIIClasses(t *testing.T) {
	for r := rune(0); r < 128; r++ {
		space := r == ' ' || '\t' <= r && r <= '\r'
		bad := !space && (r < ' ' || r == 0x7F)
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		uspace := unicode.IsSpace(r)
		ubad := !uspace && (r == unicode.ReplacementChar || unicode.IsControl(r) || unicode.Is(unicode.Co, r) || !unicode.IsPrint(r))
		uletter := !uspace && !ubad && unicode.IsLetter(r)
		if space != uspace || bad != ubad || letter != uletter {
			t.Errorf("%q: shortcut says space %v, bad %v, letter %v; unicode says %v, %v, %v", r, space, bad, letter, uspace, ubad, uletter)
		}
	}
}
