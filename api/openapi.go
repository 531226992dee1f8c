package api

import (
	"net/http"
	"strings"

	"lexsearch/corpus"
	"lexsearch/search"
)

// param describes one query or path parameter.
type param struct {
	name, in, desc string
	schema         map[string]any
	repeat         bool
}

var (
	str  = map[string]any{"type": "string"}
	num  = map[string]any{"type": "integer", "minimum": 1}
	flag = map[string]any{"type": "boolean"}
)

func enum(values ...string) map[string]any { return map[string]any{"type": "string", "enum": values} }

// searchParamDocs describes searchParams, in the same order; a test keeps
// the two lists equal.
var searchParamDocs = []param{
	{"q", "query", `Query: words (all must match), "phrases", AND/OR/NOT, +/-, (groups), field:value, prefix*, fuzzy~, "phrase"~N, a w/N b, a /s b, a /p b.`, str, false},
	{"statute", "query", "Only documents citing this statute; aliases accepted (FOSTA, 18 USC 1595, section 230). Repeat to OR.", str, true},
	{"court", "query", "Only documents decided by this court: id (ilnd) or name (N.D. Ill., Northern District of Illinois). Repeat to OR.", str, true},
	{"party", "query", "Only documents naming this party, case and punctuation ignored. Repeat to OR.", str, true},
	{"judge", "query", "Only documents naming this judge. Repeat to OR.", str, true},
	{"type", "query", "Only documents of this type. Repeat to OR.", enum(corpus.Types...), true},
	{"lang", "query", "Only documents in this language (ISO 639-1). Repeat to OR.", str, true},
	{"year", "query", "Only documents of this year. Repeat to OR.", str, true},
	{"from", "query", "Only documents dated on or after this day, month or year (YYYY[-MM[-DD]]).", str, false},
	{"to", "query", "Only documents dated on or before this day, month or year (YYYY[-MM[-DD]]).", str, false},
	{"sort", "query", "Order of hits.", enum(search.SortRelevance, search.SortDate, search.SortDateDesc), false},
	{"size", "query", "Hits per page, at most 100 (default 10).", num, false},
	{"page", "query", "Page of hits, from 1; pages reach hit 10,000 at most (use cursor beyond).", num, false},
	{"cursor", "query", "The next value of the previous page: continues after its last hit, with no depth limit.", str, false},
	{"facet", "query", "Facets to count (default all; none for no counts). Repeatable.", enum(append(append([]string{}, corpus.Facets...), search.FacetNone)...), true},
	{"facet.size", "query", "Values per facet, at most 500 (default 20).", num, false},
	{"facet.prefix", "query", "Only facet values starting with this, case ignored.", str, false},
	{"explain", "query", "Add to each hit the words, fields and aliases that matched.", flag, false},
	{"format", "query", "json (default) or text: one page. csv, ndjson, ris, csl: every hit, streamed.", enum(append(append([]string{}, pageFormats...), exportFormats...)...), false},
}

var idParam = param{"id", "path", "Document id, as in hits.", str, false}

// operation is one endpoint's description.
type operation struct {
	method        string // "" is GET
	path, summary string
	params        []param
	responses     map[string]string // content type -> description
}

// operations describes every route of routes.go; a test checks that the
// two agree.
func operations() []operation {
	return []operation{
		{"", "/search", "Search documents: hits with snippets (each with its page), facet counts, a year histogram.", searchParamDocs,
			map[string]string{"application/json": "Result", "text/plain": "Readable result for terminals", "text/csv": "Every hit",
				"application/x-ndjson": "Every hit, one JSON object a line", "application/x-research-info-systems": "Every hit as RIS",
				"application/vnd.citationstyles.csl+json": "Every hit as CSL-JSON",
				"text/html": "The search page, for a browser (Accept: text/html and no format)"}},
		{"", "/feed.atom", "The newest documents matching a search, as an Atom feed: a saved search.", withoutParams(searchParamDocs, "sort", "cursor", "page", "facet", "facet.size", "facet.prefix", "explain", "format"),
			map[string]string{"application/atom+xml": "Atom feed"}},
		{"", "/documents/{id}", "A document's metadata and every entity mention with its page.", []param{idParam},
			map[string]string{"application/json": "Document", "text/html": "The document page, for a browser (Accept: text/html and no format)"}},
		{"", "/documents/{id}/text", "A document's clean text, a line '=== page N ===' before each page.", []param{idParam},
			map[string]string{"text/plain": "Text"}},
		{"", "/documents/{id}/original", "The file as ingested.", []param{idParam},
			map[string]string{"application/octet-stream": "The original file"}},
		{"", "/documents/{id}/similar", "Documents citing the same cases and statutes, then sharing distinctive words.",
			[]param{idParam, {"size", "query", "How many, at most 100 (default 10).", num, false}, {"format", "query", "json or text", enum(pageFormats...), false}},
			map[string]string{"application/json": "Result", "text/plain": "Readable result"}},
		{"", "/entities/{kind}", "Canonical values of an entity kind with document counts and the aliases filters accept.",
			[]param{{"kind", "path", "statute, court, party, judge, citation or docket", enum(search.EntityKinds...), false},
				{"prefix", "query", "Only values (for courts: ids or names) starting with this, case ignored.", str, false},
				{"size", "query", "How many, at most 1,000 (default 50).", num, false}},
			map[string]string{"application/json": "Values"}},
		{http.MethodPost, "/documents", "Add files (a raw body named by ?name= or Content-Disposition, or multipart/form-data); needs 'Authorization: Bearer TOKEN'. 201 created, 200 replaced or unchanged, 422 skipped with its reason.",
			[]param{{"name", "query", "The file's name, for a raw body.", str, false}},
			map[string]string{"application/json": "The outcome: id, name, status, reason, title, url"}},
		{http.MethodDelete, "/documents/{id}", "Remove a document; needs 'Authorization: Bearer TOKEN'. 204 on success.", []param{idParam},
			map[string]string{}},
		{"", "/metrics", "Counters, latencies and index size in the Prometheus text format.", nil, map[string]string{"text/plain": "Prometheus metrics"}},
		{"", "/healthz", "200 while the process runs.", nil, map[string]string{"application/json": "Status"}},
		{"", "/readyz", "200 with the document count once the index answers, else 503.", nil, map[string]string{"application/json": "Status"}},
		{"", "/openapi.json", "This description.", nil, map[string]string{"application/json": "OpenAPI 3.1 document"}},
		{"", "/", "The list of endpoints.", nil, map[string]string{"application/json": "Endpoints", "text/html": "The search page, for a browser"}},
		{"", "/ui/{file}", "The stylesheet, script and icon of the HTML pages.", []param{{"file", "path", "An asset name, as the pages link it.", str, false}},
			map[string]string{"text/css": "Stylesheet", "text/javascript": "Script", "image/svg+xml": "Icon"}},
	}
}

