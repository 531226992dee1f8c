package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Sentinel errors. The indexer maps each to a skip reason, so a file that
// fails with one of these is reported and passed over, never half-indexed.
var (
	ErrUnsupported = errors.New("unsupported format")
	ErrMalformed   = errors.New("malformed file")
	ErrEncrypted   = errors.New("encrypted file")
	ErrNoText      = errors.New("no text layer (needs OCR)")
	// ErrEmpty reports a text, HTML or Markdown file with no words: it
	// is empty, not a scan, so it never needs OCR.
	ErrEmpty    = errors.New("no text")
	ErrTooLarge = errors.New("file too large")
)

// A Page is the clean text of one page. Number is the page number a reader
// sees, counting from 1 (a court's page stamp wins over the position in the
// file when the file has one).
type Page struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
}

// A Party is one party to a case, with its role as the source states it,
// lower-cased ("plaintiff", "defendant", "appellant", ...).
type Party struct {
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
}

// An Entry is one docket entry.
type Entry struct {
	Date   string `json:"date,omitempty"` // YYYY-MM-DD
	Number string `json:"number,omitempty"`
	Text   string `json:"text"`
}

// Meta is what the format itself says about a document. Every field is
// optional; dates are YYYY-MM-DD.
type Meta struct {
	Type           string            `json:"type,omitempty"` // a document type the format makes certain, e.g. "docket"
	Title          string            `json:"title,omitempty"`
	CaseName       string            `json:"case_name,omitempty"`
	DocketNumber   string            `json:"docket_number,omitempty"`
	DocumentNumber string            `json:"document_number,omitempty"` // ECF document number from a page stamp
	Court          string            `json:"court,omitempty"`           // as written
	Judge          string            `json:"judge,omitempty"`
	DateFiled      string            `json:"date_filed,omitempty"`
	DateTerminated string            `json:"date_terminated,omitempty"`
	Cause          string            `json:"cause,omitempty"`
	NatureOfSuit   string            `json:"nature_of_suit,omitempty"`
	Parties        []Party           `json:"parties,omitempty"`
	Entries        []Entry           `json:"entries,omitempty"`
	Lang           string            `json:"lang,omitempty"` // ISO 639-1, e.g. "en", "fr"
	Extra          map[string]string `json:"extra,omitempty"`
}

// Result is the text of one source document.
type Result struct {
	Pages    []Page    `json:"pages"`
	Meta     Meta      `json:"meta"`
	Sections []Section `json:"sections,omitempty"`
}

// A Section is where a heading starts a part of the document: the page
// (its Number) and the byte offset into that page's Text where the
// heading begins, so that Pages[i].Text[Offset:] starts with the heading.
// Title is the heading as it reads in the text, on one line.
type Section struct {
	Page   int    `json:"page"`
	Offset int    `json:"offset"`
	Title  string `json:"title"`
}

// Text returns the pages joined by form feeds.
func (r *Result) Text() string {
	n := 0
	for _, p := range r.Pages {
		n += len(p.Text) + 1
	}
	var b strings.Builder // one copy, not a byte slice and then a string
	b.Grow(n)
	for i, p := range r.Pages {
		if i > 0 {
			b.WriteByte('\f')
		}
		b.WriteString(p.Text)
	}
	return b.String()
}

// blank reports whether Text would be white space only (a form feed is
// white space), without joining the pages.
func (r *Result) blank() bool {
	for _, p := range r.Pages {
		if strings.TrimSpace(p.Text) != "" {
			return false
		}
	}
	return true
}

// An Extractor turns the bytes of one source file into clean text.
// Extract must not retain r after it returns, must honour ctx between
// pages, and returns one of the sentinel errors above (wrapped with detail)
// for input it cannot turn into text.
type Extractor interface {
	Extract(ctx context.Context, r io.Reader) (*Result, error)
}

// Func adapts an ordinary function to the Extractor interface.
type Func func(ctx context.Context, r io.Reader) (*Result, error)

// Extract calls f.
func (f Func) Extract(ctx context.Context, r io.Reader) (*Result, error) { return f(ctx, r) }

var _ Extractor = Func(nil)

// readAtMost reads all of r, or fails with ErrTooLarge past max bytes.
// The bytes of a *bytes.Buffer (the way ingest hands a file over) are
// taken as they are, not copied: no extractor writes to its input. A
// reader that knows how much it holds (a bytes.Reader) is read into one
// buffer of that size: io.ReadAll would start at 512 bytes and copy the
// file again at every doubling.
func readAtMost(r io.Reader, max int64) ([]byte, error) {
	if b, ok := r.(*bytes.Buffer); ok && int64(b.Len()) <= max {
		return b.Next(b.Len()), nil
	}
	size := int64(512)
	if l, ok := r.(interface{ Len() int }); ok {
		size = min(int64(l.Len()), max) + 1 // +1: the read that sees the end
	}
	data, err := ReadAll(io.LimitReader(r, max+1), int(size))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)
	}
	return data, nil
}

// ReadAll is io.ReadAll starting from a buffer of size bytes, for a
// reader whose length is known (a file), so it reads in one call.
func ReadAll(r io.Reader, size int) ([]byte, error) {
	b := make([]byte, 0, max(size, 1))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // let append pick the next size
		}
	}
}
