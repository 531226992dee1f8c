package extract

import (
	"fmt"
	"math"

	"github.com/ledongthuc/pdf"
)

// The PDF engine reads page content streams itself, on the library's
// lexer (pdf.Interpret), object model and font decoders. The library's
// own Page.Content ignores word spacing (Tw), measures composite fonts
// and standard fonts without width tables as zero-width (every glyph of a
// line lands on one point), panics on an unbalanced "Q", skips form
// XObjects, and re-reads a font's widths for every glyph. What is done
// here instead is the text-showing part of PDF 32000-1 §9: the text and
// text line matrices, the text state (Tc, Tw, Tz, TL, Ts, Tf), the
// current transformation matrix with q/Q, and form XObjects.

// A matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

// A pdfGlyph is one character drawn on a page, in page space rotated so
// that its baseline runs left to right: x along the baseline, y up.
type pdfGlyph struct {
	x, y float64 // origin
	w    float64 // advance of the glyph itself (without Tc/Tw)
	size float64 // font size on the page
	s    string
	rot  int8 // quarter turns of the baseline from horizontal
}

// gstate is the part of the graphics state that places text.
type gstate struct {
	ctm                  matrix
	font                 *pdfFont
	size                 float64
	charSp, wordSp, hScl float64
	lead, rise           float64
}

// Bounds on what one page may make us do: a content stream (or a form
// drawing itself) can be made to loop or to draw millions of glyphs.
const (
	maxFormDepth  = 12
	maxPageGlyphs = 1 << 20
	maxGStack     = 256
)

// contentReader interprets the content streams of one page.
type contentReader struct {
	glyphs []pdfGlyph
	fonts  map[string]*pdfFont // by the font dictionary's text, shared by all pages
	forms  map[string]bool     // forms being drawn, to stop one drawing itself
}

// pageGlyphs returns the glyphs of one page. A panic inside the library
// (a content stream it cannot lex) ends the page but keeps the glyphs read
// up to that point, with the error. The returned slice is valid until
// the next call, which reuses its memory: a page's glyphs are laid out
// before the next page is read.
func (cr *contentReader) pageGlyphs(page pdf.Value, res pdf.Value) (glyphs []pdfGlyph, err error) {
	cr.glyphs = cr.glyphs[:0]
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: page content: %v", ErrMalformed, r)
		}
		glyphs = cr.glyphs
	}()
	contents := page.Key("Contents")
	if cap(cr.glyphs) == 0 {
		cr.glyphs = make([]pdfGlyph, 0, glyphGuess(contents))
	}
	g := gstate{ctm: identity, hScl: 1}
	cr.run(contents, res, g, 0)
	return cr.glyphs, nil
}

// Bounds of glyphGuess: a page of prose draws a few thousand glyphs.
const (
	minGlyphGuess = 256
	maxGlyphGuess = 8192
)

// glyphGuess is how many glyphs to make room for before reading the
// first page of a document: the length of its content streams as
// stored, within bounds. Every glyph takes at least a byte of content,
// so for an uncompressed stream this is enough; a compressed one is
// shorter than its glyphs, but still spares the buffer most of the
// doublings from empty (the buffer was a third of the bytes allocated
// extracting a PDF). It is read from the stream dictionaries only, and a
// damaged one gives the lower bound.
func glyphGuess(contents pdf.Value) (n int) {
	defer func() {
		if recover() != nil {
			n = minGlyphGuess
		}
	}()
	streams := []pdf.Value{contents}
	if contents.Kind() == pdf.Array {
		streams = streams[:0]
		for i := 0; i < contents.Len() && i < 64; i++ {
			streams = append(streams, contents.Index(i))
		}
	}
	var total int64
	for _, s := range streams {
		if s.Kind() == pdf.Stream {
			total += max(s.Key("Length").Int64(), 0)
		}
	}
	return int(min(max(total, minGlyphGuess), maxGlyphGuess))
}

