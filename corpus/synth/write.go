package synth

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Manifest describes a written corpus.
type Manifest struct {
	Docs    int            `json:"docs"`
	Seed    uint64         `json:"seed"`
	Bytes   int64          `json:"bytes"`      // of the files as written
	Text    int64          `json:"text_bytes"` // of their plain text
	ByType  map[string]int `json:"by_type"`
	Queries []Query        `json:"queries"`
}

// Write generates opts.Docs documents into dir/docs, with
// dir/entities.jsonl (what each document plants), dir/queries.json (the
// query mix) and dir/manifest.json. progress, if not nil, is called with
// the number of documents written so far and the last one's path.
func Write(ctx context.Context, opts Options, dir string, progress func(done int, path string)) (*Manifest, error) {
	if opts.Docs < 1 {
		return nil, fmt.Errorf("need at least one document, got %d", opts.Docs)
	}
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		return nil, err
	}
	ents, err := os.Create(filepath.Join(dir, "entities.jsonl"))
	if err != nil {
		return nil, err
	}
	defer ents.Close()
	w := bufio.NewWriter(ents)
	enc := json.NewEncoder(w)
	m := &Manifest{Docs: opts.Docs, Seed: opts.Seed, ByType: map[string]int{}}
	g := New(opts)
	madeDirs := map[string]bool{}
	for d := g.Next(); d != nil; d = g.Next() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := filepath.Join(dir, "docs", filepath.FromSlash(d.Path))
		if sub := filepath.Dir(p); !madeDirs[sub] {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return nil, err
			}
			madeDirs[sub] = true
		}
		if err := os.WriteFile(p, d.Data, 0o644); err != nil {
			return nil, err
		}
		if err := enc.Encode(d); err != nil {
			return nil, err
		}
		m.Bytes += int64(len(d.Data))
		m.Text += int64(len(d.Text))
		m.ByType[d.Type]++
		if progress != nil {
			progress(g.n, d.Path)
		}
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if err := ents.Close(); err != nil {
		return nil, err
	}
	m.Queries = g.Queries()
	for name, v := range map[string]any{"queries.json": m.Queries, "manifest.json": m} {
		js, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, name), append(js, '\n'), 0o644); err != nil {
			return nil, err
		}
	}
	return m, nil
}
