package store

import (
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// builtDoc is a document that builds its own bleve fields: a keyword tag.
type builtDoc struct{ tag, id string }

func (d builtDoc) Document(id string) *document.Document {
	if d.id != "" {
		id = d.id
	}
	doc := document.NewDocument(id)
	doc.AddField(document.NewTextFieldWithIndexingOptions("tag", nil, []byte(d.tag), index.IndexField))
	return doc
}

func TestDocumenterIsIndexedAsBuilt(t *testing.T) {
	s := openTest(t, t.TempDir(), 2)
	defer s.Close()
	b := &Batch{}
	b.Add("00000000000000aa", "sha-a", "a.txt", "/src/a.txt", []byte("a"), []byte(`{}`), builtDoc{tag: "built"})
	addDoc(b, 1, "mapped")
	if err := s.Commit(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	for tag, want := range map[string]string{"built": "00000000000000aa", "mapped": "0000000000000001"} {
		q := bleve.NewTermQuery(tag)
		q.SetField("tag")
		res, err := s.Index().Search(bleve.NewSearchRequest(q))
		if err != nil || res.Total != 1 || res.Hits[0].ID != want {
			t.Errorf("tag %s: %v, %v; want the one document %s", tag, res, err, want)
		}
	}

	// A document built under another id is refused, not indexed under it.
	b = &Batch{}
	b.Add("00000000000000bb", "sha-b", "b.txt", "/src/b.txt", []byte("b"), []byte(`{}`), builtDoc{tag: "wrong", id: "00000000000000cc"})
	if err := s.Commit(t.Context(), b); err == nil {
		t.Error("a document built under another id was committed")
	}
}
