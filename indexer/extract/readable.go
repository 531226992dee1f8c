package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Main-content extraction for web pages (news, blogs, NGO sites).
//
// A page's article is where its prose is: many paragraphs of running text
// with few links, under one common ancestor. Page furniture has other
// shapes: navigation and related-story lists are mostly links, comment
// sections and sign-up boxes are forms and short lines, share bars are
// buttons and icons. So the extractor
//
//  1. measures every element once: its visible text, the part of that
//     text inside links, its paragraphs;
//  2. scores each paragraph by its length and punctuation (prose has
//     commas and sentences; menus do not) and credits the score to the
//     paragraph's ancestors, most to the nearest; an ancestor's own
//     shape adjusts it (an <article> is likelier the content than a
//     <form>; a class naming comments or sharing makes it less likely);
//  3. takes the best-scoring element, discounted by its link density, as
//     the content, together with those of its siblings that score like
//     it or read like prose (articles split into several blocks);
//  4. renders that content, pruning inside it whatever has the shape of
//     furniture: link lists, forms, elements whose class or role names
//     them as comments, shares, related posts and the like, and blocks
//     with more links or controls than text.

// elemStats is what the extractor measures of one element.
type elemStats struct {
	text   int // runes of visible text, whitespace collapsed
	link   int // runes of that text inside <a>
	commas int
	paras  int // <p> elements inside
	inputs int // form controls inside
	lis    int
	imgs   int
}

// readability holds the measurements and scores of one page.
type readability struct {
	stats map[*html.Node]*elemStats
	score map[*html.Node]float64 // paragraph score credited to a container
	mass  map[*html.Node]float64 // undecayed paragraph score of all descendants
}

// candidateScore is a container's paragraph score adjusted by its shape:
// the tag and class prior counts at most as much as the text does, so a
// well-named wrapper of a byline does not beat a plainly named body.
func (r *readability) candidateScore(n *html.Node) float64 {
	s := r.score[n]
	prior := max(-s, min(s, tagWeight(n)+classWeight(n)))
	return (s + prior) * (1 - r.linkDensity(n))
}

// alwaysDropped never holds article text in a rendered page.
var alwaysDropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Iframe: true, atom.Svg: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Math: true, atom.Label: true,
	atom.Option: true,
}

// contentHints and furnitureHints are parts of class and id values
// (split at non-letters) that say what an element is for. They are the
// vocabulary of common CMS themes, not of any one site.
var (
	contentHints = hintSet("article", "articlebody", "body", "content", "entry",
		"main", "post", "story", "text", "blog", "prose", "richtext", "copy")
	furnitureHints = hintSet("comment", "comments", "commentlist", "respond", "reply",
		"disqus", "share", "sharing", "sharedaddy", "social", "sidebar", "widget",
		"related", "recommended", "recirculation", "recirc", "outbrain", "taboola",
		"promo", "sponsor", "sponsored", "advert", "advertisement", "ad", "ads",
		"banner", "cookie", "cookies", "consent", "gdpr", "newsletter", "subscribe",
		"subscription", "signup", "popup", "modal", "nav", "navbar", "navigation",
		"menu", "breadcrumb", "breadcrumbs", "footer", "masthead", "header",
		"byline", "author", "meta", "tags", "tag", "pagination", "pager", "skip",
		"donate", "donation", "trending", "popular", "toolbar", "tools", "print",
		"noprint", "hidden", "caption", "credit", "login", "paywall", "teaser",
		"complementary", "contentinfo", "dateline", "timestamp", "utility", "jump")
)

// roleHints are the furniture hints that name what an element is for
// (comments, sharing, navigation), as opposed to what it is about or
// how it looks ("tag-fosta" on a post, "meta", "header"): a block of
// prose is pruned for a role, never for a label.
var roleHints = hintSet("comment", "comments", "commentlist", "respond", "reply",
	"disqus", "share", "sharing", "sharedaddy", "social", "sidebar", "widget",
	"related", "recommended", "recirculation", "recirc", "outbrain", "taboola",
	"sponsor", "sponsored", "advert", "advertisement", "cookie", "cookies",
	"consent", "gdpr", "newsletter", "subscribe", "subscription", "signup",
	"popup", "modal", "nav", "navbar", "navigation", "menu", "breadcrumb",
	"breadcrumbs", "footer", "pagination", "pager", "donate", "donation",
	"paywall", "complementary", "contentinfo")

