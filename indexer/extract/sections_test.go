package extract

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// checkSections fails unless every section points into its page at a
// line that starts with the section's title (or its first line).
func checkSections(t *testing.T, res *Result) {
	t.Helper()
	for _, s := range res.Sections {
		i := slices.IndexFunc(res.Pages, func(p Page) bool { return p.Number == s.Page })
		if i < 0 || s.Offset < 0 || s.Offset > len(res.Pages[i].Text) {
			t.Errorf("section %+v points outside its page", s)
			continue
		}
		at := res.Pages[i].Text[s.Offset:]
		first, _, _ := strings.Cut(s.Title, " ")
		if !strings.HasPrefix(at, first) || (s.Offset > 0 && res.Pages[i].Text[s.Offset-1] != '\n') {
			t.Errorf("section %+v: page text there is %.40q", s, at)
		}
	}
}

func titles(ss []Section) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Title)
	}
	return out
}

func TestSections(t *testing.T) {
	tests := []struct {
		name   string
		format string
		in     string
		want   []string
	}{
		{"markdown headings", "markdown", "# Report\n\nIntro text.\n\n## Section 230\n\nBody *text*.\n\nSetext\n======\n\nMore.", []string{"Report", "Section 230", "Setext"}},
		{"html h1 to h3", "html", "<html><body><h1>Opinion</h1><p>Text.</p><h2>I. <em>Background</em></h2><p>More.</p><h4>Not this</h4><h3>Discussion</h3><p>End.</p></body></html>", []string{"Opinion", "I. Background", "Discussion"}},
		{"text caps and roman numerals", "text", "MEMORANDUM OPINION\n\nThe plaintiff sued the platform in 2021\nfor what its users posted.\n\nBACKGROUND\nThe facts are these, and they are\nnot in dispute.\n\nI. Section 230\nThe statute bars the claim against\nthe platform.\n\nII.\nDISCUSSION\nWe agree with the court below\non every point.\n", []string{"MEMORANDUM OPINION", "BACKGROUND", "I. Section 230", "II. DISCUSSION"}},
		{"numbered and lettered headings in text", "text", "The court considers each claim in turn below.\nII. DISCUSSION\nWe review de novo, as the parties agree.\nA. Section 230\nThe statute bars the claim, as we explain.\nB. Standing\nPlaintiff has standing to sue here.\nPart III\nThe remaining claims fail as well, for the reasons given.\n", []string{"II. DISCUSSION", "A. Section 230", "B. Standing", "Part III"}},
		{"numbered paragraphs and lists are not headings", "text", "The declarant states as follows, under penalty of perjury, to the court.\n\n1. I am a licensed attorney admitted to practice in the State of California and\nthe Ninth Circuit, and I represent the plaintiffs.\n\nAs counsel you must file:\n\n1. Appearance Form\n\n2. Disclosure Statement\n\nF. JAMES LOPREST, JR., United States Attorney\nfor the Southern District of New York.\n", nil},
		{"html bold numbered headings", "html", "<html><body><div><p>The court considers the motion, which the plaintiff opposes in full.</p><p><b>I. BACKGROUND</b></p><p>The plaintiff sued the platform in 2021 over posts by its users, and the platform moved to dismiss.</p><p><b>II. DISCUSSION</b></p><p>We agree with the platform, for the reasons that follow in this opinion.</p><p>Advertisement</p><p>The judgment is affirmed in all respects, and the mandate shall issue.</p></div></body></html>", []string{"I. BACKGROUND", "II. DISCUSSION"}},
		{"names and notices in capitals are not headings", "text", "[PUBLISH]\n\nThe appeal is from the district court, which dismissed the claims.\n\nMARCIA M. WALDRON\nClerk of the court, who signs the notice below.\n\nSEAN RIORDAN\nsriordan@example.org\n", nil},
		{"caption lines are not headings", "text", "JOHN DOE,\nPlaintiff,\nv.\nACME CORP.,\nDefendant.\n\nThe court held a hearing on the motion today.\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := ForFormat(tt.format, Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := ex.Extract(context.Background(), strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := titles(res.Sections); !slices.Equal(got, tt.want) {
				t.Errorf("sections %q, want %q", got, tt.want)
			}
			checkSections(t, res)
		})
	}
}

