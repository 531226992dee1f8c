package entity

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// score counts true positives, false positives and false negatives.
type score struct{ tp, fp, fn int }

func (s *score) add(o score) { s.tp += o.tp; s.fp += o.fp; s.fn += o.fn }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func (s score) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// setScore compares a set of predicted values with the true ones.
func setScore(got, want []string) score {
	var s score
	for _, g := range got {
		if slices.Contains(want, g) {
			s.tp++
		} else {
			s.fp++
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			s.fn++
		}
	}
	return s
}

// TestReport prints precision, recall and F1 per entity kind over the
// hand-labelled sample documents (testdata/truth.json) and the fixtures'
// expected values (reporters.json and laws.json examples, courts.json name
// examples, opinion_headers.json). Run with -v to see the table. It fails
// only when a table cannot be read: the thresholds live in the tests of
// each source.
func TestReport(t *testing.T) {
	type row struct {
		kind, source string
		s            score
	}
	var rows []row
	tagger := Default()

	// The samples, against the hand labels.
	b, err := os.ReadFile(filepath.Join("testdata", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]json.RawMessage
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	sampleScores := map[Kind]*score{Statute: {}, Court: {}, Party: {}, Docket: {}}
	var misses []string
	for _, name := range samples {
		var want map[Kind][]string
		if err := json.Unmarshal(truth[name], &want); err != nil {
			t.Fatalf("truth.json %s: %v", name, err)
		}
		ms := tagger.Tag(readSample(t, name))
		for kind, sc := range sampleScores {
			var got []string
			for _, m := range ms {
				v := m.Norm
				if kind == Party {
					v += "/" + m.Role
				}
				if m.Kind == kind && !slices.Contains(got, v) {
					got = append(got, v)
				}
			}
			s := setScore(got, want[kind])
			sc.add(s)
			for _, g := range got {
				if !slices.Contains(want[kind], g) {
					misses = append(misses, fmt.Sprintf("%s %s: extra %q", name, kind, g))
				}
			}
			for _, w := range want[kind] {
				if !slices.Contains(got, w) {
					misses = append(misses, fmt.Sprintf("%s %s: missed %q", name, kind, w))
				}
			}
		}
	}
	for _, k := range []Kind{Statute, Court, Party, Docket} {
		rows = append(rows, row{string(k), "samples (truth.json)", *sampleScores[k]})
	}

	// Citations: every reporters.json example holds one citation.
	var cite score
	for _, x := range reporterExamples(t) {
		ms := Citations().Tag(x.text)
		if x.recognised(ms) {
			cite.tp++
			cite.fp += len(ms) - 1
		} else {
			cite.fn++
			cite.fp += len(ms)
		}
	}
	rows = append(rows, row{"citation", "reporters.json examples", cite})

	// Statutes: the federal laws.json examples, scored by TestLawExamples' table.
	var law score
	var recs map[string][]struct {
		CiteType     string   `json:"cite_type"`
		Jurisdiction string   `json:"jurisdiction"`
		Examples     []string `json:"examples"`
	}
	readTestJSON(t, "laws.json", &recs)
	for _, list := range recs {
		for _, r := range list {
			if r.Jurisdiction != "United States" || r.CiteType == "admin_docket" || r.CiteType == "admin_filing" {
				continue
			}
			for _, x := range r.Examples {
				ms := Statutes().Tag(x)
				if len(ms) > 0 && strings.Contains(strings.Join(strings.Fields(x), " "), strings.Join(strings.Fields(ms[0].Text), " ")) && 2*len(ms[0].Text) >= len(x) {
					law.tp++
					law.fp += len(ms) - 1
				} else {
					law.fn++
					law.fp += len(ms)
				}
			}
		}
	}
	rows = append(rows, row{"statute", "laws.json federal examples", law})

	// Courts: courts.json name examples through NormalizeCourt.
	var court score
	var courts []struct {
		ID       string   `json:"id"`
		Examples []string `json:"examples"`
	}
	readTestJSON(t, "courts.json", &courts)
	for _, c := range courts {
		for _, x := range c.Examples {
			id, ok := NormalizeCourt(x)
			switch {
			case ok && id == c.ID:
				court.tp++
			case ok:
				court.fp++
				court.fn++
			default:
				court.fn++
			}
		}
	}
	rows = append(rows, row{"court", "courts.json name examples", court})

	// Opinion headers: the document's docket numbers, judges and dates.
	hs := map[string]*score{"docket": {}, "judge": {}, "date": {}}
	for _, h := range readOpinionHeaders(t) {
		ms := tagger.Tag(h.Text)
		fields := headerFields(h, ms)
		if ok, has := fields["docket"]; has {
			hs["docket"].add(headerScore(ok, ms, func(m Mention) bool { return m.Kind == Docket && m.Role == RoleDocument }))
		}
		if ok, has := fields["date"]; has {
			hs["date"].add(headerScore(ok, ms, func(m Mention) bool { return m.Kind == Date && m.Role == RoleDocument }))
		}
		if ok, has := fields["judges"]; has {
			want := h.Expected.Opinion.Author + ";" + h.Expected.Cluster.Judges
			var s score
			for _, m := range ms {
				// the document's judges: a judge of the court below is cited
				if m.Kind == Judge && m.Role != RoleCited {
					if hasJudges([]Mention{m}, lastWordsOf(want, m.Norm)) {
						s.tp++
					} else {
						s.fp++
					}
				}
			}
			if !ok {
				s.fn++
			}
			hs["judge"].add(s)
		}
	}
	for _, k := range []string{"docket", "judge", "date"} {
		rows = append(rows, row{k, "opinion_headers.json", *hs[k]})
	}

	var out strings.Builder
	fmt.Fprintf(&out, "\n%-9s %-28s %5s %5s %5s %7s %7s %7s\n", "kind", "source", "tp", "fp", "fn", "P", "R", "F1")
	for _, r := range rows {
		fmt.Fprintf(&out, "%-9s %-28s %5d %5d %5d %6.1f%% %6.1f%% %6.1f%%\n", r.kind, r.source, r.s.tp, r.s.fp, r.s.fn, 100*r.s.precision(), 100*r.s.recall(), 100*r.s.f1())
	}
	t.Log(out.String())
	for _, m := range misses {
		t.Log("samples:", m)
	}
}

// headerScore scores one header field read right (ok) or not, with the
// candidate mentions pred selects: one true positive when right, the
// other candidates false positives.
func headerScore(ok bool, ms []Mention, pred func(Mention) bool) score {
	n := 0
	for _, m := range ms {
		if pred(m) {
			n++
		}
	}
	if ok {
		return score{tp: 1, fp: max(0, n-1)}
	}
	return score{fp: n, fn: 1}
}

// lastWordsOf returns want when the surname of name is among its judges,
// else a name that cannot match, so that hasJudges scores one mention.
func lastWordsOf(want, name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return "\x00"
	}
	last := strings.ToLower(strings.Trim(f[len(f)-1], ".,"))
	for _, part := range strings.FieldsFunc(judgeTitle.ReplaceAllString(want, " "), func(r rune) bool { return r == ';' || r == ',' }) {
		if w := strings.Fields(part); len(w) > 0 && strings.ToLower(strings.Trim(w[len(w)-1], ".,")) == last {
			return part
		}
	}
	return "\x00"
}
