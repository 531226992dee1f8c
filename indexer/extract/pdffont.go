package extract

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/charmap"
)

// A pdfFont is what the content interpreter needs of a font: how to split
// a string into character codes, what each code reads as, and how far
// each advances the pen. Codes are decoded once and cached, since the
// library's decoders scan their tables on every call.
type pdfFont struct {
	twoByte bool    // composite (Type0) font: two-byte codes
	scale   float64 // glyph space to text space: 1/1000, or a Type3 FontMatrix
	first   int     // code of widths[0]
	widths  []float64
	cidW    map[int]float64 // composite fonts: /W
	defW    float64         // width of a code with none of its own
	std     *[len(stdLatinRunes)]uint16
	stdCode map[int]uint16 // Symbol and ZapfDingbats: width by code
	fixed   float64        // Courier: every glyph this wide

	toUni   map[int]string // from /ToUnicode
	base    *[256]rune     // simple fonts: the encoding, when we know it
	lib     pdf.TextEncoding
	decoded map[int]string
	simple  *[256]codeGlyph // one-byte codes decoded and measured, by code
}

// codeGlyph is the text and width of one code of a simple font.
type codeGlyph struct {
	text string
	w    float64
	ok   bool
}

// maxWidthEntries bounds the width tables read from a file: a /W array
// that claims millions of codes is damage, not a font.
const maxWidthEntries = 1 << 16

// newPDFFont reads the font dictionary v. scratch returns a fresh copy of
// a dictionary (v read anew) for the CMap reader to write into.
func newPDFFont(v pdf.Value, scratch func() pdf.Value) *pdfFont {
	f := &pdfFont{scale: 0.001, decoded: map[int]string{}}
	subtype := v.Key("Subtype").Name()
	base := v.Key("BaseFont").Name()
	if subtype == "Type0" {
		f.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		f.defW = 1000
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.defW = dw.Float64()
		}
		f.cidW = readCIDWidths(d.Key("W"))
	} else {
		if subtype == "Type3" {
			if m := v.Key("FontMatrix"); m.Len() == 6 && m.Index(0).Float64() != 0 {
				f.scale = m.Index(0).Float64()
			}
		}
		f.first = int(v.Key("FirstChar").Int64())
		w := v.Key("Widths")
		for i := 0; i < w.Len() && i < 256; i++ {
			f.widths = append(f.widths, w.Index(i).Float64())
		}
		f.defW = v.Key("FontDescriptor").Key("MissingWidth").Float64()
	}
	f.setStandard(base, len(f.widths) == 0 && subtype != "Type0" && subtype != "Type3")
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUni = readToUnicode(tu, scratch())
	}
	if !f.twoByte {
		f.base = simpleEncoding(v, base)
	}
	lib := pdf.Font{V: v}
	f.lib = lib.Encoder()
	return f
}

// setStandard finds the metrics of one of the 14 standard fonts when the
// font names one and (noWidths) carries no widths of its own. Common
// aliases (Arial for Helvetica, Times New Roman for Times) are accepted,
// as PDF readers do.
func (f *pdfFont) setStandard(base string, noWidths bool) {
	if !noWidths {
		return
	}
	if i := strings.IndexByte(base, '+'); i >= 0 {
		base = base[i+1:]
	}
	n := strings.ToLower(strings.NewReplacer("-", "", ",", "", " ", "").Replace(base))
	bold := strings.Contains(n, "bold") || strings.Contains(n, "black") || strings.Contains(n, "heavy")
	italic := strings.Contains(n, "italic") || strings.Contains(n, "oblique")
	switch {
	case strings.Contains(n, "courier"):
		f.fixed = 600
	case strings.Contains(n, "helvetica"), strings.Contains(n, "arial"):
		f.std = &helveticaWidths
		if bold {
			f.std = &helveticaBoldWidths
		}
	case strings.Contains(n, "times"):
		switch {
		case bold && italic:
			f.std = &timesBoldItalicWidths
		case bold:
			f.std = &timesBoldWidths
		case italic:
			f.std = &timesItalicWidths
		default:
			f.std = &timesWidths
		}
	case strings.Contains(n, "symbol"):
		f.stdCode = codeWidths(symbolCodes[:])
	case strings.Contains(n, "dingbats"):
		f.stdCode = codeWidths(zapfDingbatsCodes[:])
	default:
		if f.defW == 0 {
			f.defW = 500 // no metrics at all: an average glyph
		}
	}
}

func codeWidths(t [][3]uint16) map[int]uint16 {
	m := make(map[int]uint16, len(t))
	for _, e := range t {
		m[int(e[0])] = e[2]
	}
	return m
}

