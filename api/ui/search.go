package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"lexsearch/corpus"
	"lexsearch/search"
)

// pageFacets are the facets the sidebar shows, in order, with their labels.
// Each is also the name of its filter parameter.
var pageFacets = []struct{ name, label string }{
	{corpus.FieldStatutes, "Statute"},
	{corpus.FieldCourt, "Court"},
	{corpus.FieldType, "Document type"},
	{corpus.FieldYear, "Year"},
	{corpus.FieldParties, "Party"},
	{corpus.FieldJudges, "Judge"},
}

// filterParams are the parameters that narrow a search, in the order the
// chips show them.
var filterParams = []string{"statute", "court", "type", "year", "party", "judge", "lang", "from", "to"}

// typeLabels are the document types as a person reads them.
var typeLabels = map[string]string{
	corpus.TypeOpinion: "Opinion", corpus.TypeDocket: "Docket sheet", corpus.TypeCaseSummary: "Case summary",
	corpus.TypeReport: "Report", corpus.TypeArticle: "Article",
}

func typeLabel(t string) string {
	if l, ok := typeLabels[t]; ok {
		return l
	}
	return t
}

// Facet lists longer than facetShown values hide the rest behind "more…",
// unless the rest is one or two values: a "more…" that hides one is a
// click for nothing.
const (
	facetShown    = 6
	pageFacetSize = 100
	// maxLoosen bounds the extra searches an empty result runs to say which
	// filter or word to drop.
	maxLoosen = 8
)

type option struct {
	Value, Label string
	Selected     bool
}

// The types below are what the templates read. Every field is plain text
// or a URL we built; the templates escape each for its context.

type link struct {
	Label, URL string
}

// A hidden is a parameter the search form sends unchanged.
type hidden struct {
	Name, Value string
}

type queryError struct {
	Message           string
	Before, At, After string // the query split around the character at fault
	Pos               int
	HasAt, PastTheEnd bool
}

type hitView struct {
	Rank                          int
	ID, URL, Title, Type, Source  string
	Court, CourtID, Date, DateISO string
	Docket, Lang                  string
	Snippets                      []snippetView
	Statutes                      []link
}

type snippetView struct {
	URL     string
	Page    int
	Section string
	Parts   []part
}

type facetValue struct {
	ID, Param, Value, Label string
	Count                   int
	Known                   bool // false for a chosen value the counts do not list
	Checked                 bool
}

type facetView struct {
	Name, Label string
	Shown, More []facetValue
	Checked     int
}

type chip struct {
	Label, Value, RemoveURL string
}

type bar struct {
	Year, URL string
	Count     int
	Height    int // 0..20, a CSS class: the page has no style attributes
	Selected  bool
}

type loosen struct {
	Label, URL string
	Count      uint64
}

type pager struct {
	Prev, Next, First string
	Current, Last     int
	Numbers           []pageNumber
}

type pageNumber struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

type helpRow struct {
	Syntax, Meaning string
	Examples        []link
}

type searchView struct {
	Title       string
	Q           string
	QueryError  *queryError
	ParamError  string
	Sorts       []option
	Sizes       []option
	From, To    string
	Hidden      []hidden // filter values the form carries but shows nowhere else (lang)
	Searched    bool     // false when the page could not search at all
	Total       uint64
	TookMS      float64
	First, End  int
	Hits        []hitView
	Facets      []facetView
	Chips       []chip
	ClearAll    string
	Histogram   []bar
	HistMax     int
	Pager       pager
	Exports     []link
	FeedURL     string
	Loosen      []loosen
	Help        []helpRow
	Shortcuts   []shortcut
	FilterCount int
}

