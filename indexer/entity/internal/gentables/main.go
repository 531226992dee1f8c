// Command gentables derives the compact reference tables embedded in
// package entity from Free Law Project's courts-db and reporters-db data
// (BSD-2-Clause; the licences are kept beside the outputs as
// LICENSE.courts-db and LICENSE.reporters-db):
//
//   - courtnames.json: every court of courts-db with its id, name,
//     citation string and name patterns, the ${variables} expanded and
//     each pattern checked to compile under Go's RE2 (patterns that need
//     look-around are dropped and counted);
//   - reporters.json: every reporter edition of reporters-db with its
//     variant spellings, its citation type and, where it is not the
//     standard "volume reporter page", the patterns of its citations
//     (regexes.json's $variables expanded, $edition left as the slot of
//     the reporter);
//
// laws.json is not turned into a table: its U.S. federal citation forms
// are few and are written as patterns in statute.go, which
// TestLawExamples checks against every federal example of laws.json.
//
// Usage (from indexer/entity, via go generate):
//
//	go run ./internal/gentables -data testdata/data -out .
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

func main() {
	data := flag.String("data", "testdata/data", "directory holding courts.json, courts-db-variables.json, reporters.json, regexes.json")
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gentables:", err)
		os.Exit(1)
	}
}

func run(data, out string) error {
	if err := courts(data, out); err != nil {
		return err
	}
	if err := stateCodes(data, out); err != nil {
		return err
	}
	return reporters(data, out)
}

// marshal is json.Marshal without the HTML escaping of <, > and &, which
// would only make the patterns harder to read.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	return nil
}

// --- courts ---

type courtRecord struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	CitationString string   `json:"citation_string"`
	Regex          []string `json:"regex"`
	System         string   `json:"system"`
	Type           string   `json:"type"`
	Location       string   `json:"location"`
	Dates          []struct {
		End *string `json:"end"`
	} `json:"dates"`
}

type courtRow struct {
	ID      string   `json:"id"`
	Name    string   `json:"n"`
	Cite    string   `json:"c,omitempty"`
	Regexes []string `json:"r,omitempty"`
}

var (
	courtVarRE = regexp.MustCompile(`\$\{([A-Za-z0-9_-]+)\}`)
	ordRangeRE = regexp.MustCompile(`^(\d+)-(\d+)$`)
)

// ordinals for courts-db's ${1-5} style ranges.
var ordinals = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}

// placePat stands in for courts-db's place lists, which are not copied.
const placePat = `([A-Z][A-Za-z.'-]+( [A-Z][A-Za-z.'-]+){0,3})`

// courtTable is courtnames.json: the courts, and the variables their
// patterns are written with, expanded when the table is loaded (the
// expanded patterns are three times the size).
type courtTable struct {
	Vars   map[string]string `json:"vars"`
	Courts []courtRow        `json:"courts"`
}

