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
		// The stem is shared by every token of the word: it is the last
		// filter of the analyzer, and bleve copies terms out (into
		// strings) without writing to them.
		stem, ok := f.memo.get(t.Term)
		if !ok {
			stem = analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(t.Term)))
			stem = stem[:len(stem):len(stem)] // an append copies
			f.memo.put(t.Term, stem)
		}
		t.Term = stem
	}
	return in
}

// stemMemo remembers stems, in shards so that analysis workers seldom
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
	m  map[string][]byte
}

func newStemMemo() *stemMemo {
	memo := &stemMemo{seed: maphash.MakeSeed()}
	for i := range memo.shards {
		memo.shards[i].m = make(map[string][]byte)
	}
	return memo
}

func (memo *stemMemo) shard(word []byte) *stemShard {
	return &memo.shards[maphash.Bytes(memo.seed, word)%stemShards]
}

func (memo *stemMemo) get(word []byte) ([]byte, bool) {
	sh := memo.shard(word)
	sh.mu.RLock()
	stem, ok := sh.m[string(word)]
	sh.mu.RUnlock()
	return stem, ok
}

func (memo *stemMemo) put(word, stem []byte) {
	sh := memo.shard(word)
	sh.mu.Lock()
	if len(sh.m) < stemPerShard {
		sh.m[string(word)] = stem
	}
	sh.mu.Unlock()
}
