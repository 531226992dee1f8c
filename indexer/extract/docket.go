package extract

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A docket is what parseDocket reads off a PACER docket sheet.
type docket struct {
	meta Meta
	text string
}

// Docket sheets come from CM/ECF in two families: district and
// bankruptcy courts ("CIVIL DOCKET FOR CASE #: 3:08-cv-00159-WHA", fields
// as "Label: value" lines, parties under underlined role headings) and the
// courts of appeals ("General Docket", "Court of Appeals Docket #:",
// parties as "NAME / role" cells). Both put entries in rows that start with
// a filing date. The patterns below read the labels as PACER prints them.
var (
	districtMarker = regexp.MustCompile(`(?i)(?:DOCKET FOR CASE|Bankruptcy Petition|Adversary Proceeding) #:\s*(MDL\s+No\.?\s*\d+|\S+)`)
	// a docket number's trailing judges' initials: "17-80033-CRJ7"
	judgeInitials = regexp.MustCompile(`(?:-[A-Za-z]{2,4}\d{0,2})+$`)
	bankrMarker   = regexp.MustCompile(`(?i)(Bankruptcy Petition|Adversary Proceeding) #:`)
	// a caption line that names the case although it holds a colon
	inReCaption = regexp.MustCompile(`(?i)^(?:in\s+re\b|in\s+the\s+matter\s+of\b|matter\s+of\b|ex\s+parte\b)`)
	// what is never a case name: a role, a chapter, a number or date
	notCaseName     = regexp.MustCompile(`(?i)^(?:(?:plaintiffs?|defendants?|petitioners?|respondents?|appellants?|appellees?|debtors?|movants?|v\.?|vs\.?)\s*[-–—]?\s*$|chapter\s+\d+|show\s+associated\s+cases|[\d/:.\- ]+$|(?:civil|criminal)\s+docket|mdl\s+no)`)
	appellateMarker = regexp.MustCompile(`(?i)(?:Docket #|Case Number)\s*:\s*(\S+)`)
	civilDocket     = regexp.MustCompile(`\d{1,2}:\d{2}-[A-Za-z]{1,4}-\d{2,6}|^\d{2}-\d{4,6}`)
	labelLine       = regexp.MustCompile(`^(Assigned to|Cause|Date [Ff]iled|Date Terminated|Nature of Suit|Docketed|Termed|Appeal From|Case title|Lead BK Title)\s*:\s*(.*)$`)
	anyLabel        = regexp.MustCompile(`^[A-Z][A-Za-z ./']{1,40}:`)
	usDateRe        = regexp.MustCompile(`\b(\d{1,2}/\d{1,2}/\d{2}(?:\d{2})?)\b`)
	entryDate       = regexp.MustCompile(`^\d{1,2}/\d{1,2}/\d{4}$`)
	honorific       = regexp.MustCompile(`^(?i:(?:the\s+)?(?:hon\.?|honorable|chief|senior|district|magistrate|bankruptcy|u\.s\.|judge)\s+)+`)
	etAl            = regexp.MustCompile(`(?i),?\s+et\s+al\b\.?,?`)
	versus          = regexp.MustCompile(`\s+(?:vs\.?|V\.)\s+`)
	partyRole       = regexp.MustCompile(`(?i)\b(plaintiff|defendant|petitioner|respondent|appellant|appellee|intervenor|movant|claimant|debtor|creditor|trustee|interested party|amicus|witness|garnishee|counter[- ]?(?:claimant|defendant)|cross[- ]?(?:claimant|defendant)|third[- ]party|miscellaneous party|objector|applicant|mediator|consolidated|in re|special master|notice party|unknown)`)
	// notRole are the headings of a criminal docket's charge sections,
	// set like party roles but listing counts, not parties.
	notRole = regexp.MustCompile(`(?i)counts|offense|complaints|disposition`)
	// courtHeading is a line of the heading above the docket number that
	// names the court: "U.S. BANKRUPTCY COURT", "California Northern
	// District (San Francisco)", "United States Judicial Panel on
	// Multidistrict Litigation".
	courtHeading = regexp.MustCompile(`(?i)\b(?:court|district|panel|tribunal)\b`)
	roleNumber   = regexp.MustCompile(`\s*\(\d+\)$`)
	leadingUSA   = regexp.MustCompile(`^USA\s+v\.`)
	trailingUSA  = regexp.MustCompile(`\bv\.\s+USA$`)
)

