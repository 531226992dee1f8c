package indexer

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"

	"lexsearch/corpus"
)

// statuteSpec is the statute field of Mapping.
func statuteSpec() (fieldSpec, error) {
	s, err := testSpecs()
	if err != nil {
		return fieldSpec{}, err
	}
	return s.facet[corpus.FieldStatutes], nil
}

// keywordDiff analyses values as one keywordField and as bleve's
// TextField per value (with the keyword analyzer and the value's array
// position), merged as the segment builder merges the fields of one
// name, and says how they differ: "" when they agree in length, terms
// and frequencies, and the size bleve reckons.
func keywordDiff(t *testing.T, values []string) string {
	t.Helper()
	spec, err := statuteSpec()
	if err != nil {
		t.Fatal(err)
	}
	if !keywordsFit(spec) {
		t.Fatal("the statute field does not fit a keywordField")
	}
	got := newKeywordField(spec, values)
	got.Analyze()
	var want index.TokenFrequencies
	wantLen, wantBytes := 0, uint64(0)
	for i, v := range values {
		tf := document.NewTextFieldCustom(spec.name, []uint64{uint64(i)}, []byte(v), spec.options, spec.analyzer)
		tf.Analyze()
		wantLen += tf.AnalyzedLength()
		wantBytes += tf.NumPlainTextBytes()
		if want == nil {
			want = tf.AnalyzedTokenFrequencies()
		} else {
			want.MergeAll(spec.name, tf.AnalyzedTokenFrequencies())
		}
	}
	switch {
	case got.AnalyzedLength() != wantLen:
		return fmt.Sprintf("length %d, want %d", got.AnalyzedLength(), wantLen)
	case got.NumPlainTextBytes() != wantBytes:
		return fmt.Sprintf("%d plain text bytes, want %d", got.NumPlainTextBytes(), wantBytes)
	case got.freqsSize != got.AnalyzedTokenFrequencies().Size():
		return fmt.Sprintf("size %d, bleve reckons %d", got.freqsSize, got.AnalyzedTokenFrequencies().Size())
	case got.Options().IsStored() || got.Value() != nil:
		return "the field stores its values"
	}
	if g, w := freqsDump(got.AnalyzedTokenFrequencies()), freqsDump(want); g != w {
		return fmt.Sprintf("terms differ:\n got %s\nwant %s", g, w)
	}
	return ""
}

func TestKeywordFieldMatchesTextFields(t *testing.T) {
	for _, values := range [][]string{
		{"18 U.S.C. § 1591"},
		{"18 U.S.C. § 1591", "47 U.S.C. § 230", "18 U.S.C. § 1595"},
		{"FOSTA", "FOSTA", "Section 230", "FOSTA"},
		{""},
		{"", "a", ""},
		{"Straße", "STRASSE", "straße"},
		{"\xff\xfe", "日本語"},
	} {
		if d := keywordDiff(t, values); d != "" {
			t.Errorf("%q: %s", values, d)
		}
	}
}

func FuzzKeywordField(f *testing.F) {
	for _, s := range []string{"18 U.S.C. § 1591|47 U.S.C. § 230", "a|a|b", "|", "FOSTA", "\xff|\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		values := strings.Split(s, "|")
		if d := keywordDiff(t, values); d != "" {
			t.Errorf("%q: %s", values, d)
		}
	})
}

// TestDocumentWithStoredFacets builds documents with a mapping whose
// facets are stored, where one keywordField would lose the values and
// their array positions: each value is then a field of its own, and the
// segment builder gets what the mapping gives it.
func TestDocumentWithStoredFacets(t *testing.T) {
	m, err := Mapping()
	if err != nil {
		t.Fatal(err)
	}
	impl := m.(*mapping.IndexMappingImpl)
	impl.DefaultMapping.Properties[corpus.FieldStatutes].Fields[0].Store = true
	spec, err := newFieldSpecs(m)
	if err != nil {
		t.Fatal(err)
	}
	if keywordsFit(spec.facet[corpus.FieldStatutes]) {
		t.Fatal("a stored facet fits a keywordField")
	}
	lists := 0
	for id, d := range testDocs(t, 20) {
		d.spec = spec
		want := document.NewDocument(id)
		if err := m.MapDocument(want, mappedFields(d)); err != nil {
			t.Fatal(err)
		}
		g, w := dumpDocument(d.Document(id)), dumpDocument(want)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: the built document differs from the mapping's", d.source)
		}
		if len(d.statutes) > 1 {
			lists++
		}
	}
	if lists == 0 {
		t.Fatal("no document cites two statutes: the test shows nothing")
	}
}
