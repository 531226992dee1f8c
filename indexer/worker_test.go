//go:build unix

package indexer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"lexsearch/corpus"
	"lexsearch/indexer/extract"
)

// testWorkerArg, as the first argument of this test binary, makes it an
// extract worker with faults a test can trigger (faultyExtract) instead
// of a test run: the worker process is the code under test, started the
// way lexsearch starts itself.
const testWorkerArg = "lexsearch-indexer-test-worker"

func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == testWorkerArg {
		w := os.Stdout
		os.Stdout = os.Stderr
		if err := serveWorker(context.Background(), os.Stdin, w, faultyExtract); err != nil {
			fmt.Fprintf(os.Stderr, "lexsearch: %v\n", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

var sink [][]byte

// faultyExtract extracts like a worker does, except for files that start
// with a fault (after a "%PDF-1.4" line, for a file that must pass as a PDF):
//
//	FAULT:hang            loop forever, ignoring ctx (the 611-byte PDF)
//	FAULT:alloc           allocate 900 MB at once, then fill it (the 15 KB PDF)
//	FAULT:grow            allocate and fill 1 MB after 1 MB
//	FAULT:crash           exit the worker with status 7 mid-file
//	FAULT:pid <path>      write the worker's pid to path, then sleep
//	FAULT:err <kind>      fail with the sentinel named kind, wrapped
//	FAULT:print           print to standard output, then succeed
func faultyExtract(ctx context.Context, format string, opts extract.Options, data []byte) (*extract.Result, error) {
	fault, ok := bytes.CutPrefix(bytes.TrimPrefix(data, []byte("%PDF-1.4\n")), []byte("FAULT:"))
	if !ok {
		return extractBytes(ctx, format, opts, data)
	}
	verb, arg, _ := strings.Cut(strings.TrimSpace(string(fault)), " ")
	switch verb {
	case "hang":
		for n := 0; ; n++ {
			if n == -1 {
				break
			}
		}
	case "alloc":
		b := make([]byte, 900<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
			if i%(1<<20) == 0 {
				time.Sleep(time.Millisecond) // gentle on a shared machine: the watcher has time to act
			}
		}
		sink = append(sink, b)
	case "grow":
		for {
			b := make([]byte, 1<<20)
			for i := range b {
				b[i] = 1
			}
			sink = append(sink, b)
			time.Sleep(100 * time.Microsecond)
		}
	case "crash":
		os.Exit(7)
	case "pid":
		if err := os.WriteFile(arg, []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
			return nil, err
		}
		time.Sleep(time.Hour)
	case "err":
		for _, k := range wireKinds {
			if k.name == arg {
				return nil, fmt.Errorf("extract test: %s here: %w", arg, k.err)
			}
		}
		return nil, errors.New("extract test: a plain error")
	case "print":
		fmt.Printf("DEBUG: stray output LEXW1 with no header\n. Skip dict")
		fmt.Println("more stray output")
		return &extract.Result{Pages: []extract.Page{{Number: 1, Text: "printed and survived"}}}, nil
	}
	return nil, fmt.Errorf("unknown fault %q", fault)
}

// newWorkerIndexer returns an Indexer whose workers are this test binary,
// and checks when the test ends that Close leaves no process or goroutine
// behind.
func newWorkerIndexer(t *testing.T, opts Options) *Indexer {
	t.Helper()
	goroutines := runtime.NumGoroutine()
	opts.WorkerCommand = []string{os.Args[0], testWorkerArg}
	ix := New(quiet(), opts)
	ix.localMax = -1 // every file to a worker, where the faults are
	t.Cleanup(func() {
		if err := ix.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
		if kids := children(t); len(kids) > 0 {
			t.Errorf("child processes left after Close (running or unreaped): %v", kids)
		}
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > goroutines {
			t.Errorf("%d goroutines after Close, %d before", n, goroutines)
		}
	})
	return ix
}

// children lists the processes whose parent is this one, zombies
// included, from /proc; nil where there is no /proc.
func children(t *testing.T) []string {
	t.Helper()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var kids []string
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // exited meanwhile
		}
		// pid (comm) state ppid ...; comm may hold spaces and parentheses.
		i := bytes.LastIndexByte(b, ')')
		f := strings.Fields(string(b[i+1:]))
		if len(f) > 1 && f[1] == strconv.Itoa(os.Getpid()) {
			kids = append(kids, string(b[:i+1])+" "+f[0])
		}
	}
	return kids
}

func textSource(path string) corpus.Source {
	return corpus.Source{ID: corpus.SourceID(path), Path: path, Format: corpus.FormatOf(path)}
}

// TestWorkerRoundTrip: what comes back from a worker is what extraction
// in this process gives, results and errors alike, for real files.
func TestWorkerRoundTrip(t *testing.T) {
	local := New(quiet(), Options{})
	remote := newWorkerIndexer(t, Options{Workers: 1})
	files := map[string][]byte{
		"bad.pdf":   []byte("%PDF-1.4\nnot really"),
		"empty.txt": []byte(" \n "),
		"page.html": []byte("<html><head><title>T</title></head><body><p>Section 230 of the Act.</p></body></html>"),
	}
	for _, name := range []string{"docketalarm-gg-v-salesforce-ilnd-2022.txt", "white-paper-combating-online-sex-trafficking-2018.md"} {
		data, err := local.Read(corpus.Docs(), name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	// PDFs, a scan among them, from the extractor's test data when present.
	pdfs, _ := filepath.Glob(filepath.Join("extract", "testdata", "pdf", "*.pdf"))
	for _, p := range pdfs[:min(len(pdfs), 4)] {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = data
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			src := textSource(name)
			want, wantFormat, wantErr := local.Extract(t.Context(), src, data)
			got, gotFormat, gotErr := remote.Extract(t.Context(), src, data)
			if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
				t.Fatalf("error %v, want %v", gotErr, wantErr)
			}
			if gotErr != nil && ReasonFor(gotErr) != ReasonFor(wantErr) {
				t.Errorf("reason %s, want %s", ReasonFor(gotErr), ReasonFor(wantErr))
			}
			if gotFormat != wantFormat || !reflect.DeepEqual(got, want) {
				t.Errorf("result through a worker differs from extraction in process")
			}
		})
	}
}

