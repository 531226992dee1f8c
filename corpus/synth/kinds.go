package synth

import (
	"fmt"
	"html"
	"strings"
)

// caseParties draws a plaintiff and a defendant.
func (g *Generator) caseParties(criminal bool) (plaintiff, defendant string) {
	if criminal {
		return "United States of America", g.person()
	}
	return g.plaintiff(), pick(g, companies)
}

// citations draws up to three full case citations.
func (g *Generator) citations() (written, norms []string) {
	for k := g.rng.IntN(4); k > 0; k-- {
		w, n := g.citation()
		written, norms = append(written, w), append(norms, n)
	}
	return written, norms
}

func names(sts []statute) []string {
	out := make([]string, len(sts))
	for i, s := range sts {
		out[i] = s.norm
	}
	return out
}

// opinion: a district or circuit decision, as text (one in twelve as PDF).
func (g *Generator) opinion(n int) *Doc {
	c := pick(g, courts)
	iso, year := g.date()
	criminal := g.rng.IntN(6) == 0
	p, d := g.caseParties(criminal)
	sts := g.statutes()
	cites, norms := g.citations()
	docket := docketNumber(g, year, c.appeals)

	var judges []string
	var head strings.Builder
	fmt.Fprintf(&head, "%s\n\n%s,\n%s,\n\nv.\n\n%s,\n%s.\n\n", c.caption, strings.ToUpper(p), role(c.appeals, true), strings.ToUpper(d), role(c.appeals, false))
	if c.appeals {
		fmt.Fprintf(&head, "No. %s\n\nAppeal from the United States District Court\n\nArgued and Submitted %s\nFiled %s\n\n", docket, longDate(iso), longDate(iso))
		judges = []string{g.person(), g.person(), g.person()}
		fmt.Fprintf(&head, "Before: %s, %s, and %s, Circuit Judges.\n\nOpinion by Judge %s\n\nOPINION\n\n", judges[0], judges[1], judges[2], lastName(judges[0]))
	} else {
		judges = []string{g.person()}
		fmt.Fprintf(&head, "Case No. %s\n\nMEMORANDUM OPINION AND ORDER\n\n", docket)
	}
	paras := g.body(g.size(), append(g.mentions(sts, cites), g.plants()...))
	var text strings.Builder
	text.WriteString(head.String())
	headings := []string{"I. BACKGROUND", "II. LEGAL STANDARD", "III. DISCUSSION", "IV. CONCLUSION"}
	for i, para := range paras {
		if k := i * len(headings) / len(paras); i == 0 || k != (i-1)*len(headings)/len(paras) {
			text.WriteString(headings[k] + "\n\n")
		}
		text.WriteString(para + "\n\n")
	}
	if c.appeals {
		text.WriteString("AFFIRMED.\n")
	} else {
		fmt.Fprintf(&text, "IT IS SO ORDERED.\n\nDated: %s\n\n%s\nUnited States District Judge\n", longDate(iso), strings.ToUpper(judges[0]))
	}
	doc := &Doc{
		Type: "opinion", Title: fmt.Sprintf("%s v. %s", p, d), Court: c.id,
		Statutes: names(sts), Parties: []string{p, d}, Judges: judges, Citations: norms,
		Year: year, Date: iso, Text: text.String(),
	}
	if g.rng.IntN(12) == 0 {
		doc.Format, doc.Path, doc.Data = "pdf", docPath(n, "opinion", "pdf"), pdfFile(doc.Text)
	} else {
		doc.Format, doc.Path, doc.Data = "txt", docPath(n, "opinion", "txt"), []byte(doc.Text)
	}
	return doc
}

func role(appeals, plaintiff bool) string {
	switch {
	case appeals && plaintiff:
		return "Plaintiff-Appellant"
	case appeals:
		return "Defendant-Appellee"
	case plaintiff:
		return "Plaintiff"
	}
	return "Defendant"
}

func lastName(full string) string {
	f := strings.Fields(full)
	return f[len(f)-1]
}

// docket: a PACER-style civil docket sheet as HTML.
func (g *Generator) docket(n int) *Doc {
	c := pick(g, courts[:12])
	iso, year := g.date()
	p, d := g.caseParties(false)
	sts := g.statutes()
	judge := g.person()
	number := docketNumber(g, year, false)
	var y, m, day int
	fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &day)
	filed := fmt.Sprintf("%02d/%02d/%04d", m, day, y)

	var text, b strings.Builder
	b.WriteString("<html><head><title>CM/ECF - U.S. District Court</title></head><body>\n")
	line := func(tag, s string) {
		fmt.Fprintf(&b, "<%s>%s</%s>\n", tag, html.EscapeString(s), tag)
		text.WriteString(s + "\n")
	}
	line("h3", "U.S. District Court")
	line("h3", c.pacer)
	line("h3", "CIVIL DOCKET FOR CASE #: "+number)
	line("p", fmt.Sprintf("%s v. %s", p, d))
	line("p", "Assigned to: Judge "+judge)
	line("p", "Date Filed: "+filed)
	line("p", fmt.Sprintf("Cause: %s Civil Remedy", sts[0].written))
	line("p", "Nature of Suit: 890 Other Statutory Actions")
	b.WriteString("<table>\n")
	fmt.Fprintf(&b, "<tr><td><b>Plaintiff</b></td><td><b>%s</b></td></tr>\n", html.EscapeString(p))
	fmt.Fprintf(&b, "<tr><td><b>Defendant</b></td><td><b>%s</b></td></tr>\n", html.EscapeString(d))
	b.WriteString("</table>\n<table>\n<tr><th>Date Filed</th><th>#</th><th>Docket Text</th></tr>\n")
	text.WriteString(fmt.Sprintf("Plaintiff %s\nDefendant %s\n", p, d))
	entries := 8 + g.rng.IntN(30)
	for i := 1; i <= entries; i++ {
		s := g.sentence()
		if i == 1 {
			s = fmt.Sprintf("COMPLAINT against %s alleging violations of %s. %s", d, strings.Join(written(sts), ", "), s)
		}
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%d</td><td>%s</td></tr>\n", filed, i, html.EscapeString(s))
		text.WriteString(s + "\n")
	}
	for _, s := range g.plants() {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%d</td><td>%s</td></tr>\n", filed, entries+1, html.EscapeString(s))
		text.WriteString(s + "\n")
	}
	b.WriteString("</table>\n</body></html>\n")
	return &Doc{
		Path: docPath(n, "docket", "html"), Type: "docket", Format: "html",
		Title: fmt.Sprintf("%s v. %s", p, d), Court: c.id, Statutes: names(sts),
		Parties: []string{p, d}, Judges: []string{judge}, Year: year, Date: iso,
		Text: text.String(), Data: []byte(b.String()),
	}
}

