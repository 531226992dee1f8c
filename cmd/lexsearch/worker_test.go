package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets this test binary stand in for lexsearch when ingest and
// serve start it as `<binary> extract-worker` (they run os.Executable()):
// it then runs the real program's main. LEXSEARCH_TEST_WORKER_MARK names
// a file each such worker touches, so a test can tell workers ran.
func TestMain(m *testing.M) {
	if os.Getenv("LEXSEARCH_TEST_MAIN") == "1" {
		main() // a whole lexsearch process, for the kill -9 tests
	}
	if len(os.Args) > 1 && os.Args[1] == workerCommand {
		if mark := os.Getenv("LEXSEARCH_TEST_WORKER_MARK"); mark != "" {
			f, err := os.OpenFile(mark, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
			if err == nil {
				f.WriteString("worker\n")
				f.Close()
			}
		}
		main()
	}
	os.Exit(m.Run())
}

// TestIngestUsesWorkers runs `lexsearch ingest` over a folder: good files
// are indexed, extracted in worker processes, and a broken PDF is skipped
// with the reason its worker gave, as before.
func TestIngestUsesWorkers(t *testing.T) {
	mark := filepath.Join(t.TempDir(), "workers")
	t.Setenv("LEXSEARCH_TEST_WORKER_MARK", mark)
	in := t.TempDir()
	for name, text := range map[string]string{
		"opinion.txt": "Plaintiffs sue under 18 U.S.C. § 1595 in the Northern District of Illinois.",
		"notes.md":    "# Notes\n\nSection 230 of the Communications Decency Act.",
		"docket.html": "<html><body><p>Trafficking victims may sue.</p></body></html>",
		"broken.pdf":  "%PDF-1.4\nnot a PDF after all",
	} {
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string {
		return map[string]string{"LEXSEARCH_FILE_MEMORY": "512MiB"}[k]
	}
	args := []string{"ingest", "-data", t.TempDir(), "-workers", "2", "-file-timeout", "30s", in}
	if err := run(t.Context(), args, getenv, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("ingest: %v\nstderr:\n%s", err, stderr.String())
	}
	out := stdout.String()
	if !strings.HasPrefix(out, "indexed 3, skipped 1 (malformed 1)") || !strings.Contains(out, "skipped broken.pdf: malformed: ") {
		t.Errorf("summary:\n%s", out)
	}
	b, err := os.ReadFile(mark)
	if err != nil || !strings.Contains(string(b), "worker") {
		t.Errorf("no extract worker ran (%v)", err)
	}
}

func TestIngestFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"ingest", "-file-memory", "lots", "x"},
		{"ingest", "-file-memory", "-1GiB", "x"},
		{"ingest", "-file-timeout", "soon", "x"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(t.Context(), args, func(string) string { return "" }, strings.NewReader(""), &stdout, &stderr)
		if exitCode(err) != 2 {
			t.Errorf("%q: %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
}

func TestByteSize(t *testing.T) {
	for in, want := range map[string]int64{
		"1048576": 1 << 20, "512MiB": 512 << 20, "2GiB": 2 << 30, "1.5GB": 1.5e9, "64M": 64 << 20, "100KB": 100e3,
	} {
		var b byteSize
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("Set(%q) = %d, %v; want %d", in, b, err, want)
		}
	}
	b := byteSize(2 << 30)
	if b.String() != "2GiB" {
		t.Errorf("String() = %q", b.String())
	}
}

// TestWorkerIsHidden: help does not list the worker, and the worker
// refuses arguments.
func TestWorkerIsHidden(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"help"}, os.Getenv, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stdout.String(), workerCommand) {
		t.Errorf("help lists %s", workerCommand)
	}
	err := run(t.Context(), []string{workerCommand, "x"}, os.Getenv, strings.NewReader(""), &stdout, &stderr)
	if exitCode(err) != 2 {
		t.Errorf("%s x: %v, want a usage error", workerCommand, err)
	}
}

// TestWorkerServesThroughRun: the hidden subcommand, run in this process,
// says hello and ends cleanly when its input ends.
func TestWorkerServesThroughRun(t *testing.T) {
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(t.Context(), []string{workerCommand}, os.Getenv, strings.NewReader(""), &stdout, &stderr)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("worker did not end at the end of its input")
	}
	if !strings.HasPrefix(stdout.String(), "LEXW1 ") || !strings.Contains(stdout.String(), "lexsearch-extract-worker") {
		t.Errorf("no hello: %q", stdout.String())
	}
}
