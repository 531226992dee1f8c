package entity

import (
	"math/bits"
	"sync"
)

// The case citation scan (findFull) and the state-code scan
// (stateRules.find) each look their trie up at the word starts of the
// whole text, and finding those starts was most of their cost: two passes
// over every byte. keyStarts finds, in one pass, where a key of either
// trie may start; each scan then keeps the offsets of that list that are
// its own (is).

// keyStartsOnce is the wordStarts of both scans: a byte either trie's
// keys start with, after a byte that both scans let a key start after.
var keyStartsOnce = sync.OnceValue(func() *wordStarts {
	return unionStarts(reporterRulesOnce().starts, stateRulesOnce().starts)
})

// unionStarts returns a wordStarts that finds every offset a or b finds
// (and perhaps more, which each then rules out with is).
func unionStarts(a, b *wordStarts) *wordStarts {
	var at [256]bool
	var others []byte
	digits := a.digits && b.digits
	for c := range 256 {
		at[c] = a.at[c] || b.at[c]
		x := byte(c)
		if a.after[c] && b.after[c] && !isLetter(x) && !(digits && isDigit(x)) {
			others = append(others, x)
		}
	}
	return newWordStarts(&at, digits, others...)
}

// is reports whether w finds i, an offset of text: next(text, i) == i.
func (w *wordStarts) is(text string, i int) bool {
	return w.at[text[i]] && (i == 0 || !w.after[text[i-1]])
}

// appendAll appends to dst every offset of text that next finds, in
// order: the offsets of next(text, 0), next(text, i+1), ... read eight
// bytes at a time without a call for each.
func (w *wordStarts) appendAll(dst []int32, text string) []int32 {
	if len(text) == 0 {
		return dst
	}
	if w.at[text[0]] {
		dst = append(dst, 0)
	}
	i := 1
	for ; i+7 <= len(text); i += 8 {
		// the bytes before offsets i to i+7
		for m := w.afterMask(load64(text, i-1)); m != 0; m &= m - 1 {
			if j := i + bits.TrailingZeros64(m)/8; j < len(text) && w.at[text[j]] {
				dst = append(dst, int32(j))
			}
		}
	}
	for ; i < len(text); i++ {
		if !w.after[text[i-1]] && w.at[text[i]] {
			dst = append(dst, int32(i))
		}
	}
	return dst
}

// keyStarts returns where a key of the reporter or the state-code trie
// may start in the scanned text (keyStartsOnce), found on the first call.
func (sc *scan) keyStarts() []int32 {
	if !sc.startsFound {
		sc.starts = keyStartsOnce().appendAll(make([]int32, 0, len(sc.text)/32), sc.text)
		sc.startsFound = true
	}
	return sc.starts
}
