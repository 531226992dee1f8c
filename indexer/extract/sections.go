package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSections bounds the sections listed for one document: past a few
// hundred, "headings" found by shape are noise.
const maxSections = 500

// romanHeading is a heading numbered in roman numerals: "I. Section 230",
// "IV. DISCUSSION". The numeral may stand alone on its line.
var romanHeading = regexp.MustCompile(`^(?:[IVX]{1,5})\.(?:\s+(\S.*))?$`)

// textSections finds headings in clean text by their shape, for formats
// that do not mark them (PDF, plain text): a short line in capitals that
// starts a paragraph and is followed by ordinary text or nothing
// ("BACKGROUND", "STANDARD OF REVIEW"), or a
// roman-numeral heading ("I. Section 230"). A numeral alone on its line
// takes the next line as its title.
func textSections(pages []Page) []Section {
	var out []Section
	for _, p := range pages {
		lines := strings.SplitAfter(p.Text, "\n")
		off := 0
		for i := 0; i < len(lines) && len(out) < maxSections; i++ {
			start := off
			off += len(lines[i])
			line := strings.TrimSpace(lines[i])
			if m := romanHeading.FindStringSubmatch(line); m != nil && utf8.RuneCountInString(line) <= 80 {
				title := line
				if m[1] == "" {
					next := nextNonEmpty(lines[i+1:])
					if next == "" || !headingShaped(next) && utf8.RuneCountInString(next) > 80 {
						continue
					}
					title = line + " " + next
				}
				out = append(out, Section{Page: p.Number, Offset: start, Title: title})
				continue
			}
			// A heading starts its paragraph; the line after it, if
			// the paragraph goes on, is text, not more capitals (an
			// address block, a caption).
			starts := i == 0 || strings.TrimSpace(lines[i-1]) == ""
			next := ""
			if i+1 < len(lines) {
				next = strings.TrimSpace(lines[i+1])
			}
			if starts && capsHeading(line) && (next == "" || !capsHeading(next) && strings.IndexFunc(next, unicode.IsLower) >= 0) {
				if n := len(out); n > 0 && out[n-1].Page == p.Number && strings.HasSuffix(out[n-1].Title, line) {
					continue // the title of a numeral just above
				}
				out = append(out, Section{Page: p.Number, Offset: start, Title: line})
			}
		}
	}
	return out
}

func nextNonEmpty(lines []string) string {
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			return t
		}
	}
	return ""
}

// headingShaped reports whether a line reads like a heading's title.
func headingShaped(l string) bool {
	return capsHeading(l) || utf8.RuneCountInString(l) <= 80 && !strings.HasSuffix(l, ",")
}

// capsHeading reports whether a line is a short heading in capitals: at
// most 60 characters, no lower-case letter, a word of four letters or
// more, and not ending like a caption's party line (a comma).
func capsHeading(l string) bool {
	if l == "" || utf8.RuneCountInString(l) > 60 || strings.HasSuffix(l, ",") || strings.HasSuffix(l, ";") {
		return false
	}
	run, long := 0, false
	for _, r := range l {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			run++
			if run >= 4 {
				long = true
			}
		default:
			run = 0
		}
	}
	return long
}

// locateSections finds titles, in order, in the text of one-page results
// (Markdown, HTML), and returns them as sections of that page. A title
// is looked for at the start of a line after the previous one; titles
// not found (markup the cleaning removed) are left out.
func locateSections(page Page, titles []string) []Section {
	var out []Section
	from := 0
	for _, t := range titles {
		t = normalizeInline(t)
		if t == "" || len(out) >= maxSections {
			continue
		}
		for i := from; i <= len(page.Text); {
			j := strings.Index(page.Text[i:], t)
			if j < 0 {
				break
			}
			at := i + j
			if at == 0 || page.Text[at-1] == '\n' {
				out = append(out, Section{Page: page.Number, Offset: at, Title: t})
				from = at + len(t)
				break
			}
			i = at + 1
		}
	}
	return out
}

// paragraphHeadings finds headings in text whose paragraphs are known
// (Markdown converted from a layout, where headings lost their markup): a
// paragraph of one short line, in title case or capitals, without the
// punctuation that ends a sentence or a list item, followed by more text.
func paragraphHeadings(page Page) []Section {
	var out []Section
	paras := strings.Split(page.Text, "\n\n")
	off := 0
	for i, p := range paras {
		start := off
		off += len(p) + 2
		if len(out) >= maxSections || i+1 == len(paras) || !titleLine(p) {
			continue
		}
		out = append(out, Section{Page: page.Number, Offset: start, Title: p})
	}
	return out
}

// titleLine reports whether l is one line shaped like a heading.
func titleLine(l string) bool {
	n := utf8.RuneCountInString(l)
	if n < 3 || n > 60 || strings.ContainsRune(l, '\n') || strings.ContainsAny(l[len(l)-1:], ".,;:!?|") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(l); !unicode.IsUpper(r) {
		return false
	}
	if first, _, _ := strings.Cut(l, " "); strings.HasSuffix(first, ":") {
		return false // a glossary entry ("ICT: Information and ..."), not a heading
	}
	long, capital := 0, 0
	for _, w := range strings.Fields(l) {
		r, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) >= 4 {
			long++
			if unicode.IsUpper(r) {
				capital++
			}
		}
	}
	return long > 0 && capital*5 >= long*4
}
