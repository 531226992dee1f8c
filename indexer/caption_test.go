package indexer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lexsearch/corpus"
	"lexsearch/indexer/extract"
)

func TestCaptionTitle(t *testing.T) {
	for _, tc := range []struct{ name, text, body, want string }{
		{"district caption with a column of parentheses",
			"IN THE UNITED STATES DISTRICT COURT\nFOR THE NORTHERN DISTRICT OF ILLINOIS\nEASTERN DIVISION\n\n" +
				"JANE ROE, individually and on behalf of all        )\nothers similarly situated,      )\n         Plaintiff,     )   Case No. 1:21-cv-01234\n" +
				"    v.                                           )\nMEGAWEB HOLDINGS, LLC d/b/a SiteX,    )   Judge Sara L. Ellis\n        Defendant.        )\n",
			"", "Roe v. Megaweb Holdings, LLC"},
		{"government and alias",
			"UNITED STATES OF AMERICA,\nPlaintiff-Appellee,\nv.\nJOHN Q. PUBLIC, a/k/a Jack,\nDefendant-Appellant.\n", "", "United States v. Public"},
		{"clerk block between the sides",
			"FILED\nMarch 3, 2021\nNo. 20-1234\nMARY K. SMITH,\nversus\nJane W. Brown\nClerk\nPlaintiff—Appellant,\nACME WIDGET COMPANY; OTHER CORP.,\nDefendants—Appellees.\n",
			"", "Smith v. Acme Widget Co."},
		{"in the matter of",
			"SUPREME COURT OF THE STATE OF NEW YORK\nIn the Matter of the Application of\nJOHN SMITH,\nPetitioner.\n", "", "In re Smith"},
		{"ex parte",
			"COURT OF CRIMINAL APPEALS OF TEXAS\nNO. WR-12,345-01\nEX PARTE JOSE GARCIA, Applicant\n", "Garcia applied for a writ.", "Ex parte Garcia"},
		{"state in its own court",
			"IN THE SUPREME COURT OF OHIO\nSTATE OF OHIO,\nAppellee,\nv.\nROBERT LEE JONES,\nAppellant.\n", "", "State v. Jones"},
		{"state in its own court, the court's name on two lines",
			"IN THE SUPREME COURT\n STATE OF NORTH DAKOTA\n\n2024 ND 143\n\nRonald Wayne Wootan,      Petitioner and Appellant\n  v.\nState of North Dakota,    Respondent and Appellee\n",
			"Wootan appeals.", "Wootan v. State"},
		{"a docketing line right above the first party",
			"IN THE UNITED STATES COURT OF APPEALS\nFOR THE FIFTH CIRCUIT\nNo. 09-10123\nSummary Calendar\nUNITED STATES OF AMERICA\nPlaintiff-Appellee\nv.\nJOHN DOE\nDefendant-Appellant\n",
			"", "United States v. Doe"},
		{"state in a federal court",
			"UNITED STATES COURT OF APPEALS\nFOR THE THIRD CIRCUIT\nCOMMONWEALTH OF PENNSYLVANIA,\nPetitioner,\nv.\nUNITED STATES DEPARTMENT OF EDUCATION,\nRespondent.\n",
			"", "Pennsylvania v. United States Department of Education"},
		{"two-word surname the opinion uses",
			"ANA GARCIA LOPEZ,\nPlaintiff,\nv.\nBOB KING,\nDefendant.\n", "Garcia Lopez argues that King erred. Garcia Lopez also says.", "Garcia Lopez v. King"},
		{"middle name the opinion never uses alone",
			"ANA MARIA LOPEZ,\nPlaintiff,\nv.\nBOB KING,\nDefendant.\n", "Lopez argues that King erred.", "Lopez v. King"},
		{"syllabus heading broken after v.",
			"(Slip Opinion) OCTOBER TERM, 2019\nSee United States v. Detroit Timber & Lumber Co., 200 U. S. 321, 337.\nSUPREME COURT OF THE UNITED STATES\nSyllabus\nACME CORP. v.\n\nSMITH ET AL.\n",
			"", "Acme Corp. v. Smith"},
		{"letter's re line",
			"UNITED STATES COURT OF APPEALS\nDear Counsel:\nRe: Case No. 19-5555, Northwind Shipping Company v. Linda Hill, et al\n", "", "Northwind Shipping Co. v. Hill"},
		{"layout text with a right-hand column and a number between the sides",
			"IN THE COURT OF APPEAL OF THE STATE OF OREGON\n\n THE PEOPLE,\n         Plaintiff and Respondent,\n                                  B123456\n v.\n" +
				" MARY ANN QUILL,                    (Lane County\n                                   Super. Ct. No. 20CR1234)\n         Defendant and Appellant.\n",
			"", "People v. Quill"},
		{"asterisk column",
			"In the United States Court of Federal Claims\n*****************************\nJOHN PUBLIC,          *     Special Master Doe\n" +
				"           Petitioner, *     Filed: May 16, 2017\n      v.               *\nSECRETARY OF HEALTH AND     *\nHUMAN SERVICES,             *\n          Respondent. *\n",
			"", "Public v. Secretary of Health and Human Services"},
		{"against",
			"SUPREME COURT OF THE STATE OF NEW YORK\nAcme Realty LLC,\nPlaintiff(s),\n-against-\nTitle Agency LLC, JOHN ROE,\nDefendant(s).\n", "", "Acme Realty LLC v. Title Agency LLC"},
		{"a surname in capitals, two first names",
			"BOARD OF IMMIGRATION APPEALS\nMatter of Emmanuel LAGUERRE, Respondent\n", "", "In re Laguerre"},
		{"two first names and one surname",
			"INDIANA TAX COURT\nLAWRENCE AND GLENDA PACHNIAK,\nPetitioners,\nv.\nMARSHALL COUNTY ASSESSOR,\nRespondent.\n", "", "Pachniak v. Marshall County Assessor"},
		{"two-column caption with the numbers on the right",
			"FOR PUBLICATION\nUNITED STATES COURT OF APPEALS\nFOR THE NINTH CIRCUIT\nJOHN DOE, No. 08-1234\nPlaintiff-Appellant, D.C. No.\n" +
				"v. CV-05-1234-ABC\nACME WIDGETS, INC., OPINION\nDefendant-Appellee.\nAppeal from the United States District Court\n",
			"", "Doe v. Acme Widgets, Inc."},
		{"a column of bracket marks",
			"UNITED STATES COURT OF APPEALS\nFOR THE SIXTH CIRCUIT\nX\nJOHN ROE,\n-\nPetitioner-Appellant,\n-\nv.\n>\n,\nMARY SMITH, Warden,\nN\nRespondent-Appellee.\n",
			"", "Roe v. Smith"},
		{"pleading paper with line numbers",
			"1 JANE LAWYER (SBN 123456)\n2 Attorney for Plaintiff\n3\n4 UNITED STATES DISTRICT COURT\n5 NORTHERN DISTRICT OF CALIFORNIA\n6\n" +
				"7 JANE DOE, Case No. 3:21-cv-00485\n8 Plaintiff,\n9 v.\n10 MEGASITE, INC.,\n11 Defendant.\n12\n",
			"", "Doe v. Megasite, Inc."},
		{"an ampersand inside a company's name",
			"UNITED STATES COURT OF APPEALS\nJOHN DOE,\nPlaintiff,\nv.\nALL 4 SPORTS & FITNESS INC,\nDefendant.\n", "", "Doe v. All 4 Sports & Fitness Inc"},
		{"a second company after an agency",
			"UNITED STATES COURT OF APPEALS\nJOHN DOE,\nPlaintiff,\nv.\nCHICAGO TRANSIT AUTHORITY and CLEVER DEVICES, LTD.,\nDefendants.\n", "", "Doe v. Chicago Transit Authority"},
		{"a cited In re is not a caption",
			"UNITED STATES COURT OF APPEALS\nORDER\nIn re Grand Jury Subpoena, 123 F.3d 456 (2d Cir. 1999), controls.\n", "", ""},
		{"a clerk's notice whose short title wraps under the next column",
			"United States Court of Appeals for the Second Circuit\nDate: October 31, 2017\nDocket #: 17-3510\nDC Docket #: 17-cv-6761\nDC Court: SDNY (NEW YORK\n" +
				"Short Title: Acme Widget Company Manag v. Beta CITY)\n\nGadget Workers Associat DC Judge: Failla\n\nDOCKETING NOTICE\n",
			"", "Acme Widget Company Manag v. Beta Gadget Workers Associat"},
		{"a short title that does not wrap",
			"United States Court of Appeals for the Second Circuit\nShort Title: Doe v. Roe\n\nDOCKETING NOTICE\n", "", "Doe v. Roe"},
		{"an MDL's In re above the appeal's caption, with no blank line",
			"United States Court of Appeals\nNo. 17-2400\nIN RE:\nACME WIDGET SYSTEM,\nINC. SALES PRACTICES\nLITIGATION\nMICHAEL ROE, et al.,\nPlaintiffs-Appellants,\nv.\nACME WIDGET SYSTEM, INC.,\nDefendant-Appellee.\n",
			"", "In re Acme Widget System, Inc. Sales Practices Litigation"},
		{"a court's place in parentheses between the sides",
			"UNITED STATES COURT OF APPEALS\nTENTH CIRCUIT\nJOHN DOE,\nPetitioner - Appellant,\nv.\nNo. 06-1234\n(W.D. Okla.)\n(D.C. No. 5:06-CV-00376-C)\nRICHARD ROE, Warden,\nRespondent – Appellee.\n",
			"", "Doe v. Roe"},
		{"a re line with a bare number",
			"UNITED STATES COURT OF APPEALS\nDear Counsel:\nRe: 20-1234 Jane Doe v. Acme Corp.\n", "", "Doe v. Acme Corp."},
		{"a re line with a company whose name starts with a figure",
			"UNITED STATES COURT OF APPEALS\nRe: 3M Company v. Jane Doe\n", "", "3M Co. v. Doe"},
		{"a leading The",
			"UNITED STATES COURT OF APPEALS\nTHE BANK OF NEW YORK MELLON,\nPlaintiff-Appellee,\nv.\nJOHN DOE, JR.,\nDefendant-Appellant.\n", "", "Bank of New York Mellon v. Doe"},
		{"a firm's name without a suffix",
			"UNITED STATES COURT OF APPEALS\nJOHN DOE,\nPlaintiff-Appellant,\nv.\nMETA PLATFORMS,\nDefendant-Appellee.\n", "", "Doe v. Meta Platforms"},
		{"two people on one side",
			"UNITED STATES COURT OF APPEALS\nJOHN DOE and JANE ROE,\nPlaintiffs-Appellants,\nv.\nACME CORP.,\nDefendant-Appellee.\n", "", "Doe v. Acme Corp."},
		{"a paragraph is not a party",
			"UNITED STATES COURT OF APPEALS\nJOHN DOE\nv.\nEntry of Appearance appellants should read paragraphs 1 and 18 of the Guide for Pro Se Petitioners and Appellants before filing this form with the clerk\n", "", ""},
		{"a sentence with v. is not a caption",
			"UNITED STATES COURT OF APPEALS\nIn Doe v. Twitter, the court held that the claim failed.\n", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := captionTitle(tc.text, tc.body); got != tc.want {
				t.Errorf("captionTitle = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTitleNeverARoleDateOrClerk(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"08-6301-cv\nGildernew v. Gantner\nUNITED STATES COURT OF APPEALS\nF OR THE S ECOND C IRCUIT", "Gildernew v. Gantner"},
		{"FILED\nUnited States Court of Appeals\nFor the First Circuit\nNo. 20-1507\nFebruary 5, 2010\nCALVARY CHAPEL OF BANGOR,\nPlaintiff, Appellant,\nv.\nJANET T. MILLS,\nDefendant, Appellee.", "Calvary Chapel of Bangor v. Mills"},
	} {
		doc := &corpus.Document{Type: corpus.TypeOpinion, Pages: []corpus.Page{{Number: 1, Text: tc.text}},
			Entities: []corpus.Entity{{Kind: "party", Norm: "Plaintiff", Role: "plaintiff"}, {Kind: "party", Norm: "Janet T. Mills", Role: "defendant"}}}
		if got := title(doc, extract.Meta{}, &headCaption{doc: doc}); got != tc.want {
			t.Errorf("title of %q = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// FuzzCaptionTitle: any first page gives a one-line title or none, and
// never a bare role word; a docket number with figures or none; a real
// date or none.
func FuzzCaptionTitle(f *testing.F) {
	f.Add("JANE ROE,\nPlaintiff,\nv.\nACME, INC.,\nDefendant.\n", "Roe sued.")
	f.Add("In re:\nFOO BAR,\nINC. LITIGATION\n\nX,\nPlaintiffs-Appellants,\nv.\n", "")
	f.Add("Re: Case No. 1, A v. B, et al\n", "")
	f.Add("STATE OF X, ex rel. Y Z,\nv.\n\n", "Z")
	f.Add("v.\nv.\nv.\n", "")
	f.Add("UNITED STATES COURT OF APPEALS\nNo. 11–889.\n(FEBRUARY 31, 2010)\nFebruary 5, 2010\n", "")
	f.Fuzz(func(t *testing.T, text, body string) {
		got := captionTitle(text, body)
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("title %q spans lines", got)
		}
		if roleWord().MatchString(strings.TrimSpace(got)) {
			t.Errorf("title %q is a role word", got)
		}
		if d := captionDocket(text); d != "" && !strings.ContainsAny(d, "0123456789") {
			t.Errorf("docket %q has no number", d)
		}
		if d := dateLine(text); d != "" {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				t.Errorf("date %q is not YYYY-MM-DD", d)
			}
		}
	})
}

func TestClassifyCourtDecisions(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"slip opinion with its syllabus (headnote)",
			"(Slip Opinion) OCTOBER TERM, 2019\nSyllabus\nNOTE: Where it is feasible, a syllabus (headnote) will be released.\n" +
				"SUPREME COURT OF THE UNITED STATES\nSyllabus\nACME CORP. v. SMITH ET AL.\nCERTIORARI TO THE UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT\n",
			corpus.TypeOpinion},
		{"state appellate opinion",
			"In the Kansas Court of Appeals\nWestern District\nJOHN DOE,\nAppellant,\nvs.\nSTATE OF KANSAS,\nRespondent.\n\nIntroduction\nDoe appeals. We affirm.\n",
			corpus.TypeOpinion},
		{"order of a circuit court",
			"United States Court of Appeals\nFor the Seventh Circuit\nNo. 19-1\nIN RE: JOHN DOE\n\nORDER\nThe motion is granted.\n", corpus.TypeOpinion},
		{"news article about a case",
			"Court rules against site in trafficking case\nBy A. Reporter\nThe Supreme Court of the United States said on Monday that Doe v. Site may go on. We affirm our view.\n",
			corpus.TypeArticle},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := &corpus.Document{Pages: []corpus.Page{{Number: 1, Text: tc.text}}}
			if got := classify(doc, extract.Meta{}, &headCaption{doc: doc}); got != tc.want {
				t.Errorf("classify = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCaptionDocket(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"SUPREME COURT OF THE UNITED STATES\nSyllabus\nACME v. SMITH\nNo. 11–889. Argued April 23, 2013—Decided June 13, 2013\n", "11-889"},
		{"United States Court of Appeals for the Federal Circuit\n2009-1361\nPAUL N. NELSON,\n", "2009-1361"},
		{"UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF CALIFORNIA\nJOHN DOE,\nPlaintiff,\nv.\nTWITTER, INC.,\nDefendant.\nCase No. 21-cv-00485-JCS\n", "21-cv-00485"},
		{"UNITED STATES COURT OF APPEALS\nNos. 08-1234, 08-1235\nA,\nv.\nB,\n", "08-1234"},
		{"UNITED STATES COURT OF APPEALS\n(D.C. No. 5:06-CV-00376-C)\nUSDC No. 3:20-CV-257\nOriginating Case No. : 16-0556\n", ""},
	} {
		if got := captionDocket(tc.text); got != tc.want {
			t.Errorf("captionDocket(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestBankruptcyDocketTitles: a bankruptcy docket page's case-name slot
// says "Chapter 7"; the case is known by its debtor, and an adversary
// proceeding as PACER lists it, under its lead case's debtor.
func TestBankruptcyDocketTitles(t *testing.T) {
	ix := New(quiet(), Options{})
	for _, tc := range []struct{ file, want string }{
		{"azb_16.html", "Dawn J Corbin"},
		{"deb_3.html", "Washington Mutual, Inc."},
		{"nvb_42.html", "GV Ranch Station, Inc."},
		{"wawb_3.html", "Michael R Mastro - Adversary Proceeding"},
	} {
		data, err := os.ReadFile(filepath.Join("extract", "testdata", "dockets", "bankruptcy", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		src := corpus.Source{ID: corpus.SourceID(tc.file), Path: tc.file, Format: corpus.FormatHTML}
		doc, err := ix.Prepare(t.Context(), src, data)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Type != corpus.TypeDocket || !titleMatches(doc.Title, []string{tc.want}) {
			t.Errorf("%s: %s %q, want docket %q", tc.file, doc.Type, doc.Title, tc.want)
		}
	}
}

func TestCaseNameFromPartyMentions(t *testing.T) {
	for _, tc := range []struct {
		plaintiff, defendant, want string
	}{
		{"UNITED STATES OF AMERICA", "JERROLD MARTIN, also known as Jay", "United States v. Martin"},
		{"Plaintiff", "Acme Corp.", ""},
		{"Jane Roe", "Acme Corp., Defendant", "Roe v. Acme Corp."},
	} {
		mentions := []corpus.Entity{
			{Kind: "party", Norm: tc.plaintiff, Role: "plaintiff"},
			{Kind: "party", Norm: tc.defendant, Role: "defendant"},
		}
		if got := caseName(mentions); got != tc.want {
			t.Errorf("caseName(%q, %q) = %q, want %q", tc.plaintiff, tc.defendant, got, tc.want)
		}
	}
}
