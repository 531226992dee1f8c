package search

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"
	"unicode/utf8"

	"lexsearch/corpus"
)

// textWidth is the width WriteText fits its lines to.
const textWidth = 100

// WriteText writes a result as plain text for a terminal: a summary line,
// each hit with its metadata and snippets (matches in «guillemets», each
// with its page), then the facet counts. The API's format=text and the
// command line's search print exactly this.
func WriteText(w io.Writer, req Request, res *Result) error {
	bw := bufio.NewWriter(w)
	noun := "documents"
	if res.Total == 1 {
		noun = "document"
	}
	fmt.Fprintf(bw, "%d %s match", res.Total, noun)
	if req.Q != "" {
		fmt.Fprintf(bw, " %q", req.Q)
	}
	if f := describeFilters(req); f != "" {
		fmt.Fprintf(bw, " (%s)", f)
	}
	first := (res.Page-1)*res.Size + 1
	if len(res.Hits) > 0 {
		fmt.Fprintf(bw, "; showing %d-%d", first, first+len(res.Hits)-1)
	}
	fmt.Fprintf(bw, " [%.1f ms]\n", res.TookMS)

	for i, h := range res.Hits {
		fmt.Fprintf(bw, "\n%d. %s\n", first+i, h.Title)
		var meta []string
		meta = append(meta, h.Type)
		if h.Court != nil {
			meta = append(meta, h.Court.Name)
		}
		for _, s := range []string{h.Docket, h.Date} {
			if s != "" {
				meta = append(meta, s)
			}
		}
		meta = append(meta, h.Source, "id "+h.ID)
		writeWrapped(bw, "   ", strings.Join(meta, " · "))
		if len(h.Statutes) > 0 {
			writeWrapped(bw, "   ", "cites "+strings.Join(h.Statutes, "; "))
		}
		for _, s := range h.Snippets {
			where := fmt.Sprintf("p. %d", s.Page)
			if s.Section != "" {
				where += ", " + s.Section
			}
			writeWrapped(bw, "   ", where+": "+PlainSnippet(s.Text, "«", "»"))
		}
	}

	wroteHeading := false
	for _, name := range corpus.Facets {
		buckets := res.Facets[name]
		if len(buckets) == 0 {
			continue
		}
		if !wroteHeading {
			fmt.Fprintf(bw, "\nFacets\n")
			wroteHeading = true
		}
		parts := make([]string, len(buckets))
		for i, b := range buckets {
			label := b.Value
			if b.Name != "" && b.Name != b.Value {
				label = fmt.Sprintf("%s %s", b.Value, b.Name)
			}
			parts[i] = fmt.Sprintf("%s (%d)", label, b.Count)
		}
		writeWrapped(bw, "  ", fmt.Sprintf("%-9s %s", name+":", strings.Join(parts, " · ")))
	}
	return bw.Flush()
}

// describeFilters renders the request's filters as "court: ilnd; type: opinion".
func describeFilters(req Request) string {
	var parts []string
	for _, f := range []struct {
		name   string
		values []string
	}{
		{"statute", req.Statutes}, {"court", req.Courts}, {"party", req.Parties}, {"judge", req.Judges},
		{"type", req.Types}, {"lang", req.Langs}, {"year", req.Years},
	} {
		if len(f.values) > 0 {
			parts = append(parts, f.name+": "+strings.Join(f.values, " or "))
		}
	}
	if req.From != "" {
		parts = append(parts, "from "+req.From)
	}
	if req.To != "" {
		parts = append(parts, "to "+req.To)
	}
	return strings.Join(parts, "; ")
}

// PlainSnippet turns a snippet's HTML into text, each marked match
// between open and close (« and » in text output, nothing in feeds).
func PlainSnippet(s, open, close string) string {
	s = strings.NewReplacer("<mark>", open, "</mark>", close).Replace(s)
	return html.UnescapeString(s)
}

// writeWrapped writes s word-wrapped to textWidth, every line indented.
func writeWrapped(w io.Writer, indent, s string) {
	line := indent
	for _, word := range strings.Fields(s) {
		if utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > textWidth && strings.TrimSpace(line) != "" {
			fmt.Fprintln(w, line)
			line = indent + "  "
		}
		if strings.TrimSpace(line) != "" {
			line += " "
		}
		line += word
	}
	fmt.Fprintln(w, line)
}