// Search renders the search page. req is the request package api read
// from the URL, with the same parameters the JSON API takes, or reqErr when
// the URL could not be read: the page then shows the error next to the box
// and answers 400, as the API would.
func (p *Pages) Search(w http.ResponseWriter, r *http.Request, req search.Request, reqErr error) {
	params := r.URL.Query()
	v := &searchView{Title: "Search", Q: params.Get("q"), From: params.Get("from"), To: params.Get("to"), Help: syntaxHelp(), Shortcuts: searchShortcuts}
	if v.Q != "" {
		v.Title = v.Q + " — search"
	}
	v.Sorts = options(params.Get("sort"), []option{{"relevance", "Relevance", false}, {"-date", "Newest first", false}, {"date", "Oldest first", false}})
	v.Sizes = options(params.Get("size"), []option{{"10", "10 per page", false}, {"25", "25 per page", false}, {"50", "50 per page", false}, {"100", "100 per page", false}})
	for _, l := range params["lang"] {
		v.Hidden = append(v.Hidden, hidden{Name: "lang", Value: l})
	}
	v.Chips, v.ClearAll = chips(params)
	v.FilterCount = len(v.Chips)

	status := http.StatusOK
	var res *search.Result
	if reqErr == nil {
		req.Facets = make([]string, 0, len(pageFacets))
		for _, f := range pageFacets {
			req.Facets = append(req.Facets, f.name)
		}
		if req.FacetSize == 0 {
			req.FacetSize = pageFacetSize
		}
		req.FacetPrefix = ""
		req.Explain = false
		ctx, cancel := context.WithTimeout(r.Context(), p.cfg.SearchTimeout)
		defer cancel()
		res, reqErr = p.idx.Search(ctx, req)
	}
	if reqErr != nil {
		var re *search.RequestError
		switch {
		case errors.As(reqErr, &re):
			status = http.StatusBadRequest
			if re.Param == "q" {
				v.QueryError = explainQueryError(v.Q, re)
			} else {
				v.ParamError = re.Error()
			}
		case errors.Is(reqErr, context.DeadlineExceeded):
			status = http.StatusGatewayTimeout
			v.ParamError = "The search took too long; narrow it with more words or filters."
		default:
			p.cfg.Logger.ErrorContext(r.Context(), "search page", "err", reqErr, "request_id", p.cfg.RequestID(r.Context()))
			p.renderError(w, r, http.StatusInternalServerError, "The search failed. The server log has the details.", "")
			return
		}
		v.Facets = facets(params, nil)
		p.render(w, r, status, "search", v)
		return
	}

	v.Searched = true
	v.Total, v.TookMS = res.Total, res.TookMS
	page := max(res.Page, 1)
	v.First = (page-1)*res.Size + 1
	v.End = v.First + len(res.Hits) - 1
	for i, h := range res.Hits {
		v.Hits = append(v.Hits, hitOf(h, v.First+i, v.Q, params))
	}
	v.Facets = facets(params, res.Facets)
	v.Histogram, v.HistMax = histogram(params, res.Histogram)
	v.Pager = paging(params, res, page)
	v.Exports = exports(params)
	v.FeedURL = feedURL(params)
	if res.Total == 0 {
		v.Loosen = p.loosen(r.Context(), params, req)
	}
	p.render(w, r, status, "search", v)
}

func options(current string, opts []option) []option {
	for i := range opts {
		opts[i].Selected = opts[i].Value == current
	}
	return opts
}

// explainQueryError splits the query around the character the parser
// stopped at, so the page can point at it.
func explainQueryError(q string, re *search.RequestError) *queryError {
	qe := &queryError{Message: strings.TrimPrefix(re.Error(), "q: ")}
	node, err := search.Parse(q)
	var pe *search.ParseError
	if node != nil || !errors.As(err, &pe) {
		return qe // not a syntax error: an unknown court in court:..., say
	}
	runes := []rune(q)
	qe.Pos = pe.Pos
	i := pe.Pos - 1
	switch {
	case i >= 0 && i < len(runes):
		qe.Before, qe.At, qe.After, qe.HasAt = string(runes[:i]), string(runes[i]), string(runes[i+1:]), true
	case i >= len(runes):
		qe.Before, qe.PastTheEnd, qe.HasAt = q, true, true
	}
	return qe
}

// searchURL is /search with params, dropping empty ones.
func searchURL(params url.Values) string {
	clean := url.Values{}
	for k, vs := range params {
		for _, v := range vs {
			if v != "" {
				clean.Add(k, v)
			}
		}
	}
	if len(clean) == 0 {
		return "/search"
	}
	return "/search?" + clean.Encode()
}

// narrowed returns params with the paging removed, for a link that changes
// what is searched: its first page is page 1.
func narrowed(params url.Values) url.Values {
	out := url.Values{}
	for k, vs := range params {
		if k != "page" && k != "cursor" {
			out[k] = slices.Clone(vs)
		}
	}
	return out
}

func without(params url.Values, key, value string) url.Values {
	out := narrowed(params)
	out[key] = slices.DeleteFunc(out[key], func(v string) bool { return v == value })
	return out
}

