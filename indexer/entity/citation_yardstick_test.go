package entity

import (
	"slices"
	"strings"
	"testing"
)

// yardstick is a set of sentences written the way opinions cite cases,
// each with the full case citations a reader finds in it (volume,
// reporter as reporters-db names the edition, first page). Short forms,
// "Id." and "supra" are not new citations; numbers that merely look like
// citations are none.
var yardstick = []struct {
	text string
	want []string
}{
	// federal reporters, as printed and as typed
	{"Doe v. Backpage.com, LLC, 817 F.3d 12, 18 (1st Cir. 2016).", []string{"817 F.3d 12"}},
	{"Chicago Lawyers' Comm. v. Craigslist, Inc., 519 F.3d 666, 671 (7th Cir. 2008)", []string{"519 F.3d 666"}},
	{"See Zeran v. Am. Online, Inc., 129 F.3d 327, 330 (4th Cir. 1997).", []string{"129 F.3d 327"}},
	{"Fair Hous. Council v. Roommates.com, LLC, 521 F.3d 1157 (9th Cir. 2008) (en banc).", []string{"521 F.3d 1157"}},
	{"Ratha v. Phatthana Seafood Co., 35 F.4th 1159, 1175 (9th Cir. 2022)", []string{"35 F.4th 1159"}},
	{"United States v. Afyare, 632 F. App'x 272, 286 (6th Cir. 2016)", []string{"632 F. App'x 272"}},
	{"Noble v. Weinstein, 335 F. Supp. 3d 504, 524 (S.D.N.Y. 2018)", []string{"335 F. Supp. 3d 504"}},
	{"M.A. ex rel. P.K. v. Village Voice Media Holdings, LLC, 809 F. Supp. 2d 1041 (E.D. Mo. 2011)", []string{"809 F. Supp. 2d 1041"}},
	{"Doe v. Twitter, Inc., 555 F. Supp. 3d 889 (N.D. Cal. 2021), aff'd in part, 2023 WL 3220912 (9th Cir. May 3, 2023)", []string{"555 F. Supp. 3d 889", "2023 WL 3220912"}},
	{"J.B. v. G6 Hosp., LLC, No. 19-cv-07848-HSG, 2020 WL 4901196, at *4 (N.D. Cal. Aug. 20, 2020)", []string{"2020 WL 4901196"}},
	{"Bell Atl. Corp. v. Twombly, 550 U.S. 544, 570, 127 S. Ct. 1955, 167 L. Ed. 2d 929 (2007)", []string{"550 U.S. 544", "127 S. Ct. 1955", "167 L. Ed. 2d 929"}},
	{"Ashcroft v. Iqbal, 556 U.S. 662, 678 (2009).", []string{"556 U.S. 662"}},
	{"Lochner v. New York, 198 U. S. 45, 53 (1905)", []string{"198 U.S. 45"}},
	{"Tarrant v. Herrmann, 569 U.S. 614, 133 S.Ct. 2120, 186 L.Ed.2d 153 (2013)", []string{"569 U.S. 614", "133 S. Ct. 2120", "186 L. Ed. 2d 153"}},
	{"Marbury v. Madison, 5 U.S. (1 Cranch) 137 (1803)", []string{"5 U.S. 137"}},
	{"United States v. Kozminski, 487 U.S. 931, 108 S. Ct. 2751, 101 L. Ed. 2d 788 (1988)", []string{"487 U.S. 931", "108 S. Ct. 2751", "101 L. Ed. 2d 788"}},
	{"Erie R.R. Co. v. Tompkins, 304 U.S. 64, 58 S.Ct. 817, 82 L.Ed. 1188 (1938)", []string{"304 U.S. 64", "58 S. Ct. 817", "82 L. Ed. 1188"}},
	{"Conley v. Gibson, 355 U.S. 41, 45-46 (1957), abrogated by Twombly, 550 U.S. at 562.", []string{"355 U.S. 41"}},
	{"Hartford Fire Ins. Co. v. California, 509 U.S. 764, 113 S. Ct. 2891 (1993)", []string{"509 U.S. 764", "113 S. Ct. 2891"}},
	{"Hammer v. Dagenhart, 247 F. 1 (2d Cir. 1917)", []string{"247 F. 1"}},
	{"Dennis v. United States, 183 F.2d 201, 212 (2d Cir. 1950)", []string{"183 F.2d 201"}},
	{"Smith v. Jones, 12 F. Supp. 45 (D. Mass. 1935)", []string{"12 F. Supp. 45"}},
	{"In re Grand Jury Proceedings, 33 F.R.D. 201 (D.D.C. 1963)", []string{"33 F.R.D. 201"}},
	{"In re Catholic Diocese, 606 B.R. 76 (Bankr. D. Or. 2019)", []string{"606 B.R. 76"}},
	{"Starr Int'l Co. v. United States, 121 Fed. Cl. 428 (2015)", []string{"121 Fed. Cl. 428"}},
	{"Estate of Smith v. Comm'r, 123 T.C. 15 (2004)", []string{"123 T.C. 15"}},
	{"United States v. Wilson, 76 M.J. 4 (C.A.A.F. 2017)", []string{"76 M.J. 4"}},
	{"Doe v. Mindgeek USA Inc., 2021 U.S. Dist. LEXIS 176833 (C.D. Cal. Sept. 3, 2021)", []string{"2021 U.S. Dist. LEXIS 176833"}},
	// odd spacing and line breaks from PDFs
	{"Craigslist, 519 F.\n3d 666, 670", []string{"519 F.3d 666"}},
	{"Craigslist, 519 F. 3d 666, 670", []string{"519 F.3d 666"}},
	{"Backpage, 817\nF.3d 12", []string{"817 F.3d 12"}},
	{"Iqbal, 556 U.S.\n662", []string{"556 U.S. 662"}},
	{"Twombly, 127 S.\nCt. 1955", []string{"127 S. Ct. 1955"}},
	{"123 S.Ct. 45 (2003)", []string{"123 S. Ct. 45"}},
	{"Twombly, 127 S. Ct.1955, 1960 (2007); Iqbal, 556 U.S.662", []string{"127 S. Ct. 1955", "556 U.S. 662"}},
	{"Roe, 200 U. S. 321 (1906)", []string{"200 U.S. 321"}},
	{"Doe, 2019 WL 1234567, at *3", []string{"2019 WL 1234567"}},
	{"Doe, 2019 WL\n1234567 (N.D. Ill. Mar. 1, 2019)", []string{"2019 WL 1234567"}},
	{"Smith, 100 F.Supp.2d 200", []string{"100 F. Supp. 2d 200"}},
	{"Smith, 100 F. Supp.\n2d 200", []string{"100 F. Supp. 2d 200"}},
	{"Jones, 123 L.Ed.2d 456", []string{"123 L. Ed. 2d 456"}},
	{"Jones, 456 F. App’x 789", []string{"456 F. App'x 789"}},
	{"Jones, 456 Fed. Appx. 789", []string{"456 F. App'x 789"}},
	{"Marbury v. Madison, 1 Cranch 137 (1803); Chisholm v. Georgia, 2 Dall. 419 (1793)", []string{"1 Cranch 137", "2 Dall. 419"}},
	{"The Slaughter-House Cases, 83 U.S. (16 Wall.) 36 (1873); Gibbons v. Ogden, 22 U.S. (9 Wheat.) 1 (1824)", []string{"83 U.S. 36", "22 U.S. 1"}},
	{"United States v. Coolidge, 25 F. Cas. 619 (C.C.D. Mass. 1813)", []string{"25 F. Cas. 619"}},
	{"Smith v. Jones, 519 F.3d 666 (7th Cir. 2008)", []string{"519 F.3d 666"}},
	{"Smith v. Jones, 100 F.\u2009Supp.\u20092d 200", []string{"100 F. Supp. 2d 200"}},
	{"Smith v. Jones, 100 F.\n   Supp. 3d 200; 100 L.\nEd. 2d 300", []string{"100 F. Supp. 3d 200", "100 L. Ed. 2d 300"}},
	{"United States v. Doe, 2019 U.S. App. LEXIS 12345 (9th Cir. 2019)", []string{"2019 U.S. App. LEXIS 12345"}},
	{"Doe v. Roe, 300 U.S. App. D.C. 1 (1993)", []string{"300 U.S. App. D.C. 1"}},
	{"Smith v. Comm'r, 20 B.T.A. 100 (1930)", []string{"20 B.T.A. 100"}},
	{"Smith v. McDonough, 33 Vet. App. 1 (2020)", []string{"33 Vet. App. 1"}},
	{"Obergefell v. Hodges, 576 U.S. ___, 135 S. Ct. 2584 (2015); Smith v. Doe, 590 U.S. ____ (2020)", []string{"576 U.S. ___", "135 S. Ct. 2584", "590 U.S. ___"}},
	// state and regional reporters
	{"Smith v. Jones, 100 N. E. 2d 200; 100 N.E. 2d 200; 100 S.W. 3d 1; 100 So.2d 1; 100 P. 3d 1; 100 A. 2d 1",
		[]string{"100 N.E.2d 200", "100 N.E.2d 200", "100 S.W.3d 1", "100 So. 2d 1", "100 P.3d 1", "100 A.2d 1"}},
	{"People v. X, 100 Cal.Rptr.3d 1; 100 Cal.App.4th 1; 100 Cal. 2d 1; 100 Ill. Dec. 1; 100 Mass. App. Ct. 1", []string{"100 Cal. Rptr. 3d 1", "100 Cal. App. 4th 1", "100 Cal. 2d 1", "100 Ill. Dec. 1", "100 Mass. App. Ct. 1"}},
	{"State v. X, 2006-NMSC-001, 139 N.M. 1", []string{"2006 NMSC 001", "139 N.M. 1"}},
	{"People v. Super. Ct., 71 Cal. App. 5th 1, 10 (2021)", []string{"71 Cal. App. 5th 1"}},
	{"Doe v. Internet Brands, Inc., 824 F.3d 846 (9th Cir. 2016); Barrett v. Rosenthal, 40 Cal. 4th 33, 146 P.3d 510 (2006)", []string{"824 F.3d 846", "40 Cal. 4th 33", "146 P.3d 510"}},
	{"Gentry v. eBay, Inc., 99 Cal. App. 4th 816, 121 Cal. Rptr. 2d 703 (2002)", []string{"99 Cal. App. 4th 816", "121 Cal. Rptr. 2d 703"}},
	{"J.S. v. Vill. Voice Media Holdings, L.L.C., 184 Wash. 2d 95, 359 P.3d 714 (2015)", []string{"184 Wash. 2d 95", "359 P.3d 714"}},
	{"Doe v. America Online, Inc., 783 So. 2d 1010 (Fla. 2001)", []string{"783 So. 2d 1010"}},
	{"Jane Doe No. 1 v. Backpage.com, 104 N.E.3d 682 (Mass. App. Ct. 2018)", []string{"104 N.E.3d 682"}},
	{"State v. Smith, 123 N.W.2d 45 (Minn. 1963)", []string{"123 N.W.2d 45"}},
	{"Commonwealth v. Jones, 99 A.3d 1 (Pa. Super. Ct. 2014)", []string{"99 A.3d 1"}},
	{"Smith v. State, 456 S.W.3d 789 (Tex. Crim. App. 2015)", []string{"456 S.W.3d 789"}},
	{"Jones v. State, 300 Ga. 1, 792 S.E.2d 1 (2016)", []string{"300 Ga. 1", "792 S.E.2d 1"}},
	{"People v. Doe, 33 N.Y.3d 1, 98 N.Y.S.3d 1 (2019)", []string{"33 N.Y.3d 1", "98 N.Y.S.3d 1"}},
	{"Matter of Doe, 150 A.D.3d 1 (1st Dep't 2017)", []string{"150 A.D.3d 1"}},
	{"People v. Roe, 2019 IL App (1st) 170123, ¶ 12", []string{"2019 IL App (1st) 170123"}},
	{"State v. Roe, 2017-Ohio-5699, ¶ 8", []string{"2017 Ohio 5699"}},
	{"State v. Doe, 150 Ohio St. 3d 1, 2017-Ohio-1", []string{"150 Ohio St. 3d 1", "2017 Ohio 1"}},
	{"People v. Doe, 400 Ill. App. 3d 1 (2010)", []string{"400 Ill. App. 3d 1"}},
	{"Doe v. Roe, 2020 ND 12, 937 N.W.2d 1", []string{"2020 ND 12", "937 N.W.2d 1"}},
	{"State v. Doe, 2018 WI 3, 379 Wis. 2d 1", []string{"2018 WI 3", "379 Wis. 2d 1"}},
	{"Roe v. Doe, 220 N.J. 1, 102 A.3d 1 (2014)", []string{"220 N.J. 1", "102 A.3d 1"}},
	{"Roe v. Doe, 300 Conn. 1, 10 A.3d 1 (2011)", []string{"300 Conn. 1", "10 A.3d 1"}},
	{"Smith v. Jones, 450 Mass. 1 (2007)", []string{"450 Mass. 1"}},
	{"Smith v. Jones, 500 Mich. 1 (2017)", []string{"500 Mich. 1"}},
	// reporters typed without their periods or with odd spacing
	{"Doe v. Roe, 12 So 3d 45 (Fla. 2009); 100 So.3d 1", []string{"12 So. 3d 45", "100 So. 3d 1"}},
	{"Smith v. Jones, 550 US 544, 127 S Ct 1955, 167 L. Ed 2d 929 (2007)", []string{"550 U.S. 544", "127 S. Ct. 1955", "167 L. Ed. 2d 929"}},
	{"In re Subpoena, 33 FRD 201 (D.D.C. 1963); 519 F 3d 666; 100 F.Supp.2d 200; 100 F Supp 2d 300", []string{"33 F.R.D. 201", "519 F.3d 666", "100 F. Supp. 2d 200", "100 F. Supp. 2d 300"}},
	{"Gentry v. eBay, 99 Cal App 4th 816 (2002); 123 NW2d 45", []string{"99 Cal. App. 4th 816", "123 N.W.2d 45"}},
	{"Starr Int'l Co. v. United States, 121 Fed Cl 428 (2015); Jones, 456 F App'x 789", []string{"121 Fed. Cl. 428", "456 F. App'x 789"}},
	// a spelling of several reporters: the year, and the court, decide
	{"Smith v. Jones, 5 How. 10 (1847)", []string{"5 How. 10"}},
	{"Smith v. Jones, 5 How. 10 (Miss. 1840)", []string{"5 Howard 10"}},
	{"Smith v. Jones, 5 Col. 10 (1875)", []string{"5 Colo. 10"}},
	{"Smith v. Jones, 3 Min. 45 (Ala. 1822)", []string{"3 Minor 45"}},
	{"Smith v. Jones, 1 App. 7 (Ohio Ct. App. 1913)", []string{"1 Ohio App. 7"}},
	{"Smith v. Jones, 12 Me. 45 (1835)", []string{"12 Me. 45"}},
	// look-alikes that are not citations
	{"Smith v. Jones, 1 App. 7 (1913)", nil},
	{"Smith v. Jones, 5 Col. 10", nil},
	{"In 2016 the U.S. had 5 F-35 squadrons and 12 S. Ct. justices.", nil},
	{"18 U.S.C. § 1591; 47 U.S.C. 230; Pub. L. No. 115-164, 132 Stat. 1253", nil},
	{"Case: 1:20-cv-02335 Document #: 105 Filed: 05/16/22 Page 8 of 35 PageID #:1225", nil},
	{"28 C.F.R. § 35.130; 60 Fed. Reg. 68,380; 12 C.F.R. 226", nil},
	{"Twombly, 550 U.S. at 570; Id. at 571; Craigslist, 519 F.3d at 670; Twombly, supra, at 556.", nil},
	{"Smith v. Jones, 1 U.S. 1 (1801); see also Smith, 1 U.S., at 2; id., at 3; 519 F.3d, at 670.", []string{"1 U.S. 1"}},
	{"Section 230 was enacted in 1996 and amended by 2 Acts in 2018.", nil},
	{"Under Rule 26 the FRD and the So 3d reporter print 12 pages.", nil},
	{"She was 12 So 3 of them stayed; 5 NJ 6 and 3 Me 4; page 10 Ill 12.", nil},
	{"In 2019 Ohio had 12 Pa 3 and 4 New York 5 cases; rooms 10 Mass 12.", nil},
}

