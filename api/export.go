package api

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"lexsearch/search"
)

// An exporter writes every hit of a search in one format, as it comes.
type exporter struct {
	contentType string
	ext         string
	begin       func(w io.Writer) error
	row         func(w io.Writer, h search.Hit, base string) error
	end         func(w io.Writer) error
}

func exporters(format string, passages bool) exporter {
	none := func(io.Writer) error { return nil }
	switch {
	case format == "csv" && passages:
		return exporter{"text/csv; charset=utf-8", "csv",
			func(w io.Writer) error { return writeCSV(w, passageHeader) },
			func(w io.Writer, h search.Hit, base string) error {
				for _, p := range passagesOf(h, base) {
					if err := writeCSV(w, p.row()); err != nil {
						return err
					}
				}
				return nil
			}, none}
	case format == "ndjson" && passages:
		return exporter{"application/x-ndjson", "ndjson", none,
			func(w io.Writer, h search.Hit, base string) error {
				enc := json.NewEncoder(w)
				enc.SetEscapeHTML(false)
				for _, p := range passagesOf(h, base) {
					if err := enc.Encode(p); err != nil {
						return err
					}
				}
				return nil
			}, none}
	case format == "csv":
		return exporter{"text/csv; charset=utf-8", "csv",
			func(w io.Writer) error { return writeCSV(w, csvHeader) },
			func(w io.Writer, h search.Hit, base string) error { return writeCSV(w, csvRow(h, base)) },
			none}
	case format == "ndjson":
		return exporter{"application/x-ndjson", "ndjson", none,
			func(w io.Writer, h search.Hit, _ string) error {
				enc := json.NewEncoder(w)
				enc.SetEscapeHTML(false)
				return enc.Encode(h)
			}, none}
	case format == "ris":
		return exporter{"application/x-research-info-systems; charset=utf-8", "ris", none, writeRIS, none}
	}
	// CSL-JSON is one array; its elements are written as they come.
	first := true
	return exporter{"application/vnd.citationstyles.csl+json", "json",
		func(w io.Writer) error { _, err := io.WriteString(w, "[\n"); return err },
		func(w io.Writer, h search.Hit, base string) error {
			if !first {
				if _, err := io.WriteString(w, ",\n"); err != nil {
					return err
				}
			}
			first = false
			js, err := json.Marshal(cslItem(h, base))
			if err != nil {
				return err
			}
			_, err = w.Write(js)
			return err
		},
		func(w io.Writer) error { _, err := io.WriteString(w, "\n]\n"); return err }}
}

// A passage is one matching passage of a hit, a row of an export with
// passages=true: where it is (page, section) and how to cite it there.
type passage struct {
	ID      string        `json:"id"`
	Title   string        `json:"title"`
	Court   *search.Court `json:"court,omitempty"`
	Date    string        `json:"date,omitempty"`
	Page    int           `json:"page"`
	Section string        `json:"section,omitempty"`
	Snippet string        `json:"snippet"` // plain text, no markup
	PinCite string        `json:"pin_cite"`
	URL     string        `json:"url"`
}

var passageHeader = []string{"id", "title", "court", "court_name", "date", "page", "section", "snippet", "pin_cite", "url"}

func (p passage) row() []string {
	court, courtName := "", ""
	if p.Court != nil {
		court, courtName = p.Court.ID, p.Court.Name
	}
	row := []string{p.ID, p.Title, court, courtName, p.Date, strconv.Itoa(p.Page), p.Section, p.Snippet, p.PinCite, p.URL}
	for i, cell := range row {
		row[i] = csvSafe(cell)
	}
	return row
}

// passagesOf lists the passages of h that matched the query; a hit found
// by filters alone has none that matched, and gives its opening lines.
func passagesOf(h search.Hit, base string) []passage {
	var out []passage
	for _, s := range h.Snippets {
		if !s.Matched() && h.PinPage() != 0 {
			continue
		}
		out = append(out, passage{ID: h.ID, Title: h.Title, Court: h.Court, Date: h.Date, Page: s.Page, Section: s.Section,
			Snippet: search.PlainSnippet(s.Text, "", ""), PinCite: h.PinCite(s.Page), URL: documentURL(base, h.ID) + "#p" + strconv.Itoa(s.Page)})
	}
	return out
}

