package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"lexsearch/corpus"
	"lexsearch/indexer"
)

func runTag(ctx context.Context, e env, args []string) error {
	fs := newFlags("tag", "[FILE|-]", e)
	asJSON := fs.Bool("json", false, `print {"mentions":[...]} instead of a table`)
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	name := "-"
	switch len(pos) {
	case 0:
	case 1:
		name = pos[0]
	default:
		return usagef("tag: name one file, or - (the default) for standard input")
	}
	ix := indexer.New(newLogger(e, e.stderr), indexer.Options{})
	src, data, err := readSource(e, ix, name)
	if err != nil {
		return err
	}
	doc, err := ix.Prepare(ctx, src, data)
	if err != nil {
		return fmt.Errorf("skipped (%s): %w", indexer.ReasonFor(err), err)
	}
	if *asJSON {
		out := struct {
			Mentions []corpus.Entity `json:"mentions"`
		}{Mentions: doc.Entities}
		if out.Mentions == nil {
			out.Mentions = []corpus.Entity{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tNORM\tROLE\tPAGE\tTEXT")
	for _, m := range doc.Entities {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", m.Kind, m.Norm, m.Role, m.Page, m.Text)
	}
	return tw.Flush()
}
