package entity

import (
	"os"
	"path/filepath"
	"testing"
)

func addSeeds(f *testing.F, extra ...string) {
	for _, s := range extra {
		f.Add(s)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(string(b[:min(len(b), 4000)]))
		}
	}
}

func fuzzTagger(f *testing.F, tagger Tagger) {
	f.Fuzz(func(t *testing.T, text string) {
		checkSpansFuzz(t, text, tagger.Tag(text))
	})
}

// checkSpansFuzz is checkSpans without the norm check: a norm may be
// anything for junk input, but a span must never lie.
func checkSpansFuzz(t *testing.T, text string, ms []Mention) {
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
			t.Fatalf("bad span %+v", m)
		}
	}
}

func FuzzStatutes(f *testing.F) {
	addSeeds(f, "Plaintiffs sue under 18 U.S.C. § 1595 and 47 U.S.C. § 230(c)(1).",
		"18 U.S.C. §§ 1591(a)(2) and 1595(a); § 230; Section 230 of the CDA; Pub. L. No. 115-164; Rule 12(b)(6)",
		"Title 18, Section 1591; section 1591 of title 18; 18\u00a0USC\u00a01591",
		"21, United States Code, Section 853; 1 U.S.C.U. §§ 1-2; 1 USC S. 1-2; 48 C.F.R. § 38.48; 82 Stat. 6; 59 FR 9061; Treas. Reg. § 1.41-2",
		"S. 1693; H.R. 1865; Senate 1693; Pvt.L. 115-001; Public Law Number 107-743; Directive 2011/36/EU; CETS No. 197",
		"Okla. Stat. tit. 10A, §§ 7301-1.3; § 7301-1.4; 720 ILCS 5/10-9; Cal. Bus. & Prof. Code § 17200; Md. Code Ann., Crim. Law § 11-303; 200 U. S. 321",
		"18 U.S.C. §§ 1591-1595; §§ 1594-95; §§ 1-2, 5; RCW 9A.40.100; Restatement (Second) of Torts § 876; La. Civ. Code Ann. art. 2315")
	fuzzTagger(f, Statutes())
}

func FuzzCitations(f *testing.F) {
	addSeeds(f, "519 F.3d 666, 671 (7th Cir. 2008); 809 F. Supp. 2d. 1041; 2021 WL\n5795306; 123 F. App’x 456",
		"Doe v. GTE Corp., 347 F.3d 655, 657 (7th Cir. 2003). Id. at 659. See GTE, supra, at 660. Twombly, 550 U.S. at 545.",
		"19 Tenn. (Meigs) 456; 5 Law Rep. (1842) 321; CCH OSHD ¶ 33123; 2017 -Ohio- 2951; 2021COA112; 7 S.W. 3d LII",
		"Bell Atl. Corp. v. Twombly, 550 U.S. 544, 570, 127 S. Ct. 1955, 167 L. Ed. 2d 929 (2007); In re Doe, 2021 WL 1 (N.D. Ill. Dec. 6, 2021)",
		"Coombs’ Trial of Aaron Burr. 1; 1 Hay. & Haz. 176; 6 Dem.Surr. 478; Id.; id. at 5; (Id. ¶ 4)",
		"5 How. 10 (Miss. 1840); 5 Col. 10; 1 App. 7 (Ohio Ct. App. 1913); 576 U.S. ___; 519\u00a0F.3d\u00a0666; 100 F.\u2009Supp.\u20092d 200")
	fuzzTagger(f, Citations())
}

func FuzzDefault(f *testing.F) {
	addSeeds(f, "IN THE UNITED STATES DISTRICT COURT\nFOR THE NORTHERN DISTRICT OF ILLINOIS\n\nG.G., Plaintiffs,\nv.\nX, INC., Defendants.\nNo. 20-cv-02335\nJudge A. B. Wood\nFiled: 05/16/22",
		"IN THE SUPREME COURT OF THE STATE OF NEW MEXICO\nNo. S-1-SC-39283\nPanel: STANFILL, C.J., and HORTON, CONNORS, and DOUGLAS, JJ.\n<br>570410/22 \n<br>Montesano, J.</td>\nJosie Garton, Judge.")
	fuzzTagger(f, Default())
}

// FuzzNormalizers: filter values and docket fields are untrusted input;
// the normalisers never panic, and what they return is stable: a court id
// of the table, a party or judge value that normalises to itself.
func FuzzNormalizers(f *testing.F) {
	for _, s := range []string{"N.D. Calif.", "U.S. Bankruptcy Court, District of Arizona (Phoenix)", "SDNY", "9th Cir.", "F OR THE S ECOND C IRCUIT",
		"USA", "ERIC FRANKLIN, Warden", "Judge GREGG W ZIVE", "(((", "D.", "N.D. IN", "Date filed: 1/2/3", "U.S.A.", "O'BRIEN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if id, ok := NormalizeCourt(s); ok && CourtName(id) == "" && courtDBOnce().byID[id] == 0 && id != courtDBOnce().courts[0].ID {
			t.Fatalf("NormalizeCourt(%q) = %q: not a court of the table", s, id)
		}
		if p := NormalizeParty(s); p != "" && NormalizeParty(p) != p {
			t.Fatalf("NormalizeParty not stable: %q -> %q -> %q", s, p, NormalizeParty(p))
		}
		_ = NormalizeJudge(s)
		_ = PartyMatches(s, "Twitter, Inc.")
	})
}

// Filter values typed by users normalise without panicking, and a norm
// normalises to itself, so a facet value always filters as itself.
func FuzzNormalizeFilters(f *testing.F) {
	for _, s := range []string{"18 usc 1595", "Okla. Stat. tit. 10A, §§ 7301-1.3", "section 230", "fosta", "720 ILCS 5/10-9",
		"1:20-CV-2335", "No. 20-cv-02335", "20cv2335", "19-1234", "Case No. 21-cv-00485-JCS", "§", "1 U.S.C. §§ 1-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if norm, ok := NormalizeStatute(s); ok {
			if again, ok := NormalizeStatute(norm); !ok || again != norm {
				t.Errorf("NormalizeStatute(%q) = %q, but NormalizeStatute(%q) = %q, %v", s, norm, norm, again, ok)
			}
		}
		if norm, ok := NormalizeDocket(s); ok {
			if again, ok := NormalizeDocket(norm); !ok || again != norm {
				t.Errorf("NormalizeDocket(%q) = %q, but NormalizeDocket(%q) = %q, %v", s, norm, norm, again, ok)
			}
		}
	})
}
