package entity

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Citations returns the tagger for case citations: volume, reporter and
// first page ("519 F.3d 666", "425 F. Supp. 3d 959", "2021 WL 5795306"),
// for every reporter and variant spelling of reporters-db, in the citation
// forms reporters-db gives for each (nominative "19 Tenn. (Meigs) 456",
// year-included "5 Law Rep. (1842) 321", paragraph "CCH OSHD ¶ 33123", ...).
// White space inside a citation may be any run of spaces, no-break spaces
// and line breaks ("519 F.\n3d 666", "200 U. S. 321"); a stray period
// after a series ("F. Supp. 2d.") is forgiven, and so are periods left
// out ("So 3d", "L. Ed 2d", "FRD") when the spelling without periods is
// of one reporter only and still looks like an abbreviation (see
// looseShape); a page not yet known
// ("576 U.S. ___") is kept blank. A spelling that several editions share
// is settled by their years of publication, the exact spelling and the
// parenthetical's court (see choose); one that cannot be settled is not
// tagged.
//
// Norm is "519 F.3d 666": volume, the edition as reporters-db names it, and
// first page. Cite carries the rest: the pinpoint page, the court and year
// of the parenthetical ("(7th Cir. 2008)" -> ca7, 2008), and the case name
// written before the citation ("Doe v. GTE Corp.").
//
// Short forms are tagged when they can be linked to a full citation
// earlier in the text, and take its Norm: "550 U.S. at 545" (same volume
// and reporter), "Id." and "Id. at 1175" (the citation just before), and
// "Twombly, supra" (the citation whose case name holds the word).
func Citations() Tagger {
	return citationTagger{reporterRulesOnce(), citationRulesOnce()}
}

var citationRulesOnce = sync.OnceValue(func() *citationRules {
	months := `(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?`
	r := &citationRules{
		idAt:     guide{needles: []string{"id."}, after: 30, need: needShortID},
		supraAt:  guide{needles: []string{"supra"}, before: 80, after: 30},
		id:       mustCompile(`\b(?:Id\.|id\.(?:\s*,?\s*at))(?:\s*,?\s*at\s+(\*{0,2}\d+))?`),
		supra:    mustCompile(`\b([A-Z][A-Za-z'’&-]+(?:\s+[A-Z][A-Za-z'’&.-]+)?),?\s+supra\b(?:,?\s+at\s+(\*{0,2}\d+))?`),
		short:    mustCompile(`^,?\s+at\s+(\*{0,2}\d+)`),
		blank:    mustCompile(`^\s+(?:_{2,}|-{3,}|—+)`),
		volume:   mustCompile(`(\d{1,4})\s+$`),
		pin:      mustCompile(`^,?\s*(?:at\s+)?(\*{0,2}\d+)(?:\s*[-–]\s*\d+)?(?:\s*(?:n|nn)\.\s*\d+)?`),
		paren:    mustCompile(`^\s*\(([^()\n]{0,80})\)`),
		parenEnd: mustCompile(`(?:^|\s|,)(?:` + months + `\s+\d{1,2},?\s*)?((?:1[6-9]|20)\d\d)\s*$`),
	}
	// the second party's name, bounded to 120 runes, is read unbounded first (relaxed)
	r.name = &relaxed{bounded: mustCompile(namePattern(`[^;()“”"]{1,120}?`, `[^;()“”"]{1,120}?`)),
		fast: mustCompile(namePattern(`([^;()“”"]+?)`, `([^;()“”"]+?)`)), find: caseNameMatch, runes: []int{2: 120, 3: 120}, groups: []int{1}}
	r.guides = guidesOf(r.idAt, r.supraAt)
	return r
})

// namePattern is the case name before a citation, with vTail and
// reTail for the second party's name in "A v. B" and the name in "In re
// B".
func namePattern(vTail, reTail string) string {
	return `(?:^|[^A-Za-z])((?:[A-Z][\w'’.&,-]*|of|the|and|for|ex|rel\.|de|la|du|von|van|&)(?:\s+(?:[A-Z0-9][\w'’.&,-]*|of|the|and|for|ex|rel\.|de|la|du|von|van|&))*?\s+(?:v\.?|vs\.)\s+` +
		vTail + `|(?:In\s+re|Matter\s+of|In\s+the\s+Matter\s+of|Ex\s+parte)\s+` + reTail + `),\s*$`
}

