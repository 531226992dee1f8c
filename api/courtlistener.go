package api

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"lexsearch/search"
)

// CourtListener's search parameters, for people and scripts that come from
// its API: each is read as the lexsearch parameter it means, so a
// CourtListener URL's query string works here, and a value we cannot honour
// is a 400 that says what to type, never ignored.
//
//	order_by=score desc | dateFiled desc | dateFiled asc  ->  sort=relevance | -date | date
//	filed_after=, filed_before=  (YYYY-MM-DD or MM/DD/YYYY) ->  from=, to=
//	type=o (opinions) | r, d (dockets)                     ->  type=opinion | docket
//	court=ilnd cand  (court ids separated by spaces)        ->  court=ilnd&court=cand
//	case_name=, docket_number=                              ->  q: title:"…", docket:"…"
var courtListenerParams = []string{"order_by", "filed_after", "filed_before", "case_name", "docket_number"}

// fromCourtListener rewrites CourtListener's parameters in q into ours.
func fromCourtListener(q url.Values) (url.Values, error) {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	if v := out.Get("order_by"); v != "" {
		if out.Get("sort") != "" {
			return nil, &search.RequestError{Param: "order_by", Reason: "give sort or order_by, not both"}
		}
		sort, ok := map[string]string{
			"score desc": search.SortRelevance, "dateFiled desc": search.SortDateDesc, "dateFiled asc": search.SortDate,
			"date_filed desc": search.SortDateDesc, "date_filed asc": search.SortDate,
		}[strings.Join(strings.Fields(v), " ")]
		if !ok {
			return nil, &search.RequestError{Param: "order_by", Reason: fmt.Sprintf("%q is not an order lexsearch has; use score desc, dateFiled desc or dateFiled asc (or sort=relevance, -date, date)", v)}
		}
		out.Set("sort", sort)
		out.Del("order_by")
	}
	for cl, ours := range map[string]string{"filed_after": "from", "filed_before": "to"} {
		v := out.Get(cl)
		if v == "" {
			continue
		}
		if out.Get(ours) != "" {
			return nil, &search.RequestError{Param: cl, Reason: fmt.Sprintf("give %s or %s, not both", ours, cl)}
		}
		if t, err := time.Parse("01/02/2006", v); err == nil {
			v = t.Format(time.DateOnly)
		}
		out.Set(ours, v)
		out.Del(cl)
	}
	if types := out["type"]; len(types) > 0 {
		for i, t := range types {
			switch t {
			case "o":
				types[i] = "opinion"
			case "r", "d":
				types[i] = "docket"
			case "oa", "p":
				return nil, &search.RequestError{Param: "type", Reason: fmt.Sprintf("type=%s (CourtListener's oral arguments or judges) is not in this collection; use o (opinions), r or d (dockets), or a lexsearch type", t)}
			}
		}
	}
	var courts []string
	for _, c := range out["court"] {
		courts = append(courts, splitCourtIDs(c)...)
	}
	if courts != nil {
		out["court"] = courts
	}
	var clauses []string
	for cl, field := range map[string]string{"case_name": "title", "docket_number": "docket"} {
		v := strings.TrimSpace(strings.ReplaceAll(out.Get(cl), `"`, ""))
		out.Del(cl)
		if v != "" {
			clauses = append(clauses, field+`:"`+v+`"`)
		}
	}
	if len(clauses) > 0 {
		q := strings.TrimSpace(out.Get("q"))
		if q != "" {
			q = "(" + q + ") "
		}
		out.Set("q", q+strings.Join(clauses, " "))
	}
	return out, nil
}

// splitCourtIDs reads CourtListener's "ilnd cand": several court ids in
// one value, separated by spaces. A value with anything but lower-case
// ids ("N.D. Ill.", "Northern District of Illinois") is one court name.
func splitCourtIDs(v string) []string {
	f := strings.Fields(v)
	if len(f) < 2 {
		return []string{v}
	}
	for _, id := range f {
		for _, r := range id {
			if !unicode.IsLower(r) && !unicode.IsDigit(r) {
				return []string{v}
			}
		}
	}
	return f
}
