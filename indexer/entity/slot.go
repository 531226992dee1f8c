package entity

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Most reporters the citation scan finds are not followed by a citation's
// page ("18 U.S.C. § 1591" holds the loose spelling "U.S" of the United
// States Reports), and running a template's pattern to learn so costs far
// more than looking at the bytes on either side of the reporter. A
// slotBytes holds, for a template whose reporter is the slot, the bytes a
// match can have just before and just after the slot, read from the
// pattern's syntax: a window where either byte is not one of them cannot
// hold a match through the slot.
type slotBytes struct {
	// before[c]: a match can have byte c just before the slot; with
	// beforeAny, the slot may also start a match or follow any byte
	before, after       [256]bool
	beforeAny, afterAny bool
	// spaced: the slot follows a run of white space (mustCompile's \s+)
	// that follows a part of the template whose last byte is one of
	// lead, none of them white space: "(?P<volume>\d+)\s+" + slot. The
	// whole run of white space before the slot in a window is then the
	// match's, and the byte before it must be one of lead ("N.D. Cal.
	// 2010" has a period there, where a volume's figure must be).
	spaced bool
	lead   [256]bool
}

// newSlotBytes returns the slotBytes of a compiled template, or nil when
// its slot is not an element of its top-level sequence (then nothing is
// ruled out).
func newSlotBytes(re *regexp.Regexp) *slotBytes {
	p, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil || p.Op != syntax.OpConcat {
		return nil
	}
	for k, e := range p.Sub {
		if e.Op == syntax.OpCapture && len(e.Sub) == 1 {
			e = e.Sub[0]
		}
		if e.Op != syntax.OpLiteral || len(e.Rune) != 1 || e.Rune[0] != rune(slot[0]) {
			continue
		}
		sb := &slotBytes{}
		sb.afterAny = !seqFirst(&sb.after, p.Sub[k+1:])
		sb.beforeAny = !seqLast(&sb.before, p.Sub[:k])
		if k >= 2 && isSpaceRun(p.Sub[k-1]) && seqLast(&sb.lead, p.Sub[:k-1]) {
			sb.spaced = true
			for c := range 256 {
				if sb.lead[c] && (isSpace(byte(c)) || c >= utf8.RuneSelf) {
					sb.spaced = false // the run could start inside what comes before it
				}
			}
		}
		return sb
	}
	return nil
}

// spaceClass is the character class of mustCompile's \s.
var spaceClass = sync.OnceValue(func() []rune {
	p, err := syntax.Parse(mustCompile(`\s`).String(), syntax.Perl)
	if err != nil || p.Op != syntax.OpCharClass {
		panic("entity: mustCompile's \\s is not a character class")
	}
	return p.Rune
})

// isSpaceRun reports whether e is mustCompile's \s+: one white space
// (ASCII, no-break, thin or narrow no-break) or more.
func isSpaceRun(e *syntax.Regexp) bool {
	return e.Op == syntax.OpPlus && e.Sub[0].Op == syntax.OpCharClass && slices.Equal(e.Sub[0].Rune, spaceClass())
}

// may reports whether a match of the template can hold the slot at w[at],
// the only slot byte of w.
func (sb *slotBytes) may(w string, at int) bool {
	if sb == nil {
		return true
	}
	if !sb.beforeAny && (at == 0 || !sb.before[w[at-1]]) {
		return false
	}
	if sb.spaced {
		j := at
		for n := spaceBefore(w, j); n > 0; n = spaceBefore(w, j) {
			j -= n
		}
		if j == 0 || !sb.lead[w[j-1]] {
			return false
		}
	}
	return sb.afterAny || at+1 < len(w) && sb.after[w[at+1]]
}

// seqFirst adds to set the bytes a match of the sequence subs can start
// with, and reports whether every match has one of them: false when the
// sequence can match empty, or when the bytes are not known; the caller
// must then rule nothing out by set.
func seqFirst(set *[256]bool, subs []*syntax.Regexp) bool {
	for _, e := range subs {
		switch byteSet(set, e, true) {
		case always:
			return true
		case unknown:
			return false
		}
	}
	return false
}

// seqLast is seqFirst for the bytes a match of subs can end with.
func seqLast(set *[256]bool, subs []*syntax.Regexp) bool {
	for i := len(subs) - 1; i >= 0; i-- {
		switch byteSet(set, subs[i], false) {
		case always:
			return true
		case unknown:
			return false
		}
	}
	return false
}

// What byteSet learnt of a pattern's first (or last) byte.
type setKind int

const (
	unknown  setKind = iota // the bytes are not known: any byte may be one
	always                  // every match has one of the bytes added
	mayEmpty                // a match has one of the bytes added, or is empty
)

// byteSet adds to set the bytes a match of e can start with (first) or
// end with (!first).
func byteSet(set *[256]bool, e *syntax.Regexp, first bool) setKind {
	switch e.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return mayEmpty
	case syntax.OpLiteral:
		if len(e.Rune) == 0 {
			return mayEmpty
		}
		r := e.Rune[len(e.Rune)-1]
		if first {
			r = e.Rune[0]
		}
		addRune(set, r, first)
		if e.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				addRune(set, f, first)
			}
		}
		return always
	case syntax.OpCharClass:
		if len(e.Rune) == 0 {
			return unknown
		}
		for i := 0; i+1 < len(e.Rune); i += 2 {
			lo, hi := e.Rune[i], e.Rune[i+1]
			for c := lo; c <= hi && c < utf8.RuneSelf; c++ {
				set[c] = true
			}
			if hi >= utf8.RuneSelf {
				addHigh(set)
			}
		}
		return always
	case syntax.OpCapture, syntax.OpPlus:
		return byteSet(set, e.Sub[0], first)
	case syntax.OpStar, syntax.OpQuest:
		if byteSet(set, e.Sub[0], first) == unknown {
			return unknown
		}
		return mayEmpty
	case syntax.OpRepeat:
		k := byteSet(set, e.Sub[0], first)
		if k == always && e.Min == 0 {
			return mayEmpty
		}
		return k
	case syntax.OpConcat:
		var sub [256]bool
		k := mayEmpty
		for j := range e.Sub {
			x := e.Sub[j]
			if !first {
				x = e.Sub[len(e.Sub)-1-j]
			}
			if k = byteSet(&sub, x, first); k != mayEmpty {
				break
			}
		}
		if k == unknown {
			return unknown
		}
		orInto(set, &sub)
		return k
	case syntax.OpAlternate:
		k := always
		for _, x := range e.Sub {
			switch byteSet(set, x, first) {
			case unknown:
				return unknown
			case mayEmpty:
				k = mayEmpty
			}
		}
		return k
	}
	return unknown
}

// orInto adds the bytes of from to set.
func orInto(set, from *[256]bool) {
	for c, ok := range from {
		if ok {
			set[c] = true
		}
	}
}

// addHigh adds every byte outside ASCII to set: the bytes of a rune
// outside ASCII, or an invalid byte, which reads as U+FFFD.
func addHigh(set *[256]bool) {
	for c := utf8.RuneSelf; c < 256; c++ {
		set[c] = true
	}
}

// addRune adds to set the first (or last) byte of r's UTF-8 encoding.
func addRune(set *[256]bool, r rune, first bool) {
	if r == utf8.RuneError || r >= utf8.RuneSelf {
		addHigh(set) // U+FFFD also matches an invalid byte
		return
	}
	set[r] = true
}
