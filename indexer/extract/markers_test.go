package extract

import (
	"slices"
	"strings"
	"testing"
)

// markerCases are page texts whose docket markers the prefiltered search
// must find exactly as the patterns do over the whole text.
var markerCases = []string{
	"",
	"An article with no docket heading, a number of words and a # sign.",
	"U.S. District Court\nCIVIL DOCKET FOR CASE #: 3:08-cv-00159-WHA\nDoe v. Roe",
	"civil docket for case #:   MDL No. 2804 more",
	strings.Repeat("filler text ", 500) + "DOCKET FOR CASE #: 1:20-cv-02335",
	"Adversary Proceeding #: 17-80033-CRJ7\nBankruptcy Petition #: 8-09-78585-ast",
	"DOCKET FOR CASE #: 1:20-cv-1\n" + strings.Repeat("x ", 300) + "Bankruptcy Petition #: 8-09",
	"Ban\u212Aruptcy Petition #: 5-1 (Kelvin sign for k)",
	"Adver\u017Fary Proceeding #: 6-2 (long s)",
	"General Docket\nCourt of Appeals Docket #: 21-1234\nDocketed: 01/02/2021",
	"Case NUMBER : 21-5678 Docket",
	"CASE   number:\n\t22-1 Docket",
	"number one # two Docket # : 23-9",
	"#:#:#: Docket #:",
	"Docket\u212A #: x", // no match: the Kelvin sign is not a space
	"\xff\xfe#: DOCKET FOR CASE #: 9:99-cv-1",
}

func TestDocketMarkersMatchPatterns(t *testing.T) {
	for _, s := range markerCases {
		checkMarkers(t, s)
	}
}

func FuzzDocketMarkers(f *testing.F) {
	for _, s := range markerCases {
		f.Add(s)
	}
	f.Fuzz(checkMarkers)
}

func checkMarkers(t *testing.T, s string) {
	if got, want := districtMatch(s), districtMarker.FindStringSubmatch(s); !slices.Equal(got, want) {
		t.Errorf("districtMatch(%q) = %q, want %q", s, got, want)
	}
	if got, want := districtLine(s), districtMarker.MatchString(s); got != want {
		t.Errorf("districtLine(%q) = %v, want %v", s, got, want)
	}
	if got, want := bankrMatch(s), bankrMarker.FindStringSubmatch(s); !slices.Equal(got, want) {
		t.Errorf("bankrMatch(%q) = %q, want %q", s, got, want)
	}
	if got, want := appellateMatch(s), appellateMarker.FindStringSubmatch(s); !slices.Equal(got, want) {
		t.Errorf("appellateMatch(%q) = %q, want %q", s, got, want)
	}
}
