package api

import (
	"bytes"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"lexsearch/search"
)

// fill sets every exported field reachable from v to a random value:
// strings with the characters JSON escapes, numbers of every size,
// slices and maps nil, empty or not, pointers nil or not. A field added
// to a result type later is filled too, so the test fails until
// appendResult writes it.
func fill(r *rand.Rand, v reflect.Value, depth int) {
	strs := []string{"", "plain", "Doe v. Backpage.com, LLC", "<mark>Section 230</mark> & \"quoted\" \\ back",
		"tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f", "é § — 日本", "\xff\xfe broken", "line\u2028para\u2029", "18 U.S.C. § 1595"}
	switch v.Kind() {
	case reflect.String:
		v.SetString(strs[r.IntN(len(strs))])
	case reflect.Int, reflect.Int64:
		v.SetInt([]int64{0, 1, 7, -3, 1 << 40}[r.IntN(5)])
	case reflect.Uint64:
		v.SetUint([]uint64{0, 1, 12345, math.MaxUint64}[r.IntN(4)])
	case reflect.Float64:
		v.SetFloat([]float64{0, 1.7, 2.125, 1e-7, 3.5e-9, 1e21, 123456789.25, -0.5, 1.0 / 3}[r.IntN(9)])
	case reflect.Pointer:
		if depth > 4 || r.IntN(3) == 0 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(r, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		switch r.IntN(4) {
		case 0:
			return // nil
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			return
		}
		n := 1 + r.IntN(3)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(r, s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		if r.IntN(4) == 0 {
			return
		}
		m := reflect.MakeMap(v.Type())
		for range r.IntN(4) {
			k := reflect.New(v.Type().Key()).Elem()
			fill(r, k, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(r, e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(r, v.Field(i), depth+1)
			}
		}
	}
}

// TestResultJSONIsEncodingJSON checks that a search result written by
// appendResult is byte for byte what encoding/json writes for it, on
// random results with every field filled in every way.
func TestResultJSONIsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for n := range 2000 {
		var res search.Result
		fill(r, reflect.ValueOf(&res).Elem(), 0)
		var want bytes.Buffer
		if err := encodeTo(&want, &res); err != nil {
			t.Fatal(err)
		}
		got, ok := appendResult(nil, &res)
		if !ok {
			t.Fatalf("case %d: not written", n)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("case %d: got\n%s\nwant\n%s", n, got, want.Bytes())
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1)} {
		res := search.Result{Hits: []search.Hit{{Score: f}}}
		if _, ok := appendResult(nil, &res); ok {
			t.Errorf("score %v written; encoding/json refuses it", f)
		}
	}
}
