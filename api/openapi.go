package api

import (
	"cmp"
	"maps"
	"net/http"
	"strconv"
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
	{"type", "query", "Only documents of this type (or CourtListener's o for opinions, r or d for dockets). Repeat to OR.", enum(append(append([]string{}, corpus.Types...), "o", "r", "d")...), true},
	{"lang", "query", "Only documents in this language (ISO 639-1). Repeat to OR.", str, true},
	{"year", "query", "Only documents of this year. Repeat to OR.", str, true},
	{"from", "query", "Only documents dated on or after this day, month or year (YYYY[-MM[-DD]]).", str, false},
	{"to", "query", "Only documents dated on or before this day, month or year (YYYY[-MM[-DD]]).", str, false},
	{"sort", "query", "Order of hits.", enum(search.SortRelevance, search.SortDate, search.SortDateDesc), false},
	{"size", "query", "Hits per page, at most 100 (default 10).", num, false},
	{"page", "query", "Page of hits, from 1; pages reach hit 10,000 at most (use cursor beyond).", num, false},
	{"cursor", "query", "The next_cursor of the previous page: continues after its last hit, with no depth limit (the next URL carries it).", str, false},
	{"facet", "query", "Facets to count (default all; none for no counts). Repeatable.", enum(append(append([]string{}, corpus.Facets...), search.FacetNone)...), true},
	{"facet.size", "query", "Values per facet, at most 500 (default 20).", num, false},
	{"facet.prefix", "query", "Only facet values starting with this, case ignored.", str, false},
	{"explain", "query", "Add to each hit the words, fields and aliases that matched.", flag, false},
	{"format", "query", "json (default) or text: one page. csv, ndjson, ris, csl: every hit, streamed.", enum(append(append([]string{}, pageFormats...), exportFormats...)...), false},
	{"order_by", "query", "CourtListener's name for sort.", enum("score desc", "dateFiled desc", "dateFiled asc"), false},
	{"filed_after", "query", "CourtListener's name for from: YYYY-MM-DD or MM/DD/YYYY.", str, false},
	{"filed_before", "query", "CourtListener's name for to: YYYY-MM-DD or MM/DD/YYYY.", str, false},
	{"case_name", "query", `CourtListener's case_name: adds title:"..." to q.`, str, false},
	{"docket_number", "query", `CourtListener's docket_number: adds docket:"..." to q.`, str, false},
	{"passages", "query", "With format=csv or ndjson: one row per matching passage (id, title, court, date, page, section, snippet, pin_cite, url) instead of one per document.", flag, false},
}

var idParam = param{"id", "path", "Document id, as in hits.", str, false}

// A body is one content type of a request or response: a Go value whose
// type is its JSON schema (see schemas), or a description of a body that
// is not JSON.
type body struct {
	desc  string
	value any // nil: not JSON; a map[string]any: a schema written out; oneOf: one of several Go types
}

// oneOf is a body that is one of several Go types' encodings.
type oneOf []any

func text(desc string) body { return body{desc: desc} }

// operation is one endpoint's description.
type operation struct {
	id            string // operationId: the method name in generated clients
	method        string // "" is GET
	path, summary string
	params        []param
	responses     map[string]body // content type -> body of a success
	status        int             // the success status; 0 is 200
	request       map[string]body // content type -> request body (POST)
	also          map[int]string  // other statuses worth naming: 422, 204
}

// documentJSON is /documents/{id} as JSON (documentView builds it): the
// fields a hit has, with the same names and types (court as {id, name},
// lists in the plural), and the rest of the document's metadata. A hit is
// a document plus score and snippets.
type documentJSON struct {
	ID          string           `json:"id"`
	Source      string           `json:"source"`
	Format      corpus.Format    `json:"format"`
	Title       string           `json:"title"`
	Type        string           `json:"type"`
	Court       *search.Court    `json:"court,omitempty"`
	Docket      string           `json:"docket,omitempty"`
	Date        string           `json:"date,omitempty"`
	Year        string           `json:"year,omitempty"`
	Lang        string           `json:"lang,omitempty"`
	Statutes    []string         `json:"statutes,omitempty"`
	Citations   []string         `json:"citations,omitempty"`
	Parties     []string         `json:"parties,omitempty"`
	Judges      []string         `json:"judges,omitempty"`
	PageNumbers []int            `json:"page_numbers,omitempty"`
	Entities    []corpus.Entity  `json:"entities,omitempty"`
	Sections    []corpus.Section `json:"sections,omitempty"`
	Text        string           `json:"text_url"`
	Original    string           `json:"original_url"`
}

