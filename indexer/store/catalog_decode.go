package store

import (
	"encoding/json"
	"unicode/utf8"
)

// decodeRecord decodes one catalog line. Opening a data folder replays
// every line of the catalog, and encoding/json's reflection was most of
// the CPU an open spent at 100k documents, so the lines we write
// ourselves (a flat object of known keys, strings without escapes,
// non-negative integers) are read by hand; anything else (escapes, other
// spacing, unknown keys, a line from an older or newer writer) goes
// through encoding/json, so both paths accept and mean exactly the same.
// last is the previous record's pack, reused when it repeats so a
// catalog of 100k documents holds one copy of each pack name.
func decodeRecord(b []byte, last string) (record, error) {
	if rec, ok := decodeRecordFast(b, last); ok {
		return rec, nil
	}
	var rec record
	err := json.Unmarshal(b, &rec)
	return rec, err
}

// decodeRecordFast is the hand-written path of decodeRecord; ok is false
// when the line is not in the plain form it reads.
func decodeRecordFast(b []byte, last string) (rec record, ok bool) {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return rec, false
	}
	i := 1
	if b[i] == '}' {
		return rec, i+1 == len(b)
	}
	for {
		key, j, ok := plainString(b, i)
		if !ok || j >= len(b) || b[j] != ':' {
			return rec, false
		}
		i = j + 1
		if i >= len(b) {
			return rec, false
		}
		if b[i] == '"' {
			val, j, ok := plainString(b, i)
			if !ok {
				return rec, false
			}
			i = j
			switch string(key) {
			case "op":
				switch string(val) { // the three ops, without an allocation
				case opPut:
					rec.Op = opPut
				case opDrop:
					rec.Op = opDrop
				case opDel:
					rec.Op = opDel
				default:
					rec.Op = string(val)
				}
			case "id":
				rec.ID = string(val)
			case "sha":
				rec.SHA = string(val)
			case "src":
				rec.Src = string(val)
			case "name":
				rec.Name = string(val)
			case "pk":
				if string(val) == last {
					rec.Pack = last
				} else {
					rec.Pack = string(val)
				}
			default:
				return rec, false
			}
		} else {
			n, j, ok := plainUint(b, i)
			if !ok {
				return rec, false
			}
			i = j
			switch string(key) {
			case "s":
				rec.Seq = n
			case "oo", "ol", "po", "pl":
				if n > 1<<63-1 {
					return rec, false
				}
				switch string(key) {
				case "oo":
					rec.OOff = int64(n)
				case "ol":
					rec.OLen = int64(n)
				case "po":
					rec.POff = int64(n)
				case "pl":
					rec.PLen = int64(n)
				}
			default:
				return rec, false
			}
		}
		switch {
		case i >= len(b):
			return rec, false
		case b[i] == ',':
			i++
		case b[i] == '}':
			return rec, i+1 == len(b)
		default:
			return rec, false
		}
	}
}

// plainString reads the JSON string that starts at b[i] when it has no
// escapes, no control characters and is valid UTF-8 (encoding/json would
// change invalid bytes to U+FFFD); it returns its contents and the index
// after its closing quote.
func plainString(b []byte, i int) (s []byte, next int, ok bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, 0, false
	}
	ascii := true
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			s = b[i+1 : j]
			if !ascii && !utf8.Valid(s) {
				return nil, 0, false
			}
			return s, j + 1, true
		case c == '\\' || c < 0x20:
			return nil, 0, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, 0, false
}

// plainUint reads the JSON number that starts at b[i] when it is a
// non-negative integer without a fraction or exponent and fits in a
// uint64; it returns it and the index after it.
func plainUint(b []byte, i int) (n uint64, next int, ok bool) {
	j := i
	for j < len(b) && b[j] >= '0' && b[j] <= '9' {
		d := uint64(b[j] - '0')
		if n > (1<<64-1-d)/10 {
			return 0, 0, false
		}
		n = n*10 + d
		j++
	}
	if j == i || (b[i] == '0' && j > i+1) {
		return 0, 0, false // no digits, or a leading zero JSON forbids
	}
	if j < len(b) && (b[j] == '.' || b[j] == 'e' || b[j] == 'E') {
		return 0, 0, false
	}
	return n, j, true
}
