package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"lexsearch/corpus/synth"
)

// runQuery is `lexbench query`: the query mix alone, against a data folder
// that is already built (a server is started on it and timed to ready) or
// a server that is already running, so a change to the read side can be
// measured without ingesting again. It prints the latency table, ready
// time and RSS; nothing is written unless -out is given.
func runQuery(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("lexbench query", flag.ContinueOnError)
	data := fs.String("data", "", "data folder to serve (opening it takes its lock and may write: use a copy)")
	server := fs.String("server", "", "URL of a running lexsearch server to query instead of starting one on -data")
	corpusDir := fs.String("corpus", "", "the corpus folder the index was built from (its manifest.json holds the query mix)")
	bin := fs.String("bin", "bin/lexsearch", "the lexsearch binary that serves -data")
	reps := fs.Int("reps", 5, "measured passes over the query mix, per concurrency")
	concs := fs.String("conc", "1,8", "concurrencies to measure, comma-separated")
	profile := fs.String("cpuprofile", "", "with -data: write the server's CPU profile here (LEXSEARCH_CPUPROFILE)")
	out := fs.String("out", "", "also write the table to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*data == "") == (*server == "") {
		return errors.New("give one of -data DIR or -server URL")
	}
	if *corpusDir == "" {
		return errors.New("-corpus DIR is required: its manifest.json holds the queries")
	}
	var m synth.Manifest
	b, err := os.ReadFile(filepath.Join(*corpusDir, "manifest.json"))
	if err != nil {
		return fmt.Errorf("-corpus: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("-corpus: manifest.json: %w", err)
	}
	var cs []int
	for _, s := range strings.Split(*concs, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-conc: %q is not a positive number", s)
		}
		cs = append(cs, n)
	}
	r := &sizeRun{Docs: m.Docs, Queries: m.Queries, Latency: map[int]map[string][]float64{}}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	base := strings.TrimRight(*server, "/")
	pid := 0
	var stop func() time.Duration // stops the server, returns its CPU time
	if *data != "" {
		abs, err := filepath.Abs(*bin)
		if err != nil {
			return err
		}
		addr, err := freeAddr()
		if err != nil {
			return err
		}
		var serveErr bytes.Buffer
		srv := exec.Command(abs, "serve", "-data", *data, "-addr", addr)
		srv.Stdout, srv.Stderr = io.Discard, &serveErr
		srv.Env = os.Environ()
		if *profile != "" {
			srv.Env = append(srv.Env, "LEXSEARCH_CPUPROFILE="+*profile)
		}
		srv.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		start := time.Now()
		if err := srv.Start(); err != nil {
			return err
		}
		exited := make(chan struct{})
		go func() { srv.Wait(); close(exited) }()
		stopped := false
		stop = func() time.Duration {
			if !stopped {
				stopped = true
				srv.Process.Signal(syscall.SIGTERM)
				<-exited
			}
			return cpuOf(srv)
		}
		defer stop()
		base = "http://" + addr
		if err := waitReady(ctx, client, base, exited, &serveErr); err != nil {
			return err
		}
		r.Ready = time.Since(start)
		pid = srv.Process.Pid
		r.RSSReady = treeRSS(pid)
	}
	for _, c := range cs {
		lat, totals, fails, err := mix(ctx, client, base, r.Queries, c, *reps)
		if err != nil {
			return err
		}
		r.Latency[c] = lat
		if r.Totals == nil {
			r.Totals = totals
		}
		r.Failures = append(r.Failures, fails...)
	}
	rssSplit := ""
	if pid != 0 {
		r.RSSAfter = treeRSS(pid)
		rssSplit = rssParts(pid)
		// CPU time does not depend on what else the machine runs, as the
		// latencies do: compare it between builds on a shared machine.
		rssSplit += fmt.Sprintf("\nserver CPU (user + system), opening and the whole mix: %s", stop().Round(time.Millisecond))
	}
	var t strings.Builder
	writeQueryTable(&t, r, cs)
	if rssSplit != "" {
		fmt.Fprintf(&t, "RSS after the mix: %s\n", rssSplit)
	}
	fmt.Print(t.String())
	if *out != "" {
		return os.WriteFile(*out, []byte(t.String()), 0o644)
	}
	return nil
}

// waitReady polls /readyz until it answers 200, or the server exits
// (exited closes; nil when the caller does not watch for that).
func waitReady(ctx context.Context, client *http.Client, base string, exited <-chan struct{}, serveErr *bytes.Buffer) error {
	start := time.Now()
	for {
		select {
		case <-exited:
			return fmt.Errorf("serve exited before it was ready:\n%s", tail(serveErr.String(), 2000))
		default:
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		resp, err := client.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Since(start) > 10*time.Minute {
			return fmt.Errorf("serve not ready after 10 minutes:\n%s", tail(serveErr.String(), 2000))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writeQueryTable writes per-class p50 / p95 / p99 at each concurrency,
// the ready time and RSS when a server was started, and any failures.
func writeQueryTable(b *strings.Builder, r *sizeRun, cs []int) {
	fmt.Fprintf(b, "%d documents, %d queries\n\n| class |", r.Docs, len(r.Queries))
	for _, c := range cs {
		fmt.Fprintf(b, " c=%d p50 / p95 / p99 ms |", c)
	}
	b.WriteString("\n|---|")
	for range cs {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	all := map[int][]float64{}
	for _, class := range classes {
		fmt.Fprintf(b, "| %s |", class)
		for _, c := range cs {
			xs := r.Latency[c][class]
			all[c] = append(all[c], xs...)
			fmt.Fprintf(b, " %s |", pcts(xs))
		}
		b.WriteString("\n")
	}
	b.WriteString("| **whole mix** |")
	for _, c := range cs {
		fmt.Fprintf(b, " %s |", pcts(all[c]))
	}
	b.WriteString("\n\n")
	fmt.Fprintf(b, "check cache: %s\n", checkCacheSetting())
	if r.Ready > 0 {
		fmt.Fprintf(b, "ready %s, RSS %s at ready, %s after the mix\n", r.Ready.Round(time.Millisecond), human(r.RSSReady), human(r.RSSAfter))
	}
	for _, f := range r.Failures[:min(len(r.Failures), 20)] {
		fmt.Fprintf(b, "failure: %s\n", f)
	}
}

// rssParts returns the server's resident memory split into heap and other
// private memory (RssAnon) and pages of mapped files (RssFile: the index
// segments scorch maps, which the kernel can drop and read again).
func rssParts(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return ""
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && (k == "RssAnon" || k == "RssFile") {
			out = append(out, k+" "+strings.TrimSpace(v))
		}
	}
	return strings.Join(out, ", ")
}
