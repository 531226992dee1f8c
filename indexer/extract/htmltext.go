package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skippedTags never hold the words of a document: code, styling, forms and
// page furniture.
var skippedTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Iframe: true, atom.Svg: true, atom.Template: true, atom.Head: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Math: true,
}

// chromeWords are the parts of an id, class or role (split at "-", "_"
// and spaces) that mark page furniture: cookie banners, menus, share
// buttons, sidebars, advertising. Whole parts are matched, so "menu"
// drops class="main-menu" but not class="menuetto".
var chromeWords = map[string]bool{
	"cookie": true, "cookies": true, "consent": true, "gdpr": true,
	"nav": true, "navbar": true, "navigation": true, "menu": true, "menubar": true,
	"yuimenubar": true, "breadcrumb": true, "breadcrumbs": true,
	"share": true, "sharing": true, "social": true, "sidebar": true,
	"footer": true, "advert": true, "advertisement": true, "ad": true, "ads": true,
	"adsbygoogle": true, "banner": true, "promo": true, "newsletter": true,
	"subscribe": true, "popup": true, "modal": true, "skip": true,
	"complementary": true, "contentinfo": true, "noprint": true,
}

// blockTags end a line; paragraphTags also leave a blank line, which the
// cleaning pipeline keeps as a paragraph break.
var (
	paragraphTags = map[atom.Atom]bool{
		atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
		atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Pre: true,
		atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
		atom.Section: true, atom.Article: true, atom.Main: true, atom.Figure: true,
		atom.Hr: true, atom.Center: true,
	}
	blockTags = map[atom.Atom]bool{
		atom.Div: true, atom.Li: true, atom.Tr: true, atom.Dt: true, atom.Dd: true,
		atom.Br: true, atom.Caption: true, atom.Figcaption: true, atom.Address: true,
		atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Body: true,
	}
)

// isChromeElement reports whether an element's id, class or role marks it
// as page furniture. The containers of the content itself are never
// dropped this way, whatever their class says (class="has-sidebar" on a
// body, say).
func isChromeElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "id", "class", "role":
		default:
			continue
		}
		for _, part := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n'
		}) {
			if chromeWords[part] {
				return !containsContent(n)
			}
		}
	}
	return false
}

// containsContent reports whether n holds a main or article element: a
// wrapper with a chrome-like class ("page-with-sidebar") is kept then.
func containsContent(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Main || c.DataAtom == atom.Article) {
			return true
		}
		if containsContent(c) {
			return true
		}
	}
	return false
}

// textRenderer writes the visible text of a node tree with line and
// paragraph breaks where the block structure puts them.
type textRenderer struct {
	b strings.Builder
	// keepChrome renders elements that isChromeElement would drop, and
	// forms: docket pages wrap their entries in a form (for the document
	// checkboxes) and use bare tables whose classes mean nothing.
	keepChrome bool
	// skip, when set, replaces the tag and class rules above: the
	// article extractor decides what to leave out by its own measure.
	skip func(*html.Node) bool
	// watchChrome, with keepChrome, sets keptChrome where an element is
	// rendered that would be dropped without keepChrome: while none is,
	// the text is the same either way.
	watchChrome, keptChrome bool
	pending                 int  // newlines owed before the next text: 1 line, 2 paragraph
	space                   bool // a space is owed before the next text
}

func (t *textRenderer) newline(n int) {
	if t.b.Len() > 0 && n > t.pending {
		t.pending = n
	}
}

func (t *textRenderer) text(s string, pre bool) {
	if pre {
		t.flush()
		t.b.WriteString(s)
		return
	}
	if inner, ok := singleSpaced(s); ok {
		// The words of s and the single spaces between them, written
		// at once: what words writes word by word.
		if inner != "" {
			if s[0] == ' ' {
				t.space = true
			}
			t.flush()
			t.b.WriteString(inner)
		}
		if s != "" && s[len(s)-1] == ' ' {
			t.space = true
		}
		return
	}
	t.words(s)
}

