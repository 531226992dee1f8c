// Package synth generates realistic synthetic legal documents for
// benchmarks: opinions and case summaries as text (some as PDF), PACER-style
// docket sheets and articles as HTML, reports as Markdown. The same seed
// always gives the same documents, the same bytes and the same queries, so
// two engines (or two commits) can be measured on identical input.
//
// Every document plants known entities (court, statutes, parties, judges,
// citations, year), written the way filings write them, and the generator
// counts the documents each word appears in, so the query mix it writes
// (Queries) asks for words of known frequency.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
)

// Options choose the size and the seed of a corpus.
type Options struct {
	Docs int
	Seed uint64
}

// Doc is one generated document: the file as written and what it plants.
type Doc struct {
	Path      string   `json:"path"` // relative, slash-separated
	Type      string   `json:"type"` // opinion, docket, case-summary, report, article
	Format    string   `json:"format"`
	Title     string   `json:"title"`
	Court     string   `json:"court,omitempty"`
	Statutes  []string `json:"statutes"`
	Parties   []string `json:"parties,omitempty"`
	Judges    []string `json:"judges,omitempty"`
	Citations []string `json:"citations,omitempty"`
	Year      int      `json:"year"`
	Date      string   `json:"date"`

	Text string `json:"-"` // the plain text an extractor should find
	Data []byte `json:"-"` // the file's bytes
}

// Generator makes the documents of one corpus, one at a time.
type Generator struct {
	opts  Options
	rng   *rand.Rand
	words []string // synthetic vocabulary, by Zipf rank
	zipf  *rand.Zipf
	n     int
	df    map[string]int // documents per lower-cased word
	court map[string]int // documents per court id
	stat  map[string]int // documents per statute
	seen  map[string]bool
}

// New returns a generator for opts.
func New(opts Options) *Generator {
	rng := rand.New(rand.NewPCG(opts.Seed, 0x1e75ea2c))
	g := &Generator{
		opts:  opts,
		rng:   rng,
		words: vocabulary(50000),
		df:    map[string]int{},
		court: map[string]int{},
		stat:  map[string]int{},
		seen:  map[string]bool{},
	}
	g.zipf = rand.NewZipf(rng, 1.05, 1, uint64(len(g.words)-1))
	return g
}

// Next returns the next document, or nil after the last.
func (g *Generator) Next() *Doc {
	if g.n >= g.opts.Docs {
		return nil
	}
	g.n++
	d := g.doc(g.n)
	g.count(d)
	return d
}

// doc draws one document: its type, planted entities and text.
func (g *Generator) doc(n int) *Doc {
	r := g.rng.Float64()
	var d *Doc
	switch {
	case r < 0.60:
		d = g.opinion(n)
	case r < 0.80:
		d = g.docket(n)
	case r < 0.90:
		d = g.summary(n)
	case r < 0.96:
		d = g.report(n)
	default:
		d = g.article(n)
	}
	return d
}

// count updates the frequencies Queries picks words by.
func (g *Generator) count(d *Doc) {
	clear(g.seen)
	for _, w := range strings.FieldsFunc(strings.ToLower(d.Text), notWordRune) {
		if !g.seen[w] {
			g.seen[w] = true
			g.df[w]++
		}
	}
	if d.Court != "" {
		g.court[d.Court]++
	}
	for _, s := range d.Statutes {
		g.stat[s]++
	}
}

func notWordRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
}

// pick returns one element of s, the first ones more often (Zipf-like).
func pick[T any](g *Generator, s []T) T {
	i := int(math.Floor(math.Pow(g.rng.Float64(), 2.2) * float64(len(s))))
	return s[min(i, len(s)-1)]
}

// uniform returns one element of s, each equally likely.
func uniform[T any](g *Generator, s []T) T { return s[g.rng.IntN(len(s))] }

func (g *Generator) person() string {
	name := uniform(g, firstNames)
	if g.rng.IntN(2) == 0 {
		name += " " + string(rune('A'+g.rng.IntN(26))) + "."
	}
	return name + " " + uniform(g, lastNames)
}

// plaintiff returns a plaintiff as a caption writes it.
func (g *Generator) plaintiff() string {
	switch g.rng.IntN(4) {
	case 0:
		return fmt.Sprintf("Jane Doe No. %d", 1+g.rng.IntN(20))
	case 1:
		return fmt.Sprintf("%c.%c.", 'A'+rune(g.rng.IntN(26)), 'A'+rune(g.rng.IntN(26)))
	default:
		return g.person()
	}
}

func (g *Generator) date() (string, int) {
	y := 2009 + g.rng.IntN(16)
	m := 1 + g.rng.IntN(12)
	day := 1 + g.rng.IntN(28)
	return fmt.Sprintf("%04d-%02d-%02d", y, m, day), y
}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// longDate writes 2022-05-16 as "May 16, 2022".
func longDate(iso string) string {
	var y, m, d int
	fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d)
	return fmt.Sprintf("%s %d, %d", monthNames[m-1], d, y)
}

func (g *Generator) statutes() []statute {
	k := 1 + g.rng.IntN(4)
	var out []statute
	for len(out) < k {
		s := pick(g, statutes)
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// citation writes a full case citation whose volume, year and court fit
// its reporter.
func (g *Generator) citation() (written, norm string) {
	rep := uniform(g, reporters)
	year := rep.from + g.rng.IntN(rep.to-rep.from+1)
	vol := rep.vol0 + int(float64(year-rep.from)*rep.perYear) + g.rng.IntN(max(1, int(rep.perYear)))
	page := 1 + g.rng.IntN(1400)
	name := fmt.Sprintf("%s v. %s", uniform(g, lastNames), uniform(g, companies))
	paren := fmt.Sprint(year)
	if rep.courtParen {
		for {
			c := uniform(g, courts)
			if c.appeals == rep.appellate {
				paren = c.cite + " " + paren
				break
			}
		}
	}
	norm = fmt.Sprintf("%d %s %d", vol, rep.abbr, page)
	return fmt.Sprintf("%s, %s, %d (%s)", name, norm, page+g.rng.IntN(20), paren), norm
}

func docketNumber(g *Generator, year int, appeals bool) string {
	if appeals {
		return fmt.Sprintf("%02d-%d", year%100, 10000+g.rng.IntN(9000))
	}
	kind := "cv"
	if g.rng.IntN(5) == 0 {
		kind = "cr"
	}
	return fmt.Sprintf("%d:%02d-%s-%05d", 1+g.rng.IntN(4), year%100, kind, g.rng.IntN(10000))
}

// Write paths: a few folders, so the corpus looks like a real collection.
func docPath(n int, kind, ext string) string {
	return path.Join(kind, fmt.Sprintf("b%03d", n/1000), fmt.Sprintf("%s-%06d.%s", kind, n, ext))
}
