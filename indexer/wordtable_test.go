package indexer

import (
	"fmt"
	"hash/maphash"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
)

// wordTableModel runs a wordTable beside two maps (the permanent and the
// temporary keys), word by word: each word is looked up, and added when
// missing; "|" drops the temporary keys. It returns how the table first
// disagrees with the maps, or "" when it never does.
type wordTableModel struct {
	tab         *wordTable[int]
	limit       int
	perm, temp  map[string]int
	next, drops int
}

func newWordTableModel(limit int) *wordTableModel {
	return &wordTableModel{tab: newWordTable[int](maphash.MakeSeed(), limit), limit: limit, perm: map[string]int{}, temp: map[string]int{}}
}

// inText is w as a word cut from a text: bytes that are not w's run on
// in its capacity.
func inText(w string) []byte {
	return []byte(w + "\xffrun on")[:len(w)]
}

// value is what the table holds for w, or -1; the slot found must hold
// w, and be found alike whether the key's capacity runs on or not.
func (m *wordTableModel) value(w string) (int, string) {
	s := m.tab.find(m.tab.hash([]byte(w)), []byte(w))
	if s2 := m.tab.find(m.tab.hash(inText(w)), inText(w)); s2 != s {
		return 0, fmt.Sprintf("find(%q) gave slot %d, and %d for the word in a text", w, s, s2)
	}
	if s < 0 {
		return -1, ""
	}
	if k := string(m.tab.key(s)); k != w {
		return 0, fmt.Sprintf("find(%q) gave the slot of %q", w, k)
	}
	return m.tab.slots[s].val, ""
}

func (m *wordTableModel) step(w string) string {
	if w == "|" {
		m.tab.dropTemporary()
		m.drops++
		clear(m.temp)
		if m.tab.n != len(m.perm) || m.tab.perm != len(m.perm) || len(m.tab.temp) != 0 {
			return fmt.Sprintf("drop %d: %d keys (%d permanent, %d temporary), want %d", m.drops, m.tab.n, m.tab.perm, len(m.tab.temp), len(m.perm))
		}
		if len(m.tab.slots) > 4*tableSlotsFor(len(m.perm)) {
			return fmt.Sprintf("drop %d: %d slots kept for %d words", m.drops, len(m.tab.slots), len(m.perm))
		}
		for k, want := range m.perm {
			if got, d := m.value(k); d != "" || got != want {
				return fmt.Sprintf("drop %d: permanent %q has %d, want %d %s", m.drops, k, got, want, d)
			}
		}
		return ""
	}
	want, ok := m.perm[w]
	if !ok {
		if want, ok = m.temp[w]; !ok {
			want = -1
		}
	}
	if got, d := m.value(w); d != "" || got != want {
		return fmt.Sprintf("%q has %d, want %d %s", w, got, want, d)
	}
	if want >= 0 {
		return ""
	}
	keep := m.tab.canKeep()
	if want := len(m.perm) < m.limit && len(m.temp) == 0; keep != want {
		return fmt.Sprintf("canKeep %v with %d permanent and %d temporary words", keep, len(m.perm), len(m.temp))
	}
	key := []byte(w)
	if m.next%2 == 1 {
		key = inText(w)
	}
	m.tab.add(m.tab.hash(key), key, m.next, keep)
	if keep {
		m.perm[w] = m.next
	} else {
		m.temp[w] = m.next
	}
	m.next++
	if got, d := m.value(w); d != "" || got != m.next-1 {
		return fmt.Sprintf("%q just added has %d, want %d %s", w, got, m.next-1, d)
	}
	return ""
}

// TestWordTableIsASet adds and looks up random words, some permanent and
// some temporary, over many rounds with dropTemporary between them, and
// checks every answer against maps: a word added is found with its
// value, a word dropped is not, and the table grows and shrinks without
// losing a permanent word.
func TestWordTableIsASet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const limit = 700
	m := newWordTableModel(limit)
	for round := range 60 {
		n := 1 + rng.IntN(300)
		if round%10 == 9 {
			n = 5000 // grows the table far, so dropTemporary shrinks it
		}
		for range n {
			w := fmt.Sprintf("w%d", rng.IntN(4000))
			if round%7 == 3 {
				w = strings.Repeat(w, 1+rng.IntN(20)) // longer keys
			}
			if d := m.step(w); d != "" {
				t.Fatalf("round %d: %s", round, d)
			}
		}
		if d := m.step("|"); d != "" {
			t.Fatalf("round %d: %s", round, d)
		}
	}
	if len(m.perm) != limit {
		t.Errorf("%d permanent words, want the limit %d", len(m.perm), limit)
	}
}