// okCode is the status of a successful answer to method.
func okCode(method string) string {
	switch method {
	case http.MethodPost:
		return "201"
	case http.MethodDelete:
		return "204"
	}
	return "200"
}

func withoutParams(ps []param, names ...string) []param {
	var out []param
outer:
	for _, p := range ps {
		for _, n := range names {
			if p.name == n {
				continue outer
			}
		}
		out = append(out, p)
	}
	return out
}

// openAPI builds the OpenAPI 3.1 document.
func openAPI() map[string]any {
	problem := map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}
	paths := map[string]any{}
	for _, op := range operations() {
		var params []any
		for _, p := range op.params {
			schema := p.schema
			if p.repeat {
				schema = map[string]any{"type": "array", "items": p.schema}
			}
			params = append(params, map[string]any{
				"name": p.name, "in": p.in, "description": p.desc, "required": p.in == "path",
				"schema": schema, "explode": true,
			})
		}
		content := map[string]any{}
		for ct, desc := range op.responses {
			content[ct] = map[string]any{"schema": map[string]any{"description": desc}}
		}
		method := strings.ToLower(op.method)
		if method == "" {
			method = "get"
		}
		get := map[string]any{
			"summary":     op.summary,
			"operationId": method + strings.NewReplacer("/", "_", "{", "", "}", "", ".", "_").Replace(op.path),
			"parameters":  params,
			"responses": map[string]any{
				okCode(op.method): map[string]any{"description": "OK", "content": content},
				"default":         map[string]any{"description": "A problem (RFC 9457): 400 bad request, 401/403 no write access, 404 not found, 413 too large, 415 unsupported type, 429 busy (see Retry-After), 504 timeout", "content": problem},
			},
		}
		item, _ := paths[op.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[op.path] = item
		}
		item[method] = get
	}
	paths["/citations"] = map[string]any{"post": map[string]any{
		"summary":     "Every case citation and statute in a text, with the documents of the collection that are that case or cite it (CourtListener's citation-lookup shape).",
		"operationId": "post_citations",
		"requestBody": map[string]any{"required": true, "content": map[string]any{
			"text/plain":                        map[string]any{"schema": str},
			"application/x-www-form-urlencoded": map[string]any{"schema": map[string]any{"type": "object", "required": []string{"text"}, "properties": map[string]any{"text": str}}},
			"application/json":                  map[string]any{"schema": map[string]any{"type": "object", "required": []string{"text"}, "properties": map[string]any{"text": str}}},
		}},
		"responses": map[string]any{
			"200":     map[string]any{"description": "One entry per citation found, in text order", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "array"}}}},
			"default": map[string]any{"description": "A problem: 400 empty text, 413 over 256 KB, 415 another body type", "content": problem},
		},
	}}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "lexsearch",
			"version":     "1",
			"description": "Full-text, faceted search over court opinions, dockets, case summaries, reports and articles on online sex-trafficking law.",
		},
		"paths": paths,
		"components": map[string]any{"schemas": map[string]any{"Problem": map[string]any{
			"type": "object",
			"properties": map[string]any{
				"type": str, "title": str, "status": map[string]any{"type": "integer"}, "detail": str,
				"param": str, "instance": str, "request_id": str,
			},
		}}},
	}
}

func handleOpenAPI() http.HandlerFunc {
	spec := openAPI()
	return func(w http.ResponseWriter, r *http.Request) { writeJSON(w, r, spec) }
}
