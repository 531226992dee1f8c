package indexer

import (
	"encoding/binary"
	"hash/maphash"
	"math/bits"
)

// wordTable maps byte strings to values of type V: open addressing with
// linear probing, looked up with the bytes of a text as they are (a Go
// map keyed on strings hashes the word, then probes a table of groups,
// and needs a string to add one). A slot holds its value, its key's
// first eight bytes and where the rest are in one buffer of all the
// keys, so that finding a key of at most eight bytes (most words) reads
// the slot alone, and a longer key the slot and its bytes, not a string
// header and a record elsewhere too.
//
// Its keys are permanent or temporary. Permanent ones are added while
// the table holds fewer than its limit; after that, keys are temporary,
// and dropTemporary removes them all. Since a key added only fills a
// slot that was empty and never moves another, emptying the slots the
// temporary keys filled leaves the table exactly as it was before them.
type wordTable[V any] struct {
	k0, k1    uint64 // the hash's keys, random
	slots     []tableSlot[V]
	bytes     []byte // the keys, the permanent ones first
	n         int    // keys
	perm      int    // permanent keys
	permBytes int    // their bytes
	limit     int    // the most permanent keys
	temp      []int32
}

type tableSlot[V any] struct {
	head [2]uint32 // the key's first 8 bytes, little-endian, zero after its end
	off  uint32    // the key is bytes[off : off+n-1]
	n    uint32    // the key's length+1; 0 is an empty slot
	val  V
}

// keyHead is the first 8 bytes of key, little-endian, with zeros after
// its end: two keys of at most 8 bytes are equal when their lengths and
// heads are. A key cut from a longer text (its capacity runs on) is
// read in one load and masked.
func keyHead(key []byte) [2]uint32 {
	h := keyWord(key)
	return [2]uint32{uint32(h), uint32(h >> 32)}
}

// keyWord is keyHead as one number.
func keyWord(key []byte) uint64 {
	var h uint64
	switch {
	case len(key) >= 8:
		h = binary.LittleEndian.Uint64(key)
	case cap(key) >= 8:
		h = binary.LittleEndian.Uint64(key[:8]) & (1<<(8*len(key)) - 1)
	default:
		for i, c := range key {
			h |= uint64(c) << (8 * i)
		}
	}
	return h
}

const minTableSlots = 1 << 10

// newWordTable returns an empty table whose hash is keyed by seed (two
// tables of one seed hash alike).
func newWordTable[V any](seed maphash.Seed, limit int) *wordTable[V] {
	k0, k1 := maphash.Bytes(seed, []byte{0}), maphash.Bytes(seed, []byte{1})
	return &wordTable[V]{k0: k0, k1: k1, slots: make([]tableSlot[V], minTableSlots), limit: limit}
}

// hash is the hash of key: its bytes, eight at a time, multiplied with
// the table's random keys into 128 bits and folded back to 64, in the
// manner of wyhash. A word of at most eight bytes (most words) is one
// load (keyWord) and one multiplication, inlined where words are hashed
// (shortHash), where maphash.Bytes cost a call into the runtime's hash
// of any length; as with it, the keys are random, so no text can choose
// words that collide.
func (t *wordTable[V]) hash(key []byte) uint64 {
	if h, ok := t.shortHash(key); ok {
		return h
	}
	return t.hashSlow(key)
}

// shortHash is hash for a key of at most eight bytes with eight bytes
// of capacity (a word cut from a text), small enough to be inlined
// where words are hashed; ok is false for other keys.
func (t *wordTable[V]) shortHash(key []byte) (h uint64, ok bool) {
	n := uint64(len(key))
	if n > 8 || cap(key) < 8 {
		return 0, false
	}
	w := binary.LittleEndian.Uint64(key[:8]) & (1<<(8*n) - 1) // keyWord, inlined
	return mix(w^t.k0, t.k1^n), true
}

