package store

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// The hand-written decoder and encoding/json must agree on every line:
// same record when both accept it, and decodeRecord must refuse what
// encoding/json refuses.
func TestDecodeRecordAgreesWithJSON(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		fast       bool // read by the hand-written path
	}{
		{"put with a pack", `{"s":7,"op":"put","id":"ab12","sha":"ab12ff","src":"/c/a.pdf","name":"a.pdf","pk":"000002-000000000001.pack","oo":12411,"ol":6478,"po":18889,"pl":2910}` + "\n", true},
		{"drop", `{"s":8,"op":"drop","id":"ab12","src":"/c/a.pdf"}`, true},
		{"del", `{"s":9,"op":"del","id":"ab12"}`, true},
		{"keys in another order", `{"op":"put","id":"x","s":3}`, true},
		{"non-ASCII name", `{"s":1,"op":"put","id":"x","src":"/c/Gutachten-Überprüfung.pdf","name":"Gutachten-Überprüfung.pdf"}`, true},
		{"escaped quote", `{"s":1,"op":"put","id":"x","src":"/c/\"q\".pdf"}`, false},
		{"escaped unicode", `{"s":1,"op":"put","id":"x","src":"/c/\u00fc.pdf"}`, false},
		{"html escapes json.Marshal writes", `{"s":1,"op":"put","id":"x","src":"/c/a\u0026b.pdf"}`, false},
		{"invalid UTF-8 becomes U+FFFD", "{\"s\":1,\"op\":\"put\",\"id\":\"x\",\"src\":\"/c/\xff.pdf\"}", false},
		{"spaces", `{ "s": 1, "op": "put", "id": "x" }`, false},
		{"key case folded", `{"S":1,"OP":"put","ID":"x"}`, false},
		{"unknown key", `{"s":1,"op":"put","id":"x","extra":true}`, false},
		{"null", `{"s":1,"op":"put","id":null}`, false},
		{"negative offset", `{"s":1,"op":"put","id":"x","oo":-4}`, false},
		{"empty object", `{}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, fast := decodeRecordFast([]byte(tc.line), "")
			if fast != tc.fast {
				t.Errorf("hand-written path took it: %v, want %v", fast, tc.fast)
			}
			checkSameAsJSON(t, []byte(tc.line))
		})
	}
	for _, line := range []string{
		"garbage",
		`{"s":1,"op":"put","id":"x"`,
		`{"s":1,"op":"put","id":"x",}`,
		`{"s":01,"op":"put","id":"x"}`,
		`{"s":1.5,"op":"put","id":"x"}`,
		`{"s":1e2,"op":"put","id":"x"}`,
		`{"s":18446744073709551616,"op":"put","id":"x"}`,
		`{"s":1,"oo":9223372036854775808}`,
		"{\"s\":1,\"id\":\"a\tb\"}",
		`{"s":1}x`,
		`{"s":1,"op":"put","id":"x"}}`,
		`{"s":"1"}`,
	} {
		if _, err := decodeRecord([]byte(line), ""); err == nil {
			t.Errorf("decodeRecord(%q) accepted a line encoding/json refuses", line)
		}
		checkSameAsJSON(t, []byte(line))
	}
}

func checkSameAsJSON(t *testing.T, line []byte) {
	t.Helper()
	var want record
	werr := json.Unmarshal(line, &want)
	got, gerr := decodeRecord(line, "")
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("decodeRecord(%q) error %v, encoding/json %v", line, gerr, werr)
	}
	if werr == nil && got != want {
		t.Fatalf("decodeRecord(%q) = %+v, encoding/json %+v", line, got, want)
	}
}

// Every record the catalog writes reads back the same, and a pack name
// repeated from one record to the next is shared, not copied.
func TestCatalogRoundTripsRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog-000001.log")
	c, err := loadCatalog(path)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("deep/", 20000) + "x.pdf" // past the reader's 64 KiB buffer
	recs := []record{
		{Op: opPut, ID: "a", SHA: "aa", Src: "/c/a&b <1>.pdf", Name: "a&b <1>.pdf", loc: loc{Pack: "p1.pack", OLen: 10, POff: 10, PLen: 5}},
		{Op: opPut, ID: "b", SHA: "bb", Src: "/c/\"quoted\"\\b.pdf", Name: "b.pdf", loc: loc{Pack: "p1.pack", OOff: 15, OLen: 3, POff: 18, PLen: 2}},
		{Op: opPut, ID: "c", SHA: "cc", Src: long, Name: "x.pdf", loc: loc{Pack: "p2.pack", OLen: 1}},
		{Op: opPut, ID: "d", SHA: "dd", Src: "/c/Überprüfung.pdf", Name: "Überprüfung.pdf", loc: loc{Pack: "p2.pack", OOff: 1, OLen: 1}},
		{Op: opDrop, ID: "a", Src: "/c/a&b <1>.pdf"},
	}
	if err := c.append(recs); err != nil {
		t.Fatal(err)
	}
	c.close()
	c, err = loadCatalog(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	if c.seq != 5 || len(c.docs) != 3 {
		t.Fatalf("replayed %d docs at seq %d, want 3 at 5", len(c.docs), c.seq)
	}
	for _, want := range recs[1:4] {
		e := c.docs[want.ID]
		if e == nil || e.SHA != want.SHA || e.Name != want.Name || e.loc != want.loc || len(e.Sources) != 1 || e.Sources[0] != want.Src {
			t.Errorf("document %s replayed as %+v, want %+v", want.ID, e, want)
		}
	}
	if c.packs["p1.pack"] != 1 || c.packs["p2.pack"] != 2 {
		t.Errorf("pack claims %v, want p1.pack:1 p2.pack:2", c.packs)
	}
	if c.docs["c"].loc.Pack != "p2.pack" || !sameString(c.docs["c"].loc.Pack, c.docs["d"].loc.Pack) {
		t.Error("two records of one pack hold two copies of its name")
	}
}

// sameString reports whether a and b are one string in memory.
func sameString(a, b string) bool {
	return a == b && unsafe.StringData(a) == unsafe.StringData(b)
}

// FuzzDecodeRecord: whatever the line, decodeRecord never panics and
// means what encoding/json means.
func FuzzDecodeRecord(f *testing.F) {
	f.Add([]byte(`{"s":1,"op":"put","id":"d098","sha":"d098ff","src":"/c/a.html","name":"a.html","pk":"000002-000000000001.pack","ol":8690,"po":8690,"pl":3721}` + "\n"))
	f.Add([]byte(`{"s":2,"op":"drop","id":"x","src":"/c/\u00fc\"b"}`))
	f.Add([]byte(`{"s":3,"op":"del","id":"x"}`))
	f.Add([]byte(`{"s":01,"oo":-1}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		checkSameAsJSON(t, line)
	})
}

