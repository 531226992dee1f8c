package extract

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.txt files")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s; run go test -update and review the diff", path)
	}
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func pageWith(pages []Page, s string) int {
	for _, p := range pages {
		if strings.Contains(p.Text, s) {
			return p.Number
		}
	}
	return 0
}

func TestCleanPagesDocketAlarm(t *testing.T) {
	pages, meta := CleanPages(readTestdata(t, "text/docketalarm-gg-v-salesforce-ilnd-2022.txt"))
	if got := pageWith(pages, "Section 230 functions as an affirmative defense"); got != 7 {
		t.Errorf("sentence on page %d, want 7", got)
	}
	if len(pages) != 15 || pages[0].Number != 1 || pages[14].Number != 15 {
		t.Errorf("got %d pages numbered %d..%d, want 15 numbered 1..15", len(pages), pages[0].Number, pages[len(pages)-1].Number)
	}
	want := Meta{DocketNumber: "1:20-cv-02335", DocumentNumber: "105", DateFiled: "2022-05-16"}
	if meta.DocketNumber != want.DocketNumber || meta.DocumentNumber != want.DocumentNumber || meta.DateFiled != want.DateFiled {
		t.Errorf("meta = %+v, want %+v", meta, want)
	}
	text := (&Result{Pages: pages}).Text()
	for _, gone := range []string{"throbber", "Docket Alarm", "Become a Member", "Still Working On It", "`", "PageID", "Case: 1:20-cv-02335"} {
		if strings.Contains(text, gone) {
			t.Errorf("output still contains %q", gone)
		}
	}
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == ")" {
			t.Errorf("output has a lone %q caption line", l)
			break
		}
	}
	for _, kept := range []string{"MEMORANDUM OPINION AND ORDER", "Judge Andrea R. Wood", "were using the site to pr", "third-party content"} {
		if !strings.Contains(text, kept) {
			t.Errorf("output lost %q", kept)
		}
	}
	if !strings.Contains(pages[1].Text, "grants the motion.\n\nBACKGROUND\n\nFor purposes") {
		t.Errorf("paragraph breaks lost on page 2:\n%.300s", pages[1].Text)
	}
	golden(t, "text/docketalarm-gg-v-salesforce-ilnd-2022.golden.txt", text)
}

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"ligature folds to letters", "the ﬁrst ﬂoor", "the first floor"},
		{"line-end hyphenation rejoins", "the defendant was con-\nvicted of it", "the defendant was convicted of it"},
		{"mid-line compound keeps its hyphen", "a third-party claim and a non-moving party", "a third-party claim and a non-moving party"},
		{"split compound seen whole elsewhere keeps hyphen", "the well-pleaded facts are the well-\npleaded facts", "the well-pleaded facts are the well-pleaded facts"},
		{"known prefix keeps hyphen", "claims of a third-\nparty provider", "claims of a third-party provider"},
		{"capital after hyphen is not rejoined", "the Anti-\nTrafficking Act", "the Anti-\nTrafficking Act"},
		{"paragraph breaks survive", "First paragraph.\n\nSecond paragraph.", "First paragraph.\n\nSecond paragraph."},
		{"runs of blank lines collapse", "One.\n\n\n\n\nTwo.", "One.\n\nTwo."},
		{"spaces collapse and CRLF folds", "a  b\t c\r\nd", "a b c\nd"},
		{"zero-width and soft hyphens vanish", "ab\u200bcd e\u00adf", "abcd ef"},
		{"caption column goes", "Plaintiffs,\n)\n)\n) No. 1\nv.", "Plaintiffs,\n) No. 1\nv."},
		{"district stamp goes", "Case: 1:20-cv-02335 Document #: 105 Filed: 05/16/22 Page 1 of 35 PageID #:1218\nText.", "Text."},
		{"viewer trailer ends the text", "Body text that is cut mid-wo\n\nThis document is available on Docket Alarm but you must sign up to view it.\n\nBecome a Member", "Body text that is cut mid-wo"},
		{"bare page number at page foot goes", "Body of the page.\n\n12", "Body of the page."},
		{"throbber goes", "throbber\nText", "Text"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanPagesSplitsOnStamps(t *testing.T) {
	in := "Caption text\nCase 1:19-cv-01234-ABC Document 12 Filed 01/02/20 Page 1 of 3\nfirst page\n" +
		"Case 1:19-cv-01234-ABC Document 12 Filed 01/02/20 Page 2 of 3\nsecond page\n" +
		"Case 1:19-cv-01234-ABC Document 12 Filed 01/02/20 Page 3 of 3\nthird page"
	pages, meta := CleanPages(in)
	var got []string
	for _, p := range pages {
		got = append(got, strings.ReplaceAll(p.Text, "\n", "/")+"@"+string(rune('0'+p.Number)))
	}
	want := []string{"Caption text/first page@1", "second page@2", "third page@3"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("pages = %q, want %q", got, want)
	}
	if meta.DocketNumber != "1:19-cv-01234-ABC" || meta.DocumentNumber != "12" || meta.DateFiled != "2020-01-02" {
		t.Errorf("meta = %+v", meta)
	}
}

func TestParseStamp(t *testing.T) {
	tests := []struct {
		line string
		want stamp
		ok   bool
	}{
		{"Case: 1:20-cv-02335 Document #: 105 Filed: 05/16/22 Page 7 of 35 PageID #:1224", stamp{"1:20-cv-02335", "105", "2022-05-16", 7}, true},
		{"Case: 19-1234 Document: 00513 Page: 7 Date Filed: 05/16/2022", stamp{"19-1234", "00513", "2022-05-16", 7}, true},
		{"Appellate Case: 20-6064 Document: 010110462922 Date Filed: 12/28/2020 Page: 1", stamp{"20-6064", "010110462922", "2020-12-28", 1}, true},
		{"USCA11 Case: 20-12345 Date Filed: 01/04/2021 Page: 3 of 10", stamp{"20-12345", "", "2021-01-04", 3}, true},
		{"Case 2:18-cr-00464-DJH Document 1 Filed 03/28/18 Page 2 of 92", stamp{"2:18-cr-00464-DJH", "1", "2018-03-28", 2}, true},
		{"Case: 1:20-cv-02335 was filed by the plaintiffs in 2020", stamp{}, false},
		{"Case: 1:20-cv-02335 Page 3", stamp{}, false},
		// An impossible date is dropped; the stamp is still a stamp.
		{"Case: 19-1234 Document: 5 Filed: 13/45/2020", stamp{"19-1234", "5", "", 0}, true},
		{"Case: 1:22-cv-00101 Document #: 12 Filed: 02/31/22 Page 2 of 9", stamp{"1:22-cv-00101", "12", "", 2}, true},
		{"Case: 20-16276, 08/05/2020, ID: 11778722, DktEntry: 19, Page 10 of 15", stamp{"20-16276", "19", "2020-08-05", 10}, true},
		{"Case 17-3510, Document 1-1, 10/31/2017, 2161300, Page1 of 2", stamp{"17-3510", "1-1", "2017-10-31", 1}, true},
		{"Case: 20-16276, see the order of 08/05/2020", stamp{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok := parseStamp(tt.line)
			if ok != tt.ok || got != tt.want {
				t.Errorf("parseStamp = %+v, %v; want %+v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestDropRunningLines(t *testing.T) {
	texts := []string{
		"UNITED STATES v. DOE 1\nbody one\nmore",
		"UNITED STATES v. DOE 2\nbody two\nmore",
		"UNITED STATES v. DOE 3\nbody three\nmore",
		"UNITED STATES v. DOE 4\nbody four\nmore",
	}
	pages, _ := cleanPaged(texts, cleanOptions{})
	for _, p := range pages {
		if strings.Contains(p.Text, "DOE") {
			t.Errorf("page %d kept the running header: %q", p.Number, p.Text)
		}
		if !strings.Contains(p.Text, "body") {
			t.Errorf("page %d lost its body: %q", p.Number, p.Text)
		}
	}
}

func FuzzClean(f *testing.F) {
	f.Add("Case: 1:20-cv-02335 Document #: 105 Filed: 05/16/22 Page 7 of 35 PageID #:1224\n`text con-\n`tinued\n)\n\f12")
	f.Add("This document is available on Docket Alarm but you must sign up to view it.")
	f.Add("a-\n-\n\n\u00ad\n")
	f.Add(readTestdata(f, "text/docketalarm-gg-v-salesforce-ilnd-2022.txt")[:4000])
	f.Fuzz(func(t *testing.T, in string) {
		pages, _ := CleanPages(in)
		if len(pages) == 0 {
			t.Fatal("no pages")
		}
		_ = Clean(in)
	})
}

// checkSearchMap fails when normalizeText's shortcut would skip a string
// that strings.Map(searchRune) changes.
func checkSearchMap(t *testing.T, s string) {
	if strings.Map(searchRune, s) != s && !needsSearchMap(s) {
		t.Errorf("needsSearchMap(%q) = false, but searchRune changes it", s)
	}
}

func TestNeedsSearchMap(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		checkSearchMap(t, "ab"+string(r)+"cd")
	}
	for _, s := range []string{"", "plain ascii", "tab\there", "soft\u00adhyphen", "bom\ufeff", "\xff bad utf-8", "nbsp\u00a0", "§ 1591 “quoted”", "\u2011"} {
		checkSearchMap(t, s)
	}
	// Long ASCII runs are tested eight bytes at a time: every rune that
	// searchRune changes, at every offset of such a run.
	for _, r := range []rune{'\t', '\v', '\f', '\u00a0', '\u00ad', '\u200b', '\ufeff', '\u2010', utf8.RuneError} {
		for at := range 17 {
			s := strings.Repeat("x", at) + string(r) + strings.Repeat("y", 20)
			checkSearchMap(t, s)
			if !needsSearchMap(s) {
				t.Errorf("needsSearchMap(%q) = false", s)
			}
		}
	}
	if s := strings.Repeat("plain text\n", 10); needsSearchMap(s) {
		t.Errorf("needsSearchMap(%q) = true, nothing to map", s)
	}
	if needsSearchMap("Plain text, § 1591 and “quotes” need no map.\n") {
		t.Error("needsSearchMap reports a change for text searchRune leaves alone")
	}
}

// checkNormalText fails unless normalText says whether normalizeText's
// full work (normalizeOther) leaves s as it is.
func checkNormalText(t *testing.T, s string) {
	t.Helper()
	if got, want := normalText(s), normalizeOther(s) == s; got != want {
		t.Errorf("normalText(%q) = %v, want %v (normalizeText gives %q)", s, got, want, normalizeOther(s))
	}
}

func TestNormalText(t *testing.T) {
	for _, s := range []string{"", "plain ascii", "two\nlines\n", "tab\there", "crlf\r\n", "cr\r", "vt\v", "ff\f",
		"soft\u00adhyphen\n", "ligature \ufb01le", "\xff bad utf-8", "cut \xe2\x80", "replacement \ufffd kept",
		"§ 1591 “quoted” — café", "e\u0301 composes", "\u0301 leading mark", "\u00e9\u0301", "a\u0323\u0301 reordered",
		"\u1100\u1161 jamo", "\u2460 circled", "full\uff21width", "nbsp\u00a0", "zwsp\u200b", "\x00\x01\x08\x0e\x1f\x7f"} {
		checkNormalText(t, s)
	}
	// Every rune of the Basic Multilingual Plane after an ASCII letter,
	// and before a combining mark.
	for r := rune(0x80); r < 0x10000; r++ {
		checkNormalText(t, "e"+string(r)+"x")
		checkNormalText(t, string(r)+"\u0301")
	}
	// Eight bytes are tested a step: each byte value, and runes that
	// change, at every offset of a run that long.
	for at := range 17 {
		for c := range 256 {
			checkNormalText(t, strings.Repeat("x", at)+string(byte(c))+strings.Repeat("y\n", 10))
		}
		for _, r := range []string{"\u0301", "\ufb01", "\u00a0", "\u00ad\n", "§", "\u2028"} {
			checkNormalText(t, strings.Repeat("e", at)+r+strings.Repeat("y\n", 10))
		}
	}
}

func FuzzNormalText(f *testing.F) {
	f.Add("Plain text\nof two lines, 18 U.S.C. § 1591.\n")
	f.Add("tab\tand\r\ncrlf and\u00a0nbsp and \ufb01 and e\u0301")
	f.Fuzz(checkNormalText)
}

func FuzzNeedsSearchMap(f *testing.F) {
	f.Add("soft\u00adhyphen\tand\u00a0nbsp")
	f.Fuzz(checkSearchMap)
}

// checkStampStart: a line stampHead matches always passes stampStart, the
// test that spares the other lines the pattern.
func checkStampStart(t *testing.T, line string) {
	if stampHead.MatchString(line) && !stampStart(line) {
		t.Errorf("stampHead matches %q but stampStart says no stamp starts there", line)
	}
}

func TestStampStart(t *testing.T) {
	for _, l := range []string{"Case: 1:20-cv-02335 Document #: 105", "Case 19-1234 Document: 00513", "USCA11 Case: 21-12345",
		"USCA Case: 21-123", "Appellate Case: 20-1234", "Appeal   Case: 20-1234", "Case#: 20-1234", "Case:#20-1234"} {
		if !stampHead.MatchString(l) {
			t.Errorf("stampHead does not match %q: update the cases", l)
		}
		checkStampStart(t, l)
	}
	for _, l := range []string{"", "The Case: 20-1234", "case: 20-1234", "Page 7 of 35"} {
		if stampStart(l) {
			t.Errorf("stampStart(%q) = true: no stamp starts so", l)
		}
	}
}

func FuzzStampStart(f *testing.F) {
	f.Add("USCA11 Case: 21-12345 Document: 5 Date Filed: 01/02/2021 Page: 3 of 9")
	f.Fuzz(checkStampStart)
}

// isChromePlain is isChrome without the first-byte test: every pattern
// of every viewer, the oracle for isChrome.
func isChromePlain(t string) bool {
	for _, v := range viewers {
		for _, d := range v.drop {
			if d.re.MatchString(t) {
				return true
			}
		}
	}
	return false
}

func checkChrome(t *testing.T, s string) {
	t.Helper()
	if got, want := isChrome(s), isChromePlain(s); got != want {
		t.Errorf("isChrome(%q) = %v, the patterns say %v", s, got, want)
	}
	for _, v := range viewers {
		for _, d := range v.drop {
			if d.re.MatchString(s) && (s == "" || strings.IndexByte(d.first, s[0]) < 0) {
				t.Errorf("%s: %v matches %q, which does not start with one of %q", v.name, d.re, s, d.first)
			}
		}
	}
}

func TestIsChrome(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"throbber", true},
		{"THROBBER", true},
		{"throbbers", false},
		{")", true},
		{") )", true},
		{"§ )", true},
		{": ) :", true},
		{"\t)", true},
		{"§", false},
		{"JOHN DOE, )", false},
		{"", false},
		{"The court held", false},
	} {
		if got := isChrome(c.line); got != c.want {
			t.Errorf("isChrome(%q) = %v, want %v", c.line, got, c.want)
		}
		checkChrome(t, c.line)
	}
}

func FuzzIsChrome(f *testing.F) {
	for _, s := range []string{"throbber", "ThRoBbEr", ") § )", "\f)\r", "x)"} {
		f.Add(s)
	}
	f.Fuzz(checkChrome)
}

func checkUSDate(t *testing.T, s string) {
	t.Helper()
	got, ok := usDate(s)
	want, wantOK := usDateSplit(s)
	if got != want || ok != wantOK {
		t.Errorf("usDate(%q) = %q, %v; parsed the long way %q, %v", s, got, ok, want, wantOK)
	}
}

// TestUSDate: the dates of docket entries and stamps, and the shapes
// that are none, read as the long way reads them.
func TestUSDate(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"05/16/2022", "2022-05-16"},
		{"5/6/22", "2022-05-06"},
		{"12/31/99", "1999-12-31"},
		{"1/1/70", "1970-01-01"},
		{"1/1/69", "2069-01-01"},
		{"02/29/2020", "2020-02-29"},
		{"02/29/2100", ""},
		{"02/29/2000", "2000-02-29"},
		{"02/31/22", ""},
		{"04/31/2022", ""},
		{"13/01/2022", ""},
		{"00/10/2022", ""},
		{"1/1/0000", "0000-01-01"},
		{"1/2/022", ""},
		{"+1/2/2022", "2022-01-02"},
		{"001/2/2022", "2022-01-02"},
		{"1/2", ""},
		{"1/2/3/4", ""},
		{"", ""},
		{"//", ""},
	} {
		got, ok := usDate(c.in)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("usDate(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
		checkUSDate(t, c.in)
	}
}

func FuzzUSDate(f *testing.F) {
	for _, s := range []string{"05/16/2022", "2/29/00", "9/31/21", "1/1/0000", "+1/-2/2022", "1/2/3"} {
		f.Add(s)
	}
	f.Fuzz(checkUSDate)
}

// benchTexts are the texts of the documents under LEXSEARCH_BENCH_DOCS
// (see BenchmarkExtractGenerated), else of the text files in testdata.
func benchTexts(b *testing.B) []string {
	dir := os.Getenv("LEXSEARCH_BENCH_DOCS")
	if dir == "" {
		dir = filepath.Join("testdata", "text")
	}
	var texts []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(p) {
		case ".txt", ".md", ".html":
			data, err := os.ReadFile(p)
			texts = append(texts, string(data))
			return err
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return texts
}

// BenchmarkNormalizeText compares normalizeText with and without the
// normalText shortcut over whole documents; ns/op is per document.
func BenchmarkNormalizeText(b *testing.B) {
	texts := benchTexts(b)
	for _, f := range []struct {
		name string
		fn   func(string) string
	}{{"full", normalizeOther}, {"shortcut", normalizeText}} {
		b.Run(f.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				f.fn(texts[i%len(texts)])
				i++
			}
		})
	}
}