// hashSlow is hash for a key of more than eight bytes, or of fewer
// without eight bytes of capacity.
func (t *wordTable[V]) hashSlow(key []byte) uint64 {
	n := len(key)
	var a, b uint64
	switch {
	case n <= 8:
		a = keyWord(key)
	case n <= 16:
		a, b = binary.LittleEndian.Uint64(key), binary.LittleEndian.Uint64(key[n-8:])
	default:
		s := t.k1
		for p := key; len(p) > 16; p = p[16:] {
			s = mix(binary.LittleEndian.Uint64(p)^t.k0, binary.LittleEndian.Uint64(p[8:])^s)
		}
		a, b = binary.LittleEndian.Uint64(key[n-16:])^s, binary.LittleEndian.Uint64(key[n-8:])
	}
	if n <= 8 {
		return mix(a^t.k0, t.k1^uint64(n))
	}
	return mix(mix(a^t.k0, b^t.k1^uint64(n))^t.k1, t.k0^uint64(n))
}

// mix multiplies a and b into 128 bits and folds them to 64.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// find returns the slot of key, whose hash is h, or -1.
func (t *wordTable[V]) find(h uint64, key []byte) int {
	mask := uint64(len(t.slots) - 1)
	head := keyHead(key)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.n == 0 {
			return -1
		}
		if s.head == head && int(s.n-1) == len(key) &&
			(len(key) <= 8 || string(t.bytes[s.off+8:int(s.off)+len(key)]) == string(key[8:])) {
			return int(i)
		}
	}
}

// key returns the key of a slot; it stays valid until the next add.
func (t *wordTable[V]) key(slot int) []byte {
	s := &t.slots[slot]
	return t.bytes[s.off : s.off+s.n-1]
}

// canKeep reports whether a key added now may be permanent: the table
// holds fewer than its limit, and no temporary key.
func (t *wordTable[V]) canKeep() bool { return t.perm < t.limit && t.n == t.perm }

// add adds key, whose hash is h and which the table does not hold, with
// val, and returns its slot; a key is permanent only if canKeep.
func (t *wordTable[V]) add(h uint64, key []byte, val V, permanent bool) int {
	if 2*(t.n+1) > len(t.slots) {
		t.rehash(2 * len(t.slots))
	}
	slot := t.put(h, tableSlot[V]{head: keyHead(key), off: uint32(len(t.bytes)), n: uint32(len(key)) + 1, val: val})
	t.bytes = append(t.bytes, key...)
	t.n++
	if permanent && t.perm == t.n-1 {
		t.perm++
		t.permBytes = len(t.bytes)
	} else {
		t.temp = append(t.temp, int32(slot))
	}
	return slot
}

// put fills the first empty slot from h's.
func (t *wordTable[V]) put(h uint64, s tableSlot[V]) int {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i].n != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
	return int(i)
}

// rehash puts every key into n slots, the permanent ones first so that
// the temporary ones stay removable.
func (t *wordTable[V]) rehash(n int) {
	old := t.slots
	t.slots = make([]tableSlot[V], n)
	t.temp = t.temp[:0]
	for _, s := range old {
		if s.n != 0 && int(s.off) < t.permBytes {
			t.put(t.hash(t.bytes[s.off:s.off+s.n-1]), s)
		}
	}
	for _, s := range old {
		if s.n != 0 && int(s.off) >= t.permBytes {
			t.temp = append(t.temp, int32(t.put(t.hash(t.bytes[s.off:s.off+s.n-1]), s)))
		}
	}
}

// dropTemporary removes the temporary keys, and shrinks a table they
// grew far beyond what the permanent ones need.
func (t *wordTable[V]) dropTemporary() {
	if t.n == t.perm {
		return
	}
	t.n, t.bytes = t.perm, t.bytes[:t.permBytes]
	for _, s := range t.temp {
		t.slots[s] = tableSlot[V]{}
	}
	t.temp = t.temp[:0]
	if n := tableSlotsFor(t.perm); len(t.slots) > 4*n {
		t.rehash(n)
	}
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
