package indexer

import (
	"encoding/binary"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	uax29 "github.com/blevesearch/segment"
)

// WordTokenizer is the name of our word tokenizer. It cuts text into
// words exactly as bleve's unicode tokenizer does (Unicode word
// boundaries, UAX #29: "U.S.C", "1,000.50" and "it's" are one word each),
// but reads runs of ASCII itself: the general segmenter was a tenth of
// ingest's CPU, and most of a legal text is ASCII. A run with any other
// character goes to the general segmenter, so the words, their offsets,
// positions and types never differ (FuzzWordTokenizer checks it), with
// one exception: the segmenter stops at the first byte that is not UTF-8,
// so bleve's tokenizer drops every word after it, where this one drops
// only the rest of that run of text.
const WordTokenizer = "lexsearch_words"

type wordTokenizer struct{}

// The word-boundary classes of the ASCII characters (UAX #29, table 3).
const (
	wbOther     = iota
	wbLetter    // ALetter: A-Z, a-z
	wbNumeric   // 0-9
	wbExtendNum // ExtendNumLet: _
	wbMidLetter // :
	wbMidNum    // , ;
	wbMidNumLet // .
	wbQuote     // Single_Quote: '
	wbSpace     // ASCII white space: a word never spans it
)

var wbClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = wbLetter, wbLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = wbNumeric
	}
	t['_'], t[':'], t[','], t[';'], t['.'], t['\''] = wbExtendNum, wbMidLetter, wbMidNum, wbMidNum, wbMidNumLet, wbQuote
	for _, c := range " \t\n\v\f\r" {
		t[c] = wbSpace
	}
	return t
}()

func isWordClass(c uint8) bool { return c == wbLetter || c == wbNumeric || c == wbExtendNum }

func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	w := words{in: input, out: make(analysis.TokenStream, 0, len(input)/5+1)} // about a word per 6 bytes of prose
	scanWords(input, w.emit)
	return w.out
}

// scanWords calls emit with the offsets and type of each word of input,
// in order: the words Tokenize makes tokens of (the word's position is
// the number of calls so far).
func scanWords(input []byte, emit func(start, end int, typ analysis.TokenType)) {
	// Runs between ASCII white space: no word crosses white space, so a
	// run can be cut on its own.
	for i := 0; i < len(input); {
		if input[i] < utf8.RuneSelf && wbClass[input[i]] == wbSpace {
			i++
			continue
		}
		end, ascii := i, true
		for end < len(input) && (input[end] >= utf8.RuneSelf || wbClass[input[end]] != wbSpace) {
			ascii = ascii && input[end] < utf8.RuneSelf
			end++
		}
		if ascii {
			asciiWords(input, i, end, emit)
		} else {
			generalWords(input, i, end, emit)
		}
		i = end
	}
}

// words collects the words of one text as tokens.
//
// The tokens live in slabs, each sized for the text left to read: one
// slice sized for the most words a text might have cost as much memory
// again as its words did (a token is eight times the size of its
// pointer), and one grown by appending would move tokens the stream
// already points at.
type words struct {
	in   []byte
	slab []analysis.Token
	out  analysis.TokenStream
}

// Slabs hold at most maxSlab tokens (64 kB), and at least minSlab.
const (
	minSlab = 16
	maxSlab = 1024
)

func (w *words) emit(start, end int, typ analysis.TokenType) {
	if len(w.slab) == cap(w.slab) {
		w.slab = make([]analysis.Token, 0, min(max((len(w.in)-start)/6, minSlab), maxSlab))
	}
	w.slab = append(w.slab, analysis.Token{Term: w.in[start:end], Start: start, End: end, Position: len(w.out) + 1, Type: typ})
	w.out = append(w.out, &w.slab[len(w.slab)-1])
}

// asciiWords emits the words of in[from:to], which is all ASCII.
func asciiWords(in []byte, from, to int, emit func(start, end int, typ analysis.TokenType)) {
	for j := from; j < to; {
		if !isWordClass(wbClass[in[j]]) {
			j++
			continue
		}
		start := j
		letter := false
		for {
			c := wbClass[in[j]]
			letter = letter || c == wbLetter
			if j+1 == to {
				j++
				break
			}
			next := wbClass[in[j+1]]
			if isWordClass(next) { // WB5, WB8-10, WB13a-b
				j++
				continue
			}
			if j+2 < to {
				after := wbClass[in[j+2]]
				// WB6-7: a letter, a mid-letter mark, a letter.
				if c == wbLetter && after == wbLetter && (next == wbMidLetter || next == wbMidNumLet || next == wbQuote) {
					j += 2
					continue
				}
				// WB11-12: a digit, a mid-number mark, a digit.
				if c == wbNumeric && after == wbNumeric && (next == wbMidNum || next == wbMidNumLet || next == wbQuote) {
					j += 2
					continue
				}
			}
			j++
			break
		}
		// The segmenter calls a word with a letter a letter word, one of
		// digits (and underscores) a number, and a lone run of
		// underscores a letter word.
		typ := analysis.AlphaNumeric
		if !letter && hasDigit(in[start:j]) {
			typ = analysis.Numeric
		}
		emit(start, j, typ)
	}
}

