package indexer

import (
	"encoding/binary"
	"math/bits"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unsafe"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
	"lexsearch/indexer/extract"
)

// lazyRegexp returns a func that compiles pattern on its first call: a
// command that never classifies or titles a document (version, search,
// serve over an index) then does not compile these patterns at start-up.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}

// Signals of each document type, looked for in the first pages only: a
// caption, a database's field labels or a report's front matter is where a
// reader tells what a document is, and deep body text (an article quoting
// "IT IS SO ORDERED") would mislead.
var (
	opinionSignals = lazyRegexp(`(?i)\b(memorandum opinion|opinion and order|memorandum and order|order granting|order denying|` +
		`it is so ordered|on appeal from|appeal from the united states|circuit judges?\b|before:|per curiam)`)
	captionSignals = lazyRegexp(`(?i)(united states (district court|court of appeals|bankruptcy court)|supreme court of the united states|` +
		`\bplaintiffs?\b[\s\S]{0,400}\bv\.[\s\S]{0,400}\bdefendants?\b)`)
	summarySignals = lazyRegexp(`(?i)(base de donn[ée]es jurisprudence|case law database|r[ée]sum[ée] des faits|summary of facts|` +
		`commentaire / faits marquants|headnote|case summary|case brief)`)
	// A report announces itself in its front matter; the word "report"
	// alone is not enough (news articles quote reports all the time).
	reportSignals = lazyRegexp(`(?i)(white paper|executive summary|table of contents|policy brief|annual report|` +
		`key findings|methodology|acknowledg(e)?ments|foreword|glossary)`)
)

// siteChrome matches the lines a scraped web page opens with that are the
// site talking, not the document's title.
// Court filings open with clerks' stamps ("FILED", "[PUBLISH]"), which are
// not titles either.
var siteChrome = lazyRegexp(`(?i)^(welcome to\b|skip to\b|menu$|home$|sign in|log ?in|subscribe|` +
	`stay informed\b|share( this)?$|cookie|accept all|search$|` +
	`\[?(not for publication|unpublished|do not publish|publish|filed|not precedential|precedential)\]?$)`)

// decisionSignals are what a court's decision says of itself: its title
// line ("ORDER", "OPINION", "ORDER AND JUDGMENT"), a slip opinion's
// syllabus, the court's voice ("we affirm", "By the Court:"). classify
// looks for them without the expression (decisionTitled, decisionPhrases)
// where it can.
var decisionSignals = lazyRegexp(`(?im)^\s*(order|opinion|judgment|judgement|order and judg(e)?ment|memorandum|memorandum opinion|decision|` +
	`decision and order|opinion and order|per curiam|opinion of the court|summary order|introduction)\s*[*:.]?\s*$|` +
	`\(slip opinion\)|\bsyllabus\b|\bcertiorari to\b|delivered the opinion|\bby the court:|entered for the court|` +
	`\bwe (affirm|reverse|vacate|remand|dismiss|grant|deny)\b|\bit is so ordered\b|\bis (hereby )?(affirmed|reversed|vacated)\b|` +
	`\bcircuit judges\b|\bbefore:`)

// decisionTitles are the title lines of decisionSignals, lower case; such
// a line may end in "*", ":" or ".".
var decisionTitles = []string{"order", "opinion", "judgment", "judgement", "order and judgment", "order and judgement",
	"memorandum", "memorandum opinion", "decision", "decision and order", "opinion and order", "per curiam",
	"opinion of the court", "summary order", "introduction"}

// decisionPhrases are the other alternatives of decisionSignals, lower
// case, each with a word boundary before it unless it starts with "(" or
// is "delivered"/"entered", and after it when it ends in a letter.
var decisionPhrases = []string{"(slip opinion)", "syllabus", "certiorari to", "delivered the opinion", "by the court:",
	"entered for the court", "we affirm", "we reverse", "we vacate", "we remand", "we dismiss", "we grant", "we deny",
	"it is so ordered", "is affirmed", "is reversed", "is vacated", "is hereby affirmed", "is hereby reversed",
	"is hereby vacated", "circuit judges", "before:"}

