package indexer

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"lexsearch/indexer/entity"
)

// A caption is the block at the head of a court filing that names the
// parties:
//
//	STEVEN MONTRAIL TRIPLET,
//	    Petitioner - Appellant,
//	v.
//	ERIC FRANKLIN, Warden,
//	    Respondent - Appellee.
//
// or "In re: RICHARD P. LIEBOWITZ", or, in a letter or a syllabus, one
// line: "Re: United States v. Haitao Xiang, No. 22-1801". captionTitle
// reads it and returns the case name as a person cites it: the first party
// on each side, a person by surname, an organisation by its name with
// "Company" shortened to "Co.", without roles, descriptions ("Warden", "in
// his official capacity"), aliases or "et al.": "Triplet v. Franklin".

// captionLines is how far into the first page a caption may start.
const captionLines = 150

// maxCaptionLine is the longest line a caption is read from.
const maxCaptionLine = 300

// maxPartyLines is how many lines one side of a caption may take before
// the rest is only more parties and their descriptions.
const maxPartyLines = 4

var (
	// separator is the line between the sides: "v.", "vs.", "versus",
	// "–v.–", "-v-", possibly after the first side's role.
	separator = lazyRegexp(`(?i)^(?:(?:` + roleWords + `)(?:\(s\))?)?[\s,.;:\-–—]*[(\-–—.\s]*(?:v|vs|versus|against)[\s.\-–—)]*$`)
	// separatorFirst is a separator followed by the second side on the
	// same line: "v. ACME, INC.,".
	separatorFirst = lazyRegexp(`(?i)^(?:v|vs|versus)\.?\s+(\S.*)$`)
	// roleLine is a line that is only a party's role.
	roleLine = lazyRegexp(`(?i)^[\s,.;:]*(?:(?:` + roleWords + `)(?:\(s\))?[\s,.;:\-–—/&*]*(?:and\s+)?)+\s*\d*$`)
	// roleTail cuts a role written after a name on the same line.
	roleTail = lazyRegexp(`(?i)[\s,;]+(?:` + roleWords + `)(?:\(s\))?(?:[\s,.;\-–—/&]+(?:and\s+)?(?:` + roleWords + `)(?:\(s\))?)*[\s,.;]*\d*$`)
	// clerkLabel is the line under a clerk's name in a court's stamp.
	clerkLabel = lazyRegexp(`(?i)^(?:acting |deputy |chief deputy )?clerk(?: of (?:the )?court)?\.?$`)
	// procedural drops the words a citation leaves out of "In re": "the
	// Application of", "the Petition of".
	procedural = lazyRegexp(`(?i)^(?:the\s+)?(?:application|petition|complaint|appeal|motion)\s+of\s+(?:the\s+)?`)
	// inRe opens a caption without adversaries.
	inRe = lazyRegexp(`(?i)^(in re|ex parte|in the matter of|matter of)\b\s*:?\s*(.*)$`)
	// stopLine ends one side of a caption: the court, a number, a date, a
	// title of the document or the start of its body.
	stopLine = lazyRegexp(`(?i)^(?:(?:in |for )?(?:the )?(?:united states|u\.s\.|supreme|district|circuit|court|bankruptcy)\b.*\bcourts?\b|` +
		`(?:case |docket |d\.\s?c\. |usdc |civil |criminal )?(?:nos?\.|numbers?|#)\s*:?\s*[\w:\-–]+|` +
		`(?:filed|decided|argued|submitted|entered|dated|before|appeal from|appeals from|on appeal|on petition|petition for|certiorari|syllabus|` +
		`order|opinion|judgment|memorandum|per curiam|\(?slip opinion|\[?publish|\[?do not publish|not for publication|for publication|` +
		`unpublished|(?:not )?precedential|nonprecedential|recommended for|file name|pursuant to|summary calendar|to be cited|` +
		`electronic citation|certified for publication|note:|` +
		`(?:august|october|january|june|april) term)\b|` +
		`(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2},?\s+\d{4}|` +
		// a bare case number ("2009-1361", "08-6301-cv"), a court's
		// district or division ("Eastern District", "DIVISION THREE")
		`[\d:\-–]+(?:-[a-z]{1,4})?(?:-\w+)*$|(?:\w+\s+){0,3}(?:district|division|circuit)$|division\s+\w+$|` +
		`(?:for\s+)?(?:the\s+)?(?:(?:northern|southern|eastern|western|middle|central)\s+)?district\s+of\b)`)
	// inlineCase is a line that is a whole case name: a running head, a
	// letter's "Re:" line, a syllabus heading.
	inlineCase = lazyRegexp(`^(.*?\S)\s+(?:v|vs)\.(?:\s+(\S.*))?$`)
	// lineLabel is what a letter or a form writes before the case name,
	// with the case's number: "Re: Case No. 17-3994,", "Re: 20-1234".
	lineLabel = lazyRegexp(`(?i)^(?:re|short title|caption|case name|case title|in the matter of)\s*:\s*(?:(?:case )?no\.?\s*[\w:\-–]+,?\s*|\d\w*[:\-–][\w:\-–]*,?\s+)?`)
	// citeSignal opens a citation sentence, not a caption.
	citeSignal = lazyRegexp(`^(?:See|Cf\.|Compare|But|Accord|E\.g\.|Citing|Quoting)\b`)
	// reporterCite is "200 U. S. 321": a case name followed by its cite
	// is quoted, not a caption.
	reporterCite = lazyRegexp(`\d+\s+[A-Z][\w.\s]{0,20}?\s\d+`)
	// caseNumberTail is what follows a case name on a "Re:" line.
	caseNumberTail = lazyRegexp(`(?i)(?:,\s*|\s+)(?:(?:case |docket )?nos?\.|case number|\(|\[|\d+\s+[A-Z]).*$`)
	// alias cuts "also known as Jay", "a/k/a", "d/b/a".
	alias = lazyRegexp(`(?i)[\s,]+(?:also known as|formerly known as|now known as|a/k/a|aka|f/k/a|n/k/a|d/b/a|doing business as)\b.*$`)
	// etAl cuts "et al." and what follows.
	etAl = lazyRegexp(`(?i)[\s,]*\bet\.?\s*al\b\.?.*$`)
	// exRel splits "State of North Carolina, ex rel. Roy Cooper".
	exRel = lazyRegexp(`(?i)^(.*?)[\s,]+ex\s+rel\.?\s+(.*)$`)
	// listAnd is the "and" between two parties on one side.
	listAnd = lazyRegexp(`(?i),?\s+(?:and|&)\s+`)
	// parenthetical drops "(a minor)".
	parenthetical = lazyRegexp(`\s*\([^)]*\)`)
	// sideColumn is where a caption's right-hand column starts: "JANE
	// DOE, ) Case No. 1:20-cv-1".
	// Where the text keeps the page's layout, a gap of three spaces or
	// more, or a column of asterisks or colons, does the same.
	sideColumn = lazyRegexp(`\s+[)\]|§*:]\s.*$|\s+[)\]|§*:]$|\S\s{3,}\S.*$`)
)

