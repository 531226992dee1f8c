package entity

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// findAll is what guide.find does, the slow way: each needle found by
// strings.Index over the lower-cased text, one after the other. It is the
// reference the taggers' one-pass scans are checked against.
func (g guide) findAll(text, lower string, re *regexp.Regexp) [][]int {
	var hits []int
	for _, n := range g.needles {
		for at := 0; ; {
			i := strings.Index(lower[at:], n)
			if i < 0 {
				break
			}
			if g.keep == nil || g.keep(lower, at+i, len(n)) {
				hits = append(hits, at+i)
			}
			at += i + len(n)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	slices.Sort(hits)
	return g.windows(text, lower, hits, re)
}

// everyGuide lists the guides of every tagger with their patterns.
func everyGuide() []struct {
	name string
	g    guide
	gs   *guides
	re   *regexp.Regexp
} {
	type entry = struct {
		name string
		g    guide
		gs   *guides
		re   *regexp.Regexp
	}
	var out []entry
	s, c, d, k, j, p, ci := statuteRulesOnce(), courtRulesOnce(), dateRulesOnce(), docketRulesOnce(), judgeRulesOnce(), partyRulesOnce(), citationRulesOnce()
	for name, e := range map[string]struct {
		g  guide
		re *regexp.Regexp
	}{
		"usc": {s.uscAt, s.usc}, "uscList": {s.uscListAt, s.uscList}, "titleSection": {s.titleAt, s.titleSection},
		"sectionOfTitle": {s.ofTitleAt, s.sectionOfTitle}, "pubLaw": {s.pubLawAt, s.pubLaw}, "pvt": {s.pvtAt, s.pubLaw},
		"cfr": {s.cfrAt, s.cfr}, "stat": {s.statAt, s.stat}, "bill": {s.billAt, s.bill}, "treas": {s.treasAt, s.treas},
		"fedRule": {s.fedRuleAt, s.fedRule}, "bareRule": {s.bareRuleAt, s.bareRule}, "bareWord": {s.bareWordAt, s.bareWord},
	} {
		out = append(out, entry{"statute " + name, e.g, s.guides, e.re})
	}
	for name, e := range map[string]struct {
		g  guide
		re *regexp.Regexp
	}{"district": {c.districtAt, c.district}, "appeals": {c.appealsAt, c.appeals}, "circuit": {c.circuitAt, c.circuit},
		"supreme": {c.supremeAt, c.supreme}, "field": {c.fieldAt, c.field}} {
		out = append(out, entry{"court " + name, e.g, c.guides, e.re})
	}
	for name, e := range map[string]struct {
		g  guide
		re *regexp.Regexp
	}{"monthFirst": {d.monthFirstAt, d.monthFirst}, "dayFirst": {d.dayFirstAt, d.dayFirst}, "numeric": {d.numericAt, d.numeric},
		"iso": {d.isoAt, d.iso}, "unix": {d.unixAt, d.unix}} {
		out = append(out, entry{"date " + name, e.g, d.guides, e.re})
	}
	for name, e := range map[string]struct {
		g  guide
		re *regexp.Regexp
	}{"district": {k.districtAt, k.district}, "appeal": {k.appealAt, k.appeal}, "labelled": {k.labelAt, k.labelled}} {
		out = append(out, entry{"docket " + name, e.g, k.guides, e.re})
	}
	for name, e := range map[string]struct {
		g  guide
		re *regexp.Regexp
	}{"title": {j.titleAt, j.title}, "hon": {j.honAt, j.hon}, "assigned": {j.assignedAt, j.assigned}, "panel": {j.panelAt, j.panel},
		"signature": {j.signatureAt, j.signature}, "initial": {j.initialAt, j.initialJ}, "suffix": {j.suffixAt, j.suffix},
		"list": {j.listAt, j.listEnd}, "present": {j.presentAt, j.present}} {
		out = append(out, entry{"judge " + name, e.g, j.guides, e.re})
	}
	out = append(out, entry{"party heading", p.headingAt, p.guides, p.heading},
		entry{"citation id", ci.idAt, ci.guides, ci.id}, entry{"citation supra", ci.supraAt, ci.guides, ci.supra})
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return out
}

// FuzzGuideScan: the windows found from one scan of all of a tagger's
// needles, or of the needles of every tagger (as Default reads a text),
// are those found by searching for each needle in turn, for every guide,
// so the one-pass scan changes no tagger's output; and a guide's need
// skips no window where its pattern matches.
func FuzzGuideScan(f *testing.F) {
	for _, s := range []string{
		"Judge jjj Smith, JJ. v. v. Doe, 18 U.S.C. § 1591, May 16, 2022, No. 20-1234",
		"Plaintiff v. v. Defendant\nBefore: A, B, and C, Circuit Judges\nCourt: N.D. Cal.",
		"Id. at 5; Doe, supra, at 7; 1/2/2020 2020-01-02 Thu Aug 19 00:00:00 CEST 2021 16 mai 2022",
		"Pub. L. No. 115-164, Fed. R. Civ. P. 12(b)(6), Title 18, Section 1591, 8 C.F.R. § 1.2",
		"Before: EASTERBROOK, Chief Judge, and WOOD and\nSYKES, Circuit Judges.\nHon. Jane Roe\nJOHN SMITH\nUnited States District Judge\nPresent: Judges Humphreys and Beales\nA, B, JJ.; C, Js.; Justices D\nSeventh Circuit, the circuit judge, JUSTICE Alito",
		"Id. at 5; said. id., at 7; (ID. at 9); S. 1693, H.R. 1865, H. R. 2, Senate Bill 3, House 45; 1:20-cv-02335-AB, 20-CV-1; Case No. 21-1234; docket 5/6/2020 no evidence",
		"the district court for the Northern District of Illinois; DISTRICT\tOF\nCOLUMBIA; diſtrict of Utah; District of\u00a0Maine",
		"18 U.S.C. Ss. 1591-95; 18 USC SECS. 1, 2; 18 U.S.C. ſections 1, 2; 18 U.S.C. §§ 1591, 1595",
		"Jane Roe, Judge Pro Tem\nJohn Doe, Justice;\nA. B. Smith, Judge)\nJudge Smith, Judge\tJudges",
	} {
		f.Add(s)
	}
	all := everyGuide()
	every := everyTaggerOnce().guides
	f.Fuzz(func(t *testing.T, text string) {
		lower := lowerASCII(text)
		shared := every.scan(text, lower)
		scans := map[*guides]*scan{}
		for _, e := range all {
			sc := scans[e.gs]
			if sc == nil {
				sc = e.gs.scan(text, lower)
				scans[e.gs] = sc
			}
			// need only spares searching windows where the pattern
			// cannot match
			every := e.g
			every.need = nil
			want := every.findAll(text, lower, e.re)
			if got := e.g.find(sc, e.re); !reflect.DeepEqual(got, want) {
				t.Errorf("%s in %q: the tagger's scan finds %v, needle by needle %v", e.name, text, got, want)
			}
			if got := e.g.find(shared, e.re); !reflect.DeepEqual(got, want) {
				t.Errorf("%s in %q: the scan for every tagger finds %v, needle by needle %v", e.name, text, got, want)
			}
		}
	})
}

// FuzzGuideLead: a guide with a lead finds, trying its pattern anchored
// at the lead's bytes only, what the pattern finds searched for in each
// window; and every match of the pattern anywhere in the text begins
// with a lead byte (at a \b when the lead says so), so no lead is wrong
// about its pattern.
func FuzzGuideLead(f *testing.F) {
	for _, s := range []string{
		"see 18 U.S.C. § 1591(a)(1); 18 U.S.C. §§ 1591, 1595; a18 U.S.C. 2; _8 USC 1101; 8\n3 U.S.C. 2; 47 U.S.C.\n230",
		"28 C.F.R. § 1.2, 8 CFR pts. 3, 135 Stat. 4, 85 Fed. Reg. 1234, x12 Stat. 3",
		"Pub. L. No. 115-164; Public Law 115–164; Pvt. L. 98-1; private law 12-3; xPub. L. 1-2",
		"Fed. R. Civ. P. 12(b)(6); federal rules of civil procedure 56; Rule 11(c); Section 1591(a); section 230; ſection 230",
		"Case No. 20-1234; CASE NO.: 1:20-cv-02335-AB; Docket No. 21-cv-5; no. 19-1; appeal nos. 20-12; Index No. 570410/22; BAP No. CC-20-1",
		"Josie Garton, Judge.\nJames Lawrence Sanchez, District Judge\nMcCook, Jr., Associate Justice\nChief Judge Jane Roe; Senior Circuit Judge A. B. Smith; JUSTICE ALITO",
		"Ana de la Cruz, Judge; Jan van der Berg, Judge. O’Neil, Justice; D'Arcy-Smith,\tJudge; A B C D E F, Judge; The court held Smith, Judge; Hon. A. B. C. Doe, Judge",
		"Jane Doe v. Richard Roe\n## Case 1 - A v. B\nMontesano, J.\n  <b>CONNORS, C. J., concurs\nJohn Q. Smith\nUnited States District Judge\nCourt: N.D. Cal.\nPresent: Judges Humphreys and Beales\nfoo Bar v. Baz, COURT : x",
		"May 16, 2022; 16 May 2022; Sept. 5, 2021; ſeptember 5, 2021; xMay 1, 2020; Thu Aug 19 00:00:00 CEST 2021; 1er mai 2022",
		"United States District Court for the Southern District of New York; xſouthern District of Ohio; U.S. Court of Appeals for the Ninth Circuit; Supreme Court of the United States; the U. S. Supreme Court",
		"Kelvin K 18 U.S.C. 1591 ſouthern \u00a018\u00a0U.S.C.\u00a0§\u00a01591 1\u20138 U.S.C. 5",
		"John Smith\n \tUnited States District Judge\nJane Roe \t\nUnited States Chief Magistrate Judge\nA B\r\nUnited States District Judge\nC D\n\nUnited States Circuit Judge",
		"05/16/2022 5/6/22 123/4/5 x1/2/2020 1/2/20201 2020-01-02 12020-01-02 x2020-01-02 1:20-cv-02335-AB 20-CV-1 1:2-cv-3 ٣/٤/٢٠٢٠",
		"Hon. A. B. Smith; Honorable Jane Roe; xHon. C; Hon Roe; Assigned to: Judge Jane Roe; ASSIGNED TO Hon. X; reassigned to Y; a\u017f\u017figned to Z; Before: A and B, Circuit Judges; xBefore: C, District Judge; BEFORE D, Bankruptcy Judge",
		"doc\u212aet No. 5; Ca\u017fe No. 20-1; a case no. 7; PRESENT: Judges A and B; Before: JUSTICES C; Mon Aug 19 00:00:00 CEST 2021; \u017fupreme Court of the United States; united states court of appeals for the seventh circuit; Pub L 115-164; FED R CIV P 12",
		"Short label: Doe v. Roe\n" + strings.Repeat("l", 41) + ": Doe v. Roe\n" + strings.Repeat("é", 79) + " - Doe v. Roe\n" +
			strings.Repeat("x", 81) + " - Doe v. Roe\nDoe" + strings.Repeat(" é", 50) + " v. Roe\nDoe v. Roe" + strings.Repeat("x", 101) + "\n",
	} {
		f.Add(s)
	}
	all := everyGuide()
	f.Fuzz(func(t *testing.T, text string) {
		lower := lowerASCII(text)
		for _, e := range all {
			if e.g.lead == nil {
				continue
			}
			sc := e.gs.scan(text, lower)
			every := e.g
			every.lead = nil
			if got, want := e.g.find(sc, e.re), every.find(sc, e.re); !reflect.DeepEqual(got, want) {
				t.Errorf("%s in %q: tried at the lead's bytes finds %v, searched for %v", e.name, text, got, want)
			}
			if e.g.lead.folded(text) {
				continue // such windows are searched in full
			}
			for _, m := range e.re.FindAllStringIndex(text, -1) {
				if e.g.lead.line {
					if m[0] > 0 && text[m[0]-1] != '\n' {
						t.Errorf("%s: the match %q at %d in %q does not begin a line", e.name, text[m[0]:m[1]], m[0], text)
					}
					continue
				}
				if m[0] == m[1] || !e.g.lead.at[text[m[0]]] || e.g.word && m[0] > 0 && isWordByte(text[m[0]-1]) {
					t.Errorf("%s: the match %q at %d in %q does not begin as its lead says", e.name, text[m[0]:m[1]], m[0], text)
				}
			}
		}
	})
}

// A trie's table of first bytes says what its root does: a key starts
// with c exactly when the root has a child after c.
func TestTrieStarts(t *testing.T) {
	rep, st := reporterRulesOnce(), stateRulesOnce()
	for name, tr := range map[string]*reporterTrie{"reporters": rep.trie, "reporters loose": rep.loose, "state codes": st.trie, "state codes loose": st.loose} {
		n := 0
		for c := 0; c < 256; c++ {
			want := tr.nodes[0].child(byte(c)) != 0
			if got := tr.starts(byte(c)); got != want {
				t.Errorf("%s: starts(%q) = %v, the root's child says %v", name, byte(c), got, want)
			}
			if want {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: no key starts with any byte", name)
		}
	}
}

// lowerASCIIOracle is lowerASCII as it was first written: a copy with
// A-Z folded and every other byte kept.
func lowerASCIIOracle(text string) string {
	b := []byte(text)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

func TestLowerASCII(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"already lower, 18 u.s.c. § 1591", "already lower, 18 u.s.c. § 1591"},
		{"Doe v. TWITTER, Inc.", "doe v. twitter, inc."},
		{"@[`{AZaz", "@[`{azaz"},
		{"ÉCOLE Straße \u212a", "École straße \u212a"},
		{"X", "x"},
		{"\xffA\xc3", "\xffa\xc3"},
		{"abcdefgh", "abcdefgh"},
		{"abcdefghI", "abcdefghi"},
		{"ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{", "abcdefghijklmnopqrstuvwxyz@[`{"},
		{"\xc1\xc2\xda\xdb\x41\x5a\x40\x5b\xe1\xfa", "\xc1\xc2\xda\xdbaz@[\xe1\xfa"},
		{"lower case for sixteen bytes, then A", "lower case for sixteen bytes, then a"},
	} {
		if got := lowerASCII(c.in); got != c.want {
			t.Errorf("lowerASCII(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzLowerASCII: lowerASCII agrees with the plain copy-and-fold, and
// leaves its input as it was.
func FuzzLowerASCII(f *testing.F) {
	for _, s := range []string{"", "abc", "ABC", "Doe v. Roe, 18 U.S.C. § 1591", "\xff\x00Z[", "é\u212aK"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		keep := strings.Clone(text)
		if got, want := lowerASCII(text), lowerASCIIOracle(text); got != want {
			t.Errorf("lowerASCII(%q) = %q, want %q", text, got, want)
		}
		if text != keep {
			t.Errorf("lowerASCII changed its input %q to %q", keep, text)
		}
	})
}

// trieMatchOracle is match as it was before mayMatch: the walk at every
// position.
func trieMatchOracle(tr *reporterTrie, text string, i int) []trieHit {
	return tr.walk(nil, text, i)
}

// everyTrie names the tries the scans walk.
func everyTrie() map[string]*reporterTrie {
	rep, st := reporterRulesOnce(), stateRulesOnce()
	return map[string]*reporterTrie{"reporters": rep.trie, "reporters loose": rep.loose, "state codes": st.trie, "state codes loose": st.loose}
}

// checkTrieMatch fails t where match or matchAppend at some offset of
// text finds other keys than the walk, and returns how many offsets had
// a key.
func checkTrieMatch(t *testing.T, name string, tr *reporterTrie, text string) int {
	n := 0
	for i := range len(text) {
		want := trieMatchOracle(tr, text, i)
		if len(want) > 0 {
			n++
		}
		if got := tr.match(text, i); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: match(%q, %d) = %v, the walk finds %v", name, text, i, got, want)
		}
		var buf [4]trieHit
		if got := tr.matchAppend(buf[:0], text, i); len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: matchAppend(%q, %d) = %v, the walk finds %v", name, text, i, got, want)
		}
	}
	return n
}

// mayMatch rules out only offsets where no key starts: match with it
// finds what the walk alone finds, at every offset, with spellings that
// run keys together, split them with white space, no-break spaces and
// typographic apostrophes, or cut them off at the text's end.
func TestTrieMayMatch(t *testing.T) {
	texts := []string{
		"519 F.3d 666; 809 F. Supp. 2d. 1041; 2021 WL\n5795306; 123 F. App’x 456; 519\u00a0F.3d\u00a0666; 100 F.\u2009Supp.\u20092d 200",
		"The court in Colo. and Conn. held; So 3d; FRD; L. Ed 2d; F R D; Cal App 4th; cert. denied; (Meigs) 456; P. 3d; P.2d",
		"Okla. Stat. tit. 10A, §§ 7301-1.3; 720 ILCS 5/10-9; Cal. Bus. & Prof. Code § 17200; Fla Stat; Md. Code Ann., Crim. Law",
		"F", "U.S", "U. S.", "A", "’", "\u00a0", "F\u00a0", "F’", "Fx", "\n\n", "W.", "c", "(", "((",
		"Pa", "Pa.", "Pax", "Ct", "Ct.", "Cal", "Cal.", "Calx", "Col", "Court", "Wis", "Ill.", "So", "Sox", "A.2d", "A2d", "Ab\u00a0", "Ab’", "Ab\n",
	}
	for name, tr := range everyTrie() {
		found := 0
		for _, text := range texts {
			found += checkTrieMatch(t, name, tr, text)
		}
		if found == 0 {
			t.Errorf("%s: no key found in the examples", name)
		}
	}
}

// FuzzTrieMayMatch: match and matchAppend agree with the plain walk at
// every offset of any text.
func FuzzTrieMayMatch(f *testing.F) {
	for _, s := range []string{"519 F.3d 666", "F. App’x", "So 3d FRD", "Okla. Stat. tit. 10A", "U.\u00a0S.", "Th\u2009e", "c p m w ("} {
		f.Add(s)
	}
	tries := everyTrie()
	f.Fuzz(func(t *testing.T, text string) {
		for name, tr := range tries {
			checkTrieMatch(t, name, tr, text)
		}
	})
}

// A need rules out only windows where its pattern cannot match: for each
// example, need's answer is the one expected, and where it is false the
// pattern (the oracle) finds nothing in the window.
func TestNeedRulesOut(t *testing.T) {
	s, j, p := statuteRulesOnce(), judgeRulesOnce(), partyRulesOnce()
	long := strings.Repeat("x", 100)
	for _, c := range []struct {
		name string
		need func(text, lower string) bool
		re   *regexp.Regexp
		text string
		want bool
	}{
		{"plural sign", needPluralSign, s.uscList, "18 U.S.C. §§ 1591 and 1595", true},
		{"plural sign", needPluralSign, s.uscList, "18 U.S.C. SECTIONS 1591, 1595", true},
		{"plural sign", needPluralSign, s.uscList, "18 U.S.C. Secs. 1591, 1595", true},
		{"plural sign", needPluralSign, s.uscList, "18 U.S.C. Ss. 1591-95", true},
		{"plural sign", needPluralSign, s.uscList, "18 U.S.C. ſections 1591, 1595", true},
		{"plural sign", needPluralSign, s.uscList, "18 U.S.C. § 1591 and 47 U.S.C. § 230", false},
		{"plural sign", needPluralSign, s.uscList, "18 U.S.C. section 1591; 18 USC 1595", false},
		{"title last", needTitleLast, j.suffix, "Josie Garton, Judge.", true},
		{"title last", needTitleLast, j.suffix, "Nancy J. Waples, Associate Justice", true},
		{"title last", needTitleLast, j.suffix, "Jane Roe, District Judge\nNorthern District", true},
		{"title last", needTitleLast, j.suffix, "Jane Roe, Judge Pro Tem, presiding", true},
		{"title last", needTitleLast, j.suffix, "Jane Roe, Judge  ;", true},
		{"title last", needTitleLast, j.suffix, "before Judge Andrea R. Wood on the motion", false},
		{"title last", needTitleLast, j.suffix, "Smith, Judges Jones and Lee; the Judgement of the Justices", false},
		{"versus end", needVersusEnd, p.heading, "Jane Doe v. Richard Roe", true},
		{"versus end", needVersusEnd, p.heading, "## Case 1 - A vs. B  \t\nmore text", true},
		{"versus end", needVersusEnd, p.heading, "Doe v.\n\u00a0R" + long, true},
		{"versus end", needVersusEnd, p.heading, "Doe\u202fv.\u2009Roe é" + long[4:] + " \t", true},
		{"versus end", needVersusEnd, p.heading, "Doe v. R" + long, true},
		{"versus end", needVersusEnd, p.heading, "Doe v. Ro" + long, false},
		{"versus end", needVersusEnd, p.heading, "See Doe v. Roe, 1 F.3d 2, 5 (7th Cir. 1999) (holding that a platform is not liable for what its users post on it, whatever they post)", false},
		{"versus end", needVersusEnd, p.heading, "Doe v. roe\nDoe v.Roe\nDoe  v Roe\nDoev. Roe\nDoe vs Roe\nDoe v. \n", false},
		{"versus end", needVersusEnd, p.heading, "Doe v. 5 Roe", false},
	} {
		if got := c.need(c.text, lowerASCII(c.text)); got != c.want {
			t.Errorf("%s(%q) = %v, want %v", c.name, c.text, got, c.want)
		}
		if !c.want && c.re.MatchString(c.text) {
			// the need is wrong about its pattern
			t.Errorf("%s rules out %q, but the pattern matches it", c.name, c.text)
		}
	}
}

// FuzzNeedVersusEnd: wherever the heading pattern (the oracle) matches,
// the heading guide's need lets the window through.
func FuzzNeedVersusEnd(f *testing.F) {
	for _, s := range []string{"Jane Doe v. Richard Roe", "A vs.\u00a0B \t\nx", "Doe v. Roe, 1 F.3d 2", "# Case - A v. \n\nB", "x: A v. B" + strings.Repeat("é", 99)} {
		f.Add(s)
	}
	heading := partyRulesOnce().heading
	f.Fuzz(func(t *testing.T, text string) {
		if heading.MatchString(text) && !needVersusEnd(text, lowerASCII(text)) {
			t.Errorf("needVersusEnd rules out %q, but the heading pattern matches it", text)
		}
	})
}

// upperBytes marks exactly the ASCII capitals of a word, whatever the
// bytes beside them (no carry from one byte into the next).
func TestUpperBytes(t *testing.T) {
	for c := 0; c < 256; c++ {
		for _, other := range []byte{0, '@', 'A', 'Z', '[', 'a', 0x7f, 0x80, 0xc1, 0xda, 0xff} {
			var w [8]byte
			for k := range w {
				w[k] = other
			}
			w[3] = byte(c)
			x := load64(string(w[:]), 0)
			got := upperBytes(x)
			for k := range w {
				want := 'A' <= w[k] && w[k] <= 'Z'
				if (got>>(8*k)&0xff == 0x80) != want || got>>(8*k)&0x7f != 0 {
					t.Fatalf("upperBytes(% x) = %#016x: byte %d (%q) marked wrongly", w, got, k, w[k])
				}
			}
		}
	}
}

func BenchmarkLowerASCII(b *testing.B) {
	text := largeText(b, 1<<20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		lowerASCII(text)
	}
}

func TestStartsWith(t *testing.T) {
	folded, exact := startsWith(true, "case", "no."), startsWith(false, "Judge", "Rule")
	for _, c := range []struct {
		can  func(string) bool
		s    string
		want bool
	}{
		{folded, "Case No. 1", true}, {folded, "CASE", true}, {folded, "cas", false}, {folded, "No. 5", true}, {folded, "No 5", false},
		{folded, "and so on", false}, {folded, "ca\u017fe", true}, {folded, "no\u212a", true}, {folded, "cause", false},
		{exact, "Judge Wood", true}, {exact, "judge", false}, {exact, "JUDGE", false}, {exact, "Rules", true}, {exact, "Ru\u017fe", false},
	} {
		if got := c.can(c.s); got != c.want {
			t.Errorf("can(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// guideCans are the cans written for one pattern each, with that
// pattern: wherever the pattern matches at the start of a text, its
// can must let the text through.
func guideCans() []struct {
	name string
	can  func(string) bool
	re   *regexp.Regexp
} {
	s, d, j, k := statuteRulesOnce(), dateRulesOnce(), judgeRulesOnce(), docketRulesOnce()
	return []struct {
		name string
		can  func(string) bool
		re   *regexp.Regexp
	}{{"lawAfter", lawAfter, s.pubLaw}, {"fedThenRule", fedThenRule, s.fedRule}, {"sectionNumber", sectionNumber, s.bareWord},
		{"dayThenSpace", dayThenSpace, d.dayFirst}, {"titleThenName", titleThenName, j.title},
		{"appealNumber", appealNumber, k.appeal}}
}

// TestGuideCans: each can says what the examples expect, and where it
// says no its pattern does not match there.
func TestGuideCans(t *testing.T) {
	cans := map[string]func(string) bool{}
	for _, c := range guideCans() {
		cans[c.name] = c.can
	}
	for _, c := range []struct {
		can, s string
		want   bool
	}{
		{"lawAfter", "Pub. L. No. 115-164", true}, {"lawAfter", "Public Law 115-164", true}, {"lawAfter", "PUBLIC\tLAW  No.\t115-1", true},
		{"lawAfter", "pvt.l. 98-1", true}, {"lawAfter", "Private \u00a0Law 12-3", true}, {"lawAfter", "public interest", false},
		{"lawAfter", "publication", false}, {"lawAfter", "Pub.L.115-164", true}, {"lawAfter", "pub l number 1", true}, {"lawAfter", "Pub", false}, {"lawAfter", "private parties", false}, {"lawAfter", "Pvt Ltd", false}, {"lawAfter", "Public Law\u00a0115", true},
		{"fedThenRule", "Fed. R. Civ. P. 12", true}, {"fedThenRule", "Federal Rules of Civil Procedure", true}, {"fedThenRule", "FEDR", false}, {"fedThenRule", "FEDRCIV", true}, {"fedThenRule", "Federal Rules of Evidence", true}, {"fedThenRule", "federal rules of the court", false}, {"fedThenRule", "federal rights", false},
		{"fedThenRule", "federal court", false}, {"fedThenRule", "Fed.\u2009R.", true}, {"fedThenRule", "fed up", false}, {"fedThenRule", "Federation", false},
		{"sectionNumber", "Section 1595", true}, {"sectionNumber", "section\u00a0230", true}, {"sectionNumber", "Section 23", false},
		{"sectionNumber", "section of the", false}, {"sectionNumber", "Section1595", false}, {"sectionNumber", "SECTION 1595", false},
		{"dayThenSpace", "16 mai 2022", true}, {"dayThenSpace", "1er mai", true}, {"dayThenSpace", "3RD May", true}, {"dayThenSpace", "5\u00a0May", true},
		{"dayThenSpace", "2003", false}, {"dayThenSpace", "19, 2003", false}, {"dayThenSpace", "123 May", false}, {"dayThenSpace", "7", false},
		{"dayThenSpace", "1\u017ft May", true}, {"dayThenSpace", "12-cv", false},
		{"titleThenName", "Judge Andrea R. Wood", true}, {"titleThenName", "Chief District Judge: Roe", true}, {"titleThenName", "Senior\u00a0Circuit  Judge\tA.", true},
		{"titleThenName", "JUSTICE ALITO", true}, {"titleThenName", "Judge of the court", false}, {"titleThenName", "District Court", false},
		{"appealNumber", "No. 20-1234", true}, {"appealNumber", "Case No.\t20-12", true}, {"appealNumber", "APPEAL NOS. 19-5", true}, {"appealNumber", "docket no.20-1", true},
		{"appealNumber", "not 20-1", false}, {"appealNumber", "case law", false}, {"appealNumber", "No. 2020-1", false}, {"appealNumber", "No 20-1", false},
		{"appealNumber", "Ca\u017fe No. 20-1", true}, {"appealNumber", "no.\u00a020-1", true}, {"appealNumber", "caseNo. 20-1", false},
		{"titleThenName", "Judge:", false}, {"titleThenName", "JudgeRoe", false}, {"titleThenName", "Chief Judge\nRoe", false}, {"titleThenName", "ChiefJudge Roe", false},
	} {
		if got := cans[c.can](c.s); got != c.want {
			t.Errorf("%s(%q) = %v, want %v", c.can, c.s, got, c.want)
		}
	}
	for _, c := range guideCans() {
		for _, s := range []string{"Pub. L. No. 115-164", "Fed. R. Civ. P. 12(b)(6)", "Section 1595(a)", "16 mai 2022", "public interest", "federal court"} {
			checkGuideCan(t, c.name, c.can, c.re, s)
		}
	}
}

func FuzzGuideCans(f *testing.F) {
	for _, s := range []string{"Pub. L. No. 115-164", "Public Law 115\u2013164", "Fed. R. Civ. P. 12(b)(6)", "Federal Rule of Evidence 403",
		"Section 1595(a)(1)", "section\u00a0230", "16 mai 2022", "1er juin 2020", "3rd May 2021", "public interest", "Chief Judge Jane Roe", "Senior Circuit Judge: A. B. Smith", "Judge of", "Case No. 20-1234", "appeal nos. 20-12; no. 19-1", "doc\u212aet No. 5-12"} {
		f.Add(s)
	}
	cans := guideCans()
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range cans {
			checkGuideCan(t, c.name, c.can, c.re, s)
		}
	})
}

// checkGuideCan fails t where re matches at the start of s but can
// rules s out.
func checkGuideCan(t *testing.T, name string, can func(string) bool, re *regexp.Regexp, s string) {
	if anchored(re).MatchString(s) && !can(s) {
		t.Errorf("%s rules out %q, where its pattern matches", name, s)
	}
}

func TestDigitsThen(t *testing.T) {
	slash, dash := digitsThen(1, 2, '/'), digitsThen(4, 4, '-')
	for _, c := range []struct {
		can  func(string) bool
		s    string
		want bool
	}{
		{slash, "5/16/2022", true}, {slash, "05/16/22", true}, {slash, "123/4/5", false}, {slash, "/5", false}, {slash, "5", false},
		{slash, "5-16", false}, {dash, "2022-05-16", true}, {dash, "202-05", false}, {dash, "20221-05", false}, {dash, "2022", false},
	} {
		if got := c.can(c.s); got != c.want {
			t.Errorf("can(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func TestNextLineUnited(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"John Q. Smith\nUnited States District Judge", true}, {"John Q. Smith  \n \t United States", true},
		{"John Q. Smith\n\nUnited States", false}, {"John Q. Smith, United States District Judge", false}, {"John\nJudge", false}, {"", false},
	} {
		if got := nextLineUnited(c.s); got != c.want {
			t.Errorf("nextLineUnited(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
