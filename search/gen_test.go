package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/search"
)

// Generated documents for tests that need many documents or one huge one:
// indexed straight into bleve with the real mapping, without extraction
// or tagging, so a test builds thousands of them in a second or two.

// Value pools the generator draws facet values from.
var (
	genStatutes = []string{"18 U.S.C. § 1591", "18 U.S.C. § 1595", "47 U.S.C. § 230", "Pub. L. 115-164", "18 U.S.C. § 2421", "Fed. R. Civ. P. 12(b)(6)"}
	genCourts   = []string{"ilnd", "cand", "ca7", "ca9", "nysd", "txsd", "scotus"}
	genParties  = []string{"Salesforce.com, Inc.", "Backpage.com, LLC", "Twitter, Inc.", "Jane Doe", "John Doe", "Meta Platforms, Inc.", "Reddit, Inc.", "United States", "G.G.", "Wyndham Hotels"}
	genJudges   = []string{"Andrea R. Wood", "Joseph C. Spero", "Vince Chhabria", "Edward M. Chen", "Diane P. Wood"}
	genWords    = strings.Fields("platform defendant plaintiff liability beneficiary venture trafficking knowingly immunity statute section court motion dismiss complaint advertisement website claim federal state law victim evidence interactive computer service provider content user participation benefit")
)

// genVocab is the generator's vocabulary: the legal words first, so they
// are the most frequent, then made-up words; genDoc draws from it with a
// Zipf distribution, as natural text does, so some words are in every
// document and most in few.
var genVocab = func() []string {
	v := slices.Clone(genWords)
	cons, vows := "bcdfghklmnprstvz", "aeiou"
	for i := range 4000 {
		var b strings.Builder
		for n := i + 1; n > 0; n /= 16 {
			b.WriteByte(cons[n%16])
			b.WriteByte(vows[(n/3)%5])
		}
		b.WriteString("x")
		v = append(v, b.String())
	}
	return v
}()

// genDoc makes document i of a generated corpus from r: random facet
// values (some absent, some repeated across documents) and pages of words.
func genDoc(r *rand.Rand, i, pages, wordsPerPage int) *corpus.Document {
	d := &corpus.Document{
		ID:     genID(i),
		Source: fmt.Sprintf("gen-%05d.txt", i),
		Title:  fmt.Sprintf("Generated document %d %s", i, genWords[r.IntN(len(genWords))]),
		Type:   corpus.Types[r.IntN(len(corpus.Types))],
		Lang:   "en",
	}
	pick := func(pool []string, most int) []string {
		var out []string
		for _, j := range r.Perm(len(pool))[:r.IntN(most+1)] {
			out = append(out, pool[j])
		}
		return out
	}
	d.Statutes = pick(genStatutes, 3)
	d.Parties = pick(genParties, 3)
	d.Judges = pick(genJudges, 1)
	if r.IntN(4) > 0 {
		d.Court = genCourts[r.IntN(len(genCourts))]
	}
	if r.IntN(5) > 0 {
		date := time.Date(2015+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		d.Date = date.Format(time.DateOnly)
		d.Year = d.Date[:4]
	}
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(genVocab)-1))
	for p := range pages {
		var b strings.Builder
		for w := range wordsPerPage {
			if w > 0 {
				b.WriteByte(' ')
				if w%17 == 0 {
					b.WriteString(". ")
				}
			}
			b.WriteString(genVocab[zipf.Uint64()])
		}
		if r.IntN(400) == 0 { // a rare word, in about 1 document in 400
			b.WriteString(" xylograph")
		}
		d.Pages = append(d.Pages, corpus.Page{Number: p + 1, Text: b.String()})
	}
	return d
}

