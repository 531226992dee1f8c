package indexer

import (
	"context"
	"errors"
	"time"

	"lexsearch/corpus"
	"lexsearch/indexer/extract"
	"lexsearch/indexer/store"
)

// SkipReason says why a file was not indexed. The values are stable: they
// appear in logs, in the ingest summary and in tests.
type SkipReason string

// The skip reasons.
const (
	SkipUnsupported SkipReason = "unsupported" // not a format lexsearch reads
	SkipTooLarge    SkipReason = "too-large"
	SkipMalformed   SkipReason = "malformed"
	SkipEncrypted   SkipReason = "encrypted"
	SkipNeedsOCR    SkipReason = "needs-ocr" // a scan with no text layer
	SkipTimeout     SkipReason = "timeout"
	SkipEmpty       SkipReason = "empty" // extracted fine, but no words left after cleaning
	SkipUnreadable  SkipReason = "unreadable"
	SkipNotRegular  SkipReason = "not-a-regular-file" // FIFO, socket, device: never opened
	SkipLinkLoop    SkipReason = "symlink-loop"
	SkipBinary      SkipReason = "binary" // named as text, but the bytes are not text
	// SkipCollision: another file already has this document id (the
	// first 64 bits of the SHA-256 agree); astronomically rare, so worth
	// reporting rather than merging two documents into one.
	SkipCollision SkipReason = "collision"
)

// A Skip is one file that was not indexed, and why.
type Skip struct {
	Path   string
	Reason SkipReason
	Err    error
}

// Stats summarises one ingest run.
type Stats struct {
	Indexed    int // documents added (new or changed content)
	Replaced   int // of Indexed, files whose source had other content before
	Unchanged  int // files whose source already had this content: not prepared again
	Duplicates int // files with the content of a kept document: one more source of it
	Rebuilt    int // documents reindexed from kept text by a rebuild
	Pruned     int
	Skipped    []Skip
	Took       time.Duration
}

// SkippedBy counts the skipped files by reason.
func (s Stats) SkippedBy() map[SkipReason]int {
	n := make(map[SkipReason]int)
	for _, sk := range s.Skipped {
		n[sk.Reason]++
	}
	return n
}

// errEmpty reports a document whose text is empty after cleaning.
var errEmpty = errors.New("no text after cleaning")

// ReasonFor classifies an error from Prepare or Extract. Unknown errors are "malformed":
// whatever went wrong, it went wrong with this file, not with the run.
func ReasonFor(err error) SkipReason {
	switch {
	case errors.Is(err, extract.ErrUnsupported):
		return SkipUnsupported
	case errors.Is(err, extract.ErrTooLarge):
		return SkipTooLarge
	case errors.Is(err, extract.ErrEncrypted):
		return SkipEncrypted
	case errors.Is(err, extract.ErrBinary):
		return SkipBinary
	case errors.Is(err, errEmpty), errors.Is(err, extract.ErrEmpty):
		return SkipEmpty
	case errors.Is(err, extract.ErrNoText):
		return SkipNeedsOCR
	case errors.Is(err, context.DeadlineExceeded):
		return SkipTimeout
	case errors.Is(err, errUnreadable), errors.Is(err, corpus.ErrUnreadable):
		return SkipUnreadable
	case errors.Is(err, corpus.ErrNotRegular):
		return SkipNotRegular
	case errors.Is(err, corpus.ErrSymlinkLoop):
		return SkipLinkLoop
	case errors.Is(err, store.ErrCollision):
		return SkipCollision
	}
	return SkipMalformed
}
