package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/indexer/store"
)

// crashCorpus writes n small, distinct documents into a new folder.
func crashCorpus(t *testing.T, n int) (dir string, ids []string) {
	t.Helper()
	dir = t.TempDir()
	for i := range n {
		text := fmt.Sprintf("Opinion %d. Plaintiff %d sues under 18 U.S.C. § 1595 and 47 U.S.C. § 230; "+
			"the court of case %d considers beneficiary liability for trafficking.\n", i, i*7, i*13)
		name := filepath.Join(dir, fmt.Sprintf("batch%02d", i%3), fmt.Sprintf("doc%03d.txt", i))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, corpus.ContentID([]byte(text)))
	}
	slices.Sort(ids)
	return dir, ids
}

// lexsearch starts this test binary as a whole lexsearch process.
func lexsearch(t *testing.T, fault string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "LEXSEARCH_TEST_MAIN=1", "LEXSEARCH_FAULT="+fault)
	return cmd
}

// runKilled runs lexsearch with a fault and checks it died of SIGKILL at
// it (a run that finished means the step was never reached: the test
// would prove nothing).
func runKilled(t *testing.T, fault string, args ...string) {
	t.Helper()
	cmd := lexsearch(t, fault, args...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("%s with LEXSEARCH_FAULT=%s was not killed (err %v):\n%s", args, fault, err, out)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("%s with LEXSEARCH_FAULT=%s: %v, want death by SIGKILL:\n%s", args, fault, err, out)
	}
}

// state opens the data directory as the next process would, and returns
// the ids the catalog holds and the ids a search finds.
func state(t *testing.T, data string) (kept, found []string) {
	t.Helper()
	ix := indexer.New(quiet(), indexer.Options{})
	s, err := ix.Open(t.Context(), data)
	if err != nil {
		t.Fatalf("the data directory does not open after the kill: %v", err)
	}
	defer s.Close()
	for _, e := range s.Entries() {
		kept = append(kept, e.ID)
		if _, err := s.Original(e.ID); err != nil {
			t.Errorf("document %s is in the catalog but its original is gone: %v", e.ID, err)
		}
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10000, 0, false)
	res, err := s.Index().SearchInContext(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		found = append(found, h.ID)
	}
	slices.Sort(found)
	if res.Total != uint64(len(found)) {
		t.Errorf("search total %d, hits %d", res.Total, len(found))
	}
	return kept, found
}

// checkConsistent checks that every kept document is found once, and no
// other, and that what was acknowledged before the kill survived.
func checkConsistent(t *testing.T, data string, acknowledged []string) []string {
	t.Helper()
	kept, found := state(t, data)
	if !slices.Equal(kept, found) {
		t.Errorf("catalog and index disagree after recovery:\nkept  %v\nfound %v", kept, found)
	}
	if len(slices.Compact(slices.Clone(found))) != len(found) {
		t.Errorf("a document is indexed twice: %v", found)
	}
	for _, id := range acknowledged {
		if !slices.Contains(found, id) {
			t.Errorf("acknowledged document %s lost", id)
		}
	}
	return found
}

// TestKillDuringIngest kills ingest at each step of a commit (the second
// commit, so one is acknowledged before), reopens, and checks nothing
// acknowledged is lost or duplicated; a second ingest then completes the
// set exactly.
func TestKillDuringIngest(t *testing.T) {
	in, ids := crashCorpus(t, 24)
	// shard-I-applied: ingest writes the shards in a pipeline, each on
	// its own, so a kill there leaves one shard ahead of the other.
	steps := []string{"kept-written:2", "catalog-written:2", "index-written:2", "catalog-written:1", "shard-0-applied:2", "shard-1-applied:3"}
	for _, step := range steps {
		t.Run(step, func(t *testing.T) {
			data := t.TempDir()
			// Two shards, as a large ingest on two cores has.
			runKilled(t, step, "ingest", "-data", data, "-workers", "1", "-batch-bytes", "1KiB", "-shards", "2", in)
			found := checkConsistent(t, data, nil)
			if strings.HasSuffix(step, ":2") && len(found) == 0 {
				t.Errorf("the first commit (acknowledged before the kill) is lost")
			}
			if len(found) >= len(ids) {
				t.Errorf("found %d documents after a kill mid-ingest; the kill came too late to test anything", len(found))
			}
			out, err := lexsearch(t, "", "ingest", "-data", data, "-workers", "1", in).CombinedOutput()
			if err != nil {
				t.Fatalf("ingest after the kill: %v\n%s", err, out)
			}
			if got := checkConsistent(t, data, found); !slices.Equal(got, ids) {
				t.Errorf("after a second ingest: %d documents, want exactly the %d files", len(got), len(ids))
			}
		})
	}
}

