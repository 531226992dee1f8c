package extract

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Glyphs become words, words lines, lines blocks, by the rules poppler's
// pdftotext publishes for its reading-order output (TextOutputDev): a new
// word starts at a gap wider than a tenth of the font size, at a change
// of font size, or where the baseline moves; words of a line are joined
// by a space where they are 3% of the font size apart or more, and run
// together otherwise (a change of font within a word). Three departures
// from pdftotext, which reads all three wrong: a raised footnote marker
// is always a word of its own ("Strickland7" reads "Strickland 7"), small
// capitals are one word with their full-size capital ("F OR" reads
// "FOR"), and a capitalised word drawn in two pieces a fraction of a
// space apart is one word ("BUSI NESS" reads "BUSINESS", see kernSplit);
// all are told by font size, baseline and gaps, not by word lists. Lines
// are read top to bottom, and columns (a white gutter running down
// several lines) one after the other, left first.
const (
	wordBreakGap   = 0.1  // × font size: a wider gap starts a new word
	wordOverlap    = 0.2  // × font size: moving back further starts one too
	wordSpaceGap   = 0.03 // × font size: the least gap read as a space
	baselineShift  = 0.5  // points: a baseline moved further starts a new word
	dupMaxDX       = 0.1  // × font size: a repeat this close is fake bold
	dupMaxDY       = 0.2  // × font size
	lineBaseSlack  = 0.5  // × font size: words whose baselines are this close share a line
	fragmentGap    = 1.5  // × font size: a wider gap between words may be a column gutter
	minColumnRows  = 3    // lines a column region must span
	paragraphPitch = 1.6  // × the page's usual line pitch: a wider gap leaves a blank line
)

// A pdfWord is a run of glyphs read as one word.
type pdfWord struct {
	text             strings.Builder
	xMin, xMax, base float64
	size             float64
}

// A fragment is a stretch of a line with no gutter-wide gap in it.
type fragment struct {
	words      []*pdfWord
	xMin, xMax float64
	row        int
}

// layoutPage returns the text of a page's glyphs, one line per line.
// seen is dropDuplicates' table, kept from page to page so that its
// memory is not allocated anew for each; glyphs is overwritten.
func layoutPage(glyphs []pdfGlyph, seen *cellTable) string {
	glyphs = dropDuplicates(glyphs, seen)
	var perRot [4]int
	for _, g := range glyphs {
		perRot[g.rot]++
	}
	var b strings.Builder
	for rot := range int8(4) {
		var gs []pdfGlyph
		switch perRot[rot] {
		case 0:
		case len(glyphs):
			gs = glyphs // one direction, as on most pages: no copy
		default:
			gs = make([]pdfGlyph, 0, perRot[rot])
			for _, g := range glyphs {
				if g.rot == rot {
					gs = append(gs, g)
				}
			}
		}
		if len(gs) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		writeRows(&b, makeRows(makeWords(gs)))
	}
	return b.String()
}

// dropDuplicates removes glyphs drawn again on top of themselves, which
// is how some producers make bold text. Glyphs are filed by the 1-point
// cell of their origin (the first glyph drawn in a cell stands for it);
// a glyph is a repeat when a cell next to its own holds the same text
// within dupMaxDX, dupMaxDY of it. The glyphs kept are moved to the front
// of gs, which is returned shortened: the caller's slice is overwritten.
// seen is emptied and sized for gs; its memory is reused.
func dropDuplicates(gs []pdfGlyph, seen *cellTable) []pdfGlyph {
	cellOf := func(x, y int) int64 { return int64(x)<<32 | int64(uint32(y)) }
	seen.reset(len(gs))
	out := gs[:0] // never ahead of the glyph being read
	for _, g := range gs {
		if !finite(g.x) || !finite(g.y) || math.Abs(g.x) > 1e8 || math.Abs(g.y) > 1e8 {
			continue
		}
		cx, cy := int(math.Floor(g.x)), int(math.Floor(g.y))
		dup := false
	search:
		for dx := -1; dx <= 1; dx++ {
			for dy := -1; dy <= 1; dy++ {
				j, ok := seen.get(cellOf(cx+dx, cy+dy))
				if !ok {
					continue
				}
				o := &out[j]
				if o.s == g.s && math.Abs(o.x-g.x) < dupMaxDX*g.size && math.Abs(o.y-g.y) < dupMaxDY*g.size {
					dup = true
					break search
				}
			}
		}
		if dup && !isBlank(g.s) {
			continue
		}
		seen.add(cellOf(cx, cy), len(out))
		out = append(out, g)
	}
	return out
}

