package entity

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Parties returns the tagger for the parties to the document's own case.
// Roles are "plaintiff" (also petitioner, appellant, and the French
// "demandeur") and "defendant" (respondent, appellee, "défendeur").
//
// It reads, in order of preference: a caption near the top of the text,
// inline ("G.G., Plaintiffs, v. SALESFORCE.COM, INC., Defendants.") or
// spread over lines with a "v." line between the sides; else the first
// case name standing alone on its line, with an optional label or number
// before it ("Case No. 21-cv-00485-JCS – John Doe et al. v. Twitter. INC.").
// Labelled fields ("Défendeur:" then the name) add parties in either case.
// "X v. Y" inside running text is a citation of another case and is not a
// party. Norm is a display name (see displayName): "et al." and "(a
// minor)" dropped, capitals fixed, "Salesforce.com, Inc.".
func Parties() Tagger {
	return partyTagger{partyRulesOnce()}
}

// inlineWords reports whether head has a plaintiff's and a defendant's
// label as partyRules.inline spells them (in that case): the pattern
// costs a scan of the whole head, and most texts have neither.
func inlineWords(head string) bool {
	has := func(words ...string) bool {
		return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(head, w) })
	}
	return has("Plaintiff", "Petitioner", "Appellant", "Claimant", "Movant") && has("Defendant", "Respondent", "Appellee")
}

// plaintiffWords are the words every spelling of a plaintiff's label in
// partyRules.inline starts with.
var plaintiffWords = []string{"Plaintiff", "Petitioner", "Appellant", "Claimant", "Movant"}

// firstInline returns the submatch indexes of the first match of
// r.inline in head, or nil. The pattern runs only from the starts of the
// lines that can open a match, instead of from every position of the
// head: a match's first line holds its first party, followed by white
// space (and maybe a comma) up to a plaintiff's label, so the line is at
// or after the one holding the last byte before the label that is not
// white space, and not after the label; and only a label that "v." can
// follow is considered (labelThenV).
func (r *partyRules) firstInline(head string) []int {
	var labels []int
	for _, w := range plaintiffWords {
		for at := 0; ; {
			i := strings.Index(head[at:], w)
			if i < 0 {
				break
			}
			if labelThenV(head, at+i) {
				labels = append(labels, at+i)
			}
			at += i + 1
		}
	}
	slices.Sort(labels)
	tried := -1 // the last line start tried
	for _, p := range labels {
		q := p
		// back over white space; bytes outside ASCII count as white
		// space, since \s also matches the no-break spaces
		for q > 0 && (isSpaceByte(head[q-1]) || head[q-1] == '\v' || head[q-1] >= utf8.RuneSelf) {
			q--
		}
		for ls := strings.LastIndexByte(head[:q], '\n') + 1; ls <= p; {
			if ls > tried {
				tried = ls
				if m := r.inlineAt.FindStringSubmatchIndex(head[ls:]); m != nil {
					for i := range m {
						if m[i] >= 0 {
							m[i] += ls
						}
					}
					return m
				}
			}
			nl := strings.IndexByte(head[ls:p], '\n')
			if nl < 0 {
				break
			}
			ls += nl + 1
		}
	}
	return nil
}

// vLine returns the bounds of the first line of head that is nothing but
// "v." (or "vs.", "versus") between spaces and tabs, without its line
// break, or nil.
func vLine(head string) []int {
	for ls := 0; ls <= len(head); {
		le := strings.IndexByte(head[ls:], '\n')
		if le < 0 {
			le = len(head)
		} else {
			le += ls
		}
		switch strings.TrimSuffix(strings.Trim(head[ls:le], " \t"), ".") {
		case "v", "vs", "V", "VS", "versus":
			return []int{ls, le}
		}
		ls = le + 1
	}
	return nil
}