// TestKillAfterConsolidate kills ingest once it has merged its segments,
// before it closes the data directory: every document was acknowledged,
// and the merged index must open with all of them, once each.
func TestKillAfterConsolidate(t *testing.T) {
	in, ids := crashCorpus(t, 24)
	data := t.TempDir()
	runKilled(t, "consolidated", "ingest", "-data", data, "-workers", "1", "-batch-bytes", "1KiB", in)
	if got := checkConsistent(t, data, ids); !slices.Equal(got, ids) {
		t.Errorf("after a kill past the last commit: %d documents, want the %d files", len(got), len(ids))
	}
}

// TestKillDuringRebuild kills `ingest -rebuild` at each step of building
// and committing the new generation: the next open finds every document,
// from the old generation or the new, and no stray generation.
func TestKillDuringRebuild(t *testing.T) {
	in, ids := crashCorpus(t, 12)
	for _, step := range []string{"rebuild-indexed", "rebuild-catalog", "pointer-before", "pointer-after", "rebuild-committed"} {
		t.Run(step, func(t *testing.T) {
			data := t.TempDir()
			if out, err := lexsearch(t, "", "ingest", "-data", data, "-workers", "1", in).CombinedOutput(); err != nil {
				t.Fatalf("ingest: %v\n%s", err, out)
			}
			runKilled(t, step, "ingest", "-data", data, "-rebuild")
			if got := checkConsistent(t, data, ids); !slices.Equal(got, ids) {
				t.Errorf("after a kill at %s: %d documents, want %d", step, len(got), len(ids))
			}
			if gens, _ := filepath.Glob(filepath.Join(data, "index", "gen-*")); len(gens) != 1 {
				t.Errorf("generations after recovery: %v, want one", gens)
			}
		})
	}
}

// TestKillDuringPrune kills a prune after its catalog records are written
// and before the index follows: the next open deletes the pruned
// documents from the index too.
func TestKillDuringPrune(t *testing.T) {
	in, ids := crashCorpus(t, 9)
	data := t.TempDir()
	if out, err := lexsearch(t, "", "ingest", "-data", data, "-workers", "1", in).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if err := os.RemoveAll(filepath.Join(in, "batch00")); err != nil {
		t.Fatal(err)
	}
	runKilled(t, "catalog-written", "ingest", "-data", data, "-workers", "1", "-prune", in)
	if got := checkConsistent(t, data, nil); len(got) != len(ids)-3 {
		t.Errorf("after a killed prune: %d documents, want %d", len(got), len(ids)-3)
	}
}

// TestMissingIndexKeepsOriginals deletes the index (the README calls it
// rebuildable): serve and ingest rebuild it from the kept documents and
// delete none of them.
func TestMissingIndexKeepsOriginals(t *testing.T) {
	in, ids := crashCorpus(t, 10)
	data := t.TempDir()
	if out, err := lexsearch(t, "", "ingest", "-data", data, "-workers", "1", in).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if err := os.RemoveAll(filepath.Join(data, "index")); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "new.txt"), []byte("A new opinion on Section 230."), 0o644)
	if out, err := lexsearch(t, "", "ingest", "-data", data, "-workers", "1", other).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if got := checkConsistent(t, data, ids); len(got) != len(ids)+1 {
		t.Errorf("%d documents after the index was deleted, want %d", len(got), len(ids)+1)
	}
}

// hanging starts lexsearch stopped at a step, holding the data directory,
// and returns once it is there; the test's cleanup kills it.
func hanging(t *testing.T, step string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := lexsearch(t, "hang:"+step, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	reached := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "fault: hanging at "+step) {
				reached <- true
			}
		}
		close(reached)
	}()
	select {
	case ok := <-reached:
		if !ok {
			t.Fatalf("%s ended before reaching %s", args, step)
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not reach %s in a minute", args, step)
	}
	return cmd
}

