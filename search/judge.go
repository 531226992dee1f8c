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
	if s := entity.SuggestValues(typed, 3, values); len(s) > 0 {
		msg += "; closest known: " + strings.Join(s, ", ")
	}
	return nil, errors.New(msg)
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
