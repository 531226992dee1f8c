package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// maxPDFObjects is the most objects any PDF may declare (Acrobat's own
// implementation limit, PDF 32000-1 annex C).
const maxPDFObjects = 8_388_607

// The PDF library sizes its cross-reference table from numbers in the
// file (an xref subsection's first object number, /Size, /Index, /W)
// without bounds, so a one-byte corruption ("0 35" becoming "9000000000
// 35") makes it allocate gigabytes, and an out-of-memory error is fatal:
// no recover catches it. checkPDFBounds reads those numbers first and
// rejects files whose claims cannot be true for their size.
var (
	pdfSize    = regexp.MustCompile(`/Size\s+(\d+)`)
	pdfIndex   = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	pdfW       = regexp.MustCompile(`/W\s*\[([\d\s]*)\]`)
	pdfColumns = regexp.MustCompile(`/Columns\s+(\d+)`)
)

// checkPDFBounds fails with ErrMalformed when data declares more objects
// than it could hold, or field widths and row lengths no real file uses.
func checkPDFBounds(data []byte) error {
	// An object takes some bytes even compressed in an object stream;
	// half its size in bytes is already far more objects than any file
	// of that size has.
	limit := min(int64(maxPDFObjects), int64(len(data))/2+1024)
	tooMany := func(what string, n int64) error {
		return fmt.Errorf("%w: %s %d exceeds %d for a %d-byte file", ErrMalformed, what, n, limit, len(data))
	}
	for _, m := range pdfSize.FindAllSubmatch(data, -1) {
		if n := atoi64(m[1]); n > limit {
			return tooMany("/Size", n)
		}
	}
	for _, m := range pdfIndex.FindAllSubmatch(data, -1) {
		f := bytes.Fields(m[1])
		for i := 0; i+1 < len(f); i += 2 {
			if n := atoi64(f[i]) + atoi64(f[i+1]); n > limit || n < 0 {
				return tooMany("/Index", n)
			}
		}
	}
	for _, m := range pdfW.FindAllSubmatch(data, -1) {
		for _, f := range bytes.Fields(m[1]) {
			if atoi64(f) > 8 { // a field wider than 8 bytes cannot hold an int64
				return fmt.Errorf("%w: xref /W field of %s bytes", ErrMalformed, f)
			}
		}
	}
	for _, m := range pdfColumns.FindAllSubmatch(data, -1) {
		if n := atoi64(m[1]); n > 1<<20 {
			return fmt.Errorf("%w: /Columns %d", ErrMalformed, n)
		}
	}
	// Every "xref" keyword that is not the end of "startxref": found with
	// bytes.Index, as a pattern with no literal prefix scans slowly.
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("xref"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 4
		if at > 0 && data[at-1] >= 'a' && data[at-1] <= 'z' || i >= len(data) || !isPDFSpace(data[i]) {
			continue
		}
		if err := checkXrefTable(data[i+1:], limit); err != nil {
			return err
		}
	}
	return nil
}

// checkXrefTable reads the subsection headers ("first count") of a
// classic cross-reference table and checks first+count against limit.
func checkXrefTable(b []byte, limit int64) error {
	next := func() []byte {
		i := 0
		for i < len(b) && isPDFSpace(b[i]) {
			i++
		}
		j := i
		for j < len(b) && !isPDFSpace(b[j]) {
			j++
		}
		tok := b[i:j]
		b = b[j:]
		return tok
	}
	for range 10_000 { // subsections; real tables have a handful
		first, count := next(), next()
		if !isNumber(first) || !isNumber(count) {
			return nil // "trailer" or damage the library reports itself
		}
		n := atoi64(first) + atoi64(count)
		if n > limit || n < 0 {
			return fmt.Errorf("%w: xref subsection reaches object %d, over %d", ErrMalformed, n, limit)
		}
		// Each entry is three tokens; skip them.
		for range min(atoi64(count), limit) * 3 {
			if len(next()) == 0 {
				return nil
			}
		}
	}
	return nil
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isNumber(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// atoi64 parses a run of digits; values past int64 saturate, so they
// always fail the bounds above.
func atoi64(b []byte) int64 {
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return 1<<63 - 1
	}
	return n
}
