package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSections bounds the sections listed for one document: past a few
// hundred, "headings" found by shape are noise.
const maxSections = 500

// numberedHeading is a heading numbered or lettered as reports and
// opinions number them: "1. Scope", "2.1 Courts", "2.2.1 Liability",
// "IV. DISCUSSION", "B. Section 230", "Part II", "Chapter 3: Findings".
// The number may stand alone on its line, the title on the next (group
// 2 is then empty).
var numberedHeading = regexp.MustCompile(`^((?:\d{1,2}(?:\.\d{1,2}){1,3}\.?|\d{1,2}\.|[IVXL]{1,6}\.|[A-H]\.|(?i:part|chapter)\s+(?:[IVXL]{1,6}|\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b[.:]?))(?:\s+(\S.*))?$`)

// capsName is a personal name in capitals with a middle initial, as in
// counsel and clerk blocks ("MARCIA M. WALDRON"): a name, not a heading.
var capsName = regexp.MustCompile(`^\p{Lu}{2,}\s+\p{Lu}\.\s+\p{Lu}{2,}`)

// bracketed reports whether a line is a bracketed notice ("[PUBLISH]").
func bracketed(l string) bool {
	return strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]")
}

// captionLead starts the caption of a figure or table, or its source
// line, rather than a heading: "Source ILO", "Figure 3: ...", "Photo:".
var captionLead = regexp.MustCompile(`^(?i:source|sources|credit|credits|photo|photograph|image|figure|fig\.|chart|graph|table|map|illustration|note)(?:\s*:|\s+(?:\d|\p{Lu}))`)

// captionLine reports whether captionLead matches l. The pattern runs only
// on a line that begins with the first three letters of one of its words
// (or with a byte above ASCII in them, which case folding could turn into
// one: "ſ" is an s): almost every line it is asked about begins otherwise.
func captionLine(l string) bool {
	if len(l) < 4 { // the shortest match is "map:"
		return false
	}
	ascii := l[0] < utf8.RuneSelf && l[1] < utf8.RuneSelf && l[2] < utf8.RuneSelf
	if ascii && !captionStarts[string([]byte{l[0] | 0x20, l[1] | 0x20, l[2] | 0x20})] {
		return false
	}
	return captionLead.MatchString(l)
}

// captionStarts are the first three letters of captionLead's words.
var captionStarts = map[string]bool{"sou": true, "cre": true, "pho": true, "ima": true, "fig": true,
	"cha": true, "gra": true, "tab": true, "map": true, "ill": true, "not": true}

// headingTitle reports whether t, the words of a numbered heading after
// its number, read as a title: a capital first, a dozen words or so, not
// a sentence, a list item's clause or a caption party line.
func headingTitle(t string) bool {
	n := runeCount(t)
	words := strings.Fields(t)
	if n == 0 || n > 100 || len(words) > 16 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(t, "\"'“‘(«"))
	if !unicode.IsUpper(r) && r != '§' {
		return false
	}
	switch last, _ := utf8.DecodeLastRuneInString(t); last {
	case ',', ';', ':':
		return false
	case '.':
		// "A. Standard of Review." is a heading; "1. The court
		// granted the motion. It ..." is a paragraph.
		if len(words) > 10 || strings.Contains(strings.TrimSuffix(t, "."), ". ") {
			return false
		}
	}
	return true
}

// numberedLine returns the heading's title text and true when line is a
// numbered heading: the number alone, or the number and a title.
func numberedLine(line string) (title string, ok bool) {
	title, _, ok = numberedLineKind(line)
	return title, ok
}

// numberedLineKind is numberedLine, and numberKind of the line when it
// is numbered, from one match of the pattern.
func numberedLineKind(line string) (title, kind string, ok bool) {
	if !mayNumbered(line) || runeCount(line) > 110 {
		return "", "", false
	}
	m := numberedHeading.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	kind = kindOf(m)
	if m[2] == "" {
		return "", kind, true
	}
	return m[2], kind, headingTitle(m[2])
}

// mayNumbered reports whether line can match numberedHeading, by its
// first two bytes: numberedStart, then what the number goes on with (a
// digit or a period, another Roman numeral, the a of "part" or the h of
// "chapter"). Most lines of prose are ruled out here, including the
// lower-case words that begin with p or c.
func mayNumbered(line string) bool {
	return len(line) >= 2 && numberedStart(line[0]) && strings.IndexByte(".0123456789IVXLaAhH", line[1]) >= 0
}

