package store

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bolterrors "go.etcd.io/bbolt/errors"
)

// ErrCollision reports two different files with the same document id (the
// first 64 bits of their SHA-256 agree): the second is not indexed.
var ErrCollision = errors.New("document id collision: a different file already has this id")

// ErrOldLayout reports a data directory written by a lexsearch from before
// generations and the catalog.
var ErrOldLayout = errors.New("the data directory has the layout of an older lexsearch (index/, no CURRENT); move it aside and ingest the documents again")

// Options configure Open.
type Options struct {
	// Command names the process in the lock file, e.g. "lexsearch serve".
	Command string
	// Shards is the number of index shards of a new generation; 0 means
	// one per CPU. An existing generation keeps the count it was built
	// with until a rebuild.
	Shards int
	// Mapping builds the index mapping of new shards.
	Mapping func() (mapping.IndexMapping, error)
	// Fields returns what to index for a kept document, from its kept
	// prepared text, and roughly how many bytes of text that is (for
	// sizing batches): used to bring shards up to the catalog on open and
	// to rebuild. It is called from several goroutines. Fields that are a
	// Documenter are indexed as the document they build, others through
	// the mapping.
	Fields func(ctx context.Context, s *Store, e Entry) (fields any, size int, err error)
	// BatchBytes bounds the text of one shard batch in a rebuild.
	BatchBytes int
	// Fault, when set, is called at each step of a write with the step's
	// name; tests make it kill the process to check recovery.
	Fault func(step string)
	// Logger reports recovery.
	Logger *slog.Logger
	// Bulk tunes the shards for a writer that adds many documents in
	// large batches and then closes (lexsearch ingest), rather than a
	// server's trickle of small ones: bleve then merges a shard's
	// segments less often while it writes (see bulkFloorSegmentSize),
	// and Consolidate merges them once at the end.
	Bulk bool
	// MoveOldLayout, when set, is called (with the lock held) on a data
	// directory with the layout of an older lexsearch, to move its parts
	// out of the way; Open then carries on as in a new directory. Without
	// it, such a directory fails with ErrOldLayout.
	MoveOldLayout func(dir string) error
}

// A Store is an open data directory. It holds the directory's lock until
// Close.
type Store struct {
	dir  string
	opts Options
	lock *os.File

	mu     sync.Mutex // serialises writes
	stateM sync.RWMutex
	// pipe is the open Pipeline, if any; applying counts its batches
	// durable and not yet applied by every shard (Add under mu).
	pipe     *Pipeline
	applying sync.WaitGroup
	// lagging is set (under mu) when a shard could not index a batch
	// the catalog holds: a later batch's sequence number would then
	// claim it for that shard, so nothing more is committed until the
	// directory is opened again, and Open catches the shard up.
	lagging error
	cat     *catalog
	cur     pointer
	shards  []bleve.Index
	// written counts the documents this Store indexed into each shard
	// of the live generation (see Consolidate).
	written []int
	alias   bleve.IndexAlias
	// mapping is what Index reports: the alias knows no mapping of its
	// own once it has several indexes.
	mapping mapping.IndexMapping
}

