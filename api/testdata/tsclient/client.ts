// A client of lexsearch as a TypeScript user writes one: types generated
// from the server's /openapi.json by openapi-typescript (lexsearch.d.ts,
// made by the test, never committed), calls made with openapi-fetch. tsc
// checks every call and field below against those types, so a change of
// the description that breaks a client breaks this program's build.
//
// Usage: node client.js BASE_URL TEXT
// Prints one JSON object with what the client read; api/client_test.go
// compares it with the server's own answers.
import createClient from "openapi-fetch";
import type { components, paths } from "./lexsearch.js";

type Problem = components["schemas"]["Problem"];
type Result = components["schemas"]["Result"];
type Document = components["schemas"]["Document"];
type Found = components["schemas"]["Found"];

declare const process: { argv: string[] }; // node's, without @types/node

const [base, text] = process.argv.slice(2);
// The media types read as typed JSON: answers and Problems (the same paths
// also answer text/plain, CSV, RIS... for other clients).
const client = createClient<paths, "application/json" | "application/problem+json">({ baseUrl: base });

function fail(what: string, status: number, error: unknown): never {
  throw new Error(`${what}: ${status} ${JSON.stringify(error)}`);
}

// A search with filters (repeated: OR) and facets.
const filtered = await client.GET("/search", {
  params: { query: { q: "trafficking", court: ["ilnd", "cand"], statute: ["18 U.S.C. § 1595"], facet: ["court", "type", "statute"], size: 5 } },
});
if (filtered.error) fail("search", filtered.response.status, filtered.error);
const search: Result = filtered.data;

// Every hit, page by page, following next until there is none: the typed
// call of /search with the query string the server put in next.
const pages: string[][] = [];
let page = await client.GET("/search", { params: { query: { size: 2, sort: "-date", facet: ["none"] } } });
for (;;) {
  if (page.error) fail("page", page.response.status, page.error);
  pages.push(page.data.hits.map((h) => h.id));
  if (!page.data.next || pages.length > 50) break;
  const next = new URL(page.data.next, base);
  page = await client.GET("/search", { querySerializer: () => next.search.slice(1) });
}

// The first hit's document, the text of its last page, and a page it
// does not have.
const id = search.hits[0]?.id ?? "";
const doc = await client.GET("/documents/{id}", { params: { path: { id } } });
if (doc.error) fail("document", doc.response.status, doc.error);
const document: Document = doc.data;
const lastPage = document.page_numbers?.at(-1) ?? 1;
const pageText = await client.GET("/documents/{id}/text", { params: { path: { id }, query: { page: lastPage } }, parseAs: "text" });
if (pageText.error) fail("text", pageText.response.status, pageText.error);
const noPage = await client.GET("/documents/{id}/text", { params: { path: { id }, query: { page: 9999 } }, parseAs: "text" });
const missingPage: Problem | undefined = noPage.error;

// The citations in a text, looked up in the collection.
const cited = await client.POST("/citations", { body: { text } });
if (cited.error) fail("citations", cited.response.status, cited.error);
const found: Found[] = cited.data;

// The description itself, which says its version.
const spec = await client.GET("/openapi.json");
if (spec.error) fail("openapi.json", spec.response.status, spec.error);
const openapi: string = spec.data.openapi;

// A query the server refuses: a 400 whose body is a Problem.
const bad = await client.GET("/search", { params: { query: { q: '"unbalanced quote' } } });
const problem: Problem | undefined = bad.error;

console.log(JSON.stringify({
  search,
  pages,
  document,
  page: lastPage,
  page_text: pageText.data,
  missing_page: { status: noPage.response.status, content_type: noPage.response.headers.get("content-type"), problem: missingPage },
  found,
  openapi,
  bad: { status: bad.response.status, content_type: bad.response.headers.get("content-type"), data: bad.data ?? null, problem },
}));