// A signal is a regular expression with the words one of its matches must
// contain (in lower case): the expression runs only on text that has one,
// since a case-insensitive alternation costs far more to run over the
// first pages of every document than a search for a few words.
//
// sure are phrases (lower case, each starting with a letter) that are
// whole alternatives of the expression, each with at most a \b before it
// and none after: where one starts a word, the expression matches, and
// it need not run (it would scan the head up to there to say so).
//
// tail, when not 0, says more of the expression: it has no \b and no
// anchor, and each alternative is either one of sure or ends in one of
// words with at most tail bytes before it. A sure phrase anywhere is then
// a match, and else a match ends where one of words does: the expression
// need run only on the tail bytes before each of them.
type signal struct {
	re    func() *regexp.Regexp
	words []string
	sure  []string
	id    int // the signal's masks in phraseTable.signals
	tail  int
}

// match reports whether head matches the signal; low is head in ASCII lower
// case, or "" when lowered could not fold it, and hp the phrases of low.
func (s signal) match(head, low string, hp headPhrases) bool {
	if low == "" {
		return s.re().MatchString(head)
	}
	m := phrases().signals[s.id]
	if s.tail > 0 {
		return hp.any&m.sure != 0 || hp.any&m.words != 0 && s.matchTails(head, low, hp)
	}
	if hp.start&m.sure != 0 {
		return true
	}
	return hp.any&m.words != 0 && s.re().MatchString(head)
}

// matchTails reports whether the expression matches one of the stretches
// of head that end in one of words (hp says which low has), with the tail
// bytes before the word.
func (s signal) matchTails(head, low string, hp headPhrases) bool {
	pt := phrases()
	for _, w := range s.words {
		if hp.any&pt.bit[w] == 0 {
			continue
		}
		for i := 0; ; {
			j := strings.Index(low[i:], w)
			if j < 0 {
				break
			}
			end := i + j + len(w)
			if s.re().MatchString(head[max(0, end-len(w)-s.tail):end]) {
				return true
			}
			i += j + 1
		}
	}
	return false
}

var (
	opinionSignal = signal{opinionSignals, []string{"memorandum opinion", "opinion and order", "memorandum and order",
		"order granting", "order denying", "it is so ordered", "on appeal from", "appeal from the united states",
		"circuit judge", "before:", "per curiam"}, []string{"memorandum opinion", "opinion and order", "memorandum and order",
		"order granting", "order denying", "it is so ordered", "on appeal from", "before:", "per curiam"}, 0, 0}
	captionSignal = signal{captionSignals, []string{"united states district court", "united states court of appeals",
		"united states bankruptcy court", "supreme court of the united states", "plaintiff"}, []string{"united states district court",
		"united states court of appeals", "united states bankruptcy court", "supreme court of the united states"}, 1, 0}
	summarySignal = signal{summarySignals, []string{"jurisprudence", "case law database", "des faits", "summary of facts",
		"faits marquants", "headnote", "case summary", "case brief"}, []string{"case law database", "summary of facts",
		"commentaire / faits marquants", "headnote", "case summary", "case brief"}, 2, len("base de donn\u00e9es ")}
	// reportWords are the front-matter words of reportSignals, one per
	// alternative.
	reportWords = []string{"white paper", "executive summary", "table of contents", "policy brief", "annual report",
		"key findings", "methodology", "acknowledg", "foreword", "glossary"}
)

// lowered is head with A-Z in lower case, byte for byte, or "" when head
// has a letter that case-insensitive matching folds into a-z from outside
// ASCII (the Kelvin sign, the long s): the signals' words are ASCII, so in
// any other text each of their matches is one of those words in lowered.
func lowered(head string) string {
	if foldsIntoASCII(head) {
		return ""
	}
	// One copy, lowered in place eight bytes at a time, and handed back
	// as the string without copying it again: nothing else holds b.
	b := []byte(head)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		// The high bit of a byte of upper is set where the byte is A-Z:
		// at least 'A' and not above 'Z' (adding 0x80-c to the low seven
		// bits sets the high bit exactly when the byte is at least c),
		// and below 0x80. Setting bit 5 there lowers it.
		t := w &^ highBytes
		upper := (t + (0x80-'A')*lowBytes) &^ (t + (0x80-'Z'-1)*lowBytes) &^ w & highBytes
		binary.LittleEndian.PutUint64(b[i:], w|upper>>2)
	}
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// foldsIntoASCII reports whether head has a letter that case-insensitive
// matching folds into a-z from outside ASCII: the Kelvin sign, the long s.
func foldsIntoASCII(head string) bool {
	return strings.Contains(head, "\u212a") || strings.Contains(head, "\u017f")
}

