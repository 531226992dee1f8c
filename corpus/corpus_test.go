package corpus_test

import (
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"lexsearch/corpus"
)

func TestWalk(t *testing.T) {
	fsys := fstest.MapFS{
		"dockets/gg-v-salesforce.html": {Data: []byte("<html></html>")},
		"papers/combating.md":          {Data: []byte("# Combating")},
		"papers/scan.PDF":              {Data: []byte("%PDF-1.4")},
		"notes/.DS_Store":              {Data: []byte{0}},
		".git/config":                  {Data: []byte("[core]")},
		"memo.docx":                    {Data: []byte("PK")},
	}
	var got []string
	err := corpus.Walk(t.Context(), fsys, func(src corpus.Source) error {
		if src.ID != corpus.SourceID(src.Path) {
			t.Errorf("%s: ID %s is not SourceID of its path", src.Path, src.ID)
		}
		got = append(got, src.Path+" "+string(src.Format))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"dockets/gg-v-salesforce.html html",
		"memo.docx ", // reported with no format, so the indexer can say it skipped it
		"papers/combating.md markdown",
		"papers/scan.PDF pdf",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Walk = %q, want %q", got, want)
	}
}

func TestSourceIDStable(t *testing.T) {
	a, b := corpus.SourceID("a/b.pdf"), corpus.SourceID("a/b.pdf")
	if a != b || len(a) != 16 {
		t.Errorf("SourceID not stable or not 16 hex digits: %q %q", a, b)
	}
	if corpus.SourceID("a/c.pdf") == a {
		t.Error("different paths share an ID")
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name    string
		claimed corpus.Format
		head    string
		want    corpus.Format
	}{
		{"pdf as named", corpus.FormatPDF, "%PDF-1.7\n", corpus.FormatPDF},
		{"junk before the pdf header", corpus.FormatPDF, "\r\n\x00junk%PDF-1.4", corpus.FormatPDF},
		{"named pdf but html inside", corpus.FormatPDF, "<!DOCTYPE html><html>", corpus.FormatHTML},
		{"named pdf but nothing of it", corpus.FormatPDF, "hello", ""},
		{"text that is really a pdf", corpus.FormatText, "%PDF-1.4", corpus.FormatPDF},
		{"text stays text", corpus.FormatText, "Plaintiffs sued.", corpus.FormatText},
		{"markdown stays markdown", corpus.FormatMarkdown, "# Title", corpus.FormatMarkdown},
		{"html with BOM", corpus.FormatText, "\ufeff<html><body>", corpus.FormatHTML},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := corpus.Sniff(tc.claimed, []byte(tc.head)); got != tc.want {
				t.Errorf("Sniff(%s, %q) = %q, want %q", tc.claimed, tc.head, got, tc.want)
			}
		})
	}
}

func TestDocsEmbedded(t *testing.T) {
	n := 0
	err := corpus.Walk(t.Context(), corpus.Docs(), func(src corpus.Source) error {
		if src.Format == "" {
			t.Errorf("embedded %s has no readable format", src.Path)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Errorf("embedded corpus has %d documents, want the 5 samples", n)
	}
	if _, err := fs.Stat(corpus.Docs(), "sherloc-doe-v-twitter-ndcal-2021.txt"); err != nil {
		t.Errorf("sample missing: %v", err)
	}
}

func TestValidate(t *testing.T) {
	ok := corpus.Document{ID: "x", Source: "a.txt", Type: corpus.TypeArticle, Pages: []corpus.Page{{Number: 1, Text: "hi"}}}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid document: %v", err)
	}
	for name, mutate := range map[string]func(*corpus.Document){
		"no id":     func(d *corpus.Document) { d.ID = "" },
		"bad type":  func(d *corpus.Document) { d.Type = "memo" },
		"no pages":  func(d *corpus.Document) { d.Pages = nil },
		"bad date":  func(d *corpus.Document) { d.Date = "05/16/22" },
		"no source": func(d *corpus.Document) { d.Source = "" },
	} {
		d := ok
		mutate(&d)
		if d.Validate() == nil {
			t.Errorf("%s: Validate accepted it", name)
		}
	}
}
