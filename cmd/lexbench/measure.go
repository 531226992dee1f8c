package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"lexsearch/corpus/synth"
)

// sizeRun is everything measured at one corpus size.
type sizeRun struct {
	Docs      int
	TextBytes int64
	FileBytes int64
	Queries   []synth.Query

	IngestWall time.Duration
	IngestCPU  time.Duration
	IngestPeak int64 // bytes, whole process tree
	IngestLog  string
	DataBytes  int64
	DataParts  map[string]int64 // top-level entries of the data folder

	Ready      time.Duration
	RSSReady   int64
	RSSAfter   int64
	Latency    map[int]map[string][]float64 // concurrency -> class -> ms
	Totals     []uint64                     // lexsearch totals per query (c=1 warm-up)
	Failures   []string                     // non-200s and empty answers where hits were planted
	ServeCPU   time.Duration
	Profiles   []string
	Raw        rawResult
	RawPeak    int64
	RawRunWall time.Duration
}

func measure(ctx context.Context, cfg config, n int) (*sizeRun, error) {
	r := &sizeRun{Docs: n, Latency: map[int]map[string][]float64{}}
	dir := filepath.Join(cfg.work, fmt.Sprintf("corpus-%d-seed%d", n, cfg.seed))
	m, err := corpusAt(ctx, dir, n, cfg.seed)
	if err != nil {
		return nil, err
	}
	r.TextBytes, r.FileBytes, r.Queries = m.Text, m.Bytes, m.Queries

	// Raw bleve first, alone on the machine.
	logf("%d docs: raw bleve baseline", n)
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	var rawOut bytes.Buffer
	raw := exec.CommandContext(ctx, self, "rawbleve", strconv.Itoa(n), strconv.FormatUint(cfg.seed, 10),
		filepath.Join(cfg.work, fmt.Sprintf("rawbleve-%d", n)), strconv.Itoa(cfg.reps))
	raw.Stdout, raw.Stderr = &rawOut, os.Stderr
	start := time.Now()
	peak, err := runSampled(raw)
	if err != nil {
		return nil, fmt.Errorf("raw bleve: %w", err)
	}
	r.RawPeak, r.RawRunWall = peak, time.Since(start)
	if err := json.Unmarshal(rawOut.Bytes(), &r.Raw); err != nil {
		return nil, fmt.Errorf("raw bleve answer: %w", err)
	}

	// lexsearch ingest, extraction and tagging included.
	logf("%d docs: lexsearch ingest", n)
	data := filepath.Join(cfg.work, fmt.Sprintf("data-%d", n))
	if err := os.RemoveAll(data); err != nil {
		return nil, err
	}
	var ingestErr bytes.Buffer
	ing := exec.CommandContext(ctx, cfg.bin, "ingest", "-data", data, filepath.Join(dir, "docs"))
	ing.Stdout, ing.Stderr = io.Discard, &ingestErr
	ing.Env = os.Environ()
	if cfg.profile {
		p := filepath.Join(cfg.work, fmt.Sprintf("ingest-%d.pprof", n))
		ing.Env = append(ing.Env, "LEXSEARCH_CPUPROFILE="+p)
		r.Profiles = append(r.Profiles, p)
	}
	start = time.Now()
	r.IngestPeak, err = runSampled(ing)
	r.IngestWall = time.Since(start)
	if err != nil {
		return nil, fmt.Errorf("ingest: %w\n%s", err, tail(ingestErr.String(), 2000))
	}
	r.IngestCPU = cpuOf(ing)
	r.IngestLog = lastLine(ingestErr.String(), "indexed ")
	r.DataBytes, r.DataParts = dirSize(data), parts(data)

	if err := serveAndQuery(ctx, cfg, r, data); err != nil {
		return nil, err
	}
	return r, nil
}

// corpusAt returns the corpus in dir, generating it unless a corpus of
// the same size and seed is already there.
func corpusAt(ctx context.Context, dir string, n int, seed uint64) (*synth.Manifest, error) {
	var m synth.Manifest
	if b, err := os.ReadFile(filepath.Join(dir, "manifest.json")); err == nil && json.Unmarshal(b, &m) == nil && m.Docs == n && m.Seed == seed {
		logf("%d docs: reusing the corpus in %s", n, dir)
		return &m, nil
	}
	logf("%d docs: generating the corpus in %s", n, dir)
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	return synth.Write(ctx, synth.Options{Docs: n, Seed: seed}, dir, nil)
}