// chips lists the filters in force, each with the URL of the search
// without it, and the URL of the search without any.
func chips(params url.Values) ([]chip, string) {
	var out []chip
	clear := narrowed(params)
	for _, name := range filterParams {
		for _, v := range params[name] {
			if strings.TrimSpace(v) == "" {
				continue
			}
			label, value := name, v
			switch name {
			case "to":
				label = "until"
			case "type":
				value = typeLabel(v)
			case "court":
				value = courtLabel(v)
			}
			out = append(out, chip{Label: label, Value: value, RemoveURL: searchURL(without(params, name, v))})
		}
		delete(clear, name)
	}
	return out, searchURL(clear)
}

// courtLabel shows a court id with its name when the id is known.
func courtLabel(id string) string {
	if name := search.CourtName(id); name != "" && name != id {
		return name
	}
	return id
}

// hitOf builds one result; its statutes link to the current search
// narrowed to that statute (params nil: to all documents citing it).
func hitOf(h search.Hit, rank int, q string, params url.Values) hitView {
	docURL := "/documents/" + url.PathEscape(h.ID)
	if q != "" {
		docURL += "?" + url.Values{"q": {q}}.Encode()
	}
	v := hitView{Rank: rank, ID: h.ID, URL: docURL, Title: h.Title, Type: typeLabel(h.Type), Source: h.Source,
		Docket: h.Docket, Lang: h.Lang, DateISO: h.Date, Date: displayDate(h.Date)}
	if v.Title == "" {
		v.Title = h.Source
	}
	if h.Court != nil {
		v.Court, v.CourtID = h.Court.Name, h.Court.ID
	}
	for _, s := range h.Snippets {
		v.Snippets = append(v.Snippets, snippetView{URL: docURL + "#p" + strconv.Itoa(s.Page), Page: s.Page, Section: s.Section, Parts: snippetParts(s.Text)})
	}
	for _, s := range h.Statutes {
		next := narrowed(params)
		if !slices.Contains(next["statute"], s) {
			next.Add("statute", s)
		}
		v.Statutes = append(v.Statutes, link{Label: s, URL: searchURL(next)})
	}
	return v
}

// displayDate writes a YYYY-MM-DD date as "May 16, 2022".
func displayDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("January 2, 2006")
}

// facets builds the sidebar: every value with its count, the chosen ones
// ticked, and chosen values the counts do not list (an alias the user
// typed, say) kept so they can be unticked.
func facets(params url.Values, counts map[string][]search.Bucket) []facetView {
	var out []facetView
	for _, f := range pageFacets {
		fv := facetView{Name: f.name, Label: f.label}
		chosen := slices.Clone(params[f.name])
		var values []facetValue
		buckets := counts[f.name]
		if f.name == corpus.FieldYear {
			buckets = slices.Clone(buckets)
			slices.SortFunc(buckets, func(a, b search.Bucket) int { return strings.Compare(b.Value, a.Value) })
		}
		for _, b := range buckets {
			val := facetValue{Param: f.name, Value: b.Value, Label: b.Value, Count: b.Count, Known: true}
			switch f.name {
			case corpus.FieldCourt:
				if b.Name != "" {
					val.Label = b.Name
				}
			case corpus.FieldType:
				val.Label = typeLabel(b.Value)
			}
			for i, c := range chosen {
				if strings.EqualFold(c, b.Value) || b.Name != "" && strings.EqualFold(c, b.Name) {
					val.Checked, val.Value = true, c // keep the value as typed, so the URL stays the same
					chosen = slices.Delete(chosen, i, i+1)
					break
				}
			}
			values = append(values, val)
		}
		var extra []facetValue
		for _, c := range chosen {
			if c = strings.TrimSpace(c); c != "" {
				label := c
				switch f.name {
				case corpus.FieldCourt:
					label = courtLabel(c)
				case corpus.FieldType:
					label = typeLabel(c)
				}
				extra = append(extra, facetValue{Param: f.name, Value: c, Label: label, Checked: true})
			}
		}
		values = append(extra, values...)
		// Ticked values always show, so nothing chosen hides behind "more…".
		for i, val := range values {
			val.ID = fmt.Sprintf("f-%s-%d", f.name, i)
			if val.Checked {
				fv.Checked++
			}
			if len(fv.Shown) < facetShown || val.Checked || len(values) <= facetShown+2 {
				fv.Shown = append(fv.Shown, val)
			} else {
				fv.More = append(fv.More, val)
			}
		}
		out = append(out, fv)
	}
	return out
}