// A cellTable maps a glyph cell to the index of the first glyph kept in
// it. dropDuplicates probes nine cells per glyph, the hot loop of PDF
// layout; a Go map spent most of that time hashing and probing. This is
// open addressing over at least twice as many slots as glyphs, with a
// multiplicative hash, behind a bitmap of the cells filed: nearly every
// probe is of an empty cell (glyphs are points apart, cells one point),
// and the bitmap answers it from a few cache lines, because the cells of
// one row of the page are neighbouring bits.
type cellTable struct {
	keys  []int64
	vals  []int32 // index + 1; 0 is an empty slot
	shift uint
	// filed has the bit of every cell added (and, sharing bits, some
	// others): a clear bit means the cell is not in the table.
	filed []uint64
	fmask uint64
}

// reset empties t and sizes it for n glyphs, in the memory it has when
// that is enough.
func (t *cellTable) reset(n int) {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	// 32 bits per slot, so 64 or more per glyph: a probe of an empty
	// cell finds its bit set (by another cell) rarely.
	t.keys = sized(t.keys, 1<<bits)
	t.vals = sized(t.vals, 1<<bits)
	t.filed = sized(t.filed, 1<<bits/2)
	t.shift, t.fmask = 64-bits, 1<<(bits+5)-1
}

// sized returns s with length n, cleared, reusing its memory if it can.
func sized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (t *cellTable) slot(k int64) int {
	return int(uint64(k) * 0x9E3779B97F4A7C15 >> t.shift)
}

// bit is the bitmap position of cell k (x<<32 | y): the row y scattered,
// x added, so the cells of a row are consecutive bits.
func (t *cellTable) bit(k int64) uint64 {
	return (uint64(uint32(k))*0x9E3779B97F4A7C15 + uint64(k>>32)) & t.fmask
}

// get returns the index filed for cell k.
func (t *cellTable) get(k int64) (int, bool) {
	if b := t.bit(k); t.filed[b>>6]&(1<<(b&63)) == 0 {
		return 0, false
	}
	mask := len(t.keys) - 1
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch {
		case t.vals[i] == 0:
			return 0, false
		case t.keys[i] == k:
			return int(t.vals[i] - 1), true
		}
	}
}

