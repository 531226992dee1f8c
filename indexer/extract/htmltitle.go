package extract

import (
	"html"
	"regexp"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The title of a web page is its article's headline. Pages state it up
// to three times: the <title> (usually with the site's name: "Headline |
// Site", "Site - Headline"), the og:title or twitter:title meta tag
// (usually the bare headline), and an <h1> over the article. The <h1>
// that agrees with one of the others is the best, since it is what a
// reader sees; then the meta title; then the <title> without the part
// that names the site; then the first <h1>.

// titleSeparators split a <title> into the headline and the site name.
var titleSeparators = regexp.MustCompile(`\s+[|\-–—·•»:/]{1,2}\s+|\s*::\s*`)

// tagLike matches markup in a title's text: a <title> is raw text, so a
// "<script>" in it reaches us as characters, and must not become markup
// anywhere it is shown.
var tagLike = regexp.MustCompile(`</?[A-Za-z!][^<>]*>?`)

// cleanTitle turns a title candidate into one line of plain text.
func cleanTitle(s string) string {
	if strings.Contains(s, "&") {
		// Entities escaped twice in the source ("&amp;amp;") survive
		// the parser once.
		s = html.UnescapeString(s)
	}
	s = tagLike.ReplaceAllString(s, " ")
	s = strings.Map(func(r rune) rune {
		if r == '<' || r == '>' {
			return -1
		}
		return r
	}, s)
	return normalizeInline(s)
}

// metaContent returns the content of the first <meta> whose property or
// name is one of keys.
func metaContent(doc *xhtml.Node, keys ...string) string {
	for _, m := range findAll(doc, isAtom(atom.Meta)) {
		k := strings.ToLower(attr(m, "property"))
		if k == "" {
			k = strings.ToLower(attr(m, "name"))
		}
		for _, want := range keys {
			if k == want {
				if c := cleanTitle(attr(m, "content")); c != "" {
					return c
				}
			}
		}
	}
	return ""
}

// sameTitle compares two titles by their words, ignoring case and
// punctuation.
func sameTitle(a, b string) bool {
	fa, fb := titleWords(a), titleWords(b)
	return fa != "" && fa == fb
}

func titleWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}), " ")
}

// stripSiteName returns a <title> without the part naming the site: the
// part equal to og:site_name when the page gives it, else a short part
// at either end (a site name is a few words; a headline is a sentence).
func stripSiteName(title, site string) string {
	locs := titleSeparators.FindAllStringIndex(title, -1)
	if len(locs) == 0 {
		return title
	}
	var parts []string
	prev := 0
	for _, l := range locs {
		parts = append(parts, title[prev:l[0]])
		prev = l[1]
	}
	parts = append(parts, title[prev:])
	if site != "" {
		var kept []string
		for _, p := range parts {
			if !sameTitle(p, site) {
				kept = append(kept, p)
			}
		}
		if len(kept) > 0 && len(kept) < len(parts) {
			// Rejoin what is left with the separators as written.
			return strings.TrimSpace(rejoin(title, kept))
		}
	}
	// Without a site name, the site is a short part at either end and
	// the headline the rest, when the rest reads as one (three words or
	// more).
	words := func(ps []string) int { return len(strings.Fields(strings.Join(ps, " "))) }
	n := len(parts)
	if words(parts[n-1:]) <= 4 && words(parts[:n-1]) >= 3 {
		return strings.TrimSpace(rejoin(title, parts[:n-1]))
	}
	if words(parts[:1]) <= 4 && words(parts[1:]) >= 3 {
		return strings.TrimSpace(rejoin(title, parts[1:]))
	}
	return title
}

// rejoin returns the span of title from the first to the last kept part,
// so that separators inside the headline stay as they were.
func rejoin(title string, kept []string) string {
	first, last := kept[0], kept[len(kept)-1]
	i := strings.Index(title, first)
	j := strings.LastIndex(title, last)
	if i < 0 || j < i {
		return strings.Join(kept, " ")
	}
	return title[i : j+len(last)]
}

// htmlTitle returns the headline of a page (see above), or "".
func htmlTitle(doc *xhtml.Node) string {
	var docTitle string
	if t := find(doc, isAtom(atom.Title)); t != nil {
		docTitle = cleanTitle(textOf(t))
	}
	meta := metaContent(doc, "og:title", "twitter:title")
	site := metaContent(doc, "og:site_name", "application-name")
	var h1s []string
	for _, h := range findAll(doc, isAtom(atom.H1)) {
		if hidden(h) {
			continue
		}
		if s := cleanTitle(inlineText(h)); s != "" {
			h1s = append(h1s, s)
		}
	}
	stripped := ""
	if docTitle != "" {
		stripped = stripSiteName(docTitle, site)
	}
	for _, h := range h1s {
		if sameTitle(h, meta) || sameTitle(h, stripped) || sameTitle(h, docTitle) {
			return h
		}
	}
	if meta != "" {
		return stripSiteName(meta, site)
	}
	if stripped != "" {
		return stripped
	}
	if len(h1s) > 0 {
		return h1s[0]
	}
	return ""
}

// textOf returns the text under n, tags or not: the raw text of a
// <title>.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var walk func(*xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
