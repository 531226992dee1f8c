package entity

import (
	"regexp"
	"strings"
	"testing"
)

func TestJudges(t *testing.T) {
	runTagCases(t, Judges(), []tagCase{
		{"caption", "No. 20-cv-02335\n\nJudge Andrea R. Wood\n\nDefendants.", "Andrea R. Wood=Andrea R. Wood"},
		{"magistrate judge", "Magistrate Judge Joseph C. Spero granted", "Joseph C. Spero=Joseph C. Spero"},
		{"honorable", "the Hon. Andrea R. Wood and the Honorable Joseph C. Spero", "Andrea R. Wood=Andrea R. Wood; Joseph C. Spero=Joseph C. Spero"},
		{"panel", "Before: EASTERBROOK, ROVNER, and WOOD, Circuit Judges.", "EASTERBROOK=Easterbrook; ROVNER=Rovner; WOOD=Wood"},
		{"panel in mixed case", "Before Kanne, Rovner and Sykes, Circuit Judges", "Kanne=Kanne; Rovner=Rovner; Sykes=Sykes"},
		{"docket field", "Assigned to: Judge Andrea R. Wood\nCause: 18:1595", "Andrea R. Wood=Andrea R. Wood"},
		{"signature block", "ENTERED:\n\nANDREA R. WOOD\nUnited States District Judge\n", "ANDREA R. WOOD=Andrea R. Wood"},
		{"end of sentence", "as Judge Stern stated. Then Judge Wood.", "Stern=Stern; Wood=Wood"},
		{"not a name", "the judge said; Judge The; a District Judge", ""},
	})
}

// TestJudgesInDocketText: a name is a judge only in a judicial role, and
// the words after it (the next sentence of a docket entry, a courtroom, a
// hearing) are never part of it.
func TestJudgesInDocketText(t *testing.T) {
	runTagCases(t, Judges(), []tagCase{
		{"next sentence is not the name", "Judge Andrea R. Wood. Northern District of Illinois.", "Andrea R. Wood=Andrea R. Wood"},
		{"docket entry", "Motion Hearing set for 1/9/2012 before Judge Dana M. Sabraw. Jury Trial set for 1/23/2012.", "Dana M. Sabraw=Dana M. Sabraw"},
		{"signed by", "TEXT ONLY ORDER by Judge Edmonds. Signed on 2/10/2010.", "Edmonds=Edmonds"},
		{"possessive", "at Judge Barreca's Courtroom, Room 7106", "Barreca=Barreca"},
		{"courtroom abbreviation", "held on 2/16/2010 at 01:15 PM Dallas Judge Houser Ctrm for 16", "Houser=Houser"},
		{"PACER title", "Assigned to: U.S. District Judge Analisa Torres\nLead case: MDL No. 2873", "Analisa Torres=Analisa Torres"},
		{"bare middle initial", "Referred to: Magistrate Judge Jill E McCook ; Hearing Dates", "Jill E McCook=Jill E. McCook"},
		{"capitals", "Assigned to: Judge GREGG W ZIVE\nChapter 11", "GREGG W ZIVE=Gregg W. Zive"},
		{"surname and full name are one judge", "Judge Dale A. Kimball presiding. The hearing will be held in Judge Kimball's courtroom.",
			"Dale A. Kimball=Dale A. Kimball; Kimball=Dale A. Kimball"},
		{"with and without the middle initial", "Judge Lacy Thornburg; later Judge Lacy H. Thornburg",
			"Lacy Thornburg=Lacy H. Thornburg; Lacy H. Thornburg=Lacy H. Thornburg"},
		{"an act is not a judge", "Method of Payment: Criminal Justice Act CJA-24", ""},
		{"an organisation is not a judge", "TAHIRIH JUSTICE CENTER\nAmicus Curiae", ""},
		{"a calendar is not a judge", "Assigned to: Judge Part One\nDate Filed: 04/20/2015", ""},
		{"role words", "Signed by Judge Defendant; Judge This; Judge Arraignment", ""},
	})
}