// uploadsJSON is the answer to a POST /documents of several files.
type uploadsJSON struct {
	Documents []addedView `json:"documents"`
}

// entitiesJSON is /entities/{kind} as JSON.
type entitiesJSON struct {
	Kind   string               `json:"kind"`
	Values []search.EntityValue `json:"values"`
}

// endpointsJSON is / as JSON.
type endpointsJSON struct {
	Name      string     `json:"name"`
	Endpoints []endpoint `json:"endpoints"`
	OpenAPI   string     `json:"openapi"`
}

type endpoint struct {
	Path    string `json:"path"`
	Summary string `json:"summary"`
}

// The component names of the types whose Go names are the package's own.
func (problem) schemaName() string       { return "Problem" }
func (documentJSON) schemaName() string  { return "Document" }
func (addedView) schemaName() string     { return "Upload" }
func (uploadsJSON) schemaName() string   { return "Uploads" }
func (entitiesJSON) schemaName() string  { return "EntityValues" }
func (endpointsJSON) schemaName() string { return "Endpoints" }
func (endpoint) schemaName() string      { return "Endpoint" }

var (
	statusJSON = map[string]any{"type": "object", "required": []string{"status"}, "properties": map[string]any{"status": str}}
	readyJSON  = map[string]any{"type": "object", "required": []string{"status", "documents"},
		"properties": map[string]any{"status": str, "documents": map[string]any{"type": "integer"}}}
	textField = map[string]any{"type": "object", "required": []string{"text"}, "properties": map[string]any{"text": str}}
	// openAPIJSON says what this document has at its top, and that it has
	// more: a bare {"type": "object"} reads as an empty object to
	// openapi-typescript (Record<string, never>).
	anyObject   = map[string]any{"type": "object", "additionalProperties": true}
	openAPIJSON = map[string]any{"type": "object", "required": []string{"openapi", "info", "paths"}, "additionalProperties": true,
		"properties": map[string]any{"openapi": str, "info": anyObject, "paths": anyObject}}
)