func TestSecondWriterFailsAtOnce(t *testing.T) {
	in, ids := crashCorpus(t, 6)
	data := t.TempDir()
	if out, err := lexsearch(t, "", "ingest", "-data", data, "-workers", "1", in).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	t.Run("two rebuilds", func(t *testing.T) {
		first := hanging(t, "rebuild-indexed", "ingest", "-data", data, "-rebuild")
		start := time.Now()
		out, err := lexsearch(t, "", "ingest", "-data", data, "-rebuild").CombinedOutput()
		if err == nil {
			t.Fatalf("a second rebuild ran beside the first:\n%s", out)
		}
		if want := fmt.Sprintf("pid %d (lexsearch ingest)", first.Process.Pid); !strings.Contains(string(out), want) {
			t.Errorf("second rebuild's error does not name the holder (%s):\n%s", want, out)
		}
		if took := time.Since(start); took > 30*time.Second {
			t.Errorf("the second writer waited %s instead of failing at once", took)
		}
		first.Process.Kill()
		first.Wait()
		if got := checkConsistent(t, data, ids); !slices.Equal(got, ids) {
			t.Errorf("after the killed rebuild: %v, want %v", got, ids)
		}
	})
	t.Run("serve during an ingest", func(t *testing.T) {
		other := t.TempDir()
		os.WriteFile(filepath.Join(other, "x.txt"), []byte("another opinion on trafficking"), 0o644)
		ing := hanging(t, "catalog-written", "ingest", "-data", data, "-workers", "1", other)
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		var stdout, stderr syncBuffer
		err := run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-data", data}, func(string) string { return "" },
			strings.NewReader(""), &stdout, &stderr)
		if !errors.Is(err, store.ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", ing.Process.Pid)) {
			t.Errorf("serve during an ingest: %v, want the data directory in use by pid %d", err, ing.Process.Pid)
		}
		ing.Process.Kill()
		ing.Wait()
		// The ingest committed its catalog before the kill: its document
		// is there once the directory is opened again.
		kept, _ := state(t, data)
		if len(kept) != len(ids)+1 {
			t.Errorf("%d documents after the killed ingest, want %d", len(kept), len(ids)+1)
		}
	})
	t.Run("ingest while serve runs", func(t *testing.T) {
		srv := hanging(t, "serving", "serve", "-addr", "127.0.0.1:0", "-data", data)
		out, err := lexsearch(t, "", "ingest", "-data", data, in).CombinedOutput()
		if err == nil {
			t.Fatalf("ingest ran beside serve:\n%s", out)
		}
		for _, want := range []string{fmt.Sprintf("pid %d (lexsearch serve) at http://127.0.0.1:", srv.Process.Pid), "`lexsearch ingest -server http://127.0.0.1:"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("ingest beside serve: error does not say %q:\n%s", want, out)
			}
		}
	})
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// TestServeOriginalsFromTheStore fetches a kept original through a real
// server: the bytes as ingested, found by the id of its content.
func TestServeOriginalsFromTheStore(t *testing.T) {
	base := startServer(t)
	const name = "sherloc-doe-v-twitter-ndcal-2021.txt"
	data, err := fs.ReadFile(corpus.Docs(), name)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(base + "/documents/" + corpus.ContentID(data) + "/original")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !bytes.Equal(got, data) {
		t.Errorf("original: status %d, %d bytes; want 200 and the %d bytes of %s", resp.StatusCode, len(got), len(data), name)
	}
}

// TestReopenInANewProcessKeepsTheIndex ingests twice in two processes:
// the second opens the index the first committed (no rebuild, the same
// generation), and adds to it.
func TestReopenInANewProcessKeepsTheIndex(t *testing.T) {
	in, ids := crashCorpus(t, 4)
	data := t.TempDir()
	if out, err := lexsearch(t, "", "ingest", "-data", data, "-workers", "1", in).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	before, _ := filepath.Glob(filepath.Join(data, "index", "gen-*"))
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "new.txt"), []byte("One more opinion on Section 230."), 0o644)
	out, err := lexsearch(t, "", "ingest", "-data", data, "-workers", "1", other).CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	after, _ := filepath.Glob(filepath.Join(data, "index", "gen-*"))
	if !slices.Equal(before, after) || strings.Contains(string(out), "rebuilding") {
		t.Errorf("the second process rebuilt the index (generations %v, then %v):\n%s", before, after, out)
	}
	if got := checkConsistent(t, data, ids); len(got) != len(ids)+1 {
		t.Errorf("%d documents, want %d", len(got), len(ids)+1)
	}
}
