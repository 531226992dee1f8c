package entity

import (
	"slices"
	"testing"
)

// startsOracles are the tests findFull and stateRules.find made at each
// byte before wordStarts: a byte some key starts with, not after a byte
// that leaves no word start.
func startsOracles() map[string]struct {
	w  *wordStarts
	at func(text string, i int) bool
} {
	rep, st := reporterRulesOnce(), stateRulesOnce()
	return map[string]struct {
		w  *wordStarts
		at func(text string, i int) bool
	}{
		"reporters": {rep.starts, func(text string, i int) bool {
			if c := text[i]; !rep.trie.starts(c) && c != 0xE2 {
				return false
			}
			p := byte(' ')
			if i > 0 {
				p = text[i-1]
			}
			return !(isWordByte(p) && !isDigit(p) || p == '.' || p == '\'' || p == '/')
		}},
		"state codes": {st.starts, func(text string, i int) bool {
			if !st.trie.starts(text[i]) {
				return false
			}
			p := byte(' ')
			if i > 0 {
				p = text[i-1]
			}
			return !(isWordByte(p) || p == '.' || p == '\'')
		}},
	}
}

var startsSamples = []string{"", "F", "519 F.3d 666; 2021COA112, 2010-NMSC-007; x.F. Supp; 'So. 2d; /P.2d; _A.2d",
	"Cal. Penal Code § 1; Fla Stat 787.06; 720 ILCS 5/10-9; .Cal; 'Cal; xCal; 1Cal; -Cal", "’ A\xe2\x80\x99 \xe2", "\xff\x00Z[ a  "}

// TestWordStarts: next finds every offset the tests before it found, in
// order, from every offset of the samples; appendAll finds what next
// does, and each scan keeps of the starts both share (keyStarts) just
// the offsets of its own.
func TestWordStarts(t *testing.T) {
	for _, s := range startsSamples {
		checkWordStarts(t, s)
	}
}

func FuzzWordStarts(f *testing.F) {
	for _, s := range startsSamples {
		f.Add(s)
	}
	f.Fuzz(checkWordStarts)
}

func checkWordStarts(t *testing.T, text string) {
	keys := keyStartsOnce()
	var union []int32
	for i := keys.next(text, 0); i < len(text); i = keys.next(text, i+1) {
		union = append(union, int32(i))
	}
	if all := keys.appendAll(nil, text); !slices.Equal(all, union) {
		t.Errorf("in %q: appendAll finds %v, next %v", text, all, union)
	}
	for name, o := range startsOracles() {
		var want []int
		for i := 0; i < len(text); i++ {
			if o.at(text, i) {
				want = append(want, i)
			}
		}
		// what each scan keeps of the shared starts is what its own finds
		var kept []int
		for _, i := range union {
			if o.w.is(text, int(i)) {
				kept = append(kept, int(i))
			}
		}
		if !slices.Equal(kept, want) {
			t.Errorf("%s in %q: of the shared starts it keeps %v, the tests %v", name, text, kept, want)
		}
		var got []int
		for i := o.w.next(text, 0); i < len(text); i = o.w.next(text, i+1) {
			got = append(got, i)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s in %q: next finds %v, the tests %v", name, text, got, want)
		}
		for i := 0; i <= len(text); i++ {
			j := slices.IndexFunc(want, func(x int) bool { return x >= i })
			w := len(text)
			if j >= 0 {
				w = want[j]
			}
			if g := o.w.next(text, i); g != w {
				t.Errorf("%s in %q: next(%d) = %d, want %d", name, text, i, g, w)
			}
		}
	}
}

// TestAfterMask: eight bytes at a time, afterMask marks exactly the
// bytes that its table says a key may start after, whatever stands
// beside them.
func TestAfterMask(t *testing.T) {
	for name, o := range startsOracles() {
		for _, fill := range []byte{'a', ' ', 0xFF, '0', '_'} {
			for c := range 256 {
				for lane := range 8 {
					b := []byte{fill, fill, fill, fill, fill, fill, fill, fill}
					b[lane] = byte(c)
					m := o.w.afterMask(load64(string(b), 0))
					for k := range 8 {
						if got, want := m>>(8*k+7)&1 == 1, !o.w.after[b[k]]; got != want {
							t.Fatalf("%s: afterMask(%q) marks byte %d %v, the table says %v", name, b, k, got, want)
						}
					}
				}
			}
		}
	}
}