type citationRules struct {
	idAt, supraAt guide
	guides        *guides
	// 1 pin
	id *regexp.Regexp
	// 1 case name word, 2 pin
	supra *regexp.Regexp
	// after a reporter: 1 pin of a short form
	short *regexp.Regexp
	// after a reporter: a blank page
	blank *regexp.Regexp
	// before a reporter: 1 volume
	volume *regexp.Regexp
	// after a citation: 1 pinpoint page (read by pinAt)
	pin *regexp.Regexp
	// 1 what the parenthetical says (read by parenAt)
	paren *regexp.Regexp
	// the end of a parenthetical: 1 year (read by parenYear)
	parenEnd *regexp.Regexp
	// 1 a case name ending just before a citation
	name *relaxed
}

type citationTagger struct {
	rep *reporterRules
	r   *citationRules
}

// citeWindowBefore and citeWindowAfter bound the text a citation pattern
// sees around a reporter: a volume (a year at most) before it; a page,
// and a parenthetical year in the year-included form, after it.
const (
	citeWindowBefore = 24
	citeWindowAfter  = 48
)

// Tag implements Tagger.
func (t citationTagger) Tag(text string) []Mention {
	if !shortForms(text) {
		return t.tagScan(&scan{text: text}) // no needles to look for
	}
	return t.tagScan(t.r.guides.scan(text, lowerASCII(text)))
}

func (t citationTagger) needles() *guides { return t.r.guides }

// shortForms reports whether text may hold a short form that needs the
// lower-cased text to find: "Id." or "supra".
func shortForms(text string) bool {
	return strings.Contains(text, "d.") || strings.Contains(text, "supra")
}

func (t citationTagger) tagScan(sc *scan) []Mention {
	text := sc.text
	spans := t.findFull(text, sc.keyStarts())
	if sc.hits != nil {
		for _, m := range t.r.idAt.find(sc, t.r.id) {
			c := &Cite{Short: true}
			if m[2] >= 0 {
				c.Pin = text[m[2]:m[3]]
			}
			spans = append(spans, span{start: m[0], end: m[1], rank: 1, data: c, role: "id"})
		}
		for _, m := range t.r.supraAt.find(sc, t.r.supra) {
			start := m[0]
			if w, rest, ok := strings.Cut(text[m[2]:m[3]], " "); ok && isSignal(w) {
				start = m[3] - len(strings.TrimLeft(rest, " \t\n"))
			}
			c := &Cite{Short: true, CaseName: text[start:m[3]]}
			if m[4] >= 0 {
				c.Pin = text[m[4]:m[5]]
			}
			spans = append(spans, span{start: start, end: m[1], rank: 1, data: c, role: "supra"})
		}
	}
	spans = dropOverlaps(spans)
	t.details(text, spans)
	for k := range spans {
		if s := &spans[k]; len(s.alts) > 0 {
			t.choose(text, s)
		}
	}

	out := make([]Mention, 0, len(spans))
	full := map[string]string{} // "550 U.S." -> "550 U.S. 544"
	var names []int             // indexes in out of full citations with a case name, for supra
	prev := ""                  // norm of the last citation, for Id.
	for i := range spans {
		s := &spans[i]
		c := s.data.(*Cite)
		norm := s.norm
		switch {
		case s.role == "id":
			// "Id." repeats the last authority cited, which may be the
			// record ("(TAC ¶ 16, Dkt. No. 62.) ... (Id.)") rather than a
			// case: then it is not a case citation.
			norm = prev
			if len(out) == 0 || recordCite(text[out[len(out)-1].End:min(len(text), s.end+8)]) || s.start-out[len(out)-1].End > 3000 {
				norm = ""
			}
		case s.role == "supra":
			norm = ""
			for j := len(names) - 1; j >= 0 && norm == ""; j-- {
				if f := out[names[j]]; nameRefers(c.CaseName, f.Cite.CaseName) {
					norm = f.Norm
					c.Volume, c.Reporter, c.Page, c.CaseName = f.Cite.Volume, f.Cite.Reporter, f.Cite.Page, f.Cite.CaseName
					break
				}
			}
		case c.Short:
			norm = full[c.Volume+" "+c.Reporter]
			if norm != "" {
				_, page, _ := strings.Cut(norm[len(c.Volume)+1+len(c.Reporter):], " ")
				c.Page = page
			}
		default:
			full[c.Volume+" "+c.Reporter] = norm
		}
		if norm == "" {
			continue // a short form with nothing to refer to
		}
		if c.Reporter == "" {
			for j := len(out) - 1; j >= 0; j-- {
				if out[j].Norm == norm {
					c.Volume, c.Reporter, c.Page, c.CaseName = out[j].Cite.Volume, out[j].Cite.Reporter, out[j].Cite.Page, out[j].Cite.CaseName
					break
				}
			}
		}
		prev = norm
		m := newMention(Citation, text, s.start, s.end, norm, "")
		m.Cite = c
		out = append(out, m)
		if !c.Short && c.CaseName != "" {
			names = append(names, len(out)-1)
		}
	}
	return out
}