// roleFurniture reports whether an element's names give it a furniture
// role.
func roleFurniture(n *html.Node) bool {
	for _, w := range hintWords(n) {
		if roleHints[w] || hasLongHint(w, roleHints) {
			return true
		}
	}
	return false
}

// proseHeavy reports whether an element holds a body of prose: several
// paragraphs, hundreds of characters, few links.
func proseHeavy(s *elemStats, linkDensity float64) bool {
	return s.paras >= 3 && s.text >= 500 && linkDensity < 0.25
}

func hintSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// hintWords splits an element's id, class and role into lower-case words.
func hintWords(n *html.Node) []string {
	var out []string
	for _, a := range n.Attr {
		switch a.Key {
		case "id", "class", "role", "itemprop":
		default:
			continue
		}
		out = append(out, strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return r < 'a' || r > 'z'
		})...)
	}
	return out
}

// hasLongHint reports whether w, a run-together name ("newscaption",
// "postcontent"), holds a hint of six letters or more; shorter hints
// ("ad", "nav") only count as whole words.
func hasLongHint(w string, hints map[string]bool) bool {
	for h := range hints {
		if len(h) >= 6 && len(w) > len(h) && strings.Contains(w, h) {
			return true
		}
	}
	return false
}

// classWeight is +25 when an element's names say content and -25 when
// they say furniture (furniture wins a tie: "post-comments").
func classWeight(n *html.Node) float64 {
	furniture, content := false, false
	for _, w := range hintWords(n) {
		switch {
		case furnitureHints[w] || hasLongHint(w, furnitureHints):
			furniture = true
		case contentHints[w] || hasLongHint(w, contentHints):
			content = true
		}
	}
	switch {
	case furniture && (content || !roleFurniture(n)):
		// A label ("tag-news", "meta") or a mixed name
		// ("post-header"): weak evidence either way.
		return -10
	case furniture:
		return -25
	case content:
		return 25
	}
	return 0
}

// tagWeight is the prior of an element as a content container.
func tagWeight(n *html.Node) float64 {
	switch n.DataAtom {
	case atom.Article, atom.Main:
		return 10
	case atom.Div, atom.Section:
		return 5
	case atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Form, atom.Ul, atom.Ol, atom.Dl, atom.Address, atom.Li:
		return -3
	case atom.Nav, atom.Aside, atom.Footer, atom.Header:
		return -20
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

// invisible reports whether n is never rendered.
func invisible(n *html.Node) bool {
	return n.Type == html.ElementNode && (alwaysDropped[n.DataAtom] || hidden(n)) ||
		n.Type == html.CommentNode || n.Type == html.DoctypeNode
}

// measure fills r.stats for n and its descendants and returns n's stats.
func (r *readability) measure(n *html.Node) *elemStats {
	s := &elemStats{}
	if invisible(n) {
		r.stats[n] = s
		return s
	}
	if n.Type == html.TextNode {
		for f := range strings.FieldsSeq(n.Data) {
			s.text += runeCount(f) + 1
			s.commas += strings.Count(f, ",") + strings.Count(f, "，")
		}
		return s
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := r.measure(c)
		s.text += cs.text
		s.link += cs.link
		s.commas += cs.commas
		s.paras += cs.paras
		s.inputs += cs.inputs
		s.lis += cs.lis
		s.imgs += cs.imgs
	}
	switch n.DataAtom {
	case atom.A:
		s.link = s.text
	case atom.P:
		s.paras++
	case atom.Input, atom.Textarea, atom.Select, atom.Button:
		s.inputs++
	case atom.Li:
		s.lis++
	case atom.Img:
		s.imgs++
	}
	if n.Type == html.ElementNode {
		r.stats[n] = s
	}
	return s
}

func (r *readability) linkDensity(n *html.Node) float64 {
	s := r.stats[n]
	if s == nil || s.text == 0 {
		return 0
	}
	return float64(s.link) / float64(s.text)
}

// isParagraph reports whether n is a unit of running text to score: a
// <p>, <pre>, <td> or <blockquote>, or a <div> or <section> holding text
// but no block element (sites that write paragraphs as divs).
func isParagraph(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Td, atom.Blockquote:
		return true
	case atom.Div, atom.Section, atom.Span:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (paragraphTags[c.DataAtom] || blockTags[c.DataAtom] && c.DataAtom != atom.Br) {
				return false
			}
		}
		return n.DataAtom != atom.Span || n.Parent != nil && n.Parent.DataAtom != atom.P
	}
	return false
}