// captionTitle returns the case name from the caption at the head of
// text (the first page), or "" when there is none. body is the whole
// document, used to tell a two-word surname ("Zepeda Rivas") from a
// middle name ("Montrail Triplet").
func captionTitle(text, body string) string {
	return captionTitleOf(text, func() string { return body }, nil)
}

// captionTitleOf is captionTitle with the body made only when a
// caption's name needs it, which few do: building and lowering the first
// 200 kB of a long document cost more than reading its caption. names,
// if not nil, answers isCourtName of the header's lines.
func captionTitleOf(text string, body func() string, names *courtNames) string {
	lines := captionPrep(text, false)
	var header []string
	for i, l := range lines[:min(len(lines), 20)] {
		if names.isCourtName(l) {
			header = append(header, l)
			// "IN THE SUPREME COURT" / "STATE OF NORTH DAKOTA": the
			// court's name goes on, where a party's line ends in a comma.
			if i+1 < len(lines) && !strings.HasSuffix(lines[i+1], ",") {
				header = append(header, lines[i+1])
			}
		}
	}
	c := caption{body: &lowerBody{make: body}, header: strings.Join(header, " ")}
	sep, re := -1, -1
	for i, l := range lines {
		if sep < 0 && (isSeparator(l) || separatorFirst().MatchString(l)) {
			sep = i
		}
		// "In re" opens a caption near the top; further down, or with a
		// reporter cite after it, it is a case the text cites.
		if re < 0 && i < 60 && isInRe(l) && !reporterCite().MatchString(l) {
			re = i
		}
	}
	if re >= 0 && (sep < 0 || re < sep) {
		if name := c.inRe(lines, re); name != "" {
			return name
		}
	}
	if sep >= 0 {
		if name := c.adversary(lines, sep); name != "" {
			return name
		}
	}
	for i, l := range lines[:min(len(lines), 60)] {
		if name := c.inline(lines, i, l); name != "" {
			return name
		}
	}
	return ""
}

