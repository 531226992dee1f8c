package extract

import (
	"strings"
	"testing"
)

// The cutters of web-page chrome and widgets walk the text by offsets;
// these are the plain versions over strings.Split, which they must agree
// with on every input.

func cutChromeLinesSplit(text string) string {
	lines := strings.Split(text, "\n")
	start := 0
	for i, seen := 0, 0; i < len(lines) && seen < chromeScanLines; i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		seen++
		if strings.Contains(lines[i], "\f") || !chromeLine(t) {
			break // a page break is kept with its page
		}
		start = i + 1
	}
	end := len(lines)
	for i, seen := len(lines)-1, 0; i >= start && seen < chromeScanLines; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		seen++
		if strings.Contains(lines[i], "\f") || !chromeLine(t) {
			break
		}
		end = i
	}
	if start == 0 && end == len(lines) {
		return text
	}
	body := strings.Join(lines[start:end], "\n")
	if strings.TrimSpace(body) == "" {
		return text
	}
	return strings.TrimLeft(body, "\n")
}

func cutWidgetTailSplit(text string) string {
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

func cutCommentSectionSplit(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			return cutCommentHeaderSplit(text, t, i+1)
		}
	}
	return text
}

func cutCommentHeaderSplit(text, title string, from int) string {
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

func checkWebCuts(t *testing.T, text, title string) {
	if got, want := cutChromeLines(text), cutChromeLinesSplit(text); got != want {
		t.Errorf("cutChromeLines(%q) = %q, by lines %q", text, got, want)
	}
	if got, want := cutWidgetTail(text), cutWidgetTailSplit(text); got != want {
		t.Errorf("cutWidgetTail(%q) = %q, by lines %q", text, got, want)
	}
	if got, want := cutCommentSection(text), cutCommentSectionSplit(text); got != want {
		t.Errorf("cutCommentSection(%q) = %q, by lines %q", text, got, want)
	}
	if got, want := cutCommentHeader(text, title, 0), cutCommentHeaderSplit(text, title, 0); got != want {
		t.Errorf("cutCommentHeader(%q, %q, 0) = %q, by lines %q", text, title, got, want)
	}
}

func TestWebCutsAgreeWithLines(t *testing.T) {
	widgets := "You are commenting using your Google account. Log Out\nYou are commenting using your Twitter account. Log Out\n" +
		"You are commenting using your Facebook account. Log Out\n"
	texts := []string{"", "\n", "\n\n", "x", "x\n", "Menu\n", "Menu", "Share\n\nDonate\n", "Welcome to X!\nStay informed\n\nTitle\n\nBody text.\nShare\n",
		"Home > News\n\fPage two\nDonate\n", "Title\nBody\n" + widgets, widgets, "\n" + widgets + "\n\n", "Body text here.\n\n" + widgets + "Share",
		"A Post About Things\n\nText of it.\n\n13 Responses to “A Post About Things”\n\n1. A reply.\n",
		"13 Responses to “A Post About Things”\nrest", "  \n  A Post About Things  \n\nOne thought on \"A Post About Things\"\n"}
	for _, text := range texts {
		for _, title := range []string{"", "A Post About Things", "Short"} {
			checkWebCuts(t, text, title)
		}
	}
}

func FuzzWebCuts(f *testing.F) {
	f.Add("Welcome to X!\nStay informed\n\nTitle\n\nBody text.\nShare\n", "Title of the post")
	f.Add("A Post About Things\n\n13 Responses to “A Post About Things”\n", "A Post About Things")
	f.Add(strings.Repeat("You are commenting using your X account. Log Out\n", 4), "")
	f.Fuzz(checkWebCuts)
}
