package api

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on what a request line may carry. Real queries are a few words;
// the caps only stop a client from making the server parse megabytes.
const (
	maxPathBytes   = 1024
	maxQueryBytes  = 8 << 10
	maxParams      = 64
	maxNameBytes   = 32
	maxQBytes      = 2048 // q: a pasted sentence or a long boolean query fits
	maxValueBytes  = 512  // every other value: a court, a party name, a cursor
	maxCursorBytes = 1024
)

// A paramSpec lists the query parameters a route takes: single ones may
// appear once, repeat ones any number of times (they OR). Anything else is
// a 400, so a typo such as "statue=" is never silently ignored.
type paramSpec struct {
	single, repeat []string
}

func (s paramSpec) names() []string {
	all := append(slices.Clone(s.single), s.repeat...)
	slices.Sort(all)
	return all
}

// otherEngines maps the names other search APIs (Elasticsearch, Solr,
// SQL-minded REST APIs) give paging, sorting and the query text to ours,
// so a 400 for "limit=" can say "use size=" instead of only listing names.
var otherEngines = map[string]string{
	"limit": "size", "rows": "size", "per_page": "size", "page_size": "size", "pagesize": "size", "count": "size", "num": "size",
	"offset": "from", "start": "from", "skip": "from",
	"query": "q", "search": "q", "keywords": "q", "text": "q", "term": "q",
	"sort_by": "sort", "sortby": "sort", "orderby": "sort",
}

// insteadOf names our parameter for another engine's name, when this
// route takes it.
func (s paramSpec) insteadOf(name string) string {
	ours := otherEngines[strings.ToLower(name)]
	if ours != "" && (slices.Contains(s.single, ours) || slices.Contains(s.repeat, ours)) {
		return ours
	}
	return ""
}

// noParams is the spec of routes that take no query parameters.
var noParams = paramSpec{}

// searchSpec is what /search and /feed.atom take: the parameters
// /openapi.json documents, so the two cannot drift apart.
var searchSpec = specOf(searchParamDocs)

// specOf is the spec of documented query parameters.
func specOf(ps []param) paramSpec {
	var s paramSpec
	for _, p := range ps {
		switch {
		case p.in != "query":
		case p.repeat:
			s.repeat = append(s.repeat, p.name)
		default:
			s.single = append(s.single, p.name)
		}
	}
	return s
}

// withParams rejects, before the handler runs, a query with a parameter the
// route does not take or a single-valued parameter given twice (which of
// the two would the user mean?).
func withParams(spec paramSpec, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query() // checkRequest has made sure it parses whole
		keys := make([]string, 0, len(q))
		for k := range q {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			switch {
			case slices.Contains(spec.single, k):
				if len(q[k]) > 1 {
					writeProblem(w, r, problem{Status: http.StatusBadRequest, Param: k,
						Detail: fmt.Sprintf("%s is given %d times; give it once (only filters such as court= may repeat)", k, len(q[k]))})
					return
				}
			case slices.Contains(spec.repeat, k):
			default:
				detail := fmt.Sprintf("unknown parameter %q; %s takes no parameters", k, r.URL.Path)
				if names := spec.names(); len(names) > 0 {
					detail = fmt.Sprintf("unknown parameter %q; this endpoint takes %s", k, strings.Join(names, ", "))
					if ours := spec.insteadOf(k); ours != "" {
						detail = fmt.Sprintf("unknown parameter %q; use %s= here; this endpoint takes %s", k, ours, strings.Join(names, ", "))
					}
				}
				writeProblem(w, r, problem{Status: http.StatusBadRequest, Param: k, Detail: detail})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// checkRequest rejects request lines no route could read right: a query
// string that does not parse (bad percent-escapes, ';'), names or values
// that are not UTF-8 or carry control characters, and over-long paths,
// queries and values. net/url drops pairs it cannot decode, so without
// this q=%zz% would silently become an empty query that matches
// everything.
func checkRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p, ok := requestLineProblem(r.URL); !ok {
			p.Status = http.StatusBadRequest
			writeProblem(w, r, p)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requestLineProblem checks a request URL; ok is false when it is bad, and
// the problem then says why (its Status is left for the caller).
func requestLineProblem(u *url.URL) (problem, bool) {
	if len(u.Path) > maxPathBytes {
		return problem{Detail: fmt.Sprintf("the path is %d bytes long; at most %d", len(u.Path), maxPathBytes)}, false
	}
	if why := badText(u.Path); why != "" {
		return problem{Detail: "the path " + why}, false
	}
	if len(u.RawQuery) > maxQueryBytes {
		return problem{Detail: fmt.Sprintf("the query string is %d bytes long; at most %d (send fewer or shorter parameters)", len(u.RawQuery), maxQueryBytes)}, false
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return problem{Detail: "the query string is malformed: " + queryErrReason(err) +
			"; percent-encode reserved characters (%25 for %, %3B for ;)"}, false
	}
	n := 0
	for k, vs := range q {
		n += len(vs)
		if len(k) > maxNameBytes {
			return problem{Detail: fmt.Sprintf("a parameter name is %d bytes long; names are at most %d", len(k), maxNameBytes)}, false
		}
		if why := badText(k); why != "" {
			return problem{Detail: "a parameter name " + why}, false
		}
		limit := maxValueBytes
		switch k {
		case "q":
			limit = maxQBytes
		case "cursor":
			limit = maxCursorBytes
		}
		for _, v := range vs {
			if len(v) > limit {
				return problem{Param: k, Detail: fmt.Sprintf("%s is %d bytes long; at most %d", k, len(v), limit)}, false
			}
			if why := badText(v); why != "" {
				return problem{Param: k, Detail: k + " " + why}, false
			}
		}
	}
	if n > maxParams {
		return problem{Detail: fmt.Sprintf("%d parameters; at most %d", n, maxParams)}, false
	}
	return problem{}, true
}

// queryErrReason says what url.ParseQuery disliked, without echoing a
// long raw value back.
func queryErrReason(err error) string {
	var esc url.EscapeError
	if errors.As(err, &esc) {
		s := string(esc)
		if len(s) > 16 {
			s = s[:16]
		}
		return fmt.Sprintf("invalid percent-escape %q", s)
	}
	if strings.Contains(err.Error(), "semicolon") {
		return "';' is not a separator; use '&'"
	}
	return "cannot be decoded"
}

// badText says what is wrong with s as text a person typed, or "".
func badText(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8; percent-encode UTF-8 bytes (é is %C3%A9)"
	}
	for _, c := range s {
		if unicode.IsControl(c) && c != '\t' && c != '\n' && c != '\r' {
			return fmt.Sprintf("holds the control character %U; remove it", c)
		}
	}
	return ""
}
