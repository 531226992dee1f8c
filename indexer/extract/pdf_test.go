package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The quality bar against poppler's pdftotext (reading-order mode), over
// every testdata/pdf file that has a reference beside it: word-level
// multiset F1 (see wordF1) of at least minPDFF1 on every file and
// minPDFMeanF1 on average, and the same number of pages.
//
// Two comparisons are made, and both must pass:
//   - raw: the go engine's page text before any cleaning against
//     pdftotext's output as it is. Nothing is dropped on either side, so
//     this measures the text layer alone: words found, split or glued.
//     One thing pdftotext does that the engine leaves to cleaning is
//     applied to our side (popplerDehyphenate): it joins a line that
//     ends in "-" to the next line of its block, dropping the hyphen
//     ("cross-" + "border" gives "crossborder"); we keep the line break
//     so that cleaning can tell compounds from split words.
//   - clean: Result.Text() against the reference put through the same
//     cleaning (cleanPaged: page stamps lifted out, running headers and
//     footers and bare page numbers dropped, end-of-line hyphens joined,
//     NFKC). What we drop on purpose is dropped from the reference too,
//     by the same code, while every word the engine reads differently
//     still counts against it: a header read with one word split no
//     longer repeats, and stays in.
//
// pdftotext's own slips (small capitals split, footnote markers run into
// the word before) are taken out of the reference where we read the
// words right (pdftotextSlips); every other difference counts.
const (
	minPDFF1     = 0.99
	minPDFMeanF1 = 0.995
)

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

// pdfReferences lists the PDFs in testdata/pdf that have a pdftotext
// reference.
func pdfReferences(t testing.TB) []string {
	t.Helper()
	refs, err := filepath.Glob(filepath.Join("testdata", "pdf", "*.pdftotext.txt"))
	if err != nil || len(refs) == 0 {
		t.Fatalf("no references: %v", err)
	}
	var names []string
	for _, ref := range refs {
		names = append(names, strings.TrimSuffix(filepath.Base(ref), ".pdftotext.txt")+".pdf")
	}
	return names
}

// referencePages splits pdftotext output into pages: it ends every page
// with a form feed.
func referencePages(ref string) []string {
	pages := strings.Split(ref, "\f")
	return pages[:len(pages)-1]
}