// captionPrep returns the first lines of text, trimmed, without a
// caption's right-hand column, blank where a line has no word; with
// numbers, a case number after a party's name is kept.
func captionPrep(text string, numbers bool) []string {
	var out []string
	for line := range strings.Lines(text) {
		if len(out) >= captionLines {
			break
		}
		if len(line) > maxCaptionLine {
			line = "" // a paragraph, not a caption's line
		}
		// Each expression runs only on a line with the characters its
		// matches need: most lines of a page have none of them.
		if strings.IndexByte(line, '_') >= 0 {
			line = underscores().ReplaceAllString(line, " ") // a form's blanks
		}
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, ")") || strings.HasPrefix(line, "]") || strings.HasPrefix(line, "*") {
			line = ""
		}
		line = strings.TrimSpace(line)
		if line != "" && '1' <= line[0] && line[0] <= '9' {
			line = pleadingNumber().ReplaceAllString(line, "")
		}
		if !numbers {
			line = cutRightNumber(line)
		}
		if mayHaveSideColumn(line) {
			if loc := sideColumn().FindStringIndex(line); loc != nil {
				if line[loc[0]] != ' ' && line[loc[0]] != '\t' {
					loc[0]++ // the \S before a wide gap stays
				}
				line = strings.TrimSpace(line[:loc[0]])
			}
		}
		if !strings.ContainsFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			line = ""
		}
		out = append(out, joinFields(line))
	}
	return out
}

type caption struct {
	body   *lowerBody
	header string
	// caps is set when the caption is written in capitals, so its words
	// are title-cased; otherwise a word in capitals is an acronym.
	caps bool
	// asPrinted keeps the names as the document writes them: no
	// surname for a person's name.
	asPrinted bool
}

// lowerBody is a document's body in lower case, made on first use.
type lowerBody struct {
	make func() string
	done bool
	low  string
}

// text returns the body in lower case, "" when there is none.
func (b *lowerBody) text() string {
	if b == nil {
		return ""
	}
	if !b.done {
		b.low, b.done = strings.ToLower(b.make()), true
	}
	return b.low
}

// allCaps reports whether s has at least two words of three or more
// letters written in capitals: a capitalised caption, not an acronym.
func allCaps(s string) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		letters := 0
		upper := true
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				upper = upper && unicode.IsUpper(r)
			}
		}
		if letters >= 3 && upper && !keepUpper[strings.Trim(w, ",.;:")] {
			n++
		}
	}
	return n >= 2
}

// inRe reads "In re: X" with X on the same line or the next few.
func (c caption) inRe(lines []string, i int) string {
	m := inRe().FindStringSubmatch(lines[i])
	kind, rest := m[1], m[2]
	parts := []string{}
	if rest != "" {
		parts = append(parts, rest)
	}
	open := func() bool {
		last := strings.ToLower(parts[len(parts)-1])
		return strings.HasSuffix(last, ",") || strings.HasSuffix(last, " of")
	}
	for j := i + 1; j < len(lines) && len(parts) < maxPartyLines && (rest == "" || open()); j++ {
		l := lines[j]
		if l == "" || isRoleLine(l) || isSeparator(l) || isStopLine(l) {
			break
		}
		// A line with a role under it is the first party of the
		// adversary caption that follows ("MICHAEL TOFAUTE, et al.," /
		// "Plaintiffs-Appellants,").
		if len(parts) > 0 && !open() && j+1 < len(lines) && isRoleLine(lines[j+1]) {
			break
		}
		parts = append(parts, l)
	}
	name := strings.Join(parts, " ")
	name = caseNumberTail().ReplaceAllString(name, "")
	name = procedural().ReplaceAllString(name, "")
	c.caps = allCaps(name)
	name = c.party(name)
	if name == "" {
		return ""
	}
	switch strings.ToLower(kind) {
	case "in re":
		kind = "In re"
	case "ex parte":
		kind = "Ex parte"
	default:
		kind = "In re" // "In the Matter of X" is cited "In re X"
	}
	return kind + " " + name
}

