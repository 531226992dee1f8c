package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
)

// A document whose kept text cannot be read is logged with its id and
// the error; one deleted since its search, or asked for by a search that
// was given up, is not.
func TestLoggedPagesLogsUnreadableText(t *testing.T) {
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	errs := map[string]error{
		"damaged": errors.New("pack 3: checksum mismatch"),
		"deleted": fmt.Errorf("document deleted: %w", fs.ErrNotExist),
	}
	src := loggedPages(logger, func(_ context.Context, id string) ([]string, error) {
		if err := errs[id]; err != nil {
			return nil, err
		}
		return []string{"page one"}, nil
	})

	if pages, err := src(t.Context(), "fine"); err != nil || len(pages) != 1 {
		t.Fatalf("readable text: %v, %v", pages, err)
	}
	if _, err := src(t.Context(), "deleted"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("deleted document: error %v, want fs.ErrNotExist", err)
	}
	gone, cancel := context.WithCancel(t.Context())
	cancel()
	src(gone, "damaged")
	if log.Len() != 0 {
		t.Fatalf("logged for a readable, a deleted or a given-up document:\n%s", log.String())
	}

	if _, err := src(t.Context(), "damaged"); err == nil {
		t.Fatal("damaged text: no error")
	}
	got := log.String()
	for _, want := range []string{"level=WARN", "id=damaged", "checksum mismatch"} {
		if !strings.Contains(got, want) {
			t.Errorf("log %q does not name %q", got, want)
		}
	}
}