// TestJudgesOfTheCourtBelow: judges of the court appealed from are cited,
// not the document's; an official styled "Hon." is not a judge.
func TestJudgesOfTheCourtBelow(t *testing.T) {
	runTagCases(t, Judges(), []tagCase{
		{"trial judge", "Appeal from the Superior Court\n        Trial Judge: Howard A. Kalfus\n", "Howard A. Kalfus=Howard A. Kalfus/cited"},
		{"appealed to", "the defendant appealed to the Appellate Court, Bright, C. J., and Moll and Pellegrino, Js., which affirmed",
			"Bright=Bright/cited; Moll=Moll/cited; Pellegrino=Pellegrino/cited"},
		{"county court", "Appeal from the Superior Court of Los Angeles County, John J. Kralik, Judge. Reversed.", "John J. Kralik=John J. Kralik/cited"},
		{"not participating", "[Maassen, Chief Justice, not participating.]", "Maassen=Maassen/cited"},
		{"a district attorney", "Hon. Madeline Singas, Nassau County District Attorney", ""},
		{"district judge of the appeal", "Appeal from the United States District Court for the\nNorthern District of Illinois, Eastern Division.\n          No. 1:19-cv-07868 — Robert W. Gettleman, Judge.\n",
			"Robert W. Gettleman=Robert W. Gettleman/cited"},
		{"bracketed district judge, panel over lines", "APPEALS FROM THE UNITED STATES DISTRICT COURT\nFOR THE DISTRICT OF MASSACHUSETTS\n[Hon. Richard G. Stearns, U.S. District Judge]\n\nBefore\nHoward, Chief Judge,\nLynch and Kayatta, Circuit Judges.\n",
			"Richard G. Stearns=Richard G. Stearns/cited; Howard=Howard; Lynch=Lynch; Kayatta=Kayatta"},
		{"the panel decides", "Before: HAWKINS, McKEOWN, and WARDLAW, Circuit Judges.", "HAWKINS=Hawkins; McKEOWN=McKEOWN; WARDLAW=Wardlaw"},
		{"small capitals", "L EVAL, S TRAUB, AND W ESLEY, Circuit Judges.", ""},
		{"present: judges", "COURT OF APPEALS OF VIRGINIA\n\nPresent: Judges Humphreys, Beales and Lorish\n", "Humphreys=Humphreys; Beales=Beales; Lorish=Lorish"},
		{"small capitals in a panel", "Before: L EVAL, S TRAUB, AND W ESLEY, Circuit Judges.", "L EVAL=Leval; S TRAUB=Straub; W ESLEY=Wesley"},
		{"the trial court's judge", "entered in February 2018 by Judge Ebern T. Watson III, in the Superior Court, Onslow County.",
			"Ebern T. Watson III=Ebern T. Watson III/cited"},
		{"an appellate docket's district judge", "Football League Players DC Judge: Failla\n", "Failla=Failla/cited"},
		{"bracketed under a blank line", "APPEAL FROM THE UNITED STATES DISTRICT COURT\nFOR THE DISTRICT OF MAINE\n\n[Hon. Nancy Torresen, U.S. District Judge]\n",
			"Nancy Torresen=Nancy Torresen/cited"},
	})
}

func TestNormalizeJudge(t *testing.T) {
	for in, want := range map[string]string{
		"GREGG W ZIVE":                "Gregg W. Zive",
		"Judge Dennis D O'Brien":      "Dennis D. O'Brien",
		"Bkptcy Judge Ronald B. King": "Ronald B. King",
		"Hon. Andrea R. Wood":         "Andrea R. Wood",
		"Part One":                    "",
		"":                            "",
	} {
		if got := NormalizeJudge(in); got != want {
			t.Errorf("NormalizeJudge(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestJudgesDiscussedInTheBody: past the caption, "Judge X" in running
// prose is a judge the document discusses, not one of its own; a line
// that opens with a judge's title still names one.
func TestJudgesDiscussedInTheBody(t *testing.T) {
	head := "Before: KANNE, ROVNER, and SYKES, Circuit Judges.\n\n" + strings.Repeat("The district court dismissed the complaint. ", 80)
	ms := Judges().Tag(head + "First, Judge Murphy, in an opinion joined by Judge Collins, held that the game was one of chance.\n")
	var own, cited []string
	for _, m := range ms {
		if m.Role == RoleCited {
			cited = append(cited, m.Norm)
		} else {
			own = append(own, m.Norm)
		}
	}
	if strings.Join(own, ";") != "Kanne;Rovner;Sykes" || strings.Join(cited, ";") != "Murphy;Collins" {
		t.Errorf("own %q cited %q", own, cited)
	}
}

var judgeContextSamples = []string{"appealed from the Superior Court of Los Angeles County, ", "Trial Judge: ", "the court below, ",
	"On Review From ", "certified from ", "DC Judge: ", "Parish of Orleans, ", ", not participating", ", Recused.", ", not sitting",
	", in the Superior Court, Onslow County", ", Jr., sitting in the Circuit Court", "APPEALS TO ", "tried to", "the district judge", "",
	", District Attorney", ", Esq.", ", Counsel for the State", " the GOVERNOR", ", Secretary of State", ", Mayor", "of ſenator", ", Commi\u017f\u017fioner", ", Attorneys"}

// TestJudgeContextWords: the words checked before each judgeContext
// pattern are in every sample it matches, and the samples match.
func TestJudgeContextWords(t *testing.T) {
	r := judgeRulesOnce()
	n := 0
	for _, s := range judgeContextSamples {
		n += checkJudgeContextWords(t, r, s)
	}
	if n < 20 {
		t.Errorf("only %d sample matches; the samples no longer cover the patterns", n)
	}
}

func FuzzJudgeContextWords(f *testing.F) {
	for _, s := range judgeContextSamples {
		f.Add(s)
	}
	r := judgeRulesOnce()
	f.Fuzz(func(t *testing.T, s string) { checkJudgeContextWords(t, r, s) })
}

func checkJudgeContextWords(t *testing.T, r *judgeRules, s string) int {
	n := 0
	for _, c := range []struct {
		name  string
		re    *regexp.Regexp
		words []string
	}{{"lowerCourtBefore", r.lowerCourtBefore, lowerCourtBeforeWords}, {"notSitting", r.notSitting, notSittingWords},
		{"lowerCourtAfter", r.lowerCourtAfter, lowerCourtAfterWords}, {"notJudgeAfter", r.notJudgeAfter, notJudgeAfterWords}} {
		if c.re.MatchString(s) {
			n++
			if !mayHave(s, c.words) {
				t.Errorf("%s matches %q, which has none of its words", c.name, s)
			}
		}
	}
	return n
}