// adversary reads the sides around the separator at lines[sep].
func (c caption) adversary(lines []string, sep int) string {
	var left []string
	for j := sep - 1; j >= 0 && len(left) < maxPartyLines; j-- {
		l := lines[j]
		switch {
		case l == "" && len(left) == 0, isRoleLine(l) && len(left) == 0, noise(l) && l != "":
			continue
		case isClerkLabel(l) && len(left) == 0:
			j-- // the clerk's name above the label
			continue
		case l == "", isRoleLine(l), isStopLine(l), isCourtName(l), isClerkLabel(l), isInRe(l):
			j = -1
			continue
		}
		left = append([]string{l}, left...)
	}
	var right []string
	if m := separatorFirst().FindStringSubmatch(lines[sep]); m != nil && !noise(m[1]) {
		right = append(right, m[1])
	}
	for j := sep + 1; j < len(lines) && len(right) < maxPartyLines; j++ {
		l := lines[j]
		if l != "" && noise(l) {
			continue
		}
		if len(right) == 0 {
			if l == "" || isRoleLine(l) {
				continue
			}
			if k := nextLine(lines, j); k >= 0 && isClerkLabel(lines[k]) {
				j = k
				continue
			}
		}
		if l == "" || isRoleLine(l) || isStopLine(l) || isCourtName(l) || isClerkLabel(l) {
			break
		}
		right = append(right, l)
	}
	c.caps = allCaps(strings.Join(left, " ") + " " + strings.Join(right, " "))
	a, b := c.party(strings.Join(left, " ")), c.party(strings.Join(right, " "))
	if a == "" || b == "" {
		return ""
	}
	return a + " v. " + b
}

var underscores = lazyRegexp(`\s*_+\s*`)

// pleadingNumber is the line number pleading paper prints in the left
// margin (1 to 28), read at the start of each line.
var pleadingNumber = lazyRegexp(`^(?:[1-9]|1\d|2[0-8])(?:\s+|$)`)

// rightNumber is a case number label after a party's text, where a
// two-column caption puts its numbers: "JOHN DOE, No. 08-1234",
// "Plaintiff-Appellant, D.C. No.".
var rightNumber = lazyRegexp(`(?i)\s+(?:(?:d\.\s?c\.|usdc|bap|agency|tax ct\.|district court|originating)\s+)?(?:case\s+)?nos?\.(?:\s.*)?$`)

// numberLead is what may stand before "No." in a label of a line's own
// ("Re: Case No. 19-5555, A v. B").
var numberLead = lazyRegexp(`(?i)(^|:|\b(?:case|docket|appeal|cause|action|civil|criminal))\s*$`)

// cutRightNumber drops a case number label and what follows it when
// the line has a party's text before it (a name and its comma).
func cutRightNumber(line string) string {
	if !mayRightNumber(line) {
		return line // rightNumber needs " No." or " Nos."
	}
	loc := rightNumber().FindStringIndex(line)
	if loc == nil || numberLead().MatchString(line[:loc[0]]) || !strings.Contains(line[:loc[0]], ",") {
		return line
	}
	return line[:loc[0]]
}

// mayRightNumber reports whether line can match rightNumber, which needs
// "no." or "nos.", in any case, after white space. On a line with a byte
// outside ASCII (the long s folds to s) it asks only for a period and
// "no". A line of prose with "not" or "know" in it is ruled out.
func mayRightNumber(line string) bool {
	if hasNonASCII(line) {
		return strings.IndexByte(line, '.') >= 0 && hasNo(line)
	}
	for i := 1; i+2 < len(line); i++ {
		if line[i]|0x20 != 'n' || line[i+1]|0x20 != 'o' || !isSpace(line[i-1]) {
			continue
		}
		if line[i+2] == '.' || line[i+2]|0x20 == 's' && i+3 < len(line) && line[i+3] == '.' {
			return true
		}
	}
	return false
}

