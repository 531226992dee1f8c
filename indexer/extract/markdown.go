package extract

import (
	"context"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Markdown returns the extractor for Markdown. It removes the markup and
// keeps the words, in the order a reader meets them, with blank lines
// between paragraphs. The first heading, or failing that the first short
// line, is the title. The result is one page.
func Markdown(opts Options) Extractor {
	max := opts.maxBytes()
	return Func(func(ctx context.Context, r io.Reader) (*Result, error) {
		data, err := readAtMost(r, max)
		if err != nil {
			return nil, fmt.Errorf("extract markdown: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("extract markdown: %w", err)
		}
		src, err := decodeText(data)
		if err != nil {
			return nil, fmt.Errorf("extract markdown: %w", err)
		}
		text, title, headings := stripMarkdown(src)
		var res Result
		res.Pages, res.Meta = cleanPaged([]string{text}, cleanOptions{blankIsParagraph: true})
		res.Meta.Title = title
		if res.Meta.Title == "" {
			res.Meta.Title = firstShortLine(res.Text())
		}
		res.Meta.Lang = DetectLang(res.Text())
		res.Sections = locateSections(res.Pages[0], headings)
		if len(headings) == 0 {
			// Markdown converted from a PDF or a word processor often
			// keeps its headings as plain paragraphs.
			res.Sections = paragraphHeadings(res.Pages[0])
		}
		if strings.TrimSpace(res.Text()) == "" {
			return nil, fmt.Errorf("extract markdown: %w", ErrNoText)
		}
		return &res, nil
	})
}

// Block-level Markdown patterns, applied to one line at a time.
var (
	mdFence      = regexp.MustCompile("^\\s{0,3}(```|~~~)")
	mdHeading    = regexp.MustCompile(`^\s{0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$`)
	mdSetext     = regexp.MustCompile(`^\s{0,3}(=+|-+)\s*$`)
	mdRule       = regexp.MustCompile(`^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$`)
	mdQuote      = regexp.MustCompile(`^\s{0,3}(?:>\s?)+`)
	mdBullet     = regexp.MustCompile(`^\s*[-*+]\s+(?:\[[ xX]\]\s+)?`)
	mdTableRule  = regexp.MustCompile(`^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$`)
	mdRefDef     = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s+\S+`)
	mdHTMLBlock  = regexp.MustCompile(`(?s)<!--.*?-->`)
	mdImage      = regexp.MustCompile(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink       = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdRefLink    = regexp.MustCompile(`\[([^\]]+)\]\[[^\]]*\]`)
	mdAutolink   = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	mdTag        = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)
	mdStrong     = regexp.MustCompile(`\*\*|__|~~`)
	mdEmStar     = regexp.MustCompile(`\*(\S(?:[^*]*?\S)?)\*`)
	mdEmUnder    = regexp.MustCompile(`(^|[^\p{L}\p{N}_])_(\S(?:[^_]*?\S)?)_([^\p{L}\p{N}_]|$)`)
	mdCode       = regexp.MustCompile("`+")
	mdEscape     = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|$<>~])`)
	mdTableCells = regexp.MustCompile(`\s*\|\s*`)
)

// escapeBase is where escaped ASCII characters are parked in the
// private-use area while inline markup is removed.
const escapeBase = 0xF0000

// stripMarkdown removes Markdown markup from text and returns the plain
// text, the first heading, and every heading in order.
func stripMarkdown(text string) (plain, title string, headings []string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = mdHTMLBlock.ReplaceAllString(text, "")
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	inFence := false
	for i, l := range lines {
		if mdFence.MatchString(l) {
			inFence = !inFence
			out = append(out, "")
			continue
		}
		if inFence {
			out = append(out, l) // code is content, but not markup
			continue
		}
		switch {
		case mdTableRule.MatchString(l) && strings.Contains(l, "|"):
			continue // a table's header rule: the rows stay together
		case mdRule.MatchString(l), mdRefDef.MatchString(l):
			out = append(out, "")
			continue
		case mdSetext.MatchString(l) && i > 0 && strings.TrimSpace(lines[i-1]) != "":
			// The line above was a heading.
			if len(out) > 0 {
				if title == "" {
					title = out[len(out)-1]
				}
				headings = append(headings, out[len(out)-1])
			}
			out = append(out, "")
			continue
		}
		if m := mdHeading.FindStringSubmatch(l); m != nil {
			h := inlineMarkdown(m[1])
			if title == "" {
				title = h
			}
			headings = append(headings, h)
			// A heading is a paragraph of its own.
			out = append(out, "", h, "")
			continue
		}
		l = mdQuote.ReplaceAllString(l, "")
		l = mdBullet.ReplaceAllString(l, "")
		if strings.Count(l, "|") >= 2 {
			l = strings.Trim(mdTableCells.ReplaceAllString(l, "  "), " ")
		}
		out = append(out, inlineMarkdown(l))
	}
	return strings.Join(out, "\n"), strings.TrimSpace(title), headings
}

// inlineMarkdown removes span-level markup from one line.
func inlineMarkdown(l string) string {
	// Escaped characters are hidden from the patterns below as private-use
	// runes, then restored: "\*" is a literal star, not emphasis.
	l = mdEscape.ReplaceAllStringFunc(l, func(m string) string { return string(rune(escapeBase + rune(m[1]))) })
	l = mdImage.ReplaceAllString(l, "$1")
	l = mdLink.ReplaceAllString(l, "$1")
	l = mdRefLink.ReplaceAllString(l, "$1")
	l = mdAutolink.ReplaceAllString(l, "$1")
	l = mdTag.ReplaceAllString(l, "")
	l = mdStrong.ReplaceAllString(l, "")
	l = mdEmStar.ReplaceAllString(l, "$1")
	l = mdEmUnder.ReplaceAllString(l, "$1$2$3")
	l = mdCode.ReplaceAllString(l, "")
	l = strings.Map(func(r rune) rune {
		if r > escapeBase && r < escapeBase+0x80 {
			return r - escapeBase
		}
		return r
	}, l)
	return html.UnescapeString(l)
}

// firstShortLine returns the first non-empty line short enough to be a
// title, or "".
func firstShortLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if utf8.RuneCountInString(l) <= 120 {
			return l
		}
		return ""
	}
	return ""
}
