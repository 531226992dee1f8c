package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Consolidate merges, in each shard, the small segments of what this
// Store wrote into one (or a few), and waits until that is done (or ctx is done).
// After a bulk ingest a shard holds a dozen or more segments, which a
// search visits one by one, and which bleve went on merging in the server
// under its first queries.
//
// What it merges is bounded three times. Only segments no larger than
// what this Store wrote to the shard are merged, so adding a few files to
// a large index rewrites those few, never the large segments. A Bulk
// Store's own merges are final (bulkFinishedSegmentSize): what is left is
// the batch segments written since its last merge, and Consolidate merges
// those. And the segment files merged at once total at most
// ConsolidateBytes: a merge reads its segments through memory maps,
// whose pages count in the process's resident memory until the merged
// segments are dropped (merging both
// shards of a 100,000-document index into one segment each at once took
// 1.5 GB). Each shard takes at most its share of that, smallest segments
// first (see consolidatePlan), and the shards whose merges fit together
// in ConsolidateBytes are merged at once: one merge keeps only about 1.2
// of two cores busy, and at the end of an ingest nothing else runs.
func (s *Store) Consolidate(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shards == nil {
		return errors.New("store is closed")
	}
	s.closePipeline() // every batch applied, and counted in s.written
	errs := make([]error, len(s.shards))
	budget := newByteBudget(ConsolidateBytes)
	var wg sync.WaitGroup
	for i, sh := range s.shards {
		if ctx.Err() != nil {
			break
		}
		sc, ok := scorchOf(sh)
		if !ok {
			continue
		}
		if err := waitMergeable(ctx, sc); err != nil {
			errs[i] = fmt.Errorf("index shard %d: %w", i, err)
			continue
		}
		upTo := int64(s.written[i])
		if s.opts.Bulk {
			// The bulk plan's own merges are final: rewriting them
			// would write each byte twice for fewer segments.
			upTo = min(upTo, bulkFinishedSegmentSize-1)
		}
		plan, err := consolidatePlan(sc, upTo, ConsolidateBytes/int64(len(s.shards)))
		if err != nil {
			errs[i] = fmt.Errorf("index shard %d: %w", i, err)
			continue
		}
		if plan.docs == 0 {
			continue
		}
		if !budget.acquire(ctx, plan.bytes) {
			break
		}
		// What bleve's merges wrote so far, beside what this merge
		// takes: how often the bulk plan rewrote each document.
		before := mergedBytes(sc)
		s.opts.Logger.Info("merging index segments", "shard", i, "segments", plan.segments, "documents", plan.docs, "MB", plan.bytes>>20,
			"merged_while_writing_MB", before>>20)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer budget.release(plan.bytes)
			start := time.Now()
			errs[i] = consolidateShard(ctx, sh, sc, plan.maxSegmentSize)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("index shard %d: %w", i, errs[i])
				return
			}
			s.opts.Logger.Info("merged index segments", "shard", i, "written_MB", (mergedBytes(sc)-before)>>20,
				"took", time.Since(start).Round(time.Millisecond))
		}()
	}
	wg.Wait()
	s.fault("consolidated")
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// consolidateShard merges the segments of one shard that a planner with
// MaxSegmentSize maxSize takes (see consolidatePlan).
func consolidateShard(ctx context.Context, sh bleve.Index, sc *scorch.Scorch, maxSize int64) error {
	o := consolidateOptions(maxSize)
	if err := sc.ForceMerge(ctx, &o); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	// bleve removes the merged segments' files when it next persists,
	// but it may look before the merge releases them and then stay
	// idle: one more write (the same catalog sequence number) makes
	// it look again, so Close need not wait for them (3,000
	// documents: 8 stale files, and Close's 5 s wait, in one run of
	// two).
	return touchSeq(sh)
}