// FuzzWordTable runs the table beside maps over the words of the input
// (cut at spaces; "|" drops the temporary ones), with a limit of
// permanent keys from the first byte.
func FuzzWordTable(f *testing.F) {
	for _, s := range []string{
		"\x03a b c a d e | a e f | | g a", "\x00x y x | x", "\xffthe court the Court's court | court",
		"\x01 a  a", "\x02" + strings.Repeat("w1 w2 w3 w4 w5 w6 w7 w8 w9 ", 40) + "| w1 w9",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" {
			return
		}
		m := newWordTableModel(int(s[0]) % 16)
		for _, w := range strings.Split(s[1:], " ") {
			if d := m.step(w); d != "" {
				t.Fatal(d)
			}
		}
		if d := m.step("|"); d != "" {
			t.Fatal(d)
		}
	})
}

// TestProseStateWithFewKnownWords analyses the samples and generated
// documents one after another with states that keep few words or none
// for later texts, so that most words are forgotten after each text, and
// compares each analysis with bleve's TextField.
func TestProseStateWithFewKnownWords(t *testing.T) {
	spec, err := bodySpec()
	if err != nil {
		t.Fatal(err)
	}
	texts := sampleAndGenerated(t)
	for _, known := range []int{0, 1, 50, 2000} {
		st := newProseState(spec.prose, known)
		for i, text := range texts {
			// Twice: the second time finds the kept words known.
			for range 2 {
				got := newProseField(spec, []uint64{1}, text)
				got.analyze(st)
				want := document.NewTextFieldCustom(spec.name, []uint64{1}, text, spec.options, spec.analyzer)
				want.Analyze()
				if got.AnalyzedLength() != want.AnalyzedLength() {
					t.Fatalf("known %d, text %d: length %d, want %d", known, i, got.AnalyzedLength(), want.AnalyzedLength())
				}
				if g, w := freqsDump(got.AnalyzedTokenFrequencies()), freqsDump(want.AnalyzedTokenFrequencies()); g != w {
					t.Fatalf("known %d, text %d: terms differ:\n got %s\nwant %s", known, i, g, w)
				}
				if st.words.n > known || st.terms.n > known || len(st.termRecs) != st.terms.n {
					t.Fatalf("known %d: the state keeps %d words and %d terms (%d records)", known, st.words.n, st.terms.n, len(st.termRecs))
				}
			}
		}
	}
}

// TestWordHashSpreads hashes many distinct words of the shapes text has
// (short and long, differing in one byte, in their length alone, or in
// a trailing zero byte) and checks that no two share a hash, that few
// share the low bits a table of 256k slots uses, and that a word hashes
// alike whether cut from a text or copied.
func TestWordHashSpreads(t *testing.T) {
	tab := newWordTable[int](maphash.MakeSeed(), 0)
	seen := map[uint64]string{}
	slots := map[uint64]int{}
	add := func(w string) {
		h := tab.hash([]byte(w))
		if h2 := tab.hash(inText(w)); h2 != h {
			t.Fatalf("%q: hash %x, and %x cut from a text", w, h, h2)
		}
		if o, ok := seen[h]; ok && o != w {
			t.Fatalf("%q and %q share hash %x", w, o, h)
		}
		if _, ok := seen[h]; !ok {
			slots[h&(1<<18-1)]++
		}
		seen[h] = w
	}
	for i := range 100000 {
		add(strconv.Itoa(i))
		add(fmt.Sprintf("w%d", i))
		add(strings.Repeat("x", i%40) + strconv.Itoa(i))
		add(strconv.Itoa(i) + strings.Repeat("\x00", i%3))
	}
	for n := range 64 {
		add(strings.Repeat("a", n))
	}
	// A uniform hash leaves e^(-keys/buckets) of the buckets empty (a
	// quarter here); a weak one many more.
	const buckets = 1 << 18
	want := buckets * math.Exp(-float64(len(seen))/buckets)
	if empty := buckets - len(slots); float64(empty) > 1.03*want {
		t.Errorf("%d of %d low-bit buckets empty for %d keys, want about %.0f", empty, buckets, len(seen), want)
	}
}

// FuzzWordHash checks that distinct words hash apart, that a word
// hashes alike cut from a text or copied, and that the inlined hash of
// a short word is the full one.
func FuzzWordHash(f *testing.F) {
	f.Add("court", "courts")
	f.Add("a", "a\x00")
	f.Add("abcdefghijklmnopq", "abcdefghijklmnopr")
	tab := newWordTable[int](maphash.MakeSeed(), 0)
	f.Fuzz(func(t *testing.T, a, b string) {
		ha, hb := tab.hash([]byte(a)), tab.hash([]byte(b))
		if ha != tab.hash(inText(a)) {
			t.Errorf("%q hashes apart cut from a text", a)
		}
		in := inText(a)
		if h, ok := tab.shortHash(in); ok != (len(a) <= 8 && cap(in) >= 8) || ok && h != tab.hashSlow([]byte(a)) {
			t.Errorf("%q: short hash %x (%v), full hash %x", a, h, ok, tab.hashSlow([]byte(a)))
		}
		if a != b && ha == hb {
			t.Errorf("%q and %q share hash %x", a, b, ha)
		}
	})
}
