package extract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// minPDFF1 is the floor on word F1 against poppler's pdftotext. Measured
// per file on testdata/pdf at 0.947 to 0.996 (the gap is mostly page
// stamps, running headers and page numbers, which we drop on purpose and
// pdftotext keeps); the floor leaves room for harmless layout changes.
const minPDFF1 = 0.90

func extractPDF(t testing.TB, name string) (*Result, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pdf", name))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return PDF(Options{}).Extract(ctx, bytes.NewReader(data))
}

func TestPDFMatchesPdftotext(t *testing.T) {
	refs, err := filepath.Glob(filepath.Join("testdata", "pdf", "*.pdftotext.txt"))
	if err != nil || len(refs) == 0 {
		t.Fatalf("no references: %v", err)
	}
	for _, ref := range refs {
		name := strings.TrimSuffix(filepath.Base(ref), ".pdftotext.txt") + ".pdf"
		t.Run(name, func(t *testing.T) {
			res, err := extractPDF(t, name)
			if err != nil {
				t.Fatal(err)
			}
			want := readTestdata(t, filepath.Join("pdf", filepath.Base(ref)))
			// pdftotext ends every page with a form feed.
			if wantPages := strings.Count(want, "\f"); len(res.Pages) != wantPages {
				t.Errorf("%d pages, want %d", len(res.Pages), wantPages)
			}
			for i, p := range res.Pages {
				if p.Number < 1 {
					t.Errorf("page %d numbered %d", i, p.Number)
				}
			}
			f1 := wordF1(res.Text(), want)
			t.Logf("%-40s pages %3d  word F1 %.3f  lang %q", name, len(res.Pages), f1, res.Meta.Lang)
			if f1 < minPDFF1 {
				t.Errorf("word F1 %.3f < %.2f", f1, minPDFF1)
			}
		})
	}
}

func TestPDFMeta(t *testing.T) {
	res, err := extractPDF(t, "ca5_00516242060.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.DocketNumber != "21-50498" || res.Meta.DocumentNumber != "00516242060" || res.Meta.DateFiled != "2022-03-16" {
		t.Errorf("stamp meta = %+v", res.Meta)
	}
	if strings.Contains(res.Text(), "Document: 00516242060") {
		t.Error("page stamp left in text")
	}
	if res.Pages[0].Text == "" {
		t.Error("page 1 is empty: the GetPlainText fallback did not run")
	}
}

func TestPDFErrors(t *testing.T) {
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want error
	}{
		{"scanned without text layer", func(t *testing.T) []byte { return readPDF(t, "ocr_pdf_variation.pdf") }, ErrNoText},
		{"not a pdf", func(*testing.T) []byte { return []byte("hello, world") }, ErrMalformed},
		{"header only", func(*testing.T) []byte { return []byte("%PDF-1.4\n%%EOF\n") }, ErrMalformed},
		{"cut in half", func(t *testing.T) []byte { d := readPDF(t, "FederalCircuit-09-1361.pdf"); return d[:len(d)/2] }, ErrMalformed},
		{"empty", func(*testing.T) []byte { return nil }, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := PDF(Options{}).Extract(context.Background(), bytes.NewReader(tt.data(t)))
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func readPDF(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pdf", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPDFJunkBeforeHeader(t *testing.T) {
	for _, name := range []string{"broken-mime.pdf", "missouri.pdf"} {
		t.Run(name, func(t *testing.T) {
			if bytes.HasPrefix(readPDF(t, name), []byte("%PDF-")) {
				t.Fatal("fixture no longer has junk before its header")
			}
			res, err := extractPDF(t, name)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) == 0 || len(res.Text()) < 1000 {
				t.Errorf("got %d pages, %d bytes of text", len(res.Pages), len(res.Text()))
			}
		})
	}
}

func TestRepairPDF(t *testing.T) {
	tests := []struct {
		name, in, want string
		err            error
	}{
		{"clean file unchanged", "%PDF-1.4\nbody\nstartxref\n9\n%%EOF", "%PDF-1.4\nbody\nstartxref\n9\n%%EOF", nil},
		{"junk before header cut", "\r\n%%EOF\r\n%PDF-1.5\nbody %%EOF", "%PDF-1.5\nbody %%EOF", nil},
		{"missing EOF added", "%PDF-1.5\nbody startxref 9", "%PDF-1.5\nbody startxref 9\n%%EOF\n", nil},
		{"bytes after EOF dropped", "%PDF-1.5\nbody %%EOF\n--boundary--\n", "%PDF-1.5\nbody %%EOF", nil},
		{"pdf 2.0 header accepted", "%PDF-2.0\nbody %%EOF", "%PDF-1.7\nbody %%EOF", nil},
		{"space after version", "%PDF-1.4 %binary\n %%EOF", "%PDF-1.4\n%binary\n %%EOF", nil},
		{"no header", "GIF89a....", "", ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := repairPDF([]byte(tt.in))
			if (tt.err == nil) != (err == nil) || (tt.err != nil && !errors.Is(err, tt.err)) || string(got) != tt.want {
				t.Errorf("repairPDF(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestPDFHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := PDF(Options{}).Extract(ctx, bytes.NewReader(readPDF(t, "FederalCircuit-09-1361.pdf")))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func FuzzPDF(f *testing.F) {
	// Seeds stay small: with the larger fixtures (cafc_3.pdf, and oddly
	// the 17 KB ocr_pdf_variation.pdf) Go's fuzzing engine manages a handful
	// of executions a minute, although each input extracts in about 1 ms.
	f.Add(readPDF(f, "FederalCircuit-09-1361.pdf"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n9\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		res, err := PDF(Options{MaxBytes: 1 << 20}).Extract(ctx, bytes.NewReader(data))
		if err == nil && len(res.Pages) == 0 {
			t.Fatal("no error and no pages")
		}
	})
}

func TestCheckPDFBounds(t *testing.T) {
	pad := strings.Repeat(" ", 4000)
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"plain table", "xref\n0 3\n0000000000 65535 f \n0000000010 00000 n \n0000000020 00000 n \ntrailer<</Size 3>>" + pad, true},
		{"subsection far past the file", "xref\n9000000000 1\n0000000000 65535 f \ntrailer" + pad, false},
		{"second subsection checked too", "xref\n0 1\n0000000000 65535 f \n80000000 2\n" + pad, false},
		{"huge /Size", "trailer<</Size 99999999>>" + pad, false},
		{"huge /Index", "<</Type/XRef/Index[0 5 70000000 3]>>" + pad, false},
		{"wide /W", "<</Type/XRef/W[1 900000 1]>>" + pad, false},
		{"overflowing number", "<</Size 99999999999999999999999>>" + pad, false},
		{"startxref is not a table", "startxref\n9000000000\n%%EOF" + pad, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkPDFBounds([]byte(tt.in))
			if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrMalformed)) {
				t.Errorf("checkPDFBounds = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}
