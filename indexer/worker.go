package indexer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"lexsearch/indexer/extract"
)

// The extract worker protocol. A worker is a child process (in lexsearch,
// the binary itself run as `lexsearch extract-worker`) that extracts one
// file at a time for its parent, for as many files as the parent sends:
// a file that hangs the PDF reader or makes it allocate without bound then
// costs a child process, not the ingest run. The parent lives in
// workerpool.go.
//
// Both directions are frames: a header line
//
//	LEXW1 <meta bytes> <body bytes>\n
//
// then the meta JSON and the body bytes. The worker says hello first
// (workerHello, no body); then each request is a workerRequest with the
// file as its body, and each response a workerResponse with the text of
// its pages as its body (TextLens; JSON's escaping and unescaping of the
// text cost more than the rest of the round trip). A
// reader skips anything before the "LEXW1 " magic, so stray output from a
// library that prints to standard output cannot desynchronise the stream.

const (
	frameMagic = "LEXW1 "
	// maxFrame bounds one frame: far above a 64 MiB file or its text,
	// low enough that a corrupt header cannot make us allocate the world.
	maxFrame = 1 << 31
	// workerName is the hello a worker sends; the parent checks it, so a
	// WorkerCommand that is not a worker fails at once instead of failing
	// every file.
	workerName = "lexsearch-extract-worker"
	// exitOverMemory is the exit status of a worker whose extraction went
	// over its memory budget (Go itself exits 2 on a fatal error).
	exitOverMemory = 3
	// retireAbove is the Go memory (heap, stacks, metadata) past which a
	// worker asks to be replaced after answering: the runtime keeps the
	// address space of a big file reserved, which would both hold memory
	// and loosen the address-space limit for the files after it.
	retireAbove = 512 << 20
	// workerGCPercent is the worker's GOGC. A PDF's live heap is a few
	// MB and nearly all it allocates is garbage at the end of the file,
	// so at the default of 100 the collector ran several times per file
	// (about a fifth of a worker's CPU, with its preemptions); at 400 a
	// worker peaks near 50 MB on generated PDFs instead of 30 MB. The
	// memory budget of a file still holds: limitMemory's SetMemoryLimit
	// makes the collector run whenever the heap nears it.
	workerGCPercent = 400
)

// workerHello is the first frame a worker writes.
type workerHello struct {
	Worker string `json:"worker"`
	PID    int    `json:"pid"`
}

// workerRequest asks a worker to extract the frame's body.
type workerRequest struct {
	Format  string          `json:"format"`
	Options extract.Options `json:"options"`
	// Timeout bounds the extraction inside the worker, so an extractor
	// that honours its context answers "timeout" without being killed;
	// the parent kills the worker at the same deadline regardless.
	Timeout time.Duration `json:"timeout,omitempty"`
	// Memory is the budget of this extraction in bytes; 0 means none.
	Memory int64 `json:"memory,omitempty"`
}

// workerResponse is the result of one request.
type workerResponse struct {
	Result *extract.Result `json:"result,omitempty"`
	Error  *wireError      `json:"error,omitempty"`
	// Retire asks the parent to stop this worker rather than reuse it.
	Retire bool `json:"retire,omitempty"`
	// TextLens, when set, are the byte lengths of the texts of
	// Result.Pages, which are then empty in the JSON and follow it, one
	// after another, as the frame's body.
	TextLens []int `json:"text_lens,omitempty"`
}

// moveTexts takes the page texts out of r's result and returns them as
// a frame body, their lengths in r.TextLens. A text that is not valid
// UTF-8 stays in the JSON, and so do the others of its result: JSON
// writes each bad byte as U+FFFD, and the parent gets what it always got.
func (r *workerResponse) moveTexts() []byte {
	if r.Result == nil || len(r.Result.Pages) == 0 {
		return nil
	}
	n := 0
	for _, p := range r.Result.Pages {
		if !utf8.ValidString(p.Text) {
			return nil
		}
		n += len(p.Text)
	}
	body := make([]byte, 0, n)
	res := *r.Result
	res.Pages = slices.Clone(res.Pages)
	r.TextLens = make([]int, len(res.Pages))
	for i, p := range res.Pages {
		body = append(body, p.Text...)
		r.TextLens[i] = len(p.Text)
		res.Pages[i].Text = ""
	}
	r.Result = &res
	return body
}

// takeTexts puts the page texts that came as the frame's body back into
// r's result: the inverse of moveTexts.
func (r *workerResponse) takeTexts(body []byte) error {
	if r.TextLens == nil {
		if len(body) > 0 {
			return fmt.Errorf("bad response: %d bytes of body and no text lengths", len(body))
		}
		return nil
	}
	if r.Result == nil || len(r.TextLens) != len(r.Result.Pages) {
		return fmt.Errorf("bad response: %d text lengths for its pages", len(r.TextLens))
	}
	text, off := string(body), 0
	for i, n := range r.TextLens {
		if n < 0 || n > len(text)-off {
			return fmt.Errorf("bad response: text lengths do not add up to its %d bytes", len(body))
		}
		r.Result.Pages[i].Text = text[off : off+n]
		off += n
	}
	if off != len(text) {
		return fmt.Errorf("bad response: text lengths do not add up to its %d bytes", len(body))
	}
	r.TextLens = nil
	return nil
}

