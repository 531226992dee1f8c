package entity

import (
	"fmt"
	"strings"
	"testing"
)

// checkSpans fails the test when a mention breaks the span contract.
func checkSpans(t testing.TB, text string, ms []Mention) {
	t.Helper()
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
			t.Fatalf("bad span %+v in %q", m, text)
		}
		if m.Norm == "" {
			t.Fatalf("empty norm %+v", m)
		}
	}
}

// brief renders mentions as "text=norm" (with "/role" when set), so a
// table can state what it wants on one line.
func brief(ms []Mention) string {
	var parts []string
	for _, m := range ms {
		s := fmt.Sprintf("%s=%s", strings.Join(strings.Fields(m.Text), " "), m.Norm)
		if m.Role != "" {
			s += "/" + m.Role
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

type tagCase struct {
	name string
	text string
	want string // brief(mentions)
}

func runTagCases(t *testing.T, tagger Tagger, cases []tagCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ms := tagger.Tag(tc.text)
			checkSpans(t, tc.text, ms)
			if got := brief(ms); got != tc.want {
				t.Errorf("Tag(%q)\n got: %s\nwant: %s", tc.text, got, tc.want)
			}
		})
	}
}
