package extract

import "unicode/utf8"

// runeCount is utf8.RuneCountInString, which steps one byte at a time:
// this counts a leading ASCII run eight bytes per step first. Line widths
// are measured several times over every line of a document, almost all of
// it ASCII.
func runeCount(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&0x8080808080808080 != 0 {
			break
		}
	}
	return i + utf8.RuneCountInString(s[i:])
}
