package jsonstr

import (
	"bytes"
	"encoding/json"
	"testing"
)

// encoded is s as encoding/json writes it, with or without HTML escaping.
func encoded(t testing.TB, s string, escapeHTML bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

var samples = []string{
	"", "plain words and spaces", `"quoted" \ back`, "<mark>230</mark> & more",
	"tab\tnew\nline\rcr\bback\fform\x00nul\x1funit\x7fdel", "caf\u00e9 \u00a7 1591 \u2014 \u2028\u2029",
	"bad \xff\xfe utf-8 \xe2\x80", "exactly8", "sixteen bytes ok", "seven!!<",
	"\u2028", "a\u2029b", "0123456\x80", "01234567\"89",
}

func TestAppendIsEncodingJSON(t *testing.T) {
	for _, s := range samples {
		for _, html := range []bool{false, true} {
			if got, want := string(Append(nil, s, html)), encoded(t, s, html); got != want {
				t.Errorf("Append(%q, html %v) = %s, want %s", s, html, got, want)
			}
		}
	}
}

func FuzzAppend(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, html := range []bool{false, true} {
			if got, want := string(Append([]byte("x"), s, html)), "x"+encoded(t, s, html); got != want {
				t.Fatalf("Append(%q, html %v) = %s, want %s", s, html, got, want)
			}
		}
	})
}
