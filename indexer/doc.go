// Package indexer is the ingestion pipeline and the only writer of the
// index: it reads source files, extracts their text (package extract), tags
// the entities in it (package entity), folds both into a corpus.Document and
// commits documents in batches to a data directory (package store), which
// keeps each original and its prepared text beside the index, so the index
// can always be rebuilt from them.
//
// A document's id is the SHA-256 of its bytes (ContentID); the places it
// was found are its sources. A bad file never fails a run: it is skipped
// with a reason (Skip) and the rest goes on. Live adds and deletes the
// documents of a data directory a server holds open.
package indexer