// wireError is an error that crossed the process boundary: its message,
// and the name of the sentinel it wrapped, so errors.Is, and so
// ReasonFor, give the same answer on both sides.
type wireError struct {
	Kind    string `json:"kind,omitempty"`
	Message string `json:"message"`
}

// wireKinds names the errors that survive the trip, in ReasonFor's order
// of precedence.
var wireKinds = []struct {
	name string
	err  error
}{
	{"unsupported", extract.ErrUnsupported},
	{"too-large", extract.ErrTooLarge},
	{"encrypted", extract.ErrEncrypted},
	{"binary", extract.ErrBinary},
	{"no-text", extract.ErrNoText},
	{"empty", extract.ErrEmpty},
	{"timeout", context.DeadlineExceeded},
	{"malformed", extract.ErrMalformed},
}

func toWire(err error) *wireError {
	w := &wireError{Message: err.Error()}
	for _, k := range wireKinds {
		if errors.Is(err, k.err) {
			w.Kind = k.name
			break
		}
	}
	return w
}

func (w *wireError) err() error {
	e := &remoteError{msg: w.Message}
	for _, k := range wireKinds {
		if k.name == w.Kind {
			e.kind = k.err
		}
	}
	return e
}

// remoteError is an error returned by a worker: the same text as in the
// worker, unwrapping to the same sentinel.
type remoteError struct {
	msg  string
	kind error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.kind }

// writeFrame writes one frame and flushes it.
func writeFrame(w *bufio.Writer, meta any, body []byte) error {
	m, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "%s%d %d\n", frameMagic, len(m), len(body)); err != nil {
		return err
	}
	if _, err := w.Write(m); err != nil {
		return err
	}
	if _, err := w.Write(body); err != nil {
		return err
	}
	return w.Flush()
}

// readFrame reads the next frame into meta and returns its body. It
// returns io.EOF only at a clean end of stream, between frames.
func readFrame(r *bufio.Reader, meta any) ([]byte, error) {
	for {
		line, err := r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			continue // a long line of stray output
		}
		if err != nil {
			if errors.Is(err, io.EOF) && len(line) > 0 {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		i := bytes.Index(line, []byte(frameMagic))
		if i < 0 {
			continue // stray output
		}
		fields := strings.Fields(string(line[i+len(frameMagic):]))
		if len(fields) != 2 {
			return nil, fmt.Errorf("bad frame header %q", line[i:])
		}
		mlen, err1 := strconv.ParseInt(fields[0], 10, 64)
		blen, err2 := strconv.ParseInt(fields[1], 10, 64)
		if err1 != nil || err2 != nil || mlen < 0 || blen < 0 || mlen+blen > maxFrame {
			return nil, fmt.Errorf("bad frame header %q", line[i:])
		}
		buf := make([]byte, mlen+blen)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, fmt.Errorf("read frame: %w", noEOF(err))
		}
		if err := json.Unmarshal(buf[:mlen], meta); err != nil {
			return nil, fmt.Errorf("decode frame: %w", err)
		}
		return buf[mlen:], nil
	}
}

// noEOF turns io.EOF, which means "no more frames", into
// io.ErrUnexpectedEOF inside a frame.
func noEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// extractFunc extracts one file; the worker calls it for each request.
type extractFunc func(ctx context.Context, format string, opts extract.Options, data []byte) (*extract.Result, error)

// extractBytes is the extraction a worker does: the extractor for the
// format, over the file's bytes.
func extractBytes(ctx context.Context, format string, opts extract.Options, data []byte) (*extract.Result, error) {
	ex, err := extract.ForFormat(format, opts)
	if err != nil {
		return nil, err
	}
	return ex.Extract(ctx, bytes.NewBuffer(data)) // read in place (see extract's readAtMost)
}

// ServeWorker is the whole of an extract worker process: it reads
// extraction requests from r and writes the results to w until r ends
// (the parent closed it; ServeWorker then returns nil) or ctx is done.
// Start it through Options.WorkerCommand, never call it in a process that
// does anything else: for each file it sets process-wide memory limits
// (the address-space rlimit on Linux, the Go runtime's soft limit) and it
// exits the process with status 3 when an extraction goes over its memory
// budget.
//
// Nothing else may write to w. Libraries that print to os.Stdout (the PDF
// reader does) must be pointed elsewhere when w is standard output; the
// framing skips stray bytes between frames, but not inside one.
func ServeWorker(ctx context.Context, r io.Reader, w io.Writer) error {
	return serveWorker(ctx, r, w, extractBytes)
}

