package search_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/search"
)

// The search tests run against the embedded sample corpus, indexed once
// with the real indexer into a directory shared by the package's tests.
var (
	sampleOnce  sync.Once
	sampleIdx   *search.Index
	sampleErr   error
	sampleDir   string
	sampleClose func() error
)

func sampleIndex(tb testing.TB) *search.Index {
	tb.Helper()
	sampleOnce.Do(func() {
		sampleDir, sampleErr = tempDir()
		if sampleErr != nil {
			return
		}
		ix := indexer.New(slog.New(slog.NewTextHandler(io.Discard, nil)), indexer.Options{})
		if _, sampleErr = ix.Ingest(context.Background(), sampleDir, []indexer.Input{{FS: corpus.Docs()}}, indexer.Mode{}); sampleErr != nil {
			return
		}
		bidx, err := indexer.OpenIndex(sampleDir)
		if err != nil {
			sampleErr = err
			return
		}
		sampleClose = bidx.Close
		sampleIdx, sampleErr = search.New(bidx)
	})
	if sampleErr != nil {
		tb.Fatal(sampleErr)
	}
	return sampleIdx
}

func sources(res *search.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Source)
	}
	return out
}

const (
	salesforce = "docketalarm-gg-v-salesforce-ilnd-2022.txt"
	twitter    = "sherloc-doe-v-twitter-ndcal-2021.txt"
	essay      = "essay-human-trafficking-digital-media.txt"
	unicef     = "unicef-usa-innocent-victims-2018.txt"
	paper      = "white-paper-combating-online-sex-trafficking-2018.md"
)

