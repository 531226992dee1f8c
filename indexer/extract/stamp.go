package extract

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A stamp is what CM/ECF prints across the top of every page of a filed
// document, e.g.
//
//	Case: 1:20-cv-02335 Document #: 105 Filed: 05/16/22 Page 7 of 35 PageID #:1224
//	Case: 19-1234 Document: 00513 Page: 7 Date Filed: 05/16/2022
//
// It is not part of the text a reader quotes, but it is the most reliable
// statement of the docket number, the document number, the filing date and
// the page a reader cites, so it is lifted into Meta and Page.Number.
type stamp struct {
	docket   string
	document string
	filed    string // YYYY-MM-DD
	page     int    // 0 when the stamp has no page
}

// stampHead matches the start of a stamp: an optional court prefix
// ("USCA11", "Appellate"), "Case" and the docket number.
var stampHead = regexp.MustCompile(`^(?:(?:USCA\d*|Appellate|Appeal)\s+)?Case:?\s*#?:?\s*(\d{1,2}:\d{2}-[a-zA-Z]{1,4}-\d{2,6}(?:-[A-Za-z0-9]+)*|\d{2,4}-\d{1,6}(?:-[A-Za-z0-9]+)*)\s*`)

// stampField matches one field of a stamp. The fields come in different
// orders and spacings from court to court, separated by spaces or commas
// (the Second and Ninth Circuits print "Case: 20-16276, 08/05/2020, ID:
// 11778722, DktEntry: 19, Page 10 of 15"), so the stamp is read field by
// field and must consist of nothing else. A date may stand bare, and so
// may a long number (an entry id).
var stampField = regexp.MustCompile(`^,?\s*(?i:(dktentry|document|doc\.?|dkt\.?)\s*(?:#|no\.)?\s*:?\s*(\d+(?:-\d+)?)|pages?(?:\s*:)?\s*(\d+)(?:\s+of\s+\d+)?|pageid\s*#?\s*:?\s*\d+|(?:(?:date\s+)?filed\s*:?\s*)?(\d{1,2}/\d{1,2}/\d{2,4})|(?:entry\s+)?id\s*:?\s*\d+|doclink\s*:?\s*\d+|\d{6,})\s*`)

// stampStart reports whether line begins as stampHead requires: with
// "Case" or with one of its court prefixes. A line that does not cannot
// start a stamp, and is told so without running the pattern.
func stampStart(line string) bool {
	return strings.HasPrefix(line, "Case") || strings.HasPrefix(line, "USCA") ||
		strings.HasPrefix(line, "Appellate") || strings.HasPrefix(line, "Appeal")
}

// parseStamp reads a trimmed line as a page stamp. It needs the docket
// number and at least a document number or a filing date, so that a
// sentence beginning "Case: ..." is not mistaken for one.
func parseStamp(line string) (stamp, bool) {
	m := stampHead.FindStringSubmatch(line)
	if m == nil {
		return stamp{}, false
	}
	s := stamp{docket: m[1]}
	rest := line[len(m[0]):]
	fields, dated := 0, false
	for rest != "" {
		f := stampField.FindStringSubmatch(rest)
		if f == nil {
			return stamp{}, false
		}
		fields++
		switch {
		case f[2] != "":
			s.document = f[2]
		case f[3] != "":
			s.page, _ = strconv.Atoi(f[3])
		case f[4] != "":
			dated = true
			// An impossible date ("02/31/22", a typing slip) is
			// dropped; the stamp still gives the docket and page.
			if d, ok := usDate(f[4]); ok {
				s.filed = d
			}
		}
		rest = rest[len(f[0]):]
	}
	if fields == 0 || (s.document == "" && !dated) {
		return stamp{}, false
	}
	return s, true
}

// maxStampLines is how many lines a stamp may be broken over. Text
// extractors that read a page as blocks (pdftotext among them) put each
// field of a stamp on a line of its own, with blank lines between.
const maxStampLines = 6

