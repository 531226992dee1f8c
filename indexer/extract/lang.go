package extract

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopWords are frequent function words of each language we detect. They
// are chosen to be rare in the other language: "de" and "a", shared by
// English text quoting French names or the other way round, are left out.
var stopWords = map[string]map[string]bool{
	"en": set("the", "and", "of", "to", "is", "that", "for", "with", "was", "which",
		"this", "are", "be", "by", "or", "have", "not", "from", "it", "were", "been",
		"its", "would", "their", "shall", "any", "under", "court", "an", "as"),
	"fr": set("le", "la", "les", "des", "et", "du", "est", "que", "qui", "dans",
		"pour", "une", "sur", "au", "aux", "par", "pas", "ce", "cette", "sont",
		"été", "avec", "ou", "ses", "leur", "mais", "il", "elle", "être", "tribunal"),
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// minLangHits is how many stop words a text needs before DetectLang trusts
// the count; below it a title or a caption would decide at random.
const minLangHits = 5

// DetectLang returns "en" or "fr" for the language most of text is written
// in, judged by stop-word counts, or "" when text has too few of them to
// tell. Counting over the whole text, rather than the opening, is what lets
// an English judgment wrapped in a French database's headings come out "en".
func DetectLang(text string) string {
	var c langCounts
	c.add(text)
	return c.lang()
}

// detectLangPages is DetectLang of the pages joined by form feeds, as in
// Result.Text, without joining them: no word spans a form feed.
func detectLangPages(pages []Page) string {
	var c langCounts
	for _, p := range pages {
		c.add(p.Text)
	}
	return c.lang()
}

// langCounts are the stop words counted so far, per language and in all.
type langCounts struct {
	counts [len(langs)]int
	total  int
}

// add counts the stop words of text.
func (lc *langCounts) add(text string) {
	var lower [maxStopWordLen]byte
	for start := 0; start < len(text); {
		// Where the next 64 bytes are ASCII, their words are found
		// from a mask of their letters. start never follows a letter
		// here: it is the text's start, or past a byte no word holds.
		if start+64 <= len(text) {
			if next, ok := lc.addBlock(text, start); ok {
				start = next
				continue
			}
		}
		// the next run of letters, as strings.FieldsFunc would cut it;
		// ASCII bytes are classed by a table, without decoding
		cl := letterClass[text[start]]
		if cl == notLetter {
			start++
			continue
		}
		if cl == highByte {
			if r, n := utf8.DecodeRuneInString(text[start:]); !unicode.IsLetter(r) {
				start += n
				continue
			}
		}
		end, upper := asciiLetters(text, start) // most of every word
		ascii := true
		for end < len(text) && letterClass[text[end]] == highByte {
			// the word goes on past ASCII (or a non-letter ends it)
			r, n := utf8.DecodeRuneInString(text[end:])
			if !unicode.IsLetter(r) {
				break
			}
			ascii = false
			var up bool
			end, up = asciiLetters(text, end+n)
			upper = upper || up
		}
		w, at := text[start:end], start
		start = end
		var bits uint8
		switch {
		case ascii:
			bits = asciiWordLangs(text, at, end, upper, &lower)
		case len(w) > 3*maxStopWord:
			// Lower case shrinks a letter to at most a third of its
			// bytes (the Kelvin sign is k), so a longer word is no
			// stop word.
			continue
		default:
			bits = stopWordLangs.lookup(strings.ToLower(w))
		}
		lc.count(bits)
	}
}

// count counts a word with the language bits bits.
func (lc *langCounts) count(bits uint8) {
	if bits != 0 {
		for i := range langs {
			if bits&(1<<i) != 0 {
				lc.counts[i]++
				lc.total++
			}
		}
	}
}

// asciiWordLangs returns the language bits of the word text[at:end], of
// ASCII letters only; upper says whether one is a capital. Lower case
// keeps an ASCII word's length, so one of another length is no stop
// word; a short word is looked up by its bytes in one integer, lowered
// there.
func asciiWordLangs(text string, at, end int, upper bool, lower *[maxStopWordLen]byte) uint8 {
	n := end - at
	if n < minStopWord || n > maxStopWord {
		return 0
	}
	if n <= 8 {
		if at+8 <= len(text) {
			// the word's bytes from one load, the rest masked off
			m := ^uint64(0) >> (64 - 8*n)
			return asciiStopWords.lookup((load64(text, at) | 0x20*lowBits) & m)
		}
		return asciiStopWords.lookup(wordKey(text[at:end]))
	}
	w := text[at:end]
	if !upper {
		return stopWordLangs.lookup(w)
	}
	b := lower[:n]
	for i := range n {
		b[i] = w[i] | 0x20
	}
	return stopWordLangs.lookup(string(b))
}

// addBlock counts the words of text[i:i+64] when those bytes are all
// ASCII and text[i-1], if any, is no letter, and returns where add goes
// on: past the block, or at the start of a word that reaches its end
// (which may go on in bytes above ASCII). It reports false, having
// counted nothing, for a block with a byte above ASCII.
//
// The block becomes a mask with bit k set where byte i+k is a letter
// (each eight bytes as in asciiLetters, their high bits gathered by a
// multiply); a word starts at a set bit whose lower neighbour is clear
// and ends at the next clear bit.
func (lc *langCounts) addBlock(text string, i int) (next int, ok bool) {
	var lower [maxStopWordLen]byte
	var letters, caps uint64
	for j := 0; j < 8; j++ {
		w := load64(text, i+8*j)
		if w&highBits != 0 {
			return i, false
		}
		x := w | 0x20*lowBits | highBits
		l := (x - 'a'*lowBits) &^ (x - ('z'+1)*lowBits) & highBits // w has no high bit
		letters |= (l >> 7 * 0x0102040810204080) >> 56 << (8 * j)
		c := l &^ (w << 2) // a capital has bit 5 clear: shifted up to bit 7
		caps |= (c >> 7 * 0x0102040810204080) >> 56 << (8 * j)
	}
	starts := letters &^ (letters << 1)
	for starts != 0 {
		s := bits.TrailingZeros64(starts)
		n := bits.TrailingZeros64(^(letters >> s))
		if s+n == 64 {
			// add reads this word whole; one that fills the block
			// leaves it all to add
			return i + s, s > 0
		}
		upper := caps>>s&(1<<n-1) != 0
		lc.count(asciiWordLangs(text, i+s, i+s+n, upper, &lower))
		starts &= starts - 1
	}
	return i + 64, true
}

// asciiLetters returns the end of the run of ASCII letters at text[i:],
// and whether one of them is a capital. It tests eight bytes a step: the
// high bit of each byte of letters is set where the byte is a letter,
// found without a borrow between bytes (each byte of x|highBits is at
// least 0x80, above what is subtracted from it).
func asciiLetters(text string, i int) (end int, upper bool) {
	for i+8 <= len(text) {
		w := load64(text, i)
		x := w | 0x20*lowBits | highBits
		letters := (x - 'a'*lowBits) &^ (x - ('z'+1)*lowBits) &^ w & highBits
		if letters == highBits {
			upper = upper || ^w&(0x20*lowBits) != 0
			i += 8
			continue
		}
		n := bits.TrailingZeros64(^letters&highBits) / 8 // letters before the first other byte
		if n > 0 {
			m := uint64(1)<<(8*n) - 1
			upper = upper || ^w&(0x20*lowBits)&m != 0
		}
		return i + n, upper
	}
	for ; i < len(text); i++ {
		switch letterClass[text[i]] {
		case lowerLetter:
		case upperLetter:
			upper = true
		default:
			return i, upper
		}
	}
	return i, upper
}

// load64 returns the eight bytes of s at i, the first lowest.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// wordKey packs a word of one to eight ASCII letters into an integer,
// first letter lowest, each in lower case; a shorter word leaves the
// high bytes zero, so words of different lengths differ.
func wordKey(w string) uint64 {
	var k uint64
	for i := len(w) - 1; i >= 0; i-- {
		k = k<<8 | uint64(w[i]|0x20)
	}
	return k
}

// A keyTable maps the wordKey of the ASCII stop words to their language
// bits: open addressing over a power of two slots, most of them empty,
// so a word that is no stop word usually costs one multiply and one
// comparison.
type keyTable struct {
	keys [keySlots]uint64
	bits [keySlots]uint8
}

const keySlots = 256

func keySlot(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> 56 }

func (t *keyTable) add(k uint64, bit uint8) {
	for i := keySlot(k); ; i = (i + 1) % keySlots {
		switch t.keys[i] {
		case k:
			t.bits[i] |= bit
			return
		case 0:
			t.keys[i], t.bits[i] = k, bit
			return
		}
	}
}

// lookup returns the language bits of the word with key k, 0 for none.
func (t *keyTable) lookup(k uint64) uint8 {
	for i := keySlot(k); ; i = (i + 1) % keySlots {
		switch t.keys[i] {
		case k:
			return t.bits[i]
		case 0:
			return 0
		}
	}
}

// asciiStopWords is stopWordLangs for the stop words of ASCII letters of
// at most eight bytes, by wordKey.
var asciiStopWords = func() *keyTable {
	t := &keyTable{}
	for i, lang := range langs {
		for w := range stopWords[lang] {
			if len(w) <= 8 && !strings.ContainsFunc(w, func(r rune) bool { return !('a' <= r && r <= 'z') }) {
				t.add(wordKey(w), 1<<i)
			}
		}
	}
	return t
}()

// Classes of bytes for langCounts.add: one table lookup tells an ASCII
// letter and its case, or a byte above ASCII that needs decoding.
const (
	notLetter = iota
	lowerLetter
	upperLetter
	highByte
)

var letterClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = lowerLetter
		case 'A' <= c && c <= 'Z':
			t[c] = upperLetter
		case c >= utf8.RuneSelf:
			t[c] = highByte
		}
	}
	return t
}()

