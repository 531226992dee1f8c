package extract

import (
	"strings"
	"testing"
)

func TestCutWidgetTail(t *testing.T) {
	prose := "The bill amended the federal criminal code to prohibit knowingly advertising commercial sex acts involving a minor, and it funds grants to law enforcement.\n\n" +
		"Anyway, that is all I have for now; I look forward to more discussion this evening with everyone in the class.\n\n"
	form := "Leave a Reply\n\nFill in your details below or click an icon to log in: Logo\n\n" +
		"You are commenting using your account. Log Out /  Change )\n\nGoogle+ photo\n\n" +
		"You are commenting using your Google+ account. Log Out /  Change )\n\nTwitter picture\n\n" +
		"You are commenting using your Twitter account. Log Out /  Change )\n\n" +
		"Connecting to %s\n\n%d bloggers like this:\n"
	if got := cutWidgetTail(prose + form); strings.Contains(got, "Twitter") || strings.Contains(got, "Leave a Reply") || !strings.HasSuffix(got, "this evening with everyone in the class.\n") {
		t.Errorf("widget tail kept or prose cut:\n%s", got)
	}
	// A hard-wrapped opinion is all short lines, and repeats phrases;
	// a signature block is short lines without a template. Both stay.
	var wrapped strings.Builder
	for range 60 {
		wrapped.WriteString("the court held that the plaintiff's claims were barred by\nSection 230 of the Communications Decency Act, and we\n")
	}
	signature := prose + "IT IS SO ORDERED.\n\nDated: May 16, 2022\n\nAndrea R. Wood\nUnited States District Judge\n"
	for _, keep := range []string{wrapped.String(), signature, prose} {
		if got := cutWidgetTail(keep); got != keep {
			t.Errorf("cut text that is not a widget tail:\n%.200q\n->\n%.200q", keep, got)
		}
	}
}

func TestCutCommentSection(t *testing.T) {
	post := "Human Trafficking Influenced by Digital Media\n\nAlicia was twelve years old when a trafficker abducted her.\n\nI look forward to our discussion on Wednesday!\n\n~ by a student on October 24, 2015.\n\n"
	comments := "13 Responses to “Human Trafficking Influenced by Digital Media”\n\n  1. After our discussion last week, Twitter came up.\n"
	if got := cutCommentSection(post + comments); got != strings.TrimRight(post, "\n")+"\n" {
		t.Errorf("comments kept or post cut:\n%s", got)
	}
	// Quoting a title without a count, or a count without the title, is
	// text.
	for _, keep := range []string{
		post + "The phrase “Human Trafficking Influenced by Digital Media” is ours.\n",
		post + "13 responses were received to the survey.\n",
		"Short\n\n2 Responses to “Short”\n",
	} {
		if got := cutCommentSection(keep); got != keep {
			t.Errorf("cut text without a comment header:\n%q", got)
		}
	}
}
