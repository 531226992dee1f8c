package entity

import "testing"

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