// stampAt reads a stamp starting at lines[i], whole on that line or
// broken over the next few lines, and returns it with the indexes of the
// lines it takes. A broken stamp takes the lines that are nothing but
// stamp fields; up to two other lines between them (a heading the
// extractor read in between) are left where they are.
func stampAt(lines []string, i int) (stamp, []int, bool) {
	first := strings.TrimSpace(lines[i])
	if !stampStart(first) {
		return stamp{}, nil, false // most lines: no regexp run at all
	}
	if s, ok := parseStamp(first); ok {
		return s, []int{i}, true
	}
	if !stampHead.MatchString(first) {
		return stamp{}, nil, false
	}
	var best stamp
	var bestUsed []int
	joined, used, other := first, []int{i}, 0
	for j := i + 1; j < len(lines) && len(used) < maxStampLines; j++ {
		t := strings.TrimSpace(lines[j])
		if t == "" {
			continue
		}
		if !onlyStampFields(t) {
			if other++; other > 2 {
				break
			}
			continue
		}
		joined += " " + t
		used = append(used, j)
		if s, ok := parseStamp(joined); ok {
			best, bestUsed = s, slices.Clone(used)
		}
	}
	return best, bestUsed, bestUsed != nil
}

// onlyStampFields reports whether a line is made of stamp fields alone.
func onlyStampFields(t string) bool {
	for t != "" {
		f := stampField.FindString(t)
		if f == "" {
			return false
		}
		t = t[len(f):]
	}
	return true
}

// usDate turns M/D/YY or M/D/YYYY into YYYY-MM-DD. Two-digit years are
// read as 19YY from 70 on: CM/ECF stamps start in the late 1990s. A date
// that is not on the calendar (February 31) is not a date.
func usDate(s string) (string, bool) {
	if out, ok, sure := usDateDigits(s); sure {
		return out, ok
	}
	return usDateSplit(s)
}

// usDateSplit is usDate of any shape: the fields split out and parsed,
// the date formatted and checked against the calendar by time.
func usDateSplit(s string) (string, bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return "", false
	}
	m, err1 := strconv.Atoi(parts[0])
	d, err2 := strconv.Atoi(parts[1])
	y, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	switch len(parts[2]) {
	case 2:
		if y >= 70 {
			y += 1900
		} else {
			y += 2000
		}
	case 4:
	default:
		return "", false
	}
	out := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	if _, err := time.Parse(time.DateOnly, out); err != nil {
		return "", false
	}
	return out, true
}

// usDateDigits is usDate for the shape nearly every date has, M/D/Y of
// one or two digits, one or two, and two or four: read without
// splitting, formatting or parsing. sure is false for any other shape
// (a sign, a third digit), which usDate reads the long way.
func usDateDigits(s string) (out string, ok, sure bool) {
	var n [3]int
	var width [3]int
	f := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			n[f] = n[f]*10 + int(c-'0')
			width[f]++
		case c == '/' && f < 2:
			f++
		default:
			return "", false, false
		}
	}
	if f != 2 || width[0] < 1 || width[0] > 2 || width[1] < 1 || width[1] > 2 || width[2] != 2 && width[2] != 4 {
		return "", false, false
	}
	m, d, y := n[0], n[1], n[2]
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false, true
	}
	if width[2] == 2 {
		if y >= 70 {
			y += 1900
		} else {
			y += 2000
		}
	}
	if d > daysIn(m, y) {
		return "", false, true // not on the calendar
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + d/10), byte('0' + d%10)}
	return string(b[:]), true, true
}

// daysIn returns the number of days of month m (1 to 12) in year y of the
// Gregorian calendar, as time reckons it.
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// liftStamp copies what a stamp says into meta, keeping the first value
// seen: later stamps in a bundle of exhibits may belong to other filings.
func liftStamp(meta *Meta, s stamp) {
	if meta.DocketNumber == "" {
		meta.DocketNumber = s.docket
	}
	if meta.DocumentNumber == "" {
		meta.DocumentNumber = s.document
	}
	if meta.DateFiled == "" {
		meta.DateFiled = s.filed
	}
}
