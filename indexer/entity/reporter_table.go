package entity

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"sync"
)

//go:generate go run ./internal/gentables -data testdata/data -out .

// reportersJSON is every reporter edition of Free Law Project's
// reporters-db (BSD-2-Clause, see LICENSE.reporters-db), with its variant
// spellings and citation patterns, derived by internal/gentables.
//
//go:embed reporters.json
var reportersJSON []byte

type reporterRow struct {
	Edition    string   `json:"e"`
	Name       string   `json:"n"`
	Type       string   `json:"t"`
	Variations []string `json:"v"`
	Templates  []int    `json:"p"`
	// years of publication, first and last (0: still published)
	From int `json:"f"`
	To   int `json:"u"`
	// states whose courts it reports (two-letter codes; "us": federal)
	Places []string `json:"j"`
}

type reporterTable struct {
	Templates []string      `json:"templates"`
	Editions  []reporterRow `json:"editions"`
}

// reporterTrie finds reporter abbreviations as written: its keys are the
// abbreviations without white space, and a lookup skips the white space
// of the text, so "F. Supp. 2d", "F.Supp.2d" and "F. Supp.\n2d" are one
// key. A typographic apostrophe reads as an ASCII one.
type reporterTrie struct {
	nodes []trieNode
	// loose: periods are skipped as white space is, in keys and text
	// alike ("So 3d", "FRD" and "L. Ed 2d" meet "So. 3d", "F.R.D." and
	// "L. Ed. 2d"); ordinal suffixes stay, so "2d" and "3d" differ.
	loose bool
	// first[c]: some key starts with byte c, the root's children as a
	// table, since the scans ask at every byte of a text
	first [256]bool
	// one[c]: a key is the single byte c; pair: bit c1<<8|c2 is set
	// when some key starts with bytes c1 and c2, two when some key is
	// just those bytes; triple: bit tripleBit(c1, c2, c3) is set when
	// some key starts with the three bytes (see mayMatch)
	one       [256]bool
	pair, two [256 * 256 / 64]uint64
	triple    [1 << 16 / 64]uint64
}

// tripleBit hashes three bytes to a bit of reporterTrie.triple.
func tripleBit(c1, c2, c3 byte) uint {
	return uint(uint32(c1)<<16|uint32(c2)<<8|uint32(c3)) * 0x9E3779B1 >> 16 & 0xffff
}

// setBit and hasBit set and read bit b of a bit table.
func setBit(t []uint64, b uint)      { t[b/64] |= 1 << (b % 64) }
func hasBit(t []uint64, b uint) bool { return t[b/64]&(1<<(b%64)) != 0 }

type trieNode struct {
	// children by byte: kids[c-lo] (0: none; the root is no one's child)
	lo   byte
	kids []int32
	eds  []int32 // editions whose abbreviation ends here, best first
}

// child returns the node after byte c, or 0.
func (n *trieNode) child(c byte) int32 {
	if c < n.lo || int(c-n.lo) >= len(n.kids) {
		return 0
	}
	return n.kids[c-n.lo]
}

// starts reports whether some key starts with byte c: a test that the
// scans make at every byte of a text.
func (t *reporterTrie) starts(c byte) bool {
	return t.first[c]
}

func newReporterTrie() *reporterTrie {
	return &reporterTrie{nodes: []trieNode{{}}}
}

// newLooseTrie returns a trie that ignores periods (see reporterTrie.loose).
func newLooseTrie() *reporterTrie {
	return &reporterTrie{nodes: []trieNode{{}}, loose: true}
}

// skips reports whether the trie passes over byte c of a key or a text.
func (t *reporterTrie) skips(c byte) bool {
	return isSpace(c) || t.loose && c == '.'
}