// A document that gains a second source after the next document was
// replayed keeps both, and the next document keeps its own, whatever
// room the replay made beforehand.
func TestReplayedSourcesStayApart(t *testing.T) {
	recs := []record{
		{Op: opPut, ID: "a", SHA: "aa", Src: "/c/a.pdf", Name: "a.pdf"},
		{Op: opPut, ID: "b", SHA: "bb", Src: "/c/b.pdf", Name: "b.pdf"},
		{Op: opPut, ID: "a", SHA: "aa", Src: "/mirror/a.pdf", Name: "a.pdf"},
		{Op: opPut, ID: "c", SHA: "cc", Src: "/c/c.pdf", Name: "c.pdf"},
		{Op: opDrop, ID: "b", Src: "/c/b.pdf"},
		{Op: opPut, ID: "b", SHA: "bb", Src: "/c/b2.pdf", Name: "b.pdf"},
		{Op: opPut, ID: "c", SHA: "cc", Src: "/mirror/c.pdf", Name: "c.pdf"},
	}
	want := map[string][]string{"a": {"/c/a.pdf", "/mirror/a.pdf"}, "b": {"/c/b2.pdf"}, "c": {"/c/c.pdf", "/mirror/c.pdf"}}
	for _, room := range []int{0, 1, 2, 64} {
		c := newCatalog(room)
		for i, r := range recs {
			r.Seq = uint64(i + 1)
			c.apply(r)
		}
		for id, srcs := range want {
			if e := c.docs[id]; e == nil || !slices.Equal(e.Sources, srcs) {
				t.Errorf("room for %d: document %s replayed as %+v, want sources %q", room, id, e, srcs)
			}
		}
		if len(c.docs) != 3 || len(c.bySrc) != 5 {
			t.Errorf("room for %d: %d documents and %d sources, want 3 and 5", room, len(c.docs), len(c.bySrc))
		}
	}
}
