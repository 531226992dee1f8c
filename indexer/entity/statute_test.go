package entity

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestStatutes(t *testing.T) {
	runTagCases(t, Statutes(), []tagCase{
		{"subsection folds to section", "under 18 U.S.C. § 1591(a)(2).", "18 U.S.C. § 1591(a)(2)=18 U.S.C. § 1591"},
		{"section list gives one mention each", "TVPRA, 18 U.S.C. §§ 1591(a)(2) and 1595(a)",
			"TVPRA=TVPRA; 18 U.S.C. §§ 1591(a)(2)=18 U.S.C. § 1591; 1595(a)=18 U.S.C. § 1595"},
		{"no-break spaces", "18 U.S.C. §§\u00a01591(a)(1)\u00a0and 1595(a)", "18 U.S.C. §§ 1591(a)(1)=18 U.S.C. § 1591; 1595(a)=18 U.S.C. § 1595"},
		{"without dots or sign", "see 18 USC 1591", "18 USC 1591=18 U.S.C. § 1591"},
		{"lower case usc", "see 18 usc 1595", "18 usc 1595=18 U.S.C. § 1595"},
		{"title 47 with subsections", "47 U.S.C. § 230(c)(1)", "47 U.S.C. § 230(c)(1)=47 U.S.C. § 230"},
		{"title and section in words", "Title 18, Section 1591 applies", "Title 18, Section 1591=18 U.S.C. § 1591"},
		{"section of title", "section 1591 of title 18", "section 1591 of title 18=18 U.S.C. § 1591"},
		{"split by a line break", "the Act, 47 U.S.C.\n\n§ 230, has", "47 U.S.C. § 230=47 U.S.C. § 230"},
		{"title on the line before", "under 18\n\nU.S.C. § 1595. As", "18 U.S.C. § 1595=18 U.S.C. § 1595"},
		{"bare section takes the last title", "18 U.S.C. § 1591 ... then §1595 and § 1595(a)",
			"18 U.S.C. § 1591=18 U.S.C. § 1591; §1595=18 U.S.C. § 1595; § 1595(a)=18 U.S.C. § 1595"},
		{"bare section takes its own earlier title", "18 U.S.C. § 1595; 47 U.S.C. § 230; then § 1595",
			"18 U.S.C. § 1595=18 U.S.C. § 1595; 47 U.S.C. § 230=47 U.S.C. § 230; § 1595=18 U.S.C. § 1595"},
		{"bare 230 is the CDA when the text says so", "18 U.S.C. § 1595 and the defense under § 230 of the Communications Decency Act",
			"18 U.S.C. § 1595=18 U.S.C. § 1595; § 230=47 U.S.C. § 230; Communications Decency Act=Communications Decency Act"},
		{"bare section without any title is not tagged", "see § 1595 and § 12", ""},
		{"bare Section word needs the same section cited", "18 U.S.C. § 1595. Section 1595 claims; Section 101 of the report",
			"18 U.S.C. § 1595=18 U.S.C. § 1595; Section 1595=18 U.S.C. § 1595"},
		{"Section 230 in any case", "section 230 and SECTION 230 and Section 230’s", "section 230=47 U.S.C. § 230; SECTION 230=47 U.S.C. § 230; Section 230=47 U.S.C. § 230"},
		{"CDA 230", "CDA 230 and CDA Section 230 and the CDA", "CDA 230=47 U.S.C. § 230; CDA Section 230=47 U.S.C. § 230; CDA=Communications Decency Act"},
		{"acronyms only as words", "cda sestafosta ACDAB http://x/how-sesta-fails SESTA/FOSTA", "SESTA=SESTA; FOSTA=FOSTA"},
		{"FOSTA by name across a line", "the Allow\n\nStates and Victims to Fight Online Sex Trafficking Act (“FOSTA”)",
			"Allow States and Victims to Fight Online Sex Trafficking Act=FOSTA; FOSTA=FOSTA"},
		{"public law of a known act", "FOSTA, Pub. L. No. 115-164, 132 Stat. 1253", "FOSTA=FOSTA; Pub. L. No. 115-164=FOSTA; 132 Stat. 1253=FOSTA"},
		{"bills", "S. 1693 and H.R. 1865 and Senate 1693; H.R. 1234; 550 U.S. 544", "S. 1693=SESTA; H.R. 1865=FOSTA; Senate 1693=SESTA; H.R. 1234=H.R. 1234"},
		{"C.F.R. and Statutes at Large", "28 C.F.R. § 35.130; 48 CFR Part 38; 114 Stat. 1464; 60 Fed. Reg. 68,380",
			"28 C.F.R. § 35.130=28 C.F.R. § 35.130; 48 CFR Part 38=48 C.F.R. pt. 38; 114 Stat. 1464=TVPA; 60 Fed. Reg. 68,380=60 Fed. Reg. 68380"},
		{"U.S. Code spelt out", "21, United States Code, Section 853 and 1 U.S. Code §1 and 1 U.S.C.A. § 1",
			"21, United States Code, Section 853=21 U.S.C. § 853; 1 U.S. Code §1=1 U.S.C. § 1; 1 U.S.C.A. § 1=1 U.S.C. § 1"},
		{"bare rule in a civil case", "Case 1:20-cv-02335. The Rule 12(b)(6) motion", "Rule 12(b)(6)=Fed. R. Civ. P. 12(b)(6)"},
		{"international instruments", "the Palermo Protocol, CEDAW, the Council of Europe Convention on Action against Trafficking in Human Beings, Directive 2011/36/EU and the Budapest Convention on Cybercrime",
			"Palermo Protocol=Palermo Protocol; CEDAW=CEDAW; Council of Europe Convention on Action against Trafficking in Human Beings=CoE Trafficking Convention; Directive 2011/36/EU=Directive 2011/36/EU; Budapest Convention on Cybercrime=Budapest Convention"},
		{"public law", "Pub. L. 115-164 and Public Law 116-1", "Pub. L. 115-164=FOSTA; Public Law 116-1=Pub. L. 116-1"},
		{"SESTA and TVPRA by name", "Stop Enabling Sex Traffickers Act of 2017; Trafficking Victims Protection Reauthorization Act",
			"Stop Enabling Sex Traffickers Act of 2017=SESTA; Trafficking Victims Protection Reauthorization Act=TVPRA"},
		{"TVPA is not TVPRA", "the TVPA and the Trafficking Victims Protection Act", "TVPA=TVPA; Trafficking Victims Protection Act=TVPA"},
		{"federal rules", "Fed. R. Civ. P. 12(b)(6); Federal Rule of Civil Procedure 12(b)(6); Fed. R. Evid. 403",
			"Fed. R. Civ. P. 12(b)(6)=Fed. R. Civ. P. 12(b)(6); Federal Rule of Civil Procedure 12(b)(6)=Fed. R. Civ. P. 12(b)(6); Fed. R. Evid. 403=Fed. R. Evid. 403"},
		{"bare rule after a full one", "Federal Rule of Civil Procedure 12(b)(6). A Rule\n12(b)(6) motion",
			"Federal Rule of Civil Procedure 12(b)(6)=Fed. R. Civ. P. 12(b)(6); Rule 12(b)(6)=Fed. R. Civ. P. 12(b)(6)"},
		{"bare rule alone is not tagged", "Rule 12(b)(6) motion", ""},
		{"bankruptcy rules", "Case 1:20-bk-12345. In this Bankruptcy case, the Rule 2004 examination; Fed. R. Bankr. P. 9019",
			"Rule 2004=Fed. R. Bankr. P. 2004; Fed. R. Bankr. P. 9019=Fed. R. Bankr. P. 9019"},
		{"a four-digit rule is no civil rule", "Case 1:20-cv-12345. The Rule 2004 motion and Rule 12(b)(6)", "Rule 12(b)(6)=Fed. R. Civ. P. 12(b)(6)"},
		{"ordinary text", "In 2018 the section on page 230 said 18 things.", ""},
	})
}

