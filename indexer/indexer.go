package indexer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
	"lexsearch/indexer/extract"
)

// Options tune an Indexer. The zero value works.
type Options struct {
	BatchSize int   // documents per bleve batch
	MaxBytes  int64 // larger files are skipped as too-large
	Workers   int   // files extracted and tagged in parallel
	// FileTimeout bounds the extraction and tagging of one file; a file
	// that takes longer is skipped as "timeout" and the run goes on.
	FileTimeout time.Duration
	// Progress, when set, is called after each file with the number of files
	// done so far, the total, and the file's path. It is called from one
	// goroutine at a time.
	Progress func(done, total int, path string)
	// WorkerCommand, when set, is the command (path, then arguments) that
	// starts an extract worker: a child process serving ServeWorker, in
	// lexsearch `lexsearch extract-worker`. Extraction then runs in up to
	// Workers such processes, each reused across files, so a file that
	// hangs the PDF reader is killed at FileTimeout (skipped as "timeout")
	// and one that makes it allocate without bound is stopped at its
	// memory budget (FileMemory; skipped as "too-large") while the run
	// goes on. Empty means
	// extraction runs in this process, where neither can be stopped.
	// An Indexer with a WorkerCommand must be closed (Close).
	WorkerCommand []string
	// FileMemory caps the memory one extraction may use in a worker. A
	// file gets 256 MiB plus 64 bytes per byte of input, up to this cap,
	// so a 15 KB file that asks for 900 MB is stopped even when the cap is
	// higher.
	FileMemory int64
	// PDFEngine and OCR choose how PDFs are read; see extract.Options.
	PDFEngine string
	OCR       string
}

func (o Options) withDefaults() Options {
	if o.BatchSize <= 0 {
		o.BatchSize = 100 // bleve batches amortise segment creation; 100 opinions is ~10 MB of text
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 64 << 20 // docket exhibits reach tens of MB; past that it is a scan we can't read anyway
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.FileTimeout <= 0 {
		o.FileTimeout = time.Minute // a 500-page opinion extracts in seconds; a minute means the file is pathological
	}
	if o.FileMemory <= 0 {
		// The largest file we read (MaxBytes, 64 MiB) can need many times its
		// size while the PDF reader holds decoded streams; 2 GiB lets it
		// through and still stops a runaway long before a laptop swaps.
		o.FileMemory = 2 << 30
	}
	return o
}

// An Indexer prepares documents and writes them to an index. It is safe for
// concurrent use, but only one Ingest may write to a data directory at a
// time (bleve's lock enforces it across processes).
type Indexer struct {
	logger *slog.Logger
	tagger entity.Tagger
	opts   Options
	pool   *workerPool // nil: extract in this process
}

// New returns an Indexer that logs skipped files to logger. When
// opts.WorkerCommand is set, the caller must Close it.
func New(logger *slog.Logger, opts Options) *Indexer {
	ix := &Indexer{logger: logger, tagger: entity.Default(), opts: opts.withDefaults()}
	if len(ix.opts.WorkerCommand) > 0 {
		ix.pool = newWorkerPool(logger, ix.opts)
	}
	return ix
}

// An Input is a set of files to ingest.
type Input struct {
	FS    fs.FS
	Paths []string // files in FS to read; nil means every file under its root
}

// Mode says how Ingest treats what is already indexed.
type Mode struct {
	// Rebuild builds a new index from the inputs alone, beside the old one,
	// and swaps it in when complete; documents not in the inputs are gone.
	Rebuild bool
	// Prune removes indexed documents that are not in the inputs.
	Prune bool
}

// job is one file to ingest: where to read it and what to call it.
type job struct {
	fsys fs.FS
	src  corpus.Source
}

// outcome is a prepared document or the reason a file was skipped.
type outcome struct {
	src  corpus.Source
	doc  *corpus.Document
	data []byte
	err  error
}

// Ingest reads every input file, prepares it and writes it to the index in
// dataDir, creating the index if there is none. Files that cannot be read
// are skipped with a reason; only a failure of the index or the data
// directory itself, or ctx being done, ends the run with an error.
func (ix *Indexer) Ingest(ctx context.Context, dataDir string, inputs []Input, mode Mode) (Stats, error) {
	start := time.Now()
	var stats Stats
	jobs, err := discover(ctx, inputs)
	if err != nil {
		return stats, err
	}

	live := filepath.Join(dataDir, IndexDir)
	target := live
	fresh := mode.Rebuild
	if _, err := os.Stat(live); errors.Is(err, os.ErrNotExist) {
		fresh = true
	}
	var idx bleve.Index
	if fresh {
		target = live + ".tmp"
		if err := os.RemoveAll(target); err != nil {
			return stats, err
		}
		if err := os.MkdirAll(dataDir, 0o755); err != nil {
			return stats, fmt.Errorf("data directory: %w", err)
		}
		idx, err = createIndex(target)
	} else {
		idx, err = OpenIndex(live)
	}
	if err != nil {
		return stats, err
	}

	seen, err := ix.write(ctx, idx, dataDir, jobs, &stats)
	if ix.pool != nil {
		ix.pool.stopIdle() // no worker processes outlive the run
	}
	if err == nil && mode.Prune && !fresh {
		stats.Pruned, err = prune(ctx, idx, dataDir, seen)
	}
	if cerr := idx.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close index: %w", cerr)
	}
	if err != nil {
		if fresh {
			_ = os.RemoveAll(target) // a broken build never replaces a good index
		}
		return stats, err
	}
	if fresh {
		if err := swap(target, live); err != nil {
			return stats, err
		}
		if err := forgetOthers(dataDir, seen); err != nil {
			return stats, fmt.Errorf("remove files of documents no longer indexed: %w", err)
		}
	}
	stats.Took = time.Since(start)
	return stats, nil
}