// parseDocket reads a PACER docket sheet; body is the page's bodyText. It reports false for any other
// page, including PACER's error and "no entries" pages, which carry the
// docket heading but neither parties nor entries.
func parseDocket(doc *html.Node, body pageBody) (docket, bool) {
	raw := body.text
	var lines []string
	for _, l := range strings.Split(raw, "\n") {
		if l = normalizeInline(l); l != "" {
			lines = append(lines, l)
		}
	}
	var d docket
	m := &d.meta
	appellate := false
	if mm := districtMatch(raw); mm != nil {
		m.DocketNumber = mm[1]
		if c := civilDocket.FindString(mm[1]); c != "" {
			m.DocketNumber = c // drop the judges' initials: the case is the same
		} else {
			// "17-80033-CRJ7", "8-09-78585-ast": the same
			m.DocketNumber = judgeInitials.ReplaceAllString(mm[1], "")
		}
	} else if mm := appellateMatch(raw); mm != nil && strings.Contains(raw, "Docket") {
		m.DocketNumber, appellate = mm[1], true
	} else {
		return docket{}, false
	}
	m.Entries = docketEntries(doc)
	bankr := ""
	if bm := bankrMatch(raw); bm != nil && !appellate {
		bankr = strings.ToLower(bm[1])
		m.Parties = bankruptcyParties(doc)
	}
	if len(m.Parties) == 0 {
		m.Parties = districtParties(doc)
	}
	if len(m.Parties) == 0 {
		m.Parties = appellateParties(doc)
	}
	if len(m.Entries) == 0 && len(m.Parties) == 0 && !hasCaseFields(lines) {
		return docket{}, false
	}
	m.Type = "docket"
	leadTitle := readLabels(m, lines, appellate)
	switch bankr {
	case "bankruptcy petition":
		// A bankruptcy case is named for its debtor, or the first of
		// its consolidated debtors.
		for _, p := range m.Parties {
			if p.Role == "debtor" || m.CaseName == "" && strings.Contains(p.Role, "debtor") {
				m.CaseName = p.Name
			}
			if p.Role == "debtor" {
				break
			}
		}
	case "adversary proceeding":
		if leadTitle != "" {
			m.CaseName = leadTitle + " - Adversary Proceeding"
		}
	}
	m.Court = docketCourt(lines, appellate)
	// The page text is the page as rendered for reading; should the
	// chrome filter ever drop part of the entries table, fall back to
	// everything, so that every entry stays searchable.
	// Where the content is the body and nothing of it is chrome, the
	// two texts are one, and which is taken makes no difference.
	if d.text = contentText(doc, body); d.text != raw && !containsEntries(d.text, m.Entries) {
		d.text = raw
	}
	m.Title = m.CaseName
	return d, true
}

// labelNames are the labels labelLine reads, each of which starts its
// line.
var labelNames = []string{"Assigned to", "Cause", "Date Filed", "Date filed", "Date Terminated", "Nature of Suit",
	"Docketed", "Termed", "Appeal From", "Case title", "Lead BK Title"}

// hasLabelName reports whether l starts with one of labelNames, as every
// line labelLine matches does: the entries' and parties' lines, most of
// a docket, do not run the pattern.
func hasLabelName(l string) bool {
	for _, n := range labelNames {
		if strings.HasPrefix(l, n) {
			return true
		}
	}
	return false
}

