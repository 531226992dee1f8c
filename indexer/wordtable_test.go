package indexer

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
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
	tab := newWordTable(maphash.MakeSeed(), limit)
	perm := map[string]int32{}
	for round := range 60 {
		temp := map[string]int32{}
		n := 1 + rng.IntN(300)
		if round%10 == 9 {
			n = 5000 // grows the table far, so dropTemporary shrinks it
		}
		for range n {
			w := fmt.Sprintf("w%d", rng.IntN(4000))
			idx, inPerm := perm[w]
			if !inPerm {
				var inTemp bool
				idx, inTemp = temp[w]
				if !inTemp {
					idx = -1
				}
			}
			h := tab.hash([]byte(w))
			if got := tab.find(h, []byte(w)); got != idx {
				t.Fatalf("round %d: find(%q) = %d, want %d", round, w, got, idx)
			}
			if idx >= 0 {
				continue
			}
			keep := tab.canKeep()
			if want := len(perm) < limit && len(temp) == 0; keep != want {
				t.Fatalf("round %d: canKeep %v with %d permanent and %d temporary words", round, keep, len(perm), len(temp))
			}
			idx = tab.add(h, w, keep)
			if keep {
				perm[w] = idx
			} else {
				temp[w] = idx
			}
			if tab.keys[idx] != w {
				t.Fatalf("round %d: key %d is %q, want %q", round, idx, tab.keys[idx], w)
			}
		}
		tab.dropTemporary()
		if len(tab.keys) != len(perm) || tab.perm != len(perm) || len(tab.temp) != 0 {
			t.Fatalf("round %d: %d keys (%d permanent, %d temporary) after dropping, want %d", round, len(tab.keys), tab.perm, len(tab.temp), len(perm))
		}
		for w := range temp {
			if got := tab.find(tab.hash([]byte(w)), []byte(w)); got != -1 {
				t.Fatalf("round %d: dropped %q still found at %d", round, w, got)
			}
		}
		for w, idx := range perm {
			if got := tab.find(tab.hash([]byte(w)), []byte(w)); got != idx {
				t.Fatalf("round %d: permanent %q found at %d, want %d", round, w, got, idx)
			}
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
				if len(st.words.keys) > known || len(st.terms.keys) > known || len(st.wordRecs) != len(st.words.keys) {
					t.Fatalf("known %d: the state keeps %d words and %d terms", known, len(st.words.keys), len(st.terms.keys))
				}
			}
		}
	}
}
