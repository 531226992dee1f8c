package store

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
)

// A Documenter is index fields that build their bleve document
// themselves, so bleve's mapping does not walk them by reflection:
// Options.Fields and Batch.Add may be given one. Document is called once
// for each time the document is indexed and must return a new document
// each time, since bleve's analysis writes into it (its _id field, the
// analysed terms).
type Documenter interface {
	Document(id string) *document.Document
}

// indexInto adds a document to a bleve batch: a Documenter's document
// as it built it, any other fields through the index mapping.
func indexInto(b *bleve.Batch, id string, fields any) error {
	d, ok := fields.(Documenter)
	if !ok {
		return b.Index(id, fields)
	}
	doc := d.Document(id)
	if doc == nil || doc.ID() != id {
		return fmt.Errorf("document %s: its fields built no document of that id", id)
	}
	return b.IndexAdvanced(doc)
}
