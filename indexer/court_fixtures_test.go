package indexer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

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

// courtsDBID maps a fixture's court_id (PACER's id) to the id of the
// court table, which the index uses: they differ for a few courts (PACER's
// azb is courts-db's arb).
func courtsDBID(pacer string) string {
	if id, ok := entity.NormalizeCourt(pacer); ok {
		return id
	}
	return pacer
}

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
		want.Court = courtsDBID(want.Court)
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

// fixtureFiles lists the real documents the tests read: the docket pages,
// the PDFs with a text layer and the embedded samples.
func fixtureFiles(t *testing.T) []string {
	var files []string
	for _, g := range []string{"extract/testdata/dockets/*/*.html", "extract/testdata/pdf/*.pdf", "testdata/pdf/*.pdf"} {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	return files
}

// nameRoleWords are words that a careless tagger takes for a name.
var nameRoleWords = map[string]bool{
	"signed": true, "jury": true, "trial": true, "arraignment": true, "defendant": true, "plaintiff": true,
	"this": true, "the": true, "and": true, "judge": true, "court": true, "district": true, "order": true,
	"hearing": true, "motion": true, "date": true, "filed": true, "clerk": true, "status": true, "act": true,
	"petitioner": true, "respondent": true, "appellant": true, "appellee": true, "debtor": true, "trustee": true,
}

// TestJudgeFacetValues: over every shared document, each judge value is
// a person's name: no role word, date, court name or fragment.
func TestJudgeFacetValues(t *testing.T) {
	ix := New(quiet(), Options{})
	for _, file := range fixtureFiles(t) {
		doc, err := func() (*corpus.Document, error) {
			data, err := os.ReadFile(file)
			if err != nil {
				return nil, err
			}
			src := corpus.Source{ID: corpus.SourceID(file), Path: filepath.Base(file), Format: corpus.FormatOf(file)}
			return ix.Prepare(t.Context(), src, data)
		}()
		if err != nil {
			continue // a scanned PDF: no text, nothing to tag
		}
		for _, j := range doc.Judges {
			if !isName(j) {
				t.Errorf("%s: judge %q is not a name", file, j)
			}
		}
	}
}

// TestQuotedJudgesAreNotTheDocuments: an essay that quotes "Judge Stern"
// has no judge of its own.
func TestQuotedJudgesAreNotTheDocuments(t *testing.T) {
	ix := New(quiet(), Options{})
	const path = "essay-human-trafficking-digital-media.txt"
	data, err := ix.Read(corpus.Docs(), path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ix.Prepare(t.Context(), corpus.Source{ID: corpus.SourceID(path), Path: path, Format: corpus.FormatOf(path)}, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Judges) != 0 {
		t.Errorf("judges %q, want none", doc.Judges)
	}
}

// TestFixtureReport prints how often the court and judge facets are right
// over the shared fixtures (run with -v). Court: each docket page against
// its court_id, each PDF against meta_gold.json; a wrong court is a false
// positive and a false negative. Judge recall: each docket's assigned
// judge among the document's judges; judge precision: the share of judge
// values over every fixture that are a person's name (no role word, date,
// digit or fragment; see TestJudgeFacetValues). The thresholds live in
// the tests above.
func TestFixtureReport(t *testing.T) {
	ix := New(quiet(), Options{})
	var court, judge score
	names, values := 0, 0
	fold := func(s string) string {
		return strings.ToLower(strings.Join(strings.Fields(strings.NewReplacer(".", " ", ",", " ").Replace(s)), " "))
	}
	countCourt := func(got, want string) {
		switch {
		case got == want:
			court.tp++
		case got == "":
			court.fn++
		default:
			court.fp++
			court.fn++
		}
	}
	countJudges := func(js []string) {
		for _, j := range js {
			values++
			if isName(j) {
				names++
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join("extract", "testdata", "dockets", "*", "*.html"))
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
			Judge  string `json:"assigned_to_str"`
		}
		if json.Unmarshal(raw, &want) != nil || want.Docket == "" {
			continue
		}
		want.Court = courtsDBID(want.Court)
		doc := prepareFile(t, ix, file)
		countCourt(doc.Court, want.Court)
		countJudges(doc.Judges)
		if want.Judge != "" {
			found := false
			for _, j := range doc.Judges {
				found = found || fold(j) == fold(want.Judge)
			}
			if found {
				judge.tp++
			} else {
				judge.fn++
			}
		}
	}
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
	for key, g := range gold.Documents {
		path := filepath.Join("extract", "testdata", "pdf", filepath.Base(key))
		if _, err := os.Stat(path); err != nil {
			path = filepath.Join("testdata", "pdf", filepath.Base(key))
		}
		doc := prepareFile(t, ix, path)
		countCourt(doc.Court, g.Court)
		countJudges(doc.Judges)
	}
	t.Logf("court (dockets + PDFs):   tp %d fp %d fn %d  precision %.3f recall %.3f", court.tp, court.fp, court.fn, court.precision(), court.recall())
	t.Logf("judge (assigned judge):   tp %d fn %d  recall %.3f", judge.tp, judge.fn, judge.recall())
	t.Logf("judge values that are names: %d of %d (%.3f)", names, values, float64(names)/float64(max(values, 1)))
}

type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return float64(s.tp) / float64(max(s.tp+s.fp, 1)) }
func (s score) recall() float64    { return float64(s.tp) / float64(max(s.tp+s.fn, 1)) }

// isName reports whether a judge value reads as a person's name.
func isName(j string) bool {
	words := strings.Fields(j)
	if len(words) == 0 || strings.ContainsAny(j, "0123456789/:;()") {
		return false
	}
	if r := []rune(j); !unicode.IsUpper(r[0]) {
		return false
	}
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if nameRoleWords[lw] || strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s") {
			return false
		}
	}
	return true
}
