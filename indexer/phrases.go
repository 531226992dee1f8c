package indexer

import (
	"encoding/binary"
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
	// heads has a bit for the hash (quadHash) of each phrase's first four
	// bytes; byFirst is the phrases by their first byte
	heads   [1 << quadBits / 64]uint64
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
			if len(p) < 4 || len(pt.phrases) == 64 {
				panic("indexer: a phrase shorter than four bytes or more than 64 phrases: " + p)
			}
			b := uint64(1) << len(pt.phrases)
			pt.bit[p] = b
			pt.byFirst[p[0]] = append(pt.byFirst[p[0]], uint8(len(pt.phrases)))
			pt.phrases = append(pt.phrases, p)
			k := quadHash(binary.LittleEndian.Uint32([]byte(p[:4])))
			pt.heads[k/64] |= 1 << (k % 64)
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

// quadBits is the size of the hashes of four bytes phraseTable.heads
// knows: with some 50 phrases, one position in about 1,300 of a text that
// starts none is looked at further.
const quadBits = 16

// quadHash hashes four bytes (little-endian) to quadBits bits.
func quadHash(q uint32) uint32 {
	return q * 0x9e3779b1 >> (32 - quadBits)
}

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
	for i := 0; i+3 < len(low); i++ {
		q := low[i : i+4] // one bounds check, and the compiler makes the four loads one
		k := quadHash(uint32(q[0]) | uint32(q[1])<<8 | uint32(q[2])<<16 | uint32(q[3])<<24)
		if pt.heads[k/64]&(1<<(k%64)) == 0 {
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
