package entity

import (
	_ "embed"
	"encoding/json"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// courtNamesJSON is every court of Free Law Project's courts-db
// (BSD-2-Clause, see LICENSE.courts-db): id, name, citation string and the
// patterns courts-db matches court names with, derived by
// internal/gentables. The taggers use the small federal table
// (courts.json) for running text; this one names the courts of captions
// and filters that the federal table does not know (state, bankruptcy,
// territorial and historical courts).
//
//go:embed courtnames.json
var courtNamesJSON []byte

type courtDBRow struct {
	ID      string   `json:"id"`
	Name    string   `json:"n"`
	Cite    string   `json:"c"`
	Regexes []string `json:"r"`
}

type courtDB struct {
	vars   map[string]string
	courts []courtDBRow
	byID   map[string]int
	byCite map[string]string // shortKey(citation string) -> id
}

var courtDBOnce = sync.OnceValue(func() *courtDB {
	var raw struct {
		Vars   map[string]string `json:"vars"`
		Courts []courtDBRow      `json:"courts"`
	}
	if err := json.Unmarshal(courtNamesJSON, &raw); err != nil {
		panic("entity: courtnames.json: " + err.Error()) // embedded and tested
	}
	db := &courtDB{vars: raw.Vars, byID: map[string]int{}, byCite: map[string]string{}}
	for _, c := range raw.Courts {
		if !genericCourts[c.ID] {
			db.courts = append(db.courts, c)
		}
	}
	for i, c := range db.courts {
		db.byID[c.ID] = i
		if k := shortKey(c.Cite); k != "" {
			if _, ok := db.byCite[k]; !ok {
				db.byCite[k] = c.ID
			}
		}
	}
	return db
})

// genericCourts are courts-db rows that stand for no one court ("United
// States District Court", which courts-db uses when it cannot tell which
// district): a document or filter is given a real court or none.
var genericCourts = map[string]bool{"usdistct": true}

var courtVar = regexp.MustCompile(`\$\{([A-Za-z0-9_-]+)\}`)

// courtMatcher is one court's name patterns compiled into one, with the
// words one of which any match must contain (nil: no such words known), so
// that most courts are ruled out by strings.Contains.
type courtMatcher struct {
	id    string
	name  string
	re    *regexp.Regexp
	needs [][]string // while building: each pattern's required words
	// the rarest required word of each pattern; nil: some pattern has none
	needWords []string
}

// courtMatchersOnce compiles courts-db's name patterns, on first use only:
// it takes a few hundred milliseconds, and only filters and captions that
// the federal patterns do not read need it.
var courtMatchersOnce = sync.OnceValue(func() []courtMatcher {
	db := courtDBOnce()
	out := make([]courtMatcher, 0, len(db.courts))
	for _, c := range db.courts {
		if genericCourts[c.ID] {
			continue
		}
		alts := []string{regexp.QuoteMeta(c.Name)}
		for _, p := range c.Regexes {
			alts = append(alts, courtVar.ReplaceAllStringFunc(p, func(m string) string {
				return db.vars[m[2:len(m)-1]]
			}))
		}
		re, err := regexp.Compile(`(?i)(?:` + strings.Join(alts, `)|(?:`) + `)`)
		if err != nil {
			continue // the generator checked each pattern; a join cannot fail
		}
		m := courtMatcher{id: c.ID, name: c.Name, re: re}
		for _, a := range alts {
			words := requiredWords(a)
			if len(words) == 0 {
				m.needs = nil
				break
			}
			m.needs = append(m.needs, words)
		}
		out = append(out, m)
	}
	// Keep, of each pattern's required words, the rarest across courts:
	// "court" rules out nothing.
	df := map[string]int{}
	for _, m := range out {
		for _, ws := range m.needs {
			for _, w := range ws {
				df[w]++
			}
		}
	}
	for i := range out {
		for _, ws := range out[i].needs {
			slices.SortStableFunc(ws, func(a, b string) int { return df[a] - df[b] })
			out[i].needWords = append(out[i].needWords, ws[0])
		}
		out[i].needs = nil
	}
	return out
})

// courtByName finds the court that a court name written out in words
// names, by courts-db's patterns: the court whose pattern covers the most
// of s wins, and on a tie the first in courts-db's order. It reports false
// when no pattern covers at least half of s.
func courtByName(s string) (string, bool) {
	s = squash(s)
	if s == "" {
		return "", false
	}
	if id, ok := courtByName1(s); ok {
		return id, true
	}
	// "Supreme Court of the State of New Mexico": courts-db writes
	// "Supreme Court of New Mexico"
	if t := stateOfRE.ReplaceAllString(s, " "); t != s {
		return courtByName1(squash(t))
	}
	return "", false
}

var stateOfRE = regexp.MustCompile(`(?i)\s(?:the\s+)?(?:state|commonwealth)\s+of\s`)

func courtByName1(s string) (string, bool) {
	lower := strings.ToLower(s)
	best, bestLen, bestSim := "", 0, -1.0
	for _, m := range courtMatchersOnce() {
		if m.needWords != nil && !slices.ContainsFunc(m.needWords, func(w string) bool { return strings.Contains(lower, w) }) {
			continue
		}
		loc := m.re.FindStringIndex(s)
		if loc == nil {
			continue
		}
		n := loc[1] - loc[0]
		if n < bestLen {
			continue
		}
		// On a tie, courts-db's patterns cannot tell the courts apart
		// ("Jefferson Circuit Court" is in Kentucky and in Ohio); the
		// court whose name shares most words with s is the best guess.
		sim := wordOverlap(lower, strings.ToLower(m.name))
		if n > bestLen || sim > bestSim {
			best, bestLen, bestSim = m.id, n, sim
		}
	}
	if best == "" || 2*bestLen < len(s) {
		return "", false
	}
	return best, true
}

// requiredWords returns lower-case words of at least four letters that
// every match of pattern (case-insensitive) contains: the words of the
// literal runs among the top-level pieces of the pattern.
func requiredWords(pattern string) []string {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	var words []string
	consider := func(r *syntax.Regexp) {
		if r.Op != syntax.OpLiteral {
			return
		}
		// a word cut by the run's edges may be longer in the text, which
		// strings.Contains allows
		for _, w := range strings.FieldsFunc(strings.ToLower(string(r.Rune)), func(c rune) bool { return !unicode.IsLetter(c) }) {
			if len(w) >= 4 && !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
	}
	switch re.Op {
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if sub.Op == syntax.OpCapture && len(sub.Sub) == 1 {
				sub = sub.Sub[0]
			}
			consider(sub)
		}
	default:
		consider(re)
	}
	return words
}

// wordOverlap is the share of the words of b (a court's name) that are in a.
func wordOverlap(a, b string) float64 {
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) })
	}
	wa, wb := split(a), split(b)
	if len(wb) == 0 {
		return 0
	}
	common := 0
	for _, w := range wb {
		if slices.Contains(wa, w) {
			common++
		}
	}
	return float64(common) / float64(len(wb))
}

