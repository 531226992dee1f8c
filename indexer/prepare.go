package indexer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"lexsearch/corpus"
	"lexsearch/indexer/entity"
	"lexsearch/indexer/extract"
)

// Prepare turns the bytes of one source file into a Document: it checks the
// format against the content, extracts the text page by page, tags the
// entities and folds them into the document's facets. It touches no index
// and reads no file, so it is safe to call from several goroutines; with
// Options.WorkerCommand the extraction runs in a worker process.
func (ix *Indexer) Prepare(ctx context.Context, src corpus.Source, data []byte) (*corpus.Document, error) {
	res, format, err := ix.Extract(ctx, src, data)
	if err != nil {
		return nil, err
	}
	return ix.Build(src, format, res)
}

// Build is the second half of Prepare: it tags the extracted text and
// folds text, metadata and mentions into a Document.
func (ix *Indexer) Build(src corpus.Source, format corpus.Format, res *extract.Result) (*corpus.Document, error) {
	doc := &corpus.Document{
		ID:     src.ID,
		Source: src.Path,
		Format: format,
		Lang:   res.Meta.Lang,
	}
	for _, p := range res.Pages {
		if strings.TrimSpace(p.Text) != "" {
			doc.Pages = append(doc.Pages, corpus.Page{Number: p.Number, Text: p.Text})
		}
	}
	if len(doc.Pages) == 0 {
		return nil, errEmpty
	}

	for _, sec := range res.Sections {
		doc.Sections = append(doc.Sections, corpus.Section{Page: sec.Page, Offset: sec.Offset, Title: sec.Title})
	}
	mentions := ix.tagPages(doc.Pages)
	hc := &headCaption{doc: doc}
	fold(doc, mentions, res.Meta, hc, ix.parties.normalize)
	doc.Type = classify(doc, res.Meta, hc)
	doc.Title = title(doc, res.Meta, hc)
	if err := doc.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", extract.ErrMalformed, err)
	}
	return doc, nil
}

// Extract checks the file's format against its content and extracts its
// text and metadata: the first half of Prepare, for `lexsearch extract`.
func (ix *Indexer) Extract(ctx context.Context, src corpus.Source, data []byte) (*extract.Result, corpus.Format, error) {
	format := corpus.Sniff(src.Format, data)
	if format == "" {
		return nil, "", fmt.Errorf("%w: %s", extract.ErrUnsupported, describeUnsupported(src.Path))
	}
	opts := extract.Options{MaxBytes: ix.opts.MaxBytes, PDFEngine: ix.opts.PDFEngine, OCR: ix.opts.OCR}
	res, err := ix.extractData(ctx, string(format), opts, data)
	if errors.Is(err, extract.ErrNoText) && format != corpus.FormatPDF {
		// Only a scan needs OCR; a text file without words is just empty.
		return nil, "", fmt.Errorf("%w: %w", errEmpty, err)
	}
	if err != nil {
		return nil, "", err
	}
	return res, format, nil
}

// describeUnsupported says what a file we cannot read seems to be.
func describeUnsupported(path string) string {
	if corpus.FormatOf(path) == corpus.FormatPDF {
		return "named .pdf but has no %PDF- header"
	}
	return "not PDF, HTML, text or Markdown (by name and content)"
}

// tagPages tags the whole text at once (a bare "§ 1595" on page 9 takes its
// title from a citation on page 2) and gives each mention its page.
func (ix *Indexer) tagPages(pages []corpus.Page) []corpus.Entity {
	starts := make([]int, len(pages))
	text := ""
	if len(pages) == 1 {
		text = pages[0].Text // one page is its own text: no copy
	} else {
		var b strings.Builder
		n := 0
		for _, p := range pages {
			n += len(p.Text) + 1
		}
		b.Grow(n) // the text once, not copied at every doubling
		for i, p := range pages {
			if i > 0 {
				b.WriteByte('\f')
			}
			starts[i] = b.Len()
			b.WriteString(p.Text)
		}
		text = b.String()
	}
	var out []corpus.Entity
	for _, m := range ix.tagger.Tag(text) {
		i := sort.Search(len(starts), func(i int) bool { return starts[i] > m.Start }) - 1
		i = max(i, 0)
		out = append(out, corpus.Entity{
			Kind:  string(m.Kind),
			Text:  m.Text,
			Norm:  m.Norm,
			Role:  m.Role,
			Page:  pages[i].Number,
			Start: m.Start - starts[i],
			End:   m.End - starts[i],
		})
	}
	return out
}

