package indexer

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"lexsearch/corpus"
)

// checkPreparedPages holds the reader that reads all of data, and its
// fast reader alone, to json.Unmarshal into a prepared, the oracle:
// wherever encoding/json reads data, both give its version and pages; the
// fast reader either agrees or leaves data to it (errUnsure), never
// reads it differently. With written set (data is what appendPrepared
// wrote), so does preparedPages, which stops after the pages.
func checkPreparedPages(t *testing.T, data []byte, written bool) {
	t.Helper()
	var p prepared
	jerr := json.Unmarshal(data, &p)
	var want []corpus.Page
	if p.Doc != nil {
		want = p.Doc.Pages
	}
	for _, upToPages := range []bool{false, written} {
		v, hasDoc, got, err := readPrepared(data, upToPages)
		if (err == nil) != (jerr == nil) {
			t.Fatalf("readPrepared(%q, %v): error %v, encoding/json's %v", data, upToPages, err, jerr)
		}
		if jerr != nil {
			return
		}
		if v != p.Version || hasDoc != (p.Doc != nil) || !samePages(got, want) {
			t.Fatalf("readPrepared(%q, %v) = %d, %v, %+v; encoding/json reads %d, %v, %+v", data, upToPages, v, hasDoc, got, p.Version, p.Doc != nil, want)
		}
	}
	r := pagesReader{b: data}
	fv, fHas, fast, ferr := r.prepared()
	if ferr != nil {
		if !errors.Is(ferr, errUnsure) {
			t.Fatalf("fast reader of %q: %v, want errUnsure or nothing", data, ferr)
		}
		return
	}
	if fv != p.Version || fHas != (p.Doc != nil) || !samePages(fast, want) {
		t.Fatalf("fast reader of %q = %d, %v, %+v; encoding/json reads %d, %v, %+v", data, fv, fHas, fast, p.Version, p.Doc != nil, want)
	}
}

// samePages compares pages, an empty list and none alike (search sees
// no pages either way).
func samePages(a, b []corpus.Page) bool {
	return len(a) == len(b) && (len(a) == 0 || slices.Equal(a, b))
}

func TestPreparedPages(t *testing.T) {
	full := &corpus.Document{
		ID: "0123456789abcdef", Source: "a/b \"c\".txt", Title: "Doe v. <Backpage> & Co.", Type: "opinion",
		Statutes: []string{"18 U.S.C. § 1591"},
		Pages: []corpus.Page{
			{Number: 1, Text: "First line\nsecond\tline \"quoted\" \\ back"},
			{Number: 7, Text: "é, 中文, emoji 😀, ctl \x01\x1f, sep \u2028\u2029, <tag> & amp"},
			{Number: 8, Text: ""},
		},
		Entities: []corpus.Entity{{Kind: "statute", Text: "pages", Norm: "\"pages\":[", Page: 1, Start: 0, End: 5}},
		Sections: []corpus.Section{{Page: 1, Offset: 0, Title: "text"}},
	}
	cases := []struct {
		name string
		data string
	}{
		{"written", string(marshalPrepared(full, nil))},
		{"written, no pages", string(marshalPrepared(&corpus.Document{ID: "x", Title: "t"}, nil))},
		{"written, no document", string(appendPrepared(nil, nil, nil))},
		{"no document", `{"v":1,"doc":null}`},
		{"older version", `{"v":0,"doc":{"pages":[{"number":1,"text":"a"}]}}`},
		{"keys in another order", `{"doc":{"pages":[{"text":"a","number":2}],"id":"x"},"v":1}`},
		{"spaces", " { \"v\" : 1 , \"doc\" : { \"pages\" : [ { \"number\" : 1 , \"text\" : \"a\\nb\" } ] } } \n"},
		{"surrogate pair", `{"v":1,"doc":{"pages":[{"text":"\ud83d\ude00 \ud83d x \ude00 \u00e9\/"}]}}`},
		{"lone surrogate at the end", `{"v":1,"doc":{"pages":[{"text":"a\ud800"}]}}`},
		{"null page and text", `{"v":1,"doc":{"pages":[null,{"number":null,"text":null}]}}`},
		{"repeated text", `{"v":1,"doc":{"pages":[{"text":"a","text":"b","text":null}]}}`},
		{"repeated pages", `{"v":1,"doc":{"pages":[{"number":1,"text":"a"}],"pages":[{"number":2}]}}`},
		{"repeated doc", `{"v":1,"doc":{"pages":[{"text":"a"}]},"doc":{"id":"x"}}`},
		{"key in other case", `{"V":1,"doc":{"Pages":[{"Text":"a"}]}}`},
		{"escaped key", `{"v":1,"doc":{"pag\u0065s":[{"text":"a"}]}}`},
		{"other values", `{"v":1,"x":[true,false,null,-0.5e+3,{"y":[]}],"doc":{"pages":[]}}`},
		{"not UTF-8", "{\"v\":1,\"doc\":{\"pages\":[{\"text\":\"a\xffb\"}]}}"},
		{"not UTF-8 elsewhere", "{\"v\":1,\"doc\":{\"title\":\"\xc3\",\"pages\":[{\"text\":\"ok\"}]}}"},
		{"bad: version a string", `{"v":"1","doc":null}`},
		{"bad: version a fraction", `{"v":1.5,"doc":null}`},
		{"bad: page number too large", `{"v":1,"doc":{"pages":[{"number":99999999999999999999}]}}`},
		{"bad: control character", "{\"v\":1,\"doc\":{\"pages\":[{\"text\":\"a\nb\"}]}}"},
		{"bad: escape", `{"v":1,"doc":{"pages":[{"text":"\x"}]}}`},
		{"bad: short \\u", `{"v":1,"doc":{"pages":[{"text":"\u12"}]}}`},
		{"bad: trailing data", `{"v":1,"doc":null} x`},
		{"bad: cut short", `{"v":1,"doc":{"pages":[{"text":"abc`},
		{"bad: number", `{"v":1,"x":01,"doc":null}`},
		{"bad: text a number", `{"v":1,"doc":{"pages":[{"text":1}]}}`},
		{"top-level null", `null`},
		{"empty", ``},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkPreparedPages(t, []byte(c.data), strings.HasPrefix(c.name, "written")) })
	}
	// The written form is read by the fast reader itself, whole or up to
	// its pages; what follows them is not read.
	written := marshalPrepared(full, nil)
	for _, data := range [][]byte{written, append(written[:len(written)-2:len(written)-2], "...not read"...)} {
		r := pagesReader{b: data, upToPages: true}
		v, hasDoc, pages, err := r.prepared()
		if err != nil || v != PrepareVersion || !hasDoc || !slices.Equal(pages, full.Pages) {
			t.Errorf("fast reader of a written document = %d, %v, %+v, %v; want %d, true, %+v", v, hasDoc, pages, err, PrepareVersion, full.Pages)
		}
	}
}

