package indexer

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a period but do not end a sentence. Legal prose is
// full of them ("Doe v. GTE Corp., 347 F.3d 655 (7th Cir. 2003)"), and
// every false break would let /s miss a match.
var abbreviations = map[string]bool{
	"v": true, "vs": true, "no": true, "nos": true, "inc": true, "corp": true, "co": true, "ltd": true,
	"llc": true, "cir": true, "fed": true, "supp": true, "civ": true, "crim": true, "app": true, "r": true,
	"p": true, "u.s": true, "u.s.c": true, "s.ct": true, "ct": true, "id": true, "e.g": true, "i.e": true,
	"cf": true, "al": true, "etc": true, "dkt": true, "mr": true, "ms": true, "mrs": true, "dr": true,
	"st": true, "jr": true, "sr": true, "hon": true, "j": true, "pub": true, "l": true, "stat": true,
	"sec": true, "art": true, "para": true, "ex": true, "n.d": true, "s.d": true, "e.d": true, "w.d": true,
	"d": true, "ill": true, "cal": true, "tex": true, "fla": true, "mass": true, "pa": true, "va": true,
	"wash": true, "ariz": true, "mich": true, "ohio": true, "n.y": true, "h.r": true, "s": true, "op": true,
	"ann": true, "rev": true, "amend": true, "const": true, "reg": true, "dist": true, "ed": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "approx": true, "dept": true, "gov": true,
}

// segment returns the byte offsets where the sentences and the paragraphs
// of text start. A paragraph starts after a blank line; a sentence after
// '.', '!' or '?' (and any closing quotes or brackets) followed by space
// and a capital, a digit or an opening quote, unless the period ends a
// known abbreviation or a single initial.
func segment(text string) (sentences, paragraphs []int) {
	sentences, paragraphs = []int{0}, []int{0}
	for i := 0; i < len(text); i++ {
		// only a line break or a sentence's end starts anything: the
		// bytes between are passed over eight at a time
		if i = nextBreak(text, i); i == len(text) {
			break
		}
		c := text[i]
		if c == '\n' {
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				for j < len(text) && unicode.IsSpace(rune(text[j])) {
					j++
				}
				if j < len(text) {
					paragraphs = appendAfter(paragraphs, j)
					sentences = appendAfter(sentences, j)
				}
				i = j - 1
			}
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(text) { // step over closing quotes and brackets
			r, size := utf8.DecodeRuneInString(text[end:])
			if r != '”' && r != '’' && r != '"' && r != '\'' && r != ')' && r != ']' {
				break
			}
			end += size
		}
		j := end
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n') {
			j++
		}
		if j == end || j >= len(text) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '"' && r != '“' && r != '(' && r != '[' {
			continue
		}
		if c == '.' && isAbbreviation(text[:i]) {
			continue
		}
		sentences = appendAfter(sentences, j)
	}
	return sentences, paragraphs
}

// appendAfter appends off unless it is not past the last offset.
func appendAfter(offs []int, off int) []int {
	if off > offs[len(offs)-1] {
		return append(offs, off)
	}
	return offs
}

// Eight copies of a byte, and the high bit of each of eight bytes.
const (
	lowBytes  = 0x0101010101010101
	highBytes = 0x8080808080808080
)

// nextBreak returns the index of the first '\n', '.', '!' or '?' in
// text[i:], or len(text). A byte of x^(c*lowBytes) is zero where text
// has c; (v-lowBytes)&^v&highBytes sets the high bit of the first zero
// byte of v exactly (a borrow can only mark bytes after it), so the
// lowest bit of the four tests is the first break.
func nextBreak(text string, i int) int {
	for ; i+8 <= len(text); i += 8 {
		b := text[i : i+8] // one bounds check, and the compiler makes the eight loads one
		w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
		nl, dot, bang, ask := w^('\n'*lowBytes), w^('.'*lowBytes), w^('!'*lowBytes), w^('?'*lowBytes)
		found := (nl-lowBytes)&^nl | (dot-lowBytes)&^dot | (bang-lowBytes)&^bang | (ask-lowBytes)&^ask
		if found &= highBytes; found != 0 {
			return i + bits.TrailingZeros64(found)/8
		}
	}
	for ; i < len(text); i++ {
		if c := text[i]; c == '\n' || c == '.' || c == '!' || c == '?' {
			return i
		}
	}
	return i
}

// maxAbbreviation is the length of the longest of abbreviations.
var maxAbbreviation = func() int {
	n := 0
	for a := range abbreviations {
		n = max(n, len(a))
	}
	return n
}()

// isAbbreviation reports whether the word that ends before is an
// abbreviation or an initial ("Andrea R." in "Judge Andrea R. Wood").
// A word of ASCII bytes, nearly every one, is read back and lowered in
// place; any other goes the general way (abbreviationOf).
func isAbbreviation(before string) bool {
	start := len(before)
	for start > 0 {
		c := before[start-1]
		if c >= utf8.RuneSelf {
			return abbreviationOf(before)
		}
		if c == ' ' || '\t' <= c && c <= '\r' || c == '(' || c == '[' {
			break
		}
		start--
	}
	word := before[start:]
	switch {
	case len(word) == 1:
		return true
	case len(word) > maxAbbreviation:
		return false
	}
	var lower [16]byte
	if len(word) > len(lower) {
		return abbreviationOf(before)
	}
	b := lower[:len(word)]
	for i := range len(word) {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return abbreviations[string(b)]
}

// abbreviationOf is isAbbreviation for a word of any characters.
func abbreviationOf(before string) bool {
	start := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == '[' })
	word := strings.ToLower(before[start+1:])
	if utf8.RuneCountInString(word) == 1 {
		return true
	}
	return abbreviations[word]
}
