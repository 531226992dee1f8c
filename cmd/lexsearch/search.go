package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"lexsearch/api"
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
	fs.StringVar(&req.Cursor, "cursor", "", "continue after the last hit of an earlier page: its next_cursor (json) or the cursor text prints")
	fs.BoolVar(&req.Passages, "passages", false, "with -format csv or ndjson: one row per matching passage, with its page and pin cite")
	format := fs.String("format", "text", "text or json: one page; csv, ndjson, ris or csl: every hit, as GET /search?format= exports it")
	baseURL := fs.String("base-url", "http://localhost:8080", "scheme, host and port of the document links in exports (through a server: the server's own)")
	server := fs.String("server", "", "ask the lexsearch server at this URL (GET /search) instead of opening -data; without it, a -data that a running server holds is searched through that server at LEXSEARCH_ADDR or "+serveAddr)
	asJSON := fs.Bool("json", false, "the same as -format json")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	req.Q = strings.Join(pos, " ")
	if *asJSON {
		*format = "json"
	}
	exporting := slices.Contains(api.ExportFormats(), *format)
	if !exporting && *format != "text" && *format != "json" {
		return usagef("search: -format %q: use text, json, %s", *format, strings.Join(api.ExportFormats(), ", "))
	}
	if req.Passages && *format != "csv" && *format != "ndjson" {
		return usagef("search: -passages goes with -format csv or ndjson")
	}

	if *server != "" {
		return searchRemote(ctx, e, *server, req, *format)
	}
	logger := newLogger(e, e.stderr)
	idx, closeIndex, err := openSearch(ctx, e, logger, *data)
	if le, ok := servingHolder(err); ok {
		// The server owns the directory while it runs: ask it where it
		// said it listens.
		guess := cmp.Or(le.URL, guessServer(e.getenv))
		fmt.Fprintf(e.stderr, "%s is in use by pid %d (%s): asking the server at %s\n", *data, le.PID, le.Command, guess)
		err := searchRemote(ctx, e, guess, req, *format)
		if errors.Is(err, errNoServer) {
			return fmt.Errorf("search: %s is in use by pid %d (%s), and no lexsearch server answers at %s: "+
				"name the server with -server http://HOST:PORT (or LEXSEARCH_SERVER), or stop it to search %s itself", *data, le.PID, le.Command, guess, *data)
		}
		return err
	}
	if err != nil {
		return err
	}
	defer closeIndex()
	if exporting {
		return api.Export(ctx, e.stdout, idx, req, *format, *baseURL)
	}
	res, err := idx.Search(ctx, req)
	if err != nil {
		return err
	}
	return printResult(e, req, res, *format)
}

// printResult prints one page of hits as JSON or as text, with the cursor
// of the next page.
func printResult(e env, req search.Request, res *search.Result, format string) error {
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	if err := search.WriteText(e.stdout, req, res); err != nil {
		return err
	}
	if res.NextCursor != "" {
		_, err := fmt.Fprintf(e.stdout, "\nmore: -cursor %s\n", res.NextCursor)
		return err
	}
	return nil
}