// findFull finds volume-reporter-page citations and "550 U.S. at 545"
// short forms: it looks up reporters at each word start and tries their
// citation templates in a window around each. starts holds (at least)
// every offset rep.starts finds, in order (see keyStarts).
func (t citationTagger) findFull(text string, starts []int32) []span {
	rep := t.rep
	var spans []span
	next := 0 // where the last citation found ends
	for _, i32 := range starts {
		i := int(i32)
		if i < next || !rep.starts.is(text, i) {
			continue
		}
		hits := rep.trie.match(text, i)
		s, ok := t.fullAt(text, i, hits)
		if !ok && volumeBefore(text, i) {
			var buf [4]trieHit
			s, ok = t.fullAt(text, i, t.looseHits(buf[:0], text, i, hits))
		}
		if ok {
			spans = append(spans, s)
			next = s.end
		}
	}
	return spans
}

// fullAt tries the reporter spellings hits found at i, longest first,
// and returns the first citation one of them reads.
func (t citationTagger) fullAt(text string, i int, hits []trieHit) (span, bool) {
	for _, h := range hits {
		if h.end < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[h.end:]); unicode.IsLetter(r) {
				continue
			}
		}
		if !digitWithin(text, h.end, 24) && !t.rep.special(h) && !strings.HasPrefix(strings.TrimLeft(text[h.end:min(len(text), h.end+8)], " \t\n"), "__") {
			continue // every standard citation has a page number after the reporter
		}
		if s, ok := t.shortForm(text, i, h); ok {
			return s, true
		}
		if s, ok := t.tryTemplates(text, i, h); ok {
			return s, true
		}
		if s, ok := t.blankPage(text, i, h); ok {
			return s, true
		}
	}
	return span{}, false
}

// looseHits returns the spellings with periods left out ("So 3d", "FRD")
// found at i that the exact spellings (exact) did not find, and that look
// like abbreviations (see looseShape), appended to buf.
func (t citationTagger) looseHits(buf []trieHit, text string, i int, exact []trieHit) []trieHit {
	hits := t.rep.loose.matchAppend(buf, text, i)
	return slices.DeleteFunc(hits, func(h trieHit) bool {
		return slices.ContainsFunc(exact, func(x trieHit) bool { return x.end == h.end }) || !looseShape(text[i:h.end])
	})
}

// volumeBefore reports whether a number and white space come just
// before i, as a volume before its reporter.
func volumeBefore(text string, i int) bool {
	j := i
	for j > 0 && isSpace(text[j-1]) {
		j--
	}
	return j < i && j > 0 && isDigit(text[j-1])
}

// digitWithin reports whether a digit follows i within n bytes.
func digitWithin(text string, i, n int) bool {
	for j := i; j < len(text) && j < i+n; j++ {
		if isDigit(text[j]) {
			return true
		}
	}
	return false
}