// numberedStart reports whether c can begin a numberedHeading match: a
// digit, a Roman numeral, a letter A to H, or the p or c of "part" and
// "chapter" in either case (neither word has a letter that folds to one
// outside ASCII). Most lines begin otherwise and skip the pattern.
func numberedStart(c byte) bool {
	switch {
	case '0' <= c && c <= '9', 'A' <= c && c <= 'H':
		return true
	}
	return strings.IndexByte("IVXLpPcC", c) >= 0
}

// textSections finds headings in clean text by their shape, for formats
// that do not mark them (PDF, plain text). A heading starts a paragraph
// and is followed by text, not by more display lines; it is either
// numbered or lettered ("I. Section 230", "2.1 Courts", "B. Immunity",
// "Part II", a numeral alone on its line taking the next line as its
// title) or a short line in capitals ("BACKGROUND", "STANDARD OF
// REVIEW"). Labels that recur (a "HIGHLIGHTS" box on every page) and
// caption lines ("Source: ILO") are display text, not headings.
func textSections(pages []Page) []Section {
	var out []Section
	for _, p := range pages {
		lines := strings.SplitAfter(p.Text, "\n")
		full := fullLine(lines)
		off := 0
		for i := 0; i < len(lines) && len(out) < maxSections; i++ {
			start := off
			off += len(lines[i])
			line := strings.TrimSpace(lines[i])
			if line == "" {
				continue
			}
			starts := i == 0 || strings.TrimSpace(lines[i-1]) == ""
			next := ""
			if i+1 < len(lines) {
				next = strings.TrimSpace(lines[i+1])
			}
			prev := ""
			if i > 0 {
				prev = strings.TrimSpace(lines[i-1])
			}
			// A numbered heading follows the end of a paragraph: a blank
			// line, a sentence's end, a short last line, or a heading.
			afterBreak := starts || endsSentence(prev) || numberedOK(prev) || runeCount(prev)*10 < full*6
			if t, kind, ok := numberedLineKind(line); ok && afterBreak {
				title := line
				switch {
				case kind == numberKind(prevNonEmpty(lines[:i])) || kind == numberKind(nextNonEmpty(lines[i+1:])):
					// Items of a numbered list or a table of contents,
					// one per line, not headings between text.
					continue
				case t == "":
					// A numeral alone: the title is the next line.
					j := i + 1
					for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
						j++
					}
					nn, after := nextNonEmpty(lines[j:]), ""
					if j+1 < len(lines) {
						after = strings.TrimSpace(lines[j+1])
					}
					switch {
					case nn != "" && (headingTitle(nn) || capsHeading(nn)) && runeCount(nn) < full && !continues(after):
						title = line + " " + nn
					case kind != "part":
						// "Part II" heads a part by itself; "A." does not.
						continue
					}
				case next != "" && !numberedOK(next) && (continues(next) || runeCount(line) >= full),
					endsOpen(t):
					// The line wraps on into the next: a sentence
					// that starts with a number, not a heading.
					continue
				case kind == "letter" && line[0] != 'A' && !followsLetter(out, line[0]):
					// "F. JAMES LOPREST, JR." is a name; a lettered
					// heading continues a sequence from "A.".
					continue
				}
				out = append(out, Section{Page: p.Number, Offset: start, Title: title})
				continue
			}
			// A heading starts its paragraph; the line after it, if
			// the paragraph goes on, is text, not more capitals (an
			// address block, a caption).
			if starts && capsHeading(line) && !captionLine(line) && !capsName.MatchString(line) && !bracketed(line) && (next == "" || !capsHeading(next) && proseLine(next)) {
				if n := len(out); n > 0 && out[n-1].Page == p.Number && strings.HasSuffix(out[n-1].Title, line) {
					continue // the title of a numeral just above
				}
				out = append(out, Section{Page: p.Number, Offset: start, Title: line})
			}
		}
	}
	return dropRepeatedLabels(out, pages)
}

// numberKind names the numbering scheme and depth of a numbered line
// ("arabic 2" for "2.1"), or "" for a line that is not numbered.
func numberKind(l string) string {
	if !mayNumbered(l) {
		return ""
	}
	return kindOf(numberedHeading.FindStringSubmatch(l))
}

