package entity

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Judges returns the tagger for judges named with their office: "Judge
// Andrea R. Wood", "Magistrate Judge Joseph C. Spero", "Hon. X", "Before:
// A, B, and C, Circuit Judges", "Assigned to: Judge X", and a signature
// block's name above "United States District Judge". Norm is the name
// without the title, in title case when the text shouts it.
//
// A bare surname ("Wood, J.") or "the judge" is not tagged: without the
// title the name could be anyone's.
func Judges() Tagger {
	return judgeTagger{judgeRulesOnce()}
}

// namePat is a personal name: up to five capitalised words or initials on
// one line ("Andrea R. Wood", "EASTERBROOK", "Joseph C. Spero").
// A middle initial may lack its period ("Jill E McCook", "GREGG W ZIVE").
const namePat = `(?:[A-Z]\.|[A-Z][A-Za-z'’-]+\.?)(?:[ \t]+(?:(?:[A-Z]\.){2,3}|[A-Z][A-Za-z'’-]+\.?|[A-Z]\.?|(?:de|van|von|del|la)\b)){0,4}`

var judgeRulesOnce = sync.OnceValue(func() *judgeRules {
	r := &judgeRules{
		titleAt: guide{needles: []string{"judge", "justice"}, before: 60, after: 60, need: needAny("Judge", "Justice", "JUSTICE"), lead: leading("CSMDBAPJ"), word: true,
			can: titleThenName},
		initialAt:   guide{needles: []string{" j.", ",j.", " c.j.", " c. j.", " p.j.", " j.p."}, lines: true, lead: lineStart},
		suffixAt:    guide{needles: []string{"judge", "justice"}, before: 120, after: 10, need: needTitleLast, lead: leading(upper), can: nameThenComma},
		listAt:      guide{needles: []string{"jj", "js.", "justices"}, before: 300, after: 10, need: needAny("JJ", "Js.", "Justices")},
		honAt:       guide{needles: []string{"hon"}, after: 80, need: needAny("Hon"), lead: leading("H"), word: true, can: startsWith(false, "Hon.", "Honorable")},
		assignedAt:  guide{needles: []string{"assigned"}, after: 80, lead: leading("aA"), can: startsWith(true, "assigned")},
		panelAt:     guide{needles: []string{"before"}, after: 220, need: needAny("Judge"), lead: leading("B"), word: true, can: startsWith(false, "BEFORE", "Before")},
		signatureAt: guide{needles: []string{"judge"}, before: 100, after: 10, lines: true, need: needAll("United", "Judge"), lead: lineStart, can: nextLineUnited},
		title:       mustCompile(`\b(?:(?:Chief|Senior|Magistrate|District|Circuit|Bankruptcy|Associate|Presiding)\s+)*(?:Judge|Justice|JUSTICE)(?:[ \t]*:[ \t]*|[ \t]+)(` + namePat + `)`),
		// "Montesano, J.", "CONNORS, J.", "JCL LOBRANO, J., CONCURS"
		initialJ: mustCompile(`(?m)^[ \t]*(?:<[^>\n]*>[ \t]*)*(` + namePat + `),[ \t]*(?:C\.[ \t]?J|P\.[ \t]?J|J\.[ \t]?P|J)\.`),
		// "Josie Garton, Judge.", "Nancy J. Waples, Associate Justice", "James Lawrence Sanchez, District Judge"
		suffix: mustCompile(`(` + namePat + `)(?:,[ \t]*Jr\.)?,[ \t]+(?:(?:Chief|Associate|Presiding|Senior|District|Superior\s+Court|Circuit|County|Magistrate|Trial)[ \t]+)*(?:Justice|Judge)(?:[ \t]+Pro[ \t]+Tem(?:pore)?)?[ \t]*(?:[.,;)]|\n|$)`),
		// the end of a list of judges: "..., JJ.", "... and Alvord, Js.", "..., Justices."
		listEnd:   mustCompile(`,?[ \t]*(?:JJ\.?|Js\.|Justices\b)`),
		listSep:   regexp.MustCompile(`\s*(?:,|;|\band\b|\n|<br>)\s*`),
		listName:  regexp.MustCompile(`^(?:[A-Z][A-Za-z'’-]*\.?|Mc[A-Z][A-Za-z]+)(?:[ \t]+(?:[A-Z]\.|[A-Z][A-Za-z'’-]+\.?|Jr\.|(?:de|van|von|del|la)\b)){0,3}$`),
		listTitle: regexp.MustCompile(`^(?:C\.\s?J\.|J\.\s?P\.|P\.\s?J\.|J\.|JJ\.?|Js\.|Chief Justice|Jr\.)$`),
		hon:       mustCompile(`\bHon(?:\.|orable)\s+(?:Judge\s+)?(` + namePat + `)`),
		assigned:  mustCompile(`(?i:assigned\s+to)\s*:?\s*(?:(?:U\.\s?S\.\s+|Magistrate\s+|District\s+|Chief\s+|Senior\s+|Bankruptcy\s+|Bkptcy\s+|Visiting\s+)*Judge\s+|Hon\.\s+|Honorable\s+)?(` + namePat + `)`),
		panel:     mustCompile(`\b(?:BEFORE|Before)\s*:?\s+((?:[^\n]|\n[^\n]){3,200}?),?\s+(?:Chief\s+)?(?:Circuit|District|Bankruptcy)\s+Judges?\b`),
		signature: mustCompile(`(?m)^[ \t]*(` + namePat + `)[ \t]*\n[ \t]*United\s+States\s+(?:Chief\s+)?(?:District|Magistrate|Circuit|Bankruptcy)\s+Judge\b`),
		presentAt: guide{needles: []string{"present", "before"}, after: 220, lines: true, need: needAny("Judges", "JUDGES", "Justices", "JUSTICES"), lead: leading("BP"), word: true,
			can: startsWith(false, "Present", "PRESENT", "Before", "BEFORE")},
		present:  mustCompile(`(?m)\b(?:Present|PRESENT|Before|BEFORE)\s*:?[ \t]*(?:Judges|JUDGES|Justices|JUSTICES)[ \t]+([^\n]{3,200})$`),
		panelSep: regexp.MustCompile(`(?i),\s*(?:and\s+)?|\s+and\s+`),
		// what the name of a court below or of its judge sits in
		lowerCourtBefore: regexp.MustCompile(`(?i)\b(?:appeal(?:ed|s)?\s+(?:from|to)|trial\s+(?:court\s+)?judge|court\s+below|tried\s+to|county|parish|on\s+(?:appeal|review)\s+from|certified\s+from)\b|\bDC\s+Judge\s*:?\s*$`),
		// "Judge X, in the Superior Court, Onslow County"
		lowerCourtAfter: regexp.MustCompile(`(?i)^(?:,?\s*(?:III|II|IV|Jr\.|Sr\.))?,?\s+(?:in|of|sitting\s+in)\s+the\s+(?:[A-Z][a-z]+\s+)?(?:superior|district|circuit|county|trial|municipal|family|probate|juvenile)\s+court`),
		notJudgeAfter:   regexp.MustCompile(`(?i)^[^.;]{0,40}\b(?:attorney|counsel|esq\b|governor|senator|representative|secretary|mayor|commissioner)`),
		notSitting:      regexp.MustCompile(`(?i)^[^.;]{0,30}\bnot\s+(?:participating|sitting)|^[^.;]{0,12}\brecused`),
	}
	r.guides = guidesOf(r.titleAt, r.honAt, r.assignedAt, r.panelAt, r.signatureAt, r.initialAt, r.suffixAt, r.listAt, r.presentAt)
	return r
})