// decided reports whether head matches decisionSignals; hp returns the
// phrases of head lowered, asked for only when head has no title line.
func decided(head string, hp func() headPhrases) bool {
	if foldsIntoASCII(head) {
		return decisionSignals().MatchString(head)
	}
	return decisionTitled(head) || hp().bound&phrases().decision != 0
}

func isWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// decisionTitled reports whether a line of text is only one of
// decisionTitles, in any case (A-Z taken as a-z), between spaces, with at
// most one "*", ":" or "." after it.
func decisionTitled(text string) bool {
	for line := range strings.Lines(text) {
		line = strings.TrimLeft(line, " \t\r\f")
		for _, t := range decisionTitles {
			rest, ok := cutPrefixFold(line, t)
			if ok && titleEnd(rest) {
				return true
			}
		}
	}
	return false
}

// titleEnd reports whether rest, what follows a title at the start of a
// line, is spaces, at most one "*", ":" or ".", and spaces to the end of
// the line (the punctuation may stand on a line of its own below).
func titleEnd(rest string) bool {
	i := 0
	for i < len(rest) && isSpace(rest[i]) {
		if rest[i] == '\n' {
			return true
		}
		i++
	}
	if i == len(rest) {
		return true
	}
	if c := rest[i]; c != '*' && c != ':' && c != '.' {
		return false
	}
	for i++; i < len(rest); i++ {
		if rest[i] == '\n' {
			return true
		}
		if !isSpace(rest[i]) {
			return false
		}
	}
	return true
}

// isSpace is the \s of regular expressions.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// headCaption is the case name in the caption of a document's first
// page, read once: classify asks whether there is one, title what it is.
//
// It also answers courtHeaded of the first page once for fold, classify
// and title, which each used to read the first lines again.
type headCaption struct {
	doc  *corpus.Document
	done bool
	name string

	headedDone, headed bool
	// names serves courtHeaded and the caption's header: both ask
	// about the first lines, and a court's name among them runs the
	// whole of courtName.
	names courtNames
}

// courtHeaded returns courtHeaded of the first page's text; doc must have
// a page.
func (h *headCaption) courtHeaded() bool {
	if !h.headedDone {
		h.headed, h.headedDone = courtHeadedOf(h.doc.Pages[0].Text, &h.names), true
	}
	return h.headed
}

// get returns captionTitle of the first page, the first 200 kB of the
// document as its body; doc must have a page.
func (h *headCaption) get() string {
	if !h.done {
		pages := h.doc.Pages
		h.name = captionTitleOf(pages[0].Text, func() string { return leading(pages, 200000) }, &h.names)
		h.done = true
	}
	return h.name
}

// classify decides the document type (corpus.Type*). Whether the first
// page has a caption does not depend on the body captionTitle is given
// (the body only picks between a person's surnames), so hc, which
// title reads too, answers it.
func classify(doc *corpus.Document, meta extract.Meta, hc *headCaption) string {
	if meta.Type == corpus.TypeDocket {
		return corpus.TypeDocket
	}
	head := leading(doc.Pages, 6000)
	// The head lowered (low) and its phrases are made when first asked
	// for: a court's decision with its title line ("OPINION") needs
	// neither.
	var low string
	var hp headPhrases
	lowDone, scanned := false, false
	lower := func() string {
		if !lowDone {
			low, lowDone = lowered(head), true
		}
		return low
	}
	phr := func() headPhrases {
		if !scanned {
			if l := lower(); l != "" {
				hp = phrases().scan(l)
			}
			scanned = true
		}
		return hp
	}
	// A court's own decision: a court named at the head, a caption, and
	// the decision's voice. A slip opinion's syllabus calls itself a
	// headnote, which is no case summary. The court's name, in the first
	// 30 lines, is looked for before the decision's voice, in the first
	// 6 kB: most documents that are no decision name no court.
	if len(doc.Pages) > 0 && hc.courtHeaded() &&
		decided(head, phr) && hc.get() != "" {
		return corpus.TypeOpinion
	}
	low, hp = lower(), phr()
	switch {
	case summarySignal.match(head, low, hp):
		return corpus.TypeCaseSummary
	case opinionSignal.match(head, low, hp) && (doc.Court != "" || captionSignal.match(head, low, hp)):
		return corpus.TypeOpinion
	case reportLike(head, low, hp):
		return corpus.TypeReport
	}
	return corpus.TypeArticle
}

