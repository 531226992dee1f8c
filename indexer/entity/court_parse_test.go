package entity

import "testing"

// TestNormalizeCourtSpellings: the ways filings, PACER headings and people
// write a federal court all reach the court a person means; a district
// court before its bankruptcy court, and no court when the words name none.
func TestNormalizeCourtSpellings(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// districts: abbreviations people type
		{"N.D. Calif.", "cand"},
		{"N.D. Illinois", "ilnd"},
		{"n.d. ind.", "innd"},
		{"N.D. IN", "innd"},
		{"S.D.N.Y.", "nysd"},
		{"SDNY", "nysd"},
		{"EDNY", "nyed"},
		{"D.N.J.", "njd"},
		{"D. Mass.", "mad"},
		{"E.D. Pa.", "paed"},
		{"N.D. W. Va.", "wvnd"},
		{"D.N.D.", "ndd"},
		{"D.S.D.", "sdd"},
		{"D.D.C.", "dcd"},
		{"D. Or.", "ord"},
		{"W.D. Tex.", "txwd"},
		// districts: words, and PACER's headings
		{"California Northern District", "cand"},
		{"Western District of Texas", "txwd"},
		{"District of Colorado", "cod"},
		{"U.S. District Court, California Northern District (San Francisco)", "cand"},
		{"United States District Court for the Northern District of Illinois (Chicago)", "ilnd"},
		{"United States District Court, Northern District of Illinois - CM/ECF LIVE, Ver 6.2.1 (Chicago)", "ilnd"},
		{"US District Court Electronic Case Filing System, District of Utah (Central)", "utd"},
		{"U.S. District Court, District of Columbia (Washington, DC)", "dcd"},
		{"U.S. District Court, Eastern District of Virginia - (Alexandria)", "vaed"},
		{"UNITED STATES DISTRICT COURT, CENTRAL DISTRICT OF CALIFORNIA (Western Division - Los Angeles)", "cacd"},
		{"U.S. District Court, Southern District of West Virginia", "wvsd"},
		{"District of the Northern Mariana Islands", "nmid"},
		{"USDC Massachusetts", "mad"},
		{"Court of Appeals for the District of Columbia Circuit", "cadc"},
		// bankruptcy only when the name says so
		{"U.S. Bankruptcy Court, District of Arizona (Phoenix)", "arb"},
		{"US Bankruptcy Court [LIVE], District of Minnesota (Minneapolis)", "mnb"},
		{"U.S. BANKRUPTCY COURT, NORTHERN DISTRICT OF ALABAMA (Decatur)", "alnb"},
		{"Bankr. N.D. Ill.", "ilnb"},
		{"azb", "arb"}, // PACER's id for courts-db's arb
		{"canb", "canb"},
		{"United States Bankruptcy Court for the Southern District of New York", "nysb"},
		// courts of appeals
		{"9th Circuit", "ca9"},
		{"Seventh Circuit", "ca7"},
		{"2nd Cir.", "ca2"},
		{"D.C. Circuit", "cadc"},
		{"Federal Circuit", "cafc"},
		{"U.S. Court of Appeals for the Ninth Circuit", "ca9"},
		{"UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT", "ca9"},
		{"Court of Appeals, 11th Circuit", "ca11"},
		{"Bankruptcy Appellate Panel of the Ninth Circuit", "bap9"},
		// the Supreme Court, and state courts
		{"Supreme Court of the United States", "scotus"},
		{"U.S. Supreme Court", "scotus"},
		{"Supreme Court of Missouri", "mo"},
		{"In the Missouri Court of Appeals", "moctapp"},
		// no court: a state court's trial bench is not a federal district
		{"Colorado District Court", "coldistct"},
		{"Northern District of Arizona", ""},
		{"Northern District of California Bankruptcy Appellate", ""},
		{"United States District Court", ""},
		{"U.S. District Court", ""},
		{"District Court", ""},
		{"Illinois", ""},
		{"Eastern District", ""},
	} {
		got, ok := NormalizeCourt(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("NormalizeCourt(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

// TestCourtsNeverGeneric: no spelling resolves to courts-db's placeholder
// for "some district court".
func TestCourtsNeverGeneric(t *testing.T) {
	for _, s := range []string{"usdistct", "U.S. Dist. Ct.", "United States District Court", "District Court United States", "", " \t\n"} {
		if id, ok := NormalizeCourt(s); ok {
			t.Errorf("NormalizeCourt(%q) = %q, want no court", s, id)
		}
	}
	ms := Courts().Tag("UNITED STATES DISTRICT COURT\n\nJOHN DOE, Plaintiff,\nv.\nACME CORP., Defendant.\n")
	for _, m := range ms {
		t.Errorf("a heading that names no district gave court %q", m.Norm)
	}
}

func TestCaptionCourtAcrossLines(t *testing.T) {
	runTagCases(t, Courts(), []tagCase{
		{"two columns", "IN THE UNITED STATES COURT OF APPEALS\nFOR THE FIFTH CIRCUIT United States Court of Appeals\nFifth Circuit\nFILED\n",
			"UNITED STATES COURT OF APPEALS FOR THE FIFTH CIRCUIT=ca5/cited; UNITED STATES COURT OF APPEALS FOR THE FIFTH CIRCUIT United States Court of Appeals=ca5/deciding; United States Court of Appeals Fifth Circuit=ca5/cited"},
		{"small capitals split", "08-6301-cv\nGildernew v. Gantner\n\nUNITED STATES COURT OF APPEALS\n\nF OR THE S ECOND C IRCUIT\n\nAugust Term, 2009\n",
			"UNITED STATES COURT OF APPEALS F OR THE S ECOND C IRCUIT=ca2/deciding"},
		{"PACER heading", "U.S. District Court\nCalifornia Northern District (San Francisco)\nCRIMINAL DOCKET FOR CASE #: 3:09-cr-00418-JSW-1\n",
			"U.S. District Court California Northern District (San Francisco)=cand/deciding"},
		{"letterhead web site", "OFFICE OF THE CLERK\nUNITED STATES COURT OF APPEALS\n601 MARKET STREET\nWebsite: www.ca3.uscourts.gov\n", "ca3=ca3/deciding"},
	})
}

func TestCaptionCourtForms(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"UNITED STATES BANKRUPTCY COURT\nSOUTHERN DISTRICT OF NEW YORK\n\nIn re:\nLEHMAN BROTHERS HOLDINGS INC.,\nDebtors.\n", "nysb"},
		{"IN THE UNITED STATES BANKRUPTCY COURT\nFOR THE DISTRICT OF DELAWARE\n\nIn re: X\n", "deb"},
		{"UNITED STATES COURT OF APPEALS\nFOR THE DISTRICT OF COLUMBIA CIRCUIT\n\nArgued May 5, 2020\n", "cadc"},
		{"UNITED STATES DISTRICT COURT\nEASTERN DISTRICT OF NEW YORK\n---------------------------------x\nJOHN DOE,\n", "nyed"},
		{"SUPREME COURT OF THE UNITED STATES\n_________________\nNo. 22-277\n", "scotus"},
		{"In the\nUnited States Court of Appeals\nFor the Seventh Circuit\n____________________\nNo. 21-1234\n", "ca7"},
		{"IN THE COURT OF APPEALS OF THE STATE OF WASHINGTON\n\nSTATE OF WASHINGTON, Respondent,\n", "washctapp"},
		{"United States District Court\nC.D. California\n", "cacd"},
		{"U.S. District Court\nUSDC Massachusetts (Boston)\nCIVIL DOCKET FOR CASE #: 1:19-cv-11586-FDS\n", "mad"},
		{"STATE OF MICHIGAN\nCOURT OF APPEALS\n\nPEOPLE OF THE STATE OF MICHIGAN,\n", "michctapp"},
		{"UNITED STATES BANKRUPTCY APPELLATE PANEL\nOF THE NINTH CIRCUIT\n", "bap9"},
		{"In the\nSupreme Court of Georgia\n\nDecided: March 15, 2022\n", "ga"},
		{"NOT FOR PUBLICATION\n\nUNITED STATES COURT OF APPEALS\n\nFOR THE NINTH CIRCUIT\n\nJOHN DOE,\n", "ca9"},
	} {
		got := ""
		for _, m := range Courts().Tag(tc.text) {
			if m.Role == RoleDeciding {
				got = m.Norm
			}
		}
		if got != tc.want {
			t.Errorf("deciding court of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestBankruptcyOnlyWhenSaid: courts-db's bankruptcy patterns match a bare
// district's name; what a person means is the district court.
func TestBankruptcyOnlyWhenSaid(t *testing.T) {
	for in, want := range map[string]string{
		"N.D. Cali":            "cand",
		"E.D. Virgina":         "vaed",
		"Bankr. N.D. Cal.":     "canb",
		"N.D. Cal. Bankruptcy": "canb",
	} {
		if got, _ := NormalizeCourt(in); got != want {
			t.Errorf("NormalizeCourt(%q) = %q, want %q", in, got, want)
		}
	}
	if s := SuggestCourt("Texas Northern", 1); len(s) != 1 || s[0] != "txnd (N.D. Tex.)" {
		t.Errorf("SuggestCourt(Texas Northern) = %q, want txnd first", s)
	}
}

// findStateOracle is findState as first written: every state of the
// table tried at every word.
func findStateOracle(ws []courtWord, t *courtParseTables) (state string, from, to int) {
	abbrevOnly := true
	for _, w := range ws {
		if len(w.w) > 4 && !courtFiller[w.w] {
			abbrevOnly = false
		}
	}
	bestEnd, bestLen := -1, 0
	for _, sa := range t.states {
		n := len(sa.words)
		for i := 0; i+n <= len(ws); i++ {
			match := true
			for k := range n {
				if ws[i+k].w != sa.words[k] {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			if sa.short && (i+n != len(ws) || !ws[i].upper && (!abbrevOnly || courtFiller[ws[i].w])) {
				continue
			}
			if i+n > bestEnd || (i+n == bestEnd && n > bestLen) {
				state, from, to, bestEnd, bestLen = sa.state, i, i+n, i+n, n
			}
		}
	}
	return state, from, to
}

var findStateSamples = []string{"N.D. Ill.", "D.N.D.", "N.D. IN", "n.d. in", "IN THE UNITED STATES DISTRICT COURT FOR THE NORTHERN DISTRICT OF ILLINOIS",
	"District of Columbia", "W. Va. Va.", "New York New Mexico", "North Carolina Carolina", "D. Or.", "OR", "or", "Ore. Or. OR",
	"S.D. Cal. N.D. Cal.", "Dist. of Mass. Mass", "the state of New Jersey, in", "Puerto Rico", "Virgin Islands V.I.", ""}

// TestFindState: findState, trying only the states whose first word is
// a word of the name, finds what trying every state finds.
func TestFindState(t *testing.T) {
	for _, s := range findStateSamples {
		checkFindState(t, s)
	}
}

func FuzzFindState(f *testing.F) {
	for _, s := range findStateSamples {
		f.Add(s)
	}
	f.Fuzz(checkFindState)
}

func checkFindState(t *testing.T, s string) {
	tables := courtParseOnce()
	ws := splitCourtName(s)
	st, from, to := findState(ws, tables)
	wst, wfrom, wto := findStateOracle(ws, tables)
	if st != wst || from != wfrom || to != wto {
		t.Errorf("findState(%q) = %q %d %d, every state tried: %q %d %d", s, st, from, to, wst, wfrom, wto)
	}
}