type judgeRules struct {
	title, hon, assigned, panel, signature, panelSep, present    *regexp.Regexp
	lowerCourtBefore, lowerCourtAfter, notJudgeAfter, notSitting *regexp.Regexp
	initialJ, suffix, listEnd, listSep, listName, listTitle      *regexp.Regexp
	// where the patterns can match; see guide
	titleAt, honAt, assignedAt, panelAt, signatureAt, initialAt, suffixAt, listAt, presentAt guide
	// the needles of the guides, found in one pass
	guides *guides
}

type judgeTagger struct{ r *judgeRules }

// notName reports whether a capitalised word is not part of a person's
// name: words that follow "Judge" in a caption, a docket entry ("Judge
// Sabraw. Jury Trial set", "before Judge Coyle RE: hearing", "Judge
// Barreca's Courtroom") or an organisation's name ("Justice Center").
func notName(w string) bool {
	if len(w) == 2 && w[1] == '.' {
		return false // an initial ("A."), not the article
	}
	w = strings.ToLower(strings.TrimRight(w, ".,:;"))
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if i := strings.IndexByte(w, '-'); i > 0 && nonNameWords[w[:i]] {
		return true // "Conference-September"
	}
	return nonNameWords[w]
}

var nonNameWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the a an in of and for to at on by as or this that these those it its his her their
		advocate judge judges court courts united states department justice justices opinion per reporter chief associate
		senior magistrate district circuit bankruptcy presiding
		signed order orders ordered motion motions hearing hearings trial jury status conference arraignment sentencing
		preliminary minutes minute entry re defendant defendants plaintiff plaintiffs attorney attorneys counsel time
		lodged filed date dated telephone telephonic courtroom ctrm rptr chambers document documents rejecting granting denying
		setting adopting regarding scheduling notice clerk deputy act center centre foundation league institute project
		clinic coalition fund association alliance committee council network society union office agency bureau
		commission board initial appearance change plea detention video reset continued proceedings
		report recommendation memorandum judgment referred reassigned assigned see also cf accord part final pretrial
		accepting vacating striking approving continuing modifying dismissing amending extending terminating
		affirming reversing remanding construing directing requiring staying transferring u.s us usa
		before present presiding retired honorable hon trial judicial pro tem tempore ad hoc appointed recused`) {
		m[w] = true
	}
	return m
}()

// Tag implements Tagger.
func (t judgeTagger) Tag(text string) []Mention {
	return t.tagScan(t.r.guides.scan(text, lowerASCII(text)))
}

func (t judgeTagger) needles() *guides { return t.r.guides }

func (t judgeTagger) tagScan(sc *scan) []Mention {
	r, text := t.r, sc.text
	var spans []span
	// addName adds the name text[start:end]. titled: the name follows its
	// title ("Judge X", "Hon. X", "Assigned to: X"), so it ends at the
	// first sentence end or word that is not a name ("Judge Andrea R.
	// Wood. Northern District" is Andrea R. Wood); otherwise the title
	// follows the name ("X, District Judge"), which starts after the last
	// sentence end ("Bonner County. Lamont C. Berecz").
	addName := func(start, end int, titled bool, role string) {
		if s, e, ok := judgeNameSpan(text, start, end, titled); ok {
			spans = append(spans, span{start: s, end: e, norm: judgeNorm(text[s:e]), role: role})
		}
	}
	for _, p := range []struct {
		g  guide
		re *regexp.Regexp
	}{{r.titleAt, r.title}, {r.honAt, r.hon}, {r.assignedAt, r.assigned}, {r.signatureAt, r.signature}, {r.initialAt, r.initialJ}, {r.suffixAt, r.suffix}} {
		titled := p.re == r.title || p.re == r.hon || p.re == r.assigned
		for _, m := range p.g.find(sc, p.re) {
			role := ""
			if (p.re == r.title || p.re == r.hon) && m[0] > judgeHeadBytes && !startsLine(text, m[0]) {
				// "Judge Murphy, in an opinion joined by Judge Collins":
				// judges discussed in the body are not the document's
				role = RoleCited
			}
			addName(m[2], m[3], titled, role)
		}
	}
	panels := r.panelAt.find(sc, r.panel)
	// "Present: Judges Humphreys, Beales and Lorish"
	panels = append(panels, r.presentAt.find(sc, r.present)...)
	for _, m := range panels {
		list := strings.TrimRight(text[m[2]:m[3]], ". \t")
		at := 0
		for _, sep := range append(r.panelSep.FindAllStringIndex(list, -1), []int{len(list), len(list)}) {
			piece := list[at:sep[0]]
			lead := len(piece) - len(strings.TrimLeft(piece, " \t"))
			s, e := m[2]+at+lead, m[2]+at+len(strings.TrimRight(piece, " \t"))
			if e > s {
				addName(s, e, true, "")
			}
			at = sep[1]
		}
	}
	// Lists ended by "JJ." or "Justices": walk back from the end while
	// the pieces read as names (or as titles, "C. J.", which are skipped).
	for _, m := range r.listAt.find(sc, r.listEnd) {
		from := max(0, m[0]-300)
		for from < m[0] && !utf8.RuneStart(text[from]) {
			from++
		}
		seg := text[from:m[0]]
		if i := strings.LastIndex(seg, "\n\n"); i >= 0 {
			seg, from = seg[i+2:], from+i+2
		}
		if i := strings.LastIndex(seg, ":"); i >= 0 {
			seg, from = seg[i+1:], from+i+1
		}
		seps := r.listSep.FindAllStringIndex(seg, -1)
		end := len(seg)
		for k := len(seps); k >= 0; k-- {
			st := 0
			if k > 0 {
				st = seps[k-1][1]
			}
			piece := seg[st:end]
			if k > 0 {
				end = seps[k-1][0]
			}
			p := strings.TrimSpace(piece)
			if p == "" || r.listTitle.MatchString(p) {
				continue
			}
			if !r.listName.MatchString(p) {
				break
			}
			ps := from + st + strings.Index(piece, p)
			addName(ps, ps+len(p), true, "")
		}
	}
	spans = dropOverlaps(spans)
	// "Judge Kimball" and "Judge Dale A. Kimball" in one document are one
	// judge: a surname alone takes the full name that ends with it.
	full := map[string]string{}
	for _, s := range spans {
		if f := strings.Fields(s.norm); len(f) > 1 {
			k := strings.ToLower(strings.TrimSuffix(f[len(f)-1], "."))
			if k == "jr" || k == "sr" || k == "ii" || k == "iii" {
				if len(f) < 3 {
					continue
				}
				k = strings.ToLower(strings.TrimRight(f[len(f)-2], ".,"))
			}
			if _, ok := full[k]; !ok {
				full[k] = s.norm
			}
		}
	}
	// "Lacy Thornburg" and "Lacy H. Thornburg" are one judge too: the
	// name with the middle initial.
	longest := map[string]string{}
	for _, s := range spans {
		if f := strings.Fields(s.norm); len(f) > 1 {
			k := strings.ToLower(f[0] + " " + f[len(f)-1])
			if len(f) > len(strings.Fields(longest[k])) {
				longest[k] = s.norm
			}
		}
	}
	out := make([]Mention, 0, len(spans))
	for _, s := range spans {
		norm := s.norm
		if f := strings.Fields(norm); len(f) == 1 {
			if n, ok := full[strings.ToLower(f[0])]; ok {
				norm = n
			}
		} else if n := longest[strings.ToLower(f[0]+" "+f[len(f)-1])]; n != "" {
			norm = n
		}
		role := s.role
		switch r.judgeContext(text, s.start, s.end) {
		case notJudge:
			continue
		case lowerCourt:
			role = RoleCited
		}
		out = append(out, newMention(Judge, text, s.start, s.end, norm, role))
	}
	return out
}

// NormalizeJudge writes a judge's name as the judge facet shows it, so
// that a docket's "Assigned to: Judge GREGG W ZIVE" and an entry's "Judge
// Gregg W. Zive" are one value: without titles, in title case when written
// in capitals, with a period after each initial.
func NormalizeJudge(s string) string {
	f := strings.Fields(s)
	for len(f) > 1 && judgeTitleWord(f[0]) {
		f = f[1:]
	}
	if len(f) == 0 || notName(f[0]) {
		return "" // "Assigned to: Part One": a calendar, not a judge
	}
	return judgeNorm(strings.Join(f, " "))
}

func judgeTitleWord(w string) bool {
	switch strings.ToLower(strings.TrimRight(w, ".,:")) {
	case "judge", "hon", "honorable", "the", "chief", "senior", "district", "magistrate", "bankruptcy", "bkptcy",
		"bankr", "u.s", "us", "circuit", "justice", "associate", "presiding", "visiting", "retired":
		return true
	}
	return false
}

// judgeNorm is displayName with a period after each bare initial.
func judgeNorm(s string) string {
	// "L EVAL": a name set in small capitals that the PDF split after its
	// first letter
	if w := strings.Fields(s); len(w) == 2 && len(w[0]) == 1 && isUpperWord(w[0]) && isUpperWord(w[1]) && len(w[1]) > 1 {
		s = w[0] + w[1]
	}
	f := strings.Fields(displayName(s))
	for i, w := range f {
		if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' && i > 0 {
			f[i] = w + "."
		}
	}
	return strings.Join(f, " ")
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

const (
	documentJudge = iota
	lowerCourt    // the judge of the court appealed from, or one not sitting
	notJudge      // "Hon. X, District Attorney": an honorific, not a judge
)

// Words of which every match of a judgeContext pattern has one, lower
// case: each alternative of lowerCourtBefore has one of its words
// ("appeal" of "on appeal from", "dc" of "DC Judge"), notSitting needs
// "participating", "sitting" or "recused", lowerCourtAfter "court", and
// notJudgeAfter one of the offices it names.
var (
	lowerCourtBeforeWords = []string{"appeal", "trial", "below", "tried", "county", "parish", "review", "certified", "dc"}
	notSittingWords       = []string{"participating", "sitting", "recused"}
	lowerCourtAfterWords  = []string{"court"}
	notJudgeAfterWords    = []string{"attorney", "counsel", "esq", "governor", "senator", "representative", "secretary", "mayor", "commissioner"}
)

// mayHave reports whether a case-insensitive pattern every match of which
// has one of words can match s: when s has a byte outside ASCII (the
// long s and the Kelvin sign fold into s and k), or one of words in any
// case.
//
// The words are letters, so a case-insensitive match of one is a match in
// s lowered: s (at most a paragraph) is lowered once, on the stack, and
// each word is looked for with strings.Contains, rather than compared
// letter by letter at every offset (mayFold).
func mayHave(s string, words []string) bool {
	var buf [512]byte
	if len(s) > len(buf) {
		return mayHaveFolded(s, words)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return true
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	// lower is read only while buf lives, and never written through
	lower := unsafe.String(&buf[0], len(s))
	for _, w := range words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// mayHaveFolded is mayHave for a text longer than its buffer.
func mayHaveFolded(s string, words []string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	for _, w := range words {
		if mayFold(s, w) {
			return true
		}
	}
	return false
}

// judgeContext tells the document's own judges from the judges of the
// court below ("Trial Judge: X", "appealed from the Superior Court of Los
// Angeles County, X, Judge", "appealed to the Appellate Court, Bright, C.
// J., and Moll") and from officials styled "Hon." who are not judges.
func (r *judgeRules) judgeContext(text string, start, end int) int {
	after := text[end:min(len(text), end+60)]
	if i := strings.IndexByte(after, '\n'); i >= 0 {
		after = after[:i]
	}
	if mayHave(after, notJudgeAfterWords) && r.notJudgeAfter.MatchString(after) {
		return notJudge
	}
	if mayHave(after, notSittingWords) && r.notSitting.MatchString(after) || mayHave(after, lowerCourtAfterWords) && r.lowerCourtAfter.MatchString(after) {
		return lowerCourt
	}
	from := max(0, start-240)
	for from < start && !utf8.RuneStart(text[from]) {
		from++
	}
	before := text[from:start]
	if i := strings.LastIndex(before, "\n\n"); i >= 0 {
		// the name's paragraph, or the one before too when the name
		// opens its own ("APPEAL FROM ... MAINE / (blank) / [Hon. X,
		// U.S. District Judge]")
		if len(strings.TrimSpace(before[i:])) >= 40 {
			before = before[i+2:]
		} else if j := strings.LastIndex(strings.TrimRight(before[:i], "\n"), "\n\n"); j >= 0 {
			before = before[j+2:]
		}
	}
	// only the sentence the name is in: it starts after a period that
	// ends a word, not an initial ("Bright, C. J., and Moll"); a short
	// one continues the one before ("... Eastern Division. No. 1:19-cv-07868
	// — Robert W. Gettleman, Judge.")
	for i := len(before) - 2; i > 2; i-- {
		if before[i] == '.' && (before[i+1] == ' ' || before[i+1] == '\n') && isLetter(before[i-1]) && isLetter(before[i-2]) && isLetter(before[i-3]) && len(before)-i > 40 {
			before = before[i+1:]
			break
		}
	}
	if mayHave(before, lowerCourtBeforeWords) && r.lowerCourtBefore.MatchString(before) {
		return lowerCourt
	}
	return documentJudge
}

// judgeHeadBytes is how far into a text "Judge X" in running prose still
// names the document's judge: the caption, the docket's header fields.
const judgeHeadBytes = 3000

// startsLine reports whether only white space precedes text[i] on its line.
func startsLine(text string, i int) bool {
	ls, _ := lineAt(text, i)
	return strings.TrimSpace(text[ls:i]) == ""
}

// judgeNameSpan trims a name the patterns matched to the person's name;
// see addName.
func judgeNameSpan(text string, start, end int, titled bool) (int, int, bool) {
	type word struct{ s, e int }
	var ws []word
	for i := start; i < end; {
		for i < end && (text[i] == ' ' || text[i] == '\t') {
			i++
		}
		j := i
		for j < end && text[j] != ' ' && text[j] != '\t' {
			j++
		}
		if j > i {
			ws = append(ws, word{i, j})
		}
		i = j
	}
	// sentenceEnd: a word with a closing period that is not an initial,
	// "Jr." or "Sr." ("Wood.", not "R." or "St.")
	sentenceEnd := func(w string) bool {
		return strings.HasSuffix(w, ".") && len(w) > 2 && w != "Jr." && w != "Sr." && w != "St." && !strings.Contains(w[:len(w)-1], ".")
	}
	if titled {
		n := 0
		for n < len(ws) {
			w := text[ws[n].s:ws[n].e]
			initial := n > 0 && len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' // "Katherine A Crytzer"
			if notName(w) && !initial {
				break
			}
			if i := strings.IndexAny(w, "'’"); i > 0 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")) {
				// "Judge Barreca's courtroom": the name ends here
				ws[n].e = ws[n].s + i
				n++
				break
			}
			n++
			if sentenceEnd(w) {
				break
			}
		}
		ws = ws[:n]
	} else {
		for i := len(ws) - 2; i >= 0; i-- {
			if sentenceEnd(text[ws[i].s:ws[i].e]) {
				ws = ws[i+1:]
				break
			}
		}
		for len(ws) > 0 && notName(text[ws[0].s:ws[0].e]) {
			ws = ws[1:]
		}
	}
	if len(ws) == 0 || notName(text[ws[0].s:ws[0].e]) {
		return 0, 0, false
	}
	s, e := ws[0].s, ws[len(ws)-1].e
	if last := text[ws[len(ws)-1].s:e]; sentenceEnd(last) {
		e-- // "Judge Wood." ends a sentence: the period is not an initial
	}
	if !strings.ContainsFunc(text[s:e], unicode.IsLetter) {
		return 0, 0, false
	}
	return s, e, true
}

// needTitleLast, the suffix guide's need, reports whether a window has
// "Judge" or "Justice" where the suffix pattern ends with it: followed,
// after spaces and tabs, by the window's end, a line break or one of
// ".,;)" — or by "P", which may begin "Pro Tem". A caption's "Judge
// Andrea R. Wood" or a docket's "Judge Smith" has no name before it to
// read back to.
func needTitleLast(text, _ string) bool {
	for _, w := range []string{"Judge", "Justice"} {
		for at := 0; ; {
			i := strings.Index(text[at:], w)
			if i < 0 {
				break
			}
			at += i + len(w)
			j := at
			for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			if j == len(text) {
				return true
			}
			switch text[j] {
			case '.', ',', ';', ')', '\n', 'P':
				return true
			}
		}
	}
	return false
}

// titleThenName, the judge's title guide's can, reports whether s starts
// as the title pattern's matches do: words of rank ("Chief", "Senior",
// "District", ...), each with white space after it, then "Judge",
// "Justice" or "JUSTICE", then spaces or tabs, or a colon between them,
// and the capital a name starts with. Most "Judge"s a window starts at
// are followed by something else ("Judge of the court", "District Court").
func titleThenName(s string) bool {
	for j := 0; ; {
		for _, t := range []string{"Judge", "Justice", "JUSTICE"} {
			if !strings.HasPrefix(s[j:], t) {
				continue
			}
			k := j + len(t)
			for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
				k++
			}
			if k < len(s) && s[k] == ':' {
				k++
				for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
					k++
				}
			} else if k == j+len(t) {
				continue
			}
			if k < len(s) && 'A' <= s[k] && s[k] <= 'Z' {
				return true
			}
		}
		rank := ""
		for _, r := range []string{"Chief", "Senior", "Magistrate", "District", "Circuit", "Bankruptcy", "Associate", "Presiding"} {
			if strings.HasPrefix(s[j:], r) {
				rank = r
				break
			}
		}
		if rank == "" {
			return false
		}
		k := j + len(rank)
		for n := spaceLen(s[k:]); n > 0; n = spaceLen(s[k:]) {
			k += n
		}
		if k == j+len(rank) {
			return false
		}
		j = k
	}
}

// nextLineUnited, the signature guide's can, reports whether the line
// after the first of s starts, after spaces and tabs, with "United": the
// signature pattern's name takes one line, and "United States ... Judge"
// the next.
func nextLineUnited(s string) bool {
	nl := strings.IndexByte(s, '\n')
	if nl < 0 {
		return false
	}
	rest := strings.TrimLeft(s[nl+1:], " \t")
	return strings.HasPrefix(rest, "United")
}
