package indexer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
	"lexsearch/indexer/extract"
	"lexsearch/indexer/store"
)

// Options tune an Indexer. The zero value works.
type Options struct {
	// BatchBytes bounds the text of one batch: the documents prepared and
	// waiting to be committed are held in memory, so memory is bounded by
	// bytes, whatever the number or size of the files.
	BatchBytes int
	MaxBytes   int64 // larger files are skipped as too-large
	Workers    int   // files extracted and tagged in parallel
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
	// Shards is the number of index shards a new data directory (or a
	// rebuild) gets; 0 means one per CPU.
	Shards int
	// MaxIndexedBytes caps the body text indexed per document; the kept
	// text has all of it.
	MaxIndexedBytes int
	// Command names the process in the data directory's lock file.
	Command string
	// Fault, when set, is called at each step of a write (see
	// store.Options.Fault); tests use it to kill the process there.
	Fault func(step string)
}

func (o Options) withDefaults() Options {
	if o.BatchBytes <= 0 {
		o.BatchBytes = 8 << 20 // see store.Options.BatchBytes: bleve holds about 30 times a batch's text while it writes
	}
	if o.MaxIndexedBytes <= 0 {
		// The phrase and proximity loops and bleve's analysis cost in
		// proportion to a field's text; an exhibit past this is kept whole
		// but indexed only this far.
		o.MaxIndexedBytes = 8 << 20
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

// An Indexer prepares documents and writes them to a data directory. It is
// safe for concurrent use; a data directory has one writer at a time (its
// lock enforces it across processes).
type Indexer struct {
	logger *slog.Logger
	tagger entity.Tagger
	opts   Options
	pool   *workerPool // nil: extract in this process
	// localMax: with a pool, non-PDF files up to this size are extracted
	// in this process (see extractData); negative sends every file to the
	// pool.
	localMax int
	// The fields of the index mapping, for building bleve documents.
	specOnce sync.Once
	spec     *fieldSpecs
	specErr  error
	// parties memoises the normalisation of party names (see fold).
	parties partyNames
}

// New returns an Indexer that logs skipped files to logger. When
// opts.WorkerCommand is set, the caller must Close it.
func New(logger *slog.Logger, opts Options) *Indexer {
	ix := &Indexer{logger: logger, tagger: entity.Default(), opts: opts.withDefaults(), localMax: localMax}
	if len(ix.opts.WorkerCommand) > 0 {
		ix.pool = newWorkerPool(logger, ix.opts)
	}
	return ix
}

// An Input is a set of files to ingest.
type Input struct {
	FS    fs.FS
	Paths []string // files in FS to read; nil means every file under its root
	// Root is the absolute folder FS reads, so a file's source is its
	// absolute path whatever folder was named: `ingest corpus` then
	// `ingest corpus/txt` finds the same sources. Empty for a FS that is
	// not a folder (the embedded corpus, tests): sources are then the
	// paths inside FS.
	Root string
}

// source is the identity of a file of an input: its absolute path, or
// its path in FS when the input has no root.
func (in Input) source(p string) string {
	if in.Root == "" {
		return p
	}
	return filepath.Join(in.Root, filepath.FromSlash(p))
}

// Mode says how Ingest treats what is already indexed.
type Mode struct {
	// Rebuild builds the index anew from the kept documents (their
	// prepared text: no extraction unless PrepareVersion changed) into a
	// new generation, commits it, then ingests the inputs.
	Rebuild bool
	// Prune drops the sources that are gone: files under an input's
	// folder that this run did not find, and absolute paths that no longer
	// exist. A document left with no source is deleted.
	Prune bool
}

// job is one file to ingest: where to read it and what to call it.
type job struct {
	fsys fs.FS
	src  corpus.Source
	key  string // the source's identity (Input.source)
}

// outcome is what became of one file.
type outcome struct {
	job
	id, sha  string
	status   string // Status*
	data     []byte
	prepared []byte
	fields   any
	title    string
	err      error
}

// The statuses of a file.
const (
	StatusCreated   = "created"
	StatusReplaced  = "replaced"
	StatusUnchanged = "unchanged"
	StatusSkipped   = "skipped"
)

// Ingest opens the data directory (taking its lock), ingests the inputs
// into it and closes it. See IngestInto. The index is written for
// throughput (store.Options.Bulk) and, before it closes, the small segments
// of what was written are merged into one per shard (store.Store.Consolidate),
// so the server that opens it next does not merge under its first queries.
func (ix *Indexer) Ingest(ctx context.Context, dataDir string, inputs []Input, mode Mode) (Stats, error) {
	s, err := ix.open(ctx, dataDir, true)
	if err != nil {
		return Stats{}, err
	}
	stats, err := ix.IngestInto(ctx, s, inputs, mode)
	if err == nil {
		// The batches are garbage now: hand their memory back before
		// the merge maps segments in, or the two add up in the peak.
		debug.FreeOSMemory()
		// And collect the merge's garbage sooner than ingest's GOGC
		// (at 400 it grew the heap by 900 MB over 100,000 documents),
		// unless GOGC asks for sooner still.
		gc := debug.SetGCPercent(100)
		if gc < 100 {
			debug.SetGCPercent(gc)
		}
		defer debug.SetGCPercent(gc)
		// The documents are committed whatever happens here: a merge
		// that fails leaves more segments, not fewer documents.
		if cerr := s.Consolidate(ctx); cerr != nil {
			ix.logger.WarnContext(ctx, "index segments left unmerged", "err", cerr)
		}
	}
	if cerr := s.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close data directory: %w", cerr)
	}
	return stats, err
}

// IngestInto reads every input file and adds what is new or changed to
// the store, in batches of about Options.BatchBytes, each made durable
// before the next (the shards write them in a pipeline: every batch is
// searchable when it returns). Unchanged files (same source,
// same content) are not prepared again. Files that cannot be read are
// skipped with a reason; only a failure of the data directory, or ctx
// being done, ends the run with an error, and what was committed before
// stays.
func (ix *Indexer) IngestInto(ctx context.Context, s *store.Store, inputs []Input, mode Mode) (Stats, error) {
	start := time.Now()
	var stats Stats
	if mode.Rebuild {
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		if err := s.Rebuild(ctx, ix.shardsFor(s.Len())); err != nil {
			return stats, fmt.Errorf("rebuild: %w", err)
		}
		stats.Rebuilt = s.Len()
	}
	jobs, err := discover(ctx, inputs)
	if err != nil {
		return stats, err
	}
	if want := ix.shardsFor(len(jobs)); s.Len() == 0 && s.Shards() != want {
		// An empty index is re-created with the shards its first run
		// calls for: a moment's work, before anything is written.
		if err := s.Rebuild(ctx, want); err != nil {
			return stats, fmt.Errorf("create %d shards: %w", want, err)
		}
	}
	seen, err := ix.write(ctx, s, jobs, &stats)
	if ix.pool != nil {
		ix.pool.stopIdle() // no worker processes outlive the run
	}
	if err == nil && mode.Prune {
		stats.Pruned, err = prune(ctx, s, inputs, seen)
	}
	stats.Took = time.Since(start)
	return stats, err
}

// discover lists the files of every input, in order.
func discover(ctx context.Context, inputs []Input) ([]job, error) {
	var jobs []job
	for _, in := range inputs {
		if in.Paths != nil {
			for _, p := range in.Paths {
				jobs = append(jobs, job{in.FS, corpus.Source{ID: corpus.SourceID(p), Path: p, Format: corpus.FormatOf(p), Err: notRegular(in.FS, p)}, in.source(p)})
			}
			continue
		}
		err := corpus.Walk(ctx, in.FS, func(src corpus.Source) error {
			jobs = append(jobs, job{in.FS, src, in.source(src.Path)})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list files: %w", err)
		}
	}
	return jobs, nil
}

// pipelineDepth is how many batches may be durable and not yet written
// by every shard (see store.Pipeline). Each shard's part of a batch takes
// a little more or less time than the other's, so one shard drifts ahead;
// at the bound it waits for the other, the preparers wait for the
// committer, and a core idles. The deeper, the rarer: on lexperf's first
// 20,000 documents (traced, on a machine busy with other work) the cores
// idled with nothing to run 4.0% of the time with Commit's barrier, 1.1
// to 1.2% at depth 2, 0.6% at 4. A shard drops its part of a batch once
// written, so each batch more in flight holds about half a batch.
const pipelineDepth = 4

// write prepares the jobs on ix.opts.Workers goroutines and commits them
// in batches bounded by bytes, through a store.Pipeline: one batch is
// made durable while the next fills and the shards write the ones before.
// Every batch is searchable when it returns. It returns the sources it saw.
func (ix *Indexer) write(ctx context.Context, s *store.Store, jobs []job, stats *Stats) (map[string]bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	todo := make(chan job)
	done := make(chan outcome)
	var wg sync.WaitGroup
	// With extraction in worker processes, a goroutine spends part of each
	// file waiting for its worker and part tagging in this process: twice
	// as many goroutines as worker processes keep both busy (2,000
	// documents on 2 CPUs: 32 s with 2, 20 s with 4, for the same CPU
	// time). The pool still runs at most Workers extractions at once.
	preparers := ix.opts.Workers
	if ix.pool != nil {
		preparers *= 2
	}
	for range preparers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				select {
				case done <- ix.prepareOne(ctx, s, j):
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

	// The committer: one batch made durable while the next fills, and
	// the shards write the batches before in a pipeline (see
	// store.Pipeline: a shard goes on to the next batch while the other
	// still writes this one).
	pipe, err := s.Pipeline(pipelineDepth)
	if err != nil {
		return nil, err
	}
	commits := make(chan *store.Batch, 1)
	commitErr := make(chan error, 1)
	go func() {
		var err error
		for b := range commits {
			if err == nil {
				if err = pipe.Commit(ctx, b); err != nil {
					cancel()
				}
			}
		}
		if cerr := pipe.Close(); err == nil {
			err = cerr
		}
		commitErr <- err
	}()
	finish := func(err error) error {
		close(commits)
		if cerr := <-commitErr; cerr != nil {
			return cerr
		}
		return err
	}

	seen := make(map[string]bool)
	batch := &store.Batch{}
	n := 0
	for out := range done {
		n++
		if err := ix.record(ctx, batch, out, stats, seen); err != nil {
			cancel()
			return seen, finish(err)
		}
		if batch.Bytes() >= ix.opts.BatchBytes {
			select {
			case commits <- batch:
			case <-ctx.Done():
			}
			batch = &store.Batch{}
		}
		if ix.opts.Progress != nil {
			ix.opts.Progress(n, len(jobs), out.src.Path)
		}
	}
	if err := ctx.Err(); err != nil {
		return seen, finish(err)
	}
	if batch.Len() > 0 {
		commits <- batch
	}
	return seen, finish(nil)
}

// record adds one outcome to the batch, or to the skipped files.
func (ix *Indexer) record(ctx context.Context, batch *store.Batch, out outcome, stats *Stats, seen map[string]bool) error {
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
	seen[out.key] = true
	switch {
	case out.status == StatusUnchanged:
		stats.Unchanged++
	case out.fields == nil || batch.Has(out.id):
		// The same content as a kept document (or one earlier in this
		// batch): one more source of it.
		batch.AddSource(out.id, out.key)
		stats.Duplicates++
	default:
		batch.Add(out.id, out.sha, out.src.Path, out.key, out.data, out.prepared, out.fields)
		stats.Indexed++
		if out.status == StatusReplaced {
			stats.Replaced++
		}
	}
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

// prepareOne reads one file and, unless the store already has its
// content, prepares it.
func (ix *Indexer) prepareOne(ctx context.Context, s *store.Store, j job) outcome {
	out := outcome{job: j}
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
	ctx, cancel := ix.fileContext(ctx)
	defer cancel()
	ix.prepareData(ctx, s, &out)
	return out
}

// fileContext bounds the preparation of one file by FileTimeout. With
// worker processes the pool applies it, from the moment a worker takes
// the file (extractData).
func (ix *Indexer) fileContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if ix.pool != nil {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, ix.opts.FileTimeout)
}

// prepareData identifies out.data and, when it is new, prepares it.
func (ix *Indexer) prepareData(ctx context.Context, s *store.Store, out *outcome) {
	out.id, out.sha = ContentID(out.data)
	old, had := s.Lookup(out.key)
	switch {
	case had && old == out.id:
		out.status = StatusUnchanged
		return
	case had:
		out.status = StatusReplaced
	default:
		out.status = StatusCreated
	}
	if e, ok := s.Entry(out.id); ok {
		if e.SHA != out.sha {
			out.err = fmt.Errorf("%w: %s has the id of %s", store.ErrCollision, out.src.Path, e.Name)
		}
		return // kept already, under another source
	}
	src := out.src
	src.ID = out.id
	doc, err := ix.Prepare(ctx, src, out.data)
	if err != nil {
		out.err = err
		return
	}
	out.title = doc.Title
	ents := entitiesJSON(doc.Entities)
	out.prepared = marshalPrepared(doc, ents)
	out.fields, err = ix.indexableEnts(doc, ents)
	if err != nil {
		out.err = fmt.Errorf("%w: %w", extract.ErrMalformed, err)
	}
}

// ContentID returns a document's id (the first 16 hex digits of the
// SHA-256 of its bytes) and the full digest. An id from the content makes
// the same file one document under any name, and an unchanged file
// recognisable without preparing it again.
func ContentID(data []byte) (id, sha string) {
	sum := sha256.Sum256(data)
	sha = hex.EncodeToString(sum[:])
	// corpus.ContentID's id is the first 8 bytes of the same digest:
	// taken from it, not hashed a second time.
	return sha[:16], sha
}

// Read reads one file, failing with extract.ErrTooLarge past the size
// limit rather than reading a huge file into memory.
func (ix *Indexer) Read(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errUnreadable, err)
	}
	defer f.Close()
	// Sized from the file's length: one read instead of io.ReadAll's
	// dozen (a read and a copy at every doubling from 512 bytes).
	size := int64(512)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = min(info.Size(), ix.opts.MaxBytes) + 1 // +1: the read that sees the end
	}
	data, err := extract.ReadAll(io.LimitReader(f, ix.opts.MaxBytes+1), int(size))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errUnreadable, err)
	}
	if int64(len(data)) > ix.opts.MaxBytes {
		return nil, fmt.Errorf("%w: over %d bytes", extract.ErrTooLarge, ix.opts.MaxBytes)
	}
	return data, nil
}

// prune drops the sources that are gone (see Mode.Prune) and returns how
// many documents that deleted.
func prune(ctx context.Context, s *store.Store, inputs []Input, seen map[string]bool) (int, error) {
	var roots []string
	for _, in := range inputs {
		if in.Paths == nil {
			roots = append(roots, in.source("."))
		}
	}
	under := func(src string) bool {
		for _, r := range roots {
			if r == "." || strings.HasPrefix(src, r+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	b := &store.Batch{}
	before := s.Len()
	for _, e := range s.Entries() {
		for _, src := range e.Sources {
			if seen[src] {
				continue
			}
			gone := under(src)
			if !gone && filepath.IsAbs(src) {
				_, err := os.Lstat(src)
				gone = errors.Is(err, fs.ErrNotExist)
			}
			if gone {
				b.DropSource(e.ID, src)
			}
		}
	}
	if b.Len() == 0 {
		return 0, nil
	}
	if err := s.Commit(ctx, b); err != nil {
		return 0, fmt.Errorf("prune: %w", err)
	}
	return before - s.Len(), nil
}
