// Package indexer is the ingestion pipeline and the only writer of the
// index: it reads source files, extracts their text (package extract), tags
// the entities in it (package entity), folds both into a corpus.Document and
// writes documents to bleve in batches.
//
// A data directory holds everything needed to rebuild the index:
//
//	data/index/                  the bleve index
//	data/originals/<id>/<name>   each file as ingested
//	data/text/<id>.json          the prepared document: pages, entities, metadata
//
// A bad file never fails a run: it is skipped with a reason (Skip) and the
// rest of the batch goes on. A rebuild writes a new index beside the old one
// and swaps it in only when it is complete.
package indexer
