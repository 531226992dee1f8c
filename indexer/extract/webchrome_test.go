package extract

import (
	"context"
	"strings"
	"testing"
)

// The chrome a scraped page leaves above and below its article goes;
// titles, captions, signature blocks and prose that merely use the same
// words stay.
func TestCutChromeLines(t *testing.T) {
	const article = "Traffickers Moved Online, and So Did the Law\n\nMarch 3, 2019\n\n" +
		"Congress passed the bill after a long campaign by survivors, who told the committee how the ads were placed.\n\n" +
		"Maria Lopez is a reporter for the Tribune.\n"
	for _, tc := range []struct {
		name, head, tail string
	}{
		{"greeting and tagline", "Welcome to Children First!\n\nStay informed on our work protecting children around the world\n\n", ""},
		{"skip link, menu and breadcrumb", "Skip to main content\nMenu\nSearch\nHome > News > Trafficking\n\n", ""},
		{"cookie notice", "We use cookies to improve your experience on our site.\nAccept all\n\n", ""},
		{"share and sign-up buttons", "", "\nShare this:\nTwitter\nFacebook\n\nSign up for our newsletter\nDonate now\n"},
		{"copyright and back to top", "", "\nBack to top\n© 2019 The Tribune. All rights reserved.\nPrivacy Policy\n"},
		{"both ends", "You are here: Home / Issues / Trafficking\n\n", "\nTake Action\nRelated posts\n"},
		{"a bar of buttons and a reading list", "Facebook Twitter Email Print\n\n", "\nYou may also like\nCategories: Law, Policy\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cutChromeLines(tc.head + article + tc.tail); strings.TrimSpace(got) != strings.TrimSpace(article) {
				t.Errorf("got\n%s\nwant\n%s", got, article)
			}
		})
	}
	for _, keep := range []string{
		article,
		"Search warrants and the sex-trafficking statute\n\n" + article,
		"Home Depot sued over trafficking ads\n\n" + article,
		"Subscriber data in trafficking cases\n\n" + article,

		"UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF ILLINOIS\n\nG.G., Plaintiff,\nv.\nSALESFORCE.COM, INC., Defendant.\n\nThe motion is denied.\n\nIT IS SO ORDERED.\n\nAndrea R. Wood\nUnited States District Judge\n",
		article + "\nHe wrote about the case in the firm's newsletter.\n",
		"Welcome to UNICEF USA!\nShare\n", // nothing but chrome: kept rather than emptied
	} {
		if got := cutChromeLines(keep); got != keep {
			t.Errorf("cut text that is not chrome:\n%q\n->\n%q", keep, got)
		}
	}
}

// The UNICEF page saved as text opens with the site's banner and tagline:
// the text, and so the index, start at the article's title.
func TestTextDropsSiteBanner(t *testing.T) {
	res, err := Text(Options{}).Extract(context.Background(), strings.NewReader(readTestdata(t, "text/unicef-usa-innocent-victims-2018.txt")))
	if err != nil {
		t.Fatal(err)
	}
	text := res.Text()
	if first, _, _ := strings.Cut(strings.TrimSpace(text), "\n"); first != "Innocent Victims: The Fight Against Online Child Sex Trafficking" {
		t.Errorf("first line %q, want the article's title", first)
	}
	for _, chrome := range []string{"Welcome to UNICEF USA", "Stay informed"} {
		if strings.Contains(text, chrome) {
			t.Errorf("text keeps the site's %q", chrome)
		}
	}
	if !strings.Contains(text, "Eitan Peled is a Global Citizen Fellow") || !strings.Contains(text, "Top photo: Gina, 12") {
		t.Error("the author line or the closing photo caption was cut")
	}
}

// Whatever the text, the cut keeps a run of its lines: never more, never
// a rewritten line, and never nothing from a text with words.
func FuzzCutChromeLines(f *testing.F) {
	f.Add("Welcome to X!\nStay informed\n\nTitle\n\nBody text.\nShare\n")
	f.Add("Home > News\n\fPage two\nDonate\n")
	f.Fuzz(func(t *testing.T, text string) {
		got := cutChromeLines(text)
		if !strings.Contains(text, got) {
			t.Fatalf("cutChromeLines(%q) = %q, not a part of its input", text, got)
		}
		if strings.TrimSpace(text) != "" && strings.TrimSpace(got) == "" {
			t.Fatalf("cutChromeLines(%q) emptied the text", text)
		}
	})
}
