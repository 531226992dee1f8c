package extract

import (
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
	var counts [len(langs)]int
	total := 0
	for start := 0; start < len(text); {
		// the next run of letters, as strings.FieldsFunc would cut it
		r, n := utf8.DecodeRuneInString(text[start:])
		if !unicode.IsLetter(r) {
			start += n
			continue
		}
		end := start + n
		for end < len(text) {
			r, n := utf8.DecodeRuneInString(text[end:])
			if !unicode.IsLetter(r) {
				break
			}
			end += n
		}
		w := text[start:end]
		start = end
		// Lower case shrinks a letter to at most a third of its bytes
		// (the Kelvin sign is k), so a longer word is no stop word.
		if len(w) > 3*maxStopWord {
			continue
		}
		if hasUpper(w) {
			w = strings.ToLower(w)
		}
		if bits := stopWordLangs[w]; bits != 0 {
			for i := range langs {
				if bits&(1<<i) != 0 {
					counts[i]++
					total++
				}
			}
		}
	}
	if total < minLangHits {
		return ""
	}
	best, bestN := "", 0
	for i, lang := range langs { // fixed order: ties are deterministic
		if counts[i] > bestN {
			best, bestN = lang, counts[i]
		}
	}
	return best
}

// langs are the languages of stopWords, in the order DetectLang breaks
// ties.
var langs = [...]string{"en", "fr"}

// stopWordLangs maps each stop word to the languages it is one of, bit i
// for langs[i]; maxStopWord is the length of the longest, in bytes.
var stopWordLangs, maxStopWord = func() (map[string]uint8, int) {
	m, longest := map[string]uint8{}, 0
	for i, lang := range langs {
		for w := range stopWords[lang] {
			m[w] |= 1 << i
			longest = max(longest, len(w))
		}
	}
	return m, longest
}()

// hasUpper reports whether w may change in lower case: an ASCII capital or
// any byte outside ASCII.
func hasUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
