package extract_test

import (
	"context"
	"fmt"
	"strings"

	"lexsearch/indexer/extract"
)

func ExampleCleanPages() {
	scraped := "throbber\n" +
		"Case: 1:20-cv-02335 Document #: 105 Filed: 05/16/22 Page 7 of 35 PageID #:1224\n" +
		"`Section 230 functions as an affirma-\n" +
		"`tive defense.\n"
	pages, meta := extract.CleanPages(scraped)
	fmt.Println(pages[0].Number, pages[0].Text)
	fmt.Println(meta.DocketNumber, meta.DocumentNumber, meta.DateFiled)
	// Output:
	// 7 Section 230 functions as an affirmative defense.
	// 1:20-cv-02335 105 2022-05-16
}

func ExampleForFormat() {
	ex, err := extract.ForFormat("markdown", extract.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := ex.Extract(context.Background(), strings.NewReader("# Report\n\nThe **court** held that [the statute](https://example.org) applies to the claim."))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s | %q | %s\n", res.Meta.Title, res.Text(), res.Meta.Lang)
	// Output:
	// Report | "Report\n\nThe court held that the statute applies to the claim." | en
}
