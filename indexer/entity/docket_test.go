package entity

import "testing"

func TestDockets(t *testing.T) {
	runTagCases(t, Dockets(), []tagCase{
		{"page header", "Case: 1:20-cv-02335 Document #: 105", "1:20-cv-02335=1:20-cv-02335/document"},
		{"caption number takes the office digit of the header", "Case: 1:20-cv-02335 Document\n\nNo. 20-cv-02335\n",
			"1:20-cv-02335=1:20-cv-02335/document; 20-cv-02335=1:20-cv-02335/document"},
		{"judge initials dropped", "Case No. 21-cv-00485-JCS – John Doe", "21-cv-00485-JCS=21-cv-00485/document"},
		{"cited case numbers have no role", "United States v. Ferrer, No. 2:18-cr-00464-DJH (D. Ariz. 2018)", "2:18-cr-00464-DJH=2:18-cr-00464"},
		{"short sequence padded, type lower-cased", "Civil Action No. 3:21-CV-485", "3:21-CV-485=3:21-cv-00485/document"},
		{"appellate", "No. 19-1234\n", "19-1234=19-1234/document"},
		{"appellate needs No.", "in 19-1234 cases and 2018-05-16", ""},
		{"French field", "Numéro de dossier officiel:\n    Case No. 21-cv-00485-JCS", "21-cv-00485-JCS=21-cv-00485/document"},
	})
}

func TestNormalizeDocket(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"1:20-cv-02335", "1:20-cv-02335", true},
		{"1:20-CV-2335", "1:20-cv-02335", true},
		{"No. 20-cv-02335", "20-cv-02335", true},
		{"Case No. 21-cv-00485-JCS", "21-cv-00485", true},
		{"21-cv-00485", "21-cv-00485", true},
		{"No. 19-1234", "19-1234", true},
		{"19-1234", "19-1234", true},
		{"20cv2335", "20-cv-02335", true},
		{"1:20 CV 2335", "1:20-cv-02335", true},
		{"No. 20 C 2335", "20-c-02335", true},
		{"2020 WL 1234567", "", false},
		{"twenty", "", false},
		{"20-cv-02335 and more", "", false},
	} {
		got, ok := NormalizeDocket(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalizeDocket(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
