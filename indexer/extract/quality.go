package extract

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// minTextRunes is the least text, in non-space runes, a document needs to
// count as having a text layer. Scanned PDFs often carry a few stray
// characters (a page number, a scanner's stamp) and nothing else.
const minTextRunes = 20

// checkText fails with ErrNoText when text is empty, too short, or mostly
// glyphs that did not map to characters: replacement characters, control
// codes, private-use code points, or so few letters that it cannot be
// prose. Such text would match nothing a person types and everything a
// fuzzer does; a document reported as needing OCR is more useful.
func checkText(text string) error {
	total, bad, letters := 0, 0, 0
	for _, r := range text {
		if r < utf8.RuneSelf {
			// ASCII, the bulk of any text, classed as the unicode
			// tests below class it, without their table lookups.
			switch {
			case r == ' ' || '\t' <= r && r <= '\r':
				continue
			case r < ' ' || r == 0x7F:
				bad++
			case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
				letters++
			}
			total++
			continue
		}
		switch {
		case unicode.IsSpace(r):
			continue
		case r == unicode.ReplacementChar, unicode.IsControl(r), unicode.Is(unicode.Co, r), !unicode.IsPrint(r):
			bad++
		case unicode.IsLetter(r):
			letters++
		}
		total++
	}
	switch {
	case total < minTextRunes:
		return fmt.Errorf("%w: %d characters", ErrNoText, total)
	case bad*10 > total*2:
		return fmt.Errorf("%w: %d of %d characters unmapped", ErrNoText, bad, total)
	case letters*10 < total*4:
		return fmt.Errorf("%w: only %d of %d characters are letters", ErrNoText, letters, total)
	}
	return nil
}
