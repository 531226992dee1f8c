package api

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/mux"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"lexsearch/corpus"
	"lexsearch/search"
)

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	r := mux.NewRouter()
	addRoutes(r, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, Config{}.withDefaults())
	var routes []string
	err := r.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		p, err := route.GetPathTemplate()
		routes = append(routes, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	paths := openAPI()["paths"].(map[string]any)
	for _, p := range routes {
		if _, ok := paths[p]; !ok {
			t.Errorf("route %s is not in /openapi.json", p)
		}
	}
	for p := range paths {
		if !slices.Contains(routes, p) {
			t.Errorf("/openapi.json describes %s, which is not a route", p)
		}
	}
}

func TestOpenAPIDescribesEverySearchParam(t *testing.T) {
	var documented []string
	for _, p := range searchParamDocs {
		documented = append(documented, p.name)
		if strings.TrimSpace(p.desc) == "" {
			t.Errorf("parameter %s has no description", p.name)
		}
	}
	if !slices.Equal(documented, searchParams) {
		t.Errorf("documented %q, accepted %q", documented, searchParams)
	}
}

// TestOpenAPIOperationIDs: generated clients name their methods after
// operationIds, so each is a distinct lowerCamel identifier.
func TestOpenAPIOperationIDs(t *testing.T) {
	seen := map[string]string{}
	ident := regexp.MustCompile(`^[a-z][A-Za-z]*$`)
	for _, op := range operations() {
		if !ident.MatchString(op.id) {
			t.Errorf("%s %s: operationId %q is not a lowerCamel identifier", op.method, op.path, op.id)
		}
		if other, ok := seen[op.id]; ok {
			t.Errorf("operationId %q names both %s and %s", op.id, other, op.path)
		}
		seen[op.id] = op.path
	}
}

// TestOpenAPIComponentNames: generated clients make a type of each
// component, so each is named as a user would name it (Problem, Document),
// never after an unexported Go type (problem, documentJSON): such a type
// says its name with a schemaName method.
func TestOpenAPIComponentNames(t *testing.T) {
	public := regexp.MustCompile(`^[A-Z][A-Za-z]*$`)
	components := openAPI()["components"].(map[string]any)["schemas"].(map[string]any)
	for name := range components {
		if !public.MatchString(name) {
			t.Errorf("component %q: give its Go type a schemaName() with a public name", name)
		}
	}
	for _, name := range []string{"Result", "Hit", "Bucket", "Document", "Found", "Problem"} {
		if components[name] == nil {
			t.Errorf("no component %s", name)
		}
	}
}

type sameNameA struct{ A int }
type sameNameB struct{ B int }

func (sameNameA) schemaName() string { return "Same" }
func (sameNameB) schemaName() string { return "Same" }

// TestSchemaNameClash: two types under one component name would make one
// of them describe the other's answers; building the description refuses.
func TestSchemaNameClash(t *testing.T) {
	defer func() {
		if v := recover(); v == nil || !strings.Contains(fmt.Sprint(v), "both the schema Same") {
			t.Errorf("recovered %v, want a panic naming the clash", v)
		}
	}()
	sc := newSchemas()
	sc.ref(sameNameA{})
	sc.ref(sameNameB{})
}

// TestOpenAPIIsValid checks /openapi.json against the OpenAPI 3.1
// specification's own schema with a real validator (libopenapi-validator),
// so client generators and linters accept it.
func TestOpenAPIIsValid(t *testing.T) {
	v := specValidator(t)
	if ok, errs := v.ValidateDocument(); !ok {
		for _, e := range errs {
			t.Errorf("%s: %s", e.Message, e.Reason)
			for _, se := range e.SchemaValidationErrors {
				t.Errorf("  at %s: %s", se.FieldPath, se.Reason)
			}
		}
	}
}

// specValidator returns a validator of the document /openapi.json serves.
func specValidator(t *testing.T) validator.Validator {
	t.Helper()
	js, err := json.Marshal(openAPI())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := libopenapi.NewDocument(js)
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("the document does not build: %v", errs)
	}
	return v
}

// TestOpenAPIParamsAreTheRoutes: every query parameter the description
// names is one its route takes, and a parameter it does not name is
// refused: the router and the description agree parameter by parameter.
func TestOpenAPIParamsAreTheRoutes(t *testing.T) {
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), nil, Config{})
	fill := strings.NewReplacer("{id}", "doc1", "{kind}", "statute", "{file}", "style.css")
	unknown := func(rec *httptest.ResponseRecorder, name string) bool {
		var p problem
		_ = json.Unmarshal(rec.Body.Bytes(), &p)
		return rec.Code == http.StatusBadRequest && p.Param == name && strings.Contains(p.Detail, "unknown parameter")
	}
	for _, op := range operations() {
		method := cmp.Or(op.method, http.MethodGet)
		path := fill.Replace(op.path)
		for _, p := range op.params {
			if p.in != "query" {
				continue
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(method, path+"?"+url.Values{p.name: {"x"}}.Encode(), strings.NewReader("")))
			if unknown(rec, p.name) {
				t.Errorf("%s %s documents %s, but the route refuses it: %s", method, op.path, p.name, rec.Body)
			}
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, path+"?undocumented=1", strings.NewReader("")))
		if !unknown(rec, "undocumented") {
			t.Errorf("%s %s takes a parameter the description does not name: %d %s", method, op.path, rec.Code, rec.Body)
		}
	}
}

// TestMethodNotAllowedSaysAllow: a 405 names the methods the path takes.
func TestMethodNotAllowedSaysAllow(t *testing.T) {
	h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), nil, Config{})
	for target, want := range map[string]string{
		"/search":         "GET, HEAD",
		"/documents/doc1": "DELETE, GET, HEAD",
		"/citations":      "POST",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPut, target, nil))
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != want {
			t.Errorf("PUT %s: %d, Allow %q, want 405 and %q", target, rec.Code, rec.Header().Get("Allow"), want)
		}
	}
}

// TestOpenAPIListsTheValuesOfClosedFields: the fields that take only a
// few values (a document's type and format, an entity list's kind) list
// them, wherever the type appears (a cited document is a hit too).
func TestOpenAPIListsTheValuesOfClosedFields(t *testing.T) {
	comps := openAPI()["components"].(map[string]any)["schemas"].(map[string]any)
	for _, c := range []struct {
		component, prop string
		want            []string
	}{
		{"Hit", "type", corpus.Types},
		{"CitedDoc", "type", corpus.Types},
		{"Document", "type", corpus.Types},
		{"Document", "format", []string{"pdf", "html", "text", "markdown"}},
		{"EntityValues", "kind", search.EntityKinds},
	} {
		schema, _ := comps[c.component].(map[string]any)
		props, _ := schema["properties"].(map[string]any)
		prop, _ := props[c.prop].(map[string]any)
		if got, _ := prop["enum"].([]string); !slices.Equal(got, c.want) {
			t.Errorf("%s.%s: enum %v, want %v", c.component, c.prop, prop["enum"], c.want)
		}
	}
}
