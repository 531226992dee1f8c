package indexer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
)

// prepareFile runs Prepare on a file of the repository's testdata.
func prepareFile(t *testing.T, ix *Indexer, path string) *corpus.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := corpus.Source{ID: corpus.SourceID(path), Path: filepath.Base(path), Format: corpus.FormatOf(path)}
	doc, err := ix.Prepare(t.Context(), src, data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

// pacerToCourtsDB are the courts whose PACER id (the fixtures' court_id)
// is not courts-db's id, which the index uses.
var pacerToCourtsDB = map[string]string{"azb": "arb"}

// TestDocketFixtureCourts: every PACER docket sheet of the fixtures (the
// district, bankruptcy and appellate pages copied from juriscraper) gets
// the court its heading names, as a real court id.
func TestDocketFixtureCourts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("extract", "testdata", "dockets", "*", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no docket fixtures: %v", err)
	}
	ix := New(quiet(), Options{})
	n := 0
	for _, file := range files {
		if strings.Contains(file, "not_dockets") {
			continue
		}
		raw, err := os.ReadFile(strings.TrimSuffix(file, ".html") + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var want struct {
			Court  string `json:"court_id"`
			Docket string `json:"docket_number"`
		}
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if want.Docket == "" {
			continue // "{}": the fixture records nothing for this page
		}
		if id, ok := pacerToCourtsDB[want.Court]; ok {
			want.Court = id
		}
		n++
		doc := prepareFile(t, ix, file)
		if doc.Court != want.Court {
			t.Errorf("%s: court %q, want %q", file, doc.Court, want.Court)
		}
		if doc.Court != "" && entity.CourtName(doc.Court) == "" {
			t.Errorf("%s: court %q is not in the court table", file, doc.Court)
		}
	}
	t.Logf("%d docket pages", n)
}

// TestPDFFixtureCourts: every shared PDF with a text layer gets the
// deciding court that meta_gold.json (written by hand) names.
func TestPDFFixtureCourts(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "meta_gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Documents map[string]struct {
			Court string `json:"court"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	ix := New(quiet(), Options{})
	right, total := 0, 0
	for key, g := range gold.Documents {
		base := filepath.Base(key)
		path := filepath.Join("extract", "testdata", "pdf", base)
		if _, err := os.Stat(path); err != nil {
			path = filepath.Join("testdata", "pdf", base)
		}
		total++
		doc := prepareFile(t, ix, path)
		if doc.Court == g.Court {
			right++
		} else {
			t.Errorf("%s: court %q, want %q", base, doc.Court, g.Court)
		}
	}
	t.Logf("court right on %d of %d PDFs", right, total)
}
