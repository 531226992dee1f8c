package indexer

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"lexsearch/corpus"
)

// preparedPages reads, from kept prepared text (marshalPrepared), its
// version and its pages, as json.Unmarshal into a prepared would, and
// whether it has a document at all. Search reads a hit's pages from the
// kept text for its snippets (the index does not store the body), and
// encoding/json would build the whole document, every mention and
// section included, by reflection: a page of ten hits spent more time
// there than on the search. The fast reader takes only what it needs and
// hands anything it is not sure of (an escaped or non-ASCII key, text
// that is not UTF-8, deep nesting) to encoding/json, so the two never
// differ (FuzzPreparedPages).
func preparedPages(data []byte) (version int, hasDoc bool, pages []corpus.Page, err error) {
	return readPrepared(data, true)
}

// readPrepared is preparedPages; upToPages stops the fast reader at the
// end of the pages (see pagesReader).
func readPrepared(data []byte, upToPages bool) (version int, hasDoc bool, pages []corpus.Page, err error) {
	r := pagesReader{b: data, upToPages: upToPages}
	version, hasDoc, pages, err = r.prepared()
	if err == nil {
		return version, hasDoc, pages, nil
	}
	var p prepared
	if jerr := json.Unmarshal(data, &p); jerr != nil {
		return 0, false, nil, jerr
	}
	if p.Doc == nil {
		return p.Version, false, nil, nil
	}
	return p.Version, true, p.Doc.Pages, nil
}

// errUnsure stops the fast reader at anything it leaves to
// encoding/json, valid JSON or not.
var errUnsure = errors.New("prepared text: not read by the fast reader")

// pagesReader reads prepared text. It accepts only valid JSON whose
// values have the types prepared gives them, so that whatever it reads
// json.Unmarshal would read the same.
type pagesReader struct {
	b []byte
	i int
	// upToPages stops the reader at the end of the pages when the
	// version came before them, as appendPrepared writes them: the
	// mentions and sections after them are most of the rest, and
	// appendPrepared writes each key once, so nothing after the pages
	// changes what they say. Kept text is read back through a checksum
	// (an S2 stream), so it is what appendPrepared wrote.
	upToPages bool
	sawV      bool
}

// errPagesRead stops the reader once it has what it needs.
var errPagesRead = errors.New("prepared text: pages read")

// maxSkipDepth bounds the nesting of the values the reader skips; deeper
// is left to encoding/json (which has its own limit).
const maxSkipDepth = 200

func (r *pagesReader) prepared() (version int, hasDoc bool, pages []corpus.Page, err error) {
	err = r.object(func(key string) error {
		switch key {
		case "v":
			r.sawV = true
			return r.int(&version)
		case "doc":
			if r.null() {
				if hasDoc {
					return errUnsure
				}
				return nil
			}
			if hasDoc {
				// encoding/json decodes a repeated document into the
				// first; the fast reader leaves that to it.
				return errUnsure
			}
			hasDoc = true
			return r.doc(&pages)
		}
		return r.skip(0)
	})
	if err == errPagesRead {
		return version, hasDoc, pages, nil
	}
	if err != nil {
		return 0, false, nil, err
	}
	r.space()
	if r.i != len(r.b) {
		return 0, false, nil, errUnsure
	}
	return version, hasDoc, pages, nil
}

// doc reads a document object, keeping its pages.
func (r *pagesReader) doc(pages *[]corpus.Page) error {
	return r.object(func(key string) error {
		if key != "pages" {
			return r.skip(0)
		}
		if r.null() {
			*pages = nil
			return nil
		}
		// encoding/json reuses the slice's elements for a repeated key;
		// documents never repeat it, and the fast reader leaves that to it.
		if *pages != nil {
			return errUnsure
		}
		out := []corpus.Page{}
		err := r.array(func() error {
			var p corpus.Page
			if !r.null() {
				if err := r.page(&p); err != nil {
					return err
				}
			}
			out = append(out, p)
			return nil
		})
		*pages = out
		if err == nil && r.upToPages && r.sawV {
			return errPagesRead
		}
		return err
	})
}

func (r *pagesReader) page(p *corpus.Page) error {
	return r.object(func(key string) error {
		switch key {
		case "number":
			return r.int(&p.Number)
		case "text":
			if r.null() {
				return nil
			}
			s, err := r.str()
			if err != nil {
				return err
			}
			p.Text = s
			return nil
		}
		return r.skip(0)
	})
}

