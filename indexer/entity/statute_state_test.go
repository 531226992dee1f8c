package entity

import (
	"fmt"
	"strings"
	"testing"
)

func TestStatutesNotReporters(t *testing.T) {
	runTagCases(t, Statutes(), []tagCase{
		{"U. S. Reports with spaces", "Lochner v. New York, 198 U. S. 45 (1905); Muller, 208 U. S. 412; 200 U.S. 321", ""},
		{"Supreme Court and Lawyers' Edition", "123 S.Ct. 45; 123 S. Ct. 45; 100 L. Ed. 2d 321; 100 L.Ed.2d 321", ""},
		{"Federal Reporter with spaces", "519 F. 2d 666; 519 F.\n3d 666; 12 So. 2d 45; 3 S.W. 2d 1; 12 S. 45", ""},
		{"a Senate bill still is one", "the Senate passed S. 1693 and S. 178", "S. 1693=SESTA; S. 178=JVTA"},
	})
}

func TestStateCodes(t *testing.T) {
	runTagCases(t, Statutes(), []tagCase{
		{"Oklahoma title and hyphenated decimal section", "28 U.S.C. § 1331; Okla. Stat. tit. 10A, §§ 7301-1.3",
			"28 U.S.C. § 1331=28 U.S.C. § 1331; Okla. Stat. tit. 10A, §§ 7301-1.3=Okla. Stat. tit. 10A § 7301-1.3"},
		{"California subject code", "Cal. Penal Code § 236.1(c) and Cal. Bus. & Prof. Code § 17200",
			"Cal. Penal Code § 236.1(c)=Cal. Penal Code § 236.1; Cal. Bus. & Prof. Code § 17200=Cal. Bus. & Prof. Code § 17200"},
		{"Illinois compiled statutes", "720 ILCS 5/10-9 and 740 Ill. Comp. Stat. 128/15",
			"720 ILCS 5/10-9=720 Ill. Comp. Stat. 5/10-9; 740 Ill. Comp. Stat. 128/15=740 Ill. Comp. Stat. 128/15"},
		{"Massachusetts chapter", "Mass. Gen. Laws ch. 265, § 50", "Mass. Gen. Laws ch. 265, § 50=Mass. Gen. Laws ch. 265 § 50"},
		{"annotated and unannotated are one code", "Fla. Stat. Ann. § 787.06 and Fla. Stat. § 787.06(3)",
			"Fla. Stat. Ann. § 787.06=Fla. Stat. § 787.06; Fla. Stat. § 787.06(3)=Fla. Stat. § 787.06"},
		{"common names", "RCW 9A.40.100; A.R.S. § 13-3212; O.C.G.A. § 16-5-46",
			"RCW 9A.40.100=Wash. Rev. Code § 9A.40.100; A.R.S. § 13-3212=Ariz. Rev. Stat. § 13-3212; O.C.G.A. § 16-5-46=Ga. Code Ann. § 16-5-46"},
		{"Texas and Maryland subjects", "Tex. Penal Code § 20A.02; Md. Code Ann., Crim. Law § 11-303",
			"Tex. Penal Code § 20A.02=Tex. Penal Code Ann. § 20A.02; Md. Code Ann., Crim. Law § 11-303=Md. Code Ann., Crim. Law § 11-303"},
		{"Louisiana article", "La. Civ. Code Ann. art. 2315", "La. Civ. Code Ann. art. 2315=La. Civ. Code Ann. art. 2315"},
		{"bare section after a state code is of that code", "18 U.S.C. § 1591. Under Fla. Stat. § 787.06, and § 787.07, a person",
			"18 U.S.C. § 1591=18 U.S.C. § 1591; Fla. Stat. § 787.06=Fla. Stat. § 787.06; § 787.07=Fla. Stat. § 787.07"},
		{"bare section after a state code is never U.S.C.", "18 U.S.C. § 1591. Okla. Stat. tit. 21, § 748. Under § 1595 as well",
			"18 U.S.C. § 1591=18 U.S.C. § 1591; Okla. Stat. tit. 21, § 748=Okla. Stat. tit. 21 § 748; § 1595=Okla. Stat. tit. 21 § 1595"},
		{"a section of something named is not bare", "18 U.S.C. § 1591. Restatement (Second) of Torts § 876; Model Penal Code § 2.06",
			"18 U.S.C. § 1591=18 U.S.C. § 1591"},
		{"after a regulation, a regulation's section or a section cited before", "18 U.S.C. § 1595. 28 C.F.R. § 35.130; § 35.104; § 1595; § 1596",
			"18 U.S.C. § 1595=18 U.S.C. § 1595; 28 C.F.R. § 35.130=28 C.F.R. § 35.130; § 35.104=28 C.F.R. § 35.104; § 1595=18 U.S.C. § 1595"},
		{"a section of a constitution's article is not of the Code", "18 U.S.C. § 1591. See Okla. Const. art. 7, §§ 7(a), 7(b); U.S. Const. amend. XIV, § 1",
			"18 U.S.C. § 1591=18 U.S.C. § 1591"},
		{"a stray sign before a U.S.C. citation", "§11 U.S.C. 1306; 11 U.S.C. § 541", "11 U.S.C. 1306=11 U.S.C. § 1306; 11 U.S.C. § 541=11 U.S.C. § 541"},
		{"a line number is not a section", "under 8 U.S.C.\n\n2\n\n§ 1427.", "8 U.S.C. 2 § 1427=8 U.S.C. § 1427"},
		{"a line number between title and Code on pleading paper", pleading("We are faced with the question of whether 8\nU.S.C. § 1427 precludes it"),
			"8 2 U.S.C. § 1427=8 U.S.C. § 1427"},
		{"a sign at the end of a numbered line", pleading("under 8 U.S.C. § 1427 and §\ndisqualify him"), "8 U.S.C. § 1427=8 U.S.C. § 1427"},
		{"the title by the Code elsewhere", "COUNT 4\n18 U.S.C. § 1591", "18 U.S.C. § 1591=18 U.S.C. § 1591"},
		{"a line number between Code and section", pleading("under 8 U.S.C.\n§ 1427. The court"), "8 U.S.C. 2 § 1427=8 U.S.C. § 1427"},
		{"a section on the next line needs its sign", "under 8 U.S.C.\n\n2\n\nthe rule", ""},
		{"a list of decimal sections after a state code", "Okla. Stat. tit. 10A, § 7306-1.1. Id. §§ 7306-2.4(F), 7306-2.8(A)-(E).",
			"Okla. Stat. tit. 10A, § 7306-1.1=Okla. Stat. tit. 10A § 7306-1.1; §§ 7306-2.4(F)=Okla. Stat. tit. 10A § 7306-2.4; 7306-2.8(A)=Okla. Stat. tit. 10A § 7306-2.8"},
		{"a section of a public law is not of the Code", "18 U.S.C. § 1595; Pub. L. No. 115-164, § 2, 132 Stat. 1253",
			"18 U.S.C. § 1595=18 U.S.C. § 1595; Pub. L. No. 115-164=FOSTA; 132 Stat. 1253=FOSTA"},
		{"a bare section far from any U.S.C. cite has no title", "18 U.S.C. § 1591." + strings.Repeat(" words", 600) + " § 1595; § 1591(a)",
			"18 U.S.C. § 1591=18 U.S.C. § 1591; § 1591(a)=18 U.S.C. § 1591"},
	})
}

