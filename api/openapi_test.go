package api

import (
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/mux"
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