// fold sets the document's facet values from its mentions, preferring
// what the format itself states (a docket page's fields, a page stamp's
// docket number and date) over what the tagger guessed from prose.
//
// normParty is entity.NormalizeParty, or a memo of it.
func fold(doc *corpus.Document, mentions []corpus.Entity, meta extract.Meta, hc *headCaption, normParty func(string) string) {
	doc.Entities = mentions
	var court, date, docket string
	// A party is named again and again in one document: its names are
	// normalised once each, after the duplicates are gone (the facet is
	// the set of normalised names, so the set is the same).
	var parties []string
	for _, m := range mentions {
		switch entity.Kind(m.Kind) {
		case entity.Statute:
			doc.Statutes = append(doc.Statutes, m.Norm)
		case entity.Citation:
			doc.Citations = append(doc.Citations, m.Norm)
		case entity.Party:
			parties = append(parties, m.Norm)
		case entity.Judge:
			if m.Role != entity.RoleCited { // not a judge of the court below
				doc.Judges = append(doc.Judges, m.Norm)
			}
		case entity.Court:
			if m.Role == entity.RoleDeciding && court == "" {
				court = m.Norm
			}
		case entity.Date:
			if m.Role == entity.RoleDocument && date == "" {
				date = m.Norm
			}
		case entity.Docket:
			// Docket numbers of other cases are cited in the body; only
			// the document's own number is its docket.
			if m.Role == entity.RoleDocument && docket == "" {
				docket = m.Norm
			}
		}
	}
	for _, p := range meta.Parties {
		parties = append(parties, p.Name)
	}
	slices.Sort(parties)
	for _, p := range slices.Compact(parties) {
		if n := normParty(p); n != "" {
			doc.Parties = append(doc.Parties, n)
		}
	}
	if id, ok := entity.NormalizeCourt(meta.Court); ok {
		court = id
	}
	if court == "" {
		// A document of no court (an essay, a report) has no judges of
		// its own: the judges it names are quoted or cited.
		doc.Judges = nil
	}
	if j := entity.NormalizeJudge(meta.Judge); j != "" {
		doc.Judges = append(doc.Judges, j)
	}
	if n, ok := entity.NormalizeDocket(meta.DocketNumber); ok {
		docket = n
	}
	if docket == "" && len(doc.Pages) > 0 && hc.courtHeaded() {
		// The number as the caption prints it ("No. 11–889.", a bare
		// "2009-1361"), which the tagger does not take for the document's.
		docket = captionDocket(doc.Pages[0].Text)
	}
	// A date that is not on the calendar ("02/31/22") is dropped, never
	// the document.
	if _, err := time.Parse(time.DateOnly, meta.DateFiled); err == nil {
		date = meta.DateFiled
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		date = ""
	}
	if date == "" && len(doc.Pages) > 0 && hc.courtHeaded() {
		// A court's date line, alone on its line on the first page
		// ("February 5, 2010" under the judges), is the decision's.
		date = dateLine(doc.Pages[0].Text)
	}
	doc.Court, doc.Docket, doc.Date = court, docket, date
	if len(date) >= 4 {
		doc.Year = date[:4]
	}
	for _, s := range []*[]string{&doc.Statutes, &doc.Citations, &doc.Parties, &doc.Judges} {
		slices.Sort(*s)
		*s = slices.Compact(*s)
	}
}
