package extract

import (
	"strings"
	"unicode"
)

// wordF1 is the F1 score of the word multisets of got and want: how much
// of the reference's words extraction found, and how much it added.
// Words are lower-cased runs of letters and digits, NFKC-normalised, so
// the score measures words, not punctuation or layout.
func wordF1(got, want string) float64 {
	g, w := wordBag(got), wordBag(want)
	common, ng, nw := 0, 0, 0
	for word, n := range g {
		ng += n
		common += min(n, w[word])
	}
	for _, n := range w {
		nw += n
	}
	if ng == 0 || nw == 0 {
		return 0
	}
	p, r := float64(common)/float64(ng), float64(common)/float64(nw)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func wordBag(s string) map[string]int {
	bag := map[string]int{}
	s = normalizeText(s)
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		bag[strings.ToLower(f)]++
	}
	return bag
}
