package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestHelp: asking for help is not an error, `help CMD` shows that
// command's flags, and --version works as in other tools.
func TestHelp(t *testing.T) {
	getenv := func(string) string { return "" }
	for _, tc := range []struct {
		args     []string
		wantCode int
		wantOut  string // in stdout or stderr
	}{
		{[]string{"search", "-h"}, 0, "Usage: lexsearch search [flags] QUERY"},
		{[]string{"help", "search"}, 0, "-statute value"},
		{[]string{"help", "ingest"}, 0, "Usage: lexsearch ingest"},
		{[]string{"--version"}, 0, "lexsearch "},
		{[]string{"help", "nosuch"}, 2, `unknown subcommand "nosuch"`},
	} {
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), tc.args, getenv, strings.NewReader(""), &stdout, &stderr)
		if code := exitCode(err); code != tc.wantCode {
			t.Errorf("%q: exit %d (%v), want %d", tc.args, code, err, tc.wantCode)
		}
		all := stdout.String() + stderr.String()
		if err != nil {
			all += err.Error()
		}
		if !strings.Contains(all, tc.wantOut) {
			t.Errorf("%q: output does not contain %q:\n%s", tc.args, tc.wantOut, all)
		}
	}
	// help CMD writes to stdout, so `lexsearch help search | less` works.
	var stdout, stderr bytes.Buffer
	run(t.Context(), []string{"help", "search"}, getenv, strings.NewReader(""), &stdout, &stderr)
	if !strings.Contains(stdout.String(), "-statute") {
		t.Errorf("help search wrote its flags to stderr, not stdout:\n%s", stderr.String())
	}
}
