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

// pdftotextSlips rewrites two things pdftotext gets wrong in a reference,
// where got (our text) reads them right, so that reading them right does
// not count against us:
//   - a word set in small capitals is split at the size change: "F OR
//     THE S ECOND C IRCUIT" for "FOR THE SECOND CIRCUIT" (a capital
//     followed by capitals is joined when got has the joined word);
//   - a word in capitals drawn in two pieces with a kerning slip
//     between them is split: "BUSI NESS" for "BUSINESS" (joined when got
//     has the joined word and not the first piece);
//   - a raised footnote marker runs into the word before it:
//     "Strickland7" for "Strickland 7" (split when got has the word
//     without the figures and not with them).
//
// Nothing else changes, so every other difference still counts.
func pdftotextSlips(ref, got string) string {
	have := wordBag(got)
	toks := strings.FieldsFunc(normalizeText(ref), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var out []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && len(t) == 1 && isUpperWord(t) && len(toks[i+1]) >= 2 && isUpperWord(toks[i+1]) {
			if j := strings.ToLower(t + toks[i+1]); have[j] > 0 {
				out = append(out, t+toks[i+1])
				i++
				continue
			}
		}
		if i+1 < len(toks) && len(t) >= 2 && isUpperWord(t) && len(toks[i+1]) >= 2 && isUpperWord(toks[i+1]) {
			if j := strings.ToLower(t + toks[i+1]); have[j] > 0 && have[strings.ToLower(t)] == 0 {
				out = append(out, t+toks[i+1])
				i++
				continue
			}
		}
		if k := strings.TrimRightFunc(t, unicode.IsDigit); k != t && k != "" && !strings.ContainsFunc(k, unicode.IsDigit) &&
			have[strings.ToLower(k)] > 0 && have[strings.ToLower(t)] == 0 {
			out = append(out, k, t[len(k):])
			continue
		}
		out = append(out, t)
	}
	return strings.Join(out, " ")
}

func isUpperWord(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsUpper(r) })
}
