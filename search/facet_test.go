package search_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"lexsearch/corpus"
	"lexsearch/search"
)

// randomRequest draws a query and filters from the generator's pools.
func randomRequest(r *rand.Rand) search.Request {
	var req search.Request
	switch r.IntN(4) {
	case 1:
		req.Q = genWords[r.IntN(len(genWords))]
	case 2:
		req.Q = genWords[r.IntN(len(genWords))] + " " + genWords[r.IntN(len(genWords))]
	case 3:
		req.Q = "title:" + genWords[r.IntN(len(genWords))]
	}
	some := func(pool []string) []string {
		if r.IntN(3) > 0 {
			return nil
		}
		var out []string
		for range 1 + r.IntN(2) {
			out = append(out, pool[r.IntN(len(pool))])
		}
		return out
	}
	req.Statutes = some(genStatutes)
	req.Courts = some(genCourts)
	req.Parties = some(genParties)
	req.Judges = some(genJudges)
	req.Types = some(corpus.Types)
	req.Years = some([]string{"2016", "2018", "2020", "2023"})
	if r.IntN(5) == 0 {
		req.From = fmt.Sprint(2015 + r.IntN(10))
	}
	if r.IntN(5) == 0 {
		req.To = fmt.Sprint(2018 + r.IntN(8))
	}
	req.FacetSize = []int{3, 20, 500}[r.IntN(3)]
	if r.IntN(6) == 0 {
		req.FacetPrefix = []string{"18", "j", "ca", "D"}[r.IntN(4)]
	}
	return req
}

// checkFacets compares our counts with bleve's for n random requests.
func checkFacets(t *testing.T, idx *search.Index, r *rand.Rand, n int) {
	t.Helper()
	for range n {
		req := randomRequest(r)
		res, err := idx.Search(t.Context(), req)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		facets, hist, total, err := idx.BleveFacets(t.Context(), req)
		if err != nil {
			t.Fatalf("%+v: bleve: %v", req, err)
		}
		if res.Total != total {
			t.Errorf("%+v: total %d, bleve %d", req, res.Total, total)
		}
		for name, want := range facets {
			got := res.Facets[name]
			for i := range got {
				got[i].Name = ""
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%+v: facet %s:\n got %v\nwant %v", req, name, got, want)
			}
		}
		if !reflect.DeepEqual(res.Histogram, hist) {
			t.Errorf("%+v: histogram:\n got %v\nwant %v", req, res.Histogram, hist)
		}
	}
}

// TestFacetCountsAgreeWithBleve is a property test: on a generated index,
// our facet counts, histogram and totals equal bleve's own, for random
// queries and filter combinations, before and after documents are added,
// replaced and deleted through the same open index.
func TestFacetCountsAgreeWithBleve(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 600 {
		docs = append(docs, genDoc(r, i, 1, 40))
	}
	addDocs(t, bidx, docs)
	idx := newSearch(t, bidx)
	checkFacets(t, idx, r, 150)

	// Adds, replaces (same id, new values) and deletes, in one batch.
	changeDocs(t, bidx, func(index func(*corpus.Document), del func(int)) {
		for i := 600; i < 700; i++ {
			index(genDoc(r, i, 1, 40))
		}
		for i := 0; i < 600; i += 7 {
			index(genDoc(r, i, 1, 40))
		}
		for i := 3; i < 600; i += 11 {
			del(i)
		}
	})
	checkFacets(t, idx, r, 150)
}