// documentURL is the address of a document's page.
func documentURL(base, id string) string { return base + "/documents/" + url.PathEscape(id) }

// export streams the whole result set. Problems found before the first
// byte (a bad query) are problem+json as usual; a failure after that can
// only cut the stream short, and is logged.
//
// The whole export runs under cfg.ExportTimeout: a client reading slowly,
// or never, cannot hold a search slot and an index snapshot for ever.
func export(w http.ResponseWriter, r *http.Request, logger *slog.Logger, idx Index, req search.Request, format string, cfg Config) {
	ex := exporters(format, req.Passages)
	ctx, cancel := context.WithTimeout(r.Context(), cfg.ExportTimeout)
	defer cancel()
	flush := func() error { return http.NewResponseController(w).Flush() }
	started, n, err := streamExport(ctx, w, flush, idx, req, format, cfg.BaseURL, func(total uint64) {
		w.Header().Set("Content-Type", ex.contentType)
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="lexsearch.%s"`, ex.ext))
		w.Header().Set("X-Total-Count", strconv.FormatUint(total, 10))
		w.WriteHeader(http.StatusOK)
	})
	if !started {
		writeError(w, r, logger, err)
		return
	}
	if err != nil {
		logger.WarnContext(r.Context(), "export cut short", "format", format, "rows", n, "err", err, "request_id", requestID(r.Context()))
	}
}

// ExportFormats are the formats Export writes.
func ExportFormats() []string { return slices.Clone(exportFormats) }

// Export writes every hit of req to w in format (csv, ndjson, ris or csl),
// exactly as GET /search?format=... does, with links to documents under
// base (http://host:port): the command line's exports are the API's.
func Export(ctx context.Context, w io.Writer, idx Index, req search.Request, format, base string) error {
	if !slices.Contains(exportFormats, format) {
		return fmt.Errorf("%q is not an export format; use one of %s", format, strings.Join(exportFormats, ", "))
	}
	req, err := exportRequest(req, format)
	if err != nil {
		return err
	}
	_, _, err = streamExport(ctx, w, nil, idx, req, format, strings.TrimRight(base, "/"), nil)
	return err
}

// exportRequest checks passages against format, and asks for the
// passages RIS and CSL-JSON need: they carry the page of the first passage
// that matched as the pin cite (a search by filters alone has none).
func exportRequest(req search.Request, format string) (search.Request, error) {
	if req.Passages && format != "csv" && format != "ndjson" {
		return req, &search.RequestError{Param: "passages", Reason: "one row per passage is for format=csv or format=ndjson"}
	}
	if (format == "ris" || format == "csl") && strings.TrimSpace(req.Q) != "" {
		req.Passages = true
	}
	return req, nil
}

// streamExport writes every hit of req in format to w, calling onTotal
// with the number of hits before the first byte, and flush (when not nil)
// every exportFlushEvery rows. started says whether anything was written:
// when not, err is a problem with the request, not a cut stream.
func streamExport(ctx context.Context, w io.Writer, flush func() error, idx Index, req search.Request, format, base string,
	onTotal func(uint64)) (started bool, n int, err error) {
	ex := exporters(format, req.Passages)
	bw := bufio.NewWriterSize(w, 32<<10)
	err = idx.Each(ctx, req, func(total uint64) {
		started = true
		if onTotal != nil {
			onTotal(total)
		}
	}, func(h search.Hit) error {
		if n == 0 {
			if err := ex.begin(bw); err != nil {
				return err
			}
		}
		n++
		if err := ex.row(bw, h, base); err != nil {
			return err
		}
		if n%exportFlushEvery == 0 {
			if err := bw.Flush(); err != nil {
				return err
			}
			if flush != nil {
				_ = flush()
			}
		}
		return nil
	})
	if !started {
		return false, 0, err
	}
	if err == nil && n == 0 {
		err = ex.begin(bw)
	}
	if err == nil {
		err = ex.end(bw)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return true, n, err
}

// exportFlushEvery rows, the export is pushed to the client, so a large
// export starts arriving at once and memory stays flat.
const exportFlushEvery = 200

var csvHeader = []string{"id", "source", "title", "type", "court", "court_name", "docket", "date", "lang", "statutes", "score", "url"}

func csvRow(h search.Hit, base string) []string {
	court, courtName := "", ""
	if h.Court != nil {
		court, courtName = h.Court.ID, h.Court.Name
	}
	row := []string{h.ID, h.Source, h.Title, h.Type, court, courtName, h.Docket, h.Date, h.Lang,
		strings.Join(h.Statutes, "; "), strconv.FormatFloat(h.Score, 'f', -1, 64), documentURL(base, h.ID)}
	for i, cell := range row {
		row[i] = csvSafe(cell)
	}
	return row
}

// csvSafe keeps a spreadsheet from running a cell as a formula: a value
// starting with = + - @ (or a tab or carriage return, which some
// spreadsheets skip before looking) gets a leading apostrophe, the
// spreadsheet convention for "this is text" (OWASP's CSV-injection advice).
// Titles and party names come from ingested files, which anyone may write.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func writeCSV(w io.Writer, rec []string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(rec); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// risTypes maps our document types to RIS reference types.
var risTypes = map[string]string{
	"opinion": "CASE", "docket": "CASE", "case-summary": "CASE", "report": "RPRT", "article": "ELEC",
}

// writeRIS writes one RIS record. Tags are two letters, two spaces, a
// dash and a space; a record ends with "ER  - ".
func writeRIS(w io.Writer, h search.Hit, base string) error {
	var b strings.Builder
	tag := func(t, v string) {
		if v = strings.Join(strings.Fields(v), " "); v != "" {
			fmt.Fprintf(&b, "%s  - %s\r\n", t, v)
		}
	}
	tag("TY", risTypes[h.Type])
	tag("TI", h.Title)
	if len(h.Date) >= 4 {
		tag("PY", h.Date[:4])
		tag("DA", strings.ReplaceAll(h.Date, "-", "/"))
	}
	if h.Court != nil {
		tag("PB", h.Court.Name)
	}
	tag("CN", h.Docket) // Zotero reads a case's docket number from CN
	if p := h.PinPage(); p > 0 {
		tag("SP", strconv.Itoa(p)) // the pin cite: the page of the first passage that matched
	}
	for _, s := range h.Statutes {
		tag("KW", s)
	}
	tag("LA", h.Lang)
	tag("UR", documentURL(base, h.ID))
	tag("N1", "source: "+h.Source)
	tag("ID", h.ID)
	b.WriteString("ER  - \r\n\r\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// cslTypes maps our document types to CSL item types.
var cslTypes = map[string]string{
	"opinion": "legal_case", "docket": "legal_case", "case-summary": "legal_case", "report": "report", "article": "article",
}

// cslItem is one CSL-JSON item, for citation managers (Zotero, Pandoc).
func cslItem(h search.Hit, base string) map[string]any {
	item := map[string]any{"id": h.ID, "type": cslTypes[h.Type], "title": h.Title, "URL": documentURL(base, h.ID)}
	if h.Court != nil {
		item["authority"] = h.Court.Name
	}
	if h.Docket != "" {
		item["number"] = h.Docket
	}
	if h.Lang != "" {
		item["language"] = h.Lang
	}
	if p := h.PinPage(); p > 0 {
		// The pin cite: the page of the first passage that matched. CSL
		// reads it as the cite's locator; page is the item's own field.
		item["locator"] = strconv.Itoa(p)
		item["page"] = strconv.Itoa(p)
	}
	if parts := dateParts(h.Date); parts != nil {
		item["issued"] = map[string]any{"date-parts": [][]int{parts}}
	}
	return item
}

// dateParts splits YYYY-MM-DD into numbers.
func dateParts(date string) []int {
	var parts []int
	for _, p := range strings.Split(date, "-") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil
		}
		parts = append(parts, n)
	}
	return parts
}
