package search

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"lexsearch/indexer/entity"
)

// Limits of a citation lookup, CourtListener's own: a brief's worth of
// text, and the citations past MaxLookups are reported but not looked up.
const (
	MaxCiteText = 64_000 * 4 // bytes: 64,000 characters of up to four bytes
	MaxLookups  = 250
)

// A Found is one citation in a text and what the collection holds of it.
// Its JSON follows CourtListener's citation-lookup answers, with the
// documents of this collection in place of CourtListener's clusters.
type Found struct {
	Citation   string   `json:"citation"`             // as written
	Normalized []string `json:"normalized_citations"` // the canonical form: "519 F.3d 666", "47 U.S.C. § 230"
	Kind       string   `json:"kind"`                 // citation (a case) or statute
	Start      int      `json:"start_index"`          // in characters (code points) of the text sent
	End        int      `json:"end_index"`
	CaseName   string   `json:"case_name,omitempty"`
	Court      string   `json:"court,omitempty"` // court id from a case citation's parenthetical
	Year       int      `json:"year,omitempty"`
	Pin        string   `json:"pin_cite,omitempty"`
	// Status is 200 when documents of the collection are this case or cite
	// it, 404 when none do, 429 past MaxLookups (not looked up).
	Status       int        `json:"status"`
	ErrorMessage string     `json:"error_message"`
	Documents    []CitedDoc `json:"documents"`
}

// A CitedDoc is a document of the collection that is the cited case
// (Relation "is": its title is the case name) or cites it ("cites").
type CitedDoc struct {
	Hit
	Relation string `json:"relation"`
}

// citeDocs is how many documents each lookup returns at most, per relation.
const citeDocs = 20

// LookupCitations finds every full case citation and statute in text and,
// for each, the documents of the collection that are that case or cite it.
// Short forms ("id.", "550 U.S. at 545") refer to a citation already
// listed and are left out.
func (ix *Index) LookupCitations(ctx context.Context, text string) ([]Found, error) {
	if len(text) > MaxCiteText {
		return nil, &RequestError{"text", fmt.Sprintf("is %d bytes; the limit is %d (about 64,000 characters): send a long brief in parts", len(text), MaxCiteText)}
	}
	if !utf8.ValidString(text) {
		return nil, &RequestError{"text", "is not valid UTF-8"}
	}
	var mentions []entity.Mention
	for _, m := range (entity.Taggers{entity.Citations(), entity.Statutes()}).Tag(text) {
		if m.Cite != nil && m.Cite.Short {
			continue
		}
		mentions = append(mentions, m)
	}
	found := make([]Found, 0, len(mentions))
	looked := map[string][]CitedDoc{}
	for i, m := range mentions {
		f := Found{
			Citation:   m.Text,
			Normalized: []string{m.Norm},
			Kind:       string(m.Kind),
			Start:      utf8.RuneCountInString(text[:m.Start]),
			End:        utf8.RuneCountInString(text[:m.End]),
			Documents:  []CitedDoc{},
		}
		if c := m.Cite; c != nil {
			f.CaseName, f.Court, f.Year, f.Pin = c.CaseName, c.Court, c.Year, c.Pin
		}
		if i >= MaxLookups {
			f.Status, f.ErrorMessage = 429, fmt.Sprintf("only the first %d citations are looked up; send the rest in another request", MaxLookups)
			found = append(found, f)
			continue
		}
		key := f.Kind + "\x00" + m.Norm + "\x00" + f.CaseName
		docs, ok := looked[key]
		if !ok {
			var err error
			if docs, err = ix.citedBy(ctx, f); err != nil {
				return nil, err
			}
			looked[key] = docs
		}
		f.Documents = docs
		f.Status = 404
		if len(docs) > 0 {
			f.Status = 200
		} else {
			f.ErrorMessage = "no document of this collection is this case or cites it"
		}
		found = append(found, f)
	}
	return found, nil
}

// citedBy returns the documents that are the case f names (by title) and
// those that cite it (by their citation or statute facet).
func (ix *Index) citedBy(ctx context.Context, f Found) ([]CitedDoc, error) {
	out := []CitedDoc{} // none is [], never null: the schema says an array
	seen := map[string]bool{}
	add := func(q, relation string) error {
		res, err := ix.Search(ctx, Request{Q: q, Size: citeDocs, Facets: []string{FacetNone}})
		var re *RequestError
		var pe *ParseError
		if errors.As(err, &re) || errors.As(err, &pe) {
			return nil // a value no document can have (an unknown statute): none cite it
		}
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			if !seen[h.ID] {
				seen[h.ID] = true
				h.Snippets = nil
				out = append(out, CitedDoc{Hit: h, Relation: relation})
			}
		}
		return nil
	}
	if name := strings.ReplaceAll(f.CaseName, `"`, ""); name != "" {
		if err := add(`title:"`+name+`"`, "is"); err != nil {
			return nil, err
		}
	}
	field := "citation"
	if f.Kind == string(entity.Statute) {
		field = "statute"
	}
	if err := add(field+`:"`+strings.ReplaceAll(f.Normalized[0], `"`, "")+`"`, "cites"); err != nil {
		return nil, err
	}
	return out, nil
}
