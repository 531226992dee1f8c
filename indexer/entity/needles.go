package entity

import (
	"regexp"
	"slices"
	"strings"
)

// A needleSet finds every occurrence of many needles in one pass over a
// text (an Aho-Corasick automaton over the needles' bytes), so that a
// tagger with many guides reads a page once instead of once per needle.
type needleSet struct {
	needles []string
	class   [256]uint8 // byte -> column of delta; 0: a byte no needle has
	ncols   int
	// state*ncols + column -> next state*ncols, complemented (negative)
	// when needles end at the next state: the scan's loop then needs no
	// multiplication, and no look-up in out for most bytes
	delta []int32
	out   [][]int16 // state -> needles that end here
}

func newNeedleSet(needles []string) *needleSet {
	ns := &needleSet{needles: needles, ncols: 1}
	for _, n := range needles {
		for i := 0; i < len(n); i++ {
			if ns.class[n[i]] == 0 {
				ns.class[n[i]] = uint8(ns.ncols)
				ns.ncols++
			}
		}
	}
	// the trie of the needles
	gotoFn := []map[uint8]int32{{}}
	ns.out = [][]int16{nil}
	for id, n := range needles {
		s := int32(0)
		for i := 0; i < len(n); i++ {
			c := ns.class[n[i]]
			nx, ok := gotoFn[s][c]
			if !ok {
				nx = int32(len(gotoFn))
				gotoFn = append(gotoFn, map[uint8]int32{})
				ns.out = append(ns.out, nil)
				gotoFn[s][c] = nx
			}
			s = nx
		}
		ns.out[s] = append(ns.out[s], int16(id))
	}
	// breadth first: failure links folded into a full transition table
	ns.delta = make([]int32, len(gotoFn)*ns.ncols)
	fail := make([]int32, len(gotoFn))
	var queue []int32
	for c := 1; c < ns.ncols; c++ {
		if nx, ok := gotoFn[0][uint8(c)]; ok {
			ns.delta[c] = nx
			queue = append(queue, nx)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		ns.out[s] = append(ns.out[s], ns.out[fail[s]]...)
		for c := 0; c < ns.ncols; c++ {
			if nx, ok := gotoFn[s][uint8(c)]; ok {
				fail[nx] = ns.delta[int(fail[s])*ns.ncols+c]
				ns.delta[int(s)*ns.ncols+c] = nx
				queue = append(queue, nx)
			} else {
				ns.delta[int(s)*ns.ncols+c] = ns.delta[int(fail[s])*ns.ncols+c]
			}
		}
	}
	if len(needles) >= 1<<15 || len(ns.delta) >= 1<<31 {
		panic("entity: too many needles for a needleSet")
	}
	for i, nx := range ns.delta {
		ns.delta[i] = nx * int32(ns.ncols)
		if len(ns.out[nx]) > 0 {
			ns.delta[i] = ^ns.delta[i]
		}
	}
	return ns
}

// scan returns, for each needle, the offsets in text where it starts, in
// increasing order.
func (ns *needleSet) scan(text string) [][]int {
	// every hit in one slice, as offset<<16 | needle, then grouped by
	// needle: a few allocations however many hits
	var flat []uint64
	s := int32(0)
	for i := 0; i < len(text); i++ {
		s = ns.delta[int(s)+int(ns.class[text[i]])]
		if s < 0 {
			s = ^s
			for _, id := range ns.out[int(s)/ns.ncols] {
				flat = append(flat, uint64(i+1-len(ns.needles[id]))<<16|uint64(id))
			}
		}
	}
	hits := make([][]int, len(ns.needles))
	if len(flat) == 0 {
		return hits
	}
	count := make([]int, len(ns.needles))
	for _, h := range flat {
		count[h&0xffff]++
	}
	all := make([]int, 0, len(flat))
	for id, n := range count {
		hits[id] = all[len(all) : len(all) : len(all)+n]
		all = all[:len(all)+n]
	}
	for _, h := range flat {
		id := h & 0xffff
		hits[id] = append(hits[id], int(h>>16))
	}
	return hits
}

// guides gathers the needles of several guides into one needleSet.
type guides struct {
	set *needleSet
	ids map[string]int
}

func newGuides(gs ...[]string) *guides {
	g := &guides{ids: map[string]int{}}
	var all []string
	for _, ns := range gs {
		for _, n := range ns {
			if _, ok := g.ids[n]; !ok {
				g.ids[n] = len(all)
				all = append(all, n)
			}
		}
	}
	g.set = newNeedleSet(all)
	return g
}

// guidesOf gathers the needles of guides into one needleSet.
func guidesOf(gs ...guide) *guides { return newGuides(needlesOf(gs...)) }

// A scan is a text read once for the needles of a tagger's guides: the
// ASCII-lower-cased copy the needles are matched in, and where each
// needle occurs in it.
type scan struct {
	text, lower string
	gs          *guides
	hits        [][]int
	// starts: see keyStarts
	starts      []int32
	startsFound bool
}

// at returns where needle (one of a guide's) starts in the text.
func (sc *scan) at(needle string) []int {
	id, ok := sc.gs.ids[needle]
	if !ok {
		panic("entity: needle not in the scan's needle set: " + needle)
	}
	return sc.hits[id]
}

// scan finds the needles of gs in lower, lowerASCII(text).
func (gs *guides) scan(text, lower string) *scan {
	return &scan{text: text, lower: lower, gs: gs, hits: gs.set.scan(lower)}
}

// find returns re's submatch indexes in the scanned text, searching only
// the windows around g's needles. It finds what findAll finds: the
// occurrences of a needle are taken as strings.Index finds them one
// after the other (none overlapping the one before), then filtered by
// keep.
func (g guide) find(sc *scan, re *regexp.Regexp) [][]int {
	var at []int
	for _, n := range g.needles {
		end := -1
		for _, i := range sc.at(n) {
			if i < end {
				continue
			}
			end = i + len(n)
			if g.keep == nil || g.keep(sc.lower, i, len(n)) {
				at = append(at, i)
			}
		}
	}
	if len(at) == 0 {
		return nil
	}
	if len(g.needles) > 1 {
		slices.Sort(at)
	}
	return g.windows(sc.text, sc.lower, at, re)
}

// needlesOf lists the needles of guides, for newGuides.
func needlesOf(gs ...guide) []string {
	var out []string
	for _, g := range gs {
		for _, n := range g.needles {
			if strings.ToLower(n) != n {
				panic("entity: guide needle not lower case: " + n)
			}
			out = append(out, n)
		}
	}
	return out
}
