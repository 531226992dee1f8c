package extract

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// Text returns the extractor for plain text. Valid UTF-8 is taken as is;
// anything else is read as Windows-1252, the encoding of text saved by
// Windows tools and a superset of the printable Latin-1 range, so a stray
// "é" from an old file survives instead of becoming U+FFFD. Form feeds
// separate pages; without them, court page stamps do (see CleanPages).
func Text(opts Options) Extractor {
	max := opts.maxBytes()
	return Func(func(ctx context.Context, r io.Reader) (*Result, error) {
		data, err := readAtMost(r, max)
		if err != nil {
			return nil, fmt.Errorf("extract text: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("extract text: %w", err)
		}
		text, err := decodeText(data)
		if err != nil {
			return nil, fmt.Errorf("extract text: %w", err)
		}
		// The chrome above the title goes first, so that the comment
		// section is found by the title; cutting the comment section and
		// widgets may bare more chrome at the end.
		text = cutChromeLines(cutCommentSection(cutWidgetTail(cutChromeLines(text))))
		res := textResult(text)
		if res.blank() {
			return nil, fmt.Errorf("extract text: %w", ErrEmpty)
		}
		return res, nil
	})
}

// textResult cleans decoded text into a Result, splitting pages on form
// feeds when there are any.
func textResult(text string) *Result {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var res Result
	if strings.Contains(text, "\f") {
		res.Pages, res.Meta = cleanPaged(strings.Split(text, "\f"), cleanOptions{})
	} else {
		res.Pages, res.Meta = CleanPages(text)
	}
	res.Meta.Lang = detectLangPages(res.Pages)
	res.Sections = textSections(res.Pages)
	return &res
}
