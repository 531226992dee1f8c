package store

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

func openBulk(t *testing.T, dir string) *Store {
	t.Helper()
	s, err := Open(t.Context(), dir, Options{Command: "lexsearch test", Shards: 1, Bulk: true, Mapping: testMapping, Fields: testFields})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// commitRange commits the documents [from, to) as one batch: one new
// segment in a one-shard store.
func commitRange(t *testing.T, s *Store, from, to int) {
	t.Helper()
	b := &Batch{}
	for n := from; n < to; n++ {
		addDoc(b, n, "t")
	}
	if err := s.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
}

// segments returns the id and live document count of each segment of
// the store's only shard.
func segments(t *testing.T, s *Store) map[uint64]int64 {
	t.Helper()
	sc, ok := scorchOf(s.ShardIndexes()[0])
	if !ok {
		t.Fatal("the shard is not a scorch index")
	}
	out := map[uint64]int64{}
	for _, g := range segmentsOf(t, sc) {
		out[g.id] = g.docs
	}
	return out
}

// A segInfo is what the tests read of one segment of a snapshot.
type segInfo struct {
	id          uint64
	docs, bytes int64
}

// segmentsOf lists the segments of sc's current snapshot.
func segmentsOf(t *testing.T, sc *scorch.Scorch) []segInfo {
	t.Helper()
	r, err := sc.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []segInfo
	for _, seg := range r.(*scorch.IndexSnapshot).Segments() {
		out = append(out, segInfo{seg.Id(), seg.LiveSize(), seg.FileSize()})
	}
	return out
}

func searchCount(t *testing.T, s *Store, word string) uint64 {
	t.Helper()
	res, err := s.Index().Search(bleve.NewSearchRequest(bleve.NewMatchQuery(word)))
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}

// A bulk write leaves one segment per batch (nine batches of 150
// documents stay under the planner's fifty per tier, so bleve does not
// merge them while they are written); Consolidate merges them into one,
// and every document is still found.
func TestConsolidateMergesWhatWasWritten(t *testing.T) {
	s := openBulk(t, t.TempDir())
	defer s.Close()
	for i := range 9 {
		commitRange(t, s, i*150, (i+1)*150)
	}
	if got := len(segments(t, s)); got != 9 {
		t.Fatalf("%d segments after 9 batches, want 9 (bleve merged during the bulk write)", got)
	}
	if err := s.Consolidate(t.Context()); err != nil {
		t.Fatal(err)
	}
	segs := segments(t, s)
	if len(segs) != 1 {
		t.Errorf("%d segments after Consolidate, want 1: %v", len(segs), segs)
	}
	if n := searchCount(t, s, "document"); n != 9*150 {
		t.Errorf("%d documents found after Consolidate, want %d", n, 9*150)
	}
}

// A later, smaller ingest into a consolidated index merges only its own
// segments: the large segment is not rewritten for a few new documents.
func TestConsolidateLeavesLargerSegmentsAlone(t *testing.T) {
	dir := t.TempDir()
	s := openBulk(t, dir)
	for i := range 9 {
		commitRange(t, s, i*150, (i+1)*150)
	}
	if err := s.Consolidate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openBulk(t, dir)
	defer s.Close()
	var big uint64
	for id := range segments(t, s) {
		big = id
	}
	commitRange(t, s, 2000, 2150)
	commitRange(t, s, 2150, 2300)
	if err := s.Consolidate(t.Context()); err != nil {
		t.Fatal(err)
	}
	segs := segments(t, s)
	if len(segs) != 2 || segs[big] != 9*150 {
		t.Errorf("segments after a small ingest and Consolidate: %v; want the %d-document segment %d untouched and one of 300", segs, 9*150, big)
	}
	if n := searchCount(t, s, "document"); n != 9*150+300 {
		t.Errorf("%d documents found, want %d", n, 9*150+300)
	}
}

// What a bulk store's own merges made is final: Consolidate merges the
// batch segments beside it, even with the budget to take it too.
func TestConsolidateLeavesFinishedSegmentsAlone(t *testing.T) {
	s := openBulk(t, t.TempDir())
	defer s.Close()
	commitRange(t, s, 0, bulkFinishedSegmentSize)
	for i := range 3 {
		from := bulkFinishedSegmentSize + i*150
		commitRange(t, s, from, from+150)
	}
	var finished uint64
	for id, n := range segments(t, s) {
		if n == bulkFinishedSegmentSize {
			finished = id
		}
	}
	if err := s.Consolidate(t.Context()); err != nil {
		t.Fatal(err)
	}
	segs := segments(t, s)
	if len(segs) != 2 || segs[finished] != bulkFinishedSegmentSize {
		t.Errorf("segments after Consolidate: %v; want the %d-document segment %d untouched and one of 450", segs, bulkFinishedSegmentSize, finished)
	}
	if n := searchCount(t, s, "document"); n != bulkFinishedSegmentSize+450 {
		t.Errorf("%d documents found, want %d", n, bulkFinishedSegmentSize+450)
	}
}

// A store that wrote nothing has nothing to merge.
func TestConsolidateWithoutWrites(t *testing.T) {
	dir := t.TempDir()
	s := openBulk(t, dir)
	commitRange(t, s, 0, 150)
	commitRange(t, s, 150, 300)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openBulk(t, dir)
	defer s.Close()
	before := segments(t, s)
	if err := s.Consolidate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if after := segments(t, s); len(after) != len(before) {
		t.Errorf("Consolidate with nothing written: %d segments, had %d", len(after), len(before))
	}
}

// The bytes Consolidate may merge bound what it takes, smallest first.
func TestConsolidateLimitKeepsToTheBytes(t *testing.T) {
	s := openBulk(t, t.TempDir())
	defer s.Close()
	commitRange(t, s, 0, 100)
	commitRange(t, s, 100, 250)
	commitRange(t, s, 250, 550)
	commitRange(t, s, 550, 1550)
	sc, _ := scorchOf(s.ShardIndexes()[0])
	bytesOf := map[int64]int64{}
	for _, g := range segmentsOf(t, sc) {
		bytesOf[g.docs] = g.bytes
	}
	two := bytesOf[100] + bytesOf[150]
	for _, c := range []struct {
		name            string
		written, budget int64
		want            int64
	}{
		{"everything", 1550, 1 << 30, 1550},
		{"the two smallest", 1550, two, 250},
		{"one fits: nothing to merge", 1550, two - 1, 0},
		{"none larger than written", 999, 1 << 30, 550},
		{"none larger than written, fewer", 200, 1 << 30, 250},
	} {
		p, err := consolidatePlan(sc, c.written, c.budget)
		if err != nil {
			t.Fatal(err)
		}
		if p.docs != c.want {
			t.Errorf("%s: consolidatePlan(written %d, %d bytes) merges %d documents, want %d", c.name, c.written, c.budget, p.docs, c.want)
		}
		if p.bytes > c.budget {
			t.Errorf("%s: consolidatePlan(written %d, %d bytes) merges %d bytes, over the budget", c.name, c.written, c.budget, p.bytes)
		}
	}
}

// Segments of one size, more documents together than a larger one that
// does not fit the budget (what a bulk ingest of 100,000 documents left): the small ones are
// merged into one, and the larger one is left alone.
func TestConsolidateMergesATailOfEqualSegments(t *testing.T) {
	s := openBulk(t, t.TempDir())
	defer s.Close()
	commitRange(t, s, 0, 1000)
	for i := range 8 {
		commitRange(t, s, 1000+i*150, 1000+(i+1)*150)
	}
	sc, _ := scorchOf(s.ShardIndexes()[0])
	var small, big uint64
	var smallBytes int64
	for _, g := range segmentsOf(t, sc) {
		if g.docs == 1000 {
			big = g.id
		} else {
			small++
			smallBytes += g.bytes
		}
	}
	if small != 8 {
		t.Fatalf("%d small segments, want 8", small)
	}
	// Together they hold more than the large one: the planner is told
	// to take segments under 1,000 documents, into one merge of under
	// 2,000.
	p, err := consolidatePlan(sc, 2200, smallBytes)
	if err != nil || p.docs != 1200 || p.segments != 8 || p.bytes != smallBytes {
		t.Fatalf("consolidatePlan = %d documents in %d segments of %d bytes, %v; want the 1200 documents of the 8 small segments, %d bytes", p.docs, p.segments, p.bytes, err, smallBytes)
	}
	// Through Consolidate, with the whole budget: everything is merged
	// (the written documents bound it, not the bytes).
	if err := s.Consolidate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if segs := segments(t, s); len(segs) != 1 {
		t.Errorf("segments after Consolidate: %v, want 1 (the large one was %d)", segs, big)
	}
}

// Small segments holding together more than twice the next one are
// merged too, into a few segments each under twice that one.
func TestConsolidatePlanForAHeavyTail(t *testing.T) {
	s := openBulk(t, t.TempDir())
	defer s.Close()
	commitRange(t, s, 0, 500)
	for i := range 8 {
		commitRange(t, s, 500+i*150, 500+(i+1)*150)
	}
	sc, _ := scorchOf(s.ShardIndexes()[0])
	var smallBytes int64
	for _, g := range segmentsOf(t, sc) {
		if g.docs == 150 {
			smallBytes += g.bytes
		}
	}
	p, err := consolidatePlan(sc, 1700, smallBytes)
	if err != nil || p.docs != 1200 || p.maxSegmentSize != 1000 {
		t.Errorf("consolidatePlan = %d documents, MaxSegmentSize %d, %v; want 1200 (the small segments), 1000 (twice the one left out)", p.docs, p.maxSegmentSize, err)
	}
}

// With several shards, each shard's segments are merged (at once, as
// they fit the budget together), and every document is still found in
// the shard it was written to.
func TestConsolidateEveryShard(t *testing.T) {
	s, err := Open(t.Context(), t.TempDir(), Options{Command: "lexsearch test", Shards: 3, Bulk: true, Mapping: testMapping, Fields: testFields})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range 6 {
		commitRange(t, s, i*120, (i+1)*120)
	}
	count := func(sh bleve.Index) int {
		sc, _ := scorchOf(sh)
		return len(segmentsOf(t, sc))
	}
	for i, sh := range s.ShardIndexes() {
		if n := count(sh); n < 2 {
			t.Fatalf("shard %d has %d segments before Consolidate, want several", i, n)
		}
	}
	if err := s.Consolidate(t.Context()); err != nil {
		t.Fatal(err)
	}
	for i, sh := range s.ShardIndexes() {
		if n := count(sh); n != 1 {
			t.Errorf("shard %d has %d segments after Consolidate, want 1", i, n)
		}
	}
	if n := searchCount(t, s, "document"); n != 6*120 {
		t.Errorf("%d documents found after Consolidate, want %d", n, 6*120)
	}
}

// A byteBudget lets holders run together while they fit, makes the next
// one wait for a release, and gives up when its context is done.
func TestByteBudget(t *testing.T) {
	b := newByteBudget(100)
	if !b.acquire(t.Context(), 60) || !b.acquire(t.Context(), 40) {
		t.Fatal("two acquisitions within the limit did not both succeed")
	}
	got := make(chan bool)
	go func() { got <- b.acquire(t.Context(), 50) }()
	select {
	case <-got:
		t.Fatal("an acquisition over what is free did not wait")
	case <-time.After(20 * time.Millisecond):
	}
	b.release(40)
	select {
	case <-got:
		t.Fatal("50 bytes taken with only 40 free")
	case <-time.After(20 * time.Millisecond):
	}
	b.release(60)
	if !<-got {
		t.Fatal("the waiting acquisition failed once the bytes were free")
	}
	ctx, cancel := context.WithCancel(t.Context())
	go func() { got <- b.acquire(ctx, 100) }()
	cancel()
	if <-got {
		t.Error("an acquisition succeeded after its context was done, with the bytes held")
	}
}

// Once the commits are done and bleve has settled, every segment is on
// disk and no merge runs: waitMergeable returns without waiting out
// its bound, and the plan then sees every segment. (Whether a merge
// runs is not asked again after: bleve's merger may start one at any
// moment, which a plan made then still counts whole.)
func TestWaitMergeableAfterCommits(t *testing.T) {
	s := openBulk(t, t.TempDir())
	defer s.Close()
	for i := range 12 {
		commitRange(t, s, i*100, (i+1)*100)
	}
	sc, _ := scorchOf(s.ShardIndexes()[0])
	ctx, cancel := context.WithTimeout(t.Context(), mergeableMax/2)
	defer cancel()
	if err := waitMergeable(ctx, sc); err != nil {
		t.Fatalf("waitMergeable: %v", err)
	}
	p, err := consolidatePlan(sc, 1200, 1<<30)
	if err != nil || p.docs != 1200 {
		t.Errorf("consolidatePlan after waitMergeable: %d documents, %v; want all 1200", p.docs, err)
	}
}

// planSeg is a segment of n documents, for the merge planner.
type planSeg struct{ id, n int64 }

func (s planSeg) Id() uint64          { return uint64(s.id) }
func (s planSeg) FullSize() int64     { return s.n }
func (s planSeg) LiveSize() int64     { return s.n }
func (s planSeg) HasVector() bool     { return false }
func (s planSeg) FileSize() int64     { return s.n * 100 }
func (s planSeg) LiveFileSize() int64 { return s.n * 100 }

// segmentsAfter is how many segments a plan leaves: one per merge, and
// those it does not merge.
func segmentsAfter(t *testing.T, segs []mergeplan.Segment, o mergeplan.MergePlanOptions) int {
	t.Helper()
	p, err := mergeplan.Plan(segs, &o)
	if err != nil {
		t.Fatal(err)
	}
	left := len(segs)
	if p == nil {
		return left
	}
	for _, task := range p.Tasks {
		if len(task.Segments) > 1 {
			left -= len(task.Segments) - 1
		}
		var docs int64
		for _, sg := range task.Segments {
			docs += sg.LiveSize()
		}
		if docs >= o.MaxSegmentSize {
			t.Fatalf("a merge of %d documents, over MaxSegmentSize %d", docs, o.MaxSegmentSize)
		}
	}
	return left
}

// Consolidate's plan packs what it takes into as few merges as will
// hold them: here 43,897 documents in merges of under 16,000 take three,
// where bleve's own score (the most segments in a merge first) left four.
func TestConsolidateOptionsPackTheMerges(t *testing.T) {
	var segs []mergeplan.Segment
	for i, n := range []int64{5150, 495, 236, 272, 4626, 7177, 4423, 4439, 7404, 721, 518, 810, 7626} {
		segs = append(segs, planSeg{int64(i), n})
	}
	o := consolidateOptions(16000)
	if got := segmentsAfter(t, segs, o); got != 3 {
		t.Errorf("%d segments after the merge, want 3", got)
	}
	o.ScoreSegments = nil
	if got := segmentsAfter(t, segs, o); got != 4 {
		t.Logf("bleve's own score leaves %d segments here (4 when this test was written)", got)
	}
}

// Over random tails of small and middling segments, the plan never
// leaves more segments than bleve's own score would.
func TestConsolidateOptionsNeverWorse(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 9))
	for trial := range 2000 {
		var segs []mergeplan.Segment
		for i := range 3 + rnd.IntN(25) {
			n := 200 + rnd.Int64N(800)
			if rnd.IntN(3) == 0 {
				n = 2000 + rnd.Int64N(6000)
			}
			segs = append(segs, planSeg{int64(i), n})
		}
		o := consolidateOptions(16000)
		ours := segmentsAfter(t, segs, o)
		o.ScoreSegments = nil
		if theirs := segmentsAfter(t, segs, o); ours > theirs {
			t.Fatalf("trial %d: %d segments after the merge, bleve's score leaves %d: %v", trial, ours, theirs, segs)
		}
	}
}