// kindOf is numberKind of a match of numberedHeading, nil for none.
func kindOf(m []string) string {
	switch {
	case m == nil:
		return ""
	case m[1][0] >= '0' && m[1][0] <= '9':
		return "arabic " + strconv.Itoa(strings.Count(strings.TrimSuffix(m[1], "."), ".")+1)
	case len(m[1]) == 2 && m[1][0] >= 'A' && m[1][0] <= 'H' && !strings.ContainsAny(m[1][:1], "IVXL"):
		return "letter"
	case strings.ContainsAny(m[1][:1], "IVXL") && m[1][len(m[1])-1] == '.':
		return "roman"
	}
	return "part"
}

// continues reports whether a line starts with a lower-case letter, as
// the continuation of a sentence does.
func continues(l string) bool {
	return startsLower(strings.TrimLeft(l, "\"'“‘(["))
}

// fullLine returns the length, in runes, from which a line fills the
// page's measure (nine tenths of the 80th percentile of the lengths of
// its text lines): such a line wraps on, where a heading stops short.
// It returns a length no line reaches when the page has too few lines
// to tell.
func fullLine(lines []string) int {
	var ls []int
	for _, l := range lines {
		if n := runeCount(strings.TrimSpace(l)); n >= 20 {
			ls = append(ls, n)
		}
	}
	if len(ls) < 5 {
		return 1 << 30
	}
	slices.Sort(ls)
	return ls[len(ls)*8/10] * 9 / 10
}

// followsLetter reports whether the last lettered heading found is the
// letter before c.
func followsLetter(found []Section, c byte) bool {
	for i := len(found) - 1; i >= 0; i-- {
		if t := found[i].Title; numberKind(t) == "letter" {
			return t[0] == c-1
		}
	}
	return false
}

func prevNonEmpty(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if t := strings.TrimSpace(lines[i]); t != "" {
			return t
		}
	}
	return ""
}

// endsOpen reports whether a title ends with a word that cannot end a
// heading ("... admitted to practice in the State of California and"):
// the line was cut by the page width.
func endsOpen(t string) bool {
	f := strings.Fields(t)
	if len(f) == 0 {
		return false
	}
	if strings.HasSuffix(t, "-") && !strings.HasSuffix(t, " -") {
		return true // a word hyphenated at the line's end
	}
	switch strings.ToLower(f[len(f)-1]) {
	case "and", "or", "the", "-", "a", "an", "of", "in", "to", "for", "with", "by", "on", "at", "from", "that", "which", "is", "are", "was", "were", "be":
		return true
	}
	return false
}

func numberedOK(l string) bool {
	_, ok := numberedLine(l)
	return ok
}

// proseLine reports whether a line reads as words of text: lower-case
// letters and spaces, and not an e-mail address or a link (a name over
// its contact lines in a counsel block is not a heading).
func proseLine(l string) bool {
	return bodyLine(l) && strings.Contains(l, " ") && !strings.Contains(l, "@") && !strings.Contains(l, "://")
}

// bodyLine reports whether a line reads as running text: it has
// lower-case letters and is not a caption.
func bodyLine(l string) bool {
	return strings.IndexFunc(l, unicode.IsLower) >= 0 && !captionLine(l)
}

