package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("client went away") }

// TestEncodeToAfterAFailedWrite checks that the JSON of an answer is
// what a fresh indenting encoder writes, also for the answer after one
// whose client went away (a json.Encoder keeps the error of a failed
// write, and encoders are reused).
func TestEncodeToAfterAFailedWrite(t *testing.T) {
	v := map[string]any{"snippet": "<mark>Section 230</mark> & more", "hits": []int{1, 2}, "empty": []string{}}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := encodeTo(failingWriter{}, v); err == nil {
			t.Fatal("a failed write reported no error")
		}
		var got bytes.Buffer
		if err := encodeTo(&got, v); err != nil {
			t.Fatalf("round %d: after a failed write: %v", i, err)
		}
		if got.String() != want.String() {
			t.Fatalf("round %d: got\n%s\nwant\n%s", i, got.String(), want.String())
		}
	}
}