// add files index v for cell k unless the cell has one already.
func (t *cellTable) add(k int64, v int) {
	b := t.bit(k)
	t.filed[b>>6] |= 1 << (b & 63)
	mask := len(t.keys) - 1
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch {
		case t.vals[i] == 0:
			t.keys[i], t.vals[i] = k, int32(v+1)
			return
		case t.keys[i] == k:
			return
		}
	}
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// makeWords groups glyphs, in the order they were drawn, into words.
func makeWords(gs []pdfGlyph) []*pdfWord {
	var words []*pdfWord
	var cur *pdfWord
	for i := range gs {
		g := &gs[i]
		if !finite(g.x) || !finite(g.y) || !finite(g.w) || !finite(g.size) {
			continue
		}
		size := g.size
		if size <= 0 {
			size = 1
		}
		if isBlank(g.s) || g.s == "\uFFFD" {
			cur = nil // a drawn space, or an unmapped glyph standing for one
			continue
		}
		if cur != nil {
			gap := g.x - cur.xMax
			if gap > wordBreakGap*cur.size || gap < -wordOverlap*cur.size ||
				math.Abs(g.y-cur.base) > baselineShift || math.Abs(size-cur.size) > 0.01*cur.size {
				cur = nil
			}
		}
		if cur == nil {
			cur = &pdfWord{xMin: g.x, xMax: g.x, base: g.y, size: size}
			words = append(words, cur)
		}
		cur.text.WriteString(g.s)
		cur.xMax = max(cur.xMax, g.x+max(g.w, 0))
		cur.xMin = min(cur.xMin, g.x)
	}
	return words
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// makeRows groups words into lines, top to bottom, each left to right.
func makeRows(words []*pdfWord) [][]*pdfWord {
	slices.SortStableFunc(words, func(a, b *pdfWord) int { return cmp.Compare(b.base, a.base) })
	var rows [][]*pdfWord
	var base, size float64
	for _, w := range words {
		if len(rows) == 0 || math.Abs(base-w.base) > lineBaseSlack*max(size, w.size) {
			rows = append(rows, nil)
			base, size = w.base, w.size
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], w)
		size = max(size, w.size)
	}
	for _, r := range rows {
		slices.SortStableFunc(r, func(a, b *pdfWord) int { return cmp.Compare(a.xMin, b.xMin) })
	}
	return rows
}

// writeRows writes lines, reading column regions one column at a time.
func writeRows(b *strings.Builder, rows [][]*pdfWord) {
	var frags []fragment
	for i, r := range rows {
		for j, w := range r {
			if j == 0 || w.xMin-frags[len(frags)-1].xMax > fragmentGap*w.size {
				frags = append(frags, fragment{xMin: w.xMin, xMax: w.xMax, row: i})
			}
			f := &frags[len(frags)-1]
			f.words = append(f.words, w)
			f.xMax = max(f.xMax, w.xMax)
		}
	}
	pitch := linePitch(rows)
	spaces := wordSpaces(rows)
	lastBase := math.NaN()
	for _, line := range orderFragments(frags) {
		base := line[0].words[0].base
		if b.Len() > 0 {
			b.WriteByte('\n')
			if pitch > 0 && !math.IsNaN(lastBase) && (lastBase-base > paragraphPitch*pitch || base > lastBase) {
				// A wide gap, or a jump back up to the next column.
				b.WriteByte('\n')
			}
		}
		lastBase = base
		for i, f := range line {
			if i > 0 {
				b.WriteByte(' ')
			}
			writeWords(b, f.words, spaces)
		}
	}
}

// linePitch is the median distance between consecutive rows.
func linePitch(rows [][]*pdfWord) float64 {
	var d []float64
	for i := 1; i < len(rows); i++ {
		d = append(d, rows[i-1][0].base-rows[i][0].base)
	}
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[len(d)/2]
}

// writeWords writes the words of a fragment, with spaces where the gap
// between two words is wide enough, letter-spaced capitals ("F I L E D",
// drawn with a gap between every letter) closed up, and a capitalised
// word parted by a kerning slip rather than a space ("BUSI NESS") joined.
func writeWords(b *strings.Builder, words []*pdfWord, spaces spaceWidths) {
	for i, w := range words {
		if i > 0 {
			p := words[i-1]
			gap := w.xMin - p.xMax
			switch {
			case footnoteMark(p, w) || footnoteMark(w, p):
				b.WriteByte(' ')
			case smallCaps(p, w, spaces), kernSplit(p, w, spaces):
			case gap >= wordSpaceGap*max(p.size, w.size) && !letterSpaced(words, i):
				b.WriteByte(' ')
			}
		}
		b.WriteString(w.text.String())
	}
}

// footnoteMark reports whether mark, next to word, is a footnote marker:
// figures or a dagger set smaller than the word and raised above its
// baseline. It is kept, as a word of its own ("1The" reads "1 The"). A
// raised ordinal ("5th") is letters, and stays with its number.
func footnoteMark(mark, word *pdfWord) bool {
	if mark.size > 0.9*word.size || mark.base-word.base <= baselineShift {
		return false
	}
	s := mark.text.String()
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsDigit(r) && !strings.ContainsRune("*†‡§", r)
	})
}