// TestWorkerErrorsKeepTheirSentinel: every error a caller branches on
// survives the trip, so the skip reason is the same as in process.
func TestWorkerErrorsKeepTheirSentinel(t *testing.T) {
	ix := newWorkerIndexer(t, Options{Workers: 1})
	for _, k := range wireKinds {
		t.Run(k.name, func(t *testing.T) {
			_, err := ix.extractData(t.Context(), "text", extract.Options{}, []byte("FAULT:err "+k.name))
			if !errors.Is(err, k.err) {
				t.Fatalf("error %v does not wrap %v", err, k.err)
			}
			if want := "extract test: " + k.name + " here: " + k.err.Error(); err.Error() != want {
				t.Errorf("message %q, want %q", err, want)
			}
		})
	}
	_, err := ix.extractData(t.Context(), "text", extract.Options{}, []byte("FAULT:err plain"))
	if err == nil || ReasonFor(err) != SkipMalformed {
		t.Errorf("plain error: %v, reason %s; want malformed", err, ReasonFor(err))
	}
	// Unknown formats fail in the worker with ErrUnsupported.
	if _, err := ix.extractData(t.Context(), "docx", extract.Options{}, []byte("PK")); !errors.Is(err, extract.ErrUnsupported) {
		t.Errorf("docx: %v, want ErrUnsupported", err)
	}
	// Stray output on the worker's standard output does not break the stream.
	res, err := ix.extractData(t.Context(), "text", extract.Options{}, []byte("FAULT:print"))
	if err != nil || len(res.Pages) != 1 || res.Pages[0].Text != "printed and survived" {
		t.Errorf("after stray output: %+v, %v", res, err)
	}
}

