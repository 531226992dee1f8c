package extract

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func utf32LE(s string) []byte {
	out := []byte{0xFF, 0xFE, 0, 0}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
	}
	return out
}

func randomBytes(n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return b
}

func TestDecodeText(t *testing.T) {
	const prose = "Section 230 — the court’s ruling in Doe v. Backpage.\nSecond line, café.\n"
	tests := []struct {
		name    string
		in      []byte
		want    string
		wantErr error
	}{
		{"utf-8", []byte(prose), prose, nil},
		{"utf-8 bom dropped", append([]byte{0xEF, 0xBB, 0xBF}, prose...), prose, nil},
		{"utf-16le bom", utf16Bytes(prose, false, true), prose, nil},
		{"utf-16be bom", utf16Bytes(prose, true, true), prose, nil},
		{"utf-16le without bom", utf16Bytes(prose, false, false), prose, nil},
		{"utf-16be without bom", utf16Bytes(prose, true, false), prose, nil},
		{"utf-32le bom", utf32LE(prose), prose, nil},
		{"latin-1", []byte("Caf\xe9 au lait, na\xefve r\xe9sum\xe9.\n"), "Café au lait, naïve résumé.\n", nil},
		{"windows-1252 quotes", []byte("\x93Quoted\x94 \x96 dash\n"), "“Quoted” – dash\n", nil},
		{"utf-8 with a stray latin-1 byte", []byte("The court’s caf\xe9.\n"), "The court’s café.\n", nil},
		{"empty", nil, "", nil},
		{"random bytes", randomBytes(4096, 1), "", ErrBinary},
		{"nul-filled", make([]byte, 4096), "", ErrBinary},
		{"bom then random bytes", append([]byte{0xFF, 0xFE}, randomBytes(4096, 2)...), "", ErrBinary},
		{"text with control bytes", bytes.Repeat([]byte("ab\x01\x02\x03\x04"), 200), "", ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeText(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A long text file with one stray NUL (a bad copy) is still text.
func TestDecodeTextStrayNUL(t *testing.T) {
	in := []byte(strings.Repeat("The plaintiffs allege trafficking. ", 200) + "\x00 end")
	if _, err := decodeText(in); err != nil {
		t.Fatal(err)
	}
}

// Files named as text that hold binary data are skipped as binary by
// every text reader, never indexed as articles.
func TestExtractorsRejectBinary(t *testing.T) {
	for _, name := range []string{"text", "html", "markdown"} {
		ex, err := ForFormat(name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range [][]byte{randomBytes(10000, 3), make([]byte, 10000)} {
			_, err := ex.Extract(context.Background(), bytes.NewReader(in))
			if !errors.Is(err, ErrBinary) {
				t.Errorf("%s: err = %v, want ErrBinary", name, err)
			}
		}
	}
}

func TestHTMLUTF16(t *testing.T) {
	page := `<html><head><title>Doe v. Roe</title></head><body><p>The court’s opinion on Section 230 immunity.</p></body></html>`
	for _, be := range []bool{false, true} {
		res, err := HTML(Options{}).Extract(context.Background(), bytes.NewReader(utf16Bytes(page, be, true)))
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Text(); !strings.Contains(got, "The court’s opinion on Section 230 immunity.") {
			t.Errorf("big-endian %v: text %q", be, got)
		}
		if res.Meta.Title != "Doe v. Roe" {
			t.Errorf("title %q", res.Meta.Title)
		}
	}
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("plain text\n"))
	f.Add(utf16Bytes("wide text", false, true))
	f.Add(utf16Bytes("wide text", true, false))
	f.Add(utf32LE("wider"))
	f.Add([]byte("caf\xe9"))
	f.Add([]byte{0xFF, 0xFE, 0, 0, 0xFF})
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := decodeText(in)
		if err != nil {
			if !errors.Is(err, ErrBinary) {
				t.Fatalf("error %v is not ErrBinary", err)
			}
			return
		}
		if !utf8.ValidString(s) {
			t.Fatalf("decoded text is not UTF-8: %q", s)
		}
	})
}

// checkClassCounts wants classCounts to count NUL, control and high bytes
// as a lookup of every byte does.
func checkClassCounts(t *testing.T, b []byte) {
	var want [4]int
	for _, c := range b {
		want[byteClasses[c]]++
	}
	got := classCounts(b)
	for _, class := range []int{classNUL, classControl, classHigh} {
		if got[class] != want[class] {
			t.Fatalf("classCounts(%q)[%d] = %d, want %d", b, class, got[class], want[class])
		}
	}
}

func TestClassCounts(t *testing.T) {
	// Every byte at every offset of a run long enough to be read eight
	// bytes at a time.
	for c := range 256 {
		for at := range 17 {
			b := []byte(strings.Repeat("x", 24))
			b[at] = byte(c)
			checkClassCounts(t, b)
		}
	}
	checkClassCounts(t, []byte("plain text, then\ttab\x7fdel\x00nul\x1besc é"))
	// Two bytes of other classes in one step of eight.
	for a := range 8 {
		for b := a + 1; b < 16; b++ {
			for _, pair := range [][2]byte{{0, 0x80}, {'\n', 0x7f}, {0x01, 0x00}, {0xff, '\r'}} {
				s := []byte(strings.Repeat("x", 24))
				s[a], s[b] = pair[0], pair[1]
				checkClassCounts(t, s)
			}
		}
	}
}

func FuzzClassCounts(f *testing.F) {
	f.Add([]byte("Some text\n\twith a tab and a \x00 and \xe9"))
	f.Fuzz(checkClassCounts)
}
