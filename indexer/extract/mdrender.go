package extract

import (
	"bytes"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
)

// Markdown is parsed by goldmark, a CommonMark parser, with the GFM table
// and strikethrough extensions and footnotes, and its tree is rendered to
// plain text here: the words a reader sees, in order, with headings and
// paragraphs separated by blank lines, list items and table rows on lines
// of their own, link and image text without their targets, and footnote
// definitions kept (a footnote is often where a report cites its cases
// and statutes), even those no marker refers to.

// footnoteKeeper records every footnote definition before goldmark's
// footnote transformer drops the unreferenced ones and reorders the rest.
type footnoteKeeper struct {
	notes []*east.Footnote
}

func (k *footnoteKeeper) Transform(doc *gast.Document, _ text.Reader, _ parser.Context) {
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if fn, ok := n.(*east.Footnote); ok && entering {
			k.notes = append(k.notes, fn)
			return gast.WalkSkipChildren, nil
		}
		return gast.WalkContinue, nil
	})
}

// mdText is the plain text of a Markdown document.
type mdText struct {
	text     string
	title    string   // the first heading
	headings []string // every heading, in order
}

// renderMarkdown parses src and returns its plain text.
func renderMarkdown(src []byte) mdText {
	keeper := &footnoteKeeper{}
	// Transformers run in ascending priority: the keeper (0) runs
	// before the footnote extension's (999).
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(keeper, 0))),
	)
	doc := md.Parser().Parse(text.NewReader(src))
	r := mdRenderer{src: src}
	r.block(doc)
	for _, fn := range keeper.notes {
		r.para()
		r.b.WriteString("[" + string(fn.Ref) + "] ")
		r.listItem(fn)
		r.para()
	}
	out := mdText{text: strings.Trim(r.b.String(), "\n"), headings: r.headings}
	if len(r.headings) > 0 {
		out.title = r.headings[0]
	}
	return out
}

type mdRenderer struct {
	src      []byte
	b        strings.Builder
	headings []string
}

// para ends the current paragraph with a blank line.
func (r *mdRenderer) para() {
	s := r.b.String()
	switch {
	case s == "", strings.HasSuffix(s, "\n\n"):
	case strings.HasSuffix(s, "\n"):
		r.b.WriteByte('\n')
	default:
		r.b.WriteString("\n\n")
	}
}

// line ends the current line.
func (r *mdRenderer) line() {
	if s := r.b.String(); s != "" && !strings.HasSuffix(s, "\n") {
		r.b.WriteByte('\n')
	}
}

func (r *mdRenderer) children(n gast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.block(c)
	}
}

// block renders a block node and what it holds.
func (r *mdRenderer) block(n gast.Node) {
	switch n := n.(type) {
	case *gast.Document:
		r.children(n)
	case *gast.Heading:
		r.para()
		start := r.b.Len()
		r.inlines(n, false)
		h := strings.TrimSpace(r.b.String()[start:])
		if h != "" {
			r.headings = append(r.headings, normalizeInline(h))
		}
		r.para()
	case *gast.Paragraph:
		r.para()
		r.inlines(n, false)
		r.para()
	case *gast.TextBlock: // a tight list item's text
		r.line()
		r.inlines(n, false)
		r.line()
	case *gast.List:
		r.para()
		i := n.Start
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.line()
			if n.IsOrdered() {
				// The number is part of what the reader sees, and of
				// numbered headings written as list items ("1. Scope").
				r.b.WriteString(strconv.Itoa(i) + string(n.Marker) + " ")
				i++
			}
			r.listItem(c)
		}
		r.para()
	case *gast.Blockquote:
		r.para()
		r.children(n)
		r.para()
	case *gast.FencedCodeBlock, *gast.CodeBlock:
		r.para()
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			r.b.Write(seg.Value(r.src))
		}
		r.para()
	case *gast.HTMLBlock:
		var raw bytes.Buffer
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			raw.Write(seg.Value(r.src))
		}
		if n.HasClosure() {
			raw.Write(n.ClosureLine.Value(r.src))
		}
		if t := htmlFragmentText(raw.String()); t != "" {
			r.para()
			r.b.WriteString(t)
			r.para()
		}
	case *gast.ThematicBreak:
		r.para()
	case *east.Table:
		r.para()
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.line()
			for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
				if cell != c.FirstChild() {
					r.b.WriteString("  ")
				}
				r.inlines(cell, false)
			}
			r.line()
		}
		r.para()
	case *east.FootnoteList, *east.Footnote:
		// Rendered at the end, every definition, by renderMarkdown.
	default:
		if n.Type() == gast.TypeInline {
			r.inline(n, false)
			return
		}
		r.children(n)
	}
}

// listItem renders one item's blocks: a tight item's text stays on its
// line; further paragraphs follow on lines of their own.
func (r *mdRenderer) listItem(item gast.Node) {
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if c == item.FirstChild() {
			switch c.(type) {
			case *gast.TextBlock, *gast.Paragraph:
				r.inlines(c, false)
				r.line()
				continue
			}
		}
		r.block(c)
	}
}

func (r *mdRenderer) inlines(n gast.Node, code bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(c, code)
	}
}

// inline renders an inline node: text and the text of links, images
// and emphasis; raw HTML tags and link targets leave nothing.
func (r *mdRenderer) inline(n gast.Node, code bool) {
	switch n := n.(type) {
	case *gast.Text:
		v := n.Segment.Value(r.src)
		if code || n.IsRaw() {
			r.b.Write(v)
		} else {
			r.b.WriteString(unescapeMarkdown(v))
		}
		switch {
		case n.HardLineBreak(), n.SoftLineBreak():
			r.b.WriteByte('\n')
		}
	case *gast.String:
		if code || n.IsRaw() || n.IsCode() {
			r.b.Write(n.Value)
		} else {
			r.b.WriteString(unescapeMarkdown(n.Value))
		}
	case *gast.CodeSpan:
		r.inlines(n, true)
	case *gast.AutoLink:
		r.b.Write(n.Label(r.src))
	case *gast.RawHTML:
		// An inline tag; <br> is a line break, the rest carry no words.
		var raw bytes.Buffer
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			raw.Write(seg.Value(r.src))
		}
		if t := strings.ToLower(raw.String()); strings.HasPrefix(t, "<br") {
			r.b.WriteByte(' ')
		}
	case *east.FootnoteLink, *east.FootnoteBacklink:
		// The marker is a superscript: the definition carries the words.
	default:
		r.inlines(n, code)
	}
}

// unescapeMarkdown resolves backslash escapes and character references
// in a run of Markdown text.
func unescapeMarkdown(v []byte) string {
	if bytes.IndexByte(v, '\\') >= 0 {
		var b []byte
		for i := 0; i < len(v); i++ {
			if v[i] == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]) {
				i++
			}
			b = append(b, v[i])
		}
		v = b
	}
	return html.UnescapeString(string(v))
}

// htmlFragmentText returns the visible text of a block of HTML in a
// Markdown file, on as many lines as its blocks make.
func htmlFragmentText(s string) string {
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), nil)
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, n := range nodes {
		b.WriteString(nodeText(n, false))
	}
	return strings.TrimSpace(b.String())
}