func TestSectionsWhitePaper(t *testing.T) {
	res, err := Markdown(Options{}).Extract(context.Background(), strings.NewReader(readTestdata(t, "markdown/white-paper-combating-online-sex-trafficking-2018.md")))
	if err != nil {
		t.Fatal(err)
	}
	got := titles(res.Sections)
	for _, want := range []string{"Executive Summary", "Glossary", "Sources",
		"1. Denouncing an Alarming Situation", "2. Setting out the Current State of Law",
		"2.1 Describing the international legal framework", "3.7.1 Sex Tours", "5. Elaborating Recommendations around Several Axes"} {
		if !slices.Contains(got, want) {
			t.Errorf("no section %q in %q", want, got)
		}
	}
	// Display text: a recurring box label, a figure's source line, the
	// attribution of a pull quote, cover-page lines.
	for _, bad := range []string{"HIGHLIGHTS", "STAT HIGHLIGHTS", "Source ILO", "Thorn", "Deloitte Consultant", "WHITE PAPER"} {
		if slices.Contains(got, bad) {
			t.Errorf("display text %q is a section", bad)
		}
	}
	checkSections(t, res)
}

func TestSectionsPDF(t *testing.T) {
	res, err := extractPDF(t, "10thCircuit-06-6247.pdf")
	if err != nil {
		t.Fatal(err)
	}
	got := titles(res.Sections)
	for _, want := range []string{"I. OVERVIEW OF OKLAHOMA LAW", "V. DISCUSSION"} {
		if !slices.Contains(got, want) {
			t.Errorf("no section %q in %q", want, got)
		}
	}
	checkSections(t, res)
}

func TestParagraphHeadings(t *testing.T) {
	text := "Key facts\n\n97%\n\nKey facts\n\nof detected victims are women and girls, a share that has grown.\n\n" +
		"Figure 3: Victims by region\n\n" +
		"1. Scope of the Report\n\nThis report covers online recruitment of victims and the platforms used.\n\n" +
		"ICT: Information and Communication Technology\n\n" +
		"Acme Foundation\n\n" +
		"2. Recommendations\n\n2.1 Cooperation\n\nStates should share evidence across borders more readily than they do.\n"
	got := titles(paragraphHeadings(Page{Number: 1, Text: text}, false))
	want := []string{"1. Scope of the Report", "2. Recommendations", "2.1 Cooperation"}
	if !slices.Equal(got, want) {
		t.Errorf("sections %q, want %q", got, want)
	}
}

// The first-byte test never rejects a line the pattern would take.
func FuzzNumberedStart(f *testing.F) {
	for _, s := range []string{"I. BACKGROUND", "2.1 Standard", "Part II", "CHAPTER three: Facts", "B.", "10.", "the court"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if numberedHeading.MatchString(s) && !numberedStart(s[0]) {
			t.Errorf("numberedStart(%q) = false, but numberedHeading matches %q", s[0], s)
		}
	})
}

func TestNumberedStart(t *testing.T) {
	for c := range 256 {
		s := string([]byte{byte(c)}) + ". Title"
		if numberedHeading.MatchString(s) && !numberedStart(byte(c)) {
			t.Errorf("numberedStart(%q) = false, but numberedHeading matches %q", byte(c), s)
		}
	}
	for _, s := range []string{"part one", "Part IV.", "chapter 2:", "CHAPTER ten"} {
		if !numberedHeading.MatchString(s) || !numberedStart(s[0]) {
			t.Errorf("%q: numberedHeading %v, numberedStart %v; want both", s, numberedHeading.MatchString(s), numberedStart(s[0]))
		}
	}
}

