package store

import zap "github.com/blevesearch/zapx/v17"

// mergeWriteBytes is the size of the writes that build a merged segment
// file. The kernel keeps a file's cached pages in folios as large as the
// writes that filled them (ext4 on Linux 6.x: a 1 MiB write makes a 1 MiB
// folio), and a search that reads one byte of a segment through its
// memory map gets the whole folio it falls in mapped into the server.
// With bleve's 1 MiB writes, the query mix of lexperf at 100,000
// documents left 575 MB of a freshly ingested index mapped; the same
// files written 64 KiB at a time, 96 MB. The mapped pages are page
// cache, shared and reclaimable, but they are the server's resident
// memory all the same, and a search reads no more for their being
// mapped. Smaller writes cost nothing measurable: a 2 GB index is 32,000
// of them.
const mergeWriteBytes = 64 << 10

func init() {
	zap.DefaultFileMergerBufferSize = mergeWriteBytes
}