func (t *reporterTrie) add(key string, ed int32) {
	key = strings.ReplaceAll(key, "’", "'")
	n := int32(0)
	depth := 0
	var lead [2]byte // the key's first two bytes
	for i := 0; i < len(key); i++ {
		c := key[i]
		if t.skips(c) {
			continue
		}
		switch depth {
		case 0, 1:
			lead[depth] = c
			if depth == 1 {
				setBit(t.pair[:], uint(lead[0])<<8|uint(c))
			}
		case 2:
			setBit(t.triple[:], tripleBit(lead[0], lead[1], c))
		}
		depth++
		nx := t.nodes[n].child(c)
		if nx == 0 {
			nx = int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{})
			t.nodes[n].setChild(c, nx)
			if n == 0 {
				t.first[c] = true
			}
		}
		n = nx
	}
	switch depth {
	case 1:
		t.one[lead[0]] = true
	case 2:
		setBit(t.two[:], uint(lead[0])<<8|uint(lead[1]))
	}
	for _, e := range t.nodes[n].eds {
		if e == ed {
			return
		}
	}
	t.nodes[n].eds = append(t.nodes[n].eds, ed)
}

// mayMatch reports whether a key can start at i: false only where the
// walk of matchAppend would find none. Most word starts of prose begin
// with a byte some key starts with but not with the first two or three
// bytes of one, and bit-table look-ups answer for them without walking
// the trie's nodes (a hash of three bytes may name a prefix no key has;
// then the walk decides). Where a byte the walk treats specially (white
// space, a period of a loose trie, a no-break space or a typographic
// apostrophe) is one of the three, the walk decides too.
func (t *reporterTrie) mayMatch(text string, i int) bool {
	c1 := text[i]
	if t.plain(c1) && !t.first[c1] {
		return false
	}
	if i+1 >= len(text) || !t.plain(c1) || t.one[c1] {
		return true
	}
	c2 := text[i+1]
	if !t.plain(c2) {
		return true
	}
	p := uint(c1)<<8 | uint(c2)
	if !hasBit(t.pair[:], p) {
		return false
	}
	if i+2 >= len(text) || hasBit(t.two[:], p) {
		return true
	}
	c3 := text[i+2]
	return !t.plain(c3) || hasBit(t.triple[:], tripleBit(c1, c2, c3))
}

// plain reports whether the walk reads byte c as itself: not white space,
// not a loose trie's period, and not the first byte of a no-break space
// or a typographic apostrophe.
func (t *reporterTrie) plain(c byte) bool {
	return !t.skips(c) && c != 0xC2 && c != 0xE2
}

// setChild makes nx the child of n after byte c, widening n's range.
func (n *trieNode) setChild(c byte, nx int32) {
	switch {
	case len(n.kids) == 0:
		n.lo, n.kids = c, []int32{nx}
		return
	case c < n.lo:
		grown := make([]int32, int(n.lo-c)+len(n.kids))
		copy(grown[n.lo-c:], n.kids)
		n.lo, n.kids = c, grown
	case int(c-n.lo) >= len(n.kids):
		n.kids = append(n.kids, make([]int32, int(c-n.lo)+1-len(n.kids))...)
	}
	n.kids[c-n.lo] = nx
}

// trieHit is an abbreviation found at a position: it ends at end (the
// byte after its last non-space character).
type trieHit struct {
	end int
	eds []int32
}

// match returns the abbreviations that start at i, longest first.
func (t *reporterTrie) match(text string, i int) []trieHit {
	if !t.mayMatch(text, i) {
		return nil
	}
	return t.walk(nil, text, i)
}

// matchAppend is match appending to hits, so that a caller may pass a
// buffer of its own; hits must be empty.
func (t *reporterTrie) matchAppend(hits []trieHit, text string, i int) []trieHit {
	if !t.mayMatch(text, i) {
		return hits
	}
	return t.walk(hits, text, i)
}