// smallCaps reports whether p and w are two parts of one word set in
// small capitals: a capital at the full size followed, with no word gap
// (under a tenth of the size, or a kerning slip: see kernGap), by
// capitals at a smaller size on the same baseline ("F" + "OR" reads
// "FOR", where pdftotext writes "F OR").
func smallCaps(p, w *pdfWord, spaces spaceWidths) bool {
	gap := w.xMin - p.xMax
	if w.size >= 0.95*p.size || w.size < 0.6*p.size || math.Abs(w.base-p.base) > baselineShift ||
		gap >= wordBreakGap*p.size && !kernGap(gap, p.size, spaces) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p.text.String())
	first, _ := utf8.DecodeRuneInString(w.text.String())
	return unicode.IsUpper(last) && unicode.IsUpper(first)
}

// Word spaces, measured over the fixture opinions: between two words in
// capitals on one line, the gap is 0.19 to 0.35 of the font size, and
// never under 0.69 of the usual space of the page at that size; the only
// gaps under both bounds below are between nested quotation marks. A word
// set in capitals (small capitals in particular) may yet be drawn in two
// pieces with a gap wider than the word-break threshold (a tenth of the
// size): a kerning or positioning slip of the producer, read as a space by
// pdftotext ("BUSI NESS"). Such a gap is well under a space: at most
// kernSplitSpace of the page's usual space at that size, and at most
// kernSplitMax of the size.
const (
	kernSplitSpace = 0.5
	kernSplitMax   = 0.15
	// the usual space is measured from gaps between these bounds (× size)
	spaceMin, spaceMax = wordBreakGap, 1.0
	// and taken for a size with at least this many gaps; else defaultSpace
	spaceSamples = 5
	defaultSpace = 0.25 // × font size: a typical word space
)

// spaceWidths is the usual word space of a page at each font size
// (rounded to a tenth of a point), in points.
type spaceWidths map[int]float64

func sizeKey(size float64) int { return int(math.Round(size * 10)) }

// wordSpaces measures the median gap between consecutive words of the
// same size on each line of rows, per font size.
func wordSpaces(rows [][]*pdfWord) spaceWidths {
	gaps := map[int][]float64{}
	for _, r := range rows {
		for j := 1; j < len(r); j++ {
			p, w := r[j-1], r[j]
			if math.Abs(p.size-w.size) > 0.01*p.size || math.Abs(p.base-w.base) > baselineShift {
				continue
			}
			if g := w.xMin - p.xMax; g > spaceMin*w.size && g < spaceMax*w.size {
				k := sizeKey(w.size)
				gaps[k] = append(gaps[k], g)
			}
		}
	}
	out := spaceWidths{}
	for k, gs := range gaps {
		if len(gs) >= spaceSamples {
			slices.Sort(gs)
			out[k] = gs[len(gs)/2]
		}
	}
	return out
}

// of returns the usual space at a font size.
func (s spaceWidths) of(size float64) float64 {
	if v, ok := s[sizeKey(size)]; ok {
		return v
	}
	return defaultSpace * size
}

// kernGap reports whether a gap before a word of the given size is a
// kerning slip, far under a word space.
func kernGap(gap, size float64, spaces spaceWidths) bool {
	return gap < kernSplitMax*size && gap < kernSplitSpace*spaces.of(size)
}