// hasNo reports whether s has "no" in any case.
func hasNo(s string) bool {
	for i := 1; i < len(s); i++ {
		if (s[i] == 'o' || s[i] == 'O') && (s[i-1] == 'n' || s[i-1] == 'N') {
			return true
		}
	}
	return false
}

// mayHaveSideColumn reports whether line has what a match of sideColumn
// needs: one of its marks with white space before it and white space or
// the end of line after it, or a run of three white-space characters.
func mayHaveSideColumn(line string) bool {
	run := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case ' ', '\t', '\n', '\r', '\f':
			if run++; run >= 3 {
				return true
			}
			continue
		case ')', ']', '|', '*', ':', 0xc2:
			n := 1
			if c == 0xc2 { // "§" is C2 A7
				if i+1 == len(line) || line[i+1] != 0xa7 {
					break
				}
				n = 2
			}
			if run > 0 && (i+n == len(line) || isSpace(line[i+n])) {
				return true
			}
		}
		run = 0
	}
	return false
}

// joinFields is strings.Join(strings.Fields(line), " "), without building
// anything for a line that is that already: ASCII with single spaces
// between its words.
func joinFields(line string) string {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c >= 0x80 || c != ' ' && isSpace(c) || c == '\v' || c == ' ' && (i == 0 || i == len(line)-1 || line[i+1] == ' ') {
			return strings.Join(strings.Fields(line), " ")
		}
	}
	return line
}

// countFields is len(strings.Fields(s)), without building the fields.
func countFields(s string) int {
	n := 0
	inField := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inField = false
		} else if !inField {
			inField = true
			n++
		}
	}
	return n
}

// numberLabel finds a case number inside a line: "Super. Ct. No. 21STCV05971)".
var numberLabel = lazyRegexp(`(?i)\bnos?\.\s*[\w\-–]*\d`)

// noise reports whether a line of a caption belongs to its other column
// or to a number, not to a party: a lone token with figures ("A168758"),
// a case number, a line with unbalanced parentheses ("(Los Angeles
// County").
func noise(l string) bool {
	if !strings.Contains(l, " ") && strings.ContainsFunc(l, unicode.IsDigit) || utf8.RuneCountInString(l) == 1 {
		return true // "A168758", "CV-05-1234-ABC", a column's "X"
	}
	if strings.HasPrefix(l, "(") && strings.HasSuffix(l, ")") {
		return true // "(W.D. Okla.)", "(D.C. No. 5:06-CV-00376-C)"
	}
	return numberLabel().MatchString(l) || strings.Count(l, "(") != strings.Count(l, ")")
}

// nextLine returns the index of the first non-blank line after i, or -1.
func nextLine(lines []string, i int) int {
	for j := i + 1; j < len(lines); j++ {
		if lines[j] != "" {
			return j
		}
	}
	return -1
}

// inline reads a case name written on one line ("Gildernew v. Gantner",
// "Re: Case No. 17-3994, Island Creek Coal Company v. Linda Hill, et al")
// or broken after the "v." (a syllabus heading).
func (c caption) inline(lines []string, i int, l string) string {
	// inlineCase needs "v." or "vs." in what lineLabel leaves of l, a
	// suffix of it
	if !strings.Contains(l, "v.") && !strings.Contains(l, "vs.") {
		return ""
	}
	short := shortTitle().MatchString(l)
	l = lineLabel().ReplaceAllString(l, "")
	m := inlineCase().FindStringSubmatch(l)
	if m == nil || len(l) > 140 || citeSignal().MatchString(l) || reporterCite().MatchString(l) {
		return ""
	}
	left, right := m[1], m[2]
	if short && right != "" {
		// The clerk's short title is a case name already, cut to a
		// length, not a caption to shorten further.
		right = c.shortTitleRest(lines, i, right)
		c.asPrinted = true
	}
	if right == "" {
		k := nextLine(lines, i)
		if k < 0 || k > i+3 {
			return ""
		}
		right = lines[k]
	}
	right = caseNumberTail().ReplaceAllString(right, "")
	left, right = cutRoleTail(left), cutRoleTail(right)
	if !nameLike(cutEtAl(left)) || !nameLike(cutEtAl(right)) {
		return ""
	}
	c.caps = allCaps(left + " " + right)
	a, b := c.party(left), c.party(right)
	if a == "" || b == "" {
		return ""
	}
	return a + " v. " + b
}

