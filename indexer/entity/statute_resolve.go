package entity

import (
	"strconv"
	"strings"
)

// Giving bare sections their code and bare rules their family, from the
// statutes cited before them (see Statutes), and the small readers of
// section numbers, ranges and bills that the tagger shares.

// resolveStatutes walks the spans in text order, giving titles to bare
// sections and families to bare rules from what came before (see Statutes).
//
// In a federal civil case (civil is set) a bare rule with no family cited
// before it is a Federal Rule of Civil Procedure.
func resolveStatutes(text string, spans []span, civil, bankruptcy bool) []Mention {
	cda := false
	for _, s := range spans {
		if ref, ok := s.data.(uscRef); ok && ref.title == "47" || s.norm == "47 U.S.C. § 230" || s.norm == "Communications Decency Act" {
			cda = true
			break
		}
	}
	titleOf := map[string]string{} // section -> title it was last cited under
	lastFamily := ""
	// the statute cited last, whose code a bare section after it takes
	var last struct {
		data any // uscRef, stateRef, otherRef
		end  int
	}
	var out []Mention
	emit := func(s span, norms ...string) {
		for _, n := range norms {
			out = append(out, newMention(Statute, text, s.start, s.end, n, ""))
		}
	}
	for _, s := range spans {
		norm := s.norm
		switch d := s.data.(type) {
		case uscRef:
			var norms []string
			for _, sec := range d.secs {
				titleOf[sec] = d.title
				norms = append(norms, uscNorm(d.title, sec))
			}
			last.data, last.end = d, s.end
			emit(s, norms...)
			continue
		case stateRef:
			last.data, last.end = d, s.end
			var norms []string
			for _, sec := range d.secs {
				norms = append(norms, d.prefix+d.joiner+sec)
			}
			emit(s, norms...)
			continue
		case otherRef:
			last.data, last.end = d, s.end
			if norm == "" {
				continue // a section of something we do not tag
			}
		case bareRef:
			gap := s.start - last.end
			near := last.data != nil && gap <= maxBareGap
			var norms []string
			switch l := last.data.(type) {
			case stateRef:
				if near && l.joiner == " § " {
					for _, sec := range rangeAfterOr(d, false) {
						norms = append(norms, l.prefix+l.joiner+sec)
					}
				}
			case otherRef:
				// regulations are numbered part.section ("35.104")
				if near && l.cfr != "" && strings.Contains(sectionOf(d.sec), ".") {
					norms = append(norms, l.cfr+" C.F.R. § "+sectionOf(d.sec))
				}
			}
			_, afterState := last.data.(stateRef)
			if norms == nil && !(afterState && near) {
				secs := rangeAfterOr(d, true)
				// the same section cited in full before is the surest
				// sign; after a regulation or a public law, the only one
				blocked := isStateOrOther(last.data, gap)
				title := titleOf[secs[0]]
				if title == "" && secs[0] == "230" && cda && !blocked {
					title = "47"
				}
				if l, ok := last.data.(uscRef); ok && title == "" && near && !blocked {
					title = l.title
				}
				if title != "" && uscSection(secs[0]) {
					for _, sec := range secs {
						norms = append(norms, uscNorm(title, sec))
					}
				}
			}
			if norms == nil {
				continue
			}
			last.end = s.end
			emit(s, norms...)
			continue
		case bareWord:
			title := titleOf[d.section]
			if title == "" {
				continue
			}
			norm = uscNorm(title, d.section)
		case ruleRef:
			lastFamily = d.family
			norm = d.family + " " + d.rule
		case bareRuleIn:
			family := lastFamily
			if family == "" && civil {
				family = "Fed. R. Civ. P."
			}
			// the Bankruptcy Rules are numbered from 1001, the others
			// stay under 1000 ("Rule 2004" in a bankruptcy case)
			if n := atoi(leadingDigits(d.rule)); n >= 1000 && family != "Fed. R. Bankr. P." {
				family = ""
				if bankruptcy {
					family = "Fed. R. Bankr. P."
				}
			}
			if family == "" {
				continue
			}
			norm = family + " " + d.rule
		}
		out = append(out, newMention(Statute, text, s.start, s.end, norm, ""))
	}
	return out
}

// rangeAfterOr gives the sections of a bare reference.
func rangeAfterOr(d bareRef, usc bool) []string {
	if d.from != "" {
		return rangeAfter(d.from, d.sec, usc)
	}
	return sectionRange(d.sec, d.plural, usc)
}

// isStateOrOther reports whether a statute cited last is not of the U.S.
// Code and gap bytes before a bare section, so that the bare section is
// not one either.
func isStateOrOther(d any, gap int) bool {
	switch d := d.(type) {
	case stateRef:
		return gap <= maxBareGap
	case otherRef:
		return gap <= d.reach
	}
	return false
}

// uscSection reports whether a section number has the shape of one of the
// U.S. Code ("1591", "2000e-2"), not of a state code ("7301-1.3").
func uscSection(sec string) bool {
	return !strings.ContainsAny(sec, ".:")
}

// namedBefore reports whether the "§" at i follows the name of what it is
// a section of ("Restatement (Second) of Torts § 876", "Model Penal Code
// § 2.06", "FOSTA § 2"), rather than a word of the sentence ("under §
// 1595", "See § 1595").
func namedBefore(text string, i int) bool {
	j := i
	for j > 0 && i-j < 64 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if j == 0 {
		return false
	}
	k := j
	for k > 0 && j-k < 64 && !isSpace(text[k-1]) && text[k-1] != '(' {
		k--
	}
	w := text[k:j]
	if w == "" || strings.ContainsAny(w[len(w)-1:], ",;:)]\"") {
		return false
	}
	c := w[0]
	if c < 'A' || c > 'Z' {
		return false
	}
	switch strings.TrimRight(w, ".") {
	case "See", "Cf", "Under", "Also", "And", "In", "But", "Id", "E.g", "Compare", "Accord", "Contra", "Pursuant", "Per", "Both", "Neither", "Only", "Thus", "Title", "U.S.C", "USC":
		return false
	}
	return true
}

