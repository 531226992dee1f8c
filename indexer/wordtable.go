package indexer

import (
	"hash/maphash"
	"unsafe"
)

// wordTable is a set of byte strings, each given an index in the order
// added: open addressing with linear probing, looked up with the bytes
// of a text as they are (a Go map keyed on strings hashes the word,
// then probes a table of groups, and needs a string to add one).
//
// Its keys are permanent or temporary. Permanent ones are added while
// the table holds fewer than its limit; after that, keys are temporary,
// and dropTemporary removes them all. Since a key added only fills a
// slot that was empty and never moves another, emptying the slots the
// temporary keys filled leaves the table exactly as it was before them.
type wordTable struct {
	seed  maphash.Seed
	slots []uint64 // the key's index+1 in the low half, its hash's high half above; 0 is empty
	keys  []string // by index; the permanent ones first
	perm  int      // keys below it are permanent
	limit int      // the most permanent keys
	temp  []int32  // the slots of the temporary keys
}

const minTableSlots = 1 << 10

func newWordTable(seed maphash.Seed, limit int) *wordTable {
	return &wordTable{seed: seed, slots: make([]uint64, minTableSlots), limit: limit}
}

func (t *wordTable) hash(key []byte) uint64 { return maphash.Bytes(t.seed, key) }

// find returns the index of key, whose hash is h, or -1.
func (t *wordTable) find(h uint64, key []byte) int32 {
	mask := uint64(len(t.slots) - 1)
	tag := h >> 32 << 32
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if s&^0xffffffff == tag {
			if k := t.keys[uint32(s)-1]; k == string(key) {
				return int32(uint32(s)) - 1
			}
		}
	}
}

// add adds key, whose hash is h and which the table does not hold, and
// returns its index. A permanent key (only while canKeep) is kept as
// key; a temporary one must stay unchanged until dropTemporary.
func (t *wordTable) add(h uint64, key string, permanent bool) int32 {
	if 2*(len(t.keys)+1) > len(t.slots) {
		t.rehash(2 * len(t.slots))
	}
	idx := int32(len(t.keys))
	t.keys = append(t.keys, key)
	slot := t.put(h, idx)
	if permanent && t.perm == int(idx) {
		t.perm++
	} else {
		t.temp = append(t.temp, int32(slot))
	}
	return idx
}

// canKeep reports whether a key added now may be permanent: the table
// holds fewer than its limit, and no temporary key.
func (t *wordTable) canKeep() bool { return t.perm < t.limit && len(t.keys) == t.perm }

// put fills the first empty slot from h's.
func (t *wordTable) put(h uint64, idx int32) uint64 {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = h>>32<<32 | uint64(uint32(idx+1))
	return i
}

// rehash puts every key into n slots, the permanent ones first so that
// the temporary ones stay removable.
func (t *wordTable) rehash(n int) {
	t.slots = make([]uint64, n)
	t.temp = t.temp[:0]
	for i, k := range t.keys {
		slot := t.put(maphash.String(t.seed, k), int32(i))
		if i >= t.perm {
			t.temp = append(t.temp, int32(slot))
		}
	}
}

// dropTemporary removes the temporary keys, and shrinks a table they
// grew far beyond what the permanent ones need.
func (t *wordTable) dropTemporary() {
	if len(t.temp) == 0 {
		return
	}
	clear(t.keys[t.perm:]) // nothing keeps a text alive
	t.keys = t.keys[:t.perm]
	if n := max(minTableSlots, tableSlotsFor(t.perm)); len(t.slots) > 4*n {
		t.rehash(n)
		return
	}
	for _, s := range t.temp {
		t.slots[s] = 0
	}
	t.temp = t.temp[:0]
}

// tableSlotsFor is the fewest slots, a power of two, that hold n keys
// at most half full.
func tableSlotsFor(n int) int {
	s := minTableSlots
	for s < 2*n {
		s *= 2
	}
	return s
}

// bytesString is b as a string, without a copy: for a key that lives
// no longer than b stays unchanged.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
