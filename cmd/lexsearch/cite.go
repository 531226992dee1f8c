package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"lexsearch/indexer"
	"lexsearch/search"
)

// runCite is `lexsearch cite [FILE|-]`: the citations and statutes of a
// text (a brief, an opinion, a PDF), each with the documents of the index
// that are that case or cite it, as POST /citations answers.
func runCite(ctx context.Context, e env, args []string) error {
	fs := newFlags("cite", "[FILE|-]", e)
	data := dataFlag(fs)
	asJSON := fs.Bool("json", false, "print the JSON of POST /citations instead of a table")
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
		return usagef("cite: name one file, or - (the default) for standard input")
	}
	logger := newLogger(e, e.stderr)
	ix := indexer.New(logger, indexer.Options{})
	defer ix.Close()
	src, raw, err := readSource(e, ix, name)
	if err != nil {
		return err
	}
	res, _, err := ix.Extract(ctx, src, raw)
	if err != nil {
		return fmt.Errorf("skipped (%s): %w", indexer.ReasonFor(err), err)
	}
	var text strings.Builder
	for _, p := range res.Pages {
		text.WriteString(p.Text)
		text.WriteString("\n\n")
	}

	idx, closeIndex, err := openSearch(ctx, e, logger, *data)
	if err != nil {
		return err
	}
	defer closeIndex()
	found, err := idx.LookupCitations(ctx, text.String())
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if found == nil {
			found = []search.Found{}
		}
		return enc.Encode(found)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tCITATION\tAS WRITTEN\tIN THE INDEX")
	for _, f := range found {
		var docs []string
		for _, d := range f.Documents {
			docs = append(docs, fmt.Sprintf("%s (%s %s)", d.Title, d.Relation, d.ID))
		}
		in := "none"
		switch {
		case f.Status == 429:
			in = "not looked up: " + f.ErrorMessage
		case len(docs) > 0:
			in = strings.Join(docs, "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Kind, f.Normalized[0], f.Citation, in)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d citations and statutes found\n", len(found))
	return nil
}
