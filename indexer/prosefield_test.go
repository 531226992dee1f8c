package indexer

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
)

// testSpecs are the field specs of Mapping, built once for the tests.
var testSpecs = sync.OnceValues(func() (*fieldSpecs, error) {
	m, err := Mapping()
	if err != nil {
		return nil, err
	}
	return newFieldSpecs(m)
})

// bodySpec is the body field of Mapping, with its prose filter.
func bodySpec() (fieldSpec, error) {
	s, err := testSpecs()
	if err != nil {
		return fieldSpec{}, err
	}
	return s.body, nil
}

// freqsDump is a field's analysis in comparable form: every term with its
// frequency and locations in order.
func freqsDump(tfs index.TokenFrequencies) string {
	lines := make([]string, 0, len(tfs))
	for k, tf := range tfs {
		var b strings.Builder
		fmt.Fprintf(&b, "%q=%q/%d", k, tf.Term, tf.Frequency())
		for _, l := range tf.Locations {
			fmt.Fprintf(&b, " %q%v:%d:%d-%d", l.Field, l.ArrayPositions, l.Position, l.Start, l.End)
		}
		lines = append(lines, b.String())
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// proseDiff analyses text as a proseField and as bleve's TextField with
// TextAnalyzer, and says how they differ: "" when they agree in length,
// terms, frequencies, locations, the size bleve reckons, and the value
// left to store.
func proseDiff(t *testing.T, text string) string {
	t.Helper()
	spec, err := bodySpec()
	if err != nil {
		t.Fatal(err)
	}
	if spec.prose == nil {
		t.Fatal("the body's analyzer is not the prose chain")
	}
	pos := []uint64{3}
	got := newProseField(spec, pos, []byte(text))
	want := document.NewTextFieldCustom(spec.name, pos, []byte(text), spec.options, spec.analyzer)
	got.Analyze()
	want.Analyze()
	switch {
	case got.AnalyzedLength() != want.AnalyzedLength():
		return fmt.Sprintf("length %d, want %d", got.AnalyzedLength(), want.AnalyzedLength())
	case string(got.Value()) != text:
		return fmt.Sprintf("value changed to %q", got.Value())
	case got.freqsSize != want.AnalyzedTokenFrequencies().Size():
		return fmt.Sprintf("size %d, want %d", got.freqsSize, want.AnalyzedTokenFrequencies().Size())
	case got.freqsSize != got.AnalyzedTokenFrequencies().Size():
		return fmt.Sprintf("size %d, bleve reckons %d", got.freqsSize, got.AnalyzedTokenFrequencies().Size())
	case got.Size() <= len(text):
		return fmt.Sprintf("field size %d for %d bytes of text", got.Size(), len(text))
	}
	if g, w := freqsDump(got.AnalyzedTokenFrequencies()), freqsDump(want.AnalyzedTokenFrequencies()); g != w {
		return fmt.Sprintf("terms differ:\n got %s\nwant %s", g, w)
	}
	return pagesDiff(spec, text)
}

// pagesDiff cuts text into three pages and compares one proseField of
// all of them with a TextField per page, merged as bleve's segment
// builder merges the values of one field.
func pagesDiff(spec fieldSpec, text string) string {
	cuts := []int{0, len(text) / 3, 2 * len(text) / 3, len(text)}
	pages := make([]proseValue, 3)
	var wantLen int
	var want index.TokenFrequencies
	for i := range pages {
		pages[i] = proseValue{[]byte(text[cuts[i]:cuts[i+1]]), []uint64{uint64(i)}}
		tf := document.NewTextFieldCustom(spec.name, pages[i].pos, []byte(text[cuts[i]:cuts[i+1]]), spec.options, spec.analyzer)
		tf.Analyze()
		wantLen += tf.AnalyzedLength()
		if want == nil {
			want = tf.AnalyzedTokenFrequencies()
		} else {
			want.MergeAll(spec.name, tf.AnalyzedTokenFrequencies())
		}
	}
	got := newProsePages(spec, pages)
	got.Analyze()
	switch {
	case got.AnalyzedLength() != wantLen:
		return fmt.Sprintf("pages: length %d, want %d", got.AnalyzedLength(), wantLen)
	case got.Options().IsStored() || got.Value() != nil || got.NumPlainTextBytes() != 0:
		return "pages: the field of several pages stores or counts text"
	case got.freqsSize != got.AnalyzedTokenFrequencies().Size():
		return fmt.Sprintf("pages: size %d, bleve reckons %d", got.freqsSize, got.AnalyzedTokenFrequencies().Size())
	}
	// MergeAll names the field in the locations it merges; the segment
	// builder reads that as the field's own.
	for _, tf := range want {
		for _, l := range tf.Locations {
			l.Field = ""
		}
	}
	if g, w := freqsDump(got.AnalyzedTokenFrequencies()), freqsDump(want); g != w {
		return fmt.Sprintf("pages: terms differ:\n got %s\nwant %s", g, w)
	}
	return ""
}

func TestProseFieldMatchesTextField(t *testing.T) {
	for _, text := range []string{
		"",
		"   \n\t",
		"The Court's ORDER: the court, the COURT and the Court's order.",
		"of and the a an it's",
		"Backpage’s naïve Straße ΟΔΟΣ Ⱥ \u212a vis-à-vis Défendeur",
		"18 U.S.C. § 1591(a)(2) and 47 U.S.C. § 230(c)(1); 1,000.50 a_b _1 a:b",
		"it'S \xff's trafficking \xfe trafficked traffickers",
		"“quoted” 日本語のテキスト mixed 123abc",
		strings.Repeat("running runs ran run ", 50),
	} {
		if d := proseDiff(t, text); d != "" {
			t.Errorf("%q: %s", text, d)
		}
	}
	eachSample(t, func(name string, data []byte) {
		if corpus.FormatOf(name) == corpus.FormatPDF {
			return
		}
		if d := proseDiff(t, string(data)); d != "" {
			t.Errorf("%s: %s", name, d)
		}
	})
	for i, data := range generated(t, 40) {
		if d := proseDiff(t, string(data)); d != "" {
			t.Errorf("generated document %d: %s", i, d)
		}
	}
}

// TestProseFieldsAnalyseConcurrently analyses many fields at once, as
// bleve's analysis workers do, and checks each against its own analysis
// alone: the pooled scratch is never shared.
func TestProseFieldsAnalyseConcurrently(t *testing.T) {
	spec, err := bodySpec()
	if err != nil {
		t.Fatal(err)
	}
	texts := generated(t, 16)
	want := make([]string, len(texts))
	for i, text := range texts {
		f := newProseField(spec, nil, text)
		f.Analyze()
		want[i] = freqsDump(f.AnalyzedTokenFrequencies())
	}
	var wg sync.WaitGroup
	for range 4 {
		for i, text := range texts {
			wg.Go(func() {
				f := newProseField(spec, nil, text)
				f.Analyze()
				if got := freqsDump(f.AnalyzedTokenFrequencies()); got != want[i] {
					t.Errorf("document %d analysed differently alongside others", i)
				}
			})
		}
	}
	wg.Wait()
}

func FuzzProseField(f *testing.F) {
	for _, s := range []string{
		"The Court's ORDER", "Backpage’s naïve Straße", "ΟΔΟΣ Ⱥ \u212a", "it'S \xff's", "of AND the",
		"18 U.S.C. § 1591(a)", "run running run", "a \u0301b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d := proseDiff(t, s); d != "" {
			t.Errorf("%q: %s", s, d)
		}
	})
}

