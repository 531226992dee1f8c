package indexer

import (
	"encoding/json"
	"testing"

	"lexsearch/corpus"
)

// jsonCases are strings whose quoting differs from a plain copy: every
// escape encoding/json writes, at the start, middle and end of eight-byte
// steps, and bytes that are not UTF-8.
var jsonCases = []string{
	"",
	"plain text of eight+",
	`a "quoted" word and a back\slash`,
	"<b>Doe</b> & Roe > Moe",
	"tab\there, newline\nthere, return\r, feed\f, backspace\b, bell\a, nul\x00, unit\x1f, del\x7f",
	"12345678\n",
	"1234567\"",
	"Section 230 — “immunity” for the café, 18 U.S.C. § 1591",
	"line\u2028separator and paragraph\u2029separator",
	"bad \xff byte and a cut rune \xe2\x80",
	"\xc3",
	"naïve<", "éééé&", "\u2028",
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonCases {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}

// testDocument is a document with every field set, and values that need
// escaping.
func testDocument() *corpus.Document {
	return &corpus.Document{
		ID: "0123456789abcdef", Source: "dockets/doe <v> roe.html", Format: corpus.FormatHTML,
		Title: "Doe v. \"Backpage\" & Co.", Type: "docket", Court: "ilnd", Docket: "1:20-cv-02335",
		Date: "2022-05-16", Year: "2022", Lang: "en",
		Statutes:  []string{"18 U.S.C. § 1591", "47 U.S.C. § 230"},
		Citations: []string{"519 F.3d 666"},
		Parties:   []string{"Doe", "Backpage.com, LLC"},
		Judges:    []string{"Kennelly"},
		Pages: []corpus.Page{
			{Number: 1, Text: "UNITED STATES DISTRICT COURT\n\nJane Doe,\tPlaintiff\f"},
			{Number: 7, Text: "Section 230 — “immunity”\u2028\xff"},
		},
		PageNumbers: []int{1, 7},
		Entities: []corpus.Entity{
			{Kind: "statute", Text: "§ 1591", Norm: "18 U.S.C. § 1591", Page: 7, Start: 3, End: 10},
			{Kind: "court", Text: "N.D. Ill.", Norm: "ilnd", Role: "deciding", Start: 0, End: 9},
		},
		Sections: []corpus.Section{{Page: 1, Offset: 0, Title: "I. <BACKGROUND>"}},
	}
}

func TestDocumentJSONMatchesEncodingJSON(t *testing.T) {
	full := testDocument()
	meta := *full
	meta.Pages, meta.Entities = nil, nil
	for _, tc := range []struct {
		name string
		doc  *corpus.Document
	}{
		{"every field", full},
		{"meta without pages and entities", &meta},
		{"empty document", &corpus.Document{}},
		{"empty but not nil lists", &corpus.Document{Statutes: []string{}, Pages: []corpus.Page{}, Entities: []corpus.Entity{}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkDocumentJSON(t, tc.doc)
		})
	}
	t.Run("nil document", func(t *testing.T) {
		want, _ := json.Marshal(prepared{PrepareVersion, nil})
		if got := appendPrepared(nil, nil, nil); string(got) != string(want) {
			t.Errorf("appendPrepared(nil) = %s, want %s", got, want)
		}
	})
	t.Run("bounds", func(t *testing.T) {
		for _, b := range []corpus.Bounds{{}, {Sentences: [][]int{{0, 14}, {0}}, Paragraphs: [][]int{{0}, nil}}} {
			want, _ := json.Marshal(b)
			if got := appendBounds(nil, b); string(got) != string(want) {
				t.Errorf("appendBounds(%v) = %s, want %s", b, got, want)
			}
		}
	})
}

// checkDocumentJSON checks the appenders of doc, its entities and its
// prepared text against encoding/json.
func checkDocumentJSON(t *testing.T, doc *corpus.Document) {
	t.Helper()
	want, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendDocument(nil, doc, nil); string(got) != string(want) {
		t.Errorf("appendDocument =\n%s\nwant\n%s", got, want)
	}
	ents := appendEntities(nil, doc.Entities)
	if want, _ := json.Marshal(doc.Entities); string(ents) != string(want) {
		t.Errorf("appendEntities =\n%s\nwant\n%s", ents, want)
	}
	if got := entitiesJSON(doc.Entities); string(got) != string(ents) {
		t.Errorf("entitiesJSON =\n%s\nwant\n%s", got, ents)
	}
	want, _ = json.Marshal(prepared{PrepareVersion, doc})
	for _, e := range [][]byte{nil, ents} {
		if got := marshalPrepared(doc, e); string(got) != string(want) {
			t.Errorf("marshalPrepared(entities %q) =\n%s\nwant\n%s", e, got, want)
		}
	}
}

// FuzzDocumentJSON holds the hand-written encoders to encoding/json, the
// oracle, over any strings and numbers in every field.
func FuzzDocumentJSON(f *testing.F) {
	for _, s := range jsonCases {
		f.Add(s, s+"x", 1, -2)
	}
	f.Fuzz(func(t *testing.T, a, b string, n, m int) {
		if got, want := appendJSONString(nil, a), mustJSON(t, a); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", a, got, want)
		}
		doc := &corpus.Document{
			ID: a, Source: b, Format: corpus.Format(a), Title: b, Type: a,
			Court: b, Docket: a, Date: b, Year: a, Lang: b,
			Statutes: []string{a, b}, Parties: []string{b},
			Pages:       []corpus.Page{{Number: n, Text: a}, {Number: m, Text: b}},
			PageNumbers: []int{n, m},
			Entities:    []corpus.Entity{{Kind: a, Text: b, Norm: a, Role: b, Page: n, Start: m, End: n}},
			Sections:    []corpus.Section{{Page: n, Offset: m, Title: a}},
		}
		checkDocumentJSON(t, doc)
		bounds := corpus.Bounds{Sentences: [][]int{{n, m}}, Paragraphs: [][]int{{m}, nil}}
		if got, want := appendBounds(nil, bounds), mustJSON(t, bounds); string(got) != string(want) {
			t.Fatalf("appendBounds(%v) = %s, want %s", bounds, got, want)
		}
	})
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// BenchmarkDocumentJSON measures what ingest encodes for each document
// (the prepared text, and the stored meta and entities fields) over the
// first 300 documents of `lexsearch gen -seed 1`, with encoding/json and
// with the appenders; ns/op is per document.
func BenchmarkDocumentJSON(b *testing.B) {
	ix := New(quiet(), Options{})
	docs, _ := buildGenerated(b, ix)
	metaOf := func(doc *corpus.Document) corpus.Document {
		meta := *doc
		meta.Pages, meta.Entities = nil, nil
		meta.PageNumbers = make([]int, len(doc.Pages))
		for j, p := range doc.Pages {
			meta.PageNumbers[j] = p.Number
		}
		return meta
	}
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			doc := docs[i%len(docs)].doc
			for _, v := range []any{prepared{PrepareVersion, doc}, metaOf(doc), doc.Entities} {
				if _, err := json.Marshal(v); err != nil {
					b.Fatal(err)
				}
			}
			i++
		}
	})
	b.Run("appenders", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			doc := docs[i%len(docs)].doc
			meta := metaOf(doc)
			ents := entitiesJSON(doc.Entities)
			marshalPrepared(doc, ents)
			appendDocument(nil, &meta, nil)
			i++
		}
	})
}
