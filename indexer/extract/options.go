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
