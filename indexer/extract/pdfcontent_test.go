package extract

import (
	"math"
	"math/rand/v2"
	"testing"
)

// showFull is show as first written: the full text rendering matrix
// multiplied out for every glyph, the reference for show's reuse of its
// linear part.
func showFull(cr *contentReader, s string, g gstate, tm matrix) matrix {
	f := g.font
	for i := 0; i < len(s); i++ {
		code := int(s[i])
		text := f.decode(code)
		w0 := f.width(code, text)
		trm := matrix{g.size * g.hScl, 0, 0, g.size, 0, g.rise}.mul(tm).mul(g.ctm)
		if text != "" {
			cr.glyphs = append(cr.glyphs, placeGlyph(trm, w0, text, newGlyphFrame(trm)))
		}
		adv := w0*g.size + g.charSp
		if code == ' ' {
			adv += g.wordSp
		}
		tm = matrix{1, 0, 0, 1, adv * g.hScl, 0}.mul(tm)
	}
	return tm
}

// TestShowMatchesFullMatrices: glyph positions, sizes and directions
// are the same, bit for bit, as multiplying the full matrices for every
// glyph, whatever the matrices: turned a quarter or half, mirrored,
// signed zeros, huge, infinite or NaN entries.
func TestShowMatchesFullMatrices(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	odd := []float64{0, math.Copysign(0, -1), 1, -1, 1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN(), 0.5}
	num := func() float64 {
		if rng.IntN(6) == 0 {
			return odd[rng.IntN(len(odd))]
		}
		return (rng.Float64() - 0.5) * 40
	}
	mat := func() matrix {
		switch rng.IntN(4) {
		case 0: // upright, as most pages
			return matrix{1, 0, 0, 1, num() * 20, num() * 20}
		case 1: // a quarter turn
			return matrix{0, 1, -1, 0, num() * 20, num() * 20}
		}
		return matrix{num(), num(), num(), num(), num(), num()}
	}
	bits := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }
	for round := range 2000 {
		font := &pdfFont{scale: 0.001, fixed: float64(300 + rng.IntN(400)), base: winAnsi, decoded: map[int]string{}}
		if rng.IntN(2) == 0 {
			font = &pdfFont{scale: 0.001, std: &helveticaWidths, base: winAnsi, decoded: map[int]string{}}
		}
		g := gstate{ctm: mat(), font: font, size: num(), hScl: 1, charSp: num() / 10, wordSp: num() / 10, rise: num() / 4}
		if rng.IntN(4) == 0 {
			g.hScl = num() / 10
		}
		b := make([]byte, rng.IntN(30))
		for i := range b {
			b[i] = byte(' ' + rng.IntN(95))
		}
		tm := mat()
		var got, want contentReader
		tmGot, tmWant := got.show(string(b), g, tm), showFull(&want, string(b), g, tm)
		for i := range tmGot {
			if !bits(tmGot[i], tmWant[i]) {
				t.Fatalf("round %d: text matrix after %q is %v, want %v", round, b, tmGot, tmWant)
			}
		}
		if len(got.glyphs) != len(want.glyphs) {
			t.Fatalf("round %d: %d glyphs, want %d", round, len(got.glyphs), len(want.glyphs))
		}
		for i, a := range got.glyphs {
			w := want.glyphs[i]
			if !bits(a.x, w.x) || !bits(a.y, w.y) || !bits(a.w, w.w) || !bits(a.size, w.size) || a.rot != w.rot || a.s != w.s {
				t.Fatalf("round %d, glyph %d of %q: %+v, want %+v", round, i, b, a, w)
			}
		}
	}
}
