package indexer

import (
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/size"
	index "github.com/blevesearch/bleve_index_api"
)

// keywordField is every value of one keyword field of a document (the
// statutes it cites, its court), each indexed whole as one term, as
// bleve's keyword analyzer indexes a TextField of each value.
//
// bleve's mapping makes a TextField per value, and each costs a token
// stream, a map of one term, and a turn through every section of the
// segment builder, which then merges the maps of the fields of one name
// into one (summing the frequencies) before it indexes them. A field
// that is neither stored nor has term vectors or doc values leaves
// nothing of its values in the index but those merged terms (its array
// positions live only in stored values and term vectors), so one field
// holding the merged terms makes the same index: TestDocumentMatchesMapping
// and TestIndexMatchesMapping hold it to the mapping's.
type keywordField struct {
	name    string
	options index.FieldIndexingOptions
	values  []string

	length    int
	freqs     index.TokenFrequencies
	freqsSize int
}

var _ document.Field = (*keywordField)(nil)

// keywordsFit reports whether the values of a field of this spec may be
// one keywordField: its analyzer makes each value one term, and the
// index keeps nothing of a value but its term.
func keywordsFit(f fieldSpec) bool {
	o := f.options
	return f.keyword && o.IsIndexed() && !o.IsStored() && !o.IncludeTermVectors() && !o.IncludeDocValues()
}

// isKeywordAnalyzer reports whether a is bleve's keyword analyzer: the
// single-token tokenizer alone, which makes the whole input one term.
func isKeywordAnalyzer(a analysis.Analyzer) bool {
	da, ok := a.(*analysis.DefaultAnalyzer)
	if !ok || da.CharFilters != nil || len(da.TokenFilters) != 0 {
		return false
	}
	_, ok = da.Tokenizer.(*single.SingleTokenTokenizer)
	return ok
}

func newKeywordField(f fieldSpec, values []string) *keywordField {
	return &keywordField{name: f.name, options: f.options, values: values}
}

func (f *keywordField) Name() string                        { return f.name }
func (f *keywordField) Options() index.FieldIndexingOptions { return f.options }

// ArrayPositions and Value are nil: the field is not stored.
func (f *keywordField) ArrayPositions() []uint64 { return nil }
func (f *keywordField) Value() []byte            { return nil }

// NumPlainTextBytes is the bytes of the values, as bleve counts the
// TextField of each.
func (f *keywordField) NumPlainTextBytes() uint64 {
	n := 0
	for _, v := range f.values {
		n += len(v)
	}
	return uint64(n)
}

func (f *keywordField) EncodedFieldType() byte                           { return 't' }
func (f *keywordField) AnalyzedLength() int                              { return f.length }
func (f *keywordField) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// Size is what the field holds in memory, reckoned as bleve reckons a
// TextField's.
func (f *keywordField) Size() int {
	n := int(unsafe.Sizeof(*f)) + size.SizeOfPtr + len(f.name) + f.freqsSize
	for _, v := range f.values {
		n += size.SizeOfString + len(v)
	}
	return n
}

// Analyze makes each value one term, counted as often as it occurs: a
// token each, as the keyword analyzer gives, merged as the segment
// builder merges the fields of one name.
func (f *keywordField) Analyze() {
	f.length = len(f.values)
	f.freqs = make(index.TokenFrequencies, len(f.values))
	tfs := make([]index.TokenFreq, len(f.values))
	valueBytes := 0
	for _, v := range f.values {
		valueBytes += len(v)
	}
	arena := make([]byte, 0, valueBytes) // the terms' bytes, one allocation
	terms, termBytes := 0, 0
	for _, v := range f.values {
		tf := f.freqs[v]
		if tf == nil {
			a := len(arena)
			arena = append(arena, v...)
			tf = &tfs[terms]
			terms++
			tf.Term = arena[a:len(arena):len(arena)]
			termBytes += len(v)
			f.freqs[v] = tf
		}
		if !f.options.SkipFreqNorm() {
			tf.SetFrequency(tf.Frequency() + 1)
		}
	}
	// bleve's TokenFrequencies.Size: the map's entries, each term's key
	// and bytes; no locations.
	f.freqsSize = size.SizeOfMap + terms*(size.SizeOfString+size.SizeOfPtr+sizeOfTokenFreq) + 2*termBytes
}
