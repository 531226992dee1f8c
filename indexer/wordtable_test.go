package indexer

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
)

// TestWordTableIsASet adds and looks up random words, some permanent and
// some temporary, over many rounds with dropTemporary between them, and
// checks every answer against a map: a word added is found with its
// index, a word dropped is not, and the table grows and shrinks without
// losing a permanent word.
func TestWordTableIsASet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const limit = 700
	tab := newWordTable[int](maphash.MakeSeed(), limit)
	perm := map[string]int{}
	next := 0 // the value of the next word added
	check := func(round int, w string, want int) {
		t.Helper()
		got := -1
		if s := tab.find(tab.hash([]byte(w)), []byte(w)); s >= 0 {
			if k := string(tab.key(s)); k != w {
				t.Fatalf("round %d: find(%q) gave the slot of %q", round, w, k)
			}
			got = tab.slots[s].val
		}
		if got != want {
			t.Fatalf("round %d: %q has value %d, want %d", round, w, got, want)
		}
	}
	for round := range 60 {
		temp := map[string]int{}
		n := 1 + rng.IntN(300)
		if round%10 == 9 {
			n = 5000 // grows the table far, so dropTemporary shrinks it
		}
		for range n {
			w := fmt.Sprintf("w%d", rng.IntN(4000))
			if round%7 == 3 {
				w = strings.Repeat(w, 1+rng.IntN(20)) // longer keys
			}
			v, inPerm := perm[w]
			if !inPerm {
				var inTemp bool
				if v, inTemp = temp[w]; !inTemp {
					v = -1
				}
			}
			check(round, w, v)
			if v >= 0 {
				continue
			}
			keep := tab.canKeep()
			if want := len(perm) < limit && len(temp) == 0; keep != want {
				t.Fatalf("round %d: canKeep %v with %d permanent and %d temporary words", round, keep, len(perm), len(temp))
			}
			tab.add(tab.hash([]byte(w)), []byte(w), next, keep)
			if keep {
				perm[w] = next
			} else {
				temp[w] = next
			}
			next++
			check(round, w, next-1)
		}
		tab.dropTemporary()
		if tab.n != len(perm) || tab.perm != len(perm) || len(tab.temp) != 0 {
			t.Fatalf("round %d: %d keys (%d permanent, %d temporary) after dropping, want %d", round, tab.n, tab.perm, len(tab.temp), len(perm))
		}
		for w := range temp {
			check(round, w, -1)
		}
		for w, v := range perm {
			check(round, w, v)
		}
		if len(tab.slots) > 4*tableSlotsFor(len(perm)) {
			t.Fatalf("round %d: %d slots kept for %d words", round, len(tab.slots), len(perm))
		}
	}
	if len(perm) != limit {
		t.Errorf("%d permanent words, want the limit %d", len(perm), limit)
	}
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
	var texts [][]byte
	eachSample(t, func(_ string, data []byte) { texts = append(texts, data) })
	texts = append(texts, generated(t, 30)...)
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
