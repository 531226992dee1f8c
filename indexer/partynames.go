package indexer

import (
	"strings"
	"sync"

	"lexsearch/indexer/entity"
)

// maxPartyNames bounds partyNames: past it the memo starts again empty,
// so a long ingest of many different names holds at most this many
// (about a megabyte), and the names of the documents now being read
// come back first.
const maxPartyNames = 8192

// partyNames memoises entity.NormalizeParty for fold. The same parties
// are named in document after document of a corpus (the United States,
// the platforms sued, the agencies), and normalising a name runs several
// patterns over it; a name seen before is looked up instead. Its zero
// value is ready; it is safe for concurrent use.
type partyNames struct {
	mu sync.Mutex
	m  map[string]string
}

// normalize returns entity.NormalizeParty(s).
func (p *partyNames) normalize(s string) string {
	p.mu.Lock()
	n, ok := p.m[s]
	p.mu.Unlock()
	if ok {
		return n
	}
	n = entity.NormalizeParty(s)
	// Copies: s and n may be slices of a document's whole text, which
	// the memo must not keep alive.
	k, v := strings.Clone(s), strings.Clone(n)
	p.mu.Lock()
	if p.m == nil || len(p.m) >= maxPartyNames {
		p.m = make(map[string]string)
	}
	p.m[k] = v
	p.mu.Unlock()
	return n
}
