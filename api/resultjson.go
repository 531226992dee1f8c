package api

import (
	"math"
	"slices"
	"strconv"

	"lexsearch/internal/jsonstr"
	"lexsearch/search"
)

// appendResult appends res as encodeTo writes it (indented by two
// spaces, HTML not escaped, a newline at the end), written field by field
// instead of through reflection and a second pass that indents: that was
// the largest cost of writing a search page. It reports false, and
// appends nothing, for what encoding/json would refuse (a score that is
// not a number). TestResultJSONIsEncodingJSON holds it to encoding/json's
// bytes, for every field of the types.
func appendResult(b []byte, res *search.Result) ([]byte, bool) {
	if !finite(res.TookMS) || slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return !finite(h.Score) }) {
		return b, false
	}
	w := jsonWriter{b: b}
	w.open('{')
	w.key("total")
	w.b = strconv.AppendUint(w.b, res.Total, 10)
	w.key("took_ms")
	w.float(res.TookMS)
	w.key("hits")
	if res.Hits == nil {
		w.null()
	} else {
		w.open('[')
		for i := range res.Hits {
			w.elem()
			w.hit(&res.Hits[i])
		}
		w.close(']')
	}
	w.key("facets")
	writeMap(&w, res.Facets, w.buckets)
	w.key("histogram")
	w.buckets(res.Histogram)
	if res.Page != 0 {
		w.key("page")
		w.b = strconv.AppendInt(w.b, int64(res.Page), 10)
	}
	w.key("size")
	w.b = strconv.AppendInt(w.b, int64(res.Size), 10)
	w.optString("next_cursor", res.NextCursor)
	w.optString("next", res.Next)
	w.optString("previous", res.Previous)
	w.close('}')
	w.b = append(w.b, '\n')
	return w.b, true
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// jsonWriter writes JSON indented as json.Indent does: every member and
// element on a line of its own, "{}" and "[]" when empty.
type jsonWriter struct {
	b     []byte
	depth int
	empty bool // nothing written yet in the object or array just opened
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.b = append(w.b, c)
	w.empty = false
}

func (w *jsonWriter) newline() {
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, "  "...)
	}
}

// elem starts an element of an array, or a member of an object.
func (w *jsonWriter) elem() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.empty = false
	w.newline()
}

func (w *jsonWriter) key(k string) {
	w.elem()
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ':', ' ')
}

func (w *jsonWriter) null() { w.b = append(w.b, "null"...) }

func (w *jsonWriter) str(s string) { w.b = appendJSONString(w.b, s) }

func (w *jsonWriter) optString(k, s string) {
	if s != "" {
		w.key(k)
		w.str(s)
	}
}

// float writes f as encoding/json does (ES6 number formatting).
func (w *jsonWriter) float(f float64) {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	w.b = strconv.AppendFloat(w.b, f, format, -1, 64)
	if format == 'e' { // e-09 -> e-9
		n := len(w.b)
		if n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}

func (w *jsonWriter) strings(ss []string) {
	if ss == nil {
		w.null()
		return
	}
	w.open('[')
	for _, s := range ss {
		w.elem()
		w.str(s)
	}
	w.close(']')
}

// writeMap writes m as an object with its keys in order, as
// encoding/json does, or null for a nil map.
func writeMap[V any](w *jsonWriter, m map[string]V, value func(V)) {
	if m == nil {
		w.null()
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.open('{')
	for _, k := range keys {
		w.key(k)
		value(m[k])
	}
	w.close('}')
}

func (w *jsonWriter) buckets(bs []search.Bucket) {
	if bs == nil {
		w.null()
		return
	}
	w.open('[')
	for _, bk := range bs {
		w.elem()
		w.open('{')
		w.key("value")
		w.str(bk.Value)
		w.optString("name", bk.Name)
		w.key("count")
		w.b = strconv.AppendInt(w.b, int64(bk.Count), 10)
		w.close('}')
	}
	w.close(']')
}

func (w *jsonWriter) hit(h *search.Hit) {
	w.open('{')
	w.key("id")
	w.str(h.ID)
	w.key("source")
	w.str(h.Source)
	w.key("title")
	w.str(h.Title)
	w.key("type")
	w.str(h.Type)
	if h.Court != nil {
		w.key("court")
		w.open('{')
		w.key("id")
		w.str(h.Court.ID)
		w.key("name")
		w.str(h.Court.Name)
		w.close('}')
	}
	w.optString("docket", h.Docket)
	w.optString("date", h.Date)
	w.optString("lang", h.Lang)
	w.key("score")
	w.float(h.Score)
	if len(h.Snippets) > 0 {
		w.key("snippets")
		w.open('[')
		for _, s := range h.Snippets {
			w.elem()
			w.open('{')
			w.key("page")
			w.b = strconv.AppendInt(w.b, int64(s.Page), 10)
			w.optString("section", s.Section)
			w.key("text")
			w.str(s.Text)
			w.close('}')
		}
		w.close(']')
	}
	if len(h.Statutes) > 0 {
		w.key("statutes")
		w.strings(h.Statutes)
	}
	if e := h.Explain; e != nil {
		w.key("explain")
		w.open('{')
		w.key("matched")
		writeMap(w, e.Matched, w.strings)
		if len(e.Aliases) > 0 {
			w.key("aliases")
			w.open('[')
			for _, a := range e.Aliases {
				w.elem()
				w.open('{')
				w.key("field")
				w.str(a.Field)
				w.key("typed")
				w.str(a.Typed)
				w.key("canonical")
				w.str(a.Canonical)
				w.close('}')
			}
			w.close(']')
		}
		w.close('}')
	}
	w.close('}')
}

// appendJSONString appends s quoted as the API's encoder quotes a
// string: HTML escaping off, since snippets carry <mark>.
func appendJSONString(b []byte, s string) []byte { return jsonstr.Append(b, s, false) }