func (r *pagesReader) space() {
	for r.i < len(r.b) {
		switch r.b[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

// null consumes a null, if that is what comes next.
func (r *pagesReader) null() bool {
	r.space()
	if len(r.b)-r.i >= 4 && string(r.b[r.i:r.i+4]) == "null" {
		r.i += 4
		return true
	}
	return false
}

// object reads an object, calling field with the reader at each value.
// Keys are taken as they are written: one that is escaped, not ASCII, or
// a case variant of a key the reader looks for (which encoding/json
// would match) is left to encoding/json.
func (r *pagesReader) object(field func(key string) error) error {
	r.space()
	if r.i >= len(r.b) || r.b[r.i] != '{' {
		return errUnsure
	}
	r.i++
	r.space()
	if r.i < len(r.b) && r.b[r.i] == '}' {
		r.i++
		return nil
	}
	for {
		r.space()
		key, err := r.key()
		if err != nil {
			return err
		}
		r.space()
		if r.i >= len(r.b) || r.b[r.i] != ':' {
			return errUnsure
		}
		r.i++
		if err := field(key); err != nil {
			return err
		}
		if more, err := r.after('}'); !more {
			return err
		}
	}
}

// key reads an object key made of plain ASCII letters, digits and '_'.
func (r *pagesReader) key() (string, error) {
	if r.i >= len(r.b) || r.b[r.i] != '"' {
		return "", errUnsure
	}
	start := r.i + 1
	for j := start; j < len(r.b); j++ {
		c := r.b[j]
		switch {
		case c == '"':
			r.i = j + 1
			key := string(r.b[start:j])
			if foldsToKnown(key) {
				return "", errUnsure
			}
			return key, nil
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
		default:
			return "", errUnsure
		}
	}
	return "", errUnsure
}

// foldsToKnown reports whether key is not one of the keys the reader
// looks for but equals one of them with case ignored: encoding/json
// would take it for that key.
func foldsToKnown(key string) bool {
	for _, k := range [...]string{"v", "doc", "pages", "number", "text"} {
		if len(key) == len(k) && key != k && asciiEqualFold(key, k) {
			return true
		}
	}
	return false
}

func asciiEqualFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y || a[i] != b[i] && !('a' <= x && x <= 'z') {
			return false
		}
	}
	return true
}

// array reads an array, calling elem with the reader at each element.
func (r *pagesReader) array(elem func() error) error {
	r.space()
	if r.i >= len(r.b) || r.b[r.i] != '[' {
		return errUnsure
	}
	r.i++
	r.space()
	if r.i < len(r.b) && r.b[r.i] == ']' {
		r.i++
		return nil
	}
	for {
		if err := elem(); err != nil {
			return err
		}
		if more, err := r.after(']'); !more {
			return err
		}
	}
}

// after reads what follows a member of an object or an array: a comma
// (more is true) or the closing byte end (more is false, err nil).
func (r *pagesReader) after(end byte) (more bool, err error) {
	r.space()
	if r.i >= len(r.b) {
		return false, errUnsure
	}
	switch r.b[r.i] {
	case ',':
		r.i++
		return true, nil
	case end:
		r.i++
		return false, nil
	}
	return false, errUnsure
}

// int reads a number that is an int (null leaves n as it is, as in
// encoding/json).
func (r *pagesReader) int(n *int) error {
	if r.null() {
		return nil
	}
	start := r.i
	if err := r.number(); err != nil {
		return err
	}
	v, err := strconv.ParseInt(string(r.b[start:r.i]), 10, 0)
	if err != nil {
		return errUnsure // a fraction, an exponent or too large: encoding/json fails on it too
	}
	*n = int(v)
	return nil
}

// number reads a JSON number.
func (r *pagesReader) number() error {
	b, i := r.b, r.i
	digits := func() bool {
		s := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i > s
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		return errUnsure
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return errUnsure
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return errUnsure
		}
	}
	r.i = i
	return nil
}

// skip reads past one value of any kind.
func (r *pagesReader) skip(depth int) error {
	if depth > maxSkipDepth {
		return errUnsure
	}
	r.space()
	if r.i >= len(r.b) {
		return errUnsure
	}
	switch c := r.b[r.i]; {
	case c == '"':
		return r.skipStr()
	case c == '{':
		return r.object(func(string) error { return r.skip(depth + 1) })
	case c == '[':
		return r.array(func() error { return r.skip(depth + 1) })
	case c == '-' || '0' <= c && c <= '9':
		return r.number()
	}
	for _, lit := range [...]string{"null", "true", "false"} {
		if len(r.b)-r.i >= len(lit) && string(r.b[r.i:r.i+len(lit)]) == lit {
			r.i += len(lit)
			return nil
		}
	}
	return errUnsure
}