// run interprets one content stream (or array of streams) with the given
// resources and starting state.
func (cr *contentReader) run(strm, res pdf.Value, g gstate, depth int) {
	if strm.Kind() != pdf.Stream && strm.Kind() != pdf.Array {
		return
	}
	var (
		stack     []gstate
		tm, tlm   = identity, identity
		args      []pdf.Value
		inImage   bool
		fontCache = map[string]*pdfFont{}
	)
	show := func(s string, adjust float64) {
		// adjust is a TJ number: thousandths of text space, moving left.
		tm = matrix{1, 0, 0, 1, -adjust / 1000 * g.size * g.hScl, 0}.mul(tm)
		if s != "" {
			tm = cr.show(s, g, tm)
		}
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		args = args[:0]
		for stk.Len() > 0 {
			args = append(args, stk.Pop())
		}
		// args is in reverse: args[0] is the last operand.
		num := func(i int) float64 {
			if i < len(args) {
				return args[len(args)-1-i].Float64()
			}
			return 0
		}
		if inImage {
			// Inline image data is lexed as if it were operators; skip
			// everything up to its end.
			inImage = op != "EI"
			return
		}
		switch op {
		case "ID":
			inImage = true
		case "q":
			if len(stack) < maxGStack {
				stack = append(stack, g)
			}
		case "Q":
			// An unbalanced Q is common and harmless: keep the state.
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) >= 2 {
				name := args[1].Name()
				g.size = num(len(args) - 1)
				f, ok := fontCache[name]
				if !ok {
					f = cr.font(res.Key("Font"), name)
					fontCache[name] = f
				}
				g.font = f
			}
		case "Tc":
			g.charSp = num(0)
		case "Tw":
			g.wordSp = num(0)
		case "Tz":
			g.hScl = num(0) / 100
		case "TL":
			g.lead = num(0)
		case "Ts":
			g.rise = num(0)
		case "Td", "TD":
			if op == "TD" {
				g.lead = -num(1)
			}
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.lead}.mul(tlm)
			tm = tlm
		case "Tj", "'", "\"":
			if op != "Tj" {
				if op == "\"" && len(args) == 3 {
					g.wordSp, g.charSp = num(0), num(1)
				}
				tlm = matrix{1, 0, 0, 1, 0, -g.lead}.mul(tlm)
				tm = tlm
			}
			if len(args) > 0 {
				show(args[0].RawString(), 0)
			}
		case "TJ":
			if len(args) > 0 {
				a := args[0]
				for i := 0; i < a.Len(); i++ {
					e := a.Index(i)
					if e.Kind() == pdf.String {
						show(e.RawString(), 0)
					} else {
						show("", e.Float64())
					}
				}
			}
		case "Do":
			if len(args) > 0 && depth < maxFormDepth {
				cr.form(res, args[0].Name(), g, depth)
			}
		}
	})
}

// form draws the form XObject called name, if it is one.
func (cr *contentReader) form(res pdf.Value, name string, g gstate, depth int) {
	x := res.Key("XObject").Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" {
		return
	}
	id := x.String() // a stream prints with its offset in the file: unique
	if cr.forms[id] {
		return
	}
	if cr.forms == nil {
		cr.forms = map[string]bool{}
	}
	cr.forms[id] = true
	defer delete(cr.forms, id)
	if m := x.Key("Matrix"); m.Len() == 6 {
		var fm matrix
		for i := range fm {
			fm[i] = m.Index(i).Float64()
		}
		g.ctm = fm.mul(g.ctm)
	}
	fres := x.Key("Resources")
	if fres.Kind() != pdf.Dict {
		fres = res
	}
	cr.run(x, fres, g, depth+1)
}

// font returns the font called name in the /Font resource dictionary
// fonts. Fonts are shared by the pages of a document and read once:
// reading a font (its widths, its /ToUnicode CMap) costs more than the
// text it draws on one page.
func (cr *contentReader) font(fonts pdf.Value, name string) *pdfFont {
	v := fonts.Key(name)
	if v.Kind() != pdf.Dict {
		return nil
	}
	key := v.String() // the dictionary with its references unresolved
	if f, ok := cr.fonts[key]; ok {
		return f
	}
	f := newPDFFont(v, func() pdf.Value { return fonts.Key(name) })
	if cr.fonts == nil {
		cr.fonts = map[string]*pdfFont{}
	}
	cr.fonts[key] = f
	return f
}