// shortForm reads "550 U.S. at 545": a volume, the reporter, "at" and a
// page. Its norm is filled in later from the full citation.
func (t citationTagger) shortForm(text string, i int, h trieHit) (span, bool) {
	m := shortAt(text[h.end:min(len(text), h.end+24)]) // t.r.short
	if m == nil {
		return span{}, false
	}
	v := t.r.volume.FindStringSubmatchIndex(text[max(0, i-8):i])
	if v == nil {
		return span{}, false
	}
	off := max(0, i-8)
	vs := off + v[2]
	if vs > 0 && isWordByte(text[vs-1]) {
		return span{}, false
	}
	ed := t.rep.table.Editions[h.eds[0]].Edition
	c := &Cite{Volume: trimZeros(text[vs : off+v[3]]), Reporter: ed, Pin: text[h.end+m[2] : h.end+m[3]], Short: true}
	return span{start: vs, end: h.end + m[1], data: c}, true
}

// blankPage reads a citation to an opinion not yet paginated in its
// reporter, the page left blank: "576 U.S. ___". Its norm keeps the blank.
func (t citationTagger) blankPage(text string, i int, h trieHit) (span, bool) {
	m := blankAt(text[h.end:min(len(text), h.end+24)]) // t.r.blank
	if m == nil {
		return span{}, false
	}
	v := t.r.volume.FindStringSubmatchIndex(text[max(0, i-8):i])
	if v == nil {
		return span{}, false
	}
	off := max(0, i-8)
	vs := off + v[2]
	if vs > 0 && isWordByte(text[vs-1]) {
		return span{}, false
	}
	e := t.rep.table.Editions[h.eds[0]]
	vol := trimZeros(text[vs : off+v[3]])
	c := &Cite{Volume: vol, Reporter: e.Edition}
	return span{start: vs, end: h.end + m[1], norm: citeNorm(vol, e.Edition, blankPageNorm), data: c, alts: h.eds, spelled: text[i:h.end]}, true
}

// blankPageNorm stands for the page of "576 U.S. ___" in its norm.
const blankPageNorm = "___"

// tryTemplates runs the citation templates of the editions spelt
// text[i:h.end] in a window where the spelling is replaced by the slot.
func (t citationTagger) tryTemplates(text string, i int, h trieHit) (span, bool) {
	rep := t.rep
	ws := max(0, i-citeWindowBefore)
	for ws < i && !utf8.RuneStart(text[ws]) {
		ws++
	}
	we := min(len(text), h.end+citeWindowAfter)
	for we < len(text) && !utf8.RuneStart(text[we]) {
		we++
	}
	// "127 S. Ct.1955": a PDF may lose the space between a reporter that
	// ends with a period and the page; the templates read one put back.
	sep := ""
	if h.end < len(text) && isDigit(text[h.end]) && text[h.end-1] == '.' {
		sep = " "
	}
	w := text[ws:i] + slot + sep + text[h.end:we]
	at := i - ws
	back := func(o int) int { // window offset -> text offset
		if o <= at {
			return ws + o
		}
		return h.end + max(0, o-at-1-len(sep))
	}
	// Every edition spelt so whose templates read the same citation is a
	// candidate; choose settles which it is once the parenthetical is read.
	tried := map[int]templateRead{}
	var best span
	found := false
	for _, ed := range h.eds {
		e := rep.table.Editions[ed]
		tmpls := e.Templates
		if len(tmpls) == 0 {
			tmpls = []int{0}
		}
		for _, ti := range tmpls {
			rd, done := tried[ti]
			if !done {
				rd = t.readTemplate(text, w, at, ti, back)
				tried[ti] = rd
			}
			if !rd.ok {
				continue
			}
			if found {
				if rd.start == best.start && rd.end == best.end && !slices.Contains(best.alts, ed) {
					best.alts = append(best.alts, ed)
				}
				break
			}
			found = true
			c := &Cite{Volume: rd.vol, Reporter: e.Edition, Page: rd.page, Year: rd.year}
			best = span{start: rd.start, end: rd.end, norm: citeNorm(rd.vol, e.Edition, rd.page), data: c, alts: []int32{ed}, spelled: text[i:h.end]}
			break
		}
	}
	return best, found
}