func courts(data, out string) error {
	var vars map[string]string
	if err := readJSON(filepath.Join(data, "courts-db-variables.json"), &vars); err != nil {
		return err
	}
	var recs []courtRecord
	if err := readJSON(filepath.Join(data, "courts.json"), &recs); err != nil {
		return err
	}
	table := courtTable{Vars: map[string]string{}}
	dropped := 0
	for _, r := range recs {
		row := courtRow{ID: r.ID, Name: strings.TrimSpace(r.Name), Cite: strings.TrimSpace(r.CitationString)}
		for _, re := range r.Regex {
			x := courtVarRE.ReplaceAllStringFunc(re, func(m string) string {
				name := courtVarRE.FindStringSubmatch(m)[1]
				if v, ok := vars[name]; ok {
					table.Vars[name] = v
					return v
				}
				if o := ordRangeRE.FindStringSubmatch(name); o != nil {
					var a, b int
					fmt.Sscan(o[1], &a)
					fmt.Sscan(o[2], &b)
					if a >= 1 && b <= len(ordinals) && a <= b {
						table.Vars[name] = "(" + strings.Join(ordinals[a-1:b], "|") + ")"
						return table.Vars[name]
					}
				}
				table.Vars[name] = placePat
				return placePat
			})
			if _, err := regexp.Compile("(?i)" + x); err != nil {
				dropped++
				continue
			}
			// courts-db matches the name too; a pattern that is the name adds nothing
			if !slices.Contains(row.Regexes, re) && !strings.EqualFold(re, row.Name) {
				row.Regexes = append(row.Regexes, re)
			}
		}
		table.Courts = append(table.Courts, row)
	}
	fmt.Fprintf(os.Stderr, "gentables: %d courts, %d patterns dropped (not RE2)\n", len(table.Courts), dropped)
	var buf bytes.Buffer
	buf.WriteString("{\"vars\": ")
	b, err := marshal(table.Vars)
	if err != nil {
		return err
	}
	buf.Write(b)
	buf.WriteString(",\n\"courts\": [\n")
	for i, r := range table.Courts {
		b, err := marshal(r)
		if err != nil {
			return err
		}
		buf.Write(b)
		if i < len(table.Courts)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	return os.WriteFile(filepath.Join(out, "courtnames.json"), buf.Bytes(), 0o644)
}

// --- reporters ---

type reporterRecord struct {
	CiteType   string                     `json:"cite_type"`
	MLZ        []string                   `json:"mlz_jurisdiction"`
	Name       string                     `json:"name"`
	Editions   map[string]json.RawMessage `json:"editions"`
	Variations map[string]string          `json:"variations"`
}

type edition struct {
	Regexes []string `json:"regexes"`
	Start   *string  `json:"start"`
	End     *string  `json:"end"`
}

type reporterRow struct {
	Edition    string   `json:"e"`
	Name       string   `json:"n"`
	Type       string   `json:"t"`
	Variations []string `json:"v,omitempty"`
	Templates  []int    `json:"p,omitempty"` // indexes into the template list; none: the standard citation
	// years the edition was published, first and last; 0: not known or
	// still published
	From int `json:"f,omitempty"`
	To   int `json:"u,omitempty"`
	// the states (or "us") whose courts the reporter reports
	Places []string `json:"j,omitempty"`
}

type reporterTable struct {
	Templates []string      `json:"templates"` // template 0 is the standard citation
	Editions  []reporterRow `json:"editions"`
}

var dollarVar = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)

// flatten turns regexes.json's nested objects into $name -> pattern, the
// "" key of an object naming the object itself ("full_cite" ->
// "$volume $reporter,? $page"); "#" keys are comments.
func flatten(prefix string, v map[string]any, out map[string]string) {
	for k, x := range v {
		if strings.HasSuffix(k, "#") {
			continue
		}
		name := prefix
		if k != "" {
			if name != "" {
				name += "_"
			}
			name += k
		}
		switch x := x.(type) {
		case string:
			out[name] = x
		case map[string]any:
			flatten(name, x, out)
		}
	}
}

// expand substitutes $variables until none is left but $edition (the
// reporter's slot), turning Python's "{,n}" into RE2's "{0,n}".
func expand(s string, vars map[string]string) (string, error) {
	for range 10 {
		changed := false
		s = dollarVar.ReplaceAllStringFunc(s, func(m string) string {
			name := m[1:]
			if name == "edition" {
				return m
			}
			// Python's Template takes the longest identifier, and so do
			// we. "$x_optional" is reporters-db's name for an optional $x.
			if v, ok := vars[name]; ok {
				changed = true
				return v
			}
			if base, ok := strings.CutSuffix(name, "_optional"); ok {
				if v, ok := vars[base]; ok {
					changed = true
					return `(?:` + v + `\s?)?`
				}
			}
			return m
		})
		if !changed {
			break
		}
	}
	if m := dollarVar.FindAllString(s, -1); slices.ContainsFunc(m, func(x string) bool { return x != "$edition" }) {
		return "", fmt.Errorf("unexpanded variable in %q", s)
	}
	return strings.ReplaceAll(s, "{,", "{0,"), nil
}