// stopBytes finds, eight bytes at once, whether any byte ends a run of
// plain string bytes, as the table does one byte at a time.
func TestStopBytes(t *testing.T) {
	check := func(w [8]byte) {
		want := false
		for _, c := range w {
			want = want || quoteOrEscape[c]
		}
		if got := stopBytes(binary.LittleEndian.Uint64(w[:])) != 0; got != want {
			t.Fatalf("stopBytes(%q) != 0 is %v, want %v", w, got, want)
		}
	}
	for c := range 256 {
		for at := range 8 {
			w := [8]byte{'a', 0xff, 'b', 0x80, ' ', 'z', 0x20, 0x7f}
			w[at] = byte(c)
			check(w)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], r.Uint64())
		check(w)
	}
}

// FuzzPreparedPages holds the fast reader to encoding/json, the oracle:
// over documents written as ingest writes them (with any text in any
// field), and over any bytes at all.
func FuzzPreparedPages(f *testing.F) {
	f.Add("page one\n", "<p> & \u2028 \"q\" \\", []byte(`{"v":1,"doc":{"pages":[{"number":1,"text":"a\u00e9\ud83d\ude00"}]}}`), 3)
	f.Add("", "\xff\xfe", []byte(`{"v":1,"doc":null}`), -1)
	f.Add("\xed\xa0\x80", "x", []byte(`{"V":1,"doc":{"pages":[null,{"text":null}]}}`), 0)
	f.Fuzz(func(t *testing.T, a, b string, raw []byte, n int) {
		doc := &corpus.Document{
			ID: a, Source: b, Title: a, Type: b, Court: a, Statutes: []string{b},
			Pages:       []corpus.Page{{Number: n, Text: a}, {Number: n + 1, Text: b}},
			PageNumbers: []int{n},
			Entities:    []corpus.Entity{{Kind: a, Text: b, Norm: a, Page: n}},
			Sections:    []corpus.Section{{Page: n, Title: b}},
		}
		written := marshalPrepared(doc, nil)
		checkPreparedPages(t, written, true)
		// What ingest writes, the fast reader reads itself.
		for _, upToPages := range []bool{false, true} {
			r := pagesReader{b: written, upToPages: upToPages}
			if _, _, _, err := r.prepared(); err != nil {
				t.Fatalf("fast reader of written %q: %v", written, err)
			}
		}
		checkPreparedPages(t, raw, false)
	})
}