// reportLike reports whether head has two different report signals. Each
// signal but "acknowledg(e)ments" has one spelling, so text with fewer than
// two of reportWords, that one aside, has fewer than two; in the rest,
// reportKinds counts them without the expression.
func reportLike(head, low string, hp headPhrases) bool {
	if low == "" {
		return distinct(reportSignals().FindAllString(head, -1)) >= 2
	}
	pt := phrases()
	n := bits.OnesCount64(hp.any & pt.report)
	if hp.any&pt.ack != 0 {
		n++
	}
	return n >= 2 && reportKinds(low, 2) >= 2
}

// reportSpellings are the matches reportSignals can make, lower case:
// one per alternative, two for "acknowledg(e)ments". None is a prefix of
// another, so at most one starts at any place.
var reportSpellings = [...]string{"white paper", "executive summary", "table of contents", "policy brief", "annual report",
	"key findings", "methodology", "acknowledgments", "acknowledgements", "foreword", "glossary"}

// reportByFirst is reportSpellings (their indices) by their first byte.
var reportByFirst = func() (t [256][]uint8) {
	for k, s := range reportSpellings {
		t[s[0]] = append(t[s[0]], uint8(k))
	}
	return t
}()

// reportKinds is distinct(reportSignals().FindAllString(head, -1)) for the
// head whose lowered is low, or enough when that is more: the different
// reportSpellings among the matches found from the left, each search
// going on after the last match ("policy brieforeword" has no
// "foreword" to it, as the expression reads it).
func reportKinds(low string, enough int) int {
	var seen uint16
	for i := 0; i < len(low); {
		n := 1
		for _, k := range reportByFirst[low[i]] {
			if s := reportSpellings[k]; strings.HasPrefix(low[i:], s) {
				if seen&(1<<k) == 0 {
					if seen |= 1 << k; bits.OnesCount16(seen) >= enough {
						return enough
					}
				}
				n = len(s)
				break
			}
		}
		i += n
	}
	return bits.OnesCount16(seen)
}

// distinct counts the different strings in s, ignoring case.
func distinct(s []string) int {
	seen := map[string]bool{}
	for _, v := range s {
		seen[strings.ToLower(v)] = true
	}
	return len(seen)
}