// dropRepeatedLabels removes unnumbered headings whose line occurs more
// than once in the text: a heading names one part of a document, while
// a label repeated on every box or page ("HIGHLIGHTS", "Key facts") is
// display text.
func dropRepeatedLabels(ss []Section, pages []Page) []Section {
	if len(ss) == 0 {
		return ss
	}
	// Only the unnumbered titles' lines are counted, not every line.
	count := map[string]int{}
	numbered := make([]bool, len(ss))
	for i, s := range ss {
		if _, numbered[i] = numberedLine(s.Title); !numbered[i] {
			count[strings.ToLower(s.Title)] = 0
		}
	}
	if len(count) == 0 {
		return ss
	}
	// Lower case keeps the length of an ASCII line, so one whose length
	// no title has is passed over, and one that may match is lowered on
	// the stack; strings.ToLower, which allocates for every line with a
	// capital, lowers only a line with a byte above ASCII.
	var lengths [2]uint64 // bit n: a title of n bytes, n <= 110
	for k := range count {
		if len(k) <= 110 {
			lengths[len(k)/64] |= 1 << (len(k) % 64)
		}
	}
	var buf [110]byte
	for _, p := range pages {
		for l := range strings.SplitSeq(p.Text, "\n") {
			if l = strings.TrimSpace(l); l == "" || len(l) > 110 {
				continue
			}
			b, ascii := buf[:len(l)], true
			if lengths[len(l)/64]&(1<<(len(l)%64)) != 0 {
				for i := range len(l) {
					c := l[i]
					if c >= utf8.RuneSelf {
						ascii = false
						break
					}
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					b[i] = c
				}
			} else {
				ascii = !hasHighByte(l)
				b = nil // no title of its length
			}
			switch {
			case !ascii:
				if k := strings.ToLower(l); hasKey(count, k) {
					count[k]++
				}
			case b != nil && hasKey(count, string(b)):
				count[string(b)]++
			}
		}
	}
	out := ss[:0]
	for i, s := range ss {
		if !numbered[i] && count[strings.ToLower(s.Title)] > 1 {
			continue
		}
		out = append(out, s)
	}
	return out
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}

func nextNonEmpty(lines []string) string {
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			return t
		}
	}
	return ""
}

// capsHeading reports whether a line is a short heading in capitals: at
// most 60 characters, no lower-case letter, a word of four letters or
// more, and not ending like a caption's party line (a comma).
func capsHeading(l string) bool {
	if l == "" || strings.HasSuffix(l, ",") || strings.HasSuffix(l, ";") {
		return false
	}
	// The letters first: a line of prose has a lower-case one within a
	// few bytes, and is then no heading whatever its length, which is
	// counted last.
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
	return long && runeCount(l) <= 60
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
// (Markdown converted from a layout, where headings lost their markup):
// a paragraph of one short line that is a numbered heading ("1. Scope",
// "2.1 Courts"), or that is in title case or capitals without the
// punctuation that ends a sentence or a list item. A heading is
// followed by the text it heads: an unnumbered line followed by another
// short line (a pull quote's attribution, a logo name, a cover page's
// display lines) is not one; nor is a caption, a glossary entry or a
// label that recurs. With numberedOnly, only numbered headings count
// (web pages, whose short paragraphs are as often furniture as
// headings).
func paragraphHeadings(page Page, numberedOnly bool) []Section {
	var out []Section
	paras := strings.Split(page.Text, "\n\n")
	off := 0
	for i, p := range paras {
		start := off
		off += len(p) + 2
		if len(out) >= maxSections || i+1 == len(paras) || strings.ContainsRune(p, '\n') {
			continue
		}
		next := paras[i+1]
		if t, kind, ok := numberedLineKind(p); ok && t != "" {
			listed := kind == numberKind(next) || i > 0 && kind == numberKind(paras[i-1])
			if !listed && (bodyParagraph(next) || numberedOK(next)) {
				out = append(out, Section{Page: page.Number, Offset: start, Title: p})
			}
			continue
		}
		if !numberedOnly && titleLine(p) && !captionLine(p) && bodyParagraph(next) {
			out = append(out, Section{Page: page.Number, Offset: start, Title: p})
		}
	}
	return dropRepeatedLabels(out, []Page{page})
}

// bodyParagraph reports whether a paragraph is text a heading could
// head: a sentence or more, or several lines (a list, a table).
func bodyParagraph(p string) bool {
	return strings.ContainsRune(p, '\n') || len(strings.Fields(p)) >= 6 && bodyLine(p) && !numberedOK(p) && !titleLine(p)
}

// titleLine reports whether l is one line shaped like a heading.
func titleLine(l string) bool {
	n := runeCount(l)
	if n < 3 || n > 60 || strings.ContainsRune(l, '\n') || strings.ContainsAny(l[len(l)-1:], ".,;:!?|") || strings.ContainsAny(l, ";|@") || strings.Contains(l, "://") {
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
		if runeCount(w) >= 4 {
			long++
			if unicode.IsUpper(r) {
				capital++
			}
		}
	}
	return long > 0 && capital*5 >= long*4
}

// hasHighByte reports whether s has a byte above ASCII, eight bytes a
// step.
func hasHighByte(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load64(s, i)&highBits != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
