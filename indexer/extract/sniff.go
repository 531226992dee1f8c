package extract

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// ErrBinary reports a file named as text (.txt, .html, .md) whose bytes
// are not text: random or compressed data, a NUL-filled file, an
// executable. It is skipped, never indexed as an article.
var ErrBinary = errors.New("binary content, not text")

// sniffWindow is how much of a file the binary test reads: enough to see
// the shape of the bytes, bounded so a large file costs nothing extra.
const sniffWindow = 64 << 10

// textEncoding is what sniffing found a file's bytes to be.
type textEncoding int

const (
	encUTF8 textEncoding = iota // or ASCII, or a legacy 8-bit encoding
	encUTF16LE
	encUTF16BE
	encUTF32LE
	encUTF32BE
)

// sniffEncoding reads the byte-order mark, or for UTF-16 without one the
// pattern of NUL bytes that text in the Latin range leaves (every other
// byte zero). It returns the encoding and the length of the mark.
func sniffEncoding(data []byte) (textEncoding, int) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		return encUTF32LE, 4
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return encUTF32BE, 4
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return encUTF16LE, 2
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return encUTF16BE, 2
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8, 3
	}
	head := data[:min(len(data), sniffWindow)]
	if len(head) < 4 || bytes.IndexByte(head, 0) < 0 {
		// Without a NUL no pattern below can hold (each needs some).
		return encUTF8, 0
	}
	// Count NULs by position modulo 4: UTF-32 text in the Latin range
	// has three zero bytes of every four, UTF-16 one of every two.
	var zero [4]int
	for i, b := range head {
		if b == 0 {
			zero[i%4]++
		}
	}
	quarter := len(head) / 4
	mostly := func(n int) bool { return n*10 >= quarter*9 }
	rarely := func(n int) bool { return n*20 <= quarter }
	switch {
	case rarely(zero[0]) && mostly(zero[1]) && mostly(zero[2]) && mostly(zero[3]):
		return encUTF32LE, 0
	case mostly(zero[0]) && mostly(zero[1]) && mostly(zero[2]) && rarely(zero[3]):
		return encUTF32BE, 0
	case rarely(zero[0]+zero[2]) && zero[1]+zero[3] >= quarter:
		// Half of the odd bytes or more are zero and almost no even
		// byte is: little-endian UTF-16 (text with some non-Latin
		// characters still leaves most high bytes zero).
		return encUTF16LE, 0
	case rarely(zero[1]+zero[3]) && zero[0]+zero[2] >= quarter:
		return encUTF16BE, 0
	}
	return encUTF8, 0
}

// decodeText returns the bytes of a text file as UTF-8: a byte-order mark
// (or the NUL pattern of UTF-16) chooses UTF-16 or UTF-32; UTF-8 is taken
// as is; bytes that are not UTF-8 are read as Windows-1252 (a superset of
// printable Latin-1), so an "é" saved by an old tool stays an "é". It
// fails with ErrBinary when the bytes are not text at all.
func decodeText(data []byte) (string, error) {
	enc, bom := sniffEncoding(data)
	var wide encoding.Encoding
	switch enc {
	case encUTF16LE:
		wide = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	case encUTF16BE:
		wide = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	case encUTF32LE:
		wide = utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)
	case encUTF32BE:
		wide = utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)
	}
	data = data[bom:]
	if wide != nil {
		out, err := wide.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("%w: %w", ErrBinary, err)
		}
		s := string(out)
		if err := binaryText(s); err != nil {
			return "", err
		}
		return s, nil
	}
	if err := binaryBytes(data); err != nil {
		return "", err
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	return mixedToUTF8(data), nil
}

// Byte classes for binaryBytes.
const (
	classText = iota
	classNUL
	classControl // besides tab, newline, carriage return, form feed, vertical tab and escape
	classHigh    // above ASCII
)