// readCIDWidths reads a composite font's /W array: "c [w1 w2 ...]" gives
// widths from code c on, "c1 c2 w" one width for a range.
func readCIDWidths(w pdf.Value) map[int]float64 {
	m := map[int]float64{}
	n := w.Len()
	for i := 0; i < n && len(m) < maxWidthEntries; {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && len(m) < maxWidthEntries; j++ {
				m[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		hi := int(next.Int64())
		wd := w.Index(i + 2).Float64()
		for k := c; k <= hi && len(m) < maxWidthEntries; k++ {
			m[k] = wd
		}
		i += 3
	}
	return m
}

// width returns the advance of code in text space units per unit of font
// size, and the text it decodes to (to look up standard metrics by).
func (f *pdfFont) width(code int, text string) float64 {
	switch {
	case f.twoByte:
		if w, ok := f.cidW[code]; ok {
			return w * f.scale
		}
		return f.defW * f.scale
	case code >= f.first && code-f.first < len(f.widths):
		return f.widths[code-f.first] * f.scale
	case f.fixed > 0:
		return f.fixed * f.scale
	case f.std != nil:
		if r := []rune(text); len(r) == 1 {
			if i, ok := slices.BinarySearch(stdLatinRunes[:], r[0]); ok {
				return float64(f.std[i]) * f.scale
			}
		}
	case f.stdCode != nil:
		if w, ok := f.stdCode[code]; ok {
			return float64(w) * f.scale
		}
	}
	if f.defW > 0 {
		return f.defW * f.scale
	}
	return 0.5 // neither a width nor metrics: half an em
}

// glyph returns the text of code and its width, as decode and width do;
// for a simple font both are worked out once per code, since every glyph
// drawn asks for them and most codes recur on every line.
func (f *pdfFont) glyph(code int) (string, float64) {
	if f.twoByte || code < 0 || code > 255 {
		text := f.decode(code)
		return text, f.width(code, text)
	}
	if f.simple == nil {
		f.simple = new([256]codeGlyph)
	}
	c := &f.simple[code]
	if !c.ok {
		c.text = f.decode(code)
		c.w, c.ok = f.width(code, c.text), true
	}
	return c.text, c.w
}

// decode returns the text of one character code.
func (f *pdfFont) decode(code int) string {
	if s, ok := f.decoded[code]; ok {
		return s
	}
	var s string
	if t, ok := f.toUni[code]; ok {
		s = t
	} else if f.base != nil && f.base[code&0xFF] != 0 {
		s = string(f.base[code&0xFF])
	} else if f.twoByte {
		s = f.lib.Decode(string([]byte{byte(code >> 8), byte(code)}))
	} else {
		s = f.lib.Decode(string([]byte{byte(code)}))
	}
	if len(f.decoded) < maxWidthEntries {
		f.decoded[code] = s
	}
	return s
}

// Encoding tables for simple fonts, built from the tables we have.
var (
	winAnsi  = byteTable(charmap.Windows1252)
	macRoman = byteTable(charmap.Macintosh)
	stdEnc   = func() *[256]rune {
		var t [256]rune
		for _, e := range standardEncoding {
			t[e[0]] = rune(e[1])
		}
		return &t
	}()
	symbolEnc   = builtinTable(symbolCodes[:])
	dingbatsEnc = builtinTable(zapfDingbatsCodes[:])
)

func byteTable(cm *charmap.Charmap) *[256]rune {
	var t [256]rune
	for i := 32; i < 256; i++ {
		if r := cm.DecodeByte(byte(i)); r != '\uFFFD' {
			t[i] = r
		}
	}
	return &t
}

func builtinTable(codes [][3]uint16) *[256]rune {
	var t [256]rune
	for _, e := range codes {
		t[e[0]] = rune(e[1])
	}
	return &t
}

// simpleEncoding returns the code-to-text table of a simple font, or nil
// when the font's encoding is its own (an embedded font's built-in
// encoding), which only the library's decoder or /ToUnicode can read.
func simpleEncoding(v pdf.Value, baseFont string) *[256]rune {
	enc := v.Key("Encoding")
	n := strings.ToLower(baseFont)
	symbolic := strings.Contains(n, "symbol") || strings.Contains(n, "dingbats")
	byName := func(name string) *[256]rune {
		switch name {
		case "WinAnsiEncoding":
			return winAnsi
		case "MacRomanEncoding":
			return macRoman
		case "StandardEncoding":
			return stdEnc
		}
		return nil
	}
	switch enc.Kind() {
	case pdf.Name:
		return byName(enc.Name())
	case pdf.Dict:
		var t [256]rune
		if b := byName(enc.Key("BaseEncoding").Name()); b != nil {
			t = *b
		} else if !symbolic && v.Key("FontDescriptor").Key("FontFile").IsNull() {
			t = *stdEnc
		}
		applyDifferences(&t, enc.Key("Differences"), v)
		return &t
	}
	switch {
	case strings.Contains(n, "dingbats"):
		return dingbatsEnc
	case strings.Contains(n, "symbol"):
		return symbolEnc
	case v.Key("Subtype").Name() == "Type1" && v.Key("FontDescriptor").Key("FontFile").IsNull() &&
		v.Key("FontDescriptor").Key("FontFile3").IsNull():
		return stdEnc // a standard font, not embedded: StandardEncoding
	}
	return nil
}

// applyDifferences writes a /Differences array into t. Glyph names are
// read by the library's decoder, which knows the Adobe glyph list, and by
// us for the "uniXXXX" and "uXXXX" forms it does not.
func applyDifferences(t *[256]rune, diff pdf.Value, font pdf.Value) {
	lib := pdf.Font{V: font}
	dec := lib.Encoder()
	code := -1
	for i := 0; i < diff.Len() && i < 1024; i++ {
		e := diff.Index(i)
		switch e.Kind() {
		case pdf.Integer:
			code = int(e.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				if r := glyphNameRune(e.Name()); r != 0 {
					t[code] = r
				} else if s := []rune(dec.Decode(string([]byte{byte(code)}))); len(s) == 1 && s[0] != rune(code) {
					t[code] = s[0]
				} else {
					t[code] = 0 // unknown name: let /ToUnicode or the library decide
				}
			}
			code++
		}
	}
}

// glyphNameRune reads the algorithmic glyph names "uniXXXX" and "uXXXX[XX]".
func glyphNameRune(name string) rune {
	hex := ""
	switch {
	case strings.HasPrefix(name, "uni") && len(name) == 7:
		hex = name[3:]
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		hex = name[1:]
	default:
		return 0
	}
	n, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || n > 0x10FFFF {
		return 0
	}
	return rune(n)
}

// readToUnicode reads the bfchar and bfrange mappings of a /ToUnicode
// CMap. The library reads these too, but keeps them as lists it scans for
// every character; a map is what a page of text needs.
//
// scratch is a dictionary the CMap program may write its definitions
// into; nothing else reads it.
func readToUnicode(s, scratch pdf.Value) (m map[int]string) {
	m = map[int]string{}
	defer func() {
		if recover() != nil && len(m) == 0 {
			m = nil // a broken CMap: fall back on the encoding
		}
	}()
	var ops []pdf.Value
	pdf.Interpret(s, func(stk *pdf.Stack, op string) {
		switch op {
		case "endbfchar", "endbfrange":
		case "findresource":
			// "/CIDInit /ProcSet findresource begin" wants a dictionary
			// to begin, and the CMap's defs go into it.
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
			return
		default:
			for stk.Len() > 0 {
				stk.Pop()
			}
			return
		}
		ops = ops[:0]
		for stk.Len() > 0 {
			ops = append(ops, stk.Pop())
		}
		slices.Reverse(ops)
		if op == "endbfchar" {
			for i := 0; i+1 < len(ops); i += 2 {
				if len(m) < maxWidthEntries {
					m[codeOf(ops[i].RawString())] = utf16Text(ops[i+1].RawString())
				}
			}
			return
		}
		for i := 0; i+2 < len(ops); i += 3 {
			lo, hi := codeOf(ops[i].RawString()), codeOf(ops[i+1].RawString())
			dst := ops[i+2]
			for c := lo; c <= hi && c-lo < maxWidthEntries && len(m) < maxWidthEntries; c++ {
				if dst.Kind() == pdf.Array {
					m[c] = utf16Text(dst.Index(c - lo).RawString())
					continue
				}
				b := []byte(dst.RawString())
				if len(b) == 0 {
					continue
				}
				// The last byte counts up through the range.
				b[len(b)-1] += byte(c - lo)
				m[c] = utf16Text(string(b))
			}
		}
	})
	return m
}

func codeOf(raw string) int {
	c := 0
	for i := 0; i < len(raw) && i < 4; i++ {
		c = c<<8 | int(raw[i])
	}
	return c
}

// utf16Text decodes a CMap destination: UTF-16BE, with surrogate pairs.
func utf16Text(raw string) string {
	u := make([]uint16, 0, len(raw)/2)
	for i := 0; i+1 < len(raw); i += 2 {
		u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
	}
	return string(utf16.Decode(u))
}
