package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// Record operations in the catalog.
const (
	opPut  = "put"  // the document (id, sha, name) has the source src
	opDrop = "drop" // the document no longer has the source src
	opDel  = "del"  // the document is gone, with all its sources
)

// A record is one line of the catalog.
type record struct {
	Seq  uint64 `json:"s"`
	Op   string `json:"op"`
	ID   string `json:"id"`
	SHA  string `json:"sha,omitempty"`
	Src  string `json:"src,omitempty"`
	Name string `json:"name,omitempty"`
	loc         // where a put document's kept bytes are
}

// An Entry is one document of the catalog.
type Entry struct {
	ID      string
	SHA     string   // hex SHA-256 of the original
	Name    string   // the name it was first ingested under: the original's file name
	Sources []string // every source it was ingested from, in order
	loc     loc
}

// catalog is the replayed state of the catalog log, and the open log.
type catalog struct {
	docs     map[string]*Entry
	bySrc    map[string]string
	seq      uint64
	ids      []string       // ids[n-1] is the document record n is about
	packs    map[string]int // documents in each pack
	lastPack string         // the pack of the last record replayed, to share its name
	// entries and sources are room made for the documents a replay will
	// find, taken one at a time so replaying 100k documents does not
	// allocate 100k entries and 100k source lists one by one.
	entries []Entry
	sources []string
	f       *os.File // opened for appending
}

// newCatalog returns an empty catalog with room for about n documents:
// growing maps of 100k entries one doubling at a time was a third of the
// time replaying the log took.
func newCatalog(n int) *catalog {
	return &catalog{
		docs:    make(map[string]*Entry, n),
		bySrc:   make(map[string]string, n),
		ids:     make([]string, 0, n),
		packs:   map[string]int{},
		entries: make([]Entry, 0, n),
		sources: make([]string, 0, n),
	}
}

// recordSize is about the size of one catalog line (the put records of a
// 100k-document catalog average 300 bytes), and maxPresize caps the room
// made from a file's size, so a log long with drops and deletes does not
// reserve more than its documents could need.
const (
	recordSize = 300
	maxPresize = 1 << 21
)

// apply replays one record.
func (c *catalog) apply(r record) {
	c.seq = r.Seq
	c.ids = append(c.ids, r.ID)
	if r.Pack != "" {
		c.lastPack = r.Pack
	}
	switch r.Op {
	case opPut:
		if old, ok := c.bySrc[r.Src]; ok && old != r.ID {
			c.dropSource(old, r.Src)
		}
		e := c.docs[r.ID]
		if e == nil {
			e = c.newEntry()
			*e = Entry{ID: r.ID, SHA: r.SHA, Name: r.Name, loc: r.loc}
			c.docs[r.ID] = e
			c.packs[r.Pack]++
		}
		switch {
		case len(e.Sources) == 0 && len(c.sources) < cap(c.sources):
			// A one-source list of its own (capped, so a second source
			// is appended to a copy, not over the next document's).
			c.sources = append(c.sources, r.Src)
			e.Sources = c.sources[len(c.sources)-1 : len(c.sources) : len(c.sources)]
		case !slices.Contains(e.Sources, r.Src):
			e.Sources = append(e.Sources, r.Src)
		}
		c.bySrc[r.Src] = r.ID
	case opDrop:
		c.dropSource(r.ID, r.Src)
	case opDel:
		if e := c.docs[r.ID]; e != nil {
			for _, src := range e.Sources {
				delete(c.bySrc, src)
			}
			c.forget(e)
		}
	}
}

// newEntry returns a zero Entry, from the room made for a replay while
// there is some.
func (c *catalog) newEntry() *Entry {
	if len(c.entries) < cap(c.entries) {
		c.entries = c.entries[:len(c.entries)+1]
		return &c.entries[len(c.entries)-1]
	}
	return new(Entry)
}

func (c *catalog) dropSource(id, src string) {
	if c.bySrc[src] == id {
		delete(c.bySrc, src)
	}
	e := c.docs[id]
	if e == nil {
		return
	}
	e.Sources = slices.DeleteFunc(e.Sources, func(s string) bool { return s == src })
	if len(e.Sources) == 0 {
		c.forget(e)
	}
}

// forget removes a document, and its pack's claim on it.
func (c *catalog) forget(e *Entry) {
	delete(c.docs, e.ID)
	if c.packs[e.loc.Pack]--; c.packs[e.loc.Pack] <= 0 {
		delete(c.packs, e.loc.Pack)
	}
}

// loadCatalog replays the log at path and opens it for appending. A torn
// last line (a crash in the middle of an append that was never
// acknowledged) is cut off; damage anywhere else is an error.
func loadCatalog(path string) (*catalog, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open catalog: %w", err)
	}
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	c := newCatalog(int(min(size/recordSize, maxPresize)))
	r := bufio.NewReaderSize(f, 1<<16)
	var good int64
	var long []byte // a line longer than r's buffer, gathered
	for line := 1; ; line++ {
		// ReadSlice, not ReadBytes: no copy of each of 100k lines.
		b, err := r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], b...)
			for errors.Is(err, bufio.ErrBufferFull) {
				b, err = r.ReadSlice('\n')
				long = append(long, b...)
			}
			b = long
		}
		if errors.Is(err, io.EOF) {
			if len(b) > 0 { // torn tail
				if terr := f.Truncate(good); terr != nil {
					f.Close()
					return nil, terr
				}
			}
			break
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("read catalog: %w", err)
		}
		rec, err := decodeRecord(b, c.lastPack)
		if err != nil || rec.Seq != c.seq+1 {
			f.Close()
			return nil, fmt.Errorf("catalog %s is damaged at line %d", path, line)
		}
		c.apply(rec)
		good += int64(len(b))
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	c.f = f
	return c, nil
}

// append writes records (numbering them) and fsyncs the log, then applies
// them. Once it returns, the records survive a crash.
func (c *catalog) append(recs []record) error {
	var buf bytes.Buffer
	seq := c.seq
	for i := range recs {
		seq++
		recs[i].Seq = seq
		b, err := json.Marshal(recs[i])
		if err != nil {
			return err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	if _, err := c.f.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("append to catalog: %w", err)
	}
	if err := c.f.Sync(); err != nil {
		return fmt.Errorf("sync catalog: %w", err)
	}
	for _, r := range recs {
		c.apply(r)
	}
	return nil
}

// snapshot returns put records that recreate the catalog's state.
func (c *catalog) snapshot() []record {
	ids := make([]string, 0, len(c.docs))
	for id := range c.docs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var recs []record
	for _, id := range ids {
		e := c.docs[id]
		for _, src := range e.Sources {
			recs = append(recs, record{Op: opPut, ID: id, SHA: e.SHA, Src: src, Name: e.Name, loc: e.loc})
		}
	}
	return recs
}

func (c *catalog) close() error {
	if c.f == nil {
		return nil
	}
	return c.f.Close()
}