// scoreParagraphs credits each paragraph's score to its ancestors.
func (r *readability) scoreParagraphs(root *html.Node) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode || invisible(n) {
			return
		}
		if n.Type == html.ElementNode && isParagraph(n) {
			r.scoreParagraph(n)
			if n.DataAtom != atom.Td && n.DataAtom != atom.Blockquote && n.DataAtom != atom.Div && n.DataAtom != atom.Section {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	r.sumMass(root)
}

// sumMass adds to each element the mass of its descendants.
func (r *readability) sumMass(n *html.Node) float64 {
	total := r.mass[n]
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			total += r.sumMass(c)
		}
	}
	if total != 0 {
		r.mass[n] = total
	}
	return total
}

func (r *readability) scoreParagraph(p *html.Node) {
	s := r.stats[p]
	if s == nil || s.text < 25 {
		return
	}
	score := 1 + float64(s.commas) + min(float64(s.text)/100, 3)
	score *= 1 - r.linkDensity(p)
	// The parent's mass; sumMass carries it to the other ancestors in
	// one pass, so deep nesting costs no more than the page's size.
	r.mass[p.Parent] += score
	level := 0
	for a := p.Parent; a != nil && a.Type == html.ElementNode && level < 5; a = a.Parent {
		switch level {
		case 0:
			r.score[a] += score
		case 1:
			r.score[a] += score / 2
		default:
			r.score[a] += score / float64(level*3)
		}
		level++
	}
}

// climbGain is how much more prose a parent must hold than the best
// container for the article to be taken as the parent.
const climbGain = 1.5

// articleNodes returns the elements holding the article, in document
// order, or nil when the page has no paragraph to score.
func (r *readability) articleNodes() []*html.Node {
	var top *html.Node
	best := 0.0
	for n := range r.score {
		if n.DataAtom == atom.Body || n.DataAtom == atom.Html {
			continue
		}
		adj := r.candidateScore(n)
		if top == nil || adj > best || adj == best && before(n, top) {
			top, best = n, adj
		}
	}
	if top == nil {
		return nil
	}
	// An article split into blocks (a lead, text blocks between
	// embeds) has its best block inside a container that holds the
	// rest: climb while the parent adds a good share of prose without
	// adding links.
	// Wrappers that add nothing are passed through, up to a few levels.
	for p, up := top.Parent, 0; p != nil && p.Type == html.ElementNode && p.DataAtom != atom.Body && up < 4; p, up = p.Parent, up+1 {
		if r.linkDensity(p) > 0.25 || classWeight(p) < 0 {
			break
		}
		if r.mass[p] >= r.mass[top]*climbGain {
			top, up = p, 0
		}
	}
	parent := top.Parent
	if parent == nil {
		return []*html.Node{top}
	}
	threshold := max(10, best*0.2)
	topHints := attr(top, "class")
	var out []*html.Node
	for c := parent.FirstChild; c != nil; c = c.NextSibling {
		if c == top {
			out = append(out, c)
			continue
		}
		if c.Type != html.ElementNode || invisible(c) {
			continue
		}
		bonus := 0.0
		if topHints != "" && attr(c, "class") == topHints {
			bonus = best * 0.2
		}
		if _, ok := r.score[c]; ok && r.candidateScore(c)+bonus >= threshold && classWeight(c) >= 0 {
			out = append(out, c)
			continue
		}
		// Prose beside the best block: a paragraph, or a block of
		// paragraphs (a lead), with few links.
		if st := r.stats[c]; (isParagraph(c) || st.paras > 0) && classWeight(c) >= 0 && tagWeight(c) > -20 {
			ld := r.linkDensity(c)
			if st.text > 80 && ld < 0.25 || st.text > 0 && ld == 0 && endsSentence(strings.TrimSpace(inlineText(c))) {
				out = append(out, c)
			}
		}
	}
	return out
}

