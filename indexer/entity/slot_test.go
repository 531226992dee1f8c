package entity

import (
	"strings"
	"testing"
)

// checkSlotBytes fails t where a template's slotBytes rule out the window
// before+slot+after but the template matches it.
func checkSlotBytes(t *testing.T, before, after string) (ruledOut int) {
	rep := reporterRulesOnce()
	if strings.Contains(before, slot) || strings.Contains(after, slot) {
		return 0 // the window holds one slot, the reporter's
	}
	w := before + slot + after
	for ti, sb := range rep.slots {
		if sb.may(w, len(before)) {
			continue
		}
		ruledOut++
		if m := rep.templates[ti].FindStringIndex(w); m != nil {
			t.Errorf("template %d (%s) ruled out in %q, but matches %q", ti, rep.table.Templates[ti], w, w[m[0]:m[1]])
		}
	}
	return ruledOut
}

// The bytes beside the slot rule out a template only where it cannot
// match: each example either matches or is ruled out as expected.
func TestSlotBytes(t *testing.T) {
	rep := reporterRulesOnce()
	for _, c := range []struct {
		before, after string
		ti            int  // a template
		may           bool // whether its slotBytes let it be tried
	}{
		{"519 ", " 666", 0, true},
		{"519 ", ", 666", 0, true},
		{"18 ", ".C. § 1591", 0, false},     // "18 U.S.C.": the loose spelling "U.S" of the U.S. Reports
		{"18 ", "C. § 1591", 0, false},      // "18 U.S.C.": the spelling "U.S."
		{"see", " 666", 0, false},           // no space before the reporter
		{"", " 666", 0, false},              // no volume before it
		{"519 ", "", 0, false},              // nothing after it
		{"519\u00a0", "\u00a0666", 0, true}, // no-break spaces are \s
		{"", " 1942A, 5", 3, true},          // a template with no volume before
		{"2010-", "-007", 55, true},
		{"2010 ", " 007", 55, false},
		{"N.D. ", " 2010). The", 7, false},  // "(N.D. Cal. 2010)": a period where the volume's figure would be
		{"(519 \u00a0\t", " 666a", 7, true}, // the whole run of white space skipped to the volume
		{"\u00a0", " 666a", 7, false},       // white space, and nothing before it
		{"5 ", " 321", 70, true},
		{"", "(Ill.) 321", 70, false},
	} {
		w := c.before + slot + c.after
		if got := rep.slots[c.ti].may(w, len(c.before)); got != c.may {
			t.Errorf("template %d (%s) at the slot of %q: may = %v, want %v", c.ti, rep.table.Templates[c.ti], w, got, c.may)
		}
		checkSlotBytes(t, c.before, c.after)
	}
	// every template that spells its reporter with the slot has its bytes
	for ti, sb := range rep.slots {
		if sb == nil && rep.slotted[ti] {
			t.Errorf("template %d (%s) has a slot, but no slotBytes", ti, rep.table.Templates[ti])
		}
	}
}

// FuzzSlotBytes: with the template's own pattern as the oracle, no
// window the bytes beside its slot rule out holds a match.
func FuzzSlotBytes(f *testing.F) {
	for _, s := range [][2]string{{"519 ", " 666"}, {"18 ", ".C. § 1591"}, {"2010-", "-NMSC-007"}, {"5 ", " (Meigs) 456"},
		{"19 ", "\u00a0(1842) 321"}, {"", " ¶ 33123"}, {"7 ", " LII"}, {"\xc3", "\xa9"}, {"1 ", ", p. 5"}, {"(N.D. ", " 2010)"}, {"12\u2009 \u00a0", " 5a"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, before, after string) {
		checkSlotBytes(t, before, after)
	})
}