func TestSearch(t *testing.T) {
	idx := sampleIndex(t)
	for _, tc := range []struct {
		name string
		req  search.Request
		want []string // sources, in order when ordered is set
		// ordered: the order of hits matters
		ordered bool
	}{
		{"phrase", search.Request{Q: `"affirmative defense"`}, []string{salesforce}, false},
		{"stop words dropped", search.Request{Q: "motion to dismiss", Types: []string{"opinion"}}, []string{salesforce}, false},
		{"or", search.Request{Q: "Twitter OR Salesforce", Types: []string{"opinion", "case-summary"}}, []string{salesforce, twitter}, false},
		{"not", search.Request{Q: "trafficking NOT Backpage"}, []string{paper, twitter}, false},
		{"field statute alias", search.Request{Q: "statute:tvpra"}, []string{twitter}, false},
		{"field court by name", search.Request{Q: `court:"N.D. Cal."`}, []string{twitter}, false},
		{"field party folded", search.Request{Q: `party:"salesforce.com inc"`}, []string{salesforce}, false},
		{"accents folded", search.Request{Q: "defendeur"}, []string{twitter}, false},
		{"prefix uses the stem", search.Request{Q: "beneficiar*", Courts: []string{"cand"}}, []string{twitter}, false},
		{"docket as printed on the opinion", search.Request{Q: "docket:20-cv-02335"}, []string{salesforce}, false},
		{"docket with its office", search.Request{Q: "docket:1:20-cv-02335"}, []string{salesforce}, false},
		{"docket with its label", search.Request{Q: `docket:"No. 20-cv-02335"`}, []string{salesforce}, false},
		{"docket typed loosely", search.Request{Q: "docket:20-CV-2335"}, []string{salesforce}, false},
		{"docket typed without hyphens", search.Request{Q: "docket:20cv2335"}, []string{salesforce}, false},
		{"docket of another office", search.Request{Q: "docket:2:20-cv-02335"}, nil, false},
		{"year filter", search.Request{Years: []string{"2018"}}, []string{paper, unicef}, false},
		{"date range", search.Request{From: "2018-02", To: "2021"}, []string{paper, twitter}, false},
		{"range in the query", search.Request{Q: "date:[2018-02-01 TO 2021]"}, []string{paper, twitter}, false},
		{"CourtListener % excludes", search.Request{Q: "trafficking % Backpage"}, []string{paper, twitter}, false},
		{"two filters AND", search.Request{Statutes: []string{"FOSTA"}, Types: []string{"report"}}, []string{paper}, false},
		{"newest first", search.Request{Sort: search.SortDateDesc}, []string{salesforce, twitter, paper, unicef, essay}, true},
		{"oldest first", search.Request{Sort: search.SortDate}, []string{essay, unicef, paper, twitter, salesforce}, true},
		{"second page", search.Request{Sort: search.SortDate, Size: 2, Page: 2}, []string{paper, twitter}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := idx.Search(t.Context(), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			got := sources(res)
			if !tc.ordered {
				slices.Sort(got)
				slices.Sort(tc.want)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("hits %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSearchRequestErrors(t *testing.T) {
	idx := sampleIndex(t)
	for _, tc := range []struct {
		req   search.Request
		param string
	}{
		{search.Request{Q: `"unbalanced`}, "q"},
		{search.Request{Q: "a w/5 b"}, "q"},
		{search.Request{Q: "court:atlantis"}, "q"},
		{search.Request{Statutes: []string{"the law of gravity"}}, "statute"},
		{search.Request{Courts: []string{"atlantis"}}, "court"},
		{search.Request{Size: 1000}, "size"},
	} {
		_, err := idx.Search(t.Context(), tc.req)
		var re *search.RequestError
		if !errors.As(err, &re) || re.Param != tc.param {
			t.Errorf("%+v: error %v, want a RequestError on %s", tc.req, err, tc.param)
		}
	}
}

func TestDocument(t *testing.T) {
	idx := sampleIndex(t)
	doc, err := idx.Document(t.Context(), sampleID(t, salesforce))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Source != salesforce || len(doc.Pages) != 15 || doc.Pages[6].Number != 7 || len(doc.Entities) == 0 {
		t.Errorf("document: source %q, %d pages, %d entities", doc.Source, len(doc.Pages), len(doc.Entities))
	}
	if _, err := idx.Document(t.Context(), "nope"); !errors.Is(err, corpus.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
}

func ExampleIndex_Search() {
	// Index two small documents into a throw-away data directory.
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	docs := fstest.MapFS{
		"order.txt": {Data: []byte("UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF ILLINOIS\n\n" +
			"MEMORANDUM OPINION AND ORDER\n\nSection 230 functions as an affirmative defense.")},
		"essay.txt": {Data: []byte("An essay on the defense of online platforms.")},
	}
	ix := indexer.New(slog.New(slog.NewTextHandler(io.Discard, nil)), indexer.Options{})
	if _, err := ix.Ingest(context.Background(), dir, []indexer.Input{{FS: docs}}, indexer.Mode{}); err != nil {
		fmt.Println(err)
		return
	}
	bidx, err := indexer.OpenIndex(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer bidx.Close()
	idx, _ := search.New(bidx)

	// Every word must match; the court filter takes a name or an id.
	res, err := idx.Search(context.Background(), search.Request{
		Q:      "affirmative defense",
		Courts: []string{"N.D. Ill."},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range res.Hits {
		fmt.Println(h.Source, h.Court.ID, h.Type)
		fmt.Printf("p. %d: %s\n", h.Snippets[0].Page, h.Snippets[0].Text)
	}
	// Output:
	// order.txt ilnd opinion
	// p. 1: … DISTRICT OF ILLINOIS MEMORANDUM OPINION AND ORDER Section 230 functions as an <mark>affirmative</mark> <mark>defense</mark>.
}

func BenchmarkSearch(b *testing.B) {
	idx := sampleIndex(b)
	for _, req := range []search.Request{
		{Q: "beneficiary liability"},
		{Q: `"interactive computer service"`},
		{Statutes: []string{"47 U.S.C. § 230"}},
		{Q: "traffick*", Sort: search.SortDateDesc},
	} {
		b.Run(fmt.Sprintf("%q%v", req.Q, req.Statutes), func(b *testing.B) {
			for b.Loop() {
				if _, err := idx.Search(context.Background(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestPrefixExpansionIsCapped(t *testing.T) {
	var words strings.Builder
	for i := range 1200 {
		fmt.Fprintf(&words, "zq%dx ", i)
	}
	dir := t.TempDir()
	ix := indexer.New(slog.New(slog.NewTextHandler(io.Discard, nil)), indexer.Options{})
	docs := fstest.MapFS{"many.txt": {Data: []byte(words.String())}}
	if _, err := ix.Ingest(t.Context(), dir, []indexer.Input{{FS: docs}}, indexer.Mode{}); err != nil {
		t.Fatal(err)
	}
	bidx, err := indexer.OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer bidx.Close()
	idx, _ := search.New(bidx)
	_, err = idx.Search(t.Context(), search.Request{Q: "zq*"})
	var re *search.RequestError
	if !errors.As(err, &re) || !strings.Contains(re.Reason, "type more letters") {
		t.Errorf("zq*: %v, want a request error asking for more letters", err)
	}
	if res, err := idx.Search(t.Context(), search.Request{Q: "zq11*"}); err != nil || res.Total != 1 {
		t.Errorf("zq11*: %v, %v", res, err)
	}
	res, err := sampleIndex(t).Search(t.Context(), search.Request{Q: "amendment*"})
	if err != nil || res.Total == 0 {
		t.Errorf("amendment*: %v, %v; the stem amend should find amendments", res, err)
	}
}

// TestLookupCitations: a pasted passage gives each citation and statute
// with its span, and the sample documents that cite it.
func TestLookupCitations(t *testing.T) {
	idx := sampleIndex(t)
	text := "Plaintiffs rely on 18 U.S.C. § 1595 and on Doe v. Backpage.com, LLC, 817 F.3d 12 (1st Cir. 2016)."
	found, err := idx.LookupCitations(t.Context(), text)
	if err != nil {
		t.Fatal(err)
	}
	byNorm := map[string]search.Found{}
	for _, f := range found {
		byNorm[f.Normalized[0]] = f
		if got := string([]rune(text)[f.Start:f.End]); got != f.Citation {
			t.Errorf("%s: span %d-%d is %q, want %q", f.Normalized[0], f.Start, f.End, got, f.Citation)
		}
	}
	st, ok := byNorm["18 U.S.C. § 1595"]
	if !ok || st.Kind != "statute" || st.Status != 200 || len(st.Documents) == 0 {
		t.Fatalf("18 U.S.C. § 1595: %+v (all: %+v)", st, found)
	}
	for _, d := range st.Documents {
		if d.Relation != "cites" || !slices.Contains(d.Statutes, "18 U.S.C. § 1595") {
			t.Errorf("document %s (%s) does not cite § 1595: %+v", d.ID, d.Title, d)
		}
	}
	bp, ok := byNorm["817 F.3d 12"]
	if !ok || bp.Kind != "citation" || bp.Court != "ca1" || bp.Year != 2016 {
		t.Fatalf("817 F.3d 12: %+v", bp)
	}

	if _, err := idx.LookupCitations(t.Context(), strings.Repeat("x", search.MaxCiteText+1)); err == nil {
		t.Error("an over-long text was accepted")
	}
}

// TestPartyAndCourtFilters: filters take what a person types. A party is
// found by its leading words, whatever the case; a court by any of its
// names; a party that matches nothing is a 400 naming the closest values.
func TestPartyAndCourtFilters(t *testing.T) {
	idx := sampleIndex(t)
	for _, tc := range []struct {
		req  search.Request
		want []string
	}{
		{search.Request{Parties: []string{"Twitter"}}, []string{twitter}},
		{search.Request{Parties: []string{"twitter, inc"}}, []string{twitter}},
		{search.Request{Parties: []string{"Salesforce"}}, []string{salesforce}},
		{search.Request{Parties: []string{"SALESFORCE.COM INC"}}, []string{salesforce}},
		{search.Request{Q: "party:Twitter"}, []string{twitter}},
		{search.Request{Courts: []string{"N.D. Calif."}}, []string{twitter}},
		{search.Request{Courts: []string{"California Northern District"}}, []string{twitter}},
		{search.Request{Courts: []string{"N.D. Illinois"}}, []string{salesforce}},
		{search.Request{Courts: []string{"ND Ill", "9th Circuit"}}, []string{salesforce}},
	} {
		res, err := idx.Search(t.Context(), tc.req)
		if err != nil {
			t.Errorf("%+v: %v", tc.req, err)
			continue
		}
		got := sources(res)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%+v: %q, want %q", tc.req, got, tc.want)
		}
	}
	_, err := idx.Search(t.Context(), search.Request{Parties: []string{"Twiter Inc"}})
	var re *search.RequestError
	if !errors.As(err, &re) || !strings.Contains(re.Error(), "Twitter, Inc.") {
		t.Errorf("unknown party: error %v, want a RequestError naming Twitter, Inc.", err)
	}
}

// Every statute value the facet shows filters to exactly the documents
// the facet counted, so a person can click any of them: over the sample
// corpus, and over documents citing state codes, hyphenated and decimal
// sections and ranges.
func TestStatuteFacetValuesFilter(t *testing.T) {
	t.Run("sample", func(t *testing.T) { checkStatuteFacetFilters(t, sampleIndex(t)) })
	t.Run("state codes and ranges", func(t *testing.T) {
		dir := t.TempDir()
		ix := indexer.New(slog.New(slog.NewTextHandler(io.Discard, nil)), indexer.Options{})
		docs := fstest.MapFS{
			"okla.txt": {Data: []byte("The court applied Okla. Stat. tit. 10A, §§ 7301-1.3 and 18 U.S.C. §§ 1591-1595; see also § 7302-2.2 " +
				"and Cal. Penal Code § 236.1.")},
			"title7.txt": {Data: []byte("Claims under 42 U.S.C. § 2000e-2(a), 720 ILCS 5/10-9 and Okla. Stat. tit. 10A, § 7301-1.3.")},
			"regs.txt":   {Data: []byte("See 28 C.F.R. § 35.130 and 48 CFR Part 38; Mass. Gen. Laws ch. 265, § 50; 18 U.S.C. § 1591.")},
		}
		if _, err := ix.Ingest(t.Context(), dir, []indexer.Input{{FS: docs}}, indexer.Mode{}); err != nil {
			t.Fatal(err)
		}
		bidx, err := indexer.OpenIndex(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer bidx.Close()
		idx, _ := search.New(bidx)
		checkStatuteFacetFilters(t, idx)
		res, err := idx.Search(t.Context(), search.Request{Statutes: []string{"Okla. Stat. tit. 10A § 7301-1.3"}})
		if err != nil || res.Total != 2 {
			t.Errorf("statute=Okla. Stat. tit. 10A § 7301-1.3: %v documents, %v; want 2", res, err)
		}
	})
}

func checkStatuteFacetFilters(t *testing.T, idx *search.Index) {
	t.Helper()
	res, err := idx.Search(t.Context(), search.Request{Facets: []string{corpus.FieldStatutes}, FacetSize: search.MaxFacetSize})
	if err != nil {
		t.Fatal(err)
	}
	buckets := res.Facets[corpus.FieldStatutes]
	if len(buckets) < 5 {
		t.Fatalf("only %d statute values in the sample corpus: %+v", len(buckets), buckets)
	}
	for _, b := range buckets {
		got, err := idx.Search(t.Context(), search.Request{Statutes: []string{b.Value}, Size: 1})
		if err != nil {
			t.Errorf("statute=%q: %v", b.Value, err)
			continue
		}
		if int(got.Total) != b.Count {
			t.Errorf("statute=%q: %d documents, the facet says %d", b.Value, got.Total, b.Count)
		}
	}
}
