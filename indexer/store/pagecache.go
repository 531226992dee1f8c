package store

import zap "github.com/blevesearch/zapx/v17"

// mergeWriteBytes is the size of the writes that build a merged segment
// file. The kernel keeps a file's cached pages in folios as large as the
// writes that filled them (measured on Linux 6.18, ext4: a 1 MiB write
// makes a 1 MiB folio), and a search that reads one byte of a segment
// through its memory map gets the whole folio it falls in mapped into
// the server. With bleve's 1 MiB writes, the query mix of lexperf at
// 100,000 documents left 575 MB of a freshly ingested index mapped; the
// same files copied 64 KiB at a time, 96 MB; an index whose merges wrote
// 64 KiB at a time, 119 MB (bleve still writes a segment's stored fields,
// and a batch's new segment, in one write whatever the buffer). The
// mapped pages are page cache, shared and reclaimable, but they are the
// server's resident memory all the same, and a search reads no more for
// their being mapped. The smaller writes cost no CPU that one ingest of
// lexperf's 100,000 documents showed (220 s, against 230 s before).
const mergeWriteBytes = 64 << 10

func init() {
	zap.DefaultFileMergerBufferSize = mergeWriteBytes
}
