// Package extract turns the bytes of one source file (PDF, HTML, plain text,
// Markdown) into clean text, page by page, with what the format says about
// the document (Meta). It imports nothing else of lexsearch.
//
// ForFormat picks the extractor for a corpus format; every extractor bounds
// its input (Options.MaxBytes), honours its context, and fails with one of
// the sentinel errors (ErrUnsupported, ErrMalformed, ErrEncrypted,
// ErrNoText, ErrEmpty, ErrBinary, ErrTooLarge) wrapped with detail, so that the indexer can skip
// a file for a stated reason instead of indexing it empty or garbled.
//
// All formats share one cleaning pipeline (Clean, CleanPages): NFKC
// normalisation, removal of the chrome that document viewers leave in
// scraped text (a table of known sites in chrome.go), court page stamps
// lifted into Meta and used as page numbers, running headers, bare page
// numbers, and end-of-line hyphenation. Paragraph breaks survive as blank
// lines; pages are separated by form feeds in Result.Text.
//
// PDFs are read by our own content-stream interpreter (pdfcontent.go, on
// the lexer, objects and font decoders of github.com/ledongthuc/pdf),
// which places every glyph with its real width, and a word and line
// builder (pdflayout.go) that follows the rules poppler's pdftotext
// publishes, so the text reads like pdftotext's: words whole, columns
// apart, top to bottom. The tests hold it to pdftotext's words on every
// fixture. Options.PDFEngine "poppler" runs pdftotext itself instead.
// A PDF without a text layer is read by OCR (pdftoppm and tesseract)
// when they are installed; see Options.OCR.
//
// Text, HTML and Markdown bytes are sniffed first (sniff.go): binary data
// fails with ErrBinary; UTF-16 and UTF-32 are decoded; bytes that are not
// UTF-8 are read as Windows-1252. Web pages are reduced to their article
// (readable.go); Markdown is parsed by goldmark (mdrender.go).
//
// Result.Sections lists where headings start: Markdown and HTML headings,
// and in PDF, plain text and heading-less Markdown the lines shaped like
// headings (numbered and lettered, "Part II", short capitals), not
// captions, recurring labels or numbered paragraphs.
//
// Extractors and Clean keep no state between calls and are safe for
// concurrent use. One caveat: the PDF library cannot be interrupted within
// a page, so a PDF that sends it into an endless loop leaves a goroutine
// running after Extract has returned ctx's error; give PDF extraction a
// deadline. OCR runs external programs under ctx, which kills them.
//
//	ex, err := extract.ForFormat("pdf", extract.Options{})
//	if err != nil {
//		return err
//	}
//	res, err := ex.Extract(ctx, f)
//	if errors.Is(err, extract.ErrNoText) {
//		// a scan: needs OCR
//	}
package extract
