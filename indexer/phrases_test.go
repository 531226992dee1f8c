package indexer

import (
	"strings"
	"testing"
)

// checkPhrases checks hp, the one-pass scan of low, against a search for
// each phrase on its own: every occurrence of it, the ones at the start
// of a word, and (for decisionPhrases) the ones within word boundaries.
func checkPhrases(t *testing.T, low string, hp headPhrases) {
	t.Helper()
	pt := phrases()
	for i, p := range pt.phrases {
		b := uint64(1) << i
		if got, want := hp.any&b != 0, strings.Contains(low, p); got != want {
			t.Errorf("%q in %q: %v, want %v", p, low, got, want)
		}
		if got, want := hp.start&b != 0, startsWordEach(low, p); got != want {
			t.Errorf("%q at a word's start in %q: %v, want %v", p, low, got, want)
		}
	}
	if got, want := hp.bound&pt.decision != 0, decisionPhraseEach(low); got != want {
		t.Errorf("decision phrase in %q: %v, want %v", low, got, want)
	}
}

// startsWordEach reports whether low has p at the start of a word, one
// strings.Index after the other.
func startsWordEach(low, p string) bool {
	for at := 0; ; {
		i := strings.Index(low[at:], p)
		if i < 0 {
			return false
		}
		i += at
		if i == 0 || !isWord(low[i-1]) {
			return true
		}
		at = i + 1
	}
}

// decisionPhraseEach reports whether low has one of decisionPhrases
// between word boundaries, phrase after phrase.
func decisionPhraseEach(low string) bool {
	for _, p := range decisionPhrases {
		before := p[0] != '(' && p != "delivered the opinion" && p != "entered for the court"
		after := isWord(p[len(p)-1])
		for at := 0; ; {
			i := strings.Index(low[at:], p)
			if i < 0 {
				break
			}
			i += at
			if (!before || i == 0 || !isWord(low[i-1])) && (!after || i+len(p) == len(low) || !isWord(low[i+len(p)])) {
				return true
			}
			at = i + 1
		}
	}
	return false
}

func TestPhraseScan(t *testing.T) {
	pt := phrases()
	bit := func(p string) uint64 {
		b, ok := pt.bit[p]
		if !ok {
			t.Fatalf("%q is no phrase", p)
		}
		return b
	}
	tests := []struct {
		low                string
		any, start, bound  []string
		notStart, notBound []string
	}{
		{low: "we affirm.", any: []string{"we affirm"}, start: []string{"we affirm"}, bound: []string{"we affirm"}},
		{low: "xwe affirmed", any: []string{"we affirm"}, notStart: []string{"we affirm"}, notBound: []string{"we affirm"}},
		{low: "it was delivered the opinion", any: []string{"delivered the opinion"}, bound: []string{"delivered the opinion"}},
		{low: "see(slip opinion)x", any: []string{"(slip opinion)"}, bound: []string{"(slip opinion)"}},
		{low: "before:x", any: []string{"before:"}, start: []string{"before:"}, bound: []string{"before:"}},
		{low: "_before:", any: []string{"before:"}, notStart: []string{"before:"}, notBound: []string{"before:"}},
		{low: "acknowledgments; glossary", any: []string{"acknowledg", "glossary"}, start: []string{"acknowledg", "glossary"}},
		{low: "the plaintiffs", any: []string{"plaintiff"}, start: []string{"plaintiff"}},
		// overlapping: the second "we deny" starts a word, the first not
		{low: "awe deny; we deny", start: []string{"we deny"}, bound: []string{"we deny"}},
		{low: "s", notStart: []string{"syllabus"}},
		// a phrase that is the whole text, and one that ends it
		{low: "plaintiff", any: []string{"plaintiff"}, start: []string{"plaintiff"}},
		{low: "i. glossary", any: []string{"glossary"}, start: []string{"glossary"}},
		{low: "glossar", notStart: []string{"glossary"}},
		{low: ""},
	}
	for _, tc := range tests {
		hp := pt.scan(tc.low)
		for _, p := range tc.any {
			if hp.any&bit(p) == 0 {
				t.Errorf("%q: %q not found", tc.low, p)
			}
		}
		for _, p := range tc.start {
			if hp.start&bit(p) == 0 {
				t.Errorf("%q: %q not found at a word's start", tc.low, p)
			}
		}
		for _, p := range tc.notStart {
			if hp.start&bit(p) != 0 {
				t.Errorf("%q: %q found at a word's start", tc.low, p)
			}
		}
		for _, p := range tc.bound {
			if hp.bound&bit(p) == 0 {
				t.Errorf("%q: %q not found between word boundaries", tc.low, p)
			}
		}
		for _, p := range tc.notBound {
			if hp.bound&bit(p) != 0 {
				t.Errorf("%q: %q found between word boundaries", tc.low, p)
			}
		}
		checkPhrases(t, tc.low, hp)
	}
}