// A state code typed without its periods is the same code, with the same
// value, as the dotted form; it is never U.S. Code, and without a section
// the code's words are prose.
func TestStateCodesWithoutPeriods(t *testing.T) {
	pairs := [][2]string{
		{"Cal Penal Code § 236.1", "Cal. Penal Code § 236.1"},
		{"Cal Bus & Prof Code § 17200", "Cal. Bus. & Prof. Code § 17200"},
		{"Tex Penal Code § 20A.02", "Tex. Penal Code § 20A.02"},
		{"Fla Stat § 787.06(3)", "Fla. Stat. § 787.06(3)"},
		{"NY Penal Law § 230.34", "N.Y. Penal Law § 230.34"},
		{"Okla Stat tit 21, § 748", "Okla. Stat. tit. 21, § 748"},
		{"Mass Gen Laws ch 265, § 50", "Mass. Gen. Laws ch. 265, § 50"},
		{"Ga Code Ann § 16-5-46", "Ga. Code Ann. § 16-5-46"},
		{"Md Code Ann, Crim Law § 11-303", "Md. Code Ann., Crim. Law § 11-303"},
		{"NC Gen Stat § 14-43.11", "N.C. Gen. Stat. § 14-43.11"},
		{"La Civ Code Ann art 2315", "La. Civ. Code Ann. art. 2315"},
		{"740 Ill Comp Stat 128/15", "740 Ill. Comp. Stat. 128/15"},
	}
	tagger := Statutes()
	for _, p := range pairs {
		t.Run(p[0], func(t *testing.T) {
			text := "18 U.S.C. § 1591; " + p[0]
			got := tagger.Tag(text)
			checkSpans(t, text, got)
			want := tagger.Tag(p[1])
			if len(want) != 1 || len(got) != 2 || got[1].Norm != want[0].Norm || strings.Contains(got[1].Norm, "U.S.C.") {
				t.Errorf("Tag(%q) = %s; want 18 U.S.C. § 1591 and the value of %q, %s", text, brief(got), p[1], brief(want))
			}
			if n, ok := NormalizeStatute(p[0]); !ok || len(want) == 1 && n != want[0].Norm {
				t.Errorf("NormalizeStatute(%q) = %q, %v; want %s", p[0], n, ok, brief(want))
			}
		})
	}
	runTagCases(t, tagger, []tagCase{
		{"a bare section after an undotted code is of that code", "18 U.S.C. § 1591. Under Fla Stat § 787.06, and § 787.07, a person",
			"18 U.S.C. § 1591=18 U.S.C. § 1591; Fla Stat § 787.06=Fla. Stat. § 787.06; § 787.07=Fla. Stat. § 787.07"},
		{"a section with its punctuation needs no sign", "Fla Stat 787.06; NY Penal Law 230.34",
			"Fla Stat 787.06=Fla. Stat. § 787.06; NY Penal Law 230.34=N.Y. Penal Law § 230.34"},
		{"without a section the words are prose", "NY Penal Law reform; Cal Penal Code cases in 2019; Fla Stat 12 times", ""},
	})
}