// readTemplate runs template ti on the window w, where the reporter is the
// slot at offset at; back maps window offsets to text offsets.
func (t citationTagger) readTemplate(text, w string, at, ti int, back func(int) int) (rd templateRead) {
	rep := t.rep
	var ms [][]int
	if rep.slotted[ti] && strings.Count(w, slot) == 1 {
		// Every match holds a slot byte and w has one, so there is at
		// most one match: the first, and no need to look past it; and
		// none where the bytes beside the slot cannot be a match's.
		if !rep.slots[ti].may(w, at) {
			return rd
		}
		var m []int
		if rep.standard[ti] {
			m = standardAt(w, at)
		} else {
			m = rep.templates[ti].FindStringSubmatchIndex(w)
		}
		if m != nil {
			ms = [][]int{m}
		}
	} else {
		ms = rep.templates[ti].FindAllStringSubmatchIndex(w, -1)
	}
	for _, m := range ms {
		if m[0] > at || m[1] <= at {
			continue
		}
		start, end := back(m[0]), back(m[1])
		if start > 0 && isWordByte(text[start-1]) || end < len(text) && isWordByte(text[end]) {
			continue
		}
		vol, page := "", ""
		if g := rep.volume[ti]; g > 0 && m[2*g] >= 0 {
			vol = trimZeros(w[m[2*g]:m[2*g+1]])
		}
		if g := rep.page[ti]; g > 0 && m[2*g] >= 0 {
			page = w[m[2*g]:m[2*g+1]]
		}
		if page == "" {
			continue
		}
		rd.ok, rd.start, rd.end, rd.vol, rd.page = true, start, end, vol, page
		if g := rep.year[ti]; g > 0 && m[2*g] >= 0 {
			rd.year, _ = strconv.Atoi(w[m[2*g]:m[2*g+1]])
		}
		return rd
	}
	return rd
}

// templateRead is what a citation template read around a reporter.
type templateRead struct {
	ok         bool
	start, end int
	vol, page  string
	year       int
}

// citeNorm is a citation's facet value: "519 F.3d 666".
func citeNorm(vol, edition, page string) string {
	if vol == "" {
		return edition + " " + page
	}
	return vol + " " + edition + " " + page
}

// details reads what follows and precedes each full citation: pinpoint
// page, parenthetical court and year, and case name. Parallel citations
// ("550 U.S. 544, 127 S. Ct. 1955 (2007)") share the parenthetical of the
// last and the case name of the first.
func (t citationTagger) details(text string, spans []span) {
	r := t.r
	courts := courtRulesOnce()
	var after []*Cite // the citations of a parallel group, awaiting their parenthetical
	var group []int   // their indexes in spans
	for k := range spans {
		s := &spans[k]
		c := s.data.(*Cite)
		if s.role != "" {
			after, group = nil, nil
			continue
		}
		end := s.end
		next := len(text) // a pin or parenthetical must not run into the next citation
		if k+1 < len(spans) {
			next = spans[k+1].start
		}
		if !c.Short {
			if m := pinAt(text[end:min(next, end+40)]); m != nil { // r.pin
				tail := strings.TrimLeft(text[end+m[1]:min(len(text), end+m[1]+4)], " \t\n")
				if tail == "" || !unicode.IsUpper(rune(tail[0])) && !isDigit(tail[0]) {
					c.Pin = text[end+m[2] : end+m[3]]
					end += m[1]
				}
			}
			// the case name, or the name of the group's first citation
			if len(after) > 0 {
				c.CaseName = after[0].CaseName
			} else if ws := nameWindow(text, s.start); ws < s.start {
				if m := r.name.FindStringSubmatchIndex(text[ws:s.start]); m != nil {
					c.CaseName = cleanCaseName(text[ws+m[2] : ws+m[3]])
				}
			}
		}
		after = append(after, c)
		group = append(group, k)
		// a parallel citation follows?
		if k+1 < len(spans) && spans[k+1].role == "" && !spans[k+1].data.(*Cite).Short {
			if strings.TrimSpace(text[end:spans[k+1].start]) == "," {
				continue
			}
		}
		if m := parenAt(text[end:min(next, end+100)]); m != nil { // r.paren
			inside := squash(text[end+m[2] : end+m[3]])
			for _, g := range group {
				spans[g].paren = inside
			}
			if y := parenYear(inside); y != nil { // r.parenEnd
				year, _ := strconv.Atoi(inside[y[2]:y[3]])
				court := strings.TrimSpace(inside[:y[0]])
				id := courts.citeID(court)
				for _, a := range after {
					if a.Year == 0 {
						a.Year = year
					}
					if id == "" && court == "" {
						switch a.Reporter {
						case "U.S.", "S. Ct.", "L. Ed.", "L. Ed. 2d":
							a.Court = "scotus"
						}
					} else {
						a.Court = id
					}
				}
			}
		}
		after, group = nil, nil
	}
}