// genFields is the document as bleve indexes it, with the fields the
// indexer writes that search reads.
func genFields(tb testing.TB, d *corpus.Document) map[string]any {
	meta := *d
	meta.Pages = nil
	meta.PageNumbers = make([]int, len(d.Pages))
	for i, p := range d.Pages {
		meta.PageNumbers[i] = p.Number
	}
	js, err := json.Marshal(meta)
	if err != nil {
		tb.Fatal(err)
	}
	m := map[string]any{
		corpus.FieldTitle: d.Title, corpus.FieldBody: d.Body(), corpus.FieldSource: d.Source,
		corpus.FieldType: d.Type, corpus.FieldStatutes: d.Statutes, corpus.FieldParties: d.Parties,
		corpus.FieldJudges: d.Judges, corpus.FieldMeta: string(js), corpus.FieldLang: d.Lang,
	}
	if d.Court != "" {
		m[corpus.FieldCourt] = d.Court
	}
	if d.Date != "" {
		t, _ := time.Parse(time.DateOnly, d.Date)
		m[corpus.FieldDate] = t
		m[corpus.FieldYear] = d.Year
	}
	return m
}

// genIndex creates an empty bleve index with the real mapping in a
// temporary directory.
func genIndex(tb testing.TB) bleve.Index {
	tb.Helper()
	m, err := indexer.Mapping()
	if err != nil {
		tb.Fatal(err)
	}
	bidx, err := bleve.New(filepath.Join(tb.TempDir(), "index"), m)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { bidx.Close() })
	return bidx
}

// keptPages is what a data directory keeps of the documents of one
// index besides it: their pages, which the index does not store and
// search reads through a PageSource (newSearch).
type keptPages struct {
	mu    sync.Mutex
	pages map[string][]string
}

// kept holds the keptPages of every index the tests fill, by index.
var kept sync.Map

func keptOf(bidx bleve.Index) *keptPages {
	k, _ := kept.LoadOrStore(bidx, &keptPages{pages: map[string][]string{}})
	return k.(*keptPages)
}

func (k *keptPages) put(d *corpus.Document) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.pages[d.ID] = d.Body()
}

func (k *keptPages) del(id string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.pages, id)
}

// source reads a document's pages from the kept pages of shards.
func source(shards []bleve.Index) search.PageSource {
	return func(_ context.Context, id string) ([]string, error) {
		for _, sh := range shards {
			k := keptOf(sh)
			k.mu.Lock()
			p, ok := k.pages[id]
			k.mu.Unlock()
			if ok {
				return p, nil
			}
		}
		return nil, fmt.Errorf("document %s: %w", id, fs.ErrNotExist)
	}
}

// addDocs indexes docs in batches of 200.
func addDocs(tb testing.TB, bidx bleve.Index, docs []*corpus.Document) {
	tb.Helper()
	b := bidx.NewBatch()
	k := keptOf(bidx)
	for i, d := range docs {
		if err := b.Index(d.ID, genFields(tb, d)); err != nil {
			tb.Fatal(err)
		}
		k.put(d)
		if b.Size() == 200 || i == len(docs)-1 {
			if err := bidx.Batch(b); err != nil {
				tb.Fatal(err)
			}
			b.Reset()
		}
	}
}

func newSearch(tb testing.TB, shards ...bleve.Index) *search.Index {
	tb.Helper()
	idx, err := search.New(shards...)
	if err != nil {
		tb.Fatal(err)
	}
	idx.ReadPagesFrom(source(shards))
	return idx
}

// genID is the id of the i-th generated document.
func genID(i int) string { return fmt.Sprintf("gen%05d", i) }

// changeDocs applies one batch to bidx: the adds, replacements (index)
// and deletions (del, of the i-th generated document) that fill makes,
// in the order it makes them.
func changeDocs(tb testing.TB, bidx bleve.Index, fill func(index func(*corpus.Document), del func(i int))) {
	tb.Helper()
	b := bidx.NewBatch()
	k := keptOf(bidx)
	fill(func(d *corpus.Document) {
		if err := b.Index(d.ID, genFields(tb, d)); err != nil {
			tb.Fatal(err)
		}
		k.put(d)
	}, func(i int) { b.Delete(genID(i)); k.del(genID(i)) })
	if err := bidx.Batch(b); err != nil {
		tb.Fatal(err)
	}
}