// leading returns about the first n bytes of the document's text.
func leading(pages []corpus.Page, n int) string {
	size := 0 // what the loop below writes, to allocate it once
	for _, p := range pages {
		if size >= n {
			break
		}
		size += min(len(p.Text), n-size) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for _, p := range pages {
		if b.Len() >= n {
			break
		}
		b.WriteString(p.Text[:min(len(p.Text), n-b.Len())])
		b.WriteByte('\n')
	}
	return b.String()
}

// title picks the document's title: what the format states, else the case
// name in the caption of a court document (or of a letter or form filed in
// a court), else the first short line of text.
func title(doc *corpus.Document, meta extract.Meta, hc *headCaption) string {
	if meta.CaseName != "" && !notACaseName().MatchString(meta.CaseName) {
		return meta.CaseName
	}
	if doc.Type == corpus.TypeDocket && len(doc.Pages) > 0 {
		// The debtor as the page prints it ("TLC Vision (USA)
		// Corporation, et al." is the case of the debtor and its
		// affiliates).
		if name := labelled(doc.Pages[0].Text, debtorLabel(), true); name != "" {
			return name
		}
		// An adversary proceeding: its plaintiff against its defendant.
		p, d := labelled(doc.Pages[0].Text, plaintiffLabel(), false), labelled(doc.Pages[0].Text, defendantLabel(), false)
		if p != "" && d != "" {
			return p + " v. " + d
		}
	}
	if notACaseName().MatchString(meta.Title) {
		meta.Title = ""
	}
	court := doc.Type == corpus.TypeOpinion || doc.Type == corpus.TypeDocket || doc.Type == corpus.TypeCaseSummary
	if len(doc.Pages) > 0 && meta.Title == "" && (court || hc.courtHeaded()) {
		if name := hc.get(); name != "" {
			return name
		}
	}
	if court && meta.Title == "" {
		if name := caseLine(doc.Pages); name != "" {
			return name
		}
		if name := caseName(doc.Entities); name != "" {
			return name
		}
	}
	if meta.Title != "" {
		return meta.Title
	}
	for _, p := range doc.Pages {
		for line := range strings.Lines(p.Text) {
			line = strings.TrimSpace(line)
			if len(line) >= 3 && len(line) <= 160 && !siteChrome().MatchString(line) && !(court && courtHeader().MatchString(line)) {
				return line
			}
		}
	}
	return doc.Source
}

// notACaseName matches what a docket page's case-name slot may hold that
// is no case name: a bankruptcy chapter, a link's text, a role word, a
// bare number.
var notACaseName = lazyRegexp(`(?i)^\s*(chapter \d+|show associated cases|(plaintiffs?|defendants?|petitioners?|respondents?|debtors?|appellants?|appellees?)|[\d\s:\-–]*|mdl)\s*$`)

// The labels above a party's name in a docket page's party table.
var (
	debtorLabel    = lazyRegexp(`(?i)^(debtor( 1)?|debtor in possession|joint debtor)$`)
	plaintiffLabel = lazyRegexp(`(?i)^plaintiffs?$`)
	defendantLabel = lazyRegexp(`(?i)^defendants?$`)
)

// labelled returns the name under the first line of a docket page that
// is a party label (a bankruptcy case is known by its debtor), or "":
// as printed, or cut to the party's name (no description, no "et al.").
func labelled(text string, label *regexp.Regexp, asPrinted bool) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines[:min(len(lines), 200)] {
		if !label.MatchString(strings.TrimSpace(l)) {
			continue
		}
		for _, n := range lines[i+1 : min(len(lines), i+4)] {
			n = strings.TrimSpace(n)
			if n == "" || strings.Trim(n, "-_ ") == "" {
				continue
			}
			if !strings.ContainsFunc(n, unicode.IsLetter) || len(n) > 120 {
				return ""
			}
			if !strings.ContainsFunc(n, unicode.IsLower) {
				n = titleCase(n)
			}
			if asPrinted {
				return trimEnd(n)
			}
			return trimEnd(firstParty(cutEtAl(n)))
		}
	}
	return ""
}

// courtHeaded reports whether one of the first lines of text names a
// court: a filing, an order or a clerk's letter.
func courtHeaded(text string) bool { return courtHeadedOf(text, nil) }

// courtHeadedOf is courtHeaded, asking names.
func courtHeadedOf(text string, names *courtNames) bool {
	n := 0
	for line := range strings.Lines(text) {
		if n++; n > 30 {
			break
		}
		if l := strings.TrimSpace(line); len(l) < 100 && names.isCourtName(l) {
			return true
		}
	}
	return false
}

// courtName matches a line that names a court.
var courtName = lazyRegexp(`(?i)^((in|for) )?(the )?((united states|u\.s\.) )?(court of appeals|district court|supreme court|bankruptcy court|` +
	`court of (criminal |civil )?appeals)\b|^(in )?the .{0,30}\b(supreme|appellate|superior|district|circuit) court\b|` +
	`^(in )?the .{0,30}\bcourt of (appeals?|criminal appeals)\b|` +
	// "INDIANA TAX COURT", "Court of Federal Claims": a short line that is
	// a court's name (a party named after a court ends in a comma)
	`^(in )?(the )?[\pL.' ]{0,40}\bcourt( of [\pL.' ]{1,50})?$|` +
	`^(the )?(united states )?bankruptcy appellate panel\b`)