var (
	// shortTitle is a clerk's notice's field for the case name, which
	// wraps onto the next line of the form.
	shortTitle = lazyRegexp(`(?i)^short title\s*:`)
)

// shortTitleRest mends the second side of a short title that the form
// wrapped: a word of the next column read into it ("National CITY)") is
// dropped, and the wrapped rest, on the next line before the next
// field's label ("Football League Playe DC Judge: Failla"), is added.
func (c caption) shortTitleRest(lines []string, i int, right string) string {
	words := strings.Fields(right)
	for len(words) > 1 && strings.Count(words[len(words)-1], ")") > strings.Count(words[len(words)-1], "(") {
		words = words[:len(words)-1]
	}
	right = strings.Join(words, " ")
	k := nextLine(lines, i)
	if k < 0 || k > i+3 {
		return right
	}
	colon := strings.IndexByte(lines[k], ':')
	if colon < 0 {
		return right
	}
	// The label is the word before the colon, with an acronym before it
	// ("DC Judge:").
	words = strings.Fields(lines[k][:colon])
	n := len(words) - 1
	if n > 0 && len(words[n-1]) <= 4 && !strings.ContainsFunc(words[n-1], unicode.IsLower) {
		n--
	}
	if rest := strings.Join(words[:max(n, 0)], " "); rest != "" && nameLike(rest) && !inlineCase().MatchString(rest) {
		right += " " + rest
	}
	return right
}

// nameLike reports whether s reads as a name: every word capitalised
// but the small words names contain, and not too many of them.
func nameLike(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 12 {
		return false
	}
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) || r == '\'' || r == '&' {
			continue
		}
		if i > 0 && smallWords[strings.ToLower(strings.Trim(w, ",."))] {
			continue
		}
		return false
	}
	return true
}

// party turns one side of a caption into the name a citation uses.
func (c caption) party(s string) string {
	s = joinFields(s)
	s = cutRoleTail(s)
	s = cutParenthetical(s)
	s = cutAlias(s)
	s = cutEtAl(s)
	s = cutRoleTail(s)
	if i := strings.IndexByte(s, ';'); i >= 0 {
		s = s[:i]
	}
	s, relator := cutExRel(s)
	s = firstParty(s)
	s = trimEnd(s)
	if s == "" || !strings.ContainsFunc(s, unicode.IsLetter) {
		return ""
	}
	s = c.cite(s)
	if relator != "" {
		if r := c.cite(firstParty(relator)); r != "" {
			s += " ex rel. " + r
		}
	}
	if countFields(s) > maxPartyWords {
		return "" // a paragraph read into the caption, not a name
	}
	return s
}

// cutExRel splits "United States ex rel. Doe" into the party and its
// relator, as exRel matches them, or returns s and "". The expression
// runs only on a side with "rel" in it (in any case: no letter outside
// ASCII folds into r, e or l), which few have.
func cutExRel(s string) (party, relator string) {
	if !containsFoldASCII(s, "rel") {
		return s, ""
	}
	if m := exRel().FindStringSubmatch(s); m != nil {
		return m[1], m[2]
	}
	return s, ""
}

// maxPartyWords is the most words one party's cited name may have.
const maxPartyWords = 15

// trimEnd drops the punctuation after a name, but not the full stop of
// "Inc.", "Co." or "G.G.".
func trimEnd(s string) string {
	s = strings.Trim(s, " ,;:-–—*†‡")
	words := strings.Fields(s)
	if n := len(words); n > 0 && strings.HasSuffix(s, ".") {
		last := strings.TrimSuffix(words[n-1], ".")
		if utf8.RuneCountInString(last) > 3 && !isInitials(words[n-1]) && !corporate().MatchString(last) {
			s = strings.TrimSuffix(s, ".")
		}
	}
	return strings.TrimSpace(s)
}

