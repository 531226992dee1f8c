package indexer

import (
	"slices"
	"sync"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/size"
	index "github.com/blevesearch/bleve_index_api"
)

// proseField is a title or body value of a document, analysed as
// TextAnalyzer analyses it (WordTokenizer, then EnglishFilter) into the
// same terms, frequencies and locations, at a fraction of the cost:
//
//   - no token objects: the words go straight from the tokenizer to the
//     term table;
//   - each distinct word of the text is looked up once, and filtered and
//     stemmed only the first time the analysing state meets it (the
//     shared stem memory is locked, and most words of prose repeat);
//   - locations are one array of exactly their number, and each term's
//     pointers to them one run of another, sized by counting first, where
//     bleve grows a slice of pointers per term;
//   - terms are copied into one buffer, not one allocation each;
//   - the size bleve asks of every analysed field (for its memory
//     accounting, by walking every location) is summed while analysing;
//   - a stored value is not copied, since nothing writes to it.
//
// A proseField may also hold every page of a body (newProsePages): bleve
// merges the terms of the values of one field name into one posting list
// per term anyway, so one indexed field over all pages, beside a stored
// field per page, makes the same index while each term of a document is
// kept once rather than once per page on which it occurs.
//
// TestProseFieldMatchesTextField holds it to bleve's TextField.
type proseField struct {
	name    string
	options index.FieldIndexingOptions
	values  []proseValue
	filter  *englishFilter

	length    int
	freqs     index.TokenFrequencies
	freqsSize int
}

// A proseValue is one value of a field, with its array positions.
type proseValue struct {
	text []byte
	pos  []uint64
}

var _ document.Field = (*proseField)(nil)

func newProseField(f fieldSpec, pos []uint64, value []byte) *proseField {
	return &proseField{name: f.name, options: f.options, values: []proseValue{{value, pos}}, filter: f.prose}
}

// newProsePages returns the field indexing every page of a body, the
// i-th with array position i; it stores none, so the pages are to be
// stored beside it (storedPages).
func newProsePages(f fieldSpec, pages []proseValue) *proseField {
	return &proseField{name: f.name, options: f.options &^ index.StoreField, values: pages, filter: f.prose}
}

func (f *proseField) Name() string                        { return f.name }
func (f *proseField) Options() index.FieldIndexingOptions { return f.options }

// ArrayPositions and Value are those of the field's one value; a field
// of several pages has neither (it is not stored, and its locations
// carry each page's position).
func (f *proseField) ArrayPositions() []uint64 {
	if len(f.values) != 1 {
		return nil
	}
	return f.values[0].pos
}

func (f *proseField) Value() []byte {
	if len(f.values) != 1 {
		return nil
	}
	return f.values[0].text
}

func (f *proseField) Text() string { return string(f.Value()) }