// operations describes every route of routes.go; a test checks that the
// two agree, route by route and parameter by parameter.
func operations() []operation {
	html := text("The page, for a browser (Accept: text/html and no format)")
	result := body{"Result", search.Result{}}
	return []operation{
		{id: "search", path: "/search", summary: "Search documents: hits with snippets (each with its page), facet counts, a year histogram.", params: searchParamDocs,
			responses: map[string]body{"application/json": result, "text/plain": text("Readable result for terminals"), "text/csv": text("Every hit"),
				"application/x-ndjson": text("Every hit, one JSON object a line"), "application/x-research-info-systems": text("Every hit as RIS"),
				"application/vnd.citationstyles.csl+json": text("Every hit as CSL-JSON"), "text/html": html}},
		{id: "searchFeed", path: "/feed.atom", summary: "The newest documents matching a search, as an Atom feed: a saved search.",
			params:    withoutParams(searchParamDocs, "sort", "cursor", "page", "facet", "facet.size", "facet.prefix", "explain", "format", "passages"),
			responses: map[string]body{"application/atom+xml": text("Atom feed")}},
		{id: "getDocument", path: "/documents/{id}", summary: "A document's metadata and every entity mention with its page.",
			params:    []param{idParam, {"format", "query", "json: the JSON even in a browser (the only format).", enum("json"), false}},
			responses: map[string]body{"application/json": {"Document", documentJSON{}}, "text/html": html}},
		{id: "getDocumentText", path: "/documents/{id}/text", summary: "A document's clean text, a line '=== page N ===' before each page. A page that is not in the document is a 404 that says how many pages there are.",
			params: []param{idParam, {"page", "query", "Only the page with this number.", num, false},
				{"pages", "query", "Only the pages numbered in this range, A-B inclusive (3-5).", str, false}},
			responses: map[string]body{"text/plain": text("Text")}},
		{id: "getDocumentOriginal", path: "/documents/{id}/original", summary: "The file as ingested: a PDF inline, anything else as a text/plain download.", params: []param{idParam},
			responses: map[string]body{"application/pdf": text("The original PDF"), "text/plain": text("The original file, as text")}},
		{id: "similarDocuments", path: "/documents/{id}/similar", summary: "Documents citing the same cases and statutes, then sharing distinctive words.",
			params: []param{idParam, {"size", "query", "How many, at most 100.", withDefault(num, 10), false},
				{"format", "query", "json or text", enum(pageFormats...), false}},
			responses: map[string]body{"application/json": result, "text/plain": text("Readable result")}},
		{id: "listEntities", path: "/entities/{kind}", summary: "Canonical values of an entity kind with document counts and the aliases filters accept.",
			params: []param{{"kind", "path", "statute, court, party, judge, citation or docket", enum(search.EntityKinds...), false},
				{"prefix", "query", "Only values (for courts: ids or names) starting with this, case ignored.", str, false},
				{"size", "query", "How many, at most 1,000.", withDefault(num, 50), false}},
			responses: map[string]body{"application/json": {"Values", entitiesJSON{}}}},
		{id: "lookupCitations", method: http.MethodPost, path: "/citations", summary: "Every case citation and statute in a text, with the documents of the collection that are that case or cite it (CourtListener's citation-lookup shape).",
			request: map[string]body{"text/plain": text("The text"), "application/x-www-form-urlencoded": {"text=...", textField},
				"application/json": {`{"text": ...}`, textField}},
			responses: map[string]body{"application/json": {"One entry per citation found, in text order", []search.Found{}}}},
		{id: "addDocuments", method: http.MethodPost, path: "/documents", summary: "Add files (a raw body named by ?name= or Content-Disposition, or multipart/form-data); needs 'Authorization: Bearer TOKEN'. 201 created, 200 replaced or unchanged, 422 skipped with its reason.",
			params: []param{{"name", "query", "The file's name, for a raw body.", str, false}}, status: http.StatusCreated,
			request: map[string]body{"application/octet-stream": text("One file"),
				"multipart/form-data": {"One or more files", map[string]any{"type": "object", "properties": map[string]any{
					"file": map[string]any{"type": "array", "items": map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}}}}}},
			responses: map[string]body{"application/json": {"The outcome of one file, or of each (documents)", oneOf{addedView{}, uploadsJSON{}}}},
			also:      map[int]string{http.StatusOK: "Replaced or unchanged", http.StatusUnprocessableEntity: "Skipped, with its reason"}},
		{id: "deleteDocument", method: http.MethodDelete, path: "/documents/{id}", summary: "Remove a document; needs 'Authorization: Bearer TOKEN'.", params: []param{idParam},
			status: http.StatusNoContent},
		{id: "metrics", path: "/metrics", summary: "Counters, latencies and index size in the Prometheus text format.", responses: map[string]body{"text/plain": text("Prometheus metrics")}},
		{id: "health", path: "/healthz", summary: "200 while the process runs.", responses: map[string]body{"application/json": {"Status", statusJSON}}},
		{id: "ready", path: "/readyz", summary: "200 with the document count once the index answers, else 503.", responses: map[string]body{"application/json": {"Status", readyJSON}}},
		{id: "openAPI", path: "/openapi.json", summary: "This description.", responses: map[string]body{"application/json": {"OpenAPI 3.1 document", openAPIJSON}}},
		{id: "endpoints", path: "/", summary: "The list of endpoints; the search page for a browser.", responses: map[string]body{"application/json": {"Endpoints", endpointsJSON{}}, "text/html": html}},
		{id: "asset", path: "/ui/{file}", summary: "The stylesheet, script and icon of the HTML pages.",
			params:    []param{{"file", "path", "An asset name, as the pages link it.", str, false}, {"v", "query", "The asset's version, for caching.", str, false}},
			responses: map[string]body{"text/css": text("Stylesheet"), "text/javascript": text("Script"), "image/svg+xml": text("Icon")}},
	}
}