// before reports whether a precedes b in document order (ties between
// equal scores go to the earlier element, so the result is stable).
func before(a, b *html.Node) bool {
	pos := func(n *html.Node) []int {
		var p []int
		for ; n.Parent != nil; n = n.Parent {
			i := 0
			for c := n.Parent.FirstChild; c != n; c = c.NextSibling {
				i++
			}
			p = append(p, i)
		}
		return p
	}
	pa, pb := pos(a), pos(b)
	for i, j := len(pa)-1, len(pb)-1; i >= 0 && j >= 0; i, j = i-1, j-1 {
		if pa[i] != pb[j] {
			return pa[i] < pb[j]
		}
	}
	return len(pa) < len(pb)
}

// furniture reports whether an element inside the article is page
// furniture to leave out of its text.
func (r *readability) furniture(n *html.Node, keep map[*html.Node]bool) bool {
	if keep[n] {
		return false
	}
	switch n.DataAtom {
	case atom.Nav, atom.Aside, atom.Form, atom.Footer, atom.Header, atom.Dialog, atom.Menu,
		atom.Figcaption, atom.Img, atom.Picture, atom.Video, atom.Audio:
		// Photo captions and credits are not the article's text.
		return true
	case atom.Div, atom.Section, atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Span,
		atom.Figure, atom.Li, atom.P, atom.Article, atom.Center, atom.Font:
	default:
		return false
	}
	s := r.stats[n]
	if s == nil {
		return false
	}
	w := classWeight(n)
	if w < 0 && (roleFurniture(n) || !proseHeavy(s, r.linkDensity(n))) {
		return true
	}
	if s.text == 0 {
		return false
	}
	ld := r.linkDensity(n)
	switch {
	case ld > 0.5 && (n.DataAtom != atom.P || s.text < 200 || ld > 0.7):
		return true // a list of links: menus, related stories, tags
	case ld > 0.25 && w <= 0 && s.paras == 0 && s.text < 500:
		return true
	case s.inputs > 0 && s.inputs*3 > s.paras+1 && s.text < 1000:
		return true // a form: search, sign-up, comment
	}
	return false
}

// renderArticle writes the text of the article nodes, leaving out the
// furniture inside them, and returns it with the article's headings
// (h1 to h3) in order.
func (r *readability) renderArticle(nodes []*html.Node) (string, []string) {
	keep := make(map[*html.Node]bool, len(nodes))
	for _, n := range nodes {
		keep[n] = true
	}
	var headings []string
	t := textRenderer{keepChrome: true, skip: func(n *html.Node) bool {
		if invisible(n) || r.furniture(n, keep) {
			return true
		}
		if isHeading(n) {
			headings = append(headings, inlineText(n))
		}
		return false
	}}
	for _, n := range nodes {
		t.newline(2)
		t.render(n, false)
	}
	return t.b.String(), headings
}

func isHeading(n *html.Node) bool {
	return n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3
}

// articleContent returns the main text of a page and its headings: the
// article when one is found, else the page's content root.
func articleContent(doc *html.Node) (string, []string) {
	r := readability{stats: map[*html.Node]*elemStats{}, score: map[*html.Node]float64{}, mass: map[*html.Node]float64{}}
	r.measure(doc)
	r.scoreParagraphs(doc)
	if nodes := r.articleNodes(); len(nodes) > 0 {
		if s, h := r.renderArticle(nodes); strings.TrimSpace(s) != "" {
			return s, h
		}
	}
	root := contentRoot(doc)
	var headings []string
	for _, h := range findAll(root, isHeading) {
		headings = append(headings, inlineText(h))
	}
	return nodeText(root, false), headings
}