func TestStatuteRangesAndLists(t *testing.T) {
	runTagCases(t, Statutes(), []tagCase{
		{"range gives every section", "18 U.S.C. §§ 1591-1595",
			"18 U.S.C. §§ 1591-1595=18 U.S.C. § 1591; 18 U.S.C. §§ 1591-1595=18 U.S.C. § 1592; 18 U.S.C. §§ 1591-1595=18 U.S.C. § 1593; 18 U.S.C. §§ 1591-1595=18 U.S.C. § 1594; 18 U.S.C. §§ 1591-1595=18 U.S.C. § 1595"},
		{"short range", "1 U.S.C. §§ 1-2", "1 U.S.C. §§ 1-2=1 U.S.C. § 1; 1 U.S.C. §§ 1-2=1 U.S.C. § 2"},
		{"abbreviated end", "18 U.S.C. §§ 1594-95", "18 U.S.C. §§ 1594-95=18 U.S.C. § 1594; 18 U.S.C. §§ 1594-95=18 U.S.C. § 1595"},
		{"wide range gives its ends", "18 U.S.C. §§ 1581-1597", "18 U.S.C. §§ 1581-1597=18 U.S.C. § 1581; 18 U.S.C. §§ 1581-1597=18 U.S.C. § 1597"},
		{"list", "18 U.S.C. §§ 1591, 1595", "18 U.S.C. §§ 1591=18 U.S.C. § 1591; 1595=18 U.S.C. § 1595"},
		{"range with a dash or words", "18 U.S.C. §§ 1591–1593 and 47 U.S.C. §§ 230 through 231",
			"18 U.S.C. §§ 1591=18 U.S.C. § 1591; 1593=18 U.S.C. § 1592; 1593=18 U.S.C. § 1593; 47 U.S.C. §§ 230=47 U.S.C. § 230; 231=47 U.S.C. § 231"},
		{"bare range with a dash", "18 U.S.C. § 1591. See §§ 1594–1595.",
			"18 U.S.C. § 1591=18 U.S.C. § 1591; §§ 1594=18 U.S.C. § 1594; 1595=18 U.S.C. § 1595"},
		{"state range with words", "Okla. Stat. tit. 21, §§ 748 to 750", "Okla. Stat. tit. 21, §§ 748 to 750=Okla. Stat. tit. 21 § 748; Okla. Stat. tit. 21, §§ 748 to 750=Okla. Stat. tit. 21 § 749; Okla. Stat. tit. 21, §§ 748 to 750=Okla. Stat. tit. 21 § 750"},
		{"hyphenated Code section stays whole", "42 U.S.C. § 2000e-2(a)", "42 U.S.C. § 2000e-2(a)=42 U.S.C. § 2000e-2"},
		{"bare range after a full cite", "18 U.S.C. § 1591. See §§ 1594-1595.",
			"18 U.S.C. § 1591=18 U.S.C. § 1591; §§ 1594-1595=18 U.S.C. § 1594; §§ 1594-1595=18 U.S.C. § 1595"},
		{"hyphenated state sections stay whole", "Ariz. Rev. Stat. §§ 13-3212, 13-3214",
			"Ariz. Rev. Stat. §§ 13-3212, 13-3214=Ariz. Rev. Stat. § 13-3212; Ariz. Rev. Stat. §§ 13-3212, 13-3214=Ariz. Rev. Stat. § 13-3214"},
	})
}

