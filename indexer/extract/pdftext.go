package extract

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// pageText returns a page's text with one line per text line on the page.
// It places the glyphs of Page.Content by position instead of using
// GetPlainText, which concatenates text-showing operators as they come:
// words set with explicit positioning (most word processors' output)
// come out glued together, and lines out of order. Content panics on some
// content streams GetPlainText survives (an unbalanced "Q", say), so
// GetPlainText is the fallback.
func pageText(p pdf.Page) (string, error) {
	if text, err := contentText(p); err == nil {
		return text, nil
	}
	text, err := plainText(p)
	if err != nil {
		return "", fmt.Errorf("%w: page: %w", ErrMalformed, err)
	}
	return text, nil
}

func contentText(p pdf.Page) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("%w: page content: %v", ErrMalformed, r)
		}
	}()
	return layoutGlyphs(p.Content().Text), nil
}

func plainText(p pdf.Page) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("%w: page text: %v", ErrMalformed, r)
		}
	}()
	return p.GetPlainText(nil)
}

// layoutGlyphs groups glyphs into lines by baseline and puts a space
// wherever the gap between glyphs is wider than a fraction of the font
// size: PDFs rarely draw the spaces between words.
//
// Within a line, glyphs are ordered by runs, not one by one: a run is a
// stretch of glyphs drawn one after the other, left to right. The library
// misplaces glyphs of some fonts (two-byte codes are measured as bytes), so
// sorting single glyphs by X would shuffle letters across words; sorting
// runs keeps every word as the file draws it.
func layoutGlyphs(glyphs []pdf.Text) string {
	gs := make([]glyph, 0, len(glyphs))
	for i, g := range glyphs {
		// Underscores are the blanks of forms and signature lines,
		// drawn under or between the words typed into them: keeping
		// them would cut those words into pieces.
		if g.S == "\n" || g.S == "" || g.S == "_" || !finite(g.X) || !finite(g.Y) || !finite(g.W) || !finite(g.FontSize) {
			continue
		}
		gs = append(gs, glyph{Text: g, seq: i})
	}
	if len(gs) == 0 {
		return ""
	}
	// Order top to bottom, and assign each glyph to a line whose baseline
	// is within half its font size.
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].Y > gs[j].Y })
	var lines [][]glyph
	var base float64
	for _, g := range gs {
		tol := math.Max(math.Abs(g.FontSize)*0.5, 1)
		if len(lines) == 0 || math.Abs(base-g.Y) > tol {
			lines = append(lines, nil)
			base = g.Y
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], g)
	}
	var b strings.Builder
	for _, line := range lines {
		writeLine(&b, orderRuns(line))
		b.WriteByte('\n')
	}
	return b.String()
}

// A glyph is a positioned character with its place in the content stream.
type glyph struct {
	pdf.Text
	seq int
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// orderRuns returns a line's glyphs in reading order: split into runs
// (consecutive in the stream, X not moving back), runs sorted by X.
func orderRuns(line []glyph) []pdf.Text {
	sort.SliceStable(line, func(i, j int) bool { return line[i].seq < line[j].seq })
	var runs [][]glyph
	for i, g := range line {
		if i == 0 {
			runs = append(runs, []glyph{g})
			continue
		}
		p := line[i-1]
		if g.seq-p.seq > 2 || g.X < p.X-0.5*glyphSize(&p.Text) {
			runs = append(runs, nil)
		}
		runs[len(runs)-1] = append(runs[len(runs)-1], g)
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i][0].X < runs[j][0].X })
	out := make([]pdf.Text, 0, len(line))
	for _, r := range runs {
		for _, g := range r {
			out = append(out, g.Text)
		}
	}
	return out
}

// writeLine writes the glyphs of one line, left to right. A gap counts
// as a space when it is wider than the line's usual gap between letters
// by a fifth of the font size: justified text and character spacing (Tc)
// open every gap in a line, so a fixed threshold splits words ("c ourt");
// a line that draws its own spaces needs a wider gap still, since its
// remaining gaps are kerning or columns.
func writeLine(b *strings.Builder, line []pdf.Text) {
	base, explicit := lineGaps(line)
	var prev *pdf.Text
	lastSpace := true
	for i := range line {
		g := &line[i]
		size := glyphSize(g)
		isSpace := strings.TrimSpace(g.S) == ""
		if prev != nil {
			// Fake bold draws the same glyph twice, a hair apart.
			// Glyphs without widths all sit at one X and are not
			// duplicates.
			if g.S == prev.S && g.W > 0 && prev.W > 0 && math.Abs(g.X-prev.X) < 0.15*size {
				continue
			}
			need := base + 0.2*size
			if explicit {
				need = base + 0.45*size
			}
			if !lastSpace && !isSpace && gapAfter(prev, g) > need {
				b.WriteByte(' ')
				lastSpace = true
			}
		}
		if isSpace {
			if !lastSpace {
				b.WriteByte(' ')
				lastSpace = true
			}
		} else {
			b.WriteString(g.S)
			r, _ := utf8.DecodeLastRuneInString(g.S)
			lastSpace = unicode.IsSpace(r)
		}
		prev = g
	}
}

func glyphSize(g *pdf.Text) float64 {
	if s := math.Abs(g.FontSize); s > 0 {
		return s
	}
	return 10
}

// gapAfter is the horizontal space between the end of a and the start of b.
func gapAfter(a, b *pdf.Text) float64 {
	w := a.W
	if w <= 0 {
		// No width table: guess an average glyph width.
		w = 0.5 * glyphSize(a)
	}
	return b.X - (a.X + w)
}

// lineGaps returns the median gap between adjacent visible glyphs of a
// line (0 for short lines) and whether the line draws space glyphs of its
// own.
func lineGaps(line []pdf.Text) (median float64, explicit bool) {
	var gaps []float64
	spaces := 0
	for i := range line {
		if strings.TrimSpace(line[i].S) == "" {
			spaces++
			continue
		}
		if i > 0 && strings.TrimSpace(line[i-1].S) != "" {
			gaps = append(gaps, gapAfter(&line[i-1], &line[i]))
		}
	}
	if len(gaps) >= 4 {
		sort.Float64s(gaps)
		median = max(0, gaps[len(gaps)/2])
	}
	return median, spaces > 0 && spaces*20 >= len(line)
}