// TestEntitiesAgreeWithBleve checks the entity listings (GET
// /entities/{kind}) against bleve's facet counts over every document.
func TestEntitiesAgreeWithBleve(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 23))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 300 {
		docs = append(docs, genDoc(r, i, 1, 20))
	}
	addDocs(t, bidx, docs)
	idx := newSearch(t, bidx)
	for _, tc := range []struct {
		kind, prefix string
		size         int
	}{
		{corpus.FieldStatutes, "", 500}, {corpus.FieldParties, "", 4}, {corpus.FieldParties, "j", 500},
		{corpus.FieldJudges, "", 500}, {corpus.FieldCourt, "", 500},
	} {
		got, err := idx.Entities(t.Context(), tc.kind, tc.prefix, tc.size)
		if err != nil {
			t.Fatal(err)
		}
		facets, _, _, err := idx.BleveFacets(t.Context(), search.Request{Facets: []string{tc.kind}, FacetSize: tc.size, FacetPrefix: tc.prefix})
		if err != nil {
			t.Fatal(err)
		}
		var gotB []search.Bucket
		for _, v := range got {
			gotB = append(gotB, search.Bucket{Value: v.Value, Count: v.Count})
		}
		if want := facets[tc.kind]; !reflect.DeepEqual(gotB, want) || len(want) == 0 {
			t.Errorf("%s prefix %q: got %v, want %v", tc.kind, tc.prefix, gotB, want)
		}
	}
	// Courts also match by display name.
	got, err := idx.Entities(t.Context(), corpus.FieldCourt, "n.d.", 50)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range got {
		ids = append(ids, v.Value)
	}
	if slices.Sort(ids); !slices.Equal(ids, []string{"cand", "ilnd"}) {
		t.Errorf("courts named N.D.: %v, want cand and ilnd", ids)
	}
}

// TestDateSortAgreesWithBleve checks our date sort against bleve's sort on
// the date field, and that paging by cursor gives the same hits as one
// large page.
func TestDateSortAgreesWithBleve(t *testing.T) {
	r := rand.New(rand.NewPCG(29, 31))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 500 {
		docs = append(docs, genDoc(r, i, 1, 20))
	}
	addDocs(t, bidx, docs)
	idx := newSearch(t, bidx)
	dates := func(res *search.Result) []string {
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.Date)
		}
		return out
	}
	for i := range 40 {
		req := randomRequest(r)
		req.Sort = []string{search.SortDate, search.SortDateDesc}[i%2]
		req.Size = 100
		res, err := idx.Search(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		want, err := idx.BleveDates(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		if got := dates(res); !slices.Equal(got, want) {
			t.Errorf("%+v:\n got %v\nwant %v", req, got, want)
		}
		// The same hits 7 at a time, by cursor.
		var paged []string
		page := req
		page.Size = 7
		for {
			res, err := idx.Search(t.Context(), page)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				paged = append(paged, h.ID)
			}
			if res.NextCursor == "" || len(paged) >= 100 {
				break
			}
			page.Cursor = res.NextCursor
		}
		var whole []string
		for _, h := range res.Hits {
			whole = append(whole, h.ID)
		}
		if !slices.Equal(paged[:min(len(paged), len(whole))], whole) {
			t.Errorf("%+v: by cursor %v, in one page %v", req, paged, whole)
		}
	}
}

// TestFilterOnlyAgreesWithTheWalk checks the shortcut for searches with no
// words and one facet filter (its postings drive the search, its own facet
// counted over every document) against the walk of every document: the
// same hits with the same scores in the same order, the same totals,
// facets and histogram, with every sort, before and after deletes.
func TestFilterOnlyAgreesWithTheWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 400 {
		docs = append(docs, genDoc(r, i, 1, 20))
	}
	addDocs(t, bidx, docs)
	fast, walk := newSearch(t, bidx), newSearch(t, bidx)
	search.WalkAll(walk)
	compare := func() {
		t.Helper()
		var reqs []search.Request
		for _, sort := range []string{"", search.SortDate, search.SortDateDesc} {
			for _, s := range genStatutes {
				reqs = append(reqs, search.Request{Statutes: []string{s}, Sort: sort})
			}
			reqs = append(reqs,
				search.Request{Statutes: genStatutes[:2], Sort: sort, Size: 50},
				search.Request{Courts: []string{genCourts[0]}, Sort: sort, Page: 2},
				search.Request{Types: []string{corpus.Types[0]}, Sort: sort},
				search.Request{Years: []string{"2020"}, Sort: sort, Facets: []string{corpus.FieldCourt}},
			)
		}
		for _, req := range reqs {
			got, want := answers(t, fast, walk, req)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%+v:\n got %+v\nwant %+v", req, got, want)
			}
		}
	}
	compare()
	changeDocs(t, bidx, func(index func(*corpus.Document), del func(int)) {
		for i := 0; i < 400; i += 9 {
			del(i)
		}
	})
	compare()
}

