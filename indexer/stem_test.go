package indexer

import (
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"

	"lexsearch/corpus"
)

// sameStems reports a word of words that stemFilter (asked twice, so
// once from its memory) and bleve's porter stemmer stem differently.
func sameStems(f stemFilter, words []string) (word, got, want string, ok bool) {
	stream := func() analysis.TokenStream {
		ts := make(analysis.TokenStream, len(words))
		for i, w := range words {
			ts[i] = &analysis.Token{Term: []byte(w)}
		}
		return ts
	}
	wantTs := porter.NewPorterStemmer().Filter(stream())
	for range 2 {
		for i, t := range f.Filter(stream()) {
			if string(t.Term) != string(wantTs[i].Term) {
				return words[i], string(t.Term), string(wantTs[i].Term), false
			}
		}
	}
	return "", "", "", true
}

func TestStemFilterAgreesWithPorter(t *testing.T) {
	var words []string
	eachSample(t, func(_ string, data []byte) {
		for _, tok := range (wordTokenizer{}).Tokenize(data) {
			words = append(words, strings.ToLower(string(tok.Term)))
		}
	})
	if len(words) < 1000 {
		t.Fatalf("only %d words in the sample corpus", len(words))
	}
	words = append(words, "", "a", "running", "runs", "immunities", "trafficking", "trafficked", "généralement", "1591(a)")
	if w, got, want, ok := sameStems(newStemFilter(), words); !ok {
		t.Errorf("%q: stem %q, want %q", w, got, want)
	}
}

// TestStemFilterConcurrent stems from several goroutines at once, as
// bleve's analysis workers do (run with -race).
func TestStemFilterConcurrent(t *testing.T) {
	f := newStemFilter()
	words := strings.Fields("platforms hosting advertisements knowingly benefited participation venture immunity defendants alleged")
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if w, got, want, ok := sameStems(f, words); !ok {
					errs <- w + ": " + got + ", want " + want
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestStemMemoBounded: the memory stops growing once full, and words
// past it are still stemmed.
func TestStemMemoBounded(t *testing.T) {
	f := newStemFilter()
	var words []string
	for i := range stemShards*stemPerShard + 5000 {
		words = append(words, "word"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+itoa(i)+"ing")
	}
	if w, got, want, ok := sameStems(f, words); !ok {
		t.Errorf("%q: stem %q, want %q", w, got, want)
	}
	n := 0
	for i := range f.memo.shards {
		if l := len(f.memo.shards[i].m); l > stemPerShard {
			t.Errorf("shard %d holds %d words, over %d", i, l, stemPerShard)
		}
		n += len(f.memo.shards[i].m)
	}
	if n == 0 {
		t.Error("nothing remembered")
	}
}

func itoa(i int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + i%10)}, b...)
		if i /= 10; i == 0 {
			return string(b)
		}
	}
}

func FuzzStemFilter(f *testing.F) {
	for _, s := range []string{"running", "immunities", "généralement", "ies", "sses", "a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Fields(s)
		if w, got, want, ok := sameStems(newStemFilter(), words); !ok {
			t.Errorf("%q: stem %q, want %q", w, got, want)
		}
	})
}

func BenchmarkStem(b *testing.B) {
	data, err := fs.ReadFile(corpus.Docs(), "sherloc-doe-v-twitter-ndcal-2021.txt")
	if err != nil {
		b.Fatal(err)
	}
	var words []string
	for _, tok := range (wordTokenizer{}).Tokenize(data) {
		words = append(words, strings.ToLower(string(tok.Term)))
	}
	for _, tf := range []struct {
		name string
		f    analysis.TokenFilter
	}{{"porter", porter.NewPorterStemmer()}, {"memo", newStemFilter()}} {
		b.Run(tf.name, func(b *testing.B) {
			for b.Loop() {
				ts := make(analysis.TokenStream, len(words))
				for i, w := range words {
					ts[i] = &analysis.Token{Term: []byte(w)}
				}
				tf.f.Filter(ts)
			}
		})
	}
}
