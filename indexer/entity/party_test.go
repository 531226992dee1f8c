package entity

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestParties(t *testing.T) {
	runTagCases(t, Parties(), []tagCase{
		{"inline caption", "G.G. (a minor), et al., Plaintiffs, v. SALESFORCE.COM, INC., Defendants.\n\nMEMORANDUM",
			"G.G. (a minor), et al.=G.G./plaintiff; SALESFORCE.COM, INC.=Salesforce.com, Inc./defendant"},
		{"caption over lines", "EASTERN DIVISION\n\nG.G. (a minor), et al.,\n\n\nPlaintiffs,\n\n v.\n\nSALESFORCE.COM, INC.,\n\nNo. 20-cv-02335\n\nDefendants.\n",
			"G.G. (a minor), et al.=G.G./plaintiff; SALESFORCE.COM, INC.=Salesforce.com, Inc./defendant"},
		{"appellate caption", "JANE DOE NO. 1,\nPlaintiff-Appellant,\n\nv.\n\nBACKPAGE.COM, LLC,\nDefendant-Appellee.\n",
			"JANE DOE NO. 1=Jane Doe No. 1/plaintiff; BACKPAGE.COM, LLC=Backpage.com, LLC/defendant"},
		{"case name heading", "Mots-clefs\n\nCase No. 21-cv-00485-JCS – John Doe et al. v. Twitter. INC.\n\nRésumé des faits",
			"John Doe et al.=John Doe/plaintiff; Twitter. INC.=Twitter, Inc./defendant"},
		{"labelled fields", "Demandeur:\n    John Doe 1\nDéfendeur:\n    Twitter, INC.\n",
			"John Doe 1=John Doe 1/plaintiff; Twitter, INC.=Twitter, Inc./defendant"},
		{"citations in the body are not parties", "The Court accepts the facts. Killingsworth v. HSBC Bank Nev., N.A., 507 F.3d 614,\n618 (7th Cir. 2007).\n\nSee M.A. v. Wyndham Hotels & Resorts, Inc., 425 F. Supp. 3d 959.\n", ""},
		{"a cited case on a line of its own is a citation", "\nBell Atl. Corp. v. Twombly, 550 U.S. 544 (2007)\n\n", ""},
		{"prose", "Jane Doe vs. Backpage.com, LLC: a list item in a longer line about the case", ""},
	})
}

