package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// popplerPages reads the text of each page with poppler's pdftotext in
// its reading-order mode (no -layout), which ends every page with a form
// feed. The file is written to a temporary directory that is removed
// before returning.
func popplerPages(ctx context.Context, data []byte) ([]string, error) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return nil, fmt.Errorf("%w: PDF engine %q needs pdftotext: install poppler-utils", ErrUnsupported, EnginePoppler)
	}
	data, err := repairPDF(data)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "lexsearch-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	out, err := runTool(ctx, "pdftotext", "-q", "-enc", "UTF-8", in, "-")
	if err != nil {
		return nil, err
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 1 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages, nil
}

// runTool runs an external program and returns its standard output. A
// failure carries the program's first line of complaint; a cancelled
// ctx is returned as ctx's error.
func runTool(ctx context.Context, name string, args ...string) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return nil, fmt.Errorf("%w: %s: %v: %s", ErrMalformed, name, err, msg)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return stdout.Bytes(), nil
}
