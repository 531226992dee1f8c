package api

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"lexsearch/corpus"
	"lexsearch/search"
)

func handleDocument(logger *slog.Logger, idx Index, originals fs.FS) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// format=json is how a browser asks for the JSON instead of the
		// page (see pages.go); it is the only format here.
		if f := r.URL.Query().Get("format"); f != "" && f != "json" {
			writeProblem(w, r, problem{Status: http.StatusBadRequest, Param: "format",
				Detail: fmt.Sprintf("format %q: a document is JSON (format=json), its text is /documents/{id}/text", f)})
			return
		}
		doc, err := idx.Metadata(r.Context(), pathVar(r, "id"))
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		serveConditional(w, r, "application/json; charset=utf-8", ingestTime(originals, doc), marshal(documentView(doc)))
	}
}

// documentView is a document as /documents/{id} shows it: the metadata and
// every entity mention with its page, but not the text (that is /text).
func documentView(doc *corpus.Document) documentJSON {
	v := documentJSON{ID: doc.ID, Source: doc.Source, Format: doc.Format, Title: doc.Title, Type: doc.Type,
		Docket: doc.Docket, Date: doc.Date, Year: doc.Year, Lang: doc.Lang,
		Statutes: doc.Statutes, Citations: doc.Citations, Parties: doc.Parties, Judges: doc.Judges,
		PageNumbers: doc.PageNumbers, Entities: doc.Entities, Sections: doc.Sections,
		Text: "/documents/" + doc.ID + "/text", Original: "/documents/" + doc.ID + "/original"}
	v.Court = search.CourtOf(doc.Court)
	return v
}

// handleDocumentText writes the clean text with a marker line before each
// page, so a reader (or grep) can tell which page a passage is on;
// page=N or pages=A-B keep only the pages so numbered.
func handleDocumentText(logger *slog.Logger, idx Index, originals fs.FS) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		lo, hi, err := pageRange(r.URL.Query())
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		doc, err := idx.Document(r.Context(), pathVar(r, "id"))
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		var pages []corpus.Page
		for _, p := range doc.Pages {
			if p.Number >= lo && p.Number <= hi {
				pages = append(pages, p)
			}
		}
		if len(pages) == 0 && len(doc.Pages) > 0 {
			first, last := doc.Pages[0].Number, doc.Pages[len(doc.Pages)-1].Number
			writeProblem(w, r, problem{Status: http.StatusNotFound, Param: pageParamName(r.URL.Query()),
				Detail: fmt.Sprintf("no such page: the document has %d pages, numbered %d to %d", len(doc.Pages), first, last)})
			return
		}
		var b bytes.Buffer
		for _, p := range pages {
			fmt.Fprintf(&b, "=== page %d ===\n%s\n\n", p.Number, strings.TrimRight(p.Text, "\n"))
		}
		serveConditional(w, r, "text/plain; charset=utf-8", ingestTime(originals, doc), b.Bytes())
	}
}

// pageParamName is the page parameter a request used, for its problems.
func pageParamName(q url.Values) string {
	if q.Has("pages") {
		return "pages"
	}
	return "page"
}

// pageRange reads page=N or pages=A-B (or pages=N): the page numbers to
// keep, inclusive; neither means every page.
func pageRange(q url.Values) (lo, hi int, err error) {
	page, pages := q.Get("page"), q.Get("pages")
	switch {
	case page != "" && pages != "":
		return 0, 0, &search.RequestError{Param: "pages", Reason: "give page=N or pages=A-B, not both"}
	case page != "":
		n, err := strconv.Atoi(page)
		if err != nil || n < 0 {
			return 0, 0, &search.RequestError{Param: "page", Reason: fmt.Sprintf("%q is not a page number", page)}
		}
		return n, n, nil
	case pages != "":
		a, b, ok := strings.Cut(pages, "-")
		if !ok {
			b = a
		}
		lo, err1 := strconv.Atoi(strings.TrimSpace(a))
		hi, err2 := strconv.Atoi(strings.TrimSpace(b))
		if err1 != nil || err2 != nil || lo < 0 || hi < lo {
			return 0, 0, &search.RequestError{Param: "pages", Reason: fmt.Sprintf("%q is not a page range; write pages=3-5", pages)}
		}
		return lo, hi, nil
	}
	return math.MinInt, math.MaxInt, nil
}

// handleOriginal serves the file as it was ingested.
func handleOriginal(logger *slog.Logger, idx Index, originals fs.FS) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := pathVar(r, "id")
		doc, err := idx.Metadata(r.Context(), id)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		if originals == nil {
			writeError(w, r, logger, corpus.ErrNotFound)
			return
		}
		name := path.Base(doc.Source)
		f, err := originals.Open(id + "/" + name)
		if errors.Is(err, fs.ErrNotExist) {
			writeProblem(w, r, problem{Status: http.StatusNotFound,
				Detail: fmt.Sprintf("the original of %q is not kept in this data directory; re-ingest it", doc.Source)})
			return
		}
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		defer f.Close()
		// The type comes from the bytes, never the name: a kept .xhtml or
		// .svg must not become a page that runs on our origin. A PDF may
		// open in the browser; everything else downloads as plain text.
		br := bufio.NewReader(f)
		head, _ := br.Peek(1024)
		ctype, disposition := "text/plain; charset=utf-8", "attachment"
		if bytes.Contains(head, []byte("%PDF-")) {
			ctype, disposition = "application/pdf", "inline"
		}
		w.Header().Set("Content-Type", ctype)
		cd := mime.FormatMediaType(disposition, map[string]string{"filename": name})
		if cd == "" { // a name mime cannot quote
			cd = disposition
		}
		w.Header().Set("Content-Disposition", cd)
		w.Header().Set("Content-Security-Policy", "sandbox")
		if r.Method == http.MethodHead {
			return
		}
		_, _ = io.Copy(w, br)
	}
}

// similarSize is how many similar documents are listed unless size= says.
const similarSize = 10

func handleSimilar(logger *slog.Logger, idx Index, cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		format, err := outputFormat(r)
		if err == nil && format != "json" && format != "text" {
			err = &search.RequestError{Param: "format", Reason: "similar documents come as json or text"}
		}
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		size, err := intParam(q, "size")
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		if size == 0 {
			size = similarSize
		}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.SearchTimeout)
		defer cancel()
		res, err := idx.Similar(ctx, pathVar(r, "id"), size)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		writeResult(w, r, search.Request{}, res, format)
	}
}

func handleEntities(logger *slog.Logger, idx Index, cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if err := rejectUnknown(q, []string{"prefix", "size"}); err != nil {
			writeError(w, r, logger, err)
			return
		}
		size, err := intParam(q, "size")
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.SearchTimeout)
		defer cancel()
		kind := pathVar(r, "kind")
		values, err := idx.Entities(ctx, kind, q.Get("prefix"), size)
		if err != nil {
			writeError(w, r, logger, err)
			return
		}
		if values == nil {
			values = []search.EntityValue{}
		}
		writeJSON(w, r, entitiesJSON{Kind: kind, Values: values})
	}
}