// corporate matches what may follow a comma inside one party's name.
var corporate = lazyRegexp(`(?i)^(?:inc|incorporated|llc|l\.l\.c|ltd|limited|co|corp|n\.a|p\.c|p\.a|l\.p|llp|l\.l\.p|pllc|p\.l\.l\.c|s\.a|ag|gmbh|plc|jr|sr|ii|iii|iv|esq)\b\.?`)

// firstParty cuts a side of a caption to its first party: before a
// description after a comma ("ERIC FRANKLIN, Warden") or a second party
// ("K2 INC. and K-2 CORPORATION"), keeping the commas of "Gift Surplus,
// LLC" and "Tyson Foods, Inc.".
func firstParty(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		rest := strings.TrimSpace(s[i+1:])
		if m := corporate().FindString(rest); m != "" {
			i += len(s[i+1:]) - len(rest) + len(m)
			continue
		}
		s = s[:i]
		break
	}
	// "K2 Inc. and K-2 Corporation": a second party after a company, or
	// a company after an organisation's name ("Chicago Transit Authority
	// and Clever Devices, Ltd."; not "Deloitte & Touche LLP", not "Bed
	// Bath and Beyond Inc.").
	for _, loc := range listAnd().FindAllStringIndex(s, -1) {
		before := strings.TrimRight(s[:loc[0]], ". ")
		words := strings.Fields(before)
		if len(words) > 0 && corporate().MatchString(strings.Trim(words[len(words)-1], ",")) {
			return s[:loc[0]]
		}
		after := strings.Fields(s[loc[1]:])
		and := strings.EqualFold(strings.TrimSpace(strings.Trim(s[loc[0]:loc[1]], ", ")), "and")
		if and && len(words) >= 2 && len(after) >= 2 && isOrganisation(before) &&
			corporate().MatchString(strings.Trim(after[len(after)-1], ",")) {
			return s[:loc[0]]
		}
		// "JOHN DOE and JANE ROE": two people, each named in full.
		if and && len(words) >= 2 && len(after) >= 2 && !isOrganisation(before) && !isOrganisation(s[loc[1]:]) {
			return s[:loc[0]]
		}
	}
	return s
}

var (
	// docketLine is a caption's case number: "No. 11–889.", "Case No.
	// 21-cv-00485-JCS", "Nos. 08-1234, 08-1235", "Docket No. 08-6301-cv",
	// or the number alone on its line ("2009-1361"). Another court's number
	// ("D.C. No.", "USDC No.", "Originating Case No.") has a label of its
	// own first, so it does not match.
	docketLine = lazyRegexp(`(?i)^(?:(?:case|docket|appeal|cause|civil action|criminal action)\s+)?(?:nos?\.|numbers?|#)\s*:?\s*` +
		`((?:\d{1,2}:)?\d{2}-[a-z]{1,4}-\d{1,6}(?:-[a-z]{1,4})*|[a-z]{0,4}\d{2,4}[-–—][a-z]{0,4}\d{1,6}(?:[-–—][a-z0-9]{1,6})*)\b|` +
		`^(\d{4}[-–—]\d{3,5}|\d{2}[-–—]\d{3,5}(?:-[a-z]{2})?)$`)
)

// captionDocket returns the case number printed in the caption of a
// court document, normalised as the docket tagger does, or "".
func captionDocket(text string) string {
	lines := captionPrep(text, true)
	for _, l := range lines[:min(len(lines), 60)] {
		m := docketLine().FindStringSubmatch(l)
		if m == nil {
			continue
		}
		num := m[1]
		if num == "" {
			num = m[2]
		}
		num = strings.NewReplacer("–", "-", "—", "-").Replace(num)
		if n, ok := entity.NormalizeDocket(num); ok {
			return n
		}
		return num
	}
	return ""
}

// lineDate is a date alone on its line, perhaps in parentheses:
// "(February 5, 2010)", "FEBRUARY 5, 2010".
var lineDate = lazyRegexp(`(?i)^\(?((?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2},\s+\d{4})\)?\.?$`)

// dateLine returns, as YYYY-MM-DD, the first date that stands alone on a
// line of text, or "".
func dateLine(text string) string {
	for _, l := range captionPrep(text, true) {
		m := lineDate().FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if d, err := time.Parse("January 2, 2006", capitalise(strings.ToLower(m[1]))); err == nil {
			return d.Format(time.DateOnly)
		}
	}
	return ""
}
