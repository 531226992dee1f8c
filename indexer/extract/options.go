package extract

import "fmt"

// DefaultMaxBytes is the input bound used when Options.MaxBytes is zero.
// 64 MiB is well above the largest court filing we expect (long opinions and
// appendices run to a few MiB) and low enough that a handful of concurrent
// extractions cannot exhaust memory: every extractor holds the whole file,
// and the PDF reader holds several copies of its decoded streams.
const DefaultMaxBytes int64 = 64 << 20

// Options tunes the extractors returned by ForFormat. The zero value is
// ready to use.
type Options struct {
	// MaxBytes bounds how much of the input is read; a larger input fails
	// with ErrTooLarge. Zero or less means DefaultMaxBytes.
	MaxBytes int64

	// PDFEngine picks who reads a PDF's text layer: EngineGo (the
	// default, also chosen by "") or EnginePoppler, which runs poppler's
	// pdftotext and fails with ErrUnsupported when it is not installed.
	PDFEngine string

	// OCR says when a PDF is read by optical character recognition
	// (pdftoppm and tesseract): OCRAuto (the default, also "") for a PDF
	// without a text layer, OCRAlways for every PDF, OCRNever never.
	OCR string
}

// Values of Options.PDFEngine.
const (
	EngineGo      = "go"
	EnginePoppler = "poppler"
)

// Values of Options.OCR.
const (
	OCRAuto   = "auto"
	OCRAlways = "always"
	OCRNever  = "never"
)

type ocrMode int

const (
	ocrAuto ocrMode = iota
	ocrAlways
	ocrNever
)

func (o Options) ocrMode() (ocrMode, error) {
	switch o.OCR {
	case "", OCRAuto:
		return ocrAuto, nil
	case OCRAlways:
		return ocrAlways, nil
	case OCRNever:
		return ocrNever, nil
	}
	return 0, fmt.Errorf("%w: OCR mode %q (want %q, %q or %q)", ErrUnsupported, o.OCR, OCRAuto, OCRAlways, OCRNever)
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// ForFormat returns the extractor for format, one of "pdf", "html", "text"
// and "markdown" (the corpus.Format values). Any other format fails with
// ErrUnsupported. The returned Extractor is safe for concurrent use.
func ForFormat(format string, opts Options) (Extractor, error) {
	switch format {
	case "pdf":
		return PDF(opts), nil
	case "html":
		return HTML(opts), nil
	case "text":
		return Text(opts), nil
	case "markdown":
		return Markdown(opts), nil
	}
	return nil, fmt.Errorf("%w: %q", ErrUnsupported, format)
}