// lang decides the language from the counts, "" when there are too few.
func (lc *langCounts) lang() string {
	if lc.total < minLangHits {
		return ""
	}
	best, bestN := "", 0
	for i, lang := range langs { // fixed order: ties are deterministic
		if lc.counts[i] > bestN {
			best, bestN = lang, lc.counts[i]
		}
	}
	return best
}

// langs are the languages of stopWords, in the order DetectLang breaks
// ties.
var langs = [...]string{"en", "fr"}

// stopWordLangs maps each stop word to the languages it is one of, bit i
// for langs[i]; minStopWord and maxStopWord are the lengths of the
// shortest and the longest, in bytes.
var stopWordLangs, minStopWord, maxStopWord = func() (*stopTable, int, int) {
	t, shortest, longest := &stopTable{}, maxStopWordLen, 0
	for i, lang := range langs {
		for w := range stopWords[lang] {
			t.add(w, 1<<i)
			shortest = min(shortest, len(w))
			longest = max(longest, len(w))
		}
	}
	return t, shortest, longest
}()

// maxStopWordLen bounds the length of a stop word, for DetectLang's buffer.
const maxStopWordLen = 16

// A stopTable is a small hash table of the stop words. DetectLang looks
// up every short word of every document: hashing the length and two bytes
// and comparing one or two strings costs a fraction of a Go map lookup.
type stopTable struct {
	slots [256][]stopEntry
}

type stopEntry struct {
	word string
	bits uint8
}

func stopSlot(w string) uint8 {
	return uint8(len(w)*37 + int(w[0])*7 + int(w[len(w)-1]))
}

func (t *stopTable) add(w string, bit uint8) {
	s := &t.slots[stopSlot(w)]
	for i := range *s {
		if (*s)[i].word == w {
			(*s)[i].bits |= bit
			return
		}
	}
	*s = append(*s, stopEntry{w, bit})
}

// lookup returns the language bits of w, 0 for a word that is no stop word.
func (t *stopTable) lookup(w string) uint8 {
	if w == "" {
		return 0
	}
	for _, e := range t.slots[stopSlot(w)] {
		if e.word == w {
			return e.bits
		}
	}
	return 0
}
