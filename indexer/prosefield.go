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
//   - each distinct word of the text is filtered and stemmed once (the
//     shared stem memory is locked, and most words of prose repeat);
//   - locations are one array of exactly their number, and each term's
//     pointers to them one run of another, sized by counting first, where
//     bleve grows a slice of pointers per term;
//   - terms are copied into one buffer, not one allocation each;
//   - the size bleve asks of every analysed field (for its memory
//     accounting, by walking every location) is summed while analysing;
//   - a stored value is not copied, since nothing writes to it.
//
// TestProseFieldMatchesTextField holds it to bleve's TextField.
type proseField struct {
	name    string
	pos     []uint64
	options index.FieldIndexingOptions
	value   []byte
	filter  *englishFilter

	length    int
	freqs     index.TokenFrequencies
	freqsSize int
}

var _ document.Field = (*proseField)(nil)

func newProseField(f fieldSpec, pos []uint64, value []byte) *proseField {
	return &proseField{name: f.name, pos: pos, options: f.options, value: value, filter: f.prose}
}

func (f *proseField) Name() string                                     { return f.name }
func (f *proseField) ArrayPositions() []uint64                         { return f.pos }
func (f *proseField) Options() index.FieldIndexingOptions              { return f.options }
func (f *proseField) Value() []byte                                    { return f.value }
func (f *proseField) Text() string                                     { return string(f.value) }
func (f *proseField) NumPlainTextBytes() uint64                        { return uint64(len(f.value)) }
func (f *proseField) EncodedFieldType() byte                           { return 't' }
func (f *proseField) AnalyzedLength() int                              { return f.length }
func (f *proseField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size is what the field holds in memory, reckoned as bleve reckons its
// TextField's.
func (f *proseField) Size() int {
	return int(unsafe.Sizeof(*f)) + size.SizeOfPtr + len(f.name) + len(f.pos)*size.SizeOfUint64 +
		len(f.value) + f.freqsSize
}

// Sizes bleve counts for the parts of an analysis result.
const (
	sizeOfTokenFreq     = int(unsafe.Sizeof(index.TokenFreq{}))
	sizeOfTokenLocation = int(unsafe.Sizeof(index.TokenLocation{}))
)

// proseState is the scratch of one analysis, reused.
type proseState struct {
	words   map[string]int32      // a word as written -> its term, or -1: a stop word
	terms   map[string]int32      // a term -> its index
	keys    []string              // the terms, by index
	counts  []int32               // occurrences, by term
	termOf  []int32               // the term of each kept word, in order
	locs    []index.TokenLocation // the location of each kept word, in order
	scratch []byte
}

var proseStates = sync.Pool{New: func() any {
	return &proseState{words: map[string]int32{}, terms: map[string]int32{}}
}}

// maxPooledWords bounds the distinct words of a state put back in the
// pool, so one huge document does not pin its tables.
const (
	maxPooledWords     = 1 << 16
	maxPooledLocations = 1 << 18 // 16 MB
)

func (f *proseField) Analyze() {
	st := proseStates.Get().(*proseState)
	vectors := f.options.IncludeTermVectors()
	locs := st.locs[:0]
	position := 0
	scanWords(f.value, func(start, end int, _ analysis.TokenType) {
		position++
		word := f.value[start:end]
		t, seen := st.words[string(word)]
		if !seen {
			// The filter lower-cases in place: a copy, so the value
			// stays as stored.
			st.scratch = append(st.scratch[:0], word...)
			term, keep := f.filter.term(st.scratch)
			t = -1
			if keep {
				var known bool
				if t, known = st.terms[string(term)]; !known {
					t = int32(len(st.keys))
					key := string(term)
					st.terms[key] = t
					st.keys = append(st.keys, key)
					st.counts = append(st.counts, 0)
				}
			}
			st.words[string(word)] = t
		}
		if t < 0 {
			return
		}
		st.counts[t]++
		if vectors {
			locs = append(locs, index.TokenLocation{ArrayPositions: f.pos, Start: start, End: end, Position: position})
			st.termOf = append(st.termOf, t)
		}
	})

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
		len(locs)*(sizeOfTokenLocation+len(f.pos)*size.SizeOfUint64)

	if len(st.words) > maxPooledWords || cap(st.locs) > maxPooledLocations {
		return
	}
	clear(st.words)
	clear(st.terms)
	st.keys, st.counts, st.termOf = st.keys[:0], st.counts[:0], st.termOf[:0]
	proseStates.Put(st)
}
