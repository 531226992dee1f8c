// Package jsonstr appends strings as JSON string literals, byte for byte
// as encoding/json writes them, for the encoders that write JSON by hand
// on hot paths (the search answer, a document's stored fields).
package jsonstr

import (
	"math/bits"
	"unicode/utf8"
)

// Append appends s quoted as encoding/json quotes it: the control
// characters as \n, \t, ... or \u00XX, '"' and '\\' escaped, a byte that
// is not UTF-8 as \ufffd, U+2028 and U+2029 escaped, and with escapeHTML
// also '<', '>' and '&' (encoding/json's default; an Encoder with
// SetEscapeHTML(false) leaves them). Eight bytes are tested a step: text
// is mostly letters and spaces, none of which need escaping.
func Append(b []byte, s string, escapeHTML bool) []byte {
	safe := &safeText
	if escapeHTML {
		safe = &safeHTML
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			special := special8(s[i:i+8], escapeHTML)
			if special == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(special) / 8 // the first byte to look at
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// safeText and safeHTML hold the ASCII bytes a JSON string carries as
// they are, without and with HTML escaping.
var safeText, safeHTML = func() (text, html [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		text[c], html[c] = true, true
	}
	for _, c := range `"\` {
		text[c], html[c] = false, false
	}
	for _, c := range `<>&` {
		html[c] = false
	}
	return text, html
}()

// special8 returns 0 when the eight bytes of s are ASCII that needs no
// escaping, else a mask whose lowest set bit is in the first byte that
// is not: above ASCII, a control character, '"', '\\', and with
// escapeHTML '<', '>' or '&'.
func special8(s string, escapeHTML bool) uint64 {
	const (
		lowBits  = 0x0101010101010101
		highBits = 0x8080808080808080
	)
	_ = s[7] // one bounds check
	w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	// t is w without the bytes' high bits, so that no sum below carries
	// into the next byte: adding 0x80-c sets a byte's high bit exactly
	// when it is at least c, and a byte equal to c leaves t^c zero
	// there, the only place where adding 0x7f leaves the high bit clear.
	// A byte above ASCII is special by its own high bit.
	t := w &^ highBits
	plain := (t + (0x80-0x20)*lowBits) & // no control character
		(t ^ '"'*lowBits + 0x7f*lowBits) & (t ^ '\\'*lowBits + 0x7f*lowBits)
	if escapeHTML {
		plain &= (t ^ '<'*lowBits + 0x7f*lowBits) & (t ^ '>'*lowBits + 0x7f*lowBits) & (t ^ '&'*lowBits + 0x7f*lowBits)
	}
	return (^plain | w) & highBits
}