// discover lists the files of every input, in order.
func discover(ctx context.Context, inputs []Input) ([]job, error) {
	var jobs []job
	for _, in := range inputs {
		if in.Paths != nil {
			for _, p := range in.Paths {
				jobs = append(jobs, job{in.FS, corpus.Source{ID: corpus.SourceID(p), Path: p, Format: corpus.FormatOf(p), Err: notRegular(in.FS, p)}})
			}
			continue
		}
		err := corpus.Walk(ctx, in.FS, func(src corpus.Source) error {
			jobs = append(jobs, job{in.FS, src})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list files: %w", err)
		}
	}
	return jobs, nil
}

// write prepares the jobs on ix.opts.Workers goroutines and writes the
// documents in batches from this one. It returns the IDs it indexed.
func (ix *Indexer) write(ctx context.Context, idx bleve.Index, dataDir string, jobs []job, stats *Stats) (map[string]bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	todo := make(chan job)
	done := make(chan outcome)
	var wg sync.WaitGroup
	for range ix.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				select {
				case done <- ix.prepareOne(ctx, j):
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(todo)
		for _, j := range jobs {
			select {
			case todo <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()

	seen := make(map[string]bool)
	batch := idx.NewBatch()
	n := 0
	for out := range done {
		n++
		if err := ix.record(ctx, batch, dataDir, out, stats, seen); err != nil {
			return seen, err
		}
		if batch.Size() >= ix.opts.BatchSize {
			if err := idx.Batch(batch); err != nil {
				return seen, fmt.Errorf("write batch: %w", err)
			}
			batch.Reset()
		}
		if ix.opts.Progress != nil {
			ix.opts.Progress(n, len(jobs), out.src.Path)
		}
	}
	if err := ctx.Err(); err != nil {
		return seen, err
	}
	if batch.Size() > 0 {
		if err := idx.Batch(batch); err != nil {
			return seen, fmt.Errorf("write batch: %w", err)
		}
	}
	return seen, nil
}

// record adds one outcome to the batch, or to the skipped files.
func (ix *Indexer) record(ctx context.Context, batch *bleve.Batch, dataDir string, out outcome, stats *Stats, seen map[string]bool) error {
	if out.err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(out.err, errNoWorker) {
			return out.err // no file can be extracted
		}
		reason := ReasonFor(out.err)
		stats.Skipped = append(stats.Skipped, Skip{Path: out.src.Path, Reason: reason, Err: out.err})
		ix.logger.WarnContext(ctx, "skipped file", "path", out.src.Path, "reason", reason, "err", out.err)
		return nil
	}
	if err := keep(dataDir, out.doc, out.data); err != nil {
		return fmt.Errorf("keep %s in %s: %w", out.src.Path, dataDir, err)
	}
	fields, err := indexable(out.doc)
	if err != nil {
		return fmt.Errorf("index %s: %w", out.src.Path, err)
	}
	if err := batch.Index(out.doc.ID, fields); err != nil {
		return fmt.Errorf("index %s: %w", out.src.Path, err)
	}
	seen[out.doc.ID] = true
	stats.Indexed++
	return nil
}

// notRegular says why the named file must not be opened, or nil: a FIFO
// named on the command line would block the run on open.
func notRegular(fsys fs.FS, name string) error {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil // Read reports it, as unreadable
	}
	if t := info.Mode().Type(); !t.IsRegular() && !t.IsDir() {
		return fmt.Errorf("%w: %s", corpus.ErrNotRegular, t)
	}
	return nil
}

// errUnreadable reports a file that could not be read from its folder.
var errUnreadable = errors.New("cannot read file")

// prepareOne reads and prepares one file.
func (ix *Indexer) prepareOne(ctx context.Context, j job) outcome {
	out := outcome{src: j.src}
	if j.src.Err != nil {
		out.err = j.src.Err // found but not readable: never opened (a FIFO would block)
		return out
	}
	if j.src.Format == "" {
		out.err = fmt.Errorf("%w: %s is not PDF, HTML, text or Markdown", extract.ErrUnsupported, filepath.Ext(j.src.Path))
		return out
	}
	out.data, out.err = ix.Read(j.fsys, j.src.Path)
	if out.err != nil {
		return out
	}
	ctx, cancel := context.WithTimeout(ctx, ix.opts.FileTimeout)
	defer cancel()
	out.doc, out.err = ix.Prepare(ctx, j.src, out.data)
	return out
}

// Read reads one file, failing with extract.ErrTooLarge past the size
// limit rather than reading a huge file into memory.
func (ix *Indexer) Read(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errUnreadable, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, ix.opts.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errUnreadable, err)
	}
	if int64(len(data)) > ix.opts.MaxBytes {
		return nil, fmt.Errorf("%w: over %d bytes", extract.ErrTooLarge, ix.opts.MaxBytes)
	}
	return data, nil
}

