package indexer

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"sync"
	"unsafe"

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
//
// Every word of a text costs one lookup in words, a table of this
// state's own keyed on the word's bytes as written, which gives what
// the filter made of it (a stop word, or its term, stemmed once); the
// term's seen record gives, for a term met before in the same text, its
// index there: the records carry the number of the text they last
// counted for, so nothing is cleared between texts. The first maxKnownWords words (the
// common ones) and their terms are kept for later texts; the others are
// forgotten at the end of each text, so memory stays bounded whatever
// the collection's vocabulary.
type proseState struct {
	words    *wordTable[int32] // a word as written -> its term in termRecs, or -1: a stop word
	terms    *wordTable[int32] // a term -> its index in termRecs
	termRecs []termRec         // the kept terms first
	termSeen []termSeen        // by term, as termRecs

	text   uint32     // the number of the text being analysed
	keys   []int32    // the terms of this text (in termRecs), by their index in it
	counts []int32    // occurrences, by index in the text
	kept   []keptWord // each word kept, in order, when the field has term vectors
	next   []int32    // by index in the text: where its next location goes

	batch   []wordSpan // the words of a text waiting to be looked up
	touched uint32     // a sum of what the batches' first loads read, so they are not dropped

	scratch []byte
	filter  *englishFilter
}

// A wordSpan is a word of a text waiting to be looked up, and its hash.
type wordSpan struct {
	start, end int
	h          uint64
}

// wordBatch is the words looked up together.
const wordBatch = 64

// A keptWord is where a word kept is, and its term's index in the text.
type keptWord struct {
	start, end, position int
	t, value             int32 // value: its index in the field's values
}

// A termRec is one term of the words seen, read once for each text it
// is in, when its bytes are copied out.
type termRec struct {
	head   uint64 // its first 8 bytes (keyWord): all of a term of at most 8
	off, n uint32 // its bytes in terms.bytes
}

// A termSeen is the index of a term in the text it last counted for,
// read for every word analysed: apart from the termRecs, which are read
// once per term of a text, so that these take half the cache.
type termSeen struct {
	text uint32 // the text in which t is its index
	t    int32
}

// maxKnownWords is how many words a state keeps for later texts. A
// word it does not keep costs, in each text it is in, a lookup in the
// filter's shared stem memory (a Go map behind a lock) and in the
// state's terms: with 32k words kept that was a third of analysis on
// lexperf's 100k documents, whose vocabulary passes 65k words in their
// first 10k. At 96k the words table has 256k slots (6 MB), and with the
// terms (60k of lexperf's first 20k documents) a state holds about 10 MB;
// ingest keeps one state per analysis worker (bleve runs 4).
const maxKnownWords = 96 << 10

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
	if st == nil || st.filter != filter || st.text == math.MaxUint32 {
		st = newProseState(filter, maxKnownWords)
	}
	return st
}

// newProseState returns a state that keeps the first known words it
// meets for later texts.
func newProseState(filter *englishFilter, known int) *proseState {
	seed := maphash.MakeSeed()
	return &proseState{words: newWordTable[int32](seed, known), terms: newWordTable[int32](seed, known), filter: filter}
}

func putProseState(st *proseState) {
	proseStates.Lock()
	proseStates.free = append(proseStates.free, st)
	proseStates.Unlock()
}

// termHashed returns the index in this text of the term of a word as
// written, whose hash in words is h, or -1 for a stop word.
func (st *proseState) termHashed(h uint64, word []byte) int32 {
	w := st.words.find(h, word)
	if w < 0 {
		w = st.addWord(h, word)
	}
	k := st.words.slots[w].val
	if k < 0 {
		return -1
	}
	tr := &st.termSeen[k]
	if tr.text != st.text {
		tr.text, tr.t = st.text, int32(len(st.keys))
		st.keys = append(st.keys, k)
		st.counts = append(st.counts, 0)
	}
	return tr.t
}

// addWord filters a word not seen before (or forgotten), adds it, and
// returns its slot.
func (st *proseState) addWord(h uint64, word []byte) int {
	// The filter lower-cases in place: a copy, so the text stays as
	// stored.
	st.scratch = append(st.scratch[:0], word...)
	term, notStop := st.filter.term(st.scratch)
	// A kept word's term is kept; a forgotten word's new term is
	// forgotten with it.
	keep := st.words.canKeep()
	k := int32(-1)
	if notStop {
		th := st.terms.hash(term)
		if j := st.terms.find(th, term); j >= 0 {
			k = st.terms.slots[j].val
		} else {
			k = int32(len(st.termRecs))
			st.termRecs = append(st.termRecs, termRec{head: keyWord(term), off: uint32(len(st.terms.bytes)), n: uint32(len(term))})
			st.termSeen = append(st.termSeen, termSeen{})
			st.terms.add(th, term, k, keep)
		}
	}
	return st.words.add(h, word, k, keep)
}