// bulkPlanOptions are the merge planner's options of a Bulk store's
// shards, read as bleve reads them.
func bulkPlanOptions(t *testing.T) mergeplan.MergePlanOptions {
	t.Helper()
	cfg := (&Store{opts: Options{Bulk: true}}).shardConfig()
	b, err := json.Marshal(cfg["scorchMergePlanOptions"])
	if err != nil {
		t.Fatal(err)
	}
	o := mergeplan.DefaultMergePlanOptions
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if err := mergeplan.ValidateMergePlannerOptions(&o); err != nil {
		t.Fatal(err)
	}
	return o
}

// bulkWrite plays a bulk ingest of batch segments of sizes drawn by
// size through the planner with options o, each merge done before the
// next batch, and returns the segments left, how often the most
// rewritten document was merged, and the most segments one merge took.
func bulkWrite(t *testing.T, o mergeplan.MergePlanOptions, batches int, size func() int64) (left []planSeg, depth, widest int) {
	t.Helper()
	depthOf := map[int64]int{}
	var next int64
	for range batches {
		next++
		left = append(left, planSeg{next, size()})
		segs := make([]mergeplan.Segment, len(left))
		for i, sg := range left {
			segs[i] = sg
		}
		p, err := mergeplan.Plan(segs, &o)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			continue
		}
		for _, task := range p.Tasks {
			next++
			merged := planSeg{id: next}
			d := 0
			for _, sg := range task.Segments {
				merged.n += sg.LiveSize()
				d = max(d, depthOf[sg.(planSeg).id])
				left = slices.DeleteFunc(left, func(l planSeg) bool { return l == sg.(planSeg) })
			}
			depthOf[next] = d + 1
			depth = max(depth, d+1)
			widest = max(widest, len(task.Segments))
			left = append(left, merged)
		}
	}
	return left, depth, widest
}