// oldNumberedLineKind is numberedLine and numberKind as they were, each
// running the pattern on its own: the oracle for numberedLineKind.
func oldNumberedLineKind(line string) (title, kind string, ok bool) {
	m := numberedHeading.FindStringSubmatch(line)
	kind = kindOf(m)
	if line == "" || !numberedStart(line[0]) || runeCount(line) > 110 || m == nil {
		return "", kind, false
	}
	if m[2] == "" {
		return "", kind, true
	}
	return m[2], kind, headingTitle(m[2])
}

func checkNumberedLineKind(t *testing.T, s string) {
	t.Helper()
	title, kind, ok := numberedLineKind(s)
	wTitle, wKind, wOK := oldNumberedLineKind(s)
	if ok != wOK || title != wTitle || ok && kind != wKind {
		t.Errorf("numberedLineKind(%q) = %q, %q, %v; want %q, %q, %v", s, title, kind, ok, wTitle, wKind, wOK)
	}
	if k := numberKind(s); k != wKind {
		t.Errorf("numberKind(%q) = %q, want %q", s, k, wKind)
	}
	if numberedHeading.MatchString(s) && !mayNumbered(s) {
		t.Errorf("mayNumbered(%q) = false, but numberedHeading matches", s)
	}
}

func TestNumberedLineKind(t *testing.T) {
	for _, s := range []string{"", "1", "1.", "2.1 Courts", "10. Remedies", "IV. DISCUSSION", "IV.", "B. Section 230",
		"C.", "Chapter 3: Findings", "CHAPTER ten", "part II", "Part one.", "court held", "cases", "Plaintiff", "pa",
		"I. the court", "VIII", "XL. Forty", "1.2.3.4 Deep", "A. Standard of Review.", "H.", "Ia. x", "L.A. Times"} {
		checkNumberedLineKind(t, s)
	}
}

func FuzzNumberedLineKind(f *testing.F) {
	for _, s := range []string{"I. BACKGROUND", "2.1 Standard", "Part II", "CHAPTER three: Facts", "B.", "10.", "the court"} {
		f.Add(s)
	}
	f.Fuzz(checkNumberedLineKind)
}

