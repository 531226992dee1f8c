package entity

import "testing"

func TestNormalizeParty(t *testing.T) {
	for in, want := range map[string]string{
		"USA":                      "United States",
		"Usa":                      "United States",
		"U.S.A.":                   "United States",
		"UNITED STATES OF AMERICA": "United States",
		"United States of America": "United States",
		"the United States":        "United States",
		"GIFTY R. SAMUELS":         "Gifty R. Samuels",
		"STATE OF MISSOURI":        "State of Missouri",
		"SALESFORCE.COM, INC.":     "Salesforce.com, Inc.",
		"Twitter, Inc.":            "Twitter, Inc.",
		"ERIC FRANKLIN, Warden":    "Eric Franklin",
		"DONALD J. TRUMP, in his official capacity as President of the United States": "Donald J. Trump",
		"JEFFERSON B. SESSIONS, III, Attorney General":                                "Jefferson B. Sessions, III",
		"JERROLD MARTIN, also known as Jay":                                           "Jerrold Martin",
		"DEUTSCHE BANK NATIONAL TRUST COMPANY, as Trustee of the Argent Securities":   "Deutsche Bank National Trust Company",
		"RICARDO ALVARADO (#20575-509)":                                               "Ricardo Alvarado",
		"United States Department of Justice":                                         "United States Department of Justice",
		"U.S. TRUSTEE":                                                                "United States Trustee",
		"U.S. Trustee - LV - 7":                                                       "United States Trustee",
		"United States Trustee - JAX":                                                 "United States Trustee",
		"United States Trustee (RS)":                                                  "United States Trustee",
		"US Trustee":                                                                  "United States Trustee",
		"Alfaro-Medina":                                                               "Alfaro-Medina",
		"Mary Smith - Lee":                                                            "Mary Smith - Lee",
		// not parties
		"Plaintiff":                              "",
		"Plaintiff -":                            "",
		"Petitioner -":                           "",
		"Plaintiff - Appellee":                   "",
		"Intervenor - Pending":                   "",
		"Date filed: 06/17/2009":                 "",
		"Assigned to: Judge Eileen W. Hollowell": "",
		"Hollywood, Fl 33021":                    "",
		"Hon. Barbara S. Jones":                  "",
		"- Palmer":                               "",
		"":                                       "",
	} {
		if got := NormalizeParty(in); got != want {
			t.Errorf("NormalizeParty(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPartyMatches(t *testing.T) {
	for _, tc := range []struct {
		typed, value string
		want         bool
	}{
		{"Twitter", "Twitter, Inc.", true},
		{"twitter inc", "Twitter, Inc.", true},
		{"Salesforce", "Salesforce.com, Inc.", true},
		{"USA", "United States", true},
		{"united states of america", "United States", true},
		{"United States", "United States Department of Justice", true},
		{"Twit", "Twitter, Inc.", false},
		{"Inc.", "Twitter, Inc.", false},
		{"", "Twitter, Inc.", false},
	} {
		if got := PartyMatches(tc.typed, tc.value); got != tc.want {
			t.Errorf("PartyMatches(%q, %q) = %v, want %v", tc.typed, tc.value, got, tc.want)
		}
	}
}
