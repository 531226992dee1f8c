package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/indexer/extract"
)

// readSource reads the file named on the command line ("-" is standard
// input, read as plain text) and names it as ingest would.
func readSource(e env, ix *indexer.Indexer, name string) (corpus.Source, []byte, error) {
	if name == "-" {
		data, err := io.ReadAll(io.LimitReader(e.stdin, 64<<20))
		return corpus.Source{ID: corpus.SourceID("stdin.txt"), Path: "stdin.txt", Format: corpus.FormatText}, data, err
	}
	base := filepath.Base(name)
	src := corpus.Source{ID: corpus.SourceID(base), Path: base, Format: corpus.FormatOf(base)}
	if src.Format == "" {
		return src, nil, fmt.Errorf("%s: %w: not PDF, HTML, text or Markdown", name, extract.ErrUnsupported)
	}
	data, err := ix.Read(os.DirFS(filepath.Dir(name)), base)
	if err != nil {
		return src, nil, fmt.Errorf("%s: %w", name, err)
	}
	return src, data, nil
}

func runExtract(ctx context.Context, e env, args []string) error {
	fs := newFlags("extract", "FILE", e)
	asJSON := fs.Bool("json", false, `print {"pages":[...],"meta":{...},"skipped":null} instead of text`)
	engine, ocr := pdfFlags(fs)
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if err := checkPDFFlags(*engine, *ocr); err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return usagef("extract: name exactly one file")
	}
	logger := newLogger(e, e.stderr)
	ix := indexer.New(logger, workerOptions(logger, indexer.Options{PDFEngine: *engine, OCR: *ocr}))
	defer ix.Close()
	src, data, err := readSource(e, ix, pos[0])
	var res *extract.Result
	if err == nil {
		res, err = extractWithType(ctx, ix, src, data)
	}
	if *asJSON {
		out := struct {
			Pages   []extract.Page `json:"pages"`
			Meta    *extract.Meta  `json:"meta"`
			Skipped *string        `json:"skipped"`
			Error   string         `json:"error,omitempty"`
		}{Pages: []extract.Page{}}
		if err != nil {
			reason := string(indexer.ReasonFor(err))
			out.Skipped, out.Error = &reason, err.Error()
		} else {
			out.Pages, out.Meta = res.Pages, &res.Meta
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if encErr := enc.Encode(out); encErr != nil {
			return encErr
		}
		if err != nil {
			return fmt.Errorf("skipped (%s): %w", indexer.ReasonFor(err), err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("skipped (%s): %w", indexer.ReasonFor(err), err)
	}
	meta, _ := json.MarshalIndent(res.Meta, "", "  ")
	fmt.Fprintf(e.stdout, "meta: %s\n", meta)
	for _, p := range res.Pages {
		fmt.Fprintf(e.stdout, "\n=== page %d ===\n%s\n", p.Number, strings.TrimRight(p.Text, "\n"))
	}
	return nil
}

// extractWithType extracts a file and fills in the metadata that only the
// whole pipeline decides (document type, title, language), so the output
// says what ingest would index.
func extractWithType(ctx context.Context, ix *indexer.Indexer, src corpus.Source, data []byte) (*extract.Result, error) {
	res, format, err := ix.Extract(ctx, src, data)
	if err != nil {
		return nil, err
	}
	doc, err := ix.Build(src, format, res)
	if err != nil {
		return nil, err
	}
	res.Meta.Type, res.Meta.Title = doc.Type, doc.Title
	return res, nil
}