// readLabels fills the "Label: value" fields and the case name, which is
// the line before "Assigned to:" (district) or "Appeal From:" (appeals).
// It returns an adversary proceeding's "Lead BK Title", the case it is
// part of.
func readLabels(m *Meta, lines []string, appellate bool) (leadTitle string) {
	for i, l := range lines {
		if !hasLabelName(l) {
			continue
		}
		lm := labelLine.FindStringSubmatch(l)
		if lm == nil {
			continue
		}
		val := strings.TrimSpace(lm[2])
		switch lm[1] {
		case "Case title":
			m.CaseName = caseName(val)
		case "Lead BK Title":
			setOnce(&leadTitle, val)
		case "Assigned to":
			setOnce(&m.Judge, judgeName(val))
		case "Appeal From":
			if appellate && i > 0 && m.CaseName == "" {
				m.CaseName = caseName(lines[i-1])
			}
		case "Cause":
			setOnce(&m.Cause, val)
		case "Nature of Suit":
			setOnce(&m.NatureOfSuit, val)
		case "Date Filed", "Date filed":
			if !appellate {
				setOnce(&m.DateFiled, firstDate(val))
			}
		case "Date Terminated":
			if !appellate {
				setOnce(&m.DateTerminated, firstDate(val))
			}
		case "Docketed":
			if appellate {
				setOnce(&m.DateFiled, firstDate(val))
			}
		case "Termed":
			if appellate {
				setOnce(&m.DateTerminated, firstDate(val))
			}
		}
	}
	if !appellate && m.CaseName == "" {
		// The caption is the first line after the docket heading that is
		// not a "Label: value" line.
		for i, l := range lines {
			if !districtLine(l) {
				continue
			}
			for _, c := range lines[i+1:] {
				if notCaseName.MatchString(c) {
					continue
				}
				if !anyLabel.MatchString(c) || inReCaption.MatchString(c) {
					m.CaseName = caseName(c)
					break
				}
			}
			break
		}
	}
	if appellate {
		// The appellate header prints "Docketed:" and "Termed:" on the
		// docket number's line, where the label pattern does not look.
		for _, l := range lines {
			if i := strings.Index(l, "Docketed:"); i >= 0 {
				setOnce(&m.DateFiled, firstDate(l[i:]))
			}
			if i := strings.Index(l, "Termed:"); i >= 0 {
				setOnce(&m.DateTerminated, firstDate(l[i:]))
			}
		}
	}
	return leadTitle
}

// hasCaseFields reports whether a docket page without parties or entries
// still reads as a case's docket sheet (a criminal docket whose parties
// PACER left out): it has the case's own fields.
func hasCaseFields(lines []string) bool {
	n := 0
	for _, l := range lines {
		if lm := labelLine.FindStringSubmatch(l); lm != nil && strings.TrimSpace(lm[2]) != "" {
			switch lm[1] {
			case "Case title", "Assigned to", "Date Filed", "Date filed":
				n++
			}
		}
	}
	return n >= 2
}

// bankruptcyParties reads the party cells of bankruptcy court dockets: a
// role set in bold italics (<i><b>Debtor</b></i>) or as a bold heading
// over a rule (<b>Plaintiff<br>-----</b>), then the party's name in bold,
// in the same cell or in the first cell of a later row, until the next
// role. Counsel's names, in the cells after "represented by", are not
// parties.
func bankruptcyParties(doc *html.Node) []Party {
	var out []Party
	role := ""
	for _, tr := range allElements(doc, atom.Tr) {
		cells := rowCells(tr)
		if len(cells) == 0 || len(allElements(cells[0], atom.Td)) > 1 {
			continue // no cells, or a cell that holds a table: its rows are read themselves
		}
		td := cells[0]
		for _, b := range allElements(td, atom.B) {
			if b.Parent != nil && b.Parent.DataAtom == atom.B {
				continue // nested bold: read with its parent
			}
			text := inlineNormal(b)
			if strings.Contains(text, "---") || hasAncestor(b, atom.I, td) {
				r := strings.TrimSpace(strings.Trim(text, "- "))
				if r != "" && len(r) <= 40 && !strings.ContainsAny(r, "0123456789:") {
					role = strings.ToLower(r)
				}
				continue
			}
			if role != "" && text != "" && !strings.Contains(text, ":") {
				out = appendParty(out, Party{Name: text, Role: role})
			}
			break // one party to a cell
		}
	}
	return out
}

// hasAncestor reports whether n sits inside an element of type a below top.
func hasAncestor(n *html.Node, a atom.Atom, top *html.Node) bool {
	for p := n.Parent; p != nil && p != top; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == a {
			return true
		}
	}
	return false
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func firstDate(s string) string {
	m := usDateRe.FindString(s)
	if m == "" {
		return ""
	}
	d, _ := usDate(m)
	return d
}

// caseName tidies a caption line the way case names are cited: without
// "et al", and with PACER's "USA" spelled out.
func caseName(s string) string {
	s = etAl.ReplaceAllString(strings.TrimSpace(s), "")
	s = versus.ReplaceAllString(s, " v. ")
	s = leadingUSA.ReplaceAllString(s, "United States v.")
	s = trailingUSA.ReplaceAllString(s, "v. United States")
	return s
}

// judgeName strips titles from "Assigned to: District Judge T. S. Ellis, III".
func judgeName(s string) string {
	s = strings.TrimSpace(honorific.ReplaceAllString(strings.TrimSpace(s), ""))
	s = strings.Replace(s, ", III", " III", 1)
	// "Howard R Tallman" is Howard R. Tallman: a bare middle initial
	// takes its period
	f := strings.Fields(s)
	for i := 1; i < len(f)-1; i++ {
		if len(f[i]) == 1 && f[i][0] >= 'A' && f[i][0] <= 'Z' {
			f[i] += "."
		}
	}
	return strings.Join(f, " ")
}

