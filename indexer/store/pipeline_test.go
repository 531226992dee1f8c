package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// indexedIDs returns the ids a search of the whole index finds, sorted.
func indexedIDs(t *testing.T, s *Store) []string {
	t.Helper()
	res, err := s.Index().Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

// keptIDs returns the ids of the catalog, sorted.
func keptIDs(s *Store) []string {
	var ids []string
	for _, e := range s.Entries() {
		ids = append(ids, e.ID)
	}
	return ids
}

// TestPipelineCommitsEveryBatch commits adds, a replaced source and
// deletions through a pipeline: once it is closed the index holds
// exactly the catalog's documents, the pack emptied by the deletions is
// gone, and Consolidate counts every document written.
func TestPipelineCommitsEveryBatch(t *testing.T) {
	s := openTest(t, t.TempDir(), 2)
	defer s.Close()
	p, err := s.Pipeline(2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pipeline(2); err == nil {
		t.Error("a second pipeline opened beside the first")
	}
	var first []string
	for batch := range 12 {
		b := &Batch{}
		for k := range 10 {
			id := addDoc(b, batch*10+k, "red")
			if batch == 0 {
				first = append(first, id)
			}
		}
		if batch == 5 {
			// Every document of the first batch goes: its pack is emptied.
			for _, id := range first {
				b.Delete(id)
			}
		}
		if err := p.Commit(t.Context(), b); err != nil {
			t.Fatal(err)
		}
	}
	firstPack := filepath.Join(s.dir, PacksDir, fmt.Sprintf("%06d-%012d.pack", 1, 1))
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if s.Len() != 110 {
		t.Errorf("%d documents kept, want 110", s.Len())
	}
	if got, want := indexedIDs(t, s), keptIDs(s); !slices.Equal(got, want) {
		t.Errorf("index and catalog disagree after the pipeline:\nindexed %v\nkept    %v", got, want)
	}
	if _, err := os.Stat(firstPack); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the pack the deletions emptied is still there: %v", err)
	}
	if n := s.written[0] + s.written[1]; n != 120 {
		t.Errorf("the shards counted %d documents written, want 120", n)
	}
	// The store commits synchronously again, and sees what came before.
	b := &Batch{}
	addDoc(b, 1000, "blue")
	if err := s.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Index().DocCount(); n != 111 {
		t.Errorf("%d documents after a synchronous commit, want 111", n)
	}
}

// TestPipelineShardRunsAhead holds shard 1 after its first batch: shard
// 0 still applies the second (the commit is no barrier), and a third
// waits for room (what is in flight is bounded). Released, every batch
// is applied.
func TestPipelineShardRunsAhead(t *testing.T) {
	var mu sync.Mutex
	applied := map[string]int{}
	hold := make(chan struct{})
	reached := make(chan string, 64)
	fault := func(step string) {
		mu.Lock()
		applied[step]++
		n := applied[step]
		mu.Unlock()
		reached <- step + ":" + strconv.Itoa(n)
		if step == "shard-1-applied" && n == 1 {
			<-hold
		}
	}
	s, err := Open(t.Context(), t.TempDir(), Options{Shards: 2, Mapping: testMapping, Fields: testFields, Fault: fault})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Pipeline(2)
	if err != nil {
		t.Fatal(err)
	}
	commit := func(batch int) error {
		b := &Batch{}
		for k := range 10 { // ten ids route to both shards
			addDoc(b, batch*10+k, "red")
		}
		return p.Commit(t.Context(), b)
	}
	for batch := range 2 {
		if err := commit(batch); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, reached, "shard-0-applied:2")
	third := make(chan error, 1)
	go func() { third <- commit(2) }()
	select {
	case err := <-third:
		t.Fatalf("a third batch was taken with two in flight (%v)", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(hold)
	if err := <-third; err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if got := indexedIDs(t, s); len(got) != 30 {
		t.Errorf("%d documents indexed, want 30", len(got))
	}
}

// waitFor waits until the fault hook reports step:n.
func waitFor(t *testing.T, reached chan string, want string) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case got := <-reached:
			if got == want {
				return
			}
		case <-timeout:
			t.Fatalf("never reached %s", want)
		}
	}
}

// failingIndex is a shard whose batches fail once failing is set.
type failingIndex struct {
	shardIndex
	failing atomic.Bool
}