// nameWindow returns where the text that may hold the case name of a
// citation at i starts: at most 200 bytes back, and after the last
// character no case name holds (";", a parenthesis or a quotation mark),
// so the name pattern reads no more than it must.
func nameWindow(text string, i int) int {
	ws := max(0, i-200)
	for j := i - 1; j >= ws; j-- {
		c := text[j]
		if c == ';' || c == '(' || c == ')' || c == '"' || (c == 0x9C || c == 0x9D) && j >= 2 && text[j-1] == 0x80 && text[j-2] == 0xE2 { // “ ”
			ws = j + 1
			break
		}
	}
	// A name is "A v. B", or "In re", "Matter of", "Ex parte" something;
	// with none of these there is none, and the first party of "A v. B"
	// takes at most about 100 bytes.
	w := text[ws:i]
	v := lastVersus(w)
	if v < 0 {
		if !strings.Contains(w, "In re") && !strings.Contains(w, "Matter of") && !strings.Contains(w, "Ex parte") && !strings.Contains(w, "In Re") {
			return i
		}
		return ws
	}
	if v > 100 {
		if sp := strings.IndexAny(w[v-100:], " \t\n"); sp >= 0 {
			ws += v - 100 + sp
		}
	}
	return ws
}

// lastVersus returns the offset of the last "v." ("v", "vs.") standing
// as a word in w, or -1.
func lastVersus(w string) int {
	for end := len(w); ; {
		i := strings.LastIndexByte(w[:end], 'v')
		if i < 0 {
			return -1
		}
		end = i
		if i == 0 || !isSpace(w[i-1]) {
			continue
		}
		rest := w[i+1:]
		if strings.HasPrefix(rest, "s.") {
			rest = rest[2:]
		} else if strings.HasPrefix(rest, ".") {
			rest = rest[1:]
		}
		if rest == "" || isSpace(rest[0]) {
			return i
		}
	}
}

// recordCite reports whether text (from the last case citation to just
// after an "Id.") cites the record of the case: paragraphs of a complaint,
// docket entries, exhibits.
func recordCite(text string) bool {
	return strings.Contains(text, "¶") || strings.Contains(text, "Dkt.") || strings.Contains(text, "ECF No") ||
		strings.Contains(text, "Ex.") || strings.Contains(text, "Compl.") || strings.Contains(text, "Tr.")
}

// nameRefers reports whether the words before "supra" ("Twombly", "See
// GTE") name the case: one of them, not a signal, is a word of its name.
func nameRefers(short, name string) bool {
	words := strings.Fields(strings.ToLower(name))
	for _, w := range strings.Fields(short) {
		w = strings.ToLower(strings.Trim(w, ".,"))
		for _, x := range words {
			if strings.Trim(x, ".,") == w {
				return true
			}
		}
	}
	return false
}

// cleanCaseName trims a case name read before a citation: signals and
// sentence openers before it, and a trailing comma.
func cleanCaseName(s string) string {
	s = squash(strings.TrimRight(s, ", "))
	for {
		w, rest, ok := strings.Cut(s, " ")
		if !ok {
			break
		}
		if !isSignal(w) && !slices.Contains([]string{"Under", "In", "As", "And", "and", "of", "the", "The", "for", "with", "Thus", "Here", "Similarly", "Moreover", "However", "Further"}, w) {
			break
		}
		if w == "In" && (strings.HasPrefix(rest, "re ") || strings.HasPrefix(rest, "the Matter")) {
			break
		}
		s = rest
	}
	return s
}

// isSignal reports whether w is a citation signal or a word that
// introduces one ("See", "cf.", "quoting").
func isSignal(w string) bool {
	switch strings.TrimRight(w, ",") {
	case "See", "see", "Cf.", "cf.", "But", "Accord", "accord", "Also", "also", "E.g.", "e.g.", "Compare", "compare",
		"Following", "Citing", "citing", "Quoting", "quoting", "Contra", "contra":
		return true
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isWordByte(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}
