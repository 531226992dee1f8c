// Package store owns a lexsearch data directory: the write lock, the kept
// originals and prepared text, the catalog of documents and their
// sources, and the index generations with their shards.
//
// Layout (see the README's "Where data lives"):
//
//	LOCK              flock held by the one writer; its pid and command inside
//	CURRENT           the commit point: generation, shard count, catalog file
//	catalog-N.log     append-only records (put a source, drop a source, delete
//	                  a document), one JSON line each, fsynced before a write
//	                  is acknowledged; the truth about which documents exist
//	gen-N/shard-I/    bleve indexes: a cache rebuilt from the kept data
//	index -> gen-N    a symbolic link to the current generation, for tools
//	                  that look for data/index; lexsearch reads CURRENT
//	packs/G-S.pack    the kept bytes of one commit: each new document's
//	                  original, then its prepared text (an S2 stream, or
//	                  gzip in packs of older versions), so a
//	                  rebuild needs no extraction; the catalog says where
//
// A document's id is the first 16 hex digits of the SHA-256 of its bytes,
// so the same file under two names is one document with two sources, and an
// unchanged file is recognised without being read twice. The full digest is
// kept in the catalog, so two different files sharing an id are detected
// (ErrCollision) rather than merged.
//
// Write order, so a kill at any moment loses nothing acknowledged: the
// pack is written and fsynced, then the catalog records appended and
// fsynced, then the shards written (each shard batch carries the catalog
// sequence number it reflects), and only then are packs with no document
// left removed. On Open, shards behind the catalog are brought up to
// it from the kept text; an index that is missing or will not open is
// rebuilt from the kept text into a new generation. Nothing kept is ever
// deleted because an index is missing.
//
// A bulk writer commits through a Pipeline instead: the same order per
// batch, but the shards write batch N (each at its own pace) while batch
// N+1 is made durable, so a shard can be ahead of another, never of the
// catalog, and a pack is removed once every shard has written the batch
// that emptied it.
//
// A rebuild writes a new generation beside the current one and commits it
// by renaming a new CURRENT into place (written to a temporary file,
// fsynced, renamed, directory fsynced); the old generation is removed only
// after that. Open removes generations and catalogs CURRENT does not name:
// the debris of an interrupted rebuild. It also compacts a catalog grown
// far past the documents it lists (a server's adds and deletes).
//
// A Store is safe for concurrent use: writes are serialised, and searches
// through Index run during them.
package store
