package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// HTML returns the extractor for HTML pages. It keeps the page's article,
// found by scoring paragraphs and their containers (see readable.go), and
// drops scripts, styles, navigation, comment sections and forms, share
// bars, related-post lists, banners and whatever else has the shape of
// page furniture; the title is the article's headline (htmltitle.go).
// A page without words fails with ErrEmpty. PACER docket sheets are recognised and parsed: Meta then
// has Type "docket", the case fields, parties and entries, and the page
// text holds every entry so that entries are searchable. The result is one
// page.
func HTML(opts Options) Extractor {
	max := opts.maxBytes()
	return Func(func(ctx context.Context, r io.Reader) (*Result, error) {
		data, err := readAtMost(r, max)
		if err != nil {
			return nil, fmt.Errorf("extract html: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("extract html: %w", err)
		}
		page, err := decodeHTML(data)
		if err != nil {
			return nil, fmt.Errorf("extract html: %w", err)
		}
		doc, err := html.Parse(bytes.NewReader(page))
		if err != nil {
			// The HTML5 parser accepts any input; an error here is a read
			// error from our own reader, but report it as what it would be.
			return nil, fmt.Errorf("extract html: %w: %w", ErrMalformed, err)
		}
		res := htmlResult(doc)
		if res.blank() {
			return nil, fmt.Errorf("extract html: %w", ErrEmpty)
		}
		return res, nil
	})
}

// decodeHTML returns the page as UTF-8. A byte-order mark or the NUL
// pattern of UTF-16 wins; valid UTF-8 is taken as is whatever the page
// declares, since scrapers often re-save pages as UTF-8 without fixing
// the <meta charset>; otherwise the declared or sniffed encoding is used.
// Bytes that are not text fail with ErrBinary. Valid UTF-8, nearly every
// page, is returned in place (after its byte-order mark): the parser
// only reads it, and copies what it keeps.
func decodeHTML(data []byte) ([]byte, error) {
	enc, bom := sniffEncoding(data)
	switch {
	case enc == encUTF8 && utf8.Valid(data[bom:]):
		// decodeText's checks, without its copy
		if err := binaryBytes(data[bom:]); err != nil {
			return nil, err
		}
		return data[bom:], nil
	case enc != encUTF8:
		s, err := decodeText(data)
		return []byte(s), err
	}
	if err := binaryBytes(data); err != nil {
		return nil, err
	}
	enc8, _, _ := charset.DetermineEncoding(data, "")
	out, err := enc8.NewDecoder().Bytes(data)
	if err != nil {
		return []byte(mixedToUTF8(data)), nil
	}
	return out, nil
}

// pacerPage reports whether a page is a PACER report, by the docket
// heading parseDocket looks for in its bodyText.
func pacerPage(raw string) bool {
	return districtMatch(raw) != nil || appellateMatch(raw) != nil && strings.Contains(raw, "Docket")
}

// A pageBody is the text of a page's body (of the whole page without
// one), everything rendered, with the node it is the text of.
type pageBody struct {
	text string
	root *html.Node
	// plain is set when rendering root drops nothing as chrome (no
	// form, no element isChromeElement drops is rendered): then text is
	// nodeText(root, false) as well.
	plain bool
}

// bodyText returns the pageBody of the page.
func bodyText(doc *html.Node) pageBody {
	body := find(doc, isAtom(atom.Body))
	if body == nil {
		body = doc
	}
	t := textRenderer{keepChrome: true, watchChrome: true}
	t.b.Grow(textLen(body))
	t.render(body, false)
	return pageBody{text: t.b.String(), root: body, plain: !t.keptChrome}
}

// contentText is nodeText(contentRoot(doc), false), without rendering
// the page a second time where that is the body and body.plain.
func contentText(doc *html.Node, body pageBody) string {
	root := contentRoot(doc)
	if root == body.root && body.plain {
		return body.text
	}
	return nodeText(root, false)
}

// htmlResult builds the Result of a parsed page.
func htmlResult(doc *html.Node) *Result {
	var res Result
	body := bodyText(doc) // read by both parseDocket and pacerPage
	raw := body.text
	if d, ok := parseDocket(doc, body); ok {
		res.Meta = d.meta
		res.Pages, _ = cleanPaged([]string{d.text}, cleanOptions{blankIsParagraph: true})
	} else {
		text, headings := articleContent(doc)
		if pacerPage(raw) {
			// A PACER report that is not a full docket (no entries
			// yet, a query page) is all header tables: keep them.
			text, headings = contentText(doc, body), nil
		}
		// Comments the class names did not mark still have their
		// header: "3 thoughts on “Title”".
		text = cutCommentHeader(text, htmlTitle(doc), 0)
		var stampMeta Meta
		res.Pages, stampMeta = cleanPaged([]string{text}, cleanOptions{blankIsParagraph: true})
		res.Meta.DocketNumber = stampMeta.DocketNumber
		res.Meta.DocumentNumber = stampMeta.DocumentNumber
		res.Meta.DateFiled = stampMeta.DateFiled
		if len(res.Pages) > 0 {
			res.Sections = locateSections(res.Pages[0], headings)
			if len(headings) == 0 {
				// Opinions published as HTML often set their
				// headings as bold paragraphs: "I. BACKGROUND".
				res.Sections = paragraphHeadings(res.Pages[0], true)
			}
		}
	}
	if res.Meta.Title == "" {
		res.Meta.Title = htmlTitle(doc)
	}
	res.Meta.Lang = detectLangPages(res.Pages)
	if res.Meta.Lang == "" {
		res.Meta.Lang = declaredLang(doc)
	}
	return &res
}

// contentRoot returns the element holding the page's content: its <main>,
// else its longest <article>, else its <body>, else the document.
func contentRoot(doc *html.Node) *html.Node {
	if m := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Main || attr(n, "role") == "main" }); m != nil {
		return m
	}
	var best *html.Node
	bestLen := 0
	for _, a := range findAll(doc, isAtom(atom.Article)) {
		if l := len(nodeText(a, false)); l > bestLen {
			best, bestLen = a, l
		}
	}
	if best != nil {
		return best
	}
	if b := find(doc, isAtom(atom.Body)); b != nil {
		return b
	}
	return doc
}

// normalizeInline applies the text normalisation of Clean to a one-line
// value such as a title or a party name.
func normalizeInline(s string) string {
	return collapseSpaces(strings.ReplaceAll(normalizeText(s), "\n", " "))
}

// inlineNormal is normalizeInline(inlineText(n)), the text of a docket
// page's cell or label. inlineText's words are already trimmed and one
// space apart, with no other white space, so where normalizeText would
// leave them as they are, so would the rest of normalizeInline: the
// text is returned without a second look at its spaces.
func inlineNormal(n *html.Node) string {
	s := inlineText(n)
	if normalText(s) {
		return s
	}
	return normalizeInline(s)
}

// declaredLang returns the two-letter language of <html lang>, if any.
func declaredLang(doc *html.Node) string {
	h := find(doc, isAtom(atom.Html))
	if h == nil {
		return ""
	}
	l := strings.ToLower(attr(h, "lang"))
	if len(l) >= 2 && (len(l) == 2 || l[2] == '-' || l[2] == '_') {
		switch l[:2] {
		case "en", "fr":
			return l[:2]
		}
	}
	return ""
}