func reporters(data, out string) error {
	var rx map[string]any
	if err := readJSON(filepath.Join(data, "regexes.json"), &rx); err != nil {
		return err
	}
	vars := map[string]string{}
	flatten("", rx, vars)
	var recs map[string][]reporterRecord
	if err := readJSON(filepath.Join(data, "reporters.json"), &recs); err != nil {
		return err
	}
	std, err := expand("$full_cite", vars)
	if err != nil {
		return err
	}
	table := reporterTable{Templates: []string{std}}
	tmplIndex := map[string]int{std: 0}
	keys := make([]string, 0, len(recs))
	for k := range recs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, rec := range recs[k] {
			eds := make([]string, 0, len(rec.Editions))
			for e := range rec.Editions {
				eds = append(eds, e)
			}
			sort.Strings(eds)
			for _, e := range eds {
				var ed edition
				if err := json.Unmarshal(rec.Editions[e], &ed); err != nil {
					return fmt.Errorf("reporter %s edition %s: %w", k, e, err)
				}
				row := reporterRow{Edition: e, Name: rec.Name, Type: rec.CiteType, From: year(ed.Start), To: year(ed.End), Places: places(rec.MLZ)}
				for v, target := range rec.Variations {
					if target == e {
						row.Variations = append(row.Variations, v)
					}
				}
				sort.Strings(row.Variations)
				for _, r := range ed.Regexes {
					x, err := expand(r, vars)
					if err != nil {
						return fmt.Errorf("reporter %s edition %s: %w", k, e, err)
					}
					if _, err := regexp.Compile(strings.ReplaceAll(x, "$edition", "x")); err != nil {
						return fmt.Errorf("reporter %s edition %s: %q: %w", k, e, x, err)
					}
					i, ok := tmplIndex[x]
					if !ok {
						i = len(table.Templates)
						table.Templates = append(table.Templates, x)
						tmplIndex[x] = i
					}
					row.Templates = append(row.Templates, i)
				}
				if slices.Equal(row.Templates, []int{0}) {
					row.Templates = nil
				}
				table.Editions = append(table.Editions, row)
			}
		}
	}
	var buf bytes.Buffer
	buf.WriteString("{\"templates\": ")
	b, err := marshal(table.Templates)
	if err != nil {
		return err
	}
	buf.Write(b)
	buf.WriteString(",\n\"editions\": [\n")
	for i, r := range table.Editions {
		b, err := marshal(r)
		if err != nil {
			return err
		}
		buf.Write(b)
		if i < len(table.Editions)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]}\n")
	fmt.Fprintf(os.Stderr, "gentables: %d reporter editions, %d citation templates\n", len(table.Editions), len(table.Templates))
	return os.WriteFile(filepath.Join(out, "reporters.json"), buf.Bytes(), 0o644)
}

// year reads the year of a reporters-db date ("1880-01-01T00:00:00").
func year(d *string) int {
	if d == nil || len(*d) < 4 {
		return 0
	}
	var y int
	fmt.Sscan((*d)[:4], &y)
	return y
}

