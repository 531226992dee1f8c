//go:build unix

package indexer

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestIngestReportsFIFOsAndGoesOn(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "opinion.txt"), []byte("The court grants the motion to dismiss."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(src, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix := New(slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})
	type result struct {
		stats Stats
		err   error
	}
	done := make(chan result, 1)
	go func() {
		// The FIFO both found by the walk and named on its own.
		s, err := ix.Ingest(t.Context(), t.TempDir(), []Input{{FS: os.DirFS(src)}, {FS: os.DirFS(src), Paths: []string{"pipe.txt"}}}, Mode{})
		done <- result{s, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("ingest blocked on the FIFO")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.stats.Indexed != 1 || r.stats.SkippedBy()[SkipNotRegular] != 2 {
		t.Errorf("indexed %d, skipped %v; want 1 indexed and the FIFO skipped twice as %s", r.stats.Indexed, r.stats.SkippedBy(), SkipNotRegular)
	}
}
