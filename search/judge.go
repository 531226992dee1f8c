package search

import (
	"errors"
	"fmt"
	"strings"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
)

// resolveJudge maps a judge filter value as a person types it to the
// indexed judge values it names: the name itself whatever its case and
// punctuation and with or without a title ("Judge Wood", "Hon. Andrea R.
// Wood"), and every judge whose surname it ends with and whose other
// names it gives in order, an initial standing for a name ("Wood" is
// Andrea R. Wood and a panel's Wood; "A. Wood" only the first). A value
// that names none is an error that names the closest values, as for
// parties.
func (ix *Index) resolveJudge(value string) ([]string, error) {
	values, err := ix.fieldValues(corpus.FieldJudges)
	if err != nil {
		return nil, err
	}
	typed := entity.NormalizeJudge(value)
	if typed == "" {
		typed = value
	}
	want, canon := fold(value), fold(typed)
	words := judgeWords(typed)
	var found []string
	for _, v := range values {
		if f := fold(v); f == want || f == canon || judgeNames(words, judgeWords(v)) {
			found = append(found, v)
		}
	}
	if len(found) > 0 {
		return found, nil
	}
	msg := fmt.Sprintf("%q is not a judge of any document", value)
	if s := suggestJudges(typed, words, values); len(s) > 0 {
		msg += "; closest known: " + strings.Join(s, ", ")
	}
	return nil, errors.New(msg)
}

// suggestJudges names up to three judges closest to a name typed: by
// surname when only a surname was typed ("Woods" is closest to Andrea R.
// Wood, not to a short full name such as "John Moody"), else by the whole
// name.
func suggestJudges(typed string, words []string, values []string) []string {
	const n = 3
	if len(words) != 1 {
		return entity.SuggestValues(typed, n, values)
	}
	bySurname := map[string][]string{}
	var surnames []string
	for _, v := range values {
		w := judgeWords(v)
		if len(w) == 0 {
			continue
		}
		last := w[len(w)-1]
		if _, ok := bySurname[last]; !ok {
			surnames = append(surnames, last)
		}
		bySurname[last] = append(bySurname[last], v)
	}
	var out []string
	for _, s := range entity.SuggestValues(words[0], n, surnames) {
		for _, v := range bySurname[s] {
			if len(out) < n {
				out = append(out, v)
			}
		}
	}
	return out
}

// judgeWords are the words of a name, folded, without generational
// suffixes ("Jr.", "III"), which nobody types to find a judge.
func judgeWords(name string) []string {
	var out []string
	for _, w := range strings.Fields(name) {
		f := fold(w)
		switch f {
		case "", "jr", "sr", "ii", "iii", "iv":
			continue
		}
		out = append(out, f)
	}
	return out
}

// judgeNames reports whether the typed words name a judge whose name has
// the words of name: the last typed word is the surname (the last word
// of name), and the others are names of the judge in order, a single
// letter standing for any name it starts.
func judgeNames(typed, name []string) bool {
	if len(typed) == 0 || len(name) == 0 || typed[len(typed)-1] != name[len(name)-1] {
		return false
	}
	j := 0
	for _, w := range typed[:len(typed)-1] {
		for j < len(name)-1 && !(name[j] == w || len(w) == 1 && strings.HasPrefix(name[j], w)) {
			j++
		}
		if j == len(name)-1 {
			return false
		}
		j++
	}
	return true
}