// labelThenV reports whether the plaintiff's label whose first word
// starts at p can be followed as partyRules.inline needs: the word (and
// any letters), perhaps a dash and "Appellant" or "Appellee", perhaps a
// comma or period, white space, "v" or "vs" in either case, perhaps a
// period, and white space. A label of the body ("Plaintiff alleges",
// "Plaintiffs' claims") is not, and no line before it need be tried. A
// byte outside ASCII may be a no-break space or a dash, and is taken for
// either.
func labelThenV(head string, p int) bool {
	i := p
	letters := func() {
		for i < len(head) && isLetter(head[i]) {
			i++
		}
	}
	spaces := func() int {
		n := 0
		for ; i < len(head) && (isSpaceByte(head[i]) || head[i] >= utf8.RuneSelf); i++ {
			n++
		}
		return n
	}
	letters()
	// "Plaintiff - Appellee"
	j := i
	for ; j < len(head) && (isSpaceByte(head[j]) || head[j] == '-' || head[j] >= utf8.RuneSelf); j++ {
	}
	if strings.HasPrefix(head[j:], "Appell") {
		i = j + len("Appell")
		letters()
	}
	if i < len(head) && (head[i] == ',' || head[i] == '.') {
		i++
	}
	if spaces() == 0 || i == len(head) || head[i] != 'v' && head[i] != 'V' {
		return false
	}
	i++
	if i < len(head) && (head[i] == 's' || head[i] == 'S') {
		i++
	}
	if i < len(head) && head[i] == '.' {
		i++
	}
	return spaces() > 0
}

// captionWindow bounds how far into a text a caption may start: captions
// open documents, and a "v." line deep in a text is something else.
const captionWindow = 8000

var partyRulesOnce = sync.OnceValue(func() *partyRules {
	// "Plaintiff-Appellee", "Plaintiff - Appellee", "Defendants—Appellees"
	plaintiff := `(?:Plaintiffs?\s*[-–—]\s*Appell(?:ant|ee)s?|Petitioners?\s*[-–—]\s*Appell(?:ant|ee)s?|Plaintiffs?|Petitioners?|Appellants?|Claimants?|Movants?)`
	defendant := `(?:Defendants?\s*[-–—]\s*Appell(?:ant|ee)s?|Respondents?\s*[-–—]\s*Appell(?:ant|ee)s?|Defendants?|Respondents?|Appellees?)`
	// after a line's start: the plaintiff, "v." and the defendant, with their labels
	inline := `[ \t]*([^\n]{2,150}?),?\s+` + plaintiff + `[,.]?\s+(?:v|vs|V|VS)\.?\s+([^\n]{2,150}?),?\s+` + defendant + `\b`
	r := &partyRules{
		headingAt:   guide{needles: []string{" v. ", " vs. "}, lines: true, lead: lineStart, need: needVersusEnd},
		inline:      mustCompile(`(?m)^` + inline),
		inlineAt:    mustCompile(`^` + inline),
		plainLabel:  mustCompile(`(?i)^\s*` + plaintiff + `[,.]?\s*$`),
		defLabel:    mustCompile(`(?i)^\s*` + defendant + `[,.]?\s*$`),
		trailLabel:  mustCompile(`(?i),?\s+(?:` + plaintiff + `|` + defendant + `)[,.]?\s*$`),
		notName:     mustCompile(`(?i)^\s*(?:no\.|case|civil\s+action|judge|hon\.|magistrate|before|\d)`),
		heading:     mustCompile(`(?m)^[ \t#]*(?:[^\n]{0,80}?\s[–—-]\s|[^\n:]{1,40}:\s*)?([A-Z][^\n]{0,100}?)\s+(?:v|vs)\.\s+([A-Z][^\n]{0,100}?)[ \t]*$`),
		citationish: mustCompile(`,\s*\d|\(\s*\d{4}|\d+\s+(?:F\.|U\.S\.|S\.\s?Ct\.)`),
		field:       mustCompile(`(?m)^[ \t]*(Demandeur|Demanderesse|Plaintiffs?|Petitioners?|Défendeur|Défenderesse|Defendants?|Respondents?)[ \t]*:[ \t]*\n?[ \t]*([^\n]{2,120})$`),
	}
	r.guides = guidesOf(r.headingAt)
	return r
})

type partyRules struct {
	inline, plainLabel, defLabel, trailLabel, notName, heading, citationish, field *regexp.Regexp
	// inline anchored at the start of the text it is given (see firstInline)
	inlineAt *regexp.Regexp
	// where heading can match; see guide
	headingAt guide
	guides    *guides
}

type partyTagger struct{ r *partyRules }