// waitMergeable waits (up to mergeableMax) until every segment of sc is
// on disk and none of bleve's own merges is running. A force merge
// takes only segments on disk, and plans on the segments it finds when
// it starts: right after an ingest, bleve may still be merging under its
// own plan, and a plan made before that settles misses segments
// (100,000 documents on a busy machine: a shard left with 8 segments,
// three of some 3,400 documents beside the one the plan merged).
func waitMergeable(ctx context.Context, sc *scorch.Scorch) error {
	deadline := time.Now().Add(mergeableMax)
	for time.Now().Before(deadline) {
		ok, err := mergeable(sc)
		if err != nil || ok {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
	return nil // merge what is there: more segments, never fewer documents
}

// mergeableMax bounds waitMergeable.
const mergeableMax = time.Minute

func mergeable(sc *scorch.Scorch) (bool, error) {
	st := sc.StatsMap()
	began, _ := st["TotFileMergeZapBeg"].(uint64)
	ended, _ := st["TotFileMergeZapEnd"].(uint64)
	if began != ended {
		return false, nil
	}
	r, err := sc.Reader()
	if err != nil {
		return false, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return true, nil
	}
	for _, ss := range snap.Segments() {
		if _, onDisk := ss.Segment().(segment.PersistedSegment); !onDisk {
			return false, nil
		}
	}
	return true, nil
}

// mergedBytes is how many bytes the merges of sc have written since it
// was opened.
func mergedBytes(sc *scorch.Scorch) uint64 {
	n, _ := sc.StatsMap()["TotFileMergeWrittenBytes"].(uint64)
	return n
}

// consolidateOptions are the planner's options that merge every segment
// under half maxSize into merges of under maxSize documents, as few as
// will hold them.
func consolidateOptions(maxSize int64) mergeplan.MergePlanOptions {
	// A floor this high makes the planner's budget one segment, so
	// it merges all it takes.
	o := mergeplan.SingleSegmentMergePlanOptions
	o.MaxSegmentSize = maxSize
	o.SegmentsPerMergeTask = math.MaxInt32
	o.ScoreSegments = fullestFirst
	return o
}

// fullestFirst scores a merge of segments by the documents it holds, the
// most first, so the segments Consolidate takes are packed into as few
// merges (under MaxSegmentSize each) as will hold them. bleve's own
// score, with the floor this high, prefers the merge of the most
// segments: all the small ones together, the larger ones left in merges
// of two or alone (a tail of 19 segments became 5; over random tails,
// one in seven took a merge more than this score, none fewer).
func fullestFirst(segs []mergeplan.Segment, _ *mergeplan.MergePlanOptions) float64 {
	var docs int64
	for _, sg := range segs {
		docs += sg.LiveSize()
	}
	return -float64(docs)
}

// ConsolidateBytes bounds the segment files Consolidate merges at once
// (see there).
const ConsolidateBytes = 1 << 30

// A byteBudget lets work proceed while the bytes it holds together stay
// within a limit.
type byteBudget struct {
	mu    sync.Mutex
	free  int64
	freed chan struct{} // closed and replaced at each release
}

func newByteBudget(limit int64) *byteBudget {
	return &byteBudget{free: limit, freed: make(chan struct{})}
}

// acquire waits until n bytes are free (n is at most the limit) and takes
// them; it reports false if ctx is done first.
func (b *byteBudget) acquire(ctx context.Context, n int64) bool {
	for {
		b.mu.Lock()
		if n <= b.free {
			b.free -= n
			b.mu.Unlock()
			return true
		}
		freed := b.freed
		b.mu.Unlock()
		select {
		case <-freed:
		case <-ctx.Done():
			return false
		}
	}
}

func (b *byteBudget) release(n int64) {
	b.mu.Lock()
	b.free += n
	close(b.freed)
	b.freed = make(chan struct{})
	b.mu.Unlock()
}

// consolidatePlan chooses the segments of sc that Consolidate merges: the
// n smallest, as many as can be, none larger than upTo documents,
// their files totalling at most maxBytes. It returns how many documents
// they hold (0: there are not two to merge), their bytes, and the
// planner's MaxSegmentSize that takes exactly them. The planner takes the segments
// under half MaxSegmentSize documents, into merges of under
// MaxSegmentSize: with m the smallest segment left out, MaxSegmentSize is
// 2m, which needs every segment taken smaller than m, and makes one
// segment of them when together they hold under 2m, a few of under 2m
// each otherwise (with bleve's tiers of ten, a bulk ingest of 100,000
// documents left, per shard, two segments of 10,000 documents beside ten
// of 2,400 and some of 440: the ten and the small ones became two).
func consolidatePlan(sc *scorch.Scorch, upTo, maxBytes int64) (mergePlan, error) {
	if upTo <= 0 {
		return mergePlan{}, nil
	}
	r, err := sc.Reader()
	if err != nil {
		return mergePlan{}, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return mergePlan{}, nil
	}
	type seg struct{ docs, bytes int64 }
	var segs []seg
	for _, ss := range snap.Segments() {
		segs = append(segs, seg{ss.LiveSize(), ss.FileSize()})
	}
	slices.SortFunc(segs, func(a, b seg) int { return cmp.Compare(a.docs, b.docs) })
	// sum[k] and bytes[k]: the totals of the k smallest segments.
	sum := make([]int64, len(segs)+1)
	bytes := make([]int64, len(segs)+1)
	for k, g := range segs {
		sum[k+1], bytes[k+1] = sum[k]+g.docs, bytes[k]+g.bytes
	}
	for n := len(segs); n >= 2; n-- {
		if segs[n-1].docs > upTo || bytes[n] > maxBytes {
			continue
		}
		p := mergePlan{segments: n, docs: sum[n], bytes: bytes[n]}
		if n == len(segs) {
			p.maxSegmentSize = min(2*sum[n]+2, mergeplan.MaxSegmentSizeLimit)
			return p, nil
		}
		if m := segs[n].docs; segs[n-1].docs < m {
			p.maxSegmentSize = min(2*m, mergeplan.MaxSegmentSizeLimit)
			return p, nil
		}
	}
	return mergePlan{}, nil
}

// A mergePlan is what consolidatePlan chose in one shard: segments
// segments holding docs documents in files of bytes bytes, which a
// planner with MaxSegmentSize maxSegmentSize takes.
type mergePlan struct {
	segments                    int
	docs, bytes, maxSegmentSize int64
}
