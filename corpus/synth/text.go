package synth

import (
	"fmt"
	"strings"
)

// Word pairs planted a few words apart, for the proximity query class,
// with the share of documents each is planted in.
var proxPairs = []struct {
	a, b string
	rate float64
}{
	{"velmorant", "quistadel", 0.03},
	{"brontavix", "selquorin", 0.02},
}

// sentence writes one sentence of legal-sounding text.
func (g *Generator) sentence() string {
	n := 10 + g.rng.IntN(18)
	w := make([]string, 0, n)
	for i := 0; i < n; i++ {
		switch r := g.rng.IntN(20); {
		case r < 11:
			w = append(w, pick(g, legalWords))
		case r < 16:
			w = append(w, uniform(g, glueWords))
		default:
			w = append(w, g.words[g.zipf.Uint64()])
		}
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

// paragraph writes 3 to 7 sentences.
func (g *Generator) paragraph() string {
	k := 3 + g.rng.IntN(5)
	s := make([]string, k)
	for i := range s {
		s[i] = g.sentence()
	}
	return strings.Join(s, " ")
}

// plants returns the sentences every document may carry: the planted
// phrases and word pairs, at their rates.
func (g *Generator) plants() []string {
	var out []string
	for _, p := range plantedPhrases {
		if g.rng.Float64() < p.rate {
			out = append(out, fmt.Sprintf("The parties dispute whether %s applies on these facts.", p.text))
		}
	}
	for _, p := range proxPairs {
		if g.rng.Float64() < p.rate {
			gap := make([]string, g.rng.IntN(4))
			for i := range gap {
				gap[i] = uniform(g, legalWords)
			}
			out = append(out, strings.Join(append(append([]string{"The", p.a}, gap...), p.b, "was", "considered."), " "))
		}
	}
	return out
}

// body writes paragraphs of about size bytes in all, with the given
// sentences spread among them.
func (g *Generator) body(size int, inserts []string) []string {
	var paras []string
	total := 0
	for total < size {
		p := g.paragraph()
		paras = append(paras, p)
		total += len(p) + 2
	}
	for _, s := range inserts {
		i := g.rng.IntN(len(paras))
		paras[i] += " " + s
	}
	return paras
}

// size draws a document's text size: 4 to 12 KB.
func (g *Generator) size() int { return 4000 + g.rng.IntN(8000) }

// mentions writes sentences that cite the statutes and cases planted.
func (g *Generator) mentions(sts []statute, cites []string) []string {
	var out []string
	for _, s := range sts {
		out = append(out, fmt.Sprintf("Plaintiff brings claims under %s, and the parties brief its elements at length.", s.written))
	}
	for _, c := range cites {
		out = append(out, fmt.Sprintf("See %s.", c))
	}
	return out
}

// vocabulary makes n distinct synthetic words of two to four syllables.
// The list does not depend on the seed, so queries stay comparable.
func vocabulary(n int) []string {
	onsets := []string{"b", "br", "c", "d", "dr", "f", "g", "gl", "h", "j", "k", "l", "m", "n", "p", "pl", "qu", "r", "s", "st", "t", "tr", "v", "z"}
	vowels := []string{"a", "e", "i", "o", "u", "ae", "io"}
	codas := []string{"", "", "n", "r", "l", "x", "m", "s"}
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	state := uint64(0x9e3779b97f4a7c15)
	next := func(k int) int {
		state ^= state << 13
		state ^= state >> 7
		state ^= state << 17
		return int(state % uint64(k))
	}
	for len(out) < n {
		var b strings.Builder
		syl := 2 + next(3)
		for i := 0; i < syl; i++ {
			b.WriteString(onsets[next(len(onsets))])
			b.WriteString(vowels[next(len(vowels))])
			if i == syl-1 {
				b.WriteString(codas[next(len(codas))])
			}
		}
		w := b.String()
		if len(w) < 5 || seen[w] || strings.HasPrefix(w, "immun") || strings.HasPrefix(w, "traffick") {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}
