package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"lexsearch/indexer/store"
	"lexsearch/search"
)

// serveAddr is serve's default -addr: where `make run` listens.
const serveAddr = "127.0.0.1:8080"

// errNoServer is a server that could not be reached at all, as opposed to
// one that answered with an error.
var errNoServer = errors.New("no server answers")

// servingHolder returns the lock's holder when err says that a running
// server holds the data directory.
func servingHolder(err error) (*store.LockedError, bool) {
	var le *store.LockedError
	if errors.As(err, &le) && strings.Contains(le.Command, "serve") {
		return le, true
	}
	return nil, false
}

// guessServer is the URL of the server that most likely holds the data
// directory when its lock does not say (a server from before servers
// announced themselves): the address serve reads from LEXSEARCH_ADDR, else
// its default.
func guessServer(getenv func(string) string) string {
	return dialURL(cmp.Or(getenv(envName("addr")), serveAddr))
}

// dialURL is the URL a client on this machine reaches a server listening
// on addr at: a wildcard host (":8080", "0.0.0.0:8080", "[::]:8080") is
// reached on the loopback.
func dialURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// searchQuery is req as /search parameters.
func searchQuery(req search.Request, format string) url.Values {
	q := url.Values{"q": {req.Q}, "format": {format}}
	for name, values := range map[string][]string{"statute": req.Statutes, "court": req.Courts, "party": req.Parties,
		"judge": req.Judges, "type": req.Types, "lang": req.Langs, "year": req.Years} {
		if len(values) > 0 {
			q[name] = values
		}
	}
	for name, v := range map[string]string{"from": req.From, "to": req.To, "sort": req.Sort, "cursor": req.Cursor} {
		if v != "" {
			q.Set(name, v)
		}
	}
	if req.Size > 0 {
		q.Set("size", strconv.Itoa(req.Size))
	}
	if req.Page > 1 {
		q.Set("page", strconv.Itoa(req.Page))
	}
	if req.Passages {
		q.Set("passages", "true")
	}
	return q
}

// searchRemote runs req on the lexsearch server at server (GET /search)
// and prints the answer as a search of the data directory does: a page as
// text or JSON, an export as the server streams it (its links start with
// the server's -base-url). A request the server refuses is the
// RequestError its Problem describes.
func searchRemote(ctx context.Context, e env, server string, req search.Request, format string) error {
	base, err := url.Parse(strings.TrimRight(server, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return usagef("search: -server %q: give the server's URL, e.g. http://%s", server, serveAddr)
	}
	wire := format
	if format == "text" {
		wire = "json" // printed here, as a local search prints it
	}
	target := base.JoinPath("search")
	target.RawQuery = searchQuery(req, wire).Encode()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(hreq)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w at %s: %w", errNoServer, base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return remoteProblem(resp, base)
	}
	if wire != "json" {
		_, err := io.Copy(e.stdout, resp.Body)
		return err
	}
	var res search.Result
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&res); err != nil {
		return fmt.Errorf("search: read the answer of %s: %w", base, err)
	}
	return printResult(e, req, &res, format)
}

// remoteProblem is the error a server's non-200 answer stands for.
func remoteProblem(resp *http.Response, base *url.URL) error {
	var p struct {
		Status int    `json:"status"`
		Detail string `json:"detail"`
		Param  string `json:"param"`
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mt != "application/problem+json" || json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&p) != nil || p.Detail == "" {
		return fmt.Errorf("search: the server at %s answered %s", base, resp.Status)
	}
	if resp.StatusCode == http.StatusBadRequest && p.Param != "" {
		return &search.RequestError{Param: p.Param, Reason: strings.TrimPrefix(p.Detail, p.Param+": ")}
	}
	return fmt.Errorf("search: the server at %s answered %s: %s", base, resp.Status, p.Detail)
}