// skipStr reads past a string, checking it as str does.
func (r *pagesReader) skipStr() error {
	_, _, err := r.scanStr()
	return err
}

// scanStr finds the end of the string at the reader: the index of its
// closing quote, and whether it has escapes. Text that is not UTF-8 is
// left to encoding/json, which replaces each bad byte.
func (r *pagesReader) scanStr() (end int, escaped bool, err error) {
	r.space()
	b := r.b
	if r.i >= len(b) || b[r.i] != '"' {
		return 0, false, errUnsure
	}
	ascii := true
	for i := r.i + 1; i < len(b); {
		// Eight bytes a step while none of them ends the run: text is
		// mostly letters and spaces.
		if i+8 <= len(b) {
			w := binary.LittleEndian.Uint64(b[i:])
			if special := stopBytes(w); special == 0 {
				ascii = ascii && w&hiBits == 0
				i += 8
				continue
			}
		}
		c := b[i]
		if !quoteOrEscape[c] {
			ascii = ascii && c < utf8.RuneSelf
			i++
			continue
		}
		switch {
		case c == '"':
			if !ascii && !utf8.Valid(b[r.i+1:i]) {
				return 0, false, errUnsure
			}
			r.i = i + 1
			return i, escaped, nil
		case c < 0x20:
			return 0, false, errUnsure // encoding/json rejects it too
		}
		// A backslash: the escaped byte is never a quote that ends the
		// string; unquote checks the escape.
		escaped = true
		i += 2
	}
	return 0, false, errUnsure
}

// str reads a string.
func (r *pagesReader) str() (string, error) {
	r.space()
	start := r.i
	end, escaped, err := r.scanStr()
	if err != nil {
		return "", err
	}
	raw := r.b[start+1 : end]
	if !escaped {
		return string(raw), nil
	}
	return unquote(raw)
}

// unquote decodes the escapes of a string's bytes, as encoding/json does;
// the text is no longer than its escaped form.
func unquote(b []byte) (string, error) {
	var sb strings.Builder
	sb.Grow(len(b))
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '\\')
		if j < 0 {
			sb.Write(b[i:])
			break
		}
		sb.Write(b[i : i+j])
		i += j
		if i+1 >= len(b) {
			return "", errUnsure
		}
		switch c := b[i+1]; c {
		case '"', '\\', '/':
			sb.WriteByte(c)
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'u':
			u, ok := hex4(b[i+2:])
			if !ok {
				return "", errUnsure
			}
			i += 6
			rn := rune(u)
			if utf16.IsSurrogate(rn) {
				// A pair makes one character; anything else is U+FFFD,
				// as encoding/json has it.
				rn = utf8.RuneError
				if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
					u2, ok := hex4(b[i+2:])
					if !ok {
						return "", errUnsure
					}
					if d := utf16.DecodeRune(rune(u), rune(u2)); d != utf8.RuneError {
						rn = d
						i += 6
					}
				}
			}
			sb.WriteRune(rn)
			continue
		default:
			return "", errUnsure
		}
		i += 2
	}
	return sb.String(), nil
}

// hex4 reads four hex digits.
func hex4(b []byte) (uint16, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var v uint16
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | uint16(c)
	}
	return v, true
}

const (
	loBits = 0x0101010101010101
	hiBits = 0x8080808080808080
)

// stopBytes has the high bit set in each byte of w (eight bytes of a
// string, little-endian) that ends a run of plain string bytes: a quote,
// a backslash or a control character; zero when there is none. A byte
// past the first such one may be flagged wrongly; stopBytes == 0 is
// exact.
func stopBytes(w uint64) uint64 {
	less := (w - 0x20*loBits) &^ w // below 0x20
	quote := w ^ '"'*loBits
	quote = (quote - loBits) &^ quote
	slash := w ^ '\\'*loBits
	slash = (slash - loBits) &^ slash
	return (less | quote | slash) & hiBits
}

// quoteOrEscape marks the bytes that end a run of plain string bytes.
var quoteOrEscape = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// pagesText returns the texts of pages.
func pagesText(pages []corpus.Page) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = p.Text
	}
	return out
}
