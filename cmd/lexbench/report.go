package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

var classes = []string{"rare", "common", "and", "phrase", "statute", "court_word", "prox", "prefix"}

// writeReport writes BENCHMARKS.md: the machine, then one section per
// corpus size with lexsearch and raw bleve side by side.
func writeReport(cfg config, runs []*sizeRun) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# lexsearch benchmarks\n\n")
	fmt.Fprintf(&b, "Written by `make bench` (`go run ./cmd/lexbench`); the numbers below are one run, on the machine named here, with\nlexsearch and raw bleve measured on the same synthetic documents one after the other. Rerun to compare commits.\n\n")
	fmt.Fprintf(&b, "| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| machine | %s, %d cores, %s RAM |\n", cpuModel(), runtime.NumCPU(), memTotal())
	fmt.Fprintf(&b, "| Go | %s |\n", runtime.Version())
	fmt.Fprintf(&b, "| date | %s |\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&b, "| commit | %s |\n", commit())
	fmt.Fprintf(&b, "| corpus | `lexsearch gen -seed %d`: opinions (text, 1 in 12 as PDF), PACER-style dockets (HTML), case summaries (text), reports (Markdown), articles (HTML), 4–12 KB of text each |\n", cfg.seed)
	fmt.Fprintf(&b, "| query mix | %d queries in 8 classes, each top 10 with exact counts of 6 facets (statute, court, party, judge, type, year) of 10 values; %d measured passes per concurrency after one warm-up pass |\n", len(runs[0].Queries), cfg.reps)
	fmt.Fprintf(&b, "| check cache | %s: the server remembers per index segment which documents each phrase and proximity query kept, and the mix repeats its queries, so after the warm-up pass those classes mostly read remembered answers (`LEXSEARCH_CHECK_CACHE=0 make bench` measures the checks themselves) |\n", checkCacheSetting())
	fmt.Fprintf(&b, "| raw bleve | the same plain text in one `body` field (English analyzer, stored, term vectors), keyword doc-value facet fields filled from the planted entities, no `_all`, batches of 500, in process, one client; its `w/5` is a plain conjunction (bleve has no slop), which flatters it |\n\n")

	for _, r := range runs {
		mb := float64(r.TextBytes) / 1e6
		fmt.Fprintf(&b, "## %d documents (%.0f MB of text, %.0f MB of files)\n\n", r.Docs, mb, float64(r.FileBytes)/1e6)
		lexRate := float64(r.Docs) / r.IngestWall.Seconds()
		rawRate := float64(r.Raw.Docs) / r.Raw.IngestSec
		fmt.Fprintf(&b, "| | lexsearch | raw bleve | lexsearch ÷ raw |\n|---|---|---|---|\n")
		fmt.Fprintf(&b, "| ingest docs/s | %.0f | %.0f | %.2f× |\n", lexRate, rawRate, lexRate/rawRate)
		fmt.Fprintf(&b, "| ingest MB/s of text | %.2f | %.2f | |\n", mb/r.IngestWall.Seconds(), mb/r.Raw.IngestSec)
		fmt.Fprintf(&b, "| ingest wall / CPU | %s / %s (%.1f ms CPU per doc, extraction and tagging included) | %s | |\n",
			r.IngestWall.Round(time.Second), r.IngestCPU.Round(time.Second), float64(r.IngestCPU.Milliseconds())/float64(r.Docs),
			(time.Duration(r.Raw.IngestSec * float64(time.Second))).Round(time.Second))
		fmt.Fprintf(&b, "| peak RSS ingesting (process tree) | %s | %s (ingest and queries) | |\n", human(r.IngestPeak), human(r.RawPeak))
		if ix, ok := r.DataParts["index"]; ok {
			fmt.Fprintf(&b, "| index on disk | %s (data/index) | %s | %.2f× |\n", human(ix), human(r.Raw.IndexSize), float64(ix)/float64(r.Raw.IndexSize))
		}
		fmt.Fprintf(&b, "| data folder on disk | %s (%s) | %s (index only) | %.2f× |\n", human(r.DataBytes), partsLine(r.DataParts), human(r.Raw.IndexSize), float64(r.DataBytes)/float64(r.Raw.IndexSize))
		fmt.Fprintf(&b, "| ready (start to /readyz 200) | %s | | |\n", r.Ready.Round(time.Millisecond))
		fmt.Fprintf(&b, "| RSS serving, at ready / after the mix | %s / %s | | |\n\n", human(r.RSSReady), human(r.RSSAfter))
		if r.IngestLog != "" {
			fmt.Fprintf(&b, "Ingest said: `%s`\n\n", r.IngestLog)
		}

		fmt.Fprintf(&b, "Query latency in ms, p50 / p95 / p99, over HTTP for lexsearch (client on the same machine), in process for raw bleve:\n\n")
		fmt.Fprintf(&b, "| class | lexsearch c=1 | lexsearch c=8 | raw bleve c=1 | lexsearch ÷ raw, p50 at c=1 |\n|---|---|---|---|---|\n")
		all := map[int][]float64{}
		var rawAll []float64
		for _, c := range classes {
			raw := r.Raw.Latency[c]
			rawAll = append(rawAll, raw...)
			row := fmt.Sprintf("| %s ", c)
			for _, conc := range []int{1, 8} {
				xs := r.Latency[conc][c]
				all[conc] = append(all[conc], xs...)
				row += "| " + pcts(xs) + " "
			}
			ratio := ""
			if p := percentile(raw, 0.5); p > 0 {
				ratio = fmt.Sprintf("%.2f×", percentile(r.Latency[1][c], 0.5)/p)
			}
			fmt.Fprintf(&b, "%s| %s | %s |\n", row, pcts(raw), ratio)
		}
		fmt.Fprintf(&b, "| **whole mix** | %s | %s | %s | %.2f× |\n\n", pcts(all[1]), pcts(all[8]), pcts(rawAll),
			percentile(all[1], 0.5)/max(percentile(rawAll, 0.5), 1e-9))

		var diffs []string
		for i, q := range r.Queries {
			if i < len(r.Totals) && i < len(r.Raw.Totals) && r.Totals[i] != r.Raw.Totals[i] {
				diffs = append(diffs, fmt.Sprintf("`%s`: lexsearch %d, raw bleve %d", q, r.Totals[i], r.Raw.Totals[i]))
			}
		}
		if len(diffs) == 0 {
			fmt.Fprintf(&b, "Totals: lexsearch and raw bleve agree on every query.\n\n")
		} else {
			fmt.Fprintf(&b, "Totals that differ (lexsearch tags what it reads; raw bleve is given the planted entities, and analyses words differently):\n\n")
			for _, d := range diffs {
				fmt.Fprintf(&b, "- %s\n", d)
			}
			b.WriteString("\n")
		}
		if len(r.Failures) > 0 {
			fmt.Fprintf(&b, "Failures (%d):\n\n", len(r.Failures))
			for _, f := range r.Failures[:min(len(r.Failures), 20)] {
				fmt.Fprintf(&b, "- %s\n", f)
			}
			b.WriteString("\n")
		}
		for _, p := range r.Profiles {
			top, err := exec.Command("go", "tool", "pprof", "-top", "-nodecount=20", cfg.bin, p).Output()
			if err != nil {
				continue
			}
			fmt.Fprintf(&b, "Top costs, `%s`:\n\n```\n%s```\n\n", p, trimProfile(string(top)))
		}
	}
	return os.WriteFile(cfg.out, []byte(b.String()), 0o644)
}

