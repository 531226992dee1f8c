package ui

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"lexsearch/corpus"
	"lexsearch/search"
)

// similarShown is how many similar documents the document page lists.
const similarShown = 5

type metaRow struct {
	Label, Value, URL string
}

type entityItem struct {
	Label, URL string
	Count      int
	Pages      []int
}

type entityGroup struct {
	Kind, Label string
	Items       []entityItem
}

type pageView struct {
	Number  int
	Anchor  string
	Paras   [][]part
	Matched bool
}

type docView struct {
	Title, ID, Q     string
	Lang             string // the language of the text, for screen readers and hyphenation
	Meta             []metaRow
	Entities         []entityGroup
	Pages            []pageView
	MatchPages       []int
	CiteBefore       string
	CiteAfter        string
	FirstPage        int
	BackURL          string
	OriginalURL      string
	TextURL, JSONURL string
	SimilarURL       string
	Similar          []hitView
	Shortcuts        []shortcut
}

// entityKinds are the entity groups of the document page, in order, with
// the filter or query each value links to.
var entityKinds = []struct {
	kind, label string
	link        func(norm string) url.Values
}{
	{"statute", "Statutes", func(n string) url.Values { return url.Values{"statute": {n}} }},
	{"citation", "Cases cited", func(n string) url.Values { return url.Values{"q": {"citation:" + strconv.Quote(n)}} }},
	{"court", "Courts", func(n string) url.Values { return url.Values{"court": {n}} }},
	{"party", "Parties", func(n string) url.Values { return url.Values{"party": {n}} }},
	{"judge", "Judges", func(n string) url.Values { return url.Values{"judge": {n}} }},
	{"docket", "Docket numbers", func(n string) url.Values { return url.Values{"q": {"docket:" + strconv.Quote(n)}} }},
	{"date", "Dates", nil},
}

// Document renders the document page of id: its metadata, entities, and
// text page by page with the words of q (from the URL) marked.
func (p *Pages) Document(w http.ResponseWriter, r *http.Request, id string) {
	doc, err := p.idx.Document(r.Context(), id)
	if errors.Is(err, corpus.ErrNotFound) {
		p.renderError(w, r, http.StatusNotFound, "There is no document with this id. It may have been removed or re-ingested under a new name.", "Document not found")
		return
	}
	if err != nil {
		p.cfg.Logger.ErrorContext(r.Context(), "document page", "err", err, "request_id", p.cfg.RequestID(r.Context()))
		p.renderError(w, r, http.StatusInternalServerError, "The document could not be read. The server log has the details.", "")
		return
	}
	q := r.URL.Query().Get("q")
	base := "/documents/" + url.PathEscape(doc.ID)
	v := &docView{Title: doc.Title, ID: doc.ID, Q: q, OriginalURL: base + "/original", TextURL: base + "/text",
		JSONURL: base + "?format=json", SimilarURL: base + "/similar", Shortcuts: documentShortcuts}
	if v.Title == "" {
		v.Title = doc.Source
	}
	v.Lang = doc.Lang
	back := url.Values{}
	if q != "" {
		back.Set("q", q)
	}
	v.BackURL = searchURL(back)

	courtName := ""
	if doc.Court != "" {
		courtName = courtLabel(doc.Court)
	}
	v.Meta = documentMeta(doc, courtName)
	v.Entities = entityGroups(doc)

	h := newHighlighter(q)
	anchors := map[string]bool{}
	for i, pg := range doc.Pages {
		pv := pageView{Number: pg.Number, Anchor: "p" + strconv.Itoa(pg.Number)}
		if anchors[pv.Anchor] { // two pages stamped alike: the second gets its position too
			pv.Anchor += "-" + strconv.Itoa(i+1)
		}
		anchors[pv.Anchor] = true
		for _, para := range paragraphs(pg.Text) {
			parts, marked := h.parts(para)
			pv.Paras = append(pv.Paras, parts)
			pv.Matched = pv.Matched || marked
		}
		if pv.Matched {
			v.MatchPages = append(v.MatchPages, pg.Number)
		}
		v.Pages = append(v.Pages, pv)
	}
	if len(doc.Pages) > 0 {
		v.FirstPage = doc.Pages[0].Number
	}
	v.CiteBefore, v.CiteAfter = search.PinCite(doc, courtName)

	ctx, cancel := context.WithTimeout(r.Context(), p.cfg.SearchTimeout)
	defer cancel()
	if sim, err := p.idx.Similar(ctx, doc.ID, similarShown); err == nil {
		for i, hit := range sim.Hits {
			hv := hitOf(hit, i+1, "", nil)
			hv.Snippets = nil
			v.Similar = append(v.Similar, hv)
		}
	} else {
		// The page is still worth showing without its similar documents.
		p.cfg.Logger.WarnContext(r.Context(), "similar documents", "err", err, "request_id", p.cfg.RequestID(r.Context()))
	}
	p.render(w, r, http.StatusOK, "document", v)
}

func documentMeta(doc *corpus.Document, courtName string) []metaRow {
	var rows []metaRow
	add := func(label, value, u string) {
		if value != "" {
			rows = append(rows, metaRow{label, value, u})
		}
	}
	add("Type", typeLabel(doc.Type), searchURL(url.Values{"type": {doc.Type}}))
	if courtName != "" {
		add("Court", courtName+" ("+doc.Court+")", searchURL(url.Values{"court": {doc.Court}}))
	}
	add("Docket", doc.Docket, searchURL(url.Values{"q": {"docket:" + strconv.Quote(doc.Docket)}}))
	add("Date", displayDate(doc.Date), "")
	add("Language", doc.Lang, "")
	n := len(doc.Pages)
	if n > 0 {
		add("Pages", strconv.Itoa(n)+" ("+strconv.Itoa(doc.Pages[0].Number)+"–"+strconv.Itoa(doc.Pages[n-1].Number)+")", "")
	}
	add("Source file", doc.Source, "")
	add("Id", doc.ID, "")
	return rows
}

// entityGroups groups the document's mentions by kind, one item per
// canonical value with the pages it is on, most mentioned first.
func entityGroups(doc *corpus.Document) []entityGroup {
	var out []entityGroup
	for _, k := range entityKinds {
		byNorm := map[string]*entityItem{}
		var order []string
		for _, e := range doc.Entities {
			if e.Kind != k.kind || e.Norm == "" {
				continue
			}
			it, ok := byNorm[e.Norm]
			if !ok {
				label := e.Norm
				if k.kind == "court" {
					label = courtLabel(e.Norm)
				}
				it = &entityItem{Label: label}
				if k.link != nil {
					it.URL = searchURL(k.link(e.Norm))
				}
				byNorm[e.Norm] = it
				order = append(order, e.Norm)
			}
			it.Count++
			if e.Page > 0 && !slices.Contains(it.Pages, e.Page) {
				it.Pages = append(it.Pages, e.Page)
			}
		}
		if len(order) == 0 {
			continue
		}
		g := entityGroup{Kind: k.kind, Label: k.label}
		for _, n := range order {
			slices.Sort(byNorm[n].Pages)
			g.Items = append(g.Items, *byNorm[n])
		}
		slices.SortStableFunc(g.Items, func(a, b entityItem) int { return b.Count - a.Count })
		out = append(out, g)
	}
	return out
}

// paragraphs splits a page's text at blank lines; line breaks inside a
// paragraph are kept by the stylesheet (docket entries, captions).
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.Trim(p, "\n"); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

var documentShortcuts = []shortcut{
	{"j / k", "next / previous page of the text"},
	{"c", "copy the pin cite of the page you are on"},
	{"/", "back to the search box"},
}
