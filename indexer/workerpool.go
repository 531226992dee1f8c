package indexer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"lexsearch/corpus"
	"lexsearch/indexer/extract"
)

// errNoWorker reports that an extract worker could not be started: a
// problem with the installation, not with a file, so it ends the run.
var errNoWorker = errors.New("cannot start extract worker")

// workerStartTimeout bounds how long a new worker may take to say hello.
const workerStartTimeout = 30 * time.Second

// localMax is the size up to which an Indexer with worker processes still
// extracts text, HTML and Markdown files in its own process. Workers exist
// for the PDF reader, which a crafted file can make loop or allocate without
// bound; the other readers take time and memory in proportion to their input
// and are bounded by it. A worker costs a round trip and a copy of the file
// and its text, each way through a pipe, and a second heap that needs
// collecting: not worth it for a reader we trust. Larger files still go to a worker,
// so even a reader that is slower than linear on some input is stopped at
// FileTimeout and FileMemory.
const localMax = 2 << 20

// extractData extracts the text of data, in a worker process when the
// Indexer has a WorkerCommand and the file is a PDF or larger than
// ix.localMax, else in this one.
func (ix *Indexer) extractData(ctx context.Context, format string, opts extract.Options, data []byte) (*extract.Result, error) {
	if ix.pool != nil && format != string(corpus.FormatPDF) && len(data) <= ix.localMax {
		ctx, cancel := context.WithTimeout(ctx, ix.opts.FileTimeout)
		defer cancel()
		return extractLocal(ctx, format, opts, data)
	}
	if ix.pool != nil {
		// The per-file deadline starts once a worker is free: several
		// preparers share the pool (see Indexer.write), and a file queued
		// behind a slow one has not begun.
		return ix.pool.extract(ctx, ix.opts.FileTimeout, format, opts, data)
	}
	return extractBytes(ctx, format, opts, data)
}

// extractLocal is extractBytes in this process for a file that could also
// have gone to a worker: a panic that escapes an extractor fails the file
// as malformed, as it would in the worker, instead of ending the run.
func extractLocal(ctx context.Context, format string, opts extract.Options, data []byte) (res *extract.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, fmt.Errorf("%w: panic: %v", extract.ErrMalformed, v)
		}
	}()
	return extractBytes(ctx, format, opts, data)
}

// Close stops the Indexer's extract workers, if it has any, and waits for
// them to exit. An Indexer made with a WorkerCommand must be closed; after
// Close, Prepare and Extract fail. Close is safe to call more than once.
func (ix *Indexer) Close() error {
	if ix.pool != nil {
		ix.pool.close()
	}
	return nil
}

// memoryFor is the memory budget of extracting a file of n bytes: a floor
// every file gets, plus room in proportion to its size (PDF streams
// inflate, and the reader holds several decoded copies), up to the cap.
// A small file that asks for far more than its size is the signature of a
// decompression bomb or a corrupt length, and is stopped early.
func memoryFor(n int, limit int64) int64 {
	const floor, perByte = 256 << 20, 64
	return min(limit, floor+perByte*int64(n))
}

// A workerPool runs extractions in child processes, at most slots at a
// time, reusing each process for file after file. A process that dies,
// hangs past its file's deadline, or goes over its memory budget is
// discarded, and a new one starts for the next file.
type workerPool struct {
	logger  *slog.Logger
	command []string
	memory  int64 // cap of the per-file memory budget
	slots   chan struct{}

	mu     sync.Mutex
	idle   []*worker
	closed bool
}

func newWorkerPool(logger *slog.Logger, opts Options) *workerPool {
	return &workerPool{
		logger:  logger,
		command: opts.WorkerCommand,
		memory:  opts.FileMemory,
		slots:   make(chan struct{}, opts.Workers),
	}
}

// errClosed reports use of a closed Indexer's workers.
var errClosed = fmt.Errorf("%w: indexer is closed", errNoWorker)

// extract runs one extraction in a worker.
func (p *workerPool) extract(ctx context.Context, timeout time.Duration, format string, opts extract.Options, data []byte) (*extract.Result, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-p.slots }()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	w, err := p.get(ctx)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil { // spent starting a new worker
		p.put(w)
		return nil, fmt.Errorf("extraction not started: %w", err)
	}
	req := workerRequest{Format: format, Options: opts, Memory: memoryFor(len(data), p.memory)}
	if d, ok := ctx.Deadline(); ok {
		req.Timeout = max(time.Until(d), time.Millisecond)
	}
	res, err, reuse := w.extract(ctx, req, data)
	if reuse {
		p.put(w)
	} else {
		w.stop()
	}
	return res, err
}