// words writes the words of s, with a space owed between them and around
// them where s has white space.
func (t *textRenderer) words(s string) {
	i := 0
	for f := range strings.FieldsSeq(s) { // no slice of fields per text node
		if i == 0 {
			r := s[0]
			if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' {
				t.space = true
			}
		} else {
			t.space = true
		}
		i++
		t.flush()
		t.b.WriteString(f)
	}
	if n := len(s); n > 0 && strings.ContainsRune(" \n\t\r\f", rune(s[n-1])) {
		t.space = true
	}
}

// singleSpaced reports whether the only white space in s is single ASCII
// spaces, and returns s without its leading and trailing one: the words
// of s as strings.Fields cuts them, joined by one space. Most text nodes
// of a page (a paragraph, a table cell) are.
func singleSpaced(s string) (string, bool) {
	if hasDoubleSpace(s) {
		return "", false
	}
	// What is left to rule out: a control byte or a Unicode space. Eight
	// bytes that are all ASCII and none below a space hold neither.
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			w := load64(s, i)
			if w&highBits == 0 && (w-' '*lowBits)&^w&highBits == 0 {
				i += 8
				continue
			}
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return "", false
			}
			i += n
			continue
		}
		switch c {
		case '\t', '\n', '\v', '\f', '\r':
			return "", false
		}
		i++
	}
	return strings.TrimSuffix(strings.TrimPrefix(s, " "), " "), true
}

// flush writes owed breaks before new text.
func (t *textRenderer) flush() {
	switch {
	case t.pending > 0:
		for range t.pending {
			t.b.WriteByte('\n')
		}
	case t.space && t.b.Len() > 0:
		t.b.WriteByte(' ')
	}
	t.pending, t.space = 0, false
}

func (t *textRenderer) render(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		t.text(n.Data, pre)
		return
	case html.ElementNode:
		if t.skip != nil {
			if t.skip(n) {
				return
			}
		} else if skippedTags[n.DataAtom] && !(t.keepChrome && n.DataAtom == atom.Form) || (!t.keepChrome && isChromeElement(n)) || hidden(n) {
			return
		} else if t.watchChrome && !t.keptChrome && (skippedTags[n.DataAtom] || isChromeElement(n)) {
			t.keptChrome = true // rendered for keepChrome only
		}
	case html.DocumentNode:
	default:
		return
	}
	brk := 0
	switch {
	case paragraphTags[n.DataAtom]:
		brk = 2
	case blockTags[n.DataAtom]:
		brk = 1
	case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
		t.space = true
	}
	t.newline(brk)
	if n.DataAtom == atom.Img {
		// Alt text is what a screen reader says; it is part of the page.
		if alt := attr(n, "alt"); alt != "" && brk == 0 {
			t.space = true
			t.text(alt, false)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.render(c, pre || n.DataAtom == atom.Pre)
	}
	t.newline(brk)
	if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
		t.space = true
	}
}

// hidden reports whether markup hides an element from readers.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "hidden", a.Key == "aria-hidden" && a.Val == "true":
			return true
		case a.Key == "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// nodeText returns the visible text of n, with breaks.
func nodeText(n *html.Node, keepChrome bool) string {
	t := textRenderer{keepChrome: keepChrome}
	// Room for all of n's text up front (collapsed spaces leave some
	// over): a builder grown by doubling copies a page's text about twice.
	t.b.Grow(textLen(n))
	t.render(n, false)
	return t.b.String()
}

// textLen is the length of the text nodes under n.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(n.Data)
	}
	size := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		size += textLen(c)
	}
	return size
}

// inlineText returns the text of n on one line, whitespace collapsed.
func inlineText(n *html.Node) string {
	return squashSpaces(nodeText(n, true))
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// find returns the first element, in document order, for which match is
// true, or nil.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, match); f != nil {
			return f
		}
	}
	return nil
}

// findAll returns every element for which match is true, in document
// order, without descending into matches.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func isAtom(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a }
}