// docketCourt returns the court as the heading names it.
func docketCourt(lines []string, appellate bool) string {
	for i, l := range lines {
		if appellate {
			if strings.EqualFold(l, "General Docket") && i+1 < len(lines) {
				return lines[i+1]
			}
			continue
		}
		if districtLine(l) {
			var parts []string
			for j := max(0, i-3); j < i; j++ {
				if courtHeading.MatchString(lines[j]) {
					parts = append(parts, lines[j])
				}
			}
			return strings.Join(parts, ", ")
		}
	}
	return ""
}

// docketEntries reads every table row that starts with a filing date: the
// last cell is the docket text, a middle cell of digits the number.
func docketEntries(doc *html.Node) []Entry {
	var out []Entry
	for _, tr := range allElements(doc, atom.Tr) {
		cells := rowCells(tr)
		if len(cells) < 2 {
			continue
		}
		date := strings.TrimSpace(inlineNormal(cells[0]))
		if !entryDate.MatchString(date) {
			continue
		}
		text := inlineNormal(cells[len(cells)-1])
		if !strings.ContainsFunc(text, unicode.IsLetter) {
			continue // a row of dates (the originating court's), not an entry
		}
		e := Entry{Text: text}
		e.Date, _ = usDate(date)
		if len(cells) >= 3 {
			if n := strings.TrimSpace(inlineNormal(cells[1])); isDigits(n) {
				e.Number = n
			}
		}
		out = append(out, e)
	}
	return out
}

// districtParties reads parties listed under underlined role headings:
// a row whose first cell is <b><u>Plaintiff</u></b> sets the role of the
// rows after it, each naming a party in bold in its first cell. Any such
// heading is a role ("Special Master", "Victim Witness Coordinator") except
// the charge sections of criminal dockets ("Pending Counts", ...), which
// stop the run.
func districtParties(doc *html.Node) []Party {
	var out []Party
	role := ""
	for _, tr := range allElements(doc, atom.Tr) {
		cells := rowCells(tr)
		if len(cells) == 0 {
			continue
		}
		first := cells[0]
		if u := find(first, isAtom(atom.U)); u != nil && find(first, isAtom(atom.B)) != nil {
			h := roleNumber.ReplaceAllString(inlineNormal(u), "")
			role = ""
			if h != "" && !notRole.MatchString(h) {
				role = strings.ToLower(h)
			}
			continue
		}
		if role == "" {
			continue
		}
		if b := find(first, isAtom(atom.B)); b != nil {
			if name := inlineNormal(b); name != "" {
				out = appendParty(out, Party{Name: name, Role: role})
			}
		}
	}
	return out
}

// appellateParties reads the courts of appeals' party cells: the name on
// the first line, the role ("Plaintiff - Appellee") on the last.
func appellateParties(doc *html.Node) []Party {
	var out []Party
	for _, td := range allElements(doc, atom.Td) {
		if attr(td, "width") != "50%" {
			continue
		}
		var lines []string
		for _, l := range strings.Split(nodeText(td, true), "\n") {
			if l = normalizeInline(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) < 2 || len(lines) > 6 {
			continue
		}
		role := strings.Trim(lines[len(lines)-1], " ,;")
		if !partyRole.MatchString(role) || len(role) > 60 {
			continue
		}
		out = appendParty(out, Party{Name: lines[0], Role: strings.ToLower(role)})
	}
	return out
}

func appendParty(ps []Party, p Party) []Party {
	for _, q := range ps {
		if q == p {
			return ps
		}
	}
	return append(ps, p)
}

// allElements returns every element of type a under n, nested ones too.
func allElements(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == a {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// rowCells returns the td and th children of a table row.
func rowCells(tr *html.Node) []*html.Node {
	cells := make([]*html.Node, 0, 4) // a docket row has 2 to 4: one allocation
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			cells = append(cells, c)
		}
	}
	return cells
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// containsEntries reports whether text holds the start of every entry.
func containsEntries(text string, es []Entry) bool {
	flat := squashSpaces(normalizeText(text))
	for _, e := range es {
		probe := e.Text
		if len(probe) > 40 {
			probe = probe[:40]
		}
		if !strings.Contains(flat, squashSpaces(probe)) {
			return false
		}
	}
	return true
}