// pleading puts text on numbered lines, as court filings' line-numbered
// paper does once extracted, starting with line 1 and going on past it.
func pleading(text string) string {
	var b strings.Builder
	n := 1
	for line := range strings.SplitSeq(text, "\n") {
		fmt.Fprintf(&b, "%d %s\n", n, line)
		n++
	}
	for ; n < 20; n++ {
		fmt.Fprintf(&b, "%d words of the opinion\n", n)
	}
	return b.String()
}

// The U.S. Code sections of the trafficking statutes are found in every
// form opinions write them.
func TestUSCForms(t *testing.T) {
	runTagCases(t, Statutes(), []tagCase{
		{"subsections", "47 U.S.C. § 230(c)(1)", "47 U.S.C. § 230(c)(1)=47 U.S.C. § 230"},
		{"no dots, no sign", "47 USC 230", "47 USC 230=47 U.S.C. § 230"},
		{"by name", "Section 230 of the Communications Decency Act", "Section 230=47 U.S.C. § 230; Communications Decency Act=Communications Decency Act"},
		{"two sections", "18 U.S.C. §§ 1591 and 1595", "18 U.S.C. §§ 1591=18 U.S.C. § 1591; 1595=18 U.S.C. § 1595"},
		{"no sign", "18 U.S.C. 1591(a)(1)", "18 U.S.C. 1591(a)(1)=18 U.S.C. § 1591"},
		{"title and section", "Title 18, Section 1591", "Title 18, Section 1591=18 U.S.C. § 1591"},
		{"title, U.S.C., section", "Title 18, U.S.C., Section 1591", "Title 18, U.S.C., Section 1591=18 U.S.C. § 1591"},
		{"sections of title", "Sections 1591 and 1595 of Title 18", "Sections 1591=18 U.S.C. § 1591; 1595=18 U.S.C. § 1595"},
		{"lower-case ss.", "18 U.S.C. ss. 1591, 1595", "18 U.S.C. ss. 1591=18 U.S.C. § 1591; 1595=18 U.S.C. § 1595"},
	})
}