func TestDisplayName(t *testing.T) {
	for in, want := range map[string]string{
		"G.G. (a minor), et al.,":  "G.G.",
		"SALESFORCE.COM, INC.,":    "Salesforce.com, Inc.",
		"Twitter. INC.":            "Twitter, Inc.",
		"John Doe et al.":          "John Doe",
		"HSBC Bank Nev., N.A.":     "HSBC Bank Nev., N.A.",
		"ANDREA R. WOOD":           "Andrea R. Wood",
		"O'BRIEN-SMITH":            "O'Brien-Smith",
		"Backpage.com LLC":         "Backpage.com LLC",
		"UNITED STATES OF AMERICA": "United States Of America",
	} {
		if got := displayName(in); got != want {
			t.Errorf("displayName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPartiesBesideTheClerk: appellate captions set the clerk's name and
// "Clerk" beside the parties, and the role labels with spaced dashes; the
// clerk is not a party and the labels are not names.
func TestPartiesBesideTheClerk(t *testing.T) {
	runTagCases(t, Parties(), []tagCase{
		{"clerk after versus", "No. 21-50498\n\nVanessa St. Pierre,\n\nversus\n\nLyle W. Cayce\nClerk\n\nPlaintiff—Appellant,\n\nStandard Insurance Company; Dearborn National Life\nInsurance Company,\nDefendants—Appellees.\n",
			"Vanessa St. Pierre=Vanessa St. Pierre/plaintiff; Standard Insurance Company; Dearborn National Life=Standard Insurance Company; Dearborn National Life/defendant"},
		{"clerk above the label", "Nos. 07-30815\n\nUNITED STATES OF AMERICA,\n\nCharles R. Fulbruge III\nClerk\n\nPlaintiff - Appellee\nv.\n\nJERROLD MARTIN, also known as Jay,\nDefendant - Appellant\n",
			"UNITED STATES OF AMERICA=United States Of America/plaintiff; JERROLD MARTIN, also known as Jay=JERROLD MARTIN, also known as Jay/defendant"},
	})
}

// FuzzPartyInlineWords: a text without the labels inlineWords looks for
// has no inline caption.
func FuzzPartyInlineWords(f *testing.F) {
	for _, s := range []string{"JOHN DOE, Plaintiff, v. ACME CORP., Defendant.", "Doe, Petitioner-Appellant, vs. Roe, Respondents",
		"A, Movant v B, Appellee", "plaintiff v. defendant"} {
		f.Add(s)
	}
	r := partyRulesOnce()
	f.Fuzz(func(t *testing.T, head string) {
		if !inlineWords(head) && r.inline.MatchString(head) {
			t.Errorf("inline matches %q without its words", head)
		}
	})
}

// FuzzPartyFirstInline: running the inline caption pattern only from the
// lines that can open a match finds the match the pattern finds over the
// whole head, and vLine the line the pattern for it finds.
func FuzzPartyFirstInline(f *testing.F) {
	for _, s := range []string{"JOHN DOE, Plaintiff, v. ACME CORP., Defendant.", "Doe, Petitioner-Appellant, vs. Roe, Respondents",
		"A, Movant v B, Appellee", "x\n  \t\n Plaintiff v. y, Defendant", "Roe,\u00a0Plaintiff\nv.\nAcme,\nDefendants",
		"Plaintiff, Plaintiff v. Plaintiff, Defendant", "In re X\n  v.  \nY", "a\nversus\n", "VS.\r\nvs", "v..\nV", "DOE" + strings.Repeat(" é", 80) + ", Plaintiff, v. ROE, Defendant", "DOE, Plaintiff, v. ROE" + strings.Repeat(" x", 80) + ", Defendant",
		"Doe, Plaintiff–Appellee, v. Roe, Defendant", "Doe, Plaintiff \u2014 Appellant. VS\u00a0Roe, Respondent", "Plaintiff alleges v. Roe, Defendant",
		"Doe, Plaintiffs vS. Roe, Defendants", "Doe, Plaintiff,v. Roe, Defendant", "Doe, Plaintiff\n\n\tv\n Roe, Appellees", "Plaintiff - Appellx v. Roe, Defendant"} {
		f.Add(s)
	}
	r := partyRulesOnce()
	vLineRe := regexp.MustCompile(`(?m)^[ \t]*(?:v|vs|V|VS|versus)\.?[ \t]*$`)
	f.Fuzz(func(t *testing.T, head string) {
		if got, want := r.firstInline(head), r.inline.FindStringSubmatchIndex(head); !slices.Equal(got, want) {
			t.Errorf("firstInline(%q) = %v, the pattern over the head finds %v", head, got, want)
		}
		if got, want := vLine(head), vLineRe.FindStringIndex(head); !slices.Equal(got, want) {
			t.Errorf("vLine(%q) = %v, the pattern finds %v", head, got, want)
		}
	})
}

// labelThenV lets through the labels a caption puts before "v." and
// rules out those of a body's sentences.
func TestLabelThenV(t *testing.T) {
	for _, c := range []struct {
		head string
		want bool
	}{
		{"Plaintiff, v. Roe", true}, {"Plaintiffs v Roe", true}, {"Plaintiff.\nVS.\nRoe", true}, {"Plaintiff - Appellee, vs. Roe", true},
		{"Plaintiff–Appellant v. Roe", true}, {"Plaintiff\u00a0v.\u00a0Roe", true}, {"Petitioner v.", false},
		{"Plaintiff alleges v. Roe", false}, {"Plaintiffs' claims", false}, {"Plaintiff,v. Roe", false}, {"Plaintiff v.Roe", false}, {"Plaintiff", false},
	} {
		if got := labelThenV(c.head, 0); got != c.want {
			t.Errorf("labelThenV(%q) = %v, want %v", c.head, got, c.want)
		}
	}
}