// Tag implements Tagger.
func (t partyTagger) Tag(text string) []Mention {
	return t.tagScan(t.r.guides.scan(text, lowerASCII(text)))
}

func (t partyTagger) needles() *guides { return t.r.guides }

func (t partyTagger) tagScan(sc *scan) []Mention {
	r, text := t.r, sc.text
	head := text[:min(len(text), captionWindow)]
	var spans []span
	add := func(start, end int, role string) {
		// trim caption punctuation and a trailing role label from the span
		seg := text[start:end]
		if m := r.trailLabel.FindStringIndex(seg); m != nil {
			seg = seg[:m[0]]
		}
		seg = strings.TrimRight(seg, " \t,;:")
		lead := len(seg) - len(strings.TrimLeft(seg, " \t"))
		start, end = start+lead, start+len(seg)
		if end <= start {
			return
		}
		if norm := displayName(text[start:end]); norm != "" {
			spans = append(spans, span{start: start, end: end, norm: norm, role: role})
		}
	}
	var m []int
	if inlineWords(head) {
		m = r.firstInline(head)
	}
	if m != nil && !clerkLine(text[m[2]:m[3]]) && !r.clerkBelow(text, m[3]) {
		add(m[2], m[3], RolePlaintiff)
		add(m[4], m[5], RoleDefendant)
	} else if loc := vLine(head); loc != nil && r.caption(text, loc, add) {
		// caption found
	} else {
		for _, m := range r.headingAt.find(sc, r.heading) {
			if !r.standalone(text, m[0], m[1]) || r.citationish.MatchString(text[m[0]:m[1]]) ||
				!nameLike(text[m[2]:m[3]]) || !nameLike(text[m[4]:m[5]]) {
				continue
			}
			add(m[2], m[3], RolePlaintiff)
			add(m[4], m[5], RoleDefendant)
			break
		}
	}
	for _, m := range r.fields(text, sc.lower) {
		role := RoleDefendant
		if l := strings.ToLower(text[m[2]:m[3]]); strings.HasPrefix(l, "demand") || strings.HasPrefix(l, "plaint") || strings.HasPrefix(l, "petit") {
			role = RolePlaintiff
		}
		add(m[4], m[5], role)
	}
	spans = dropOverlaps(spans)
	out := make([]Mention, 0, len(spans))
	for _, s := range spans {
		out = append(out, newMention(Party, text, s.start, s.end, s.norm, s.role))
	}
	return out
}

// caption reads a caption laid out over lines around a "v." line at loc:
// the plaintiff is the nearest line above that is not a role label, the
// defendant the nearest line below. It reports whether it found both.
func (r *partyRules) caption(text string, loc []int, add func(start, end int, role string)) bool {
	// above
	pEnd := loc[0]
	pStart, pStop := -1, -1
	for pEnd > 0 {
		ls, le := lineAt(text, pEnd-1)
		line := text[ls:le]
		pEnd = ls
		if blank(line) || r.plainLabel.MatchString(line) || clerkLine(line) {
			continue
		}
		if r.clerkBelow(text, le) {
			continue // "Lyle W. Cayce / Clerk": the clerk, set beside the caption
		}
		pStart, pStop = ls, le
		break
	}
	// below
	dStart, dStop := -1, -1
	for i := loc[1] + 1; i < len(text); {
		ls, le := lineAt(text, i)
		line := text[ls:le]
		i = le + 1
		// past the clerk and the plaintiff's label, which a second
		// column sets below the "v."
		if blank(line) || clerkLine(line) || r.clerkBelow(text, le) || r.plainLabel.MatchString(line) {
			continue
		}
		if !r.defLabel.MatchString(line) && !r.notName.MatchString(line) {
			dStart, dStop = ls, le
		}
		break
	}
	if pStart < 0 || dStart < 0 || r.notName.MatchString(text[pStart:pStop]) {
		return false
	}
	add(pStart, pStop, RolePlaintiff)
	add(dStart, dStop, RoleDefendant)
	return true
}

// clerkLine reports whether a line is a clerk's title: "Clerk", "Clerk of
// Court", "Deputy Clerk".
func clerkLine(line string) bool {
	l := strings.ToLower(strings.Trim(strings.TrimSpace(line), ".,"))
	return l == "clerk" || l == "deputy clerk" || strings.HasPrefix(l, "clerk of") || strings.HasSuffix(l, ", clerk")
}