// TestAllWordsAgreesWithTheWalk checks searches of several words, whose
// documents are found by intersecting the words' postings before bleve
// scores them, against bleve's own walk: the same hits with the same
// scores in the same order, the same totals, facets and histogram, with
// filters, pages and sorts, over several segments, before and after
// deletes and replacements.
func TestAllWordsAgreesWithTheWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 4))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 1500 {
		docs = append(docs, genDoc(r, i, 1+r.IntN(2), 40))
	}
	addDocs(t, bidx, docs)
	fast, walk := newSearch(t, bidx), newSearch(t, bidx)
	search.WalkAll(walk)
	// Words from the most common to the rare, and one that is only a
	// stop word, so some searches match most documents and some a few.
	pool := append(slices.Clone(genWords[:10]), genVocab[40], genVocab[90], genVocab[300], genVocab[1200], "the")
	var reqs []search.Request
	for range 60 {
		var words []string
		for range 2 + r.IntN(3) {
			words = append(words, pool[r.IntN(len(pool))])
		}
		var req search.Request
		if r.IntN(3) == 0 { // with filters
			req = randomRequest(r)
		}
		req.Q = strings.Join(words, " ")
		req.Sort = []string{"", search.SortDate, search.SortDateDesc}[r.IntN(3)]
		req.Page = 1 + r.IntN(3)
		req.Facets = []string{"statute", "court", "party", "type", "year"}
		reqs = append(reqs, req)
	}
	compare := func(when string) {
		t.Helper()
		some := 0
		for _, req := range reqs {
			got, want := answers(t, fast, walk, req)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %q %+v:\n got %d %v\nwant %d %v", when, req.Q, req, got.Total, got.Hits, want.Total, want.Hits)
			}
			if want.Total > 0 && len(want.Hits) > 0 {
				some++
			}
		}
		if some < len(reqs)/3 {
			t.Errorf("%s: only %d of %d searches have hits", when, some, len(reqs))
		}
	}
	compare("fresh")
	changeDocs(t, bidx, func(index func(*corpus.Document), del func(int)) {
		for i := 0; i < 1500; i += 8 {
			del(i)
		}
		for i := 5; i < 1500; i += 13 {
			index(genDoc(r, i, 1, 40))
		}
	})
	compare("after deletions")
}

// TestPrefixAgreesWithTheWalk checks prefix searches (a prefix that
// stands for one indexed word is searched as that word's term query,
// without a disjunction around it) against the searches built as
// before: the same hits with the same scores in the same order, totals
// and facets, for prefixes of one word and of many, in the title alone,
// beside other words and in OR.
func TestPrefixAgreesWithTheWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	bidx := genIndex(t)
	var docs []*corpus.Document
	for i := range 800 {
		docs = append(docs, genDoc(r, i, 1+r.IntN(2), 40))
	}
	addDocs(t, bidx, docs)
	fast, walk := newSearch(t, bidx), newSearch(t, bidx)
	search.WalkAll(walk)
	var qs []string
	for _, w := range append(slices.Clone(genWords[:12]), genVocab[50], genVocab[400], genVocab[2000]) {
		qs = append(qs, w+"*", w[:len(w)-1]+"*", w[:2]+"*", "title:"+w[:3]+"*")
	}
	qs = append(qs, "immun* platform", "liab* OR traffick*", "traffick* -court", `advert* "interactive computer"`)
	some := 0
	for _, q := range qs {
		for _, req := range []search.Request{{Q: q}, {Q: q, Page: 2, Facets: []string{"court", "type", "year"}}, {Q: q, Sort: search.SortDateDesc, Courts: []string{genCourts[1]}}} {
			got, want := answers(t, fast, walk, req)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q %+v:\n got %d %v\nwant %d %v", q, req, got.Total, got.Hits, want.Total, want.Hits)
			}
			if want.Total > 0 {
				some++
			}
		}
	}
	if some < len(qs) {
		t.Errorf("only %d of %d searches match anything", some, 3*len(qs))
	}
}

// answers asks fast and walk the same request and returns their answers
// without the time they took, failing the test if either fails.
func answers(t *testing.T, fast, walk *search.Index, req search.Request) (got, want *search.Result) {
	t.Helper()
	got, err := fast.Search(t.Context(), req)
	if err != nil {
		t.Fatalf("%+v: %v", req, err)
	}
	want, err = walk.Search(t.Context(), req)
	if err != nil {
		t.Fatalf("%+v: walk: %v", req, err)
	}
	got.Took, got.TookMS, want.Took, want.TookMS = 0, 0, 0, 0
	return got, want
}