// ingestFaults ingests files into a new data directory and returns the
// stats, failing the test on a run-level error.
func ingestFaults(t *testing.T, ix *Indexer, files fstest.MapFS) Stats {
	t.Helper()
	stats, err := ix.Ingest(t.Context(), t.TempDir(), []Input{{FS: files}}, Mode{})
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

func skipped(stats Stats) map[string]SkipReason {
	got := map[string]SkipReason{}
	for _, s := range stats.Skipped {
		got[s.Path] = s.Reason
	}
	return got
}

// TestWorkerTimeout: a file that never finishes is killed at the
// per-file deadline and skipped as timeout, and the files after it, in
// the same worker slot, are indexed.
func TestWorkerTimeout(t *testing.T) {
	ix := newWorkerIndexer(t, Options{Workers: 1, FileTimeout: 2 * time.Second})
	start := time.Now()
	stats := ingestFaults(t, ix, fstest.MapFS{
		"a.txt":    {Data: []byte("Plaintiffs sue under 18 U.S.C. § 1595.")},
		"hang.txt": {Data: []byte("FAULT:hang")},
		"z.txt":    {Data: []byte("Section 230 of the Communications Decency Act.")},
	})
	if stats.Indexed != 2 {
		t.Errorf("indexed %d, want 2", stats.Indexed)
	}
	if got, want := skipped(stats), map[string]SkipReason{"hang.txt": SkipTimeout}; !mapsEqual(got, want) {
		t.Errorf("skipped %v, want %v (%+v)", got, want, stats.Skipped)
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("ingest took %s: the hung worker was not killed at its deadline", took)
	}
}

// TestWorkerMemory: a file that allocates far beyond its budget is
// stopped, whether at once (900 MB from a tiny file) or bit by bit, and
// skipped as too-large; the rest of the batch goes on.
func TestWorkerMemory(t *testing.T) {
	ix := newWorkerIndexer(t, Options{Workers: 1, FileMemory: 64 << 20})
	stats := ingestFaults(t, ix, fstest.MapFS{
		"a.txt":     {Data: []byte("Plaintiffs sue under 18 U.S.C. § 1595.")},
		"alloc.txt": {Data: []byte("FAULT:alloc")},
		"grow.txt":  {Data: []byte("FAULT:grow")},
		"z.txt":     {Data: []byte("Section 230 of the Communications Decency Act.")},
	})
	if stats.Indexed != 2 {
		t.Errorf("indexed %d, want 2", stats.Indexed)
	}
	want := map[string]SkipReason{"alloc.txt": SkipTooLarge, "grow.txt": SkipTooLarge}
	if got := skipped(stats); !mapsEqual(got, want) {
		t.Errorf("skipped %v, want %v (%+v)", got, want, stats.Skipped)
	}
	for _, s := range stats.Skipped {
		if !strings.Contains(s.Err.Error(), "64 MiB") {
			t.Errorf("%s: %q does not name the budget", s.Path, s.Err)
		}
	}
}

// TestWorkerRestartsAfterDeath: a worker that crashes mid-file, or is
// killed from outside, costs that file only; the next file gets a new
// worker.
func TestWorkerRestartsAfterDeath(t *testing.T) {
	ix := newWorkerIndexer(t, Options{Workers: 1})
	good := []byte("Section 230 of the Communications Decency Act.")
	src := textSource("good.txt")
	if _, err := ix.Prepare(t.Context(), src, good); err != nil {
		t.Fatal(err)
	}

	_, err := ix.Prepare(t.Context(), textSource("crash.txt"), []byte("FAULT:crash"))
	if ReasonFor(err) != SkipMalformed || !strings.Contains(fmt.Sprint(err), "exit status 7") {
		t.Errorf("crash: %v (%s), want malformed naming exit status 7", err, ReasonFor(err))
	}
	if _, err := ix.Prepare(t.Context(), src, good); err != nil {
		t.Fatalf("after a crash: %v", err)
	}

	pidFile := filepath.Join(t.TempDir(), "pid")
	errc := make(chan error, 1)
	go func() {
		_, err := ix.Prepare(t.Context(), textSource("killed.txt"), []byte("FAULT:pid "+pidFile))
		errc <- err
	}()
	var pid int
	for deadline := time.Now().Add(30 * time.Second); pid == 0; {
		if time.Now().After(deadline) {
			t.Fatal("worker never wrote its pid")
		}
		b, _ := os.ReadFile(pidFile)
		pid, _ = strconv.Atoi(string(b))
		time.Sleep(10 * time.Millisecond)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; ReasonFor(err) != SkipTooLarge || !strings.Contains(err.Error(), "SIGKILL") {
		t.Errorf("killed: %v (%s), want too-large naming SIGKILL", err, ReasonFor(err))
	}
	if _, err := ix.Prepare(t.Context(), src, good); err != nil {
		t.Fatalf("after a kill: %v", err)
	}
}

// TestWorkerOnlyForRisk: with workers, a small text file is extracted in
// this process (the faulty worker never sees it, so its text is indexed as
// written), while a PDF or a text file over the local bound goes to a
// worker (which crashes on it: the file is skipped, the run goes on).
func TestWorkerOnlyForRisk(t *testing.T) {
	ix := newWorkerIndexer(t, Options{Workers: 1})
	ix.localMax = 64
	small := "FAULT:crash but Section 230 decides it."
	stats := ingestFaults(t, ix, fstest.MapFS{
		"small.txt": {Data: []byte(small)},
		"large.txt": {Data: []byte("FAULT:crash " + strings.Repeat("Section 230 decides it. ", 4))},
		"scan.pdf":  {Data: []byte("%PDF-1.4\nFAULT:crash")},
		"z.md":      {Data: []byte("# Notes\n\nFAULT:crash in Markdown.")},
	})
	if stats.Indexed != 2 {
		t.Errorf("indexed %d, want 2 (small.txt, z.md)", stats.Indexed)
	}
	want := map[string]SkipReason{"large.txt": SkipMalformed, "scan.pdf": SkipMalformed}
	if got := skipped(stats); !mapsEqual(got, want) {
		t.Errorf("skipped %v, want %v (%+v)", got, want, stats.Skipped)
	}
	for _, s := range stats.Skipped {
		if !strings.Contains(s.Err.Error(), "exit status 7") {
			t.Errorf("%s: %q, want the worker's crash", s.Path, s.Err)
		}
	}
}

// TestWorkerCannotStart: a worker command that is missing, or is not a
// worker, fails the run instead of skipping every file (a PDF: small text
// files need no worker).
func TestWorkerCannotStart(t *testing.T) {
	for name, command := range map[string][]string{
		"missing":      {filepath.Join(t.TempDir(), "no-such-binary")},
		"not a worker": {os.Args[0], "-test.run=^$"},
	} {
		t.Run(name, func(t *testing.T) {
			ix := New(quiet(), Options{WorkerCommand: command})
			defer ix.Close()
			_, err := ix.Ingest(t.Context(), t.TempDir(), []Input{{FS: fstest.MapFS{"a.pdf": {Data: []byte("%PDF-1.4\ntext")}}}}, Mode{})
			if !errors.Is(err, errNoWorker) {
				t.Errorf("ingest: %v, want errNoWorker", err)
			}
		})
	}
}

// TestWorkerCancel: cancelling the run kills a busy worker at once.
func TestWorkerCancel(t *testing.T) {
	ix := newWorkerIndexer(t, Options{Workers: 1})
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(500*time.Millisecond, cancel)
	start := time.Now()
	_, err := ix.Ingest(ctx, t.TempDir(), []Input{{FS: fstest.MapFS{"hang.txt": {Data: []byte("FAULT:hang")}}}}, Mode{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("ingest: %v, want context.Canceled", err)
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("cancelled ingest took %s", took)
	}
}

func TestMemoryFor(t *testing.T) {
	for _, tc := range []struct {
		size  int
		limit int64
		want  int64
	}{
		{15 << 10, 2 << 30, 256<<20 + 64*15<<10}, // the 15 KB PDF gets ~257 MiB, not 900 MB
		{64 << 20, 2 << 30, 2 << 30},             // the largest file gets the cap
		{0, 64 << 20, 64 << 20},                  // a cap below the floor wins
	} {
		if got := memoryFor(tc.size, tc.limit); got != tc.want {
			t.Errorf("memoryFor(%d, %d) = %d, want %d", tc.size, tc.limit, got, tc.want)
		}
	}
}

// BenchmarkWorkerPDF extracts the extractor's test PDFs as ingest does,
// through a worker process ("worker") and in this process ("process"),
// and reports the CPU time per file of the whole process tree, user and
// system (a number a busy machine does not blur as it does ns/op): the
// difference is what isolation costs per PDF. The worker's CPU is counted
// once it has exited (Close waits for it).
func BenchmarkWorkerPDF(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join("extract", "testdata", "pdf", "*.pdf"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no test PDFs under extract/testdata/pdf: %v", err)
	}
	files := make([][]byte, len(paths))
	for i, p := range paths {
		if files[i], err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
	}
	opts := Options{Workers: 1, OCR: extract.OCRNever} // scans fail fast, as ingest without tesseract
	for _, mode := range []string{"worker", "process"} {
		b.Run(mode, func(b *testing.B) {
			o := opts
			if mode == "worker" {
				o.WorkerCommand = []string{os.Args[0], testWorkerArg}
			}
			ix := New(quiet(), o)
			if mode == "worker" {
				// Start the worker before the clock and the CPU count.
				if _, _, err := ix.Extract(b.Context(), textSource(filepath.Base(paths[0])), files[0]); err != nil && !errors.Is(err, extract.ErrNoText) {
					b.Fatal(err)
				}
			}
			self0, kids0 := cpuTime(syscall.RUSAGE_SELF), cpuTime(syscall.RUSAGE_CHILDREN)
			n := 0
			for b.Loop() {
				for i, data := range files {
					_, _, err := ix.Extract(b.Context(), textSource(filepath.Base(paths[i])), data)
					if err != nil && !errors.Is(err, extract.ErrNoText) {
						b.Fatalf("%s: %v", paths[i], err)
					}
					n++
				}
			}
			b.StopTimer()
			if err := ix.Close(); err != nil {
				b.Fatal(err)
			}
			self, kids := cpuTime(syscall.RUSAGE_SELF)-self0, cpuTime(syscall.RUSAGE_CHILDREN)-kids0
			b.ReportMetric(float64(self+kids)/float64(n), "cpu-ns/file")
			b.ReportMetric(float64(kids)/float64(n), "worker-cpu-ns/file")
		})
	}
}

// cpuTime is the user and system CPU time of who (RUSAGE_SELF, or
// RUSAGE_CHILDREN: the children that have exited and been waited for).
func cpuTime(who int) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestWorkerTextsInBody: page texts travel as the frame's body and come
// back as they were; a text that is not UTF-8 goes in the JSON as before
// (each bad byte a U+FFFD); lengths that do not fit the body are an error,
// not a wrong text.
func TestWorkerTextsInBody(t *testing.T) {
	roundTrip := func(t *testing.T, resp workerResponse) (workerResponse, error) {
		t.Helper()
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := writeFrame(w, resp, resp.moveTexts()); err != nil {
			t.Fatal(err)
		}
		var got workerResponse
		body, err := readFrame(bufio.NewReader(&buf), &got)
		if err != nil {
			t.Fatal(err)
		}
		return got, got.takeTexts(body)
	}
	res := &extract.Result{
		Pages:    []extract.Page{{Number: 1, Text: "Under 47 U.S.C. § 230(c)(1) <b> & \"quoted\"\n\tend"}, {Number: 2}, {Number: 7, Text: "line\u2028separator, ünïcödé"}},
		Meta:     extract.Meta{Title: "Doe v. Twitter", Lang: "en"},
		Sections: []extract.Section{{Page: 7, Offset: 0, Title: "line"}},
	}
	want := *res
	want.Pages = slices.Clone(res.Pages)
	got, err := roundTrip(t, workerResponse{Result: res})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Result, &want) || got.TextLens != nil {
		t.Errorf("round trip gave %+v, want %+v", got.Result, &want)
	}
	if !reflect.DeepEqual(res, &want) {
		t.Errorf("moveTexts changed the worker's result: %+v", res)
	}

	bad := &extract.Result{Pages: []extract.Page{{Number: 1, Text: "fine"}, {Number: 2, Text: "bad \xff\xfe byte"}}}
	got, err = roundTrip(t, workerResponse{Result: bad})
	if err != nil {
		t.Fatal(err)
	}
	if got.Result.Pages[0].Text != "fine" || got.Result.Pages[1].Text != "bad \uFFFD\uFFFD byte" {
		t.Errorf("invalid UTF-8 came back as %+v, want JSON's U+FFFD per bad byte", got.Result.Pages)
	}

	for _, tc := range []struct {
		name string
		lens []int
		body string
	}{
		{"longer than the body", []int{3, 9}, "abcdef"},
		{"negative", []int{-1, 7}, "abcdef"},
		{"body left over", []int{2, 2}, "abcdef"},
		{"a length per page", []int{6}, "abcdef"},
		{"body without lengths", nil, "abcdef"},
	} {
		r := workerResponse{Result: &extract.Result{Pages: []extract.Page{{Number: 1}, {Number: 2}}}, TextLens: tc.lens}
		if err := r.takeTexts([]byte(tc.body)); err == nil {
			t.Errorf("%s: no error, pages %+v", tc.name, r.Result.Pages)
		}
	}
}