// walk is matchAppend without the look-up of mayMatch.
func (t *reporterTrie) walk(hits []trieHit, text string, i int) []trieHit {
	n := int32(0)
	for j := i; j < len(text); {
		c := text[j]
		w := 1
		if t.skips(c) {
			if j == i {
				break
			}
			j++
			continue
		}
		if n := wideSpace(text[j:]); n > 0 {
			if j == i {
				break
			}
			j += n
			continue
		}
		if c == 0xE2 && strings.HasPrefix(text[j:], "’") {
			c, w = '\'', len("’")
		}
		nx := t.nodes[n].child(c)
		if nx == 0 {
			break
		}
		n = nx
		j += w
		if len(t.nodes[n].eds) > 0 {
			hits = append(hits, trieHit{end: j, eds: t.nodes[n].eds})
		}
	}
	slices.Reverse(hits)
	return hits
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// wideSpace returns the length of the no-break or thin space that s
// starts with (PDFs and web pages put them inside citations), or 0.
func wideSpace(s string) int {
	if len(s) < 2 || s[0] != 0xC2 && s[0] != 0xE2 {
		return 0
	}
	for _, sp := range []string{"\u00a0", "\u2009", "\u202f"} {
		if strings.HasPrefix(s, sp) {
			return len(sp)
		}
	}
	return 0
}

// reporterRules is the reporters table ready for matching.
type reporterRules struct {
	table reporterTable
	trie  *reporterTrie
	// loose finds spellings with periods left out or misplaced ("So 3d",
	// "FRD"); only keys that every spelling they collapse agree on are in it.
	loose     *reporterTrie
	templates []*regexp.Regexp // $edition replaced by the slot byte
	// slotted: the template has the slot, so each of its matches holds
	// one (all but a template that spells its reporter out)
	slotted []bool
	// slots: the bytes that can stand on either side of the slot in a
	// match of each template (nil: not known)
	slots []*slotBytes
	// groups of each template
	volume, page, year []int
	// edition key -> index, for short forms and tests
	byEdition map[string]int32
	// standard: the template is standardTemplate, read by hand
	standard []bool
	// where findFull looks the trie up
	starts *wordStarts
}

// A wordStarts finds where a trie's keys may start in a text: at a byte
// of at, not just after a byte of after (a key starts a word). The bytes
// of after are ASCII letters, perhaps figures, and a few others, so that
// eight bytes at a time can be told to be all of after (see afterMask).
type wordStarts struct {
	at, after [256]bool
	digits    bool   // figures are of after
	others    []byte // the other bytes of after
}

// newWordStarts returns a wordStarts for the bytes of at and the bytes
// after which no key starts: ASCII letters, figures when digits, and
// others. White space must not be one of them, as the start of a text
// is not.
func newWordStarts(at *[256]bool, digits bool, others ...byte) *wordStarts {
	w := &wordStarts{at: *at, digits: digits, others: others}
	for c := range 256 {
		b := byte(c)
		w.after[c] = isLetter(b) || digits && isDigit(b) || slices.Contains(others, b)
	}
	if w.after[' '] {
		panic("entity: a key must be able to start after white space")
	}
	return w
}

// afterMask returns 0x80 in each byte of x that is not of w.after and 0
// in every other.
func (w *wordStarts) afterMask(x uint64) uint64 {
	const (
		ones = 0x0101010101010101
		high = 0x80 * ones
	)
	// letters: x with 0x20 set is in a-z; figures: x in 0-9 (see
	// upperBytes); a byte with its top bit set is neither
	y := x | 0x20*ones
	low := y &^ high
	in := (low + (0x80-'a')*ones) &^ (low + (0x80-'z'-1)*ones) &^ x
	if w.digits {
		low := x &^ high
		in |= (low + (0x80-'0')*ones) &^ (low + (0x80-'9'-1)*ones) &^ x
	}
	for _, b := range w.others {
		t := x ^ uint64(b)*ones // 0 in the bytes equal to b
		in |= ^(((t &^ high) + (high - ones)) | t)
	}
	return ^in & high
}

// next returns the first offset from i on where a key may start, or
// len(text). Most bytes of prose follow a letter: eight bytes that are
// all of after rule out the eight offsets after them at once.
func (w *wordStarts) next(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	if i == 0 {
		if w.at[text[0]] {
			return 0
		}
		i = 1
	}
	for i+7 <= len(text) {
		// the bytes before offsets i to i+7
		for m := w.afterMask(load64(text, i-1)); m != 0; m &= m - 1 {
			if j := i + bits.TrailingZeros64(m)/8; j < len(text) && w.at[text[j]] {
				return j
			}
		}
		i += 8
	}
	for ; i < len(text); i++ {
		if !w.after[text[i-1]] && w.at[text[i]] {
			return i
		}
	}
	return len(text)
}

// slot stands for the reporter in a window of text, so that one compiled
// template serves every reporter that uses it.
const slot = "\x01"

// typeRank orders editions that share a spelling: federal reporters are
// the likeliest in our documents.
func typeRank(t string) int {
	switch t {
	case "federal":
		return 0
	case "specialty_west", "specialty_lexis":
		return 1
	case "state_regional":
		return 2
	case "state", "neutral":
		return 3
	}
	return 4
}

var reporterRulesOnce = sync.OnceValue(func() *reporterRules {
	r := &reporterRules{trie: newReporterTrie(), byEdition: map[string]int32{}}
	if err := json.Unmarshal(reportersJSON, &r.table); err != nil {
		panic("entity: reporters.json: " + err.Error()) // embedded and tested
	}
	standard := mustCompile(standardTemplate).String()
	for _, t := range r.table.Templates {
		re := mustCompile(templatePattern(t))
		r.templates = append(r.templates, re)
		r.slotted = append(r.slotted, strings.Contains(t, "$edition"))
		r.slots = append(r.slots, newSlotBytes(re))
		r.volume = append(r.volume, re.SubexpIndex("volume"))
		r.page = append(r.page, re.SubexpIndex("page"))
		r.year = append(r.year, re.SubexpIndex("year"))
		r.standard = append(r.standard, re.String() == standard)
	}
	// Add editions in rank order, so that a spelling shared by several
	// editions resolves to the likeliest; exact edition names first.
	order := make([]int32, len(r.table.Editions))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int {
		return cmp.Compare(typeRank(r.table.Editions[a].Type), typeRank(r.table.Editions[b].Type))
	})
	for _, i := range order {
		e := r.table.Editions[i]
		if _, ok := r.byEdition[e.Edition]; !ok {
			r.byEdition[e.Edition] = i
		}
		r.trie.add(e.Edition, i)
	}
	for _, i := range order {
		e := r.table.Editions[i]
		for _, v := range e.Variations {
			r.trie.add(v, i)
		}
		// a stray period after a series: "F. Supp. 2d."
		for _, k := range append([]string{e.Edition}, e.Variations...) {
			if strings.HasSuffix(k, "2d") || strings.HasSuffix(k, "3d") || strings.HasSuffix(k, "th") {
				r.trie.add(k+".", i)
			}
		}
	}
	r.loose = looseTrie(r)
	// a reporter starts a word, or follows the volume in the forms that
	// run them together ("2021COA112", "2010-NMSC-007"); a typographic
	// apostrophe's first byte too ("’")
	at := r.trie.first
	at[0xE2] = true
	r.starts = newWordStarts(&at, false, '_', '.', '\'', '/')
	return r
})

