package entity

import (
	"slices"
	"testing"
)

func TestAliases(t *testing.T) {
	for _, tc := range []struct {
		kind Kind
		norm string
		want []string // each must be present
	}{
		{Statute, "FOSTA", []string{"Allow States and Victims to Fight Online Sex Trafficking Act", "Pub. L. 115-164", "H.R. 1865", "132 Stat. 1253"}},
		{Statute, "47 U.S.C. § 230", []string{"Section 230", "CDA 230", "47 USC 230"}},
		{Statute, "SESTA", []string{"Stop Enabling Sex Traffickers Act", "S. 1693"}},
		{Statute, "18 U.S.C. § 1591", []string{"18 USC 1591", "Title 18, Section 1591"}},
		{Court, "ilnd", []string{"N.D. Ill.", "Northern District of Illinois", "United States District Court for the Northern District of Illinois"}},
		{Court, "ca7", []string{"7th Cir.", "Seventh Circuit"}},
		{Court, "nm", []string{"N.M.", "New Mexico Supreme Court"}},
	} {
		got := Aliases(tc.kind, tc.norm)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("Aliases(%s, %q) = %q, missing %q", tc.kind, tc.norm, got, w)
			}
		}
		if slices.Contains(got, tc.norm) {
			t.Errorf("Aliases(%s, %q) contains the value itself", tc.kind, tc.norm)
		}
	}
	if got := Aliases(Statute, "nothing"); got != nil {
		t.Errorf("Aliases of an unknown value = %q, want nil", got)
	}
	// every alias of a statute normalises back to it
	for _, norm := range []string{"FOSTA", "SESTA", "TVPA", "47 U.S.C. § 230", "18 U.S.C. § 1595", "Palermo Protocol", "CEDAW"} {
		for _, a := range Aliases(Statute, norm) {
			if got, ok := NormalizeStatute(a); !ok || got != norm {
				t.Errorf("NormalizeStatute(%q) = %q, %v; want %q (an alias of it)", a, got, ok, norm)
			}
		}
	}
	for _, a := range Aliases(Court, "ilnd") {
		if got, ok := NormalizeCourt(a); !ok || got != "ilnd" {
			t.Errorf("NormalizeCourt(%q) = %q, %v; want ilnd (an alias of it)", a, got, ok)
		}
	}
}

func TestLinked(t *testing.T) {
	for norm, want := range map[string][]string{
		"FOSTA":           {"Pub. L. 115-164", "H.R. 1865", "SESTA", "47 U.S.C. § 230"},
		"Pub. L. 115-164": {"H.R. 1865", "132 Stat. 1253"},
		"H.R. 1865":       {"Pub. L. 115-164"},
		"SESTA":           {"S. 1693", "FOSTA"},
		"47 U.S.C. § 230": {"Communications Decency Act", "FOSTA"},
	} {
		got := Linked(norm)
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("Linked(%q) = %q, missing %q", norm, got, w)
			}
		}
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // the first suggestion
	}{
		{"FOSTAA", "FOSTA"},
		{"fosta sesta", "FOSTA"},
		{"Stop Enabling Sex Trafficers Act", "SESTA"},
		{"secton 230", "47 U.S.C. § 230"},
		{"18 usc 159", "18 U.S.C. § 1591"},
		{"Palermo", "Palermo Protocol"},
	} {
		got := SuggestStatute(tc.in, 3)
		if len(got) != 3 || got[0] != tc.want {
			t.Errorf("SuggestStatute(%q, 3) = %q, want %q first", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"ilnf", "ilnd (N.D. Ill.)"},
		{"N.D. Illinois", "ilnd (N.D. Ill.)"},
		{"Northern District of Ilinois", "ilnd (N.D. Ill.)"},
		{"Seventh Circut", "ca7 (7th Cir.)"},
	} {
		got := SuggestCourt(tc.in, 3)
		if len(got) != 3 || got[0] != tc.want {
			t.Errorf("SuggestCourt(%q, 3) = %q, want %q first", tc.in, got, tc.want)
		}
	}
	if got := SuggestCourt("x", 0); got != nil {
		t.Errorf("SuggestCourt(x, 0) = %q", got)
	}
}
