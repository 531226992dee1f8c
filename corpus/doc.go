// Package corpus is lexsearch's shared vocabulary: the Document that is
// indexed and returned by search, the Source file it came from, the bleve
// field names both the indexer and search use, and Walk, which discovers
// sources in any fs.FS.
//
// It imports nothing else of ours, so every other package can depend on it.
// The sample documents under docs/ are embedded in the binary (see Docs), so
// a fresh checkout serves real documents with no set-up.
package corpus