// shardIndex names bleve.Index for embedding (its field would be Index,
// the name of one of its methods).
type shardIndex = bleve.Index

func (f *failingIndex) Batch(b *bleve.Batch) error {
	if f.failing.Load() {
		return errors.New("disk full")
	}
	return f.shardIndex.Batch(b)
}

// TestPipelineShardErrorStopsTheRun: a shard that fails a batch makes
// the pipeline fail and applies no later batch (its sequence number must
// not claim one it lacks); the next Open catches it up from the catalog.
func TestPipelineShardErrorStopsTheRun(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, 2)
	bad := &failingIndex{shardIndex: s.shards[1]}
	s.shards[1] = bad
	written := make(chan bool, 16)
	s.opts.Fault = func(step string) {
		if step == "index-written" {
			written <- true
		}
	}
	p, err := s.Pipeline(1)
	if err != nil {
		t.Fatal(err)
	}
	commit := func(batch int) error {
		b := &Batch{}
		for k := range 10 {
			addDoc(b, batch*10+k, "red")
		}
		return p.Commit(t.Context(), b)
	}
	if err := commit(0); err != nil {
		t.Fatal(err)
	}
	<-written // both shards have the first batch
	first := s.cat.seq
	bad.failing.Store(true)
	var failed error
	for batch := 1; batch < 8 && failed == nil; batch++ {
		failed = commit(batch)
	}
	if failed == nil {
		t.Error("Commit went on after a shard failed")
	}
	bad.failing.Store(false) // the shard would take a later batch: it must not be given one
	if err := commit(9); err == nil {
		t.Error("Commit took a batch after a shard failed")
	}
	if err := p.Close(); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Close: %v, want the shard's error", err)
	}
	kept := keptIDs(s)
	seq, err := shardSeq(bad.shardIndex)
	if err != nil {
		t.Fatal(err)
	}
	if seq != first {
		t.Errorf("the failed shard claims catalog sequence %d, want the %d of the last batch it applied", seq, first)
	}
	s.shards[1] = bad.shardIndex
	s.Close()

	s = openTest(t, dir, 2)
	defer s.Close()
	if got := indexedIDs(t, s); !slices.Equal(got, kept) || len(kept) < 20 {
		t.Errorf("after reopening, the index has %d documents, the catalog %d:\nindexed %v\nkept    %v", len(got), len(kept), got, kept)
	}
}

// TestCommitAfterShardErrorRefused: once a shard could not index a batch
// the catalog holds, Commit (and a Pipeline after one) refuses every
// later batch, whose sequence number would claim the lost one for that
// shard; the documents are kept, and the next Open indexes them.
func TestCommitAfterShardErrorRefused(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, 2)
	bad := &failingIndex{shardIndex: s.shards[1]}
	s.shards[1] = bad
	commit := func(batch int) error {
		b := &Batch{}
		for k := range 10 {
			addDoc(b, batch*10+k, "red")
		}
		return s.Commit(t.Context(), b)
	}
	if err := commit(0); err != nil {
		t.Fatal(err)
	}
	first := s.cat.seq
	bad.failing.Store(true)
	if err := commit(1); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Commit with a failing shard: %v, want its error", err)
	}
	bad.failing.Store(false)
	if err := commit(2); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Commit after a shard failed: %v, want the earlier error", err)
	}
	if _, err := s.Pipeline(1); err == nil {
		t.Error("a Pipeline opened after a shard failed")
	}
	if seq, err := shardSeq(bad.shardIndex); err != nil || seq != first {
		t.Errorf("the failed shard claims catalog sequence %d (%v), want %d", seq, err, first)
	}
	kept := keptIDs(s)
	s.shards[1] = bad.shardIndex
	s.Close()

	s = openTest(t, dir, 2)
	defer s.Close()
	if got := indexedIDs(t, s); !slices.Equal(got, kept) || len(kept) != 20 {
		t.Errorf("after reopening, the index has %d documents, the catalog %d:\nindexed %v\nkept    %v", len(got), len(kept), got, kept)
	}
}

// crashHelperEnv makes the test binary the process that
// TestPipelineCrashShardAhead kills.
const crashHelperEnv = "LEXSEARCH_STORE_CRASH_DIR"

