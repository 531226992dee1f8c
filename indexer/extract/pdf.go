package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
)

// PDF returns the extractor for PDF files. Pages keep their numbers
// (1..N, or the court's stamp when a page has one); each page is cleaned
// as in Clean, and lines repeated at the top or bottom of most pages
// (running headers and footers) are dropped. A file whose pages have no
// text, or only unmapped glyphs, fails with ErrNoText: it needs OCR, and
// indexing it empty or as gibberish would hide that.
//
// The PDF library has no cancellation of its own. Pages are read on a
// separate goroutine and Extract returns as soon as ctx is done; a
// pathological file that sends the library into an endless loop then
// leaves that goroutine running, so callers should always set a deadline.
func PDF(opts Options) Extractor {
	max := opts.maxBytes()
	return Func(func(ctx context.Context, r io.Reader) (*Result, error) {
		data, err := readAtMost(r, max)
		if err != nil {
			return nil, fmt.Errorf("extract pdf: %w", err)
		}
		texts, err := pdfPagesCtx(ctx, data)
		if err != nil {
			return nil, fmt.Errorf("extract pdf: %w", err)
		}
		if err := checkText(strings.Join(texts, "\n")); err != nil {
			return nil, fmt.Errorf("extract pdf: %w", err)
		}
		for i, t := range texts {
			// A few unmapped glyphs in good text are mostly spaces drawn
			// with a glyph of their own; as separators they are harmless.
			texts[i] = strings.ReplaceAll(t, "\uFFFD", " ")
		}
		var res Result
		res.Pages, res.Meta = cleanPaged(texts, cleanOptions{})
		// Again after cleaning: a scan with nothing but the court's
		// electronic stamp in its text layer is still a scan.
		if err := checkText(res.Text()); err != nil {
			return nil, fmt.Errorf("extract pdf: after cleaning: %w", err)
		}
		res.Meta.Lang = DetectLang(res.Text())
		return &res, nil
	})
}

// pdfPagesCtx runs pdfPages on its own goroutine so that ctx can cut short
// a library call that never returns.
func pdfPagesCtx(ctx context.Context, data []byte) ([]string, error) {
	type result struct {
		pages []string
		err   error
	}
	done := make(chan result, 1) // buffered: an abandoned goroutine must not block forever on send
	go func() {
		pages, err := pdfPages(ctx, data)
		done <- result{pages, err}
	}()
	select {
	case r := <-done:
		return r.pages, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// pdfPages returns the raw text of each page. Panics inside the library,
// which it raises on malformed input, become ErrMalformed.
func pdfPages(ctx context.Context, data []byte) (pages []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			pages, err = nil, fmt.Errorf("%w: %v", ErrMalformed, p)
		}
	}()
	data, err = repairPDF(data)
	if err != nil {
		return nil, err
	}
	if err := checkPDFBounds(data); err != nil {
		return nil, err
	}
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, classifyPDFError(err)
	}
	n := rd.NumPage()
	if n <= 0 {
		return nil, fmt.Errorf("%w: no pages", ErrMalformed)
	}
	pages = make([]string, 0, n)
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		text, err := pageText(rd.Page(i))
		if err != nil {
			// One bad page should not cost the document: keep it empty,
			// with its number, so later pages keep theirs.
			text = ""
		}
		pages = append(pages, text)
	}
	return pages, nil
}

// classifyPDFError maps the library's error strings onto our sentinels.
func classifyPDFError(err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword), strings.Contains(msg, "encrypt"), strings.Contains(msg, "password"):
		return fmt.Errorf("%w: %w", ErrEncrypted, err)
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// headerWindow is how far into a file we look for "%PDF-": mail gateways
// and download scripts prepend a few bytes (a blank line, a MIME header,
// a stray "%%EOF"), and Acrobat itself accepts the header within 1 KiB.
const headerWindow = 1024

// eofWindow is how far from the end "%%EOF" may be before we assume the
// file was cut off and add one.
const eofWindow = 1024

// repairPDF fixes the damage that makes the library refuse files that
// other readers open: junk before the header, a header the library does
// not accept ("%PDF-2.0", a space after the version), and a missing or
// displaced "%%EOF" trailer. Repairs never change byte offsets within the
// file, so the cross-reference table stays valid.
func repairPDF(data []byte) ([]byte, error) {
	head := data[:min(len(data), headerWindow)]
	i := bytes.Index(head, []byte("%PDF-"))
	if i < 0 {
		return nil, fmt.Errorf("%w: no %%PDF- header", ErrMalformed)
	}
	// Copy: the header fix below writes into the slice, and the caller's
	// bytes are not ours.
	data = append([]byte(nil), data[i:]...)
	if len(data) < 16 {
		return nil, fmt.Errorf("%w: truncated header", ErrMalformed)
	}
	// The library wants exactly "%PDF-1.[0-7]" then an end of line.
	if data[5] != '1' || data[7] < '0' || data[7] > '7' {
		copy(data[5:8], "1.7")
	}
	if data[8] != '\r' && data[8] != '\n' {
		data[8] = '\n'
	}
	tail := data[max(0, len(data)-eofWindow):]
	if j := bytes.LastIndex(tail, []byte("%%EOF")); j >= 0 {
		// Drop whatever follows the trailer (padding, a second MIME
		// part): the library reads the last 100 bytes only.
		data = data[:len(data)-len(tail)+j+len("%%EOF")]
	} else {
		data = append(data, "\n%%EOF\n"...)
	}
	return data, nil
}
