package entity

import (
	"fmt"
	"reflect"
	"testing"
)

func TestCourts(t *testing.T) {
	runTagCases(t, Courts(), []tagCase{
		{"opinion caption over two lines", "IN THE UNITED STATES DISTRICT COURT\nFOR THE NORTHERN DISTRICT OF ILLINOIS\nEASTERN DIVISION\n",
			"UNITED STATES DISTRICT COURT FOR THE NORTHERN DISTRICT OF ILLINOIS=ilnd/deciding"},
		{"case summary field", "Tribunal\n\n    Titre\n\n    United States District Court, Northern District of California\n\n",
			"United States District Court, Northern District of California=cand/deciding"},
		{"label with a short name", "Court: N.D. Cal.\nDate: 2021", "N.D. Cal.=cand/deciding"},
		{"appeals caption", "UNITED STATES COURT OF APPEALS\nFOR THE SEVENTH CIRCUIT\n", "UNITED STATES COURT OF APPEALS FOR THE SEVENTH CIRCUIT=ca7/deciding"},
		{"only the first caption decides", "United States District Court for the District of Columbia\n\nUnited States District Court for the Northern District of Illinois\n",
			"United States District Court for the District of Columbia=dcd/deciding; United States District Court for the Northern District of Illinois=ilnd/cited"},
		{"citation parentheticals", "519 F.3d 666, 671 (7th Cir. 2008); 2021 WL 5795306, at *4 (N.D. Ill. 2021); (4th\n\nCir. 2009); (D. Ariz. Apr. 5,\n2018)",
			"7th Cir.=ca7/cited; N.D. Ill.=ilnd/cited; 4th Cir.=ca4/cited; D. Ariz.=azd/cited"},
		{"more parentheticals", "(D.C. Cir. 2019) (E.D.N.Y. 2017) (S.D. Oh. 2019) (2d Cir. 2001) (Fed. Cir. 2020)",
			"D.C. Cir.=cadc/cited; E.D.N.Y.=nyed/cited; S.D. Oh.=ohsd/cited; 2d Cir.=ca2/cited; Fed. Cir.=cafc/cited"},
		{"prose names are cited", "As the D.C. Circuit explained, and the U.S. Court of Appeals for the First Circuit's decision",
			"D.C. Circuit=cadc/cited; U.S. Court of Appeals for the First Circuit=ca1/cited"},
		{"a district in prose", "filed in the Northern District of Illinois last year", "Northern District of Illinois=ilnd/cited"},
		{"the Supreme Court", "the Supreme Court of the United States held", "Supreme Court of the United States=scotus/cited"},
		{"no court in an essay", "In a recent case in a U.S. District Court in Massachusetts, Judge Stern stated", ""},
		{"short names outside citations are not courts", "the N.D. Ill. rules; E.D. stands for", ""},
		{"the District of Columbia is a place", "people in the District of Columbia", ""},
	})
}