// isCourtName reports whether line matches courtName. Every spelling
// courtName knows has "court" or "panel" in it, in any case (letters
// that fold only within ASCII), so most lines are ruled out without
// running the pattern.
//
// Every spelling also starts the line with one of courtNameStarts and
// names a kind of court (courtNameKeys), but for the short line of only
// letters, periods, apostrophes and spaces ("INDIANA TAX COURT"), so a
// line of ASCII that does neither is ruled out too (mayCourtName): a
// sentence that mentions "the court" names no kind of court, and has a
// comma or a figure or goes on after "court".
func isCourtName(line string) bool {
	return (containsFoldASCII(line, "court") || containsFoldASCII(line, "panel")) && mayCourtName(line) && matchCourtName(line)
}

// matchCourtName reports whether courtName matches line, which
// surelyCourtName answers without the expression for the usual
// spelling of a federal court's name ("UNITED STATES DISTRICT COURT").
func matchCourtName(line string) bool {
	return surelyCourtName(line) || courtName().MatchString(line)
}

// courtKinds are the kinds of court the first spelling of courtName
// names, lower case.
var courtKinds = []string{"court of appeals", "district court", "supreme court", "bankruptcy court",
	"court of criminal appeals", "court of civil appeals"}

// surelyCourtName reports whether line starts with the first spelling of
// courtName: "in " or "for ", "the ", "united states " or "u.s. ", each
// or none, then one of courtKinds and no letter, figure or "_" after it.
// Such a line matches courtName; a line it says false of may match
// still.
func surelyCourtName(line string) bool {
	s := line
	if rest, ok := cutPrefixFold(s, "in "); ok {
		s = rest
	} else if rest, ok := cutPrefixFold(s, "for "); ok {
		s = rest
	}
	if rest, ok := cutPrefixFold(s, "the "); ok {
		s = rest
	}
	if rest, ok := cutPrefixFold(s, "united states "); ok {
		s = rest
	} else if rest, ok := cutPrefixFold(s, "u.s. "); ok {
		s = rest
	}
	for _, k := range courtKinds {
		if rest, ok := cutPrefixFold(s, k); ok && (rest == "" || !isWord(rest[0])) {
			return true
		}
	}
	return false
}

// cutPrefixFold is strings.CutPrefix with A-Z in s taken as a-z; prefix
// is lower case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) {
		return s, false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return s, false
		}
	}
	return s[len(prefix):], true
}

// courtNames remembers isCourtName of the lines that ran courtName, for
// the lines of one page asked about twice. A nil *courtNames remembers
// nothing.
type courtNames struct {
	lines []string
	is    []bool
}

// isCourtName is isCourtName(line), from memory when line was asked
// before.
func (m *courtNames) isCourtName(line string) bool {
	if m == nil {
		return isCourtName(line)
	}
	if !(containsFoldASCII(line, "court") || containsFoldASCII(line, "panel")) || !mayCourtName(line) {
		return false
	}
	for i, l := range m.lines {
		if l == line {
			return m.is[i]
		}
	}
	is := matchCourtName(line)
	m.lines, m.is = append(m.lines, line), append(m.is, is)
	return is
}

// courtNameStarts are the words, lower case, one of which opens every
// spelling of courtName but the short line of letters.
var courtNameStarts = []string{"in ", "for ", "the ", "united states ", "u.s. ", "court", "district", "supreme", "bankruptcy"}