// BenchmarkProseField analyses the files of 200 generated documents as
// bleve's TextField with TextAnalyzer and as a proseField: the whole of
// what a body field costs in analysis (tokens, terms, frequencies,
// locations, and the size bleve asks for).
func BenchmarkProseField(b *testing.B) {
	docs := generated(b, 200)
	spec, err := bodySpec()
	if err != nil {
		b.Fatal(err)
	}
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	b.Run("textfield", func(b *testing.B) {
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				f := document.NewTextFieldCustom(spec.name, nil, d, spec.options, spec.analyzer)
				f.Analyze()
				_ = f.Size()
			}
		}
	})
	b.Run("prose", func(b *testing.B) {
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				f := newProseField(spec, nil, d)
				f.Analyze()
				_ = f.Size()
			}
		}
	})
}

// TestProseFieldTermsStayPut analyses texts one after another with one
// state, keeping every field, as a segment keeps them until it is
// built: analysing the texts after a field (the state learning and
// forgetting words, its tables growing) must not change its terms, as it
// would if they shared bytes the state reuses.
func TestProseFieldTermsStayPut(t *testing.T) {
	spec, err := bodySpec()
	if err != nil {
		t.Fatal(err)
	}
	texts := sampleAndGenerated(t)
	for _, known := range []int{0, 300, 5000} {
		st := newProseState(spec.prose, known)
		fields := make([]*proseField, len(texts))
		dumps := make([]string, len(texts))
		for i, text := range texts {
			fields[i] = newProseField(spec, nil, text)
			fields[i].analyze(st)
			dumps[i] = freqsDump(fields[i].AnalyzedTokenFrequencies())
		}
		for i, f := range fields {
			if got := freqsDump(f.AnalyzedTokenFrequencies()); got != dumps[i] {
				t.Errorf("known %d: text %d's terms changed while later texts were analysed", known, i)
			}
		}
	}
}

// sampleAndGenerated are the sample documents' texts and 30 generated
// ones: the texts the analysis state tests run one after another.
func sampleAndGenerated(t *testing.T) [][]byte {
	var texts [][]byte
	eachSample(t, func(_ string, data []byte) { texts = append(texts, data) })
	return append(texts, generated(t, 30)...)
}