func written(sts []statute) []string {
	out := make([]string, len(sts))
	for i, s := range sts {
		out[i] = s.written
	}
	return out
}

// summary: a case-law database entry as text.
func (g *Generator) summary(n int) *Doc {
	c := pick(g, courts)
	iso, year := g.date()
	p, d := g.caseParties(g.rng.IntN(4) == 0)
	sts := g.statutes()
	cites, norms := g.citations()
	var text strings.Builder
	fmt.Fprintf(&text, "Case Summary\n\n%s v. %s\n\nCourt: %s\nDecision date: %s\nStatutes: %s\n\nSummary\n\n",
		p, d, c.caption, longDate(iso), strings.Join(written(sts), "; "))
	for _, para := range g.body(g.size()/2, append(g.mentions(sts, cites), g.plants()...)) {
		text.WriteString(para + "\n\n")
	}
	return &Doc{
		Path: docPath(n, "summary", "txt"), Type: "case-summary", Format: "txt",
		Title: fmt.Sprintf("%s v. %s", p, d), Court: c.id, Statutes: names(sts),
		Parties: []string{p, d}, Citations: norms, Year: year, Date: iso,
		Text: text.String(), Data: []byte(text.String()),
	}
}

var reportTitles = []string{
	"Combating Online Sex Trafficking", "Platform Accountability and Survivors", "The Effects of FOSTA on Online Markets",
	"Hotel Industry Liability under the TVPRA", "Section 230 and Its Limits", "Civil Remedies for Trafficking Survivors",
}

// report: a white paper as Markdown with numbered chapters.
func (g *Generator) report(n int) *Doc {
	iso, year := g.date()
	sts := g.statutes()
	title := fmt.Sprintf("%s: %s", uniform(g, reportTitles), strings.ToUpper(g.words[g.zipf.Uint64()][:1])+g.words[g.zipf.Uint64()][1:])
	var md, text strings.Builder
	fmt.Fprintf(&md, "# %s\n\n*Published %s*\n\n", title, longDate(iso))
	fmt.Fprintf(&text, "%s\n\nPublished %s\n\n", title, longDate(iso))
	paras := g.body(g.size(), append(g.mentions(sts, nil), g.plants()...))
	chapters := []string{"Introduction", "The Legal Framework", "Findings", "Recommendations"}
	for i, para := range paras {
		if k := i * len(chapters) / len(paras); i == 0 || k != (i-1)*len(chapters)/len(paras) {
			fmt.Fprintf(&md, "## %d. %s\n\n", k+1, chapters[k])
			fmt.Fprintf(&text, "%d. %s\n\n", k+1, chapters[k])
		}
		md.WriteString(para + "\n\n")
		text.WriteString(para + "\n\n")
	}
	return &Doc{
		Path: docPath(n, "report", "md"), Type: "report", Format: "md", Title: title,
		Statutes: names(sts), Year: year, Date: iso, Text: text.String(), Data: []byte(md.String()),
	}
}

// article: a news or blog page, with navigation and a comment form around it.
func (g *Generator) article(n int) *Doc {
	iso, year := g.date()
	sts := g.statutes()
	title := fmt.Sprintf("Survivors' lawsuit against %s moves forward", strings.TrimSuffix(pick(g, companies), ","))
	var b, text strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html><head><title>%s | Example News</title></head><body>\n", html.EscapeString(title))
	b.WriteString("<nav><a href=\"/\">Home</a> <a href=\"/politics\">Politics</a> <a href=\"/tech\">Tech</a></nav>\n")
	fmt.Fprintf(&b, "<article><h1>%s</h1>\n<p class=\"byline\">By %s, %s</p>\n", html.EscapeString(title), g.person(), longDate(iso))
	fmt.Fprintf(&text, "%s\n\n", title)
	for _, para := range g.body(g.size(), append(g.mentions(sts, nil), g.plants()...)) {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(para))
		text.WriteString(para + "\n\n")
	}
	b.WriteString("</article>\n<section class=\"comments\"><h2>Leave a Reply</h2><form><textarea name=\"comment\"></textarea><button>Post Comment</button></form></section>\n")
	b.WriteString("<footer>Copyright Example News. All rights reserved.</footer>\n</body></html>\n")
	return &Doc{
		Path: docPath(n, "article", "html"), Type: "article", Format: "html", Title: title,
		Statutes: names(sts), Year: year, Date: iso, Text: text.String(), Data: []byte(b.String()),
	}
}