// prune deletes the indexed documents whose IDs are not in keepIDs.
func prune(ctx context.Context, idx bleve.Index, dataDir string, keepIDs map[string]bool) (int, error) {
	ids, err := allIDs(ctx, idx)
	if err != nil {
		return 0, err
	}
	batch := idx.NewBatch()
	for _, id := range ids {
		if !keepIDs[id] {
			batch.Delete(id)
			if err := forget(dataDir, id); err != nil {
				return 0, fmt.Errorf("prune %s: %w", id, err)
			}
		}
	}
	n := batch.Size()
	if n > 0 {
		if err := idx.Batch(batch); err != nil {
			return 0, fmt.Errorf("prune: %w", err)
		}
	}
	return n, nil
}

// allIDs lists the IDs of every indexed document.
func allIDs(ctx context.Context, idx bleve.Index) ([]string, error) {
	count, err := idx.DocCount()
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(count), 0, false)
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// swap puts the index built at tmp in place of the one at live: the old
// one is renamed aside first, so there is never a moment with a half index
// at live, and removed last.
func swap(tmp, live string) error {
	old := live + ".old"
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Rename(live, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("swap index: %w", err)
	}
	if err := os.Rename(tmp, live); err != nil {
		return fmt.Errorf("swap index: %w", err)
	}
	return os.RemoveAll(old)
}
