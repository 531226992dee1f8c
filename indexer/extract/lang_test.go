package extract

import "testing"

func TestDetectLang(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"english prose", "The court held that the claims were barred by the statute and that the plaintiffs had not stated a claim.", "en"},
		{"french prose", "Le tribunal a jugé que la demande est irrecevable et que les parties sont renvoyées devant la cour pour une nouvelle audience.", "fr"},
		{"too short", "Backpage.com", ""},
		{"empty", "", ""},
		{"english body under french headings", "Base de données Jurisprudence\n\nTraite des personnes\n\nRésumé des faits\n\nAt the age of thirteen, the plaintiffs of this case were solicited and recruited for sex trafficking. The court held that Twitter was not immune and that the claims under the statute could proceed.", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLang(tt.in); got != tt.want {
				t.Errorf("DetectLang = %q, want %q", got, tt.want)
			}
		})
	}
}
