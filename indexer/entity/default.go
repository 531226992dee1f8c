package entity

import "sync"

// Default returns every tagger of the package, in the order of the kinds:
// statutes, citations, courts, parties, judges, dockets, dates. Each
// builds its tables on its first Tag, once per process, so a command that
// never tags (extract, search, serve over an existing index) does not pay
// for them at start-up, and calling Default often is cheap.
func Default() Taggers {
	return Taggers{lazy(Statutes), lazy(Citations), lazy(Courts), lazy(Parties), lazy(Judges), lazy(Dockets), lazy(Dates)}
}

// lazyTagger builds its tagger on first use.
type lazyTagger struct{ get func() Tagger }

func lazy(build func() Tagger) Tagger { return lazyTagger{sync.OnceValue(build)} }

// Tag implements Tagger.
func (l lazyTagger) Tag(text string) []Mention { return l.get().Tag(text) }

func (l lazyTagger) tagLower(text, lower string) []Mention {
	if lt, ok := l.get().(lowerTagger); ok {
		return lt.tagLower(text, lower)
	}
	return l.get().Tag(text)
}