// show draws the string s with the state g and text matrix tm, and
// returns the text matrix after it.
//
// Between the glyphs of a string only the translation of tm moves (by
// each advance), so the linear part of the text rendering matrix, and
// the size and direction of the glyphs worked out from it, are computed
// again only when the bits of tm's linear part change; the translation
// is computed for every glyph with the same arithmetic as matrix.mul, so
// every number is the same as multiplying the full matrices.
func (cr *contentReader) show(s string, g gstate, tm matrix) matrix {
	f := g.font
	if f == nil {
		return tm
	}
	step := 1
	if f.twoByte {
		step = 2
	}
	sm := matrix{g.size * g.hScl, 0, 0, g.size, 0, g.rise}
	var (
		frame   glyphFrame
		frameOf [4]uint64 // the bits of tm's linear part that frame is for
		known   bool
	)
	for i := 0; i+step <= len(s); i += step {
		code := int(s[i])
		if step == 2 {
			code = code<<8 | int(s[i+1])
		}
		text, w0 := f.glyph(code)
		if len(cr.glyphs) < maxPageGlyphs && text != "" {
			if key := linearBits(tm); !known || key != frameOf {
				frame = newGlyphFrame(sm.mul(tm).mul(g.ctm))
				frameOf, known = key, true
			}
			trm := frame.trm
			p4, p5 := sm.translation(tm)
			trm[4], trm[5] = matrix{4: p4, 5: p5}.translation(g.ctm)
			cr.glyphs = append(cr.glyphs, placeGlyph(trm, w0, text, frame))
		}
		adv := w0*g.size + g.charSp
		if step == 1 && code == ' ' {
			adv += g.wordSp
		}
		tm = matrix{1, 0, 0, 1, adv * g.hScl, 0}.mul(tm)
	}
	return tm
}

// translation returns elements 4 and 5 of m × n, as mul computes them;
// they read only elements 4 and 5 of m.
func (m matrix) translation(n matrix) (float64, float64) {
	return m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5]
}

// linearBits is the linear part of m, bit for bit.
func linearBits(m matrix) [4]uint64 {
	return [4]uint64{math.Float64bits(m[0]), math.Float64bits(m[1]), math.Float64bits(m[2]), math.Float64bits(m[3])}
}

// A glyphFrame is what a text rendering matrix's linear part says of the
// glyphs it draws: their size on the page and the quarter turns of
// their baseline.
type glyphFrame struct {
	trm  matrix // the matrix it was worked out from
	size float64
	rot  int
}

func newGlyphFrame(trm matrix) glyphFrame {
	bx, by := trm[0], trm[1] // baseline direction
	rot := 0
	switch {
	case math.Abs(bx) >= math.Abs(by) && bx < 0:
		rot = 2
	case math.Abs(by) > math.Abs(bx) && by > 0:
		rot = 1
	case math.Abs(by) > math.Abs(bx):
		rot = 3
	}
	return glyphFrame{trm: trm, size: math.Hypot(trm[2], trm[3]), rot: rot}
}

// placeGlyph turns a glyph drawn with the text rendering matrix trm,
// whose linear part is fr's, into page coordinates turned so that its
// baseline runs left to right.
func placeGlyph(trm matrix, w0 float64, text string, fr glyphFrame) pdfGlyph {
	x, y := trm.apply(0, 0)
	ex, ey := trm.apply(w0, 0)
	rot := fr.rot
	// Rotate into the glyph's own frame: (x, y) -> baseline, up.
	turn := func(x, y float64) (float64, float64) {
		switch rot {
		case 1:
			return y, -x
		case 2:
			return -x, -y
		case 3:
			return -y, x
		}
		return x, y
	}
	x, y = turn(x, y)
	ex, _ = turn(ex, ey)
	return pdfGlyph{x: x, y: y, w: ex - x, size: fr.size, rot: int8(rot), s: text}
}