// popplerDehyphenate does to our raw text what pdftotext does to its own:
// a line ending in a hyphen is joined to the line right after it (not
// across a blank line, which ends a block), without the hyphen.
func popplerDehyphenate(text string) string {
	lines := strings.Split(text, "\n")
	var b strings.Builder
	for i, l := range lines {
		if strings.HasSuffix(l, "-") && len(l) > 1 && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			b.WriteString(l[:len(l)-1])
			continue
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestPDFMatchesPdftotext(t *testing.T) {
	var sumRaw, sumClean float64
	names := pdfReferences(t)
	t.Logf("%-36s %5s %8s %8s", "file", "pages", "raw F1", "clean F1")
	for _, name := range names {
		ref := readTestdata(t, filepath.Join("pdf", strings.TrimSuffix(name, ".pdf")+".pdftotext.txt"))
		refPages := referencePages(ref)
		raw, err := pdfPages(context.Background(), readPDF(t, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		res, err := extractPDF(t, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(raw) != len(refPages) || len(res.Pages) != len(refPages) {
			t.Errorf("%s: %d raw and %d clean pages, want %d", name, len(raw), len(res.Pages), len(refPages))
		}
		for i, p := range res.Pages {
			if p.Number < 1 {
				t.Errorf("%s: page %d numbered %d", name, i, p.Number)
			}
		}
		cleanRef, _ := cleanPaged(refPages, cleanOptions{})
		refRes := Result{Pages: cleanRef}
		rawText := popplerDehyphenate(strings.Join(raw, "\n"))
		f1Raw := wordF1(rawText, pdftotextSlips(ref, rawText))
		f1Clean := wordF1(res.Text(), pdftotextSlips(refRes.Text(), res.Text()))
		sumRaw += f1Raw
		sumClean += f1Clean
		t.Logf("%-36s %5d %8.4f %8.4f", name, len(res.Pages), f1Raw, f1Clean)
		if f1Raw < minPDFF1 || f1Clean < minPDFF1 {
			t.Errorf("%s: word F1 raw %.4f, clean %.4f; want >= %.3f", name, f1Raw, f1Clean, minPDFF1)
		}
	}
	n := float64(len(names))
	t.Logf("%-36s %5s %8.4f %8.4f", "mean", "", sumRaw/n, sumClean/n)
	if sumRaw/n < minPDFMeanF1 || sumClean/n < minPDFMeanF1 {
		t.Errorf("mean word F1 raw %.4f, clean %.4f; want >= %.3f", sumRaw/n, sumClean/n, minPDFMeanF1)
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
		t.Error("page 1 is empty")
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
			// OCR off: TestPDFOCR covers it, and it takes seconds.
			_, err := PDF(Options{OCR: OCRNever}).Extract(context.Background(), bytes.NewReader(tt.data(t)))
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
	// The content interpreter: text state, TJ, a form XObject drawing
	// itself, an unbalanced Q, a standard font without widths.
	f.Add(tinyPDF("q BT /F1 12 Tf 2 Tc 3 Tw 90 Tz 14 TL 72 700 Td (Hello world) Tj T* [(Wo) -250 (rld)] TJ ET Q Q /X1 Do"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		// No OCR: a fuzzer's inputs are all scans, and OCR runs programs.
		res, err := PDF(Options{MaxBytes: 1 << 20, OCR: OCRNever}).Extract(ctx, bytes.NewReader(data))
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

// tinyPDF builds a one-page PDF drawing content with Helvetica (no widths
// of its own) as /F1 and a form XObject /X1 that draws the same content.
func tinyPDF(content string) []byte {
	objs := []string{
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>/XObject<</X1 6 0 R>>>>>>",
		fmt.Sprintf("<</Length %d>>stream\n%s\nendstream", len(content)+1, content),
		"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
		fmt.Sprintf("<</Type/XObject/Subtype/Form/BBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>/XObject<</X1 6 0 R>>>>/Length %d>>stream\n%s\nendstream", len(content)+1, content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestPDFContentInterpreter(t *testing.T) {
	// Helvetica has no widths in the file: the standard metrics place
	// the glyphs. Word spacing (Tw) widens the spaces only, and a TJ
	// adjustment splits words only where it is wide.
	data := tinyPDF("BT /F1 12 Tf 3 Tw 72 700 Td (Hello world, this is the) Tj 0 -14 Td [(con) -20 (tent) -400 (stream)] TJ ET Q Q")
	pages, err := pdfPages(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Hello world, this is the\ncontent stream"; len(pages) != 1 || pages[0] != want {
		t.Errorf("pages = %q, want [%q]", pages, want)
	}
	data = tinyPDF("BT /F1 12 Tf 72 700 Td (Drawn by a form.) Tj ET /X1 Do")
	pages, err = pdfPages(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	// The form draws the same text again, at the same place (and
	// tries to draw itself, which is stopped): it reads once.
	if want := "Drawn by a form."; len(pages) != 1 || pages[0] != want {
		t.Errorf("pages = %q, want [%q]", pages, want)
	}
}

func TestPDFSmallCapsAndFootnoteMarks(t *testing.T) {
	for _, tc := range []struct{ name, content, want string }{
		// Small capitals: a full-size capital, then smaller capitals,
		// letter-spaced (Tc) as court printers set them.
		{"small capitals", "BT 0.6 Tc /F1 12 Tf 72 700 Td (F) Tj /F1 9.6 Tf (OR) Tj 0 Tc ( THE ) Tj 0.6 Tc /F1 12 Tf (S) Tj /F1 9.6 Tf (ECOND) Tj ET",
			"FOR THE SECOND"},
		// A raised footnote marker is a word of its own on both sides.
		{"footnote marker", "BT /F1 12 Tf 72 700 Td (Strickland) Tj /F1 7 Tf 4 Ts (7) Tj /F1 12 Tf 0 Ts (The court) Tj ET",
			"Strickland 7 The court"},
		// A raised ordinal stays with its number.
		{"raised ordinal", "BT /F1 12 Tf 72 700 Td (the 5) Tj /F1 7 Tf 4 Ts (th) Tj /F1 12 Tf 0 Ts ( Circuit) Tj ET",
			"the 5th Circuit"},
		// Capitals at one size are not joined to the next word.
		{"capitals of one size", "BT /F1 12 Tf 72 700 Td (A FIRM) Tj ET", "A FIRM"},
		// A word in capitals drawn in two pieces, 0.12 of the size
		// apart (a word break for pdftotext, well under the 0.28 of a
		// Helvetica space): one word.
		{"kerning slip inside capitals", "BT /F1 12 Tf 72 700 Td [(THE BUSI) -120 (NESS OF THE COURT)] TJ ET",
			"THE BUSINESS OF THE COURT"},
		// The small capitals drawn a kerning slip after their capital.
		{"small capitals after a slip", "BT /F1 12 Tf 72 700 Td (THE ) Tj [(B) -120] TJ /F1 9.6 Tf (USINESS) Tj /F1 12 Tf ( OF THE COURT) Tj ET",
			"THE BUSINESS OF THE COURT"},
		{"kerning slip in a capitalised word", "BT /F1 12 Tf 72 700 Td [(The Busi) -120 (ness Court)] TJ ET", "The Business Court"},
		// The narrowest space between capitals in the fixture opinions,
		// 0.19 of the size, is a space.
		{"a narrow space between capitals", "BT /F1 12 Tf 72 700 Td [(COURT OF) -190 (APPEALS)] TJ ET", "COURT OF APPEALS"},
		// On a page set with tight spaces (0.19 of the size), a gap of
		// 0.12 is more than half a space: a space, not a slip.
		{"relative to the page's spaces", "BT /F1 12 Tf -1 Tw 72 700 Td (ONE TWO SIX TEN ALL FOR) Tj 0 -14 Td (THE MAN WHO) Tj 0 -14 Td [(AB) -120 (CD)] TJ ET",
			"ONE TWO SIX TEN ALL FOR\nTHE MAN WHO\nAB CD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages, err := pdfPages(context.Background(), tinyPDF(tc.content))
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 1 || pages[0] != tc.want {
				t.Errorf("pages = %q, want [%q]", pages, tc.want)
			}
		})
	}
}