// NumPlainTextBytes is the text of the field's value, and nothing for a
// field of several pages, whose stored fields count their text.
func (f *proseField) NumPlainTextBytes() uint64                        { return uint64(len(f.Value())) }
func (f *proseField) EncodedFieldType() byte                           { return 't' }
func (f *proseField) AnalyzedLength() int                              { return f.length }
func (f *proseField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size is what the field holds in memory, reckoned as bleve reckons its
// TextField's.
func (f *proseField) Size() int {
	n := int(unsafe.Sizeof(*f)) + size.SizeOfPtr + len(f.name) + f.freqsSize
	for _, v := range f.values {
		n += int(unsafe.Sizeof(v)) + len(v.pos)*size.SizeOfUint64 + len(v.text)
	}
	return n
}

// Sizes bleve counts for the parts of an analysis result.
const (
	sizeOfTokenFreq     = int(unsafe.Sizeof(index.TokenFreq{}))
	sizeOfTokenLocation = int(unsafe.Sizeof(index.TokenLocation{}))
)

// proseState is the scratch of one analysis, reused, and what it knows
// of words from the texts it analysed before.
type proseState struct {
	words   map[string]int32      // a word as written -> its term, or -1: a stop word
	terms   map[string]int32      // a term -> its index
	keys    []string              // the terms, by index
	counts  []int32               // occurrences, by term
	termOf  []int32               // the term of each kept word, in order
	locs    []index.TokenLocation // the location of each kept word, in order
	scratch []byte

	// known remembers the term of each word as written (up to
	// maxKnownWords, the first seen: the common ones), for filter, so
	// that a word met in an earlier text costs one lookup in a table of
	// this state's own (the stem memory is shared, locked, and hashed
	// apart) and no new string.
	known  map[string]knownWord
	filter *englishFilter
}

type knownWord struct {
	word, term string // term is "" for a stop word
	stop       bool
}

const maxKnownWords = 1 << 15

// proseStates are the idle states. A free list rather than a sync.Pool:
// the pool empties at every garbage collection, and with it what the
// states know of words.
var proseStates struct {
	sync.Mutex
	free []*proseState
}

func getProseState(filter *englishFilter) *proseState {
	proseStates.Lock()
	var st *proseState
	if n := len(proseStates.free); n > 0 {
		st = proseStates.free[n-1]
		proseStates.free = proseStates.free[:n-1]
	}
	proseStates.Unlock()
	if st == nil {
		st = &proseState{words: map[string]int32{}, terms: map[string]int32{}}
	}
	if st.filter != filter {
		st.known, st.filter = map[string]knownWord{}, filter
	}
	return st
}

func putProseState(st *proseState) {
	proseStates.Lock()
	proseStates.free = append(proseStates.free, st)
	proseStates.Unlock()
}

// lookup returns what a word as written indexes as.
func (st *proseState) lookup(word []byte) knownWord {
	if k, ok := st.known[string(word)]; ok {
		return k
	}
	// The filter lower-cases in place: a copy, so the text stays as
	// stored.
	st.scratch = append(st.scratch[:0], word...)
	term, keep := st.filter.term(st.scratch)
	k := knownWord{word: string(word), stop: !keep}
	if keep {
		k.term = k.word
		if string(term) != k.word {
			k.term = string(term)
		}
	}
	if len(st.known) < maxKnownWords {
		st.known[k.word] = k
	}
	return k
}

// maxPooledWords bounds the distinct words of a state put back to be
// reused, so one huge document does not pin its tables.
const (
	maxPooledWords     = 1 << 16
	maxPooledLocations = 1 << 18 // 16 MB
)

func (f *proseField) Analyze() {
	st := getProseState(f.filter)
	vectors := f.options.IncludeTermVectors()
	locs := st.locs[:0]
	posBytes := 0 // of the locations' array positions
	for _, v := range f.values {
		// Positions count from 1 in each value, as bleve analyses each
		// value of a field on its own.
		position, kept := 0, 0
		scanWords(v.text, func(start, end int, _ analysis.TokenType) {
			position++
			word := v.text[start:end]
			t, seen := st.words[string(word)]
			if !seen {
				k := st.lookup(word)
				t = -1
				if !k.stop {
					var known bool
					if t, known = st.terms[k.term]; !known {
						t = int32(len(st.keys))
						st.terms[k.term] = t
						st.keys = append(st.keys, k.term)
						st.counts = append(st.counts, 0)
					}
				}
				st.words[k.word] = t
			}
			if t < 0 {
				return
			}
			st.counts[t]++
			kept++
			if vectors {
				locs = append(locs, index.TokenLocation{ArrayPositions: v.pos, Start: start, End: end, Position: position})
				st.termOf = append(st.termOf, t)
			}
		})
		if vectors {
			posBytes += kept * len(v.pos) * size.SizeOfUint64
		}
	}

	n := len(st.keys)
	tfs := make([]index.TokenFreq, n)
	f.freqs = make(index.TokenFrequencies, n)
	termBytes := 0
	for _, k := range st.keys {
		termBytes += len(k)
	}
	arena := make([]byte, 0, termBytes) // the terms' bytes, one allocation
	kept := 0
	for t, k := range st.keys {
		a := len(arena)
		arena = append(arena, k...)
		tf := &tfs[t]
		tf.Term = arena[a:len(arena):len(arena)]
		if !f.options.SkipFreqNorm() {
			tf.SetFrequency(int(st.counts[t]))
		}
		kept += int(st.counts[t])
		f.freqs[k] = tf
	}
	// The locations were gathered in the pooled scratch: the field keeps
	// an array of exactly their number.
	st.locs = locs[:0]
	locs = slices.Clone(locs)
	if vectors {
		// Each term's pointers are a run of one array, in the order
		// of the words: counts give where each run starts.
		ptrs := make([]*index.TokenLocation, len(locs))
		off := int32(0)
		for t := range n {
			c := st.counts[t]
			tfs[t].Locations = ptrs[off : off : off+c]
			off += c
		}
		for i := range locs {
			tf := &tfs[st.termOf[i]]
			tf.Locations = append(tf.Locations, &locs[i])
		}
	}
	f.length = kept
	// bleve's TokenFrequencies.Size: the map's entries, each term's key
	// and bytes, and its locations.
	f.freqsSize = size.SizeOfMap + n*(size.SizeOfString+size.SizeOfPtr+sizeOfTokenFreq) + 2*termBytes +
		len(locs)*sizeOfTokenLocation + posBytes

	if len(st.words) > maxPooledWords || cap(st.locs) > maxPooledLocations {
		return
	}
	clear(st.words)
	clear(st.terms)
	st.keys, st.counts, st.termOf = st.keys[:0], st.counts[:0], st.termOf[:0]
	putProseState(st)
}