// Open locks the data directory dir (creating it if needed) and opens it,
// recovering from whatever an interrupted writer left: see the package doc.
func Open(ctx context.Context, dir string, opts Options) (*Store, error) {
	if opts.Shards <= 0 {
		opts.Shards = runtime.GOMAXPROCS(0)
	}
	if opts.BatchBytes <= 0 {
		// bleve holds some 30 times a batch's text while it analyses and
		// builds the segment: 8 MiB amortises segment creation (about 500
		// opinions) and keeps that under 300 MB.
		opts.BatchBytes = 8 << 20
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Mapping == nil || opts.Fields == nil {
		return nil, errors.New("store: Options.Mapping and Options.Fields are required")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	lock, err := lockFile(filepath.Join(dir, "LOCK"), opts.Command)
	if err != nil {
		return nil, fmt.Errorf("data directory %s: %w", dir, err)
	}
	s := &Store{dir: dir, opts: opts, lock: lock}
	// The mapping first: building it registers the analysis components
	// (custom token filters) the shards name, without which they will not
	// open.
	m, err := opts.Mapping()
	if err != nil {
		unlockFile(lock)
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	s.mapping = m
	if err := s.open(ctx); err != nil {
		s.closeShards()
		if s.cat != nil {
			s.cat.close()
		}
		unlockFile(lock)
		return nil, err
	}
	return s, nil
}

func (s *Store) open(ctx context.Context) error {
	p, ok, err := readPointer(s.dir)
	if err != nil {
		return err
	}
	if err := s.dropIndexLink(); err != nil {
		return err
	}
	if !ok {
		// The first layout's index/ was one bleve index; today's holds
		// generations.
		_, errIndex := os.Stat(filepath.Join(s.dir, IndexDir, "index_meta.json"))
		_, errText := os.Stat(filepath.Join(s.dir, TextDir))
		if errIndex == nil || errText == nil {
			if s.opts.MoveOldLayout == nil {
				return ErrOldLayout
			}
			if err := s.opts.MoveOldLayout(s.dir); err != nil {
				return err
			}
		}
		// Nothing was ever committed here: whatever lies about is the
		// debris of a first run killed before its first commit.
		if err := s.removeStray(pointer{}); err != nil {
			return err
		}
		p = pointer{Format: formatVersion, Generation: 1, Shards: s.opts.Shards}
		if err := s.createShards(p); err != nil {
			return err
		}
		if err := writeFileSync(p.catalogPath(s.dir), nil); err != nil {
			return err
		}
		if err := s.writePointer(p); err != nil {
			return err
		}
		s.closeShards()
	}
	if err := s.moveIntoIndexDir(p); err != nil {
		return err
	}
	if err := s.removeStray(p); err != nil {
		return err
	}
	s.cur = p
	if s.cat, err = loadCatalog(p.catalogPath(s.dir)); err != nil {
		return err
	}
	if err := s.removePacks(); err != nil {
		return err
	}
	if err := s.openShards(p); err != nil {
		if errors.Is(err, errInUse) {
			return err
		}
		s.opts.Logger.Warn("index will not open; rebuilding it from the kept documents", "err", err)
		s.closeShards()
		return s.rebuild(ctx, p.Shards)
	}
	if err := s.catchUp(ctx); err != nil {
		return err
	}
	return s.compact()
}

// compactSlack is how many more records than four per source the catalog
// may hold before Open compacts it: a server adding and deleting
// documents for months appends without end, and Open replays it all.
const compactSlack = 4096

// compact rewrites a catalog that has grown far past the documents it
// describes as one record per source. The shards are renumbered first,
// then CURRENT names the new catalog: a crash between leaves shards
// behind the old catalog, which Open catches up (idempotently), never
// ahead of it.
func (s *Store) compact() error {
	if len(s.cat.ids) <= 4*len(s.cat.bySrc)+compactSlack {
		return nil
	}
	next := s.cur
	next.Compacted++
	path := next.catalogPath(s.dir)
	if err := writeFileSync(path, nil); err != nil {
		return err
	}
	cat, err := loadCatalog(path)
	if err != nil {
		return err
	}
	if recs := s.cat.snapshot(); len(recs) > 0 {
		if err := cat.append(recs); err != nil {
			cat.close()
			return err
		}
	}
	s.fault("compact-catalog")
	seq := []byte(strconv.FormatUint(cat.seq, 10))
	for i, sh := range s.shards {
		if err := sh.SetInternal(seqKey, seq); err != nil {
			cat.close()
			return fmt.Errorf("index shard %d: %w", i, err)
		}
	}
	s.fault("compact-shards")
	if err := s.writePointer(next); err != nil {
		cat.close()
		return err
	}
	old := s.cur.catalogPath(s.dir)
	s.cat.close()
	s.cat, s.cur = cat, next
	s.opts.Logger.Info("compacted the catalog", "records", len(cat.ids))
	return ignoreMissing(os.Remove(old))
}

var errInUse = errors.New("index is open in another process")

// removeStray deletes generations and catalogs other than p's: what an
// interrupted rebuild or first run left. Generations beside CURRENT are
// all stray: the live one was moved into IndexDir (moveIntoIndexDir).
func (s *Store) removeStray(p pointer) error {
	keepGen, keepCat := p.genName(), filepath.Base(p.catalogPath(s.dir))
	for _, d := range []string{s.dir, filepath.Join(s.dir, IndexDir)} {
		entries, err := os.ReadDir(d)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		top := d == s.dir
		for _, e := range entries {
			n := e.Name()
			stray := strings.HasPrefix(n, "gen-") && (top || n != keepGen) ||
				top && strings.HasPrefix(n, "catalog-") && n != keepCat ||
				strings.HasSuffix(n, ".tmp")
			if stray {
				rel, _ := filepath.Rel(s.dir, filepath.Join(d, n))
				s.opts.Logger.Info("removing what an interrupted write left", "path", rel)
				if err := os.RemoveAll(filepath.Join(d, n)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

const boltTimeout = "2s"

// The merge plan of a Bulk writer merges each batch's segment once: a
// shard's batch segments (some 200 documents each of ../shared/lexperf's
// opinions and dockets, 4 MB) are merged bulkSegmentsPerMerge at a time
// into segments of at least half bulkMaxSegmentSize documents, which are
// never merged again while ingest writes, and Consolidate merges only
// the batch segments left over at the end (see bulkFinishedSegmentSize).
//
// bleve's default plan, and this one before, grew segments in tiers of
// ten: 200 documents, 2,000, then five of 2,000 into 10,000; at 100,000
// lexperf documents its merges wrote 2,842 MB while ingest wrote and
// Consolidate 907 MB more, for an index of 2,090 MB: each byte was
// written 2.8 times, and merging took 34 s of 286 s of CPU, leaving 12
// and 13 segments per shard. With this plan (and a floor of 100, which
// plans these sizes as 10 does), on a machine busy with other work (so
// CPU seconds run about 1.4 times the quiet figures):
// lexperf 100k merged 1,897 MB while writing and 109 MB at the end, for
// an index of 2,009 MB, merging 29 s of 356 s sampled (8% of the CPU,
// was 12%), 6 segments per shard, peak 1.35 GB (process tree);
// lexbench's 100k corpus, against main in the same half hour: 1,419 MB
// merged instead of 2,974, merging 21.8 s instead of 37.8 s, peak 1.30
// GB both, 6 segments per shard instead of 4; served, the query mix's
// server CPU within 3% (2.52-2.87 s, main 2.48-2.78 s) and 15-30 MB
// more RSS after it (14 MB of mapped index pages).

// bulkFloorSegmentSize is the merge planner's floor (in documents) for a
// Bulk writer. bleve's default, 2,000, counts every smaller segment as
// 2,000 documents, so the planner wants about one segment per 2,000
// documents and merged each new batch's segment again with the ones
// before it (3,000 generated documents: merging took more CPU than
// building the segments). With a floor below a batch's segment, the
// first tier is the batch's own size. A floor of 100 did the same for
// segments under 100 documents (a batch split over many shards): played
// through the planner, segments of 15 to 25 documents were merged up to
// seven times; with 10, twice at most, and larger ones plan the same.
const bulkFloorSegmentSize = 10

// bulkSegmentsPerMerge is how many batch segments one merge of a Bulk
// writer takes (the planner's MaxSegmentsPerTier and SegmentsPerMergeTask),
// unless bulkMaxSegmentSize stops it first: 50 of lexperf's 4 MB
// segments, some 9,000 documents and 180 MB. A merge reads its segments
// through memory maps, whose pages count in the process's resident memory
// until it is done, and both shards merge at about the same time; the
// batch segments waiting for a merge are also about half resident. At
// lexperf 100k the peak was 795 MB of heap beside 550 MB of mapped
// segments, the moment both shards merged their fifty.
const bulkSegmentsPerMerge = 50

// bulkMaxSegmentSize caps, in documents, the segments a Bulk writer's
// merges make, and makes them final: a segment of half this or more is
// not merged again while ingest writes, nor by Consolidate. Without the
// cap, ten segments of 4,400 generated documents were merged into one of
// 44,000 on both shards at once, which took the ingest from 1.1 GB to
// 1.77 GB at 100,000 documents.
const bulkMaxSegmentSize = 10000

// bulkFinishedSegmentSize is the size, in documents, from which a Bulk
// writer's segment is final (see bulkMaxSegmentSize).
const bulkFinishedSegmentSize = bulkMaxSegmentSize / 2

// shardConfig is the scorch configuration a shard is created or opened
// with. The merge plan is always given, so an index created by a Bulk
// writer is served with bleve's defaults, which suit a server's small
// batches (bleve keeps the creating configuration in index_meta.json and
// an opening one overrides it).
func (s *Store) shardConfig() map[string]any {
	plan := map[string]any{} // bleve's DefaultMergePlanOptions
	if s.opts.Bulk {
		plan["FloorSegmentSize"] = bulkFloorSegmentSize
		plan["MaxSegmentSize"] = bulkMaxSegmentSize
		plan["MaxSegmentsPerTier"] = bulkSegmentsPerMerge
		plan["SegmentsPerMergeTask"] = bulkSegmentsPerMerge
	}
	return map[string]any{"bolt_timeout": boltTimeout, "scorchMergePlanOptions": plan}
}

func (s *Store) createShards(p pointer) error {
	m := s.mapping
	if err := os.MkdirAll(p.genDir(s.dir), 0o755); err != nil {
		return err
	}
	s.shards = make([]bleve.Index, p.Shards)
	s.written = make([]int, p.Shards)
	for i := range p.Shards {
		idx, err := bleve.NewUsing(p.shardDir(s.dir, i), m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore,
			s.shardConfig())
		if err != nil {
			return fmt.Errorf("create index shard %d: %w", i, err)
		}
		s.shards[i] = idx
	}
	for _, d := range []string{p.genDir(s.dir), filepath.Dir(p.genDir(s.dir)), s.dir} {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) openShards(p pointer) error {
	s.shards = make([]bleve.Index, p.Shards)
	s.written = make([]int, p.Shards)
	for i := range p.Shards {
		d := p.shardDir(s.dir, i)
		if _, err := os.Stat(filepath.Join(d, "index_meta.json")); err != nil {
			return fmt.Errorf("index shard %d: %w", i, err)
		}
		idx, err := bleve.OpenUsing(d, s.shardConfig())
		if errors.Is(err, bolterrors.ErrTimeout) {
			return errInUse
		}
		if err != nil {
			return fmt.Errorf("open index shard %d: %w", i, err)
		}
		s.shards[i] = idx
	}
	return s.makeAlias()
}

func (s *Store) makeAlias() error {
	if s.alias == nil {
		s.alias = bleve.NewIndexAlias(s.shards...)
	}
	return nil
}

func (s *Store) closeShards() {
	for _, sh := range s.shards {
		if sh != nil {
			sh.Close()
		}
	}
	s.shards = nil
}

// seqKey is the internal key under which a shard records the catalog
// sequence number its contents reflect.
var seqKey = []byte("lexsearch.catalog-seq")

func shardSeq(idx bleve.Index) (uint64, error) {
	v, err := idx.GetInternal(seqKey)
	if err != nil || len(v) == 0 {
		return 0, err
	}
	return strconv.ParseUint(string(v), 10, 64)
}

// touchSeq writes a shard's catalog sequence number again, unchanged.
func touchSeq(sh bleve.Index) error {
	v, err := sh.GetInternal(seqKey)
	if err != nil {
		return err
	}
	return sh.SetInternal(seqKey, v)
}

// shardOf routes a document id to a shard.
func shardOf(id string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(n))
}

// catchUp brings every shard up to the catalog: a crash after the catalog
// was written and before (all) the shards were leaves them behind.
func (s *Store) catchUp(ctx context.Context) error {
	for i, sh := range s.shards {
		seq, err := shardSeq(sh)
		if err != nil {
			return fmt.Errorf("index shard %d: %w", i, err)
		}
		if seq == s.cat.seq {
			continue
		}
		if seq > s.cat.seq {
			return fmt.Errorf("index shard %d is ahead of the catalog (%d > %d)", i, seq, s.cat.seq)
		}
		touched := map[string]bool{}
		for _, id := range s.cat.ids[seq:] {
			if shardOf(id, len(s.shards)) == i {
				touched[id] = true
			}
		}
		s.opts.Logger.Info("bringing index shard up to the catalog", "shard", i, "documents", len(touched))
		b := sh.NewBatch()
		for id := range touched {
			e, live := s.cat.docs[id]
			if !live {
				b.Delete(id)
				continue
			}
			fields, _, err := s.opts.Fields(ctx, s, *e)
			if err != nil {
				return fmt.Errorf("reindex %s: %w", id, err)
			}
			if err := indexInto(b, id, fields); err != nil {
				return fmt.Errorf("reindex %s: %w", id, err)
			}
		}
		b.SetInternal(seqKey, []byte(strconv.FormatUint(s.cat.seq, 10)))
		if err := sh.Batch(b); err != nil {
			return fmt.Errorf("index shard %d: %w", i, err)
		}
	}
	// Kept files of documents deleted just before a crash.
	return nil
}

// Dir returns the data directory.
func (s *Store) Dir() string { return s.dir }

// Index returns the shards as one index for searching. It stays valid
// across rebuilds; Close the Store, not it.
func (s *Store) Index() bleve.Index { return &multiIndex{IndexAlias: s.alias, s: s} }

// ShardIndexes returns the shards of the live generation, for a reader
// that searches them one by one (search counts facets per segment).
func (s *Store) ShardIndexes() []bleve.Index {
	s.stateM.RLock()
	defer s.stateM.RUnlock()
	return append([]bleve.Index(nil), s.shards...)
}

// Shards returns the number of shards of the live generation.
func (s *Store) Shards() int {
	s.stateM.RLock()
	defer s.stateM.RUnlock()
	return len(s.shards)
}

// Lookup returns the id of the document ingested from src.
func (s *Store) Lookup(src string) (string, bool) {
	s.stateM.RLock()
	defer s.stateM.RUnlock()
	id, ok := s.cat.bySrc[src]
	return id, ok
}

// Entry returns the catalog entry of a document.
func (s *Store) Entry(id string) (Entry, bool) {
	s.stateM.RLock()
	defer s.stateM.RUnlock()
	e, ok := s.cat.docs[id]
	if !ok {
		return Entry{}, false
	}
	c := *e
	c.Sources = slices.Clone(e.Sources)
	return c, true
}

// Entries returns every document of the catalog, by id.
func (s *Store) Entries() []Entry {
	s.stateM.RLock()
	defer s.stateM.RUnlock()
	out := make([]Entry, 0, len(s.cat.docs))
	for _, e := range s.cat.docs {
		c := *e
		c.Sources = slices.Clone(e.Sources)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Len returns the number of documents.
func (s *Store) Len() int {
	s.stateM.RLock()
	defer s.stateM.RUnlock()
	return len(s.cat.docs)
}

// Original returns the kept original of a document.
func (s *Store) Original(id string) ([]byte, error) {
	e, ok := s.Entry(id)
	if !ok {
		return nil, fmt.Errorf("document %s: %w", id, fs.ErrNotExist)
	}
	return s.readKept(e.loc.Pack, e.loc.OOff, e.loc.OLen)
}

// Prepared returns the kept prepared text of a document.
func (s *Store) Prepared(id string) ([]byte, error) {
	e, ok := s.Entry(id)
	if !ok {
		return nil, fmt.Errorf("document %s: %w", id, fs.ErrNotExist)
	}
	data, err := s.readKept(e.loc.Pack, e.loc.POff, e.loc.PLen)
	if err != nil {
		return nil, err
	}
	if data, err = decompress(data); err != nil {
		return nil, fmt.Errorf("kept text of %s: %w", id, err)
	}
	return data, nil
}

// AppendPrepared appends the kept prepared text of a document to dst and
// returns the result, as Prepared: a reader that decodes the text and
// keeps nothing of its bytes (search reading a hit's pages) reuses one
// buffer for document after document, instead of allocating, and
// clearing, two the size of each.
func (s *Store) AppendPrepared(dst []byte, id string) ([]byte, error) {
	e, ok := s.Entry(id)
	if !ok {
		return dst, fmt.Errorf("document %s: %w", id, fs.ErrNotExist)
	}
	zbuf := zipped.Get().(*[]byte)
	defer zipped.Put(zbuf)
	z, err := s.readKeptInto((*zbuf)[:0], e.loc.Pack, e.loc.POff, e.loc.PLen)
	if cap(z) <= maxPooledKept {
		*zbuf = z // an exhibit's is not held on to
	}
	if err != nil {
		return dst, err
	}
	if dst, err = appendDecompressed(dst, z); err != nil {
		return dst, fmt.Errorf("kept text of %s: %w", id, err)
	}
	return dst, nil
}

// zipped holds buffers for compressed kept text read by AppendPrepared.
var zipped = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledKept is the largest buffer zipped keeps.
const maxPooledKept = 2 << 20

// Originals returns the kept originals as <id>/<name> (any name), for
// serving.
func (s *Store) Originals() fs.FS { return originalsFS{s} }

func (s *Store) fault(step string) {
	if s.opts.Fault != nil {
		s.opts.Fault(step)
	}
}

// Announce records in the directory's lock where the process that holds
// it answers (serve's URL), so that a command finding the directory in use
// asks that process instead of guessing where it listens (LockedError.URL).
func (s *Store) Announce(url string) error {
	return noteLock(s.lock, "url", url)
}

// Close closes the index and the catalog and releases the lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closePipeline()
	s.settle(settleMax)
	var errs []error
	for _, sh := range s.shards {
		errs = append(errs, sh.Close())
	}
	s.shards = nil
	errs = append(errs, s.cat.close())
	errs = append(errs, unlockFile(s.lock))
	return errors.Join(errs...)
}

// settleMax bounds how long Close waits for the shards to settle.
const settleMax = 5 * time.Second

// settle waits, up to max, until no shard has files on disk besides its
// bolt file and the segments its latest snapshot uses. Right after a
// large ingest, bleve is still merging, or has merged and not yet removed
// the segments a merge replaced (it does when its persister is next
// idle): closing then left them on disk until the next open, up to as
// much again as the index.
func (s *Store) settle(max time.Duration) {
	deadline := time.Now().Add(max)
	for i, sh := range s.shards {
		bolt := filepath.Join(s.cur.shardDir(s.dir, i), "store", "root.bolt")
		for !settled(sh, bolt) && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func settled(sh bleve.Index, bolt string) bool {
	st, _ := sh.StatsMap()["index"].(map[string]any)
	onDisk, ok1 := st["CurOnDiskBytes"].(uint64)
	used, ok2 := st["num_bytes_used_disk_by_root"].(uint64)
	info, err := os.Stat(bolt)
	if !ok1 || !ok2 || err != nil {
		return true // not a scorch index on disk: nothing to wait for
	}
	return onDisk <= used+uint64(info.Size())
}

// scorchOf returns the scorch index behind a shard.
func scorchOf(sh bleve.Index) (*scorch.Scorch, bool) {
	adv, err := sh.Advanced()
	if err != nil {
		return nil, false
	}
	sc, ok := adv.(*scorch.Scorch)
	return sc, ok
}

// closePipeline closes the open Pipeline, if any, once the shards have
// applied its batches. The caller holds s.mu.
func (s *Store) closePipeline() {
	if p := s.pipe; p != nil {
		s.pipe = nil
		p.stop()
	}
	s.applying.Wait()
}
