package indexer

import (
	"strings"
	"sync"
)

// headPhrases is which of classify's phrases (the signals' words and sure
// phrases, decisionPhrases and reportWords) the lower-case head of a
// document has, found in one pass over it: classify asks about some 50
// phrases, and a search for each reads the head once per phrase.
type headPhrases struct {
	any   uint64 // the phrase is somewhere in the head
	start uint64 // ... at the start of a word (after no [0-9A-Za-z_])
	bound uint64 // ... with the word boundaries decisionPhrases need
}

// phraseTable is the phrases headPhrases knows, each with its bit.
type phraseTable struct {
	phrases []string
	bit     map[string]uint64
	// pairs has a bit for each first two bytes of a phrase; byFirst the
	// phrases by their first byte
	pairs   [1 << 16 / 64]uint64
	byFirst [256][]uint8
	// the boundaries decisionPhrase needs: before, after the phrase
	before, after uint64
	// decisionPhrases, reportWords, "acknowledg"
	decision, report, ack uint64
	// each signal's (by its id) sure phrases and words
	signals [3]struct{ sure, words uint64 }
}

var phrases = sync.OnceValue(func() *phraseTable {
	pt := &phraseTable{bit: map[string]uint64{}}
	var lists [][]string
	for _, s := range []signal{opinionSignal, captionSignal, summarySignal} {
		lists = append(lists, s.words, s.sure)
	}
	lists = append(lists, decisionPhrases, reportWords)
	for _, l := range lists {
		for _, p := range l {
			if _, ok := pt.bit[p]; ok {
				continue
			}
			if len(p) < 2 || len(pt.phrases) == 64 {
				panic("indexer: a phrase shorter than two bytes or more than 64 phrases: " + p)
			}
			b := uint64(1) << len(pt.phrases)
			pt.bit[p] = b
			pt.byFirst[p[0]] = append(pt.byFirst[p[0]], uint8(len(pt.phrases)))
			pt.phrases = append(pt.phrases, p)
			k := uint16(p[0])<<8 | uint16(p[1])
			pt.pairs[k/64] |= 1 << (k % 64)
		}
	}
	for _, s := range []signal{opinionSignal, captionSignal, summarySignal} {
		pt.signals[s.id].sure = pt.mask(s.sure)
		pt.signals[s.id].words = pt.mask(s.words)
	}
	pt.decision = pt.mask(decisionPhrases)
	pt.report = pt.mask(reportWords)
	pt.ack = pt.bit["acknowledg"]
	for _, p := range decisionPhrases {
		if p[0] != '(' && p != "delivered the opinion" && p != "entered for the court" {
			pt.before |= pt.bit[p]
		}
		if isWord(p[len(p)-1]) {
			pt.after |= pt.bit[p]
		}
	}
	return pt
})

// mask is the bits of list's phrases.
func (pt *phraseTable) mask(list []string) uint64 {
	var m uint64
	for _, p := range list {
		m |= pt.bit[p]
	}
	return m
}

// scanPhrases finds the phrases of pt in low.
func (pt *phraseTable) scan(low string) headPhrases {
	var h headPhrases
	for i := 0; i+1 < len(low); i++ {
		k := uint16(low[i])<<8 | uint16(low[i+1])
		if pt.pairs[k/64]&(1<<(k%64)) == 0 {
			continue
		}
		for _, id := range pt.byFirst[low[i]] {
			p := pt.phrases[id]
			if !strings.HasPrefix(low[i:], p) {
				continue
			}
			b := uint64(1) << id
			h.any |= b
			wordStart := i == 0 || !isWord(low[i-1])
			if wordStart {
				h.start |= b
			}
			end := i + len(p)
			if (pt.before&b == 0 || wordStart) && (pt.after&b == 0 || end == len(low) || !isWord(low[end])) {
				h.bound |= b
			}
		}
	}
	return h
}