// mayCourtName reports whether line can match courtName: when it has a
// byte outside ASCII (\pL, and the letters that fold into ASCII from
// outside it); or it starts with one of courtNameStarts in any case and
// has one of courtNameKeys, the words every spelling but the short line
// has; or it is the short line: nothing but letters, periods,
// apostrophes and spaces, ending in "court" or with "court of " in it.
// A sentence of prose that mentions "the court" has none of the keys.
func mayCourtName(line string) bool {
	if hasNonASCII(line) {
		return true
	}
	for _, w := range courtNameStarts {
		if len(line) >= len(w) && containsFoldASCII(line[:len(w)], w) {
			for _, k := range courtNameKeys {
				if containsFoldASCII(line, k) {
					return true
				}
			}
			break
		}
	}
	for i := 0; i < len(line); i++ {
		if c := line[i]; !('a' <= c|0x20 && c|0x20 <= 'z' || c == '.' || c == '\'' || c == ' ') {
			return false
		}
	}
	return len(line) >= len("court") && containsFoldASCII(line[len(line)-len("court"):], "court") || containsFoldASCII(line, "court of ")
}

// courtNameKeys are words, lower case, one of which is in every spelling
// of courtName that opens with one of courtNameStarts: "court of
// appeals" and "court of criminal appeals" have "appeal", the others a
// kind of court named before "court", or the panel.
var courtNameKeys = []string{"appeal", "district court", "supreme court", "bankruptcy court", "superior court", "appellate court", "circuit court", "panel"}

// containsFoldASCII reports whether s contains word (lower-case ASCII)
// with A-Z in s taken as a-z.
func containsFoldASCII(s, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for j < len(word) && s[i+j]|0x20 == word[j] {
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// shortCaseName matches a line that is only a case name, as opinions
// print it in a running head: "Gildernew v. Gantner".
var shortCaseName = lazyRegexp(`^[A-Z][\pL\d.,'&\- ]{1,60}? v(s)?\. [A-Z][\pL\d.,'&\- ]{1,60}$`)

// isShortCaseName reports whether line matches shortCaseName, which needs
// a capital first and " v. " or " vs. " (the expression is case
// sensitive): most lines of a first page have neither.
func isShortCaseName(line string) bool {
	return line != "" && 'A' <= line[0] && line[0] <= 'Z' &&
		(strings.Contains(line, " v. ") || strings.Contains(line, " vs. ")) && shortCaseName().MatchString(line)
}

// courtHeader matches the lines of a caption that name the court or the
// case number, which are not a title.
var courtHeader = lazyRegexp(`(?i)^((in|for) )?(the )?(united states |u\.s\. )?(court of appeals|district court|supreme court|bankruptcy court|` +
	`(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|d\.c\.|federal) circuit)\b|` +
	`^(no\.|case no\.|docket no\.)?\s*[\d:-]+[a-z-]*$|` +
	`^(january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}, \d{4}$`)

// caseLine returns the first line among the first 60 of the document that
// is only a case name, or "".
func caseLine(pages []corpus.Page) string {
	if len(pages) == 0 {
		return ""
	}
	n := 0
	for line := range strings.Lines(pages[0].Text) {
		if n++; n > 60 {
			break
		}
		if line = strings.TrimSpace(line); isShortCaseName(line) {
			return line
		}
	}
	return ""
}

// roleWord matches a party "name" that is only a caption's role label, a
// tagger slip that must not become a title.
var roleWord = lazyRegexp(`(?i)^(plaintiffs?|defendants?|appellants?|appellees?|petitioners?|respondents?)$`)

// caseName builds "Plaintiff v. Defendant" from the first party of each
// role in the caption.
func caseName(mentions []corpus.Entity) string {
	var plaintiff, defendant string
	for _, m := range mentions {
		switch {
		case m.Kind != string(entity.Party), roleWord().MatchString(m.Norm):
		case m.Role == entity.RolePlaintiff && plaintiff == "":
			plaintiff = m.Norm
		case m.Role == entity.RoleDefendant && defendant == "":
			defendant = m.Norm
		}
	}
	// The tagger's names may still carry a role or an alias ("Plaintiff -
	// v. JERROLD MARTIN, also known as Jay"): cite them as a caption.
	var c caption
	c.caps = allCaps(plaintiff + " " + defendant)
	plaintiff, defendant = c.party(plaintiff), c.party(defendant)
	if plaintiff == "" || defendant == "" || roleWord().MatchString(plaintiff) || roleWord().MatchString(defendant) {
		return ""
	}
	return plaintiff + " v. " + defendant
}