func hasDigit(b []byte) bool {
	for _, c := range b {
		if '0' <= c && c <= '9' {
			return true
		}
	}
	return false
}

// generalWords emits the words of in[from:to] found by the Unicode
// segmenter, as bleve's unicode tokenizer does.
func generalWords(in []byte, from, to int, emit func(start, end int, typ analysis.TokenType)) {
	seg := uax29.NewWordSegmenterDirect(in[from:to])
	start := from
	for seg.Segment() {
		end := start + len(seg.Bytes())
		switch seg.Type() {
		case uax29.None:
		case uax29.Ideo, uax29.Kana:
			emit(start, end, analysis.Ideographic)
		case uax29.Number:
			emit(start, end, analysis.Numeric)
		default:
			emit(start, end, analysis.AlphaNumeric)
		}
		start = end
	}
}

// wordByte marks the ASCII bytes of a word's class (a letter, a digit,
// an underscore): a run of them is never cut inside.
var wordByte = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = isWordClass(wbClass[c])
	}
	return t
}()

// A spanScanner cuts a text into the words scanWords finds, in the
// same order, without a call per word: next appends them to a batch.
// The text is read as regions of ASCII, each of whole runs between
// white space, cut in one pass (a word never spans white space, which
// is neither a letter, a digit nor a mark between them), and the runs
// with a byte beyond ASCII between them, cut by the general segmenter.
type spanScanner struct {
	in       []byte
	at       int // where the next word is looked for
	asciiEnd int // the ASCII region from at ends here, at a run beyond ASCII or the text's end
}

func newSpanScanner(in []byte) spanScanner {
	s := spanScanner{in: in}
	s.asciiEnd = asciiRegionEnd(in, 0)
	return s
}

// done reports whether every word has been appended.
func (s *spanScanner) done() bool { return s.at >= len(s.in) }

// next appends words to batch until it holds at least max of them or
// the text ends, and returns it. A run beyond ASCII is appended whole.
func (s *spanScanner) next(batch []wordSpan, max int) []wordSpan {
	in := s.in
	for len(batch) < max && s.at < len(in) {
		if s.at < s.asciiEnd {
			s.at, batch = asciiSpans(in, s.at, s.asciiEnd, batch, max)
			continue
		}
		// A run with a byte beyond ASCII, perhaps after white space.
		i := s.at
		for i < len(in) && in[i] < utf8.RuneSelf && wbClass[in[i]] == wbSpace {
			i++
		}
		end := i
		for end < len(in) && (in[end] >= utf8.RuneSelf || wbClass[in[end]] != wbSpace) {
			end++
		}
		if i < end {
			generalWords(in, i, end, func(start, end int, _ analysis.TokenType) {
				batch = append(batch, wordSpan{start: start, end: end})
			})
		}
		s.at = end
		s.asciiEnd = asciiRegionEnd(in, end)
	}
	return batch
}

// asciiRegionEnd returns where the ASCII runs from i end: the start of
// the first run (between ASCII white space) with a byte beyond ASCII,
// or len(in).
func asciiRegionEnd(in []byte, i int) int {
	q := i
	for ; q+8 <= len(in); q += 8 {
		if binary.LittleEndian.Uint64(in[q:])&0x8080808080808080 != 0 {
			break
		}
	}
	for q < len(in) && in[q] < utf8.RuneSelf {
		q++
	}
	if q == len(in) {
		return q
	}
	for q > i && wbClass[in[q-1]] != wbSpace {
		q--
	}
	return q
}

// asciiSpans appends the words of in[from:to], which is all ASCII and
// ends at white space or the text's end, until batch holds max, and
// returns where it stopped and the batch. The words are asciiWords'.
func asciiSpans(in []byte, from, to int, batch []wordSpan, max int) (int, []wordSpan) {
	j := from
	for len(batch) < max {
		for j < to && !wordByte[in[j]] {
			j++
		}
		if j == to {
			break
		}
		start := j
		for {
			j++
			for j < to && wordByte[in[j]] {
				j++
			}
			// in[j] ends a run of word bytes: it joins two of them when
			// a letter, a mid-letter mark, a letter (WB6-7) or a digit,
			// a mid-number mark, a digit (WB11-12).
			if j+1 >= to {
				break
			}
			// Most words end at white space or other punctuation: the
			// marks are wbMidLetter to wbQuote.
			mark := wbClass[in[j]]
			if mark-wbMidLetter > wbQuote-wbMidLetter {
				break
			}
			last, after := wbClass[in[j-1]], wbClass[in[j+1]]
			if last == wbLetter && after == wbLetter && (mark == wbMidLetter || mark == wbMidNumLet || mark == wbQuote) ||
				last == wbNumeric && after == wbNumeric && (mark == wbMidNum || mark == wbMidNumLet || mark == wbQuote) {
				j++
				continue
			}
			break
		}
		batch = append(batch, wordSpan{start: start, end: j})
	}
	return j, batch
}
