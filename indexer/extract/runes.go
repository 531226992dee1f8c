package extract

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// runeCount is utf8.RuneCountInString, which steps one byte at a time:
// this counts eight ASCII bytes per step, decoding only the runes above
// ASCII, one at a time, between such steps. Line widths are measured
// several times over every line of a document, almost all of it ASCII.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			high := load64(s, i) & highBits
			if high == 0 {
				n += 8
				i += 8
				continue
			}
			k := bits.TrailingZeros64(high) / 8 // ASCII bytes before the first that is not
			n += k
			i += k
		}
		if s[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		n++
	}
	return n
}

// squashSpaces is strings.Join(strings.Fields(s), " "): s without leading
// or trailing white space, each run of it one space. Most of what it is
// given (table cells, entry texts) is that already, and is returned as is,
// without the slice of fields and the new string.
func squashSpaces(s string) string {
	space := true // at the start, a space is leading
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight bytes above ' ' and below 0x80 are word bytes: passed
			// at once (the high bit of a byte of other is set where it is
			// neither, as in joinFields), else up to the first that is not.
			w := load64(s, i)
			other := (^((w &^ highBits) + (0x7f-' ')*lowBits) | w) & highBits
			if other == 0 {
				space = false
				i += 8
				continue
			}
			if k := bits.TrailingZeros64(other) / 8; k > 0 {
				space = false
				i += k
			}
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return joinFields(s)
			}
			space = false
			i += n
			continue
		}
		switch c {
		case ' ':
			if space {
				return joinFields(s)
			}
			space = true
		case '\t', '\n', '\v', '\f', '\r':
			return joinFields(s)
		default:
			space = false
		}
		i++
	}
	if space && s != "" {
		return joinFields(s) // a trailing space
	}
	return s
}

// joinFields is strings.Join(strings.Fields(s), " ") without the slice of
// fields, writing into one buffer the size of s: squashSpaces gives it
// whole pages (a docket's text, to find its entries in). Words are copied
// a run at a time, found eight bytes a step: a byte above ' ' and below
// 0x80 is never white space, the rest are looked at one by one.
func joinFields(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // white space since the last word
	for i := 0; i < len(s); {
		j := i
		for j+8 <= len(s) {
			w := load64(s, j)
			// The high bit of a byte of other is set where the byte is
			// at most ' ' (adding 0x7f-' ' leaves it clear, there only,
			// for a byte below 0x80) or at least 0x80.
			other := (^((w &^ highBits) + (0x7f-' ')*lowBits) | w) & highBits
			if other != 0 {
				j += bits.TrailingZeros64(other) / 8
				break
			}
			j += 8
		}
		for j < len(s) && s[j] > ' ' && s[j] < utf8.RuneSelf {
			j++
		}
		if j > i { // a run of word bytes
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(s[i:j])
			i = j
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) {
				space = true
			} else {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				space = false
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// asciiSpace reports whether c is an ASCII white space byte, as
// unicode.IsSpace has them.
func asciiSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// hasDoubleSpace is strings.Contains(s, "  "). strings.Index finds a
// two-byte needle by stopping at every first byte, and prose has a space
// every few bytes; this tests eight bytes per step for two spaces in a
// row. Every line of every document is asked.
func hasDoubleSpace(s string) bool {
	prev := false // the byte before the current eight is a space
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := load64(s, i) // one load: the byte-wise form was eight, each bounds-checked
		// The high bit of each byte of sp is set exactly where w has a
		// space: t is zero there, and adding 0x7f to the low seven bits
		// carries into the high bit of every other byte, without carries
		// between bytes.
		t := w ^ (' ' * lowBits)
		sp := ^((t&^highBits + lowBits*0x7f) | t) & highBits
		if sp&(sp>>8) != 0 || prev && sp&0x80 != 0 {
			return true
		}
		prev = sp>>63 != 0
	}
	for ; i < len(s); i++ {
		space := s[i] == ' '
		if space && prev {
			return true
		}
		prev = space
	}
	return false
}
