package synth

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"strings"
)

// A Query is one search of the benchmark mix, in lexsearch's own terms
// (Q and the filters) and in the terms a raw engine needs (Words, Phrase,
// Prefix, Within).
type Query struct {
	Class   string `json:"class"` // rare, common, and, phrase, statute, court_word, prox, prefix
	Q       string `json:"q,omitempty"`
	Statute string `json:"statute,omitempty"`
	Court   string `json:"court,omitempty"`
	Sort    string `json:"sort,omitempty"`

	Words  []string `json:"words,omitempty"`  // every word must occur
	Phrase string   `json:"phrase,omitempty"` // the words in order
	Prefix string   `json:"prefix,omitempty"` // a word starting with it
	Within int      `json:"within,omitempty"` // Words at most this many positions apart
	DF     int      `json:"df,omitempty"`     // documents with the word, for one-word queries
}

// Queries returns the query mix for the documents generated so far: 26
// queries in eight classes, with words chosen by their document
// frequencies (call it after the last Next).
func (g *Generator) Queries() []Query {
	n := float64(g.n)
	var qs []Query
	used := map[string]bool{}
	near := func(share float64, k int) []string {
		out := g.nearest(share*n, k, used)
		for _, w := range out {
			used[w] = true
		}
		return out
	}
	for _, w := range near(0.0015, 4) {
		qs = append(qs, Query{Class: "rare", Q: w, Words: []string{w}, DF: g.df[w]})
	}
	for _, w := range near(0.5, 3) {
		qs = append(qs, Query{Class: "common", Q: w, Words: []string{w}, DF: g.df[w]})
	}
	and := near(0.25, 8)
	for i := 0; i+1 < len(and); i += 2 {
		qs = append(qs, Query{Class: "and", Q: and[i] + " " + and[i+1], Words: and[i : i+2]})
	}
	for _, p := range plantedPhrases {
		qs = append(qs, Query{Class: "phrase", Q: `"` + p.text + `"`, Phrase: p.text})
	}
	sts := ranked(g.stat)
	for _, i := range []int{0, 4, 19} {
		if i < len(sts) {
			qs = append(qs, Query{Class: "statute", Statute: sts[i], Sort: "-date"})
		}
	}
	cs := ranked(g.court)
	words := near(0.2, 3)
	for k, i := range []int{0, 2, 9} {
		if i < len(cs) && k < len(words) {
			qs = append(qs, Query{Class: "court_word", Court: cs[i], Q: words[k], Words: []string{words[k]}})
		}
	}
	pairs := [][2]string{{proxPairs[0].a, proxPairs[0].b}, {proxPairs[1].a, proxPairs[1].b}, {"court", "dismiss"}}
	for _, p := range pairs {
		qs = append(qs, Query{Class: "prox", Q: p[0] + " w/5 " + p[1], Words: []string{p[0], p[1]}, Within: 5})
	}
	for _, p := range []string{"traffick", "immun", g.prefix(50)} {
		qs = append(qs, Query{Class: "prefix", Q: p + "*", Prefix: p})
	}
	return qs
}

// nearest returns k synthetic words whose document counts are closest to
// target, skipping used ones; ties go to the more frequent rank.
func (g *Generator) nearest(target float64, k int, used map[string]bool) []string {
	type cand struct {
		w    string
		diff float64
	}
	var cs []cand
	for _, w := range g.words {
		if df := g.df[w]; df > 0 && !used[w] {
			cs = append(cs, cand{w, math.Abs(float64(df) - target)})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return cmp.Compare(a.diff, b.diff) })
	out := make([]string, 0, k)
	for _, c := range cs[:min(k, len(cs))] {
		out = append(out, c.w)
	}
	return out
}

// prefix returns the three-letter prefix shared by the number of distinct
// synthetic words in the corpus closest to want.
func (g *Generator) prefix(want int) string {
	count := map[string]int{}
	for _, w := range g.words {
		if g.df[w] > 0 {
			count[w[:3]]++
		}
	}
	best, bestDiff := "", math.MaxInt
	for _, p := range slices.Sorted(maps.Keys(count)) {
		if d := abs(count[p] - want); d < bestDiff {
			best, bestDiff = p, d
		}
	}
	return best
}

// ranked returns the keys of m, most frequent first.
func ranked(m map[string]int) []string {
	keys := slices.Sorted(maps.Keys(m))
	slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(m[b], m[a]) })
	return keys
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// String is the query as a person would type it, for reports.
func (q Query) String() string {
	var parts []string
	if q.Q != "" {
		parts = append(parts, "q="+q.Q)
	}
	if q.Statute != "" {
		parts = append(parts, "statute="+q.Statute)
	}
	if q.Court != "" {
		parts = append(parts, "court="+q.Court)
	}
	if q.Sort != "" {
		parts = append(parts, "sort="+q.Sort)
	}
	return strings.Join(parts, " ")
}