func TestNormalizeStatute(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"18 U.S.C. § 1595", "18 U.S.C. § 1595", true},
		{"18 usc 1595", "18 U.S.C. § 1595", true},
		{"18 U.S.C. § 1591(a)(2)", "18 U.S.C. § 1591", true},
		{"47 USC 230", "47 U.S.C. § 230", true},
		{"section 230", "47 U.S.C. § 230", true},
		{"Section 230 of the Communications Decency Act", "47 U.S.C. § 230", true},
		{"CDA 230", "47 U.S.C. § 230", true},
		{"cda", "Communications Decency Act", true},
		{"FOSTA", "FOSTA", true},
		{"fosta", "FOSTA", true},
		{"Allow States and Victims to Fight Online Sex Trafficking Act", "FOSTA", true},
		{"Pub. L. No. 115-164", "FOSTA", true},
		{"Pub. L. 115-164", "FOSTA", true},
		{"pub. l. 116-1", "Pub. L. 116-1", true},
		{"tvpra", "TVPRA", true},
		{"SESTA", "SESTA", true},
		{"Title 18, Section 1591", "18 U.S.C. § 1591", true},
		{"Fed. R. Civ. P. 12(b)(6)", "Fed. R. Civ. P. 12(b)(6)", true},
		{"federal rule of civil procedure 12(b)(6)", "Fed. R. Civ. P. 12(b)(6)", true},
		{" 18 U.S.C. § 1595 ", "18 U.S.C. § 1595", true},
		{"§ 1595", "", false},
		{"", "", false},
		{"trafficking", "", false},
		{"18 U.S.C. § 1595 and more words", "", false},
	} {
		got, ok := NormalizeStatute(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeStatute(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBillNumberAfter(t *testing.T) {
	for _, c := range []struct {
		text, needle string
		want         bool
	}{
		{"see S. 1693 (2017)", "s.", true},
		{"S.1693", "s.", true},
		{"(S. 12)", "s.", true},
		{"200 U.S. 321", "s.", false},       // after a period
		{"the cases. 12 more", "s.", false}, // after a letter
		{"S. 1 of 2", "s.", false},          // one figure
		{"S.  12", "s.", false},             // two spaces
		{"S. 05", "s.", false},              // starts with 0
		{"H.R. 1865", "h.r", true},
		{"H.R 1865", "h.r", false},
		{"H. R. 2345", "h. r", true},
		{"Senate Bill 35", "senate", true},
		{"Senate 35", "senate", true},
		{"Senate\n\tBill\t35", "senate", true},
		{"the Senate voted 52 to 48", "senate", false},
		{"House 4512", "house", true},
		{"White House 12", "house", true}, // the pattern itself takes it
		{"Whitehouse 12", "house", false},
		{"House Bill", "house", false},
	} {
		lower := lowerASCII(c.text)
		i := strings.Index(lower, c.needle)
		if got := billNumberAfter(lower, i, len(c.needle)); got != c.want {
			t.Errorf("billNumberAfter(%q at %d) = %v, want %v", c.text, i, got, c.want)
		}
	}
}

// FuzzBillKeep: the bill guide, keeping only the needles a bill can
// begin at, finds the bills it finds keeping every needle. A state
// house bill ("H.B. 10") has no needle of its own and is found only in
// another needle's window; tagScan drops it, and no other bill can
// overlap it, so it is left out of both sides.
func FuzzBillKeep(f *testing.F) {
	for _, s := range []string{
		"S. 1693, H.R. 1865, H. R. 2, Senate Bill 3, House 45, H.B. 12; 200 U.S. 321; 12 So. S. 4",
		"cases. 12; S.12 S.  12; xS. 12; .S. 12; Senate\nBill\n12; House Bill12; Senate 0",
		"the White House 2020 Senate 52 to 48 H.R.1 H.R. 10 S. 5 S. 55555555",
		"U.S.C. § 1591 S. 1693; h.r. 12 senate bill 12 SENATE 12",
	} {
		f.Add(s)
	}
	r := statuteRulesOnce()
	every := r.billAt
	every.keep = nil
	f.Fuzz(func(t *testing.T, text string) {
		lower := lowerASCII(text)
		sc := r.guides.scan(text, lower)
		federal := func(ms [][]int) [][]int {
			if ms = slices.DeleteFunc(ms, func(m []int) bool { return strings.HasPrefix(text[m[2]:m[3]], "H.B") }); len(ms) == 0 {
				return nil
			}
			return ms
		}
		if got, want := federal(r.billAt.find(sc, r.bill)), federal(every.find(sc, r.bill)); !reflect.DeepEqual(got, want) {
			t.Errorf("in %q: keeping bill needles finds %v, keeping all %v", text, got, want)
		}
	})
}
