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
	proseStates.Put(st)
}