// capsHeadingSpec is capsHeading as first written, the length counted
// before the letters: the oracle of the reordered test.
func capsHeadingSpec(l string) bool {
	if l == "" || runeCount(l) > 60 || strings.HasSuffix(l, ",") || strings.HasSuffix(l, ";") {
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

// checkCaptionShortcuts fails when captionLine disagrees with captionLead,
// or capsHeading with capsHeadingSpec.
func checkCaptionShortcuts(t *testing.T, l string) {
	t.Helper()
	if got, want := captionLine(l), captionLead.MatchString(l); got != want {
		t.Errorf("captionLine(%q) = %v, captionLead matches: %v", l, got, want)
	}
	if got, want := capsHeading(l), capsHeadingSpec(l); got != want {
		t.Errorf("capsHeading(%q) = %v, want %v", l, got, want)
	}
}

func TestCaptionShortcuts(t *testing.T) {
	for _, l := range []string{"", "map", "Map:", "MAP: 3", "map 3", "Source: ILO", "SOURCES Polaris", "source of law",
		"Credit: AP", "Photograph 2", "Image: x", "FIGURE 3", "Fig. 2", "fig 2", "Chart: x", "Graph A", "TABLE 1", "table of contents",
		"Illustration: x", "Note: x", "NOTE A", "notes: x", "ſource: ILO", "\u017fOURCE 1", "SO\u017fRCE", "Kmap: x",
		"BACKGROUND", "STANDARD OF REVIEW", "UNITED STATES DISTRICT COURT FOR THE NORTHERN DISTRICT OF ILLINOIS EASTERN DIVISION",
		"JANE DOE,", "DOE;", "I. BACKGROUND", "ÉTATS-UNIS", "ÉTATS-UNIs", "A B C D", "ABCD", "ABC", "The court held",
		strings.Repeat("A", 60), strings.Repeat("A", 61), strings.Repeat("É", 60), strings.Repeat("É", 61)} {
		checkCaptionShortcuts(t, l)
	}
	if n := testing.AllocsPerRun(100, func() { captionLine("BACKGROUND OF THE CASE") }); n != 0 {
		t.Errorf("captionLine allocates %v times a call", n)
	}
}

func FuzzCaptionShortcuts(f *testing.F) {
	f.Add("Source: ILO")
	f.Add("ſOURCE 1")
	f.Add("STANDARD OF REVIEW")
	f.Fuzz(checkCaptionShortcuts)
}

// BenchmarkTextSections measures textSections over the cleaned pages of
// whole documents (see benchTexts); ns/op is per document.
func BenchmarkTextSections(b *testing.B) {
	var docs [][]Page
	for _, text := range benchTexts(b) {
		docs = append(docs, textResult(text).Pages)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		textSections(docs[i%len(docs)])
		i++
	}
}

// dropRepeatedLabelsLowered is dropRepeatedLabels as first written,
// every short line lowered by strings.ToLower: the oracle of
// TestDropRepeatedLabels and FuzzDropRepeatedLabels.
func dropRepeatedLabelsLowered(ss []Section, pages []Page) []Section {
	if len(ss) == 0 {
		return ss
	}
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
	for _, p := range pages {
		for l := range strings.SplitSeq(p.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" && len(l) <= 110 {
				if k := strings.ToLower(l); hasKey(count, k) {
					count[k]++
				}
			}
		}
	}
	var out []Section
	for i, s := range ss {
		if !numbered[i] && count[strings.ToLower(s.Title)] > 1 {
			continue
		}
		out = append(out, s)
	}
	return out
}

// checkDropRepeatedLabels wants dropRepeatedLabels of the headings
// titles (one a line of text) to keep what the oracle keeps.
func checkDropRepeatedLabels(t *testing.T, titles, text string) {
	t.Helper()
	var ss []Section
	for i, title := range strings.Split(titles, "\n") {
		ss = append(ss, Section{Page: 1, Offset: i, Title: title})
	}
	pages := []Page{{Number: 1, Text: text}, {Number: 2, Text: titles}}
	want := dropRepeatedLabelsLowered(slices.Clone(ss), pages)
	got := dropRepeatedLabels(slices.Clone(ss), pages)
	if !slices.Equal(got, want) {
		t.Errorf("titles %q, text %q: kept %v, want %v", titles, text, got, want)
	}
}

func TestDropRepeatedLabels(t *testing.T) {
	long := strings.Repeat("Highlights ", 10) // 110 bytes
	for _, tc := range []struct{ titles, text string }{
		{"HIGHLIGHTS\nBackground", "Highlights\nsome text\n  HIGHLIGHTS  \nBackground is here"},
		{"Key facts\nI. BACKGROUND", "KEY FACTS\nI. BACKGROUND\nI. BACKGROUND\nkey facts"},
		{"ÉTAT\nÉtat des lieux", "état\nÉTAT\nÉtat des lieux\nétat des lieux"},
		{"KELVIN\nİstanbul", "\u212aELVIN\nkelvin\ni̇stanbul\nİSTANBUL"},
		{long + "\n" + long + "x", long + "\n" + strings.ToUpper(long) + "\n" + long + "x\n" + long + "X"},
		{"a\nB", "A\nb\n\tB \n"},
		{"", "\n\n"},
	} {
		checkDropRepeatedLabels(t, tc.titles, tc.text)
	}
}

func FuzzDropRepeatedLabels(f *testing.F) {
	f.Add("HIGHLIGHTS\nBackground", "Highlights\nsome text\n  HIGHLIGHTS  \nBackground is here")
	f.Add("ÉTAT\nKELVIN", "état\n\u212aELVIN\nkelvin")
	f.Fuzz(checkDropRepeatedLabels)
}
