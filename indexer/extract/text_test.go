package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestForFormat(t *testing.T) {
	for _, f := range []string{"pdf", "html", "text", "markdown"} {
		if ex, err := ForFormat(f, Options{}); err != nil || ex == nil {
			t.Errorf("ForFormat(%q) = %v, %v", f, ex, err)
		}
	}
	for _, f := range []string{"", "docx", "PDF"} {
		if _, err := ForFormat(f, Options{}); !errors.Is(err, ErrUnsupported) {
			t.Errorf("ForFormat(%q) error = %v, want ErrUnsupported", f, err)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantPages []Page
		wantErr   error
	}{
		{"utf-8 as is", "Café crème, the court held.", []Page{{1, "Café crème, the court held."}}, nil},
		{"windows-1252 converted", "Caf\xe9 \x93quoted\x94 \x96 dash", []Page{{1, "Café “quoted” – dash"}}, nil},
		{"byte-order mark dropped", "\xef\xbb\xbfHello there", []Page{{1, "Hello there"}}, nil},
		{"crlf normalised", "one\r\ntwo\r\n\r\nthree", []Page{{1, "one\ntwo\n\nthree"}}, nil},
		{"form feeds split pages", "page one\fpage two\f\fpage four", []Page{{1, "page one"}, {2, "page two"}, {3, ""}, {4, "page four"}}, nil},
		{"blank is no text", " \n\t\n", nil, ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Text(Options{}).Extract(context.Background(), strings.NewReader(tt.in))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if len(res.Pages) != len(tt.wantPages) {
				t.Fatalf("pages = %+v, want %+v", res.Pages, tt.wantPages)
			}
			for i := range res.Pages {
				if res.Pages[i] != tt.wantPages[i] {
					t.Errorf("page %d = %+v, want %+v", i, res.Pages[i], tt.wantPages[i])
				}
			}
		})
	}
}

func TestTextTooLarge(t *testing.T) {
	_, err := Text(Options{MaxBytes: 10}).Extract(context.Background(), strings.NewReader(strings.Repeat("x", 11)))
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}

func TestTextCorpus(t *testing.T) {
	tests := []struct {
		file, lang, contains string
	}{
		{"text/docketalarm-gg-v-salesforce-ilnd-2022.txt", "en", "Section 230 functions as an affirmative defense"},
		{"text/sherloc-doe-v-twitter-ndcal-2021.txt", "en", "John Doe et al. v. Twitter"},
		{"text/unicef-usa-innocent-victims-2018.txt", "en", "Innocent Victims"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := Text(Options{}).Extract(context.Background(), strings.NewReader(readTestdata(t, tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			if res.Meta.Lang != tt.lang {
				t.Errorf("lang = %q, want %q", res.Meta.Lang, tt.lang)
			}
			if !strings.Contains(res.Text(), tt.contains) {
				t.Errorf("text lacks %q", tt.contains)
			}
		})
	}
}

// onlyReader hides a reader's Len, so readAtMost cannot size its buffer.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func TestReadAtMostLimit(t *testing.T) {
	const max = 4000 // past 512 and a few doublings of it
	for _, tt := range []struct {
		name   string
		n      int
		sized  bool
		over   bool
		buffer bool // a *bytes.Buffer, read in place
	}{
		{"at the limit, a buffer", max, true, false, true},
		{"one over the limit, a buffer", max + 1, true, true, true},
		{"at the limit, sized", max, true, false, false},
		{"one over the limit, sized", max + 1, true, true, false},
		{"far over the limit, sized", 3 * max, true, true, false},
		{"at the limit, unsized", max, false, false, false},
		{"one over the limit, unsized", max + 1, false, true, false},
		{"empty, sized", 0, true, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.Repeat("abcdefg\n", tt.n/8+1)[:tt.n]
			var r io.Reader = strings.NewReader(want)
			if !tt.sized {
				r = onlyReader{r}
			}
			if tt.buffer {
				r = bytes.NewBufferString(want)
			}
			got, err := readAtMost(r, max)
			if tt.over {
				if !errors.Is(err, ErrTooLarge) {
					t.Fatalf("err = %v, want ErrTooLarge", err)
				}
				return
			}
			if err != nil || string(got) != want {
				t.Fatalf("read %d bytes, err %v; want the %d bytes given", len(got), err, len(want))
			}
		})
	}
}

// TestExtractLeavesInputAlone: readAtMost hands the extractors the bytes of
// a *bytes.Buffer in place, so none of them may write to its input (the
// indexer keeps those bytes as the original).
func TestExtractLeavesInputAlone(t *testing.T) {
	formats := map[string]string{".pdf": "pdf", ".html": "html", ".txt": "text", ".md": "markdown"}
	n := 0
	err := filepath.WalkDir("testdata", func(p string, d fs.DirEntry, err error) error {
		format := formats[filepath.Ext(p)]
		if err != nil || d.IsDir() || format == "" || strings.Contains(p, "fuzz") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		ex, err := ForFormat(format, Options{OCR: OCRNever})
		if err != nil {
			return err
		}
		inputs := [][]byte{data}
		if format == "pdf" && len(data) > 8 {
			// junk before a header the PDF reader wants rewritten
			inputs = append(inputs, append([]byte("junk%PDF-2.0"), data[8:]...))
		}
		for _, in := range inputs {
			orig := bytes.Clone(in)
			ex.Extract(t.Context(), bytes.NewBuffer(in)) // failing is fine; writing is not
			if !bytes.Equal(in, orig) {
				t.Errorf("extracting %s changed its bytes", p)
			}
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("extracted %d files from testdata, want the PDF, HTML, text and Markdown samples", n)
	}
}