// kernSplit reports whether p and w are two pieces of one capitalised
// word parted by a kerning slip: same size and baseline, a gap far under
// a word space, p starting with a capital, and letters of one case on
// each side of the gap ("BUSI" + "NESS", "Busi" + "ness" in small-capital
// glyphs).
func kernSplit(p, w *pdfWord, spaces spaceWidths) bool {
	if math.Abs(p.size-w.size) > 0.01*p.size || math.Abs(p.base-w.base) > baselineShift {
		return false
	}
	if !kernGap(w.xMin-p.xMax, w.size, spaces) {
		return false
	}
	ps := p.text.String()
	head, _ := utf8.DecodeRuneInString(ps)
	last, _ := utf8.DecodeLastRuneInString(ps)
	first, _ := utf8.DecodeRuneInString(w.text.String())
	return unicode.IsUpper(head) && unicode.IsLetter(last) && unicode.IsLetter(first) && unicode.IsUpper(last) == unicode.IsUpper(first)
}

// letterSpaced reports whether words[i-1] and words[i] belong to a run of
// at least three single capital letters spaced evenly: a heading set in
// spaced capitals, which reads as one word.
func letterSpaced(words []*pdfWord, i int) bool {
	single := func(j int) bool {
		if j < 0 || j >= len(words) {
			return false
		}
		s := words[j].text.String()
		r, n := utf8.DecodeRuneInString(s)
		return n == len(s) && unicode.IsUpper(r)
	}
	if !single(i-1) || !single(i) {
		return false
	}
	gap := func(j int) float64 { return words[j].xMin - words[j-1].xMax }
	g := gap(i)
	if g > 0.6*words[i].size {
		return false
	}
	even := func(j int) bool { return single(j) && single(j-1) && math.Abs(gap(j)-g) < 0.15*words[i].size }
	return even(i-1) || even(i+1)
}

// orderFragments returns the page's lines in reading order, each as its
// fragments left to right. Where several consecutive lines share a white
// gutter with text on both sides, those lines form a column region: its
// left column is read before its right one (recursively, so three
// columns work too).
func orderFragments(frags []fragment) [][]fragment {
	rows := groupRows(frags)
	var out [][]fragment
	for i := 0; i < len(rows); {
		j, cut := i, 0.0
		for k := i + minColumnRows; k <= len(rows); k++ {
			x, ok := gutter(rows[i:k])
			if !ok {
				break
			}
			j, cut = k, x
		}
		if j == i {
			out = append(out, rows[i])
			i++
			continue
		}
		var left, right []fragment
		for _, r := range rows[i:j] {
			for _, f := range r {
				if f.xMax <= cut {
					left = append(left, f)
				} else {
					right = append(right, f)
				}
			}
		}
		out = append(out, orderFragments(left)...)
		out = append(out, orderFragments(right)...)
		i = j
	}
	return out
}

func groupRows(frags []fragment) [][]fragment {
	var rows [][]fragment
	for i, f := range frags {
		if i == 0 || f.row != frags[i-1].row {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], f)
	}
	return rows
}

// gutter finds a vertical strip that no fragment of rows crosses, with
// text on both sides in at least two of the rows, and returns its left
// edge.
func gutter(rows [][]fragment) (float64, bool) {
	var all []fragment
	size := 0.0
	for _, r := range rows {
		all = append(all, r...)
		size = max(size, r[0].words[0].size)
	}
	slices.SortFunc(all, func(a, b fragment) int { return cmp.Compare(a.xMin, b.xMin) })
	lo, hi := all[0].xMin, all[0].xMax
	for _, f := range all {
		hi = max(hi, f.xMax)
	}
	width := hi - lo
	reach := all[0].xMax
	for k := 1; k < len(all); k++ {
		f := all[k]
		if f.xMin-reach >= fragmentGap*size && reach-lo >= 0.15*width && hi-f.xMin >= 0.15*width {
			cut := reach
			leftRows, rightRows := 0, 0
			for _, r := range rows {
				l, rt := false, false
				for _, g := range r {
					if g.xMax <= cut {
						l = true
					} else {
						rt = true
					}
				}
				if l {
					leftRows++
				}
				if rt {
					rightRows++
				}
			}
			if leftRows >= 2 && rightRows >= 2 {
				return cut, true
			}
		}
		reach = max(reach, f.xMax)
	}
	return 0, false
}
