package extract

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPDFEnginePoppler(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	name := "2ndCircuit-08-6301-cv_opn.pdf"
	res, err := PDF(Options{PDFEngine: EnginePoppler}).Extract(context.Background(), bytes.NewReader(readPDF(t, name)))
	if err != nil {
		t.Fatal(err)
	}
	refPages := referencePages(readTestdata(t, filepath.Join("pdf", "2ndCircuit-08-6301-cv_opn.pdftotext.txt")))
	want, _ := cleanPaged(refPages, cleanOptions{})
	if len(res.Pages) != len(want) {
		t.Fatalf("%d pages, want %d", len(res.Pages), len(want))
	}
	wantRes := Result{Pages: want}
	if f1 := wordF1(res.Text(), wantRes.Text()); f1 < 0.9999 {
		t.Errorf("poppler engine word F1 %.4f against its own reference", f1)
	}
}

func TestPDFToolsMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no pdftotext, pdftoppm or tesseract
	tests := []struct {
		name string
		file string
		opts Options
		want error
		msg  string
	}{
		{"poppler engine without pdftotext", "FederalCircuit-09-1361.pdf", Options{PDFEngine: EnginePoppler}, ErrUnsupported, "pdftotext"},
		{"scan without OCR tools", "ocr_pdf_variation.pdf", Options{}, ErrNoText, "needs OCR: install tesseract-ocr and poppler-utils"},
		{"scan with OCR off", "ocr_pdf_variation.pdf", Options{OCR: OCRNever}, ErrNoText, "no text layer"},
		{"OCR always without tools", "FederalCircuit-09-1361.pdf", Options{OCR: OCRAlways}, ErrUnsupported, "tesseract"},
		{"unknown engine", "FederalCircuit-09-1361.pdf", Options{PDFEngine: "mupdf"}, ErrUnsupported, "mupdf"},
		{"unknown OCR mode", "FederalCircuit-09-1361.pdf", Options{OCR: "sometimes"}, ErrUnsupported, "sometimes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := PDF(tt.opts).Extract(context.Background(), bytes.NewReader(readPDF(t, tt.file)))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %v mentioning %q", err, tt.want, tt.msg)
			}
		})
	}
}

func TestPDFOCR(t *testing.T) {
	if missing := missingOCRTools(); missing != "" {
		t.Skipf("OCR test needs %s (apt-get install tesseract-ocr poppler-utils)", missing)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// A one-page scan of a Tennessee order, with no text layer at all.
	res, err := PDF(Options{}).Extract(ctx, bytes.NewReader(readPDF(t, "image-pdf-2.pdf")))
	if err != nil {
		t.Fatal(err)
	}
	if res.Meta.Extra["ocr"] != "tesseract" || len(res.Pages) != 1 || res.Meta.Lang != "en" {
		t.Errorf("meta %+v, %d pages", res.Meta, len(res.Pages))
	}
	for _, w := range []string{"Goodwin", "Morristown", "Compensation"} {
		if !strings.Contains(res.Text(), w) {
			t.Errorf("OCR text lacks %q", w)
		}
	}
	// A scan whose only text, once read, is the court's stamp: still
	// no text.
	if _, err := PDF(Options{}).Extract(ctx, bytes.NewReader(readPDF(t, "ocr_pdf_variation.pdf"))); !errors.Is(err, ErrNoText) {
		t.Errorf("stamp-only scan: err = %v, want ErrNoText", err)
	}

	cancelled, stop := context.WithCancel(context.Background())
	stop()
	if _, err := PDF(Options{OCR: OCRAlways}).Extract(cancelled, bytes.NewReader(readPDF(t, "FederalCircuit-09-1361.pdf"))); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled OCR: err = %v", err)
	}
}

// BenchmarkPDF reports pages per second over every PDF with a pdftotext
// reference: ours (the go engine, cleaning included) and, when it is
// installed, pdftotext run once per file as the poppler engine would.
func BenchmarkPDF(b *testing.B) {
	names := pdfReferences(b)
	files := make([][]byte, len(names))
	pages := 0
	for i, n := range names {
		files[i] = readPDF(b, n)
		res, err := PDF(Options{}).Extract(context.Background(), bytes.NewReader(files[i]))
		if err != nil {
			b.Fatal(n, err)
		}
		pages += len(res.Pages)
	}
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			for _, data := range files {
				if _, err := PDF(Options{}).Extract(context.Background(), bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("pdftotext", func(b *testing.B) {
		if _, err := exec.LookPath("pdftotext"); err != nil {
			b.Skip("pdftotext not on PATH (apt-get install poppler-utils)")
		}
		for b.Loop() {
			for _, n := range names {
				if err := exec.Command("pdftotext", "-q", "-enc", "UTF-8", filepath.Join("testdata", "pdf", n), "-").Run(); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	})
}