// TestCitationYardstick measures recall of full citations and counts
// false ones over the yardstick, and requires every sentence right.
func TestCitationYardstick(t *testing.T) {
	tagger := Citations()
	want, found, falses := 0, 0, 0
	for _, y := range yardstick {
		var got []string
		for _, m := range tagger.Tag(y.text) {
			if m.Cite != nil && !m.Cite.Short {
				got = append(got, m.Norm)
			}
		}
		want += len(y.want)
		rest := slices.Clone(got)
		var missed []string
		for _, w := range y.want {
			if i := slices.Index(rest, w); i >= 0 {
				found++
				rest = slices.Delete(rest, i, i+1)
			} else {
				missed = append(missed, w)
			}
		}
		falses += len(rest)
		if len(missed) > 0 || len(rest) > 0 {
			t.Errorf("%q:\n  missed %q\n  false  %q", y.text, missed, rest)
		}
	}
	t.Logf("yardstick: recall %d/%d = %.3f, %d false citations", found, want, float64(found)/float64(max(want, 1)), falses)
}

// Every edition the yardstick expects is one reporters-db names.
func TestYardstickEditions(t *testing.T) {
	rep := reporterRulesOnce()
	for _, y := range yardstick {
		for _, w := range y.want {
			f := strings.Fields(w)
			ed := strings.Join(f[1:len(f)-1], " ")
			if _, ok := rep.byEdition[ed]; !ok {
				t.Errorf("%q: no edition %q in reporters.json", w, ed)
			}
		}
	}
}
