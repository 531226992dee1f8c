package extract

import "strings"

// The docket markers are case-insensitive patterns, which regexp cannot
// search for by a literal prefix: it steps its machine over every rune of
// the page, and on an article or a district docket that never matches,
// that is the whole page, two or three times over. Each marker holds a
// literal no case folding changes ("#:", "#", "number": no Unicode letter
// folds to an ASCII letter of "number"), so the functions below start the
// regexp a little before its first occurrence, or skip it when there is
// none. A match cannot start earlier than its literal less the marker's
// longest lead-in in bytes (markerLead: twenty runes before "#:" of up to
// three bytes each when a "k" is written as the Kelvin sign), so the
// leftmost match, and so the result, is the one over the whole text.

// markerLead bounds, in bytes, how far before its literal a marker match
// starts.
const markerLead = 64

// districtMatch is districtMarker.FindStringSubmatch(s).
func districtMatch(s string) []string {
	i := strings.Index(s, "#:")
	if i < 0 {
		return nil
	}
	return districtMarker.FindStringSubmatch(s[max(0, i-markerLead):])
}

// districtLine is districtMarker.MatchString(s).
func districtLine(s string) bool {
	i := strings.Index(s, "#:")
	return i >= 0 && districtMarker.MatchString(s[max(0, i-markerLead):])
}

// bankrMatch is bankrMarker.FindStringSubmatch(s). bankrMarker ends at its
// "#:", so each occurrence is tried in a window ending there: a district
// docket has its "DOCKET FOR CASE #:" and no other, and the pattern need
// not scan the rest of the page.
func bankrMatch(s string) []string {
	for off := 0; ; {
		i := strings.Index(s[off:], "#:")
		if i < 0 {
			return nil
		}
		end := off + i + len("#:")
		if m := bankrMarker.FindStringSubmatch(s[max(0, end-len("#:")-markerLead):end]); m != nil {
			return m
		}
		off = end
	}
}

// appellateMatch is appellateMarker.FindStringSubmatch(s): every match
// holds a "#" or "number" in any case.
func appellateMatch(s string) []string {
	i := strings.IndexByte(s, '#')
	if j := indexFoldASCII(s, "number"); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return nil
	}
	return appellateMarker.FindStringSubmatch(s[max(0, i-markerLead):])
}

// indexFoldASCII is the index of the first instance of lower, an ASCII
// lower-case word, in s with ASCII letters compared without case, or -1.
func indexFoldASCII(s, lower string) int {
	first := lower[0]
	for i := 0; i+len(lower) <= len(s); i++ {
		if s[i]|0x20 != first {
			continue
		}
		j := 1
		for j < len(lower) && s[i+j]|0x20 == lower[j] {
			j++
		}
		if j == len(lower) {
			return i
		}
	}
	return -1
}
