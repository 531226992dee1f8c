//go:build unix

package corpus_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWalkOnDisk(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cases/opinion.txt", "opinion")
	write("elsewhere/report.md", "report")
	for _, l := range []struct{ target, name string }{
		{"..", "cases/loop"},                      // back to the root: a loop
		{"../elsewhere", "cases/more"},            // a folder elsewhere: followed
		{"opinion.txt", "cases/same-opinion.txt"}, // a file: followed
		{"missing.txt", "cases/broken.txt"},       // nothing: reported
	} {
		if err := os.Symlink(l.target, filepath.Join(dir, l.name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "cases", "pipe.txt"), 0o644); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}

	done := make(chan []string, 1)
	go func() { done <- walkAll(t, os.DirFS(dir)) }()
	var got []string
	select {
	case got = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Walk blocked (on the FIFO?)")
	}
	want := []string{
		"cases/broken.txt [unreadable: broken symbolic link: no such file or directory]",
		"cases/loop [symbolic link loop: a link back into a folder above it]",
		"cases/more/report.md",
		"cases/opinion.txt",
		"cases/pipe.txt [not a regular file: a named pipe (FIFO)]",
		"cases/same-opinion.txt",
		"elsewhere/report.md",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Walk =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