// courtForName is courtByName for a string that should be nothing but a
// court's name (a filter value, a caption line): the court's pattern must
// cover two thirds of it.
func courtForName(s string) (string, bool) {
	s = squash(s)
	if c, ok := courtNames.get(s); ok {
		return c.id, c.ok
	}
	id, ok := courtForName1(s)
	if len(s) <= 200 {
		// a copy: s may be a slice of a whole document's text
		courtNames.put(strings.Clone(s), courtName{id, ok})
	}
	return id, ok
}

// courtNames remembers courtForName's answers: the same few court names
// head document after document, and each lookup tries every courts-db
// pattern whose words the name has.
var courtNames = nameCache{m: map[string]courtName{}}

type courtName struct {
	id string
	ok bool
}

// A nameCache is a map safe for concurrent use that forgets everything
// when it reaches nameCacheMax entries, so a corpus of odd names cannot
// grow it without bound.
type nameCache struct {
	mu sync.Mutex
	m  map[string]courtName
}

const nameCacheMax = 4096

func (c *nameCache) get(s string) (courtName, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[s]
	return v, ok
}

func (c *nameCache) put(s string, v courtName) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= nameCacheMax {
		clear(c.m)
	}
	c.m[s] = v
}

// courtForName1 is courtForName without the cache; s is squashed.
func courtForName1(s string) (string, bool) {
	id, ok := courtByName(s)
	if !ok {
		return "", false
	}
	// courts-db's bankruptcy patterns also match a bare "N.D. Cal.": a
	// name that does not say bankruptcy means the district court
	if d, ok := courtParseOnce().district[id]; ok && !strings.Contains(strings.ToLower(s), "bankr") {
		return d, true
	}
	for _, v := range []string{s, squash(stateOfRE.ReplaceAllString(s, " "))} {
		if cov := courtNameCoverage(v, id); cov != "" && 3*len(cov) >= 2*len(v) {
			return id, true
		}
	}
	return "", false
}

// courtNameCoverage returns the part of s that court id's patterns match,
// or "".
func courtNameCoverage(s, id string) string {
	s = squash(s)
	for _, m := range courtMatchersOnce() {
		if m.id == id {
			if loc := m.re.FindStringIndex(s); loc != nil {
				return s[loc[0]:loc[1]]
			}
		}
	}
	return ""
}
