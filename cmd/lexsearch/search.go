package main

import (
	"context"
	"encoding/json"
	"strings"

	"lexsearch/search"
)

func runSearch(ctx context.Context, e env, args []string) error {
	fs := newFlags("search", "QUERY", e)
	data := dataFlag(fs)
	var req search.Request
	for _, f := range []struct {
		name  string
		into  *[]string
		usage string
	}{
		{"statute", &req.Statutes, "only documents citing this statute (repeatable: ORs)"},
		{"court", &req.Courts, "only documents of this court, by id or name (repeatable)"},
		{"party", &req.Parties, "only documents naming this party (repeatable)"},
		{"judge", &req.Judges, "only documents of this judge (repeatable)"},
		{"type", &req.Types, "only documents of this type: opinion, docket, case-summary, report, article (repeatable)"},
		{"lang", &req.Langs, "only documents in this language, e.g. en (repeatable)"},
		{"year", &req.Years, "only documents of this year (repeatable)"},
	} {
		fs.Var((*multiFlag)(f.into), f.name, f.usage)
	}
	fs.StringVar(&req.From, "from", "", "only documents dated on or after YYYY[-MM[-DD]]")
	fs.StringVar(&req.To, "to", "", "only documents dated on or before YYYY[-MM[-DD]]")
	fs.StringVar(&req.Sort, "sort", "relevance", "relevance, date or -date")
	fs.IntVar(&req.Size, "size", search.DefaultSize, "hits per page")
	fs.IntVar(&req.Page, "page", 1, "page of hits")
	asJSON := fs.Bool("json", false, "print the API's JSON instead of text")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	req.Q = strings.Join(pos, " ")

	logger := newLogger(e, e.stderr)
	idx, closeIndex, err := openSearch(ctx, e, logger, *data)
	if err != nil {
		return err
	}
	defer closeIndex()
	res, err := idx.Search(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	return search.WriteText(e.stdout, req, res)
}
