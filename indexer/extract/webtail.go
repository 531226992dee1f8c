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
	// The block is found from the end, line by line, without splitting
	// the whole text. start is where its first line begins.
	start, nonEmpty := len(text)+1, 0
	for lineEnd := len(text); ; {
		line, begin := lineBefore(text, lineEnd)
		t := strings.TrimSpace(line)
		if t != "" {
			if runeCount(t) > widgetLineMax {
				break
			}
			nonEmpty++
			if nonEmpty > widgetBlockMax {
				return text
			}
		}
		start = begin
		if begin == 0 {
			break
		}
		lineEnd = begin - 1
	}
	if nonEmpty < templateRepeat || start == 0 {
		return text
	}
	count := map[string]int{}
	best := 0
	for l := range strings.SplitSeq(text[start:], "\n") {
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
	return strings.TrimRight(text[:start-1], "\n ") + "\n"
}

// cutCommentSection returns text up to the header of its comment section,
// or text unchanged. Blogs head their comments with a count and the
// post's own title in quotes ("13 Responses to “Title”", "One thought on
// "Title""); a line of that shape, naming the title the text opens with,
// ends the post.
func cutCommentSection(text string) string {
	for pos := 0; pos <= len(text); {
		line, next := lineAt(text, pos)
		if t := strings.TrimSpace(line); t != "" {
			return cutCommentHeader(text, t, next)
		}
		pos = next
	}
	return text
}

// cutCommentHeader cuts text at the first line, from the line that starts
// at offset from on, that starts with a count and quotes title.
func cutCommentHeader(text, title string, from int) string {
	if n := runeCount(title); n > 150 || len(strings.Fields(title)) < 3 {
		return text
	}
	if !strings.Contains(text[min(from, len(text)):], title) {
		// No line from there quotes the title: most texts, whose title
		// comes once, are not walked line by line.
		return text
	}
	quoted := []string{"“" + title + "”", "\"" + title + "\"", "‘" + title + "’"}
	for pos := from; pos <= len(text); {
		line, next := lineAt(text, pos)
		l := strings.TrimSpace(line)
		if l != "" && runeCount(l) <= 250 && countWord(l) {
			for _, q := range quoted {
				if strings.Contains(l, q) {
					// The lines before this one, without its newline.
					return strings.TrimRight(text[:max(pos-1, 0)], "\n ") + "\n"
				}
			}
		}
		pos = next
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