// Every statute value a facet can show is accepted by the statute filter
// as itself, so that clicking a facet value filters by it.
func TestStatuteNormsNormalize(t *testing.T) {
	text := "Okla. Stat. tit. 10A, §§ 7301-1.3; Cal. Penal Code § 236.1; 720 ILCS 5/10-9; Mass. Gen. Laws ch. 265, § 50; " +
		"RCW 9A.40.100; Md. Code Ann., Crim. Law § 11-303; La. Civ. Code Ann. art. 2315; Tex. Penal Code § 20A.02; " +
		"42 U.S.C. § 2000e-2; 18 U.S.C. §§ 1591-1595; 28 C.F.R. § 35.130; 48 CFR Part 38; Pub. L. 116-1; FOSTA; " +
		"Fed. R. Civ. P. 12(b)(6); Fed. R. Bankr. P. 2004; 60 Fed. Reg. 68,380; S. 1234; Treas. Reg. § 1.41-2; Council of Europe Convention on Action against Trafficking in Human Beings; " +
		"Palermo Protocol; Budapest Convention on Cybercrime; Directive 2011/36/EU; Telecommunications Act of 1996"
	ms := Statutes().Tag(text)
	if len(ms) < 20 {
		t.Fatalf("only %d statutes in %q: %s", len(ms), text, brief(ms))
	}
	for _, m := range ms {
		if got, ok := NormalizeStatute(m.Norm); !ok || got != m.Norm {
			t.Errorf("NormalizeStatute(%q) = %q, %v; want the value itself", m.Norm, got, ok)
		}
	}
}

// Every example of laws.json that cites a state or territorial code is
// tagged as a statute of that code (its abbreviation starts the norm, or
// the unannotated code's when the table has both), never as U.S. Code.
func TestStateLawExamples(t *testing.T) {
	var recs map[string][]struct {
		CiteType     string   `json:"cite_type"`
		Jurisdiction string   `json:"jurisdiction"`
		Examples     []string `json:"examples"`
	}
	readTestJSON(t, "laws.json", &recs)
	tagger := Statutes()
	n, ok := 0, 0
	for abbr, list := range recs {
		for _, r := range list {
			if r.CiteType != "leg_statute" || r.Jurisdiction == "United States" {
				continue
			}
			code := strings.TrimSuffix(abbr, " Ann.")
			for _, x := range r.Examples {
				n++
				ms := tagger.Tag(x)
				if len(ms) > 0 && ms[0].Start <= len(x)/4 && !strings.Contains(ms[0].Norm, "U.S.C.") && strings.Contains(ms[0].Norm, strings.Fields(code)[0]) {
					ok++
				} else {
					t.Errorf("Statutes().Tag(%q) = %s, want a statute of %s", x, brief(ms), abbr)
				}
			}
		}
	}
	t.Logf("laws.json state code examples: %d/%d recognised", ok, n)
}

// The aliases of a state-code value are forms the statute filter takes
// for that value.
func TestStateAliases(t *testing.T) {
	for _, norm := range []string{"Okla. Stat. tit. 10A § 7301-1.3", "Fla. Stat. § 787.06", "Mass. Gen. Laws ch. 265 § 50", "Ga. Code Ann. § 16-5-46", "Wash. Rev. Code § 9A.40.100"} {
		aliases := Aliases(Statute, norm)
		if len(aliases) == 0 {
			t.Errorf("Aliases(%q): none", norm)
		}
		for _, a := range aliases {
			if got, ok := NormalizeStatute(a); !ok || got != norm {
				t.Errorf("alias %q of %q normalises to %q, %v", a, norm, got, ok)
			}
		}
	}
}
