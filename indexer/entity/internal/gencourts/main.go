// Command gencourts derives the federal court table of package entity
// (courts.json) from Free Law Project's courts-db data (BSD-2-Clause; the
// licence is kept beside the output as LICENSE.courts-db).
//
// It keeps only what the taggers need: the Supreme Court, the courts of
// appeals, the current district courts and a few national trial courts,
// each with its CourtListener id, its citation short name and a canonical
// full name. courts-db's own names are inconsistent ("District Court, N.D.
// Illinois" beside "United States District Court for the Northern District
// of California"), so district names are rebuilt from the district and the
// state, which is also what the tagger matches on.
//
// Usage (from indexer/entity, via go generate):
//
//	go run ./internal/gencourts -in testdata/data/courts.json -out courts.json
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
)

// record is the part of a courts-db entry that we read.
type record struct {
	ID             string `json:"id"`
	CitationString string `json:"citation_string"`
	Name           string `json:"name"`
	System         string `json:"system"`
	Type           string `json:"type"`
	Location       string `json:"location"`
	Dates          []struct {
		End *string `json:"end"`
	} `json:"dates"`
}

// court is one row of the generated table; package entity decodes the same shape.
type court struct {
	ID       string `json:"id"`
	Short    string `json:"short"`
	Name     string `json:"name"`
	Level    string `json:"level"`              // "supreme", "appeals", "district", "special"
	District string `json:"district,omitempty"` // "Northern", ... for district courts; "" for a whole-state district
	State    string `json:"state,omitempty"`    // for district courts: the state or territory
	Circuit  string `json:"circuit,omitempty"`  // for courts of appeals: "First" ... "Eleventh", "D.C.", "Federal"
}

// circuits lists the courts of appeals by id with the ordinal used in their names.
var circuits = [][2]string{
	{"ca1", "First"}, {"ca2", "Second"}, {"ca3", "Third"}, {"ca4", "Fourth"},
	{"ca5", "Fifth"}, {"ca6", "Sixth"}, {"ca7", "Seventh"}, {"ca8", "Eighth"},
	{"ca9", "Ninth"}, {"ca10", "Tenth"}, {"ca11", "Eleventh"},
	{"cadc", "D.C."}, {"cafc", "Federal"},
}

// special courts kept beside the district courts: national trial-level courts.
var special = []string{"cit", "uscfc", "jpml"}

// Short names where courts-db's citation string is not what citations use.
var shortOverride = map[string]string{
	"scotus": "U.S.", // DESIGN.md: the Supreme Court's display name is its reporter
	"ca3":    "3d Cir.",
}

// State names as they follow "District of" in a court's full name.
var stateOverride = map[string]string{
	"dcd":  "Columbia",
	"vid":  "the Virgin Islands",
	"nmid": "the Northern Mariana Islands",
}

var directionRE = regexp.MustCompile(`^([NSEWMC])\.\s?D\.`)

var directions = map[string]string{
	"N": "Northern", "S": "Southern", "E": "Eastern", "W": "Western", "M": "Middle", "C": "Central",
}

func main() {
	in := flag.String("in", "testdata/data/courts.json", "courts-db courts.json")
	out := flag.String("out", "courts.json", "output file")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencourts:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var recs []record
	if err := json.Unmarshal(data, &recs); err != nil {
		return fmt.Errorf("decode %s: %w", in, err)
	}
	byID := make(map[string]record, len(recs))
	for _, r := range recs {
		byID[r.ID] = r
	}
	var table []court
	get := func(id string) (record, error) {
		r, ok := byID[id]
		if !ok {
			return r, fmt.Errorf("court %q missing from %s", id, in)
		}
		return r, nil
	}
	r, err := get("scotus")
	if err != nil {
		return err
	}
	table = append(table, court{ID: r.ID, Short: short(r), Name: "Supreme Court of the United States", Level: "supreme"})
	for _, c := range circuits {
		r, err := get(c[0])
		if err != nil {
			return err
		}
		table = append(table, court{ID: r.ID, Short: short(r), Name: "United States Court of Appeals for the " + c[1] + " Circuit", Level: "appeals", Circuit: c[1]})
	}
	var districts []court
	for _, r := range recs {
		if r.System != "federal" || r.Type != "trial" || r.CitationString == "" || r.ID == "usdistct" || !current(r) {
			continue
		}
		dir := ""
		if m := directionRE.FindStringSubmatch(r.CitationString); m != nil {
			dir = directions[m[1]]
		} else if !strings.HasPrefix(r.CitationString, "D.") {
			continue // not a district court (e.g. a territorial court with another style)
		}
		state := r.Location
		if s, ok := stateOverride[r.ID]; ok {
			state = s
		}
		name := "United States District Court for the District of " + state
		if dir != "" {
			name = "United States District Court for the " + dir + " District of " + state
		}
		districts = append(districts, court{ID: r.ID, Short: short(r), Name: name, Level: "district", District: dir, State: strings.TrimPrefix(state, "the ")})
	}
	slices.SortFunc(districts, func(a, b court) int { return strings.Compare(a.ID, b.ID) })
	table = append(table, districts...)
	for _, id := range special {
		r, err := get(id)
		if err != nil {
			return err
		}
		table = append(table, court{ID: r.ID, Short: short(r), Name: strings.TrimSpace(r.Name), Level: "special"})
	}

	var buf bytes.Buffer
	buf.WriteString("[\n")
	for i, c := range table {
		b, err := json.Marshal(c)
		if err != nil {
			return err
		}
		buf.Write(b)
		if i < len(table)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
	}
	buf.WriteString("]\n")
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

func current(r record) bool {
	return len(r.Dates) > 0 && r.Dates[len(r.Dates)-1].End == nil
}

func short(r record) string {
	if s, ok := shortOverride[r.ID]; ok {
		return s
	}
	return strings.TrimSpace(r.CitationString)
}