// get returns an idle worker, or starts one.
func (p *workerPool) get(ctx context.Context) (*worker, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, errClosed
	}
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return w, nil
	}
	p.mu.Unlock()
	return startWorker(ctx, p.logger, p.command)
}

// put returns a worker to the pool, or stops it if the pool is closed.
func (p *workerPool) put(w *worker) {
	p.mu.Lock()
	if !p.closed {
		p.idle = append(p.idle, w)
		w = nil
	}
	p.mu.Unlock()
	if w != nil {
		w.stop()
	}
}

// stopIdle stops the idle workers; later extractions start new ones.
func (p *workerPool) stopIdle() {
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	var wg sync.WaitGroup
	for _, w := range idle {
		wg.Go(w.stop)
	}
	wg.Wait()
}

// close stops the idle workers and makes busy ones stop when their file
// is done.
func (p *workerPool) close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.stopIdle()
}

// A worker is one running worker process.
type worker struct {
	cmd    *exec.Cmd
	stdin  *os.File      // our end of its standard input
	stdout *os.File      // our end of its standard output
	r      *bufio.Reader // frames from stdout
	w      *bufio.Writer // frames to stdin
	stderr *stderrScan
	exited chan struct{} // closed once the process has exited and its stderr is drained
	closer sync.Once
}

// startWorker starts a worker process and waits for its hello.
func startWorker(ctx context.Context, logger *slog.Logger, command []string) (*worker, error) {
	if len(command) == 0 {
		return nil, fmt.Errorf("%w: no command", errNoWorker)
	}
	cmd := exec.Command(command[0], command[1:]...)
	cmd.SysProcAttr = workerProcAttr()
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNoWorker, err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("%w: %w", errNoWorker, err)
	}
	w := &worker{
		cmd:    cmd,
		stdin:  inW,
		stdout: outR,
		r:      bufio.NewReaderSize(outR, 64<<10),
		w:      bufio.NewWriterSize(inW, 64<<10),
		stderr: &stderrScan{logger: logger},
		exited: make(chan struct{}),
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, w.stderr
	cmd.WaitDelay = time.Second // a grandchild holding stderr open cannot stall Wait
	err = cmd.Start()
	inR.Close() // the child's ends: the child has its copies
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, fmt.Errorf("%w: %w", errNoWorker, err)
	}
	go func() {
		_ = cmd.Wait() // the state is in cmd.ProcessState
		close(w.exited)
	}()

	// Starting a worker is not the file's doing: it has its own time
	// limit, and only cancellation of the run stops it early.
	startCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), workerStartTimeout)
	defer cancel()
	stopWatch := context.AfterFunc(ctx, func() {
		if errors.Is(ctx.Err(), context.Canceled) {
			cancel()
		}
	})
	defer stopWatch()
	var hello workerHello
	err = w.roundTrip(startCtx, func() error {
		_, err := readFrame(w.r, &hello)
		return err
	})
	if err == nil && hello.Worker != workerName {
		err = fmt.Errorf("said %q, not %q", hello.Worker, workerName)
	}
	if err != nil {
		w.kill()
		if errors.Is(ctx.Err(), context.Canceled) {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%w: %s: %w%s", errNoWorker, strings.Join(command, " "), err, w.death())
	}
	logger.Debug("started extract worker", "pid", hello.PID)
	return w, nil
}

// extract sends one request and waits for its response, killing the
// worker if ctx ends first. reuse says whether the worker can take another
// file.
func (w *worker) extract(ctx context.Context, req workerRequest, data []byte) (res *extract.Result, err error, reuse bool) {
	var resp workerResponse
	ioErr := w.roundTrip(ctx, func() error {
		if err := writeFrame(w.w, req, data); err != nil {
			return err
		}
		body, err := readFrame(w.r, &resp)
		if err != nil {
			return err
		}
		return resp.takeTexts(body)
	})
	switch {
	case ioErr == nil && resp.Error != nil:
		return nil, resp.Error.err(), !resp.Retire
	case ioErr == nil && resp.Result == nil:
		return nil, fmt.Errorf("%w: extract worker sent no result", extract.ErrMalformed), false
	case ioErr == nil:
		return resp.Result, nil, !resp.Retire
	case errors.Is(ioErr, context.DeadlineExceeded):
		d := req.Timeout.Round(time.Millisecond)
		if d >= time.Second {
			d = d.Round(time.Second)
		}
		return nil, fmt.Errorf("extraction did not finish within %s, worker killed: %w", d, context.DeadlineExceeded), false
	case ctx.Err() != nil:
		return nil, ioErr, false
	}
	// The worker died, or sent garbage: find out how it ended.
	w.kill()
	return nil, w.failure(ioErr, req.Memory), false
}

