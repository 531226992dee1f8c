package extract

import (
	"context"
	"fmt"
	"io"
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
		md := renderMarkdown([]byte(src))
		text, title, headings := md.text, md.title, md.headings
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
			res.Sections = paragraphHeadings(res.Pages[0], false)
		}
		if strings.TrimSpace(res.Text()) == "" {
			return nil, fmt.Errorf("extract markdown: %w", ErrEmpty)
		}
		return &res, nil
	})
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