// TestPipelineCrashShardAhead kills a process whose shard 0 has applied
// (and persisted) batch 2 while shard 1 has applied only batch 1, and
// checks that the next Open finds every document of both batches once.
func TestPipelineCrashShardAhead(t *testing.T) {
	if dir := os.Getenv(crashHelperEnv); dir != "" {
		crashShardAhead(dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestPipelineCrashShardAhead$")
	cmd.Env = append(os.Environ(), crashHelperEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("the helper was not killed (%v):\n%s", err, out)
	}
	if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the helper: %v, want death by SIGKILL:\n%s", err, out)
	}

	// The state the kill left: the catalog has two batches, shard 0 both,
	// shard 1 the first.
	p, ok, err := readPointer(dir)
	if err != nil || !ok {
		t.Fatalf("CURRENT: %v, %v", ok, err)
	}
	var seqs []uint64
	for i := range p.Shards {
		idx, err := bleve.Open(p.shardDir(dir, i))
		if err != nil {
			t.Fatal(err)
		}
		seq, err := shardSeq(idx)
		idx.Close()
		if err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, seq)
	}
	if len(seqs) != 2 || seqs[0] <= seqs[1] {
		t.Fatalf("shard sequence numbers %v after the kill; want shard 0 ahead of shard 1", seqs)
	}

	s := openTest(t, dir, 2)
	defer s.Close()
	var want []string
	for n := range 20 {
		want = append(want, fmt.Sprintf("%016x", n))
	}
	if got := keptIDs(s); !slices.Equal(got, want) {
		t.Errorf("catalog after the kill: %v, want the 20 documents of both batches", got)
	}
	if got := indexedIDs(t, s); !slices.Equal(got, want) {
		t.Errorf("index after the kill: %v, want the 20 documents of both batches", got)
	}
}

// crashShardAhead commits two batches through a pipeline, holds shard 1
// after the first, and kills the process once shard 0 has persisted the
// second.
func crashShardAhead(dir string) {
	var mu sync.Mutex
	seen := map[string]int{}
	var s *Store
	fault := func(step string) {
		mu.Lock()
		seen[step]++
		n := seen[step]
		mu.Unlock()
		switch {
		case step == "shard-1-applied" && n == 1:
			select {} // held until the kill
		case step == "shard-0-applied" && n == 2:
			sc, _ := scorchOf(s.shards[0])
			for ok, _ := mergeable(sc); !ok; ok, _ = mergeable(sc) {
				time.Sleep(5 * time.Millisecond)
			}
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	var err error
	s, err = Open(context.Background(), dir, Options{Shards: 2, Mapping: testMapping, Fields: testFields, Fault: fault})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	p, err := s.Pipeline(2)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for batch := range 2 {
		b := &Batch{}
		for k := range 10 {
			addDoc(b, batch*10+k, "red")
		}
		if err := p.Commit(context.Background(), b); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
	}
	time.Sleep(time.Minute)
	os.Exit(4) // never killed
}

// TestPipelineRefusedBatchStopsIt: after a batch the store refuses, the
// pipeline commits nothing more, and says why.
func TestPipelineRefusedBatchStopsIt(t *testing.T) {
	s := openTest(t, t.TempDir(), 2)
	defer s.Close()
	p, err := s.Pipeline(2)
	if err != nil {
		t.Fatal(err)
	}
	b := &Batch{}
	id := addDoc(b, 1, "red")
	if err := p.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	clash := &Batch{}
	clash.Add(id, "another sha", "other.txt", "/src/other.txt", []byte("other"), []byte("{}"), map[string]any{})
	if err := p.Commit(t.Context(), clash); !errors.Is(err, ErrCollision) {
		t.Fatalf("same id, other content: %v, want ErrCollision", err)
	}
	next := &Batch{}
	addDoc(next, 2, "red")
	if err := p.Commit(t.Context(), next); !errors.Is(err, ErrCollision) {
		t.Errorf("the batch after a refused one: %v, want the refusal again", err)
	}
	if err := p.Close(); !errors.Is(err, ErrCollision) {
		t.Errorf("Close: %v, want the refusal", err)
	}
	if got := indexedIDs(t, s); !slices.Equal(got, []string{id}) {
		t.Errorf("indexed %v, want only the first batch's %s", got, id)
	}
}
