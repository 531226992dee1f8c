package entity

import "testing"

func TestCitations(t *testing.T) {
	runTagCases(t, Citations(), []tagCase{
		{"F.3d with pinpoint", "Craigslist, Inc., 519 F.3d 666, 671 (7th Cir. 2008)", "519 F.3d 666=519 F.3d 666"},
		{"U.S. and short form", "Twombly, 550 U.S. 544, 570 (2007). Twombly, 550 U.S. at 545.", "550 U.S. 544=550 U.S. 544"},
		{"F. Supp. 3d", "425 F. Supp. 3d 959, 969", "425 F. Supp. 3d 959=425 F. Supp. 3d 959"},
		{"stray period", "809 F. Supp. 2d. 1041", "809 F. Supp. 2d. 1041=809 F. Supp. 2d 1041"},
		{"split volume", "Hyson 2U, Ltd., 821\n\nF.3d 935, 939", "821 F.3d 935=821 F.3d 935"},
		{"F.4th S. Ct. L. Ed. 2d", "12 F.4th 345; 141 S. Ct. 13; 208 L. Ed. 2d 197", "12 F.4th 345=12 F.4th 345; 141 S. Ct. 13=141 S. Ct. 13; 208 L. Ed. 2d 197=208 L. Ed. 2d 197"},
		{"spacing variants", "141 S.Ct. 13; 500 F. 3d 12", "141 S.Ct. 13=141 S. Ct. 13; 500 F. 3d 12=500 F.3d 12"},
		{"Westlaw across a line", "No. 20-C-07390, 2021 WL\n\n5795306, at *4", "2021 WL 5795306=2021 WL 5795306"},
		{"LEXIS", "2021 U.S. Dist. LEXIS 12345", "2021 U.S. Dist. LEXIS 12345=2021 U.S. Dist. LEXIS 12345"},
		{"appendix", "123 F. App’x 456", "123 F. App’x 456=123 F. App'x 456"},
		{"not citations", "132 Stat. 1253; 10 U.S.C. 12; in 2016 the U.S. had 5 F", ""},
	})
}
