package indexer

import (
	"bytes"
	"hash/maphash"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// StemFilter is the name of our stemming token filter: bleve's porter
// stemmer (the same function, so the same stems), remembering the stems
// of the words it has seen. Stemming decoded every word to runes and back
// and was a twelfth of the write side's CPU; in prose most words are ones
// already seen, and a lookup costs a fraction of a stem.
const StemFilter = "lexsearch_porter"

// stemFilter is one analyzer's filter; analysis runs on several
// goroutines at once, so its memory is shared and locked.
type stemFilter struct{ memo *stemMemo }

func newStemFilter() stemFilter { return stemFilter{memo: newStemMemo()} }

func (f stemFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if t.KeyWord {
			continue
		}
		t.Term = f.stem(t.Term)
	}
	return in
}

// stem returns the stem of word. The stem is shared by every token of the
// word: stemming is the last filter of the analyzer, and bleve copies
// terms out (into strings) without writing to them.
func (f stemFilter) stem(word []byte) []byte {
	// The porter stemmer leaves a word of one or two letters alone; one
	// of two bytes beyond ASCII is one letter, or bytes that are not
	// UTF-8, which it rewrites, so only ASCII skips it.
	if len(word) <= 2 && isASCII(word) {
		return word
	}
	e, ok := f.memo.get(word)
	if !ok {
		e.stem = porterStem(word)
		f.memo.put(word, e)
	}
	return e.stem
}

// porterStem is bleve's porter stemmer on a lower-case word.
func porterStem(word []byte) []byte {
	stem := analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(word)))
	return stem[:len(stem):len(stem)] // an append copies
}

// stemMemo remembers stems (and, for EnglishFilter, which words are stop
// words), in shards so that analysis workers seldom
// wait for one another. Each shard stops taking words once full: the
// words seen first are the common ones, and memory stays bounded (about
// 10 MB) whatever the collection's vocabulary.
type stemMemo struct {
	seed   maphash.Seed
	shards [stemShards]stemShard
}

const (
	stemShards   = 16
	stemPerShard = 8192
)

type stemShard struct {
	mu sync.RWMutex
	m  map[string]memoEntry
}

// memoEntry is what the memory knows of a word: its stem, or that it is
// a stop word, which EnglishFilter drops and does not stem.
type memoEntry struct {
	stem []byte
	stop bool
}

func newStemMemo() *stemMemo {
	memo := &stemMemo{seed: maphash.MakeSeed()}
	for i := range memo.shards {
		memo.shards[i].m = make(map[string]memoEntry)
	}
	return memo
}

func (memo *stemMemo) shard(word []byte) *stemShard {
	return &memo.shards[maphash.Bytes(memo.seed, word)%stemShards]
}

func (memo *stemMemo) get(word []byte) (memoEntry, bool) {
	sh := memo.shard(word)
	sh.mu.RLock()
	e, ok := sh.m[string(word)]
	sh.mu.RUnlock()
	return e, ok
}

func (memo *stemMemo) put(word []byte, e memoEntry) {
	sh := memo.shard(word)
	sh.mu.Lock()
	if len(sh.m) < stemPerShard {
		sh.m[string(word)] = e
	}
	sh.mu.Unlock()
}
