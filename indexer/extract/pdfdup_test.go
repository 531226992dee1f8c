package extract

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// dropDuplicatesMap is dropDuplicates with the cells filed in a Go map, as
// first written: the reference for the hash table.
func dropDuplicatesMap(gs []pdfGlyph) []pdfGlyph {
	cellOf := func(x, y int) int64 { return int64(x)<<32 | int64(uint32(y)) }
	seen := map[int64]int{}
	var out []pdfGlyph
	for _, g := range gs {
		if !finite(g.x) || !finite(g.y) || math.Abs(g.x) > 1e8 || math.Abs(g.y) > 1e8 {
			continue
		}
		cx, cy := int(math.Floor(g.x)), int(math.Floor(g.y))
		dup := false
		for dx := -1; dx <= 1 && !dup; dx++ {
			for dy := -1; dy <= 1 && !dup; dy++ {
				if j, ok := seen[cellOf(cx+dx, cy+dy)]; ok {
					o := out[j]
					dup = o.s == g.s && math.Abs(o.x-g.x) < dupMaxDX*g.size && math.Abs(o.y-g.y) < dupMaxDY*g.size
				}
			}
		}
		if dup && !isBlank(g.s) {
			continue
		}
		if _, ok := seen[cellOf(cx, cy)]; !ok {
			seen[cellOf(cx, cy)] = len(out)
		}
		out = append(out, g)
	}
	return out
}

func TestDropDuplicatesMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	overprinted := 0
	var seen cellTable // reused from round to round, as from page to page
	for round := range 200 {
		var gs []pdfGlyph
		n := rng.IntN(400)
		for i := range n {
			g := pdfGlyph{x: float64(i%60)*4.7 + rng.Float64(), y: 700 - float64(i/60)*12, size: 10, s: string(rune('a' + rng.IntN(4)))}
			switch rng.IntN(8) {
			case 0: // bold by overprinting: the same glyph again, a little off
				gs = append(gs, g)
				g.x += rng.Float64() * 0.5
			case 1:
				g.s = " "
			case 2:
				g.x, g.y = -g.x, -g.y
			case 3:
				g.x = math.NaN()
			}
			gs = append(gs, g)
		}
		got, want := dropDuplicates(slices.Clone(gs), &seen), dropDuplicatesMap(gs)
		if !slices.EqualFunc(got, want, func(a, b pdfGlyph) bool { return a.s == b.s && a.x == b.x && a.y == b.y }) {
			t.Fatalf("round %d: dropDuplicates kept %d glyphs, the map version %d", round, len(got), len(want))
		}
		for _, g := range gs {
			if finite(g.x) {
				overprinted++
			}
		}
		overprinted -= len(got)
	}
	if overprinted == 0 {
		t.Fatal("no glyph was dropped as drawn twice: the test does not exercise the duplicate rule")
	}
}
