package api_test

import (
	"io/fs"
	"testing"

	"lexsearch/corpus"
)

// sampleID is the document id of a file of the embedded sample corpus.
func sampleID(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(corpus.Docs(), name)
	if err != nil {
		t.Fatal(err)
	}
	return corpus.ContentID(data)
}
