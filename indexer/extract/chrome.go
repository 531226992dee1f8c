package extract

import (
	"regexp"
	"strings"
)

// A viewer describes the chrome one document viewer or scraping path leaves
// in text copied out of it. Text reaches us from web viewers (Docket Alarm,
// CourtListener's RECAP pages, ...) as often as from the court, and their
// spinners, paywall notices and sign-up pitches must never be indexed: they
// would match queries like "membership" or "document" in every file that
// went through the same site. A table keeps each site's quirks in one place,
// so a new site is a new row, not a new special case in the pipeline.
type viewer struct {
	name string
	// gutter is a prefix the viewer puts on every content line. It is
	// stripped only when most non-empty lines carry it, so a document that
	// merely quotes the character keeps it.
	gutter string
	// drop lists whole lines (trimmed) that are never content.
	drop []dropLine
	// trailers are lines (trimmed prefixes) after which everything is the
	// viewer's page furniture: the document ends there.
	trailers []string
}

// A dropLine is a pattern of a whole line that is chrome, and the bytes
// a line it matches can start with: every line of every document is
// tested against each pattern, and almost none starts with one of them.
type dropLine struct {
	re    *regexp.Regexp
	first string
}

// viewers is the table of known boilerplate. Patterns are anchored on whole
// lines so that prose quoting a phrase is never cut.
var viewers = []viewer{
	{
		// Docket Alarm renders opinions in a pre-formatted pane: a "`"
		// gutter on every line, loading spinners named "throbber", and,
		// when the preview ends, a paywall and a page of account dialogs.
		name:   "docketalarm",
		gutter: "`",
		drop: []dropLine{
			{regexp.MustCompile(`^(?i:throbber)$`), "tT"},
		},
		trailers: []string{
			"This document is available on Docket Alarm but you must sign up to view it.",
		},
	},
	{
		// PACER appends a billing receipt to every report it serves.
		name: "pacer",
		trailers: []string{
			"PACER Service Center",
		},
	},
	{
		// Court captions set the parties against a column of ")" (or "§"
		// in Texas courts) that text extraction leaves as lines of their
		// own. They carry no words and break up the caption.
		name: "caption",
		drop: []dropLine{
			// § is C2 A7 in UTF-8; \s is [\t\n\f\r ]
			{regexp.MustCompile(`^[)§:\s]*\)[)§:\s]*$`), ")\xc2:\t\n\f\r "},
		},
	},
}

// stripGutter removes a viewer's gutter prefix from lines when most
// non-empty lines carry it. It reports whether a gutter was found.
func stripGutter(lines []string) bool {
	for _, v := range viewers {
		if v.gutter == "" {
			continue
		}
		with, nonEmpty := 0, 0
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			nonEmpty++
			if strings.HasPrefix(l, v.gutter) {
				with++
			}
		}
		if nonEmpty == 0 || with*2 < nonEmpty {
			continue
		}
		for i, l := range lines {
			lines[i] = strings.TrimPrefix(l, v.gutter)
		}
		return true
	}
	return false
}

// cutTrailer returns lines up to (not including) the first viewer trailer.
func cutTrailer(lines []string) []string {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		for _, v := range viewers {
			for _, tr := range v.trailers {
				if strings.HasPrefix(t, tr) {
					return lines[:i]
				}
			}
		}
	}
	return lines
}

// isChrome reports whether a trimmed line is viewer boilerplate.
func isChrome(t string) bool {
	for _, v := range viewers {
		for _, d := range v.drop {
			if t != "" && strings.IndexByte(d.first, t[0]) >= 0 && d.re.MatchString(t) {
				return true
			}
		}
	}
	return false
}