// clerkBelow reports whether the line after the one ending at le is a
// clerk's title, so that the line ending at le is the clerk's name.
func (r *partyRules) clerkBelow(text string, le int) bool {
	if le+1 >= len(text) {
		return false
	}
	ns, ne := lineAt(text, le+1)
	return clerkLine(text[ns:ne])
}

// needVersusEnd, the heading guide's need, reports whether a window
// has what every match of the heading pattern ends with: "v." or "vs."
// after white space (\s as mustCompile spells it), white space, a
// capital, and then at most 100 runes up to the end of the line (or of
// the window) but for the spaces and tabs that end it. The windows of
// " v. " are mostly paragraphs that cite "Doe v. Roe, 1 F.3d 2" and go
// on far past it, where trying the pattern from each line start costs
// more than all the rest of the party tagger.
func needVersusEnd(text, _ string) bool {
	for at := 0; at < len(text); {
		i := strings.IndexByte(text[at:], 'v')
		if i < 0 {
			return false
		}
		i += at
		at = i + 1
		j := i + 1 // the period
		if strings.HasPrefix(text[j:], "s.") {
			j++
		} else if !strings.HasPrefix(text[j:], ".") {
			continue
		}
		if spaceBefore(text, i) == 0 {
			continue
		}
		k := j + 1
		for n := spaceLen(text[k:]); n > 0; n = spaceLen(text[k:]) {
			k += n
		}
		if k == j+1 || k == len(text) || text[k] < 'A' || text[k] > 'Z' {
			continue
		}
		e := strings.IndexByte(text[k:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += k
		}
		if utf8.RuneCountInString(strings.TrimRight(text[k+1:e], " \t")) <= 100 {
			return true
		}
	}
	return false
}

// standalone reports whether text[start:end] is a paragraph of its own:
// the lines before and after it, where there are any, are blank.
func (r *partyRules) standalone(text string, start, end int) bool {
	if start > 0 {
		ls, le := lineAt(text, start-1)
		if !blank(text[ls:le]) {
			return false
		}
	}
	if end+1 < len(text) {
		ls, le := lineAt(text, end+1)
		if !blank(text[ls:le]) {
			return false
		}
	}
	return true
}

// nameLike reports whether s reads as a party name rather than a sentence:
// a few words, mostly capitalised, and no colon.
func nameLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 10 || strings.Contains(s, ":") {
		return false
	}
	lower := 0
	for _, w := range words {
		switch strings.Trim(w, ".,()") {
		case "et", "al", "of", "and", "the", "de", "a", "minor", "ex", "rel", "in", "re", "for", "on", "behalf":
			continue
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			lower++
		}
	}
	return lower <= 1
}

// fieldLabels are how a labelled party field starts its line, lower case.
var fieldLabels = []string{"demand", "plaintiff", "petitioner", "défend", "defendant", "respondent"}

// fields finds labelled party fields ("Défendeur:" then the name, on the
// line or the next). It reads each line once and runs the field pattern
// only on a line that starts with a label, so that a long text costs one
// pass however often it says "plaintiff".
func (r *partyRules) fields(text, lower string) [][]int {
	var out [][]int
	for ls := 0; ls < len(text); {
		le := strings.IndexByte(text[ls:], '\n')
		if le < 0 {
			le = len(text)
		} else {
			le += ls
		}
		at := ls
		for at < le && (text[at] == ' ' || text[at] == '\t') {
			at++
		}
		for _, l := range fieldLabels {
			if strings.HasPrefix(lower[at:le], l) && strings.IndexByte(text[at:le], ':') >= 0 {
				// the label's line and the next one
				end := le
				if end < len(text) {
					if n := strings.IndexByte(text[end+1:], '\n'); n >= 0 {
						end += 1 + n
					} else {
						end = len(text)
					}
				}
				if m := r.field.FindStringSubmatchIndex(text[ls:end]); m != nil {
					for i := range m {
						if m[i] >= 0 {
							m[i] += ls
						}
					}
					out = append(out, m)
				}
				break
			}
		}
		ls = le + 1
	}
	return out
}
