package extract

import (
	"strings"
	"unicode"
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
	counts := map[string]int{}
	total := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		w = strings.ToLower(w)
		for lang, sw := range stopWords {
			if sw[w] {
				counts[lang]++
				total++
			}
		}
	}
	if total < minLangHits {
		return ""
	}
	best, bestN := "", 0
	for _, lang := range []string{"en", "fr"} { // fixed order: ties are deterministic
		if counts[lang] > bestN {
			best, bestN = lang, counts[lang]
		}
	}
	return best
}
