package extract

import (
	"strings"
)

// Text saved from a web page ends, as often as not, with the page's
// widgets: a comment form ("Leave a Reply", one "You are commenting using
// your X account" line per login service), share buttons, "N bloggers
// like this". They are recognised by shape, not by their words: a run of
// short lines at the very end of the text, several of which repeat one
// template (the same first words, one line per service or button).
// Prose does not repeat itself line after line, and a signature block or
// a service list is not a run of templated lines.

const (
	widgetLineMax  = 80 // runes: longer lines are prose
	widgetBlockMax = 40 // non-empty lines: a longer run of short lines is hard-wrapped text
	templateWords  = 4  // words a templated line shares with its siblings
	templateRepeat = 3  // lines that must share them
)

// cutWidgetTail returns text without a trailing block of templated widget
// lines, or text unchanged when it has none.
func cutWidgetTail(text string) string {
	lines := strings.Split(text, "\n")
	start, nonEmpty := len(lines), 0
	for i := len(lines) - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			start = i
			continue
		}
		if runeCount(t) > widgetLineMax {
			break
		}
		nonEmpty++
		if nonEmpty > widgetBlockMax {
			return text
		}
		start = i
	}
	if nonEmpty < templateRepeat || start == 0 {
		return text
	}
	count := map[string]int{}
	best := 0
	for _, l := range lines[start:] {
		f := strings.Fields(strings.ToLower(l))
		if len(f) <= templateWords {
			continue
		}
		k := strings.Join(f[:templateWords], " ")
		count[k]++
		best = max(best, count[k])
	}
	if best < templateRepeat {
		return text
	}
	return strings.TrimRight(strings.Join(lines[:start], "\n"), "\n ") + "\n"
}

// cutCommentSection returns text up to the header of its comment section,
// or text unchanged. Blogs head their comments with a count and the
// post's own title in quotes ("13 Responses to “Title”", "One thought on
// "Title""); a line of that shape, naming the title the text opens with,
// ends the post.
func cutCommentSection(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			return cutCommentHeader(text, t, i+1)
		}
	}
	return text
}

// cutCommentHeader cuts text at the first line, from line from on, that
// starts with a count and quotes title.
func cutCommentHeader(text, title string, from int) string {
	if n := runeCount(title); n > 150 || len(strings.Fields(title)) < 3 {
		return text
	}
	lines := strings.Split(text, "\n")
	quoted := []string{"“" + title + "”", "\"" + title + "\"", "‘" + title + "’"}
	for i := from; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" || runeCount(l) > 250 || !countWord(l) {
			continue
		}
		for _, q := range quoted {
			if strings.Contains(l, q) {
				return strings.TrimRight(strings.Join(lines[:i], "\n"), "\n ") + "\n"
			}
		}
	}
	return text
}

// countWord reports whether a line starts with a count: digits or a
// number word.
func countWord(l string) bool {
	w, _, _ := strings.Cut(l, " ")
	if w == "" {
		return false
	}
	if strings.Trim(w, "0123456789") == "" {
		return true
	}
	switch strings.ToLower(w) {
	case "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "no":
		return true
	}
	return false
}