// histogram turns the year counts into bars scaled to the largest year;
// each bar links to the search narrowed to that year.
func histogram(params url.Values, years []search.Bucket) ([]bar, int) {
	most := 0
	for _, b := range years {
		most = max(most, b.Count)
	}
	years = fillYears(years)
	var out []bar
	for _, b := range years {
		next := narrowed(params)
		next["year"] = []string{b.Value}
		h := 0
		if most > 0 {
			h = (b.Count*20 + most - 1) / most
		}
		out = append(out, bar{Year: b.Value, URL: searchURL(next), Count: b.Count, Height: h,
			Selected: slices.Contains(params["year"], b.Value)})
	}
	return out, most
}

// paging links pages by number up to the depth page= reaches, and past it
// follows the result's cursor, as the API does.
func paging(params url.Values, res *search.Result, page int) pager {
	pg := pager{Current: page}
	base := narrowed(params)
	at := func(n int) string {
		u := narrowed(base)
		if n > 1 {
			u.Set("page", strconv.Itoa(n))
		}
		return searchURL(u)
	}
	size := max(res.Size, 1)
	lastByDepth := search.MaxDepth / size
	pg.Last = min(int((res.Total+uint64(size)-1)/uint64(size)), lastByDepth)
	if res.Page == 0 { // this page came from a cursor
		pg.First = at(1)
		pg.Current = 0
		if res.NextCursor != "" {
			u := narrowed(base)
			u.Set("cursor", res.NextCursor)
			pg.Next = searchURL(u)
		}
		return pg
	}
	if page > 1 {
		pg.Prev = at(page - 1)
	}
	if res.NextCursor != "" {
		if page+1 <= lastByDepth {
			pg.Next = at(page + 1)
		} else {
			u := narrowed(base)
			u.Set("cursor", res.NextCursor)
			pg.Next = searchURL(u)
		}
	}
	if pg.Last > 1 {
		prevN := 0
		for n := 1; n <= pg.Last; n++ {
			if n != 1 && n != pg.Last && (n < page-2 || n > page+2) {
				continue
			}
			if prevN != 0 && n > prevN+1 {
				pg.Numbers = append(pg.Numbers, pageNumber{Gap: true})
			}
			pg.Numbers = append(pg.Numbers, pageNumber{N: n, URL: at(n), Current: n == page})
			prevN = n
		}
	}
	return pg
}

// exports links the same search in the API's other formats. The
// downloads stream every hit, so they carry no page; the feed takes only
// the query and filters.
func exports(params url.Values) []link {
	all := narrowed(params)
	delete(all, "format")
	with := func(format string) string {
		u := narrowed(all)
		u.Set("format", format)
		return searchURL(u)
	}
	page := narrowed(params)
	for _, k := range []string{"page", "cursor"} {
		if params.Get(k) != "" {
			page.Set(k, params.Get(k))
		}
	}
	page.Set("format", "json")
	return []link{
		{"JSON", searchURL(page)},
		{"CSV", with("csv")},
		{"RIS", with("ris")},
		{"CSL-JSON", with("csl")},
		{"Atom feed", feedURL(params)},
	}
}

// feedURL is the search as an Atom feed, which takes only the query and
// the filters.
func feedURL(params url.Values) string {
	feed := url.Values{}
	for _, k := range append([]string{"q"}, filterParams...) {
		if vs := params[k]; len(vs) > 0 {
			feed[k] = slices.Clone(vs)
		}
	}
	if len(feed) == 0 {
		return "/feed.atom"
	}
	return "/feed.atom?" + feed.Encode()
}