func withDefault(schema map[string]any, v any) map[string]any {
	out := maps.Clone(schema)
	out["default"] = v
	return out
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

// openAPI builds the OpenAPI 3.1 document: parameters from the tables
// above, schemas from the Go types the handlers encode.
func openAPI() map[string]any {
	sc := newSchemas()
	problemRef := sc.ref(problem{})
	problems := map[string]any{"application/problem+json": map[string]any{"schema": problemRef}}
	content := func(bodies map[string]body) map[string]any {
		out := map[string]any{}
		for ct, b := range bodies {
			var schema map[string]any
			switch v := b.value.(type) {
			case nil:
				schema = map[string]any{"type": "string", "description": b.desc}
			case map[string]any:
				schema = v
			case oneOf:
				var alts []any
				for _, t := range v {
					alts = append(alts, sc.ref(t))
				}
				schema = map[string]any{"oneOf": alts}
			default:
				schema = sc.ref(v)
			}
			out[ct] = map[string]any{"schema": schema}
		}
		return out
	}
	paths := map[string]any{}
	for _, op := range operations() {
		params := []any{}
		for _, p := range op.params {
			schema := p.schema
			if p.repeat {
				schema = map[string]any{"type": "array", "items": p.schema}
			}
			pm := map[string]any{"name": p.name, "in": p.in, "description": p.desc, "required": p.in == "path", "schema": schema}
			if p.repeat {
				pm["style"], pm["explode"] = "form", true
			}
			params = append(params, pm)
		}
		method := strings.ToLower(cmp.Or(op.method, http.MethodGet))
		status := cmp.Or(op.status, http.StatusOK)
		ok := map[string]any{"description": http.StatusText(status)}
		if len(op.responses) > 0 {
			ok["content"] = content(op.responses)
		}
		// Every error is a Problem; 4XX and 5XX (not default) so that
		// linters and generators see the client errors named.
		responses := map[string]any{
			strconv.Itoa(status): ok,
			"4XX": map[string]any{"description": "A problem (RFC 9457): 400 bad request, 401/403 no write access, 404 not found, 405 wrong method (see Allow), 413 too large, 415 unsupported type, 429 busy (see Retry-After)",
				"content": problems},
			"5XX": map[string]any{"description": "A problem (RFC 9457): 500 internal error (the log has it under request_id), 503 not ready, 504 timeout",
				"content": problems},
		}
		for code, desc := range op.also {
			c := content(op.responses)
			if code >= 400 { // a single file's 422 is a Problem carrying its outcome
				maps.Copy(c, problems)
			}
			r := map[string]any{"description": desc}
			if len(c) > 0 {
				r["content"] = c
			}
			responses[strconv.Itoa(code)] = r
		}
		o := map[string]any{
			"summary":     op.summary,
			"operationId": op.id,
			"parameters":  params,
			"responses":   responses,
			"security":    []any{}, // anyone may call it
		}
		if len(op.request) > 0 {
			o["requestBody"] = map[string]any{"required": true, "content": content(op.request)}
		}
		if (op.method == http.MethodPost || op.method == http.MethodDelete) && op.path != "/citations" {
			o["security"] = []any{map[string]any{"token": []any{}}}
		}
		item, _ := paths[op.path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[op.path] = item
		}
		item[method] = o
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "lexsearch",
			"version":     "1",
			"description": "Full-text, faceted search over court opinions, dockets, case summaries, reports and articles on online sex-trafficking law.",
			"license":     map[string]any{"name": "See the project repository"},
		},
		"servers": []any{map[string]any{"url": "/"}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": sc.components,
			"securitySchemes": map[string]any{"token": map[string]any{"type": "http", "scheme": "bearer",
				"description": "The write token (LEXSEARCH_TOKEN or -token-file); writes are refused without one."}},
		},
	}
}

func handleOpenAPI() http.HandlerFunc {
	spec := openAPI()
	return func(w http.ResponseWriter, r *http.Request) { writeJSON(w, r, spec) }
}