// roundTrip runs fn, which talks to the worker, and kills the worker if
// ctx ends first. Killing it closes the pipes, so fn always returns.
func (w *worker) roundTrip(ctx context.Context, fn func() error) error {
	errc := make(chan error, 1)
	go func() { errc <- fn() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		w.kill()
		<-errc
		return ctx.Err()
	}
}

// failure says why a worker stopped answering, once it has exited:
// too large when it went over its memory budget (our watcher's exit
// status, the Go runtime's "out of memory", or a SIGKILL we did not send,
// which on Linux is the kernel's out-of-memory killer), else malformed:
// whatever crashed it was in this file.
func (w *worker) failure(ioErr error, budget int64) error {
	st := w.cmd.ProcessState
	switch {
	case st != nil && st.ExitCode() == exitOverMemory:
		return fmt.Errorf("%w: extraction used more than its %s memory budget (worker stopped)", extract.ErrTooLarge, formatBytes(budget))
	case w.stderr.outOfMemory():
		return fmt.Errorf("%w: extraction ran out of its %s memory budget (worker died: %s)", extract.ErrTooLarge, formatBytes(budget), w.stderr.firstFatal())
	case st != nil && killedBySIGKILL(st):
		return fmt.Errorf("%w: extract worker was killed (SIGKILL), most likely by the kernel's out-of-memory killer", extract.ErrTooLarge)
	}
	return fmt.Errorf("%w: extract worker failed: %w%s", extract.ErrMalformed, ioErr, w.death())
}

// death describes how the worker process ended, for an error message.
func (w *worker) death() string {
	<-w.exited
	var b strings.Builder
	if st := w.cmd.ProcessState; st != nil {
		fmt.Fprintf(&b, " (%s", st)
		if f := w.stderr.firstFatal(); f != "" {
			fmt.Fprintf(&b, ": %s", f)
		}
		b.WriteString(")")
	}
	return b.String()
}

// kill kills the worker and waits for it to exit.
func (w *worker) kill() {
	killWorker(w.cmd)
	w.closePipes()
	<-w.exited
}

// stop asks the worker to exit by closing its input, and kills it if it
// does not within a second.
func (w *worker) stop() {
	w.closePipes()
	select {
	case <-w.exited:
	case <-time.After(time.Second):
		w.kill()
	}
}

func (w *worker) closePipes() {
	w.closer.Do(func() {
		w.stdin.Close()
		w.stdout.Close()
	})
}

func killedBySIGKILL(st *os.ProcessState) bool {
	ws, ok := st.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// stderrScan reads a worker's standard error: it keeps the first line of
// a crash report for the skip message, notes an out-of-memory death, and
// logs anything else at debug level (the PDF reader prints diagnostics).
type stderrScan struct {
	logger *slog.Logger

	mu    sync.Mutex
	buf   []byte
	fatal string
	oom   bool
}

func (s *stderrScan) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf = append(s.buf, p...)
	for {
		i := bytes.IndexByte(s.buf, '\n')
		if i < 0 {
			if len(s.buf) > 4096 { // a runaway line: judge what we have
				s.line(string(s.buf))
				s.buf = s.buf[:0]
			}
			return len(p), nil
		}
		s.line(string(s.buf[:i]))
		s.buf = s.buf[i+1:]
	}
}

func (s *stderrScan) line(l string) {
	if strings.Contains(l, "out of memory") || strings.Contains(l, "cannot allocate memory") {
		s.oom = true
	}
	if s.fatal == "" && (strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "panic:") ||
		strings.HasPrefix(l, "runtime:") || strings.HasPrefix(l, "lexsearch:")) {
		s.fatal = l
		return
	}
	if s.logger != nil && l != "" && s.fatal == "" {
		s.logger.Debug("extract worker", "stderr", l)
	}
}

func (s *stderrScan) outOfMemory() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.oom
}

func (s *stderrScan) firstFatal() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fatal
}

// formatBytes writes n in MiB or GiB.
func formatBytes(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}