// looseTrie builds the trie of reporter spellings with their periods
// left out. A loose key is kept only when every spelling that collapses
// to it stands for the same editions: "FRD" is only F.R.D., but a key
// two reporters' spellings collapse to is nobody's.
func looseTrie(r *reporterRules) *reporterTrie {
	type entry struct {
		names string // the edition names of the first spelling, sorted
		eds   []int32
		clash bool
	}
	keys := map[string]*entry{}
	var order []string
	for _, e := range r.table.Editions {
		for _, k := range append([]string{e.Edition}, e.Variations...) {
			hits := r.trie.match(k, 0)
			if len(hits) == 0 || hits[0].end != len(strings.TrimRight(k, " ")) {
				continue
			}
			eds := hits[0].eds
			names := make([]string, 0, len(eds))
			for _, ed := range eds {
				names = append(names, r.table.Editions[ed].Edition)
			}
			slices.Sort(names)
			names = slices.Compact(names)
			lk := looseKey(k)
			if lk == "" {
				continue
			}
			en, ok := keys[lk]
			if !ok {
				keys[lk] = &entry{names: strings.Join(names, "\x00"), eds: eds}
				order = append(order, lk)
				continue
			}
			if en.names != strings.Join(names, "\x00") {
				en.clash = true
			}
		}
	}
	t := newLooseTrie()
	for _, lk := range order {
		if en := keys[lk]; !en.clash {
			for _, ed := range en.eds {
				t.add(lk, ed)
			}
		}
	}
	return t
}

