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
// (running headers and footers) are dropped.
//
// Options.PDFEngine picks who reads the text layer: our own content
// interpreter ("go", the default) or poppler's pdftotext ("poppler").
// A file whose pages have no text, or only unmapped glyphs, is a scan:
// with Options.OCR "auto" it is rendered with pdftoppm and read with
// tesseract when both are installed, and otherwise fails with ErrNoText
// saying what to install; indexing it empty or as gibberish would hide
// that. Options.OCR "always" reads every PDF by OCR.
//
// The go engine reads a page at a time and checks ctx between pages. The
// library under it cannot be interrupted within a page, so pages are
// read on a separate goroutine and Extract returns as soon as ctx is
// done; a pathological file that sends the library into an endless loop
// then leaves that goroutine running, so callers should set a deadline.
func PDF(opts Options) Extractor {
	max := opts.maxBytes()
	return Func(func(ctx context.Context, r io.Reader) (*Result, error) {
		data, err := readAtMost(r, max)
		if err != nil {
			return nil, fmt.Errorf("extract pdf: %w", err)
		}
		res, err := pdfResult(ctx, data, opts)
		if err != nil {
			return nil, fmt.Errorf("extract pdf: %w", err)
		}
		return res, nil
	})
}

// pdfResult reads the text layer with the chosen engine, falling back
// on OCR for a scan, and cleans it.
func pdfResult(ctx context.Context, data []byte, opts Options) (*Result, error) {
	mode, err := opts.ocrMode()
	if err != nil {
		return nil, err
	}
	if mode == ocrAlways {
		return ocrResult(ctx, data)
	}
	var texts []string
	switch opts.PDFEngine {
	case "", EngineGo:
		texts, err = pdfPagesCtx(ctx, data)
	case EnginePoppler:
		texts, err = popplerPages(ctx, data)
	default:
		return nil, fmt.Errorf("%w: PDF engine %q (want %q or %q)", ErrUnsupported, opts.PDFEngine, EngineGo, EnginePoppler)
	}
	if err != nil {
		return nil, err
	}
	res, err := cleanPDFText(texts)
	if errors.Is(err, ErrNoText) {
		if mode == ocrNever {
			return nil, err
		}
		if missing := missingOCRTools(); missing != "" {
			return nil, fmt.Errorf("%w: needs OCR: install tesseract-ocr and poppler-utils (%s not found)", err, missing)
		}
		return ocrResult(ctx, data)
	}
	return res, err
}

// cleanPDFText turns the raw text of each page into a Result, or fails
// with ErrNoText when there is no real text in it.
func cleanPDFText(texts []string) (*Result, error) {
	if err := checkText(strings.Join(texts, "\n")); err != nil {
		return nil, err
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
		return nil, fmt.Errorf("after cleaning: %w", err)
	}
	res.Meta.Lang = detectLangPages(res.Pages)
	res.Sections = textSections(res.Pages)
	return &res, nil
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
// which it raises on malformed input, become ErrMalformed; within a page
// they cost the rest of that page only.
func pdfPages(ctx context.Context, data []byte) (pages []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			pages, err = nil, fmt.Errorf("%w: %v", ErrMalformed, p)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
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
	list := walkPages(rd.Trailer().Key("Root").Key("Pages"))
	if len(list) == 0 {
		return nil, fmt.Errorf("%w: no pages", ErrMalformed)
	}
	var (
		cr   contentReader
		seen cellTable
	)
	pages = make([]string, 0, len(list))
	for _, p := range list {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// A page that fails part way keeps what was read of it: one bad
		// page should not cost the document, nor later pages their
		// numbers.
		glyphs, _ := cr.pageGlyphs(p.v, p.res)
		pages = append(pages, layoutPage(glyphs, &seen))
	}
	return pages, nil
}

// A pageRef is a leaf of the page tree with its inherited resources.
type pageRef struct{ v, res pdf.Value }

// maxPages bounds the page tree walk: no court filing comes near it, and
// a damaged tree can claim any number.
const maxPages = 100_000

// walkPages lists the pages of the tree under root in order, in one walk
// (the library's Reader.Page walks from the root for every page). Nodes
// already visited are skipped, so a tree that loops back ends.
func walkPages(root pdf.Value) []pageRef {
	var out []pageRef
	seen := map[string]bool{}
	var walk func(n, res pdf.Value, depth int)
	walk = func(n, res pdf.Value, depth int) {
		if n.Kind() != pdf.Dict || depth > 64 || len(out) >= maxPages {
			return
		}
		if r := n.Key("Resources"); r.Kind() == pdf.Dict {
			res = r
		}
		kids := n.Key("Kids")
		if kids.Kind() != pdf.Array || n.Key("Type").Name() == "Page" {
			out = append(out, pageRef{n, res})
			return
		}
		id := n.String()
		if seen[id] {
			return
		}
		seen[id] = true
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), res, depth+1)
		}
	}
	walk(root, pdf.Value{}, 0)
	return out
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
