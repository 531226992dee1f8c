// Command goclient is a client of lexsearch as a Go user writes one: the
// package lexclient is generated from the server's /openapi.json by ogen
// (by api/client_test.go, never committed), and this program calls it.
// The compiler checks every call and field below against the generated
// types, so a change of the description that breaks a client breaks this
// program's build.
//
// Usage: go run . BASE_URL TEXT
// Prints one JSON object with what the client read, in the shape
// ../tsclient/client.ts prints; api/client_test.go compares it with the
// server's own answers.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"

	"lexclientcheck/lexclient"

	"github.com/ogen-go/ogen/ogenerrors"
)

// noToken leaves the bearer token out: this program only reads.
type noToken struct{}

func (noToken) Token(context.Context, lexclient.OperationName) (lexclient.Token, error) {
	return lexclient.Token{}, ogenerrors.ErrSkipClientSecurity
}

// recorder remembers the Content-Type of the last answer, which the
// generated client reads but does not return.
type recorder struct{ contentType string }

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		r.contentType = resp.Header.Get("Content-Type")
	}
	return resp, err
}

// problemAnswer is a non-200 answer as the client read it.
type problemAnswer struct {
	Status      int                `json:"status"`
	ContentType string             `json:"content_type"`
	Data        any                `json:"data"`
	Problem     *lexclient.Problem `json:"problem"`
}

func main() {
	if err := run(context.Background(), os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, base, text string) error {
	rec := &recorder{}
	c, err := lexclient.NewClient(base, noToken{}, lexclient.WithClient(rec))
	if err != nil {
		return err
	}
	out := map[string]any{}

	// A search with filters (repeated: OR) and facets.
	res, err := c.Search(ctx, lexclient.SearchParams{
		Q:       lexclient.NewOptString("trafficking"),
		Court:   []string{"ilnd", "cand"},
		Statute: []string{"18 U.S.C. § 1595"},
		Facet:   []lexclient.SearchFacetItem{lexclient.SearchFacetItemCourt, lexclient.SearchFacetItemType, lexclient.SearchFacetItemStatute},
		Size:    lexclient.NewOptInt(5),
	})
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	search, ok := res.(*lexclient.Result)
	if !ok {
		return fmt.Errorf("search: %#v", res)
	}
	out["search"] = search

	// Every hit, page by page, following next until there is none: next
	// is this search at another page or cursor.
	var pages [][]string
	params := lexclient.SearchParams{
		Size:  lexclient.NewOptInt(2),
		Sort:  lexclient.NewOptSearchSort(lexclient.SearchSortMinusDate),
		Facet: []lexclient.SearchFacetItem{lexclient.SearchFacetItemNone},
	}
	for len(pages) <= 50 {
		res, err := c.Search(ctx, params)
		if err != nil {
			return fmt.Errorf("page: %w", err)
		}
		page, ok := res.(*lexclient.Result)
		if !ok {
			return fmt.Errorf("page: %#v", res)
		}
		var ids []string
		for _, h := range page.Hits {
			ids = append(ids, h.ID)
		}
		pages = append(pages, ids)
		link, ok := page.Next.Get()
		if !ok {
			break
		}
		next, err := url.Parse(link)
		if err != nil {
			return err
		}
		q := next.Query()
		params.Page, params.Cursor = lexclient.OptInt{}, lexclient.OptString{}
		if n, err := strconv.Atoi(q.Get("page")); err == nil {
			params.Page = lexclient.NewOptInt(n)
		}
		if cur := q.Get("cursor"); cur != "" {
			params.Cursor = lexclient.NewOptString(cur)
		}
	}
	out["pages"] = pages

	// The first hit's document, the text of its last page, and a page it
	// does not have.
	var id string
	if len(search.Hits) > 0 {
		id = search.Hits[0].ID
	}
	dres, err := c.GetDocument(ctx, lexclient.GetDocumentParams{ID: id})
	if err != nil {
		return fmt.Errorf("document: %w", err)
	}
	doc, ok := dres.(*lexclient.Document)
	if !ok {
		return fmt.Errorf("document: %#v", dres)
	}
	out["document"] = doc
	last := 1
	if n := len(doc.PageNumbers); n > 0 {
		last = doc.PageNumbers[n-1]
	}
	out["page"] = last
	tres, err := c.GetDocumentText(ctx, lexclient.GetDocumentTextParams{ID: id, Page: lexclient.NewOptInt(last)})
	if err != nil {
		return fmt.Errorf("text: %w", err)
	}
	text1, ok := tres.(*lexclient.GetDocumentTextOK)
	if !ok {
		return fmt.Errorf("text: %#v", tres)
	}
	b, err := io.ReadAll(text1)
	if err != nil {
		return err
	}
	out["page_text"] = string(b)
	tres, err = c.GetDocumentText(ctx, lexclient.GetDocumentTextParams{ID: id, Page: lexclient.NewOptInt(9999)})
	if err != nil {
		return fmt.Errorf("missing page: %w", err)
	}
	out["missing_page"] = asProblem(tres, rec)

	// The citations in a text, looked up in the collection.
	cres, err := c.LookupCitations(ctx, &lexclient.LookupCitationsReqApplicationJSON{Text: text})
	if err != nil {
		return fmt.Errorf("citations: %w", err)
	}
	found, ok := cres.(*lexclient.LookupCitationsOKApplicationJSON)
	if !ok {
		return fmt.Errorf("citations: %#v", cres)
	}
	out["found"] = found

	// The description itself, which says its version.
	sres, err := c.OpenAPI(ctx)
	if err != nil {
		return fmt.Errorf("openapi.json: %w", err)
	}
	spec, ok := sres.(*lexclient.OpenAPIOK)
	if !ok {
		return fmt.Errorf("openapi.json: %#v", sres)
	}
	out["openapi"] = spec.Openapi

	// A query the server refuses: a 400 whose body is a Problem.
	res, err = c.Search(ctx, lexclient.SearchParams{Q: lexclient.NewOptString(`"unbalanced quote`)})
	if err != nil {
		return fmt.Errorf("bad query: %w", err)
	}
	out["bad"] = asProblem(res, rec)

	return json.NewEncoder(os.Stdout).Encode(out)
}

// asProblem is an answer that should be a Problem, as the client read it.
func asProblem(res any, rec *recorder) problemAnswer {
	if p, ok := res.(*lexclient.ProblemStatusCode); ok {
		return problemAnswer{Status: p.StatusCode, ContentType: rec.contentType, Problem: &p.Response}
	}
	return problemAnswer{ContentType: rec.contentType, Data: res}
}
