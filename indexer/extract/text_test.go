package extract

import (
	"context"
	"errors"
	"io"
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
		name  string
		n     int
		sized bool
		over  bool
	}{
		{"at the limit, sized", max, true, false},
		{"one over the limit, sized", max + 1, true, true},
		{"far over the limit, sized", 3 * max, true, true},
		{"at the limit, unsized", max, false, false},
		{"one over the limit, unsized", max + 1, false, true},
		{"empty, sized", 0, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := strings.Repeat("abcdefg\n", tt.n/8+1)[:tt.n]
			var r io.Reader = strings.NewReader(want)
			if !tt.sized {
				r = onlyReader{r}
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