// serveAndQuery starts `lexsearch serve` on the index, times /readyz and
// runs the query mix over HTTP at each concurrency.
func serveAndQuery(ctx context.Context, cfg config, r *sizeRun, data string) error {
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	var serveErr bytes.Buffer
	srv := exec.Command(cfg.bin, "serve", "-data", data, "-addr", addr)
	srv.Stdout, srv.Stderr = io.Discard, &serveErr
	srv.Env = os.Environ()
	if cfg.profile {
		p := filepath.Join(cfg.work, fmt.Sprintf("serve-%d.pprof", r.Docs))
		srv.Env = append(srv.Env, "LEXSEARCH_CPUPROFILE="+p)
		r.Profiles = append(r.Profiles, p)
	}
	srv.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() {
		srv.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { srv.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			srv.Process.Kill()
			<-done
		}
		if srv.ProcessState != nil {
			r.ServeCPU = cpuOf(srv)
		}
	}()
	base := "http://" + addr
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	if err := waitReady(ctx, client, base, nil, &serveErr); err != nil {
		return err
	}
	r.Ready = time.Since(start)
	r.RSSReady = treeRSS(srv.Process.Pid)
	logf("%d docs: ready in %s, query mix", r.Docs, r.Ready.Round(time.Millisecond))

	for _, c := range cfg.conc {
		lat, totals, fails, err := mix(ctx, client, base, r.Queries, c, cfg.reps)
		if err != nil {
			return err
		}
		r.Latency[c] = lat
		if c == 1 {
			r.Totals = totals
		}
		r.Failures = append(r.Failures, fails...)
	}
	r.RSSAfter = treeRSS(srv.Process.Pid)
	return nil
}

// mix runs a warm-up pass, then reps passes of the queries in a shuffled
// order with c clients, and returns the latencies by class.
func mix(ctx context.Context, client *http.Client, base string, qs []synth.Query, c, reps int) (map[string][]float64, []uint64, []string, error) {
	totals := make([]uint64, len(qs))
	var fails []string
	for i, q := range qs {
		total, _, err := ask(ctx, client, base, q)
		if err != nil {
			fails = append(fails, fmt.Sprintf("%s: %v", q, err))
			continue
		}
		totals[i] = total
		if total == 0 && (q.DF > 0 || q.Class == "phrase" || q.Class == "statute" || q.Class == "prefix") {
			fails = append(fails, fmt.Sprintf("%s: no hits, but the corpus has matches", q))
		}
	}
	var order []int
	for p := 0; p < reps; p++ {
		for i := range qs {
			order = append(order, i)
		}
	}
	rng := rand.New(rand.NewPCG(uint64(c), 42))
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	work := make(chan int)
	var mu sync.Mutex
	lat := map[string][]float64{}
	var wg sync.WaitGroup
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				_, ms, err := ask(ctx, client, base, qs[i])
				mu.Lock()
				if err != nil {
					fails = append(fails, fmt.Sprintf("c=%d %s: %v", c, qs[i], err))
				} else {
					lat[qs[i].Class] = append(lat[qs[i].Class], ms)
				}
				mu.Unlock()
			}
		}()
	}
	for _, i := range order {
		work <- i
	}
	close(work)
	wg.Wait()
	return lat, totals, fails, ctx.Err()
}

// ask runs one query: top 10 and six facets of 10 values, as lexperf does.
func ask(ctx context.Context, client *http.Client, base string, q synth.Query) (uint64, float64, error) {
	v := url.Values{}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	if q.Statute != "" {
		v.Set("statute", q.Statute)
	}
	if q.Court != "" {
		v.Set("court", q.Court)
	}
	if q.Sort != "" {
		v.Set("sort", q.Sort)
	}
	v.Set("size", "10")
	v.Set("facet.size", "10")
	for _, f := range rawFacets {
		v.Add("facet", f)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/search?"+v.Encode(), nil)
	if err != nil {
		return 0, 0, err
	}
	t := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	ms := float64(time.Since(t).Microseconds()) / 1000
	if err != nil {
		return 0, 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, 0, fmt.Errorf("status %d: %s", resp.StatusCode, tail(string(body), 300))
	}
	var res struct {
		Total uint64 `json:"total"`
	}
	if err := json.Unmarshal(body, &res); err != nil {
		return 0, 0, err
	}
	return res.Total, ms, nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// parts returns the size of each top-level entry of dir.
func parts(dir string) map[string]int64 {
	out := map[string]int64{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		out[e.Name()] = dirSize(filepath.Join(dir, e.Name()))
	}
	return out
}

func cpuOf(c *exec.Cmd) time.Duration {
	if c.ProcessState == nil {
		return 0
	}
	return c.ProcessState.UserTime() + c.ProcessState.SystemTime()
}

func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(p*float64(len(s))+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func lastLine(s, prefix string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], prefix) {
			return lines[i]
		}
	}
	return ""
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "lexbench %s: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