// A bulk ingest's merges take each batch's segment once: a shard's
// batch segments of about 200 documents (lexperf's 100,000 documents on
// two shards) are merged up to bulkSegmentsPerMerge at a time into
// segments that are not merged again, and what is left at the end is
// those and fewer batch segments than one merge takes.
func TestBulkPlanMergesEachBatchOnce(t *testing.T) {
	o := bulkPlanOptions(t)
	rnd := rand.New(rand.NewPCG(3, 5))
	left, depth, widest := bulkWrite(t, o, 250, func() int64 { return 150 + rnd.Int64N(100) })
	if depth != 1 {
		t.Errorf("a document was merged %d times while ingest wrote, want once", depth)
	}
	if widest > bulkSegmentsPerMerge {
		t.Errorf("a merge took %d segments, more than %d", widest, bulkSegmentsPerMerge)
	}
	var finished, batch int
	for _, sg := range left {
		switch {
		case sg.n >= bulkFinishedSegmentSize:
			finished++
		case sg.n < 250:
			batch++
		default:
			t.Errorf("a segment of %d documents: neither a batch's nor final", sg.n)
		}
	}
	if finished < 4 || batch > bulkSegmentsPerMerge+2 {
		t.Errorf("left %d final segments and %d batch segments, want 4 or more and at most %d", finished, batch, bulkSegmentsPerMerge+2)
	}
}

// Small batch segments (many shards, or small batches) are merged in
// tiers of bulkSegmentsPerMerge: twice at most before they are final.
func TestBulkPlanSmallBatches(t *testing.T) {
	o := bulkPlanOptions(t)
	rnd := rand.New(rand.NewPCG(4, 6))
	_, depth, _ := bulkWrite(t, o, 3000, func() int64 { return 15 + rnd.Int64N(10) })
	if depth > 2 {
		t.Errorf("a document was merged %d times while ingest wrote, want at most twice", depth)
	}
}