var byteClasses = func() (t [256]uint8) {
	for b := range 256 {
		switch {
		case b == 0:
			t[b] = classNUL
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v' && b != 0x1B, b == 0x7F:
			t[b] = classControl
		case b >= 0x80:
			t[b] = classHigh
		}
	}
	return t
}()

// binaryBytes tests the first sniffWindow bytes of an 8-bit file: text
// has no NUL bytes (a stray few are tolerated), few control characters
// besides tab, newline, carriage return and form feed, and, when it is
// not UTF-8, a minority of bytes above ASCII.
func binaryBytes(data []byte) error {
	head := data[:min(len(data), sniffWindow)]
	if len(head) == 0 {
		return nil
	}
	count := classCounts(head)
	nul, ctl, high := count[classNUL], count[classControl], count[classHigh]
	n := len(head)
	switch {
	case nul*100 > n:
		return fmt.Errorf("%w: %d%% NUL bytes", ErrBinary, nul*100/n)
	case (nul+ctl)*20 > n:
		return fmt.Errorf("%w: %d%% control bytes", ErrBinary, (nul+ctl)*100/n)
	}
	if high*10 > n*3 && !utf8.Valid(trimPartialRune(head)) {
		// Latin-1 prose has an accented letter every few words; data
		// has a high bit on half its bytes.
		return fmt.Errorf("%w: %d%% bytes above ASCII and not UTF-8", ErrBinary, high*100/n)
	}
	return nil
}

// classCounts counts the bytes of head by byteClass, all but classText
// (which binaryBytes does not use).
func classCounts(head []byte) [4]int {
	var count [4]int // a table lookup per byte, no branches
	for i := 0; i < len(head); {
		if i+8 <= len(head) {
			// Eight printable ASCII bytes (none below space, none
			// DEL, none above ASCII) are all classText, which is not
			// counted: skipped at once.
			w := binary.LittleEndian.Uint64(head[i:]) // one load, not eight bounds-checked ones
			// The high bit of a byte of other is set where the byte is
			// above ASCII, below ' ' (adding 0x80-' ' to a byte below
			// 0x80 leaves its high bit clear there only) or DEL (the
			// byte of t^DEL is zero, and adding 0x7f leaves it clear).
			t := w &^ highBits
			other := (w | ^(t + (0x80-' ')*lowBits) | ^((t ^ 0x7F*lowBits) + 0x7F*lowBits)) & highBits
			if other == 0 {
				i += 8
				continue
			}
			// The bytes before the first other one are classText: on
			// to that one, rather than one byte and eight again.
			i += bits.TrailingZeros64(other) / 8
		}
		count[byteClasses[head[i]]]++
		i++
	}
	return count
}

// trimPartialRune drops a UTF-8 sequence cut by the sniff window.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= 3 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

// binaryText applies the control-character test to decoded text: more
// than one character in twenty that no text would hold means the bytes
// were not text in this encoding.
func binaryText(s string) error {
	n, ctl := 0, 0
	for _, r := range s {
		n++
		// Unassigned, private-use and control code points are rare in
		// text and common in bytes misread as UTF-16 or UTF-32.
		if !unicode.IsPrint(r) && !strings.ContainsRune("\t\n\r\f\v\x1b\u00a0\u00ad\u200b\u200c\u200d\u2028\u2029\u3000\ufeff", r) || r == utf8.RuneError {
			ctl++
		}
		if n == sniffWindow {
			break
		}
	}
	if n > 0 && ctl*20 > n {
		return fmt.Errorf("%w: %d%% control or undecodable characters", ErrBinary, ctl*100/n)
	}
	return nil
}

// mixedToUTF8 decodes bytes that are mostly UTF-8 with some bytes that
// are not (a file edited by tools with different defaults): valid UTF-8
// sequences are kept, every other byte is read as Windows-1252.
func mixedToUTF8(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	dec := charmap.Windows1252
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(dec.DecodeByte(data[0]))
			data = data[1:]
			continue
		}
		b.Write(data[:size])
		data = data[size:]
	}
	return b.String()
}
