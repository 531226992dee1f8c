package extract

import (
	"context"
	"fmt"
	"io"
	"strings"
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
		front, body := frontMatter(src)
		md := renderMarkdown([]byte(body))
		text, title, headings := md.text, md.title, md.headings
		var res Result
		res.Pages, res.Meta = cleanPaged([]string{text}, cleanOptions{blankIsParagraph: true})
		res.Meta.Title = title
		if t := cleanTitle(front["title"]); t != "" {
			res.Meta.Title = t
		}
		if res.Meta.Title == "" {
			res.Meta.Title = firstShortLine(res.Text())
		}
		res.Meta.Lang = detectLangPages(res.Pages)
		res.Sections = locateSections(res.Pages[0], headings)
		if len(headings) == 0 {
			// Markdown converted from a PDF or a word processor often
			// keeps its headings as plain paragraphs.
			res.Sections = paragraphHeadings(res.Pages[0], false)
		}
		if res.blank() {
			return nil, fmt.Errorf("extract markdown: %w", ErrEmpty)
		}
		return &res, nil
	})
}

// frontMatter splits off the YAML front matter that static-site
// generators put at the top of Markdown files ("---", "key: value" lines,
// "---"), which CommonMark would read as a rule and a heading. It
// returns the top-level scalar values, unquoted, and the rest.
func frontMatter(src string) (map[string]string, string) {
	rest, ok := strings.CutPrefix(src, "---\n")
	if !ok {
		rest, ok = strings.CutPrefix(src, "---\r\n")
	}
	if !ok {
		return nil, src
	}
	end := -1
	for i, off := 0, 0; off < len(rest) && i < 200; i++ {
		l, _, _ := strings.Cut(rest[off:], "\n")
		if t := strings.TrimRight(l, "\r "); t == "---" || t == "..." {
			end = off
			break
		}
		off += len(l) + 1
	}
	if end < 0 {
		return nil, src
	}
	meta := map[string]string{}
	for _, l := range strings.Split(rest[:end], "\n") {
		k, v, ok := strings.Cut(strings.TrimRight(l, "\r"), ":")
		if !ok || k == "" || k[0] == ' ' || k[0] == '\t' || k[0] == '-' || k[0] == '#' {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		meta[strings.ToLower(strings.TrimSpace(k))] = v
	}
	_, after, _ := strings.Cut(rest[end:], "\n")
	return meta, after
}

// firstShortLine returns the first non-empty line short enough to be a
// title, or "".
func firstShortLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if runeCount(l) <= 120 {
			return l
		}
		return ""
	}
	return ""
}