// places reduces reporters-db's MLZ jurisdictions ("us:c7;court.appeals",
// "us:oh;supreme.court") to the states they name, "us" for the federal
// courts.
func places(mlz []string) []string {
	var out []string
	for _, j := range mlz {
		j, _, _ = strings.Cut(j, ";")
		parts := strings.Split(j, ":")
		p := "us"
		if len(parts) > 1 && len(parts[1]) == 2 && !(parts[1][0] == 'c' && parts[1][1] >= '0' && parts[1][1] <= '9') {
			p = parts[1]
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// --- state codes ---

type lawRecord struct {
	CiteType     string   `json:"cite_type"`
	Jurisdiction string   `json:"jurisdiction"`
	Regexes      []string `json:"regexes"`
	Variations   []string `json:"variations"`
}

// stateCodeRow is one code of statutes of a state: its abbreviation
// (the norm), its state and how its citations are laid out.
type stateCodeRow struct {
	Abbr  string `json:"a"`
	State string `json:"s"`
	// Form: "sec" (Code § 1), "title" (Code tit. 1, § 1), "chapter"
	// (Code ch. 1, § 1), "article" (Code art. 1), "pre" (1 Code § 1),
	// "ilcs" (1 Code 1/1), "subject" (Prefix Subject Suffix § 1),
	// "subjectafter" (Code, Subject § 1).
	Form string `json:"f"`
	// the subject form's words before and after the subject
	Prefix string `json:"p,omitempty"`
	Suffix string `json:"x,omitempty"`
	// other spellings
	Variations []string `json:"v,omitempty"`
}

// commonNames are the names lawyers use for some codes besides the
// Bluebook's (the codes' own short titles and citation rules).
var commonNames = map[string][]string{
	"Ill. Comp. Stat.":    {"ILCS", "Ill. Comp. Stat. Ann."},
	"Ariz. Rev. Stat.":    {"A.R.S."},
	"Ga. Code Ann.":       {"O.C.G.A."},
	"Wash. Rev. Code":     {"RCW", "Rev. Code Wash."},
	"Ohio Rev. Code Ann.": {"Ohio Rev. Code", "R.C.", "O.R.C."},
	"N.J. Stat. Ann.":     {"N.J.S.A.", "N.J. Stat."},
	"Mich. Comp. Laws":    {"MCL", "M.C.L."},
	"Ky. Rev. Stat. Ann.": {"KRS", "Ky. Rev. Stat."},
	"Nev. Rev. Stat.":     {"NRS"},
	"Or. Rev. Stat.":      {"ORS"},
	"Colo. Rev. Stat.":    {"C.R.S."},
	"Haw. Rev. Stat.":     {"HRS"},
	"Va. Code Ann.":       {"Va. Code"},
	"Tenn. Code Ann.":     {"T.C.A."},
	"Mass. Gen. Laws":     {"M.G.L."},
	"Minn. Stat.":         {"M.S.A."},
	"La. Stat. Ann.":      {"La. Rev. Stat.", "La. R.S.", "La. Rev. Stat. Ann."},
}

var lawSubjectRE = regexp.MustCompile(`^\(\?P<reporter>(.*) \$law_subject (.*)\) § \$law_section$`)

func stateCodes(data, out string) error {
	var recs map[string][]lawRecord
	if err := readJSON(filepath.Join(data, "laws.json"), &recs); err != nil {
		return err
	}
	keys := make([]string, 0, len(recs))
	for k := range recs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var rows []stateCodeRow
	for _, k := range keys {
		for _, r := range recs[k] {
			if r.CiteType != "leg_statute" || r.Jurisdiction == "United States" || len(r.Regexes) == 0 {
				continue
			}
			re := r.Regexes[0]
			row := stateCodeRow{Abbr: k, State: r.Jurisdiction, Variations: append(slices.Clone(r.Variations), commonNames[k]...)}
			switch {
			case lawSubjectRE.MatchString(re):
				m := lawSubjectRE.FindStringSubmatch(re)
				row.Form, row.Prefix, row.Suffix = "subject", strings.ReplaceAll(m[1], `\.`, "."), strings.ReplaceAll(m[2], `\.`, ".")
			case strings.Contains(re, "(?P<act>"):
				row.Form = "ilcs"
			case strings.HasPrefix(re, "(?P<title>"):
				row.Form = "pre"
			case strings.Contains(re, `tit\.`):
				row.Form = "title"
			case strings.Contains(re, `ch\.`):
				row.Form = "chapter"
			case strings.Contains(re, "art ") && !strings.Contains(re, "§"):
				row.Form = "article"
			case strings.HasPrefix(re, "$reporter, $law_subject § "):
				row.Form = "subjectafter"
			case strings.HasPrefix(re, "$reporter § ") || strings.Contains(re, "art "):
				row.Form = "sec"
			default:
				return fmt.Errorf("laws.json %s: no form for %q", k, re)
			}
			rows = append(rows, row)
		}
	}
	var buf bytes.Buffer
	buf.WriteString("[\n")
	for i, r := range rows {
		b, err := marshal(r)
		if err != nil {
			return err
		}
		buf.Write(b)
		if i < len(rows)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]\n")
	fmt.Fprintf(os.Stderr, "gentables: %d state codes\n", len(rows))
	return os.WriteFile(filepath.Join(out, "statecodes.json"), buf.Bytes(), 0o644)
}