// loosen says, for a search that found nothing, how many documents it
// would find without each filter value and without the query words, so the
// person knows what to drop.
func (p *Pages) loosen(ctx context.Context, params url.Values, req search.Request) []loosen {
	type candidate struct {
		label  string
		params url.Values
	}
	var cands []candidate
	if q := params.Get("q"); q != "" {
		if node, err := search.Parse(q); err == nil {
			if and, ok := node.(search.And); ok && len(and.Children) > 1 {
				for i, c := range and.Children {
					rest := slices.Delete(slices.Clone(and.Children), i, i+1)
					next := narrowed(params)
					next.Set("q", search.Format(search.And{Children: rest}))
					cands = append(cands, candidate{fmt.Sprintf("without %s", search.Format(c)), next})
				}
			}
		}
		next := narrowed(params)
		next.Del("q")
		cands = append(cands, candidate{"without the words " + strconv.Quote(q), next})
	}
	for _, name := range filterParams {
		for _, v := range params[name] {
			label := v
			if name == "court" {
				label = courtLabel(v)
			}
			cands = append(cands, candidate{fmt.Sprintf("without %s: %s", name, label), without(params, name, v)})
		}
	}
	var out []loosen
	for _, c := range cands {
		if len(out) >= maxLoosen {
			break
		}
		r := requestOf(c.params, req)
		r.Size, r.Facets = 1, []string{search.FacetNone}
		cctx, cancel := context.WithTimeout(ctx, p.cfg.SearchTimeout)
		res, err := p.idx.Search(cctx, r)
		cancel()
		if err != nil {
			continue
		}
		out = append(out, loosen{Label: c.label, URL: searchURL(c.params), Count: res.Total})
	}
	return out
}

// requestOf is req with its query and filters taken from params: the
// parameters were checked once already when req was read.
func requestOf(params url.Values, req search.Request) search.Request {
	req.Q = params.Get("q")
	req.Statutes, req.Courts, req.Parties, req.Judges = params["statute"], params["court"], params["party"], params["judge"]
	req.Types, req.Langs, req.Years = params["type"], params["lang"], params["year"]
	req.From, req.To = params.Get("from"), params.Get("to")
	req.Page, req.Cursor = 1, ""
	return req
}

// A shortcut is a key of the page script and what it does; the pages
// list them in their help.
type shortcut struct {
	Keys, Action string
}

var searchShortcuts = []shortcut{
	{"/", "focus the search box"},
	{"j / k", "next / previous result"},
	{"→ / ←  (or n / p)", "next / previous page of results"},
	{"Esc", "leave the search box"},
}

// syntaxHelp is every operator of the query language with an example
// that runs it (see search.Parse).
func syntaxHelp() []helpRow {
	ex := func(qs ...string) []link {
		var out []link
		for _, q := range qs {
			out = append(out, link{Label: q, URL: searchURL(url.Values{"q": {q}})})
		}
		return out
	}
	return []helpRow{
		{"words", "every word (AND is implied); words are stemmed, so liability also finds liabilities", ex("beneficiary liability")},
		{`"…"`, "the exact phrase", ex(`"affirmative defense"`)},
		{"OR, AND, NOT, -, +", "boolean logic, operators in capitals only; NOT binds tighter than AND, AND than OR", ex("FOSTA OR SESTA", "trafficking NOT Backpage", "trafficking -Backpage")},
		{"( )", "grouping", ex("(Twitter OR Salesforce) immunity")},
		{"field:value", "a word or phrase in one field: statute, court, party, judge, type, docket, citation, title, lang, year", ex("statute:FOSTA", "court:ilnd", `party:"Salesforce.com, Inc."`, "type:opinion", "year:2021")},
		{"word*", "words starting with the stem", ex("amend*")},
		{"word~, word~2", "words within one (two) edits: typos", ex("traficking~")},
		{`"…"~N`, "the words within N extra positions, in any order", ex(`"beneficiary liability"~5`)},
		{"w/N", "the two sides within N words of each other", ex(`"interactive computer service" w/20 publisher`)},
		{"/s, /p", "both in one sentence / one paragraph", ex("beneficiary /s TVPRA", "Twitter /p immunity")},
	}
}

// maxYearSpan bounds the years the histogram fills in between the oldest
// and newest: a stray "1066" must not draw a thousand empty bars.
const maxYearSpan = 60

// fillYears adds the missing years between the first and last with a count
// of 0, so the bars are a time axis and a gap shows as a gap.
func fillYears(years []search.Bucket) []search.Bucket {
	if len(years) < 2 {
		return years
	}
	first, err1 := strconv.Atoi(years[0].Value)
	last, err2 := strconv.Atoi(years[len(years)-1].Value)
	if err1 != nil || err2 != nil || last-first > maxYearSpan || last < first {
		return years
	}
	byYear := map[string]search.Bucket{}
	for _, b := range years {
		byYear[b.Value] = b
	}
	out := make([]search.Bucket, 0, last-first+1)
	for y := first; y <= last; y++ {
		v := strconv.Itoa(y)
		b, ok := byYear[v]
		if !ok {
			b = search.Bucket{Value: v}
		}
		out = append(out, b)
	}
	return out
}
