package extract

import (
	"strings"
	"testing"
)

// assembleJoined is layout.assemble as first written: the lines gathered
// into a slice per paragraph, each paragraph joined, the paragraphs
// joined. It is the oracle of TestAssemble and FuzzAssemble.
func assembleJoined(l *layout, lines []string) string {
	var paras [][]string
	var cur []string
	blanks := 0
	for _, line := range lines {
		if line == "" {
			blanks++
			continue
		}
		if len(cur) > 0 && l.breaksBefore(cur[len(cur)-1], blanks) {
			paras = append(paras, cur)
			cur = nil
		}
		blanks = 0
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	joined := make([]string, len(paras))
	for i, p := range paras {
		var out []string
		for _, line := range p {
			if n := len(out); n > 0 {
				prev := out[n-1]
				if _, ok := hyphenStem(prev); ok && startsLower(line) {
					if !l.keepHyphen(prev, line) {
						prev = prev[:len(prev)-1]
					}
					out[n-1] = prev + line
					continue
				}
			}
			out = append(out, line)
		}
		joined[i] = strings.Join(out, "\n")
	}
	return strings.Join(joined, "\n\n")
}

// checkAssemble lays out text's lines as one page, with each kind of
// paragraph rule, and wants assemble to write what assembleJoined does.
func checkAssemble(t *testing.T, text string) {
	t.Helper()
	lines := strings.Split(text, "\n")
	for _, opts := range []cleanOptions{{}, {blankIsParagraph: true}} {
		l := newLayout([]rawPage{{number: 1, lines: lines}}, opts)
		for _, double := range []bool{l.doubleSpaced, !l.doubleSpaced} {
			l.doubleSpaced = double
			if got, want := l.assemble(lines), assembleJoined(l, lines); got != want {
				t.Fatalf("%q (%+v, double-spaced %v):\nassemble %q\nwant     %q", text, opts, double, got, want)
			}
		}
	}
}

func TestAssemble(t *testing.T) {
	for _, text := range []string{
		"",
		"\n\n",
		"one line",
		"A first line that runs on and on to fill the width of the page\nand its next line.\n\nA new paragraph.",
		"A line split by a hyphen at its end, as in the com-\nplaint, and a self-\nmade word, and well-\nKnown Capital.\nShort.\nNext line after a short one",
		"double\n\nspaced\n\nlines of a filing copied from a viewer\n\n\nwith a paragraph\n\nend-\n\nings",
		"trailing hyphen-\n",
		"-\n-\nx-\ny-\nz",
		"§ 1591 sex traf-\nficking. “Quoted”\n\n\n\nNext.",
	} {
		checkAssemble(t, text)
	}
}

func FuzzAssemble(f *testing.F) {
	f.Add("A line split by a hyphen at its end, as in the com-\nplaint.\n\nShort.\nNext")
	f.Add("double\n\nspaced\n\nlines\n\n\nparagraph end-\n\nings")
	f.Fuzz(checkAssemble)
}