// looseKey is a spelling without its white space and periods.
func looseKey(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == ' ' || r == '\t' || r == '\n' {
			return -1
		}
		if r == '’' {
			return '\''
		}
		return r
	}, s)
}

// looseShape reports whether a reporter written without its periods
// still looks like an abbreviation rather than words of prose: it keeps
// some period ("L. Ed 2d"), names a series ("So 3d", "Cal App 4th"), is
// two or more words each starting with a capital ("Fed Cl", "F App'x"),
// or is three or more capitals with no small letter ("FRD"; two, as "NJ",
// are as often a state in an address). "So", "Me" or "Ill" alone, words
// of a sentence, are not reporters then.
func looseShape(s string) bool {
	if strings.IndexByte(s, '.') >= 0 {
		return true
	}
	words, capWords := 0, 0
	upper, lower := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isSpace(c) && (i == 0 || isSpace(s[i-1])) {
			words++
			if 'A' <= c && c <= 'Z' {
				capWords++
			}
		}
		switch {
		case isDigit(c) && ordinalAt(s, i+1):
			return true
		case 'A' <= c && c <= 'Z':
			upper++
		case 'a' <= c && c <= 'z':
			lower++
		}
	}
	return words >= 2 && capWords == words || upper >= 3 && lower == 0
}

// templatePattern turns a reporters-db template into a Go pattern for a
// window of text: the reporter is the slot byte, a space is any run of
// white space, an optional space any white space or none.
func templatePattern(t string) string {
	t = strings.ReplaceAll(t, "(?P<reporter>$edition)", "(?P<reporter>"+`\x01`+")")
	t = strings.ReplaceAll(t, "$edition", `\x01`)
	var b strings.Builder
	inClass := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\\' && i+1 < len(t):
			b.WriteByte(c)
			b.WriteByte(t[i+1])
			i++
		case c == '[':
			inClass = true
			b.WriteByte(c)
		case c == ']':
			inClass = false
			b.WriteByte(c)
		case c == ' ' && !inClass:
			if i+1 < len(t) && t[i+1] == '?' {
				b.WriteString(`\s*`)
				i++
			} else {
				b.WriteString(`\s+`)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// special reports whether one of the editions of a hit has citation forms
// of its own (roman page numbers, paragraphs, ...).
func (r *reporterRules) special(h trieHit) bool {
	for _, e := range h.eds {
		if len(r.table.Editions[e].Templates) > 0 {
			return true
		}
	}
	return false
}

// ordinalAt reports whether s has an ordinal suffix ("d", "th", "st",
// "nd", "rd") at i, ending its word.
func ordinalAt(s string, i int) bool {
	for _, suf := range []string{"d", "th", "st", "nd", "rd"} {
		if strings.HasPrefix(s[i:], suf) && (i+len(suf) == len(s) || !isWordByte(s[i+len(suf)])) {
			return true
		}
	}
	return false
}
