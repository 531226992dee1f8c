package entity

import "sync"

// Default returns the taggers of every kind, run in the order of the
// kinds: statutes, citations, courts, parties, judges, dockets, dates.
// They read the text in one pass for the needles of all of them (see
// guide) rather than one pass each. The tables are built on the first
// Tag, once per process, so a command that never tags (extract, search,
// serve over an existing index) does not pay for them at start-up, and
// calling Default often is cheap.
func Default() Taggers {
	return Taggers{everyTagger{}}
}

// A scanTagger finds its entities with guides: it can be given a scan of
// the text for a superset of its needles, shared with other taggers.
type scanTagger interface {
	Tagger
	// needles gives the needles of the tagger's guides.
	needles() *guides
	// tagScan is Tag over a scan for (at least) the tagger's needles.
	tagScan(sc *scan) []Mention
}

// everyTagger runs every tagger of the package over one scan.
type everyTagger struct{}

type taggerSet struct {
	taggers []scanTagger
	guides  *guides // the needles of all of them
}

var everyTaggerOnce = sync.OnceValue(func() *taggerSet {
	set := &taggerSet{taggers: []scanTagger{
		Statutes().(scanTagger), Citations().(scanTagger), Courts().(scanTagger), Parties().(scanTagger),
		Judges().(scanTagger), Dockets().(scanTagger), Dates().(scanTagger),
	}}
	var needles [][]string
	for _, t := range set.taggers {
		needles = append(needles, t.needles().set.needles)
	}
	set.guides = newGuides(needles...)
	return set
})

// Tag implements Tagger.
func (everyTagger) Tag(text string) []Mention {
	set := everyTaggerOnce()
	sc := set.guides.scan(text, lowerASCII(text))
	var buf [8][]Mention
	parts := buf[:0]
	n := 0
	for _, t := range set.taggers {
		parts = append(parts, t.tagScan(sc))
		n += len(parts[len(parts)-1])
	}
	if n == 0 {
		return nil
	}
	all := make([]Mention, 0, n) // each tagger's mentions copied once
	for _, p := range parts {
		all = append(all, p...)
	}
	return all
}