func pcts(xs []float64) string {
	if len(xs) == 0 {
		return "—"
	}
	return fmt.Sprintf("%s / %s / %s", ms(percentile(xs, 0.5)), ms(percentile(xs, 0.95)), ms(percentile(xs, 0.99)))
}

func ms(x float64) string {
	if x < 10 {
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.0f", x)
}

func human(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", n>>10)
}

func partsLine(parts map[string]int64) string {
	var names []string
	for k := range parts {
		names = append(names, k)
	}
	slices.SortFunc(names, func(a, b string) int { return int(parts[b] - parts[a]) })
	var out []string
	for _, k := range names {
		if parts[k] > 0 {
			out = append(out, fmt.Sprintf("%s %s", k, human(parts[k])))
		}
	}
	return strings.Join(out, ", ")
}

// trimProfile keeps pprof's table and drops its preamble lines about the
// binary and build ids.
func trimProfile(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "File:") || strings.HasPrefix(l, "Build ID:") || strings.HasPrefix(l, "Type:") || strings.HasPrefix(l, "Time:") {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "?"
	}
	var kb int64
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "MemTotal:") {
			fmt.Sscanf(strings.TrimPrefix(l, "MemTotal:"), "%d", &kb)
		}
	}
	return human(kb << 10)
}

func commit() string {
	out, err := exec.Command("git", "describe", "--always", "--dirty").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// checkCacheSetting describes the serve -check-cache the run used: the
// server reads LEXSEARCH_CHECK_CACHE from the environment lexbench passes on.
func checkCacheSetting() string {
	switch v := os.Getenv("LEXSEARCH_CHECK_CACHE"); v {
	case "":
		return "on (the server's default size)"
	case "0", "off":
		return "off"
	default:
		return "on, " + v
	}
}