func TestCourtName(t *testing.T) {
	for id, want := range map[string]string{
		"ilnd": "N.D. Ill.", "cand": "N.D. Cal.", "ca7": "7th Cir.", "scotus": "U.S.", "cadc": "D.C. Cir.",
		"cafc": "Fed. Cir.", "ca11": "11th Cir.", "nysd": "S.D.N.Y.", "dcd": "D.D.C.", "nope": "",
	} {
		if got := CourtName(id); got != want {
			t.Errorf("CourtName(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestNormalizeCourt(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"ilnd", "ilnd", true},
		{"ILND", "ilnd", true},
		{"N.D. Ill.", "ilnd", true},
		{"n.d. ill", "ilnd", true},
		{"ND Ill", "ilnd", true},
		{"Northern District of Illinois", "ilnd", true},
		{"the Northern District of Illinois", "ilnd", true},
		{"United States District Court for the Northern District of California", "cand", true},
		{"7th Cir.", "ca7", true},
		{"Seventh Circuit", "ca7", true},
		{"United States Court of Appeals for the Seventh Circuit", "ca7", true},
		{"scotus", "scotus", true},
		{"U.S.", "scotus", true},
		// a place in running text, but a filter means the court
		{"District of Columbia", "dcd", true},
		{"Supreme Court of the State of New Mexico", "nm", true},
		{"N.M.", "nm", true},
		{"Illinois", "", false},
		{"", "", false},
	} {
		got, ok := NormalizeCourt(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeCourt(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// The table must cover the federal courts the brief names, each once.
func TestCourtTable(t *testing.T) {
	r := courtRulesOnce()
	for _, id := range []string{"scotus", "ca1", "ca2", "ca3", "ca4", "ca5", "ca6", "ca7", "ca8", "ca9", "ca10", "ca11", "cadc", "cafc", "ilnd", "cand", "nysd", "dcd", "mad"} {
		if _, ok := r.byID[id]; !ok {
			t.Errorf("court %q missing", id)
		}
	}
	districts := 0
	for _, c := range r.byID {
		if c.Level == "district" {
			districts++
		}
	}
	if districts != len(r.byPlace) {
		t.Errorf("%d district courts but %d district/state keys: two courts share a name", districts, len(r.byPlace))
	}
	if districts < 90 {
		t.Errorf("only %d district courts", districts)
	}
}

// At least 95% of the example names of courts-db map to their court.
func TestCourtExamples(t *testing.T) {
	var recs []struct {
		ID       string   `json:"id"`
		Examples []string `json:"examples"`
	}
	readTestJSON(t, "courts.json", &recs)
	n, ok := 0, 0
	var missed []string
	for _, r := range recs {
		for _, x := range r.Examples {
			n++
			if id, _ := NormalizeCourt(x); id == r.ID {
				ok++
			} else if len(missed) < 40 {
				missed = append(missed, fmt.Sprintf("%q -> %q, want %q", x, id, r.ID))
			}
		}
	}
	rate := 100 * float64(ok) / float64(n)
	t.Logf("courts.json name examples: %d/%d map to their id (%.1f%%)", ok, n, rate)
	if rate < 95 {
		for _, m := range missed {
			t.Log(m)
		}
		t.Errorf("only %.1f%% of courts.json examples map to their id, want at least 95%%", rate)
	}
}

func TestCaptionCourtFromCourtsDB(t *testing.T) {
	runTagCases(t, Courts(), []tagCase{
		{"state supreme court", "            IN THE SUPREME COURT OF THE STATE OF NEW MEXICO\n\nOpinion Number: 2025-NMSC-023\n", "SUPREME COURT OF THE STATE OF NEW MEXICO=nm/deciding"},
		{"court appealed from is not the deciding court", "APPEAL FROM THE DISTRICT COURT OF CIBOLA COUNTY\n", ""},
	})
}

// TestCourtNameCache: a remembered answer is the one a fresh lookup gives,
// and the cache stays within its bound.
func TestCourtNameCache(t *testing.T) {
	names := []string{"United States District Court for the Northern District of California",
		"SUPREME COURT OF THE STATE OF NEW MEXICO", "Court of Appeals of Indiana", "Jefferson Circuit Court",
		"United States Bankruptcy Court, N.D. Cal.", "Court of Nowhere in Particular", "Acme Corp."}
	for round := range 2 {
		for _, n := range names {
			id, ok := courtForName(n)
			wantID, wantOK := courtForName1(squash(n))
			if id != wantID || ok != wantOK {
				t.Errorf("round %d: courtForName(%q) = %q, %v; uncached %q, %v", round, n, id, ok, wantID, wantOK)
			}
		}
	}
	for i := range nameCacheMax + 10 {
		courtForName(fmt.Sprintf("Court %d", i))
	}
	courtNames.mu.Lock()
	n := len(courtNames.m)
	courtNames.mu.Unlock()
	if n > nameCacheMax {
		t.Errorf("cache holds %d names, bound %d", n, nameCacheMax)
	}
}

// FuzzCourtFieldLabel: keeping only the hits that stand as a line's label
// finds the same "Court: ..." fields as running the pattern around every
// hit.
func FuzzCourtFieldLabel(f *testing.F) {
	for _, s := range []string{"Court: N.D. Cal.\nThe court held", "  COURT\t:  S.D.N.Y.\n", "Tribunal : TGI Paris",
		"the court: below\ncourt:x", "Jurisdiction:\n\nJuridiction: CA Paris\r\n", "courtcourt: 2d Cir."} {
		f.Add(s)
	}
	r := courtRulesOnce()
	every := r.fieldAt
	every.keep = nil
	f.Fuzz(func(t *testing.T, text string) {
		lower := lowerASCII(text)
		got, want := r.fieldAt.findAll(text, lower, r.field), every.findAll(text, lower, r.field)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: label hits find %v, every hit %v", text, got, want)
		}
	})
}

func TestDistrictFirstWord(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"United States District Court for", true},
		{"U. S. District Court", true},
		{"DISTRICT OF COLUMBIA", true},
		{"Northern District of Illinois", true},
		{"middle district of florida", true},
		{"Central", true},
		{"court for the Northern", false},
		{"the District", false},
		{"Unite", false},
		{"Easter Sunday", false},
		{"", false},
	} {
		if got := districtFirstWord(c.s); got != c.want {
			t.Errorf("districtFirstWord(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}
