package extract

import (
	"strings"
	"unicode"
)

// Text saved from a web page keeps the page's chrome around the article:
// above it a greeting banner ("Welcome to X!"), a tagline asking the
// reader to stay informed or sign up, "Skip to content", a menu, a
// breadcrumb ("Home > News > Title"), a cookie notice; below it "Share",
// "Donate", "Sign up for our newsletter", "Back to top", a copyright line.
// Such lines are short, they sit before the first line of the text that is
// not chrome (the title or first paragraph) or after the last, and each
// says one of a small set of things a site says to its visitors, which a
// court, a party or an author does not open or close a document with. So
// a line is cut only when it is short, at the very top or bottom of the
// text with only other such lines between it and the edge, and it either
// is a navigation word alone ("Menu", "Share"), a breadcrumb, or opens
// with a visitor prompt ("Welcome to", "Stay informed", "Subscribe",
// "Skip to") or names a site notice ("newsletter", "cookies", "all rights
// reserved"). A title that merely contains such a word ("Search warrants
// and ...") opens with none of the prompts and is kept.

const (
	chromeLineRunes = 100 // a longer line is prose
	chromeLineWords = 14
	chromeScanLines = 8 // non-empty lines looked at from each end
)

// cutChromeLines returns text without its leading and trailing lines of
// web-page chrome, or text unchanged when it has none (or is nothing else).
func cutChromeLines(text string) string {
	// Offsets into text, not a slice of its lines: only a few lines at
	// each end are read. start is where the first line kept begins (past
	// the end when every line is cut), end where the last one kept ends.
	start := 0
	for pos, seen := 0, 0; seen < chromeScanLines; {
		line, next := lineAt(text, pos)
		if t := strings.TrimSpace(line); t != "" {
			seen++
			if strings.Contains(line, "\f") || !chromeLine(t) {
				break // a page break is kept with its page
			}
			start = next
		}
		if next > len(text) {
			break
		}
		pos = next
	}
	end := len(text)
	for lineEnd, seen := len(text), 0; seen < chromeScanLines; {
		line, begin := lineBefore(text, lineEnd)
		if begin < start {
			break
		}
		if t := strings.TrimSpace(line); t != "" {
			seen++
			if strings.Contains(line, "\f") || !chromeLine(t) {
				break
			}
			end = begin - 1 // the line and the newline before it go
		}
		if begin == 0 {
			break
		}
		lineEnd = begin - 1
	}
	if start == 0 && end == len(text) {
		return text
	}
	if start > end {
		return text // nothing but chrome: keep it all
	}
	body := text[start:end]
	if strings.TrimSpace(body) == "" {
		return text
	}
	return strings.TrimLeft(body, "\n")
}

// lineAt returns the line of text that starts at pos, without its
// newline, and where the next line starts: len(text)+1 past the last.
func lineAt(text string, pos int) (line string, next int) {
	if i := strings.IndexByte(text[pos:], '\n'); i >= 0 {
		return text[pos : pos+i], pos + i + 1
	}
	return text[pos:], len(text) + 1
}

// lineBefore returns the line of text that ends at end (at a newline or
// the end of text) and where it begins.
func lineBefore(text string, end int) (line string, begin int) {
	begin = strings.LastIndexByte(text[:end], '\n') + 1
	return text[begin:end], begin
}

// chromeLine reports whether a trimmed line is a line of web-page chrome.
func chromeLine(t string) bool {
	if runeCount(t) > chromeLineRunes {
		return false
	}
	words := strings.Fields(t)
	if len(words) > chromeLineWords {
		return false
	}
	if breadcrumb(words) {
		return true
	}
	low := strings.ToLower(t)
	bare := strings.TrimRightFunc(low, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	for _, w := range chromeLabels {
		if bare == w {
			return true
		}
	}
	if len(words) >= 2 && allLabels(words) {
		return true // a bar of buttons: "Facebook Twitter Email Print"
	}
	for _, p := range chromePrompts {
		if strings.HasPrefix(low, p) && (len(low) == len(p) || !isLetterByte(low[len(p)])) {
			return true
		}
	}
	for _, n := range chromeNotices {
		if strings.Contains(low, n) {
			return true
		}
	}
	return false
}

// chromeLabels are navigation labels and buttons, chrome when alone on a line.
var chromeLabels = []string{
	"menu", "main menu", "navigation", "toggle navigation", "search", "close", "home", "share", "share this",
	"tweet", "email", "print", "donate", "subscribe", "log in", "login", "sign in", "sign up", "register",
	"related", "related posts", "related articles", "related stories", "advertisement", "take action",
	"read more", "learn more", "back to top", "top", "next", "previous", "facebook", "twitter", "linkedin",
	"instagram", "youtube", "whatsapp", "reddit", "pinterest", "like this:", "loading...",
}

// chromePrompts open a line a site addresses to its visitor.
var chromePrompts = []string{
	"welcome to", "stay informed", "stay connected", "stay up to date", "stay in touch", "sign up", "signup",
	"subscribe", "join our", "join us", "donate", "give now", "give today", "get involved", "follow us",
	"share this", "share on", "share:", "skip to", "jump to", "back to top", "return to top", "you are here",
	"we use cookies", "this site uses cookies", "this website uses cookies", "accept all", "accept cookies",
	"read more", "learn more", "take action", "tags:", "posted in", "filed under", "copyright ©", "© ",
	"sign in", "log in to", "create an account", "make a gift", "click here to", "get email updates",
	"get updates", "search for:", "search this site", "categories:", "category:", "you may also like",
	"you might also like", "recommended for you", "read next", "more stories", "listen to this article",
}

// chromeNotices are site notices wherever they are in a short line.
var chromeNotices = []string{
	"our newsletter", "email newsletter", "newsletter sign", "cookie policy", "use of cookies", "all rights reserved", "privacy policy", "terms of use",
	"terms of service", "javascript is disabled", "enable javascript",
}

// allLabels reports whether every word of a line is a navigation label
// or a share button.
func allLabels(words []string) bool {
	for _, w := range words {
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }))
		switch w {
		case "", "facebook", "twitter", "x", "linkedin", "email", "e-mail", "print", "share", "tweet", "pinterest",
			"reddit", "whatsapp", "instagram", "youtube", "menu", "search", "home", "donate", "subscribe", "login":
		default:
			return false
		}
	}
	return true
}

// breadcrumb reports whether the words are a trail of links ("Home > News
// > Title", "Home / About"): items between separators, starting at the
// home page.
func breadcrumb(words []string) bool {
	if len(words) < 3 || !strings.EqualFold(words[0], "home") {
		return false
	}
	seps := 0
	for _, w := range words[1:] {
		switch w {
		case ">", "›", "»", "/", "|", "→", ">>":
			seps++
		}
	}
	return seps >= 1
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