func serveWorker(ctx context.Context, r io.Reader, w io.Writer, ex extractFunc) error {
	debug.SetGCPercent(workerGCPercent)
	done := make(chan error, 1)
	// A blocked read of r cannot be interrupted; when ctx ends first this
	// goroutine is left to the process's exit.
	go func() { done <- serveFrames(ctx, bufio.NewReader(r), bufio.NewWriter(w), ex) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func serveFrames(ctx context.Context, r *bufio.Reader, w *bufio.Writer, ex extractFunc) error {
	base := restingHeap()
	if err := writeFrame(w, workerHello{Worker: workerName, PID: os.Getpid()}, nil); err != nil {
		return fmt.Errorf("extract worker: %w", err)
	}
	for {
		var req workerRequest
		data, err := readFrame(r, &req)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("extract worker: %w", err)
		}
		resp := serveOne(ctx, req, data, base, ex)
		if err := writeFrame(w, resp, resp.moveTexts()); err != nil {
			return fmt.Errorf("extract worker: %w", err)
		}
	}
}

// serveOne extracts one file under the request's time and memory limits;
// base is the worker's resting heap (restingHeap), which the file's
// memory budget comes on top of.
func serveOne(ctx context.Context, req workerRequest, data []byte, base uint64, ex extractFunc) (resp workerResponse) {
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, req.Timeout)
		defer cancel()
	}
	if req.Memory > 0 {
		stop, err := limitMemory(base, req.Memory)
		if err != nil {
			return workerResponse{Error: toWire(fmt.Errorf("extract worker: set memory limit: %w", err))}
		}
		defer stop()
	}
	defer func() {
		// Extractors stop third-party panics at their adapter; one that
		// gets through is still this file's fault, not the worker's.
		if v := recover(); v != nil {
			resp = workerResponse{Error: toWire(fmt.Errorf("%w: panic: %v", extract.ErrMalformed, v))}
		}
		resp.Retire = goMemory() > retireAbove
	}()
	res, err := ex(ctx, req.Format, req.Options, data)
	if err != nil {
		return workerResponse{Error: toWire(err)}
	}
	return workerResponse{Result: res}
}

// restingHeap collects the garbage of the worker's start-up and returns
// the heap it holds between files: the tables of the packages in the
// binary and the protocol's buffers. A worker keeps nothing of one file
// for the next (what the extractors build once, such as standard font
// metrics, is kilobytes), so this one measure, taken before the first
// file, is the floor that each file's budget comes on top of. Taking it
// again before every file cost a full collection per file: about a
// third of a worker's CPU on small PDFs.
func restingHeap() uint64 {
	runtime.GC()
	return heapInUse()
}

// limitMemory bounds what the extraction of one file may use to budget
// bytes beyond the worker's resting heap base, and returns the function
// that lifts the bound. Three layers, from hard to soft:
//
//   - on Linux, RLIMIT_AS: an allocation that would take the address
//     space past the bound fails at once and the Go runtime dies with
//     "out of memory", so a small file that asks for 900 MB never gets
//     it. (Skipped under the race detector, whose shadow memory needs far
//     more address space than the heap.)
//   - a watcher that samples the Go heap every few milliseconds and exits
//     with exitOverMemory when it is over the budget: it catches growth
//     into address space the runtime reserved for an earlier file, which
//     the rlimit cannot see, and is the only bound where there is no
//     rlimit. The sample counts garbage not yet swept (earlier files'
//     included), so before judging, the watcher collects and samples
//     again: only live memory over the budget stops a file.
//   - debug.SetMemoryLimit, so the collector works harder before either
//     of the above fires on a file that is merely big.
func limitMemory(base uint64, budget int64) (stop func(), err error) {
	limit := base + uint64(budget)
	liftAS, err := limitAddressSpace(budget)
	if err != nil {
		return nil, err
	}
	debug.SetMemoryLimit(int64(min(limit, math.MaxInt64)))
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				if heapInUse() > limit && liveOver(limit) {
					os.Exit(exitOverMemory)
				}
			}
		}
	}()
	return func() {
		close(quit)
		wg.Wait()
		debug.SetMemoryLimit(math.MaxInt64)
		liftAS()
	}, nil
}

// liveOver reports whether the live heap, after a full collection, is
// over limit bytes.
func liveOver(limit uint64) bool {
	runtime.GC()
	return heapInUse() > limit
}

// heapInUse is the memory of live and not yet swept heap objects and of
// goroutine stacks (a deep recursion grows stacks, not the heap).
func heapInUse() uint64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/stacks:bytes"},
	}
	metrics.Read(s)
	var n uint64
	for _, v := range s {
		if v.Value.Kind() == metrics.KindUint64 {
			n += v.Value.Uint64()
		}
	}
	return n
}

// goMemory is all the memory the Go runtime has mapped and not returned.
func goMemory() uint64 {
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}

// sanitized reports whether the binary runs under the race detector or
// a sanitizer, whose shadow memory makes an address-space limit useless.
func sanitized() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if (s.Key == "-race" || s.Key == "-msan" || s.Key == "-asan") && s.Value == "true" {
			return true
		}
	}
	return false
}
