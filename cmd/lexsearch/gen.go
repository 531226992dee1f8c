package main

import (
	"context"
	"fmt"
	"time"

	"lexsearch/corpus/synth"
)

// runGen writes a deterministic synthetic corpus for benchmarks.
func runGen(ctx context.Context, e env, args []string) error {
	fs := newFlags("gen", "", e)
	docs := fs.Int("docs", 1000, "number of documents to generate")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same files")
	out := fs.String("out", "", "folder to write the corpus into (required)")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("gen takes no arguments, got %q", pos)
	}
	if *out == "" {
		return usagef("gen: -out DIR is required")
	}
	if *docs < 1 {
		return usagef("gen: -docs must be at least 1, got %d", *docs)
	}
	start := time.Now()
	bar := progress(e, "generating")
	m, err := synth.Write(ctx, synth.Options{Docs: *docs, Seed: *seed}, *out, func(n int, path string) {
		if n%100 == 0 || n == *docs {
			bar(n, *docs, path)
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %d documents (%.1f MB of files, %.1f MB of text: %d opinion, %d docket, %d case-summary, %d report, %d article) to %s/docs in %s\n",
		m.Docs, float64(m.Bytes)/1e6, float64(m.Text)/1e6, m.ByType["opinion"], m.ByType["docket"], m.ByType["case-summary"],
		m.ByType["report"], m.ByType["article"], *out, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(e.stdout, "query mix in %s/queries.json, planted entities in %s/entities.jsonl\n", *out, *out)
	return nil
}