// listSpans splits the tail of "§§ 1591(a)(2) and 1595(a)" into one span
// per further section, each covering just that section as written; first
// is where the citation's first section starts. A section joined to the
// one before by "to", "through" or a dash ends a range: ref is given the
// section before as from, and "" otherwise.
// per further section, each covering just that section as written.
func (r *statuteRules) listSpans(text string, first, start, end int, ref func(sec, from string) any) []span {
	if start < 0 || start == end {
		return nil
	}
	var out []span
	prev := sectionOf(r.listItem.FindString(text[first:start]))
	prevEnd := start
	for _, m := range r.listItem.FindAllStringSubmatchIndex(text[start:end], -1) {
		if r.uscAfter.MatchString(text[start+m[1] : min(len(text), start+m[1]+12)]) {
			break // "and 47 U.S.C.": the title of the next citation
		}
		sec := trimZeros(text[start+m[2] : start+m[3]])
		from := ""
		if rangeJoin(text[prevEnd : start+m[0]]) {
			from = prev
		}
		out = append(out, span{start: start + m[0], end: start + m[1], data: ref(sec, from)})
		prev, prevEnd = sec, start+m[1]
	}
	return out
}

// lineNumbered reports (1 or 0) whether text is on pleading paper: a
// third or more of its lines, and at least ten, start with a line number
// of one or two digits.
func lineNumbered(text string) int {
	lines, numbered := 0, 0
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimLeft(line, " \t\f")
		if line == "" {
			continue
		}
		lines++
		n := 0
		for n < len(line) && n < 3 && isDigit(line[n]) {
			n++
		}
		if n >= 1 && n <= 2 && (n == len(line) || line[n] == ' ' || line[n] == '\t') {
			numbered++
		}
	}
	if numbered >= 10 && 3*numbered >= lines {
		return 1
	}
	return 0
}

// rangeJoin reports whether the text between two sections makes them the
// ends of a range: "–", "—", "to", "through".
func rangeJoin(between string) bool {
	switch strings.TrimSpace(strings.Trim(strings.TrimSpace(between), ",")) {
	case "–", "—", "to", "through", "thru":
		return true
	}
	return false
}

// rangeAfter returns the sections after from up to sec when sec ends a
// range from from, and sec alone otherwise.
func rangeAfter(from, sec string, usc bool) []string {
	if from == "" {
		return sectionRange(sec, true, usc)
	}
	if rs := sectionRange(sectionOf(from)+"-"+sectionOf(sec), true, usc); len(rs) > 1 {
		return rs[1:]
	}
	return []string{sectionOf(sec)}
}

func (r *statuteRules) publicLawNorm(number string) string {
	for _, a := range r.acts {
		for _, p := range a.publicLaws {
			if p == number {
				return a.norm
			}
		}
	}
	return "Pub. L. " + number
}

func uscNorm(title, section string) string {
	return title + " U.S.C. § " + section
}

// sectionOf drops subsections: "1591(a)(2)" -> "1591".
func sectionOf(s string) string {
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[:i]
	}
	return trimZeros(s)
}

// trimZeros drops leading zeros of a number-led token ("018" -> "18").
func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" || t[0] < '0' || t[0] > '9' {
		if _, err := strconv.Atoi(s); err == nil {
			return "0"
		}
		return s
	}
	return t
}

// leadingDigits returns the digits that start s: "2004(a)" -> "2004".
func leadingDigits(s string) string {
	i := 0
	for i < len(s) && i < 9 && isDigit(s[i]) {
		i++
	}
	return s[:i]
}

// ruleFamily gives the Bluebook abbreviation of a federal rules family.
func ruleFamily(word string) string {
	switch strings.ToLower(word[:3]) {
	case "civ":
		return "Fed. R. Civ. P."
	case "cri":
		return "Fed. R. Crim. P."
	case "app":
		return "Fed. R. App. P."
	case "ban":
		return "Fed. R. Bankr. P."
	default:
		return "Fed. R. Evid."
	}
}

// billNumberAfter, the bill guide's keep, reports whether the needle of n
// bytes at i in lower can begin a bill as the pattern spells it: after
// neither a word byte nor a period, and followed by what ends the
// chamber ("." after "s" or "h.r", optionally " Bill" after "senate" and
// "house"), at most one white space and a number of two or more figures
// starting 1 to 9. "U.S. 1", "cases. 12" and "Section 12" are not.
func billNumberAfter(lower string, i, n int) bool {
	if i > 0 && (isWordByte(lower[i-1]) || lower[i-1] == '.') {
		return false
	}
	j := i + n
	switch lower[i:j] {
	case "s.":
	case "h.r", "h. r":
		if j >= len(lower) || lower[j] != '.' {
			return false
		}
		j++
	default: // senate, house
		k := j
		for k < len(lower) && isSpaceByte(lower[k]) {
			k++
		}
		if k > j && strings.HasPrefix(lower[k:], "bill") && billNumberAt(lower, k+len("bill")) {
			return true
		}
	}
	return billNumberAt(lower, j)
}

// billNumberAt reports whether lower has at j at most one white space and
// then a figure 1 to 9 and another figure, as a bill's number starts.
func billNumberAt(lower string, j int) bool {
	if j < len(lower) && isSpaceByte(lower[j]) {
		j++
	}
	return j+1 < len(lower) && '1' <= lower[j] && lower[j] <= '9' && isDigit(lower[j+1])
}