// forget drops the words and terms not kept for later texts.
func (st *proseState) forget() {
	st.words.dropTemporary()
	st.terms.dropTemporary()
	st.termRecs, st.termSeen = st.termRecs[:st.terms.n], st.termSeen[:st.terms.n]
	st.keys, st.counts, st.kept = st.keys[:0], st.counts[:0], st.kept[:0]
}

// maxPooledWords bounds the words kept of a state put back to be
// reused, so one huge document does not pin its scratch.
const maxPooledWords = 1 << 19 // 16 MB

func (f *proseField) Analyze() {
	st := getProseState(f.filter)
	f.analyze(st)
	if cap(st.kept) > maxPooledWords {
		return
	}
	putProseState(st)
}

// analyze analyses the field with the scratch and knowledge of st.
func (f *proseField) analyze(st *proseState) {
	st.text++
	vectors := f.options.IncludeTermVectors()
	posBytes := 0 // of the locations' array positions
	for i, v := range f.values {
		// Positions count from 1 in each value, as bleve analyses each
		// value of a field on its own.
		position, kept := 0, 0
		// The words go by in batches: the first pass over a batch hashes
		// each word and reads its first slot in the table, loads that do
		// not wait for one another, so the slots of words not met lately
		// come from memory together rather than one at a time; the second
		// looks each word up.
		mask := uint64(len(st.words.slots) - 1)
		for sc := newSpanScanner(v.text); !sc.done(); {
			st.batch = sc.next(st.batch[:0], wordBatch)
			var touched uint32
			for j := range st.batch {
				w := &st.batch[j]
				word := v.text[w.start:w.end]
				h, ok := st.words.shortHash(word)
				if !ok {
					h = st.words.hashSlow(word)
				}
				w.h = h
				touched += st.words.slots[w.h&mask].n
			}
			st.touched += touched
			for _, w := range st.batch {
				position++
				t := st.termHashed(w.h, v.text[w.start:w.end])
				if t < 0 {
					continue
				}
				st.counts[t]++
				kept++
				if vectors {
					st.kept = append(st.kept, keptWord{start: w.start, end: w.end, position: position, t: t, value: int32(i)})
				}
			}
			// A word added may have grown the table.
			mask = uint64(len(st.words.slots) - 1)
		}
		if vectors {
			posBytes += kept * len(v.pos) * size.SizeOfUint64
		}
	}

	n := len(st.keys)
	tfs := make([]index.TokenFreq, n)
	f.freqs = make(index.TokenFrequencies, n)
	// The terms' bytes are copied into one buffer of the field's own,
	// not shared with the state's buffer of every kept term: the
	// segment builder hashes and compares them, and with the terms
	// shared, it spent more on that than the copy costs.
	termBytes := 0
	for _, k := range st.keys {
		termBytes += int(st.termRecs[k].n)
	}
	// A term of at most 8 bytes is written from its record, as one
	// 8-byte word whose bytes past the term the next term overwrites,
	// hence 8 bytes to spare; a longer one is copied from the state's.
	arena := make([]byte, termBytes+8)
	a, kept := 0, 0
	for t, k := range st.keys {
		tr := &st.termRecs[k]
		n := int(tr.n)
		if n <= 8 {
			binary.LittleEndian.PutUint64(arena[a:], tr.head)
		} else {
			copy(arena[a:a+n], st.terms.bytes[tr.off:tr.off+tr.n])
		}
		tf := &tfs[t]
		tf.Term = arena[a : a+n : a+n]
		a += n
		if !f.options.SkipFreqNorm() {
			tf.SetFrequency(int(st.counts[t]))
		}
		kept += int(st.counts[t])
		// The key shares the term's bytes, which nothing writes to.
		f.freqs[bytesString(tf.Term)] = tf
	}
	var locs []index.TokenLocation
	if vectors {
		// The locations are one array of exactly their number, each
		// term's a run of it in the order of the words (counts give
		// where each run starts), and so are the pointers to them.
		locs = make([]index.TokenLocation, len(st.kept))
		ptrs := make([]*index.TokenLocation, len(st.kept))
		st.next = slices.Grow(st.next[:0], n)[:n]
		off := int32(0)
		for t := range n {
			c := st.counts[t]
			tfs[t].Locations = ptrs[off : off+c : off+c]
			st.next[t] = off
			off += c
		}
		for _, w := range st.kept {
			i := st.next[w.t]
			st.next[w.t]++
			locs[i] = index.TokenLocation{ArrayPositions: f.values[w.value].pos, Start: w.start, End: w.end, Position: w.position}
		}
		for i := range locs {
			ptrs[i] = &locs[i]
		}
	}
	f.length = kept
	// bleve's TokenFrequencies.Size: the map's entries, each term's key
	// and bytes, and its locations.
	f.freqsSize = size.SizeOfMap + n*(size.SizeOfString+size.SizeOfPtr+sizeOfTokenFreq) + 2*termBytes +
		len(locs)*sizeOfTokenLocation + posBytes

	st.forget()
}

// stringBytes is s as bytes, without a copy: for bytes that nothing
// writes to, since a string's may be read-only memory.
func stringBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// bytesString is b as a string, without a copy: for b that nothing
// writes to again.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
