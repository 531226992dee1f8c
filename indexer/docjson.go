package indexer

import (
	"strconv"

	"lexsearch/corpus"
	"lexsearch/internal/jsonstr"
)

// The JSON that ingest writes for every document (the kept prepared text,
// and the stored meta, entities and bounds fields) is encoded by hand:
// encoding/json reaches each field by reflection and tests every byte of
// the text against its table, and the prepared text is the whole document
// again. These appenders write exactly the bytes json.Marshal writes for
// the same values (FuzzDocumentJSON holds them to it), so kept text and
// indexes stay byte for byte what they were, and encoding/json still
// reads them back.

// appendPrepared appends what marshalPrepared writes for doc; ents, when
// not nil, is appendEntities of doc.Entities, encoded once for both the
// prepared text and the stored entities field.
func appendPrepared(b []byte, doc *corpus.Document, ents []byte) []byte {
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, PrepareVersion, 10)
	b = append(b, `,"doc":`...)
	if doc == nil {
		b = append(b, "null"...)
	} else {
		b = appendDocument(b, doc, ents)
	}
	return append(b, '}')
}

// appendDocument appends json.Marshal(doc); ents, when not nil, is
// appendEntities of doc.Entities.
func appendDocument(b []byte, d *corpus.Document, ents []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, d.ID)
	b = append(b, `,"source":`...)
	b = appendJSONString(b, d.Source)
	b = append(b, `,"format":`...)
	b = appendJSONString(b, string(d.Format))
	b = append(b, `,"title":`...)
	b = appendJSONString(b, d.Title)
	b = append(b, `,"type":`...)
	b = appendJSONString(b, d.Type)
	for _, f := range [...]struct{ key, value string }{
		{`,"court":`, d.Court}, {`,"docket":`, d.Docket}, {`,"date":`, d.Date},
		{`,"year":`, d.Year}, {`,"lang":`, d.Lang},
	} {
		if f.value != "" {
			b = append(b, f.key...)
			b = appendJSONString(b, f.value)
		}
	}
	for _, f := range [...]struct {
		key    string
		values []string
	}{
		{`,"statute":`, d.Statutes}, {`,"citation":`, d.Citations},
		{`,"party":`, d.Parties}, {`,"judge":`, d.Judges},
	} {
		if len(f.values) > 0 {
			b = append(b, f.key...)
			b = appendJSONStrings(b, f.values)
		}
	}
	if len(d.Pages) > 0 {
		b = append(b, `,"pages":[`...)
		for i, p := range d.Pages {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"number":`...)
			b = strconv.AppendInt(b, int64(p.Number), 10)
			b = append(b, `,"text":`...)
			b = appendJSONString(b, p.Text)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(d.PageNumbers) > 0 {
		b = append(b, `,"page_numbers":`...)
		b = appendJSONInts(b, d.PageNumbers)
	}
	if len(d.Entities) > 0 {
		b = append(b, `,"entities":`...)
		if ents != nil {
			b = append(b, ents...)
		} else {
			b = appendEntities(b, d.Entities)
		}
	}
	if len(d.Sections) > 0 {
		b = append(b, `,"sections":[`...)
		for i, s := range d.Sections {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"page":`...)
			b = strconv.AppendInt(b, int64(s.Page), 10)
			b = append(b, `,"offset":`...)
			b = strconv.AppendInt(b, int64(s.Offset), 10)
			b = append(b, `,"title":`...)
			b = appendJSONString(b, s.Title)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// entitiesJSON returns appendEntities(nil, ents) in a buffer sized once
// for it (unless escapes or long numbers pass the estimate): grown by
// appending, the entities of a document allocated twice their bytes.
func entitiesJSON(ents []corpus.Entity) []byte {
	n := 2
	for _, e := range ents {
		// The keys, quotes and punctuation of an entity with a role and
		// a page are 66 bytes; its three numbers rarely pass 24 digits.
		n += 90 + len(e.Kind) + len(e.Text) + len(e.Norm) + len(e.Role)
	}
	return appendEntities(make([]byte, 0, n), ents)
}

// appendEntities appends json.Marshal(ents): null for a nil slice.
func appendEntities(b []byte, ents []corpus.Entity) []byte {
	if ents == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, e := range ents {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"kind":`...)
		b = appendJSONString(b, e.Kind)
		b = append(b, `,"text":`...)
		b = appendJSONString(b, e.Text)
		b = append(b, `,"norm":`...)
		b = appendJSONString(b, e.Norm)
		if e.Role != "" {
			b = append(b, `,"role":`...)
			b = appendJSONString(b, e.Role)
		}
		if e.Page != 0 {
			b = append(b, `,"page":`...)
			b = strconv.AppendInt(b, int64(e.Page), 10)
		}
		b = append(b, `,"start":`...)
		b = strconv.AppendInt(b, int64(e.Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(e.End), 10)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendBounds appends json.Marshal(bounds).
func appendBounds(b []byte, bounds corpus.Bounds) []byte {
	b = append(b, `{"s":`...)
	b = appendJSONIntLists(b, bounds.Sentences)
	b = append(b, `,"p":`...)
	b = appendJSONIntLists(b, bounds.Paragraphs)
	return append(b, '}')
}

func appendJSONIntLists(b []byte, lists [][]int) []byte {
	if lists == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, l := range lists {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONInts(b, l)
	}
	return append(b, ']')
}

func appendJSONInts(b []byte, v []int) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, n := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ']')
}

func appendJSONStrings(b []byte, v []string) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString appends s quoted as encoding/json.Marshal quotes it
// (HTML escaping on).
func appendJSONString(b []byte, s string) []byte { return jsonstr.Append(b, s, true) }
