package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"lexsearch/corpus"
	"lexsearch/indexer"
)

// remoteFile is one file found for `ingest -server`.
type remoteFile struct {
	fsys fs.FS
	src  corpus.Source
	show string // the path as the user named it, for progress and skips
}

// errRemote is a failure of the server or the connection to it, as
// opposed to one file being refused.
var errRemote = errors.New("server")

// ingestRemote sends the files under paths to a running server's POST
// /documents, uploads running `workers` at a time, and prints the same
// summary a local ingest does. The server owns the data directory; this
// never opens it.
func ingestRemote(ctx context.Context, e env, server, token string, workers int, paths []string) error {
	base, err := url.Parse(strings.TrimRight(server, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return usagef("ingest: -server %q: give the server's URL, e.g. http://127.0.0.1:8080", server)
	}
	if token == "" {
		return usagef("ingest -server: writes need the server's token: set LEXSEARCH_TOKEN or -token-file")
	}
	start := time.Now()
	var stats indexer.Stats
	files, err := findFiles(ctx, paths)
	if err != nil {
		return err
	}
	var todo []remoteFile
	for _, f := range files {
		switch {
		case f.src.Err != nil:
			stats.Skipped = append(stats.Skipped, indexer.Skip{Path: f.show, Reason: indexer.ReasonFor(f.src.Err), Err: f.src.Err})
		case f.src.Format == "":
			stats.Skipped = append(stats.Skipped, indexer.Skip{Path: f.show, Reason: indexer.SkipUnsupported,
				Err: fmt.Errorf("%s is not PDF, HTML, text or Markdown", path.Ext(f.src.Path))})
		default:
			todo = append(todo, f)
		}
	}

	client := &http.Client{Timeout: 5 * time.Minute} // one upload: extraction of a large PDF takes a while
	report := progress(e, "sending")
	var (
		mu    sync.Mutex
		done  int
		fatal error
		wg    sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan remoteFile)
	for range max(1, workers) {
		wg.Go(func() {
			for f := range jobs {
				skip, err := upload(ctx, client, base, token, f)
				mu.Lock()
				done++
				switch {
				case err != nil && fatal == nil:
					fatal = err
					cancel()
				case err != nil:
				case skip != nil:
					stats.Skipped = append(stats.Skipped, *skip)
				default:
					stats.Indexed++
				}
				report(done, len(todo), f.show)
				mu.Unlock()
			}
		})
	}
feed:
	for _, f := range todo {
		select {
		case jobs <- f:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if fatal != nil {
		return fatal
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	stats.Took = time.Since(start)
	printSummary(e.stdout, stats)
	if stats.Indexed == 0 && len(stats.Skipped) > 0 {
		return fmt.Errorf("ingest: no file could be indexed")
	}
	return nil
}

// findFiles lists the files under each path, as a local ingest would.
func findFiles(ctx context.Context, paths []string) ([]remoteFile, error) {
	var files []remoteFile
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usagef("ingest: %v", err)
		}
		if !st.IsDir() {
			name := filepath.Base(p)
			src := corpus.Source{ID: corpus.SourceID(name), Path: name, Format: corpus.FormatOf(name)}
			if !st.Mode().IsRegular() {
				src.Err = fmt.Errorf("%w: %s", corpus.ErrNotRegular, st.Mode().Type())
			}
			files = append(files, remoteFile{os.DirFS(filepath.Dir(p)), src, p})
			continue
		}
		fsys := os.DirFS(p)
		err = corpus.Walk(ctx, fsys, func(src corpus.Source) error {
			files = append(files, remoteFile{fsys, src, filepath.Join(p, filepath.FromSlash(src.Path))})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("ingest: %s: %w", p, err)
		}
	}
	return files, nil
}

// maxAttempts bounds the retries of one file the server is too busy for.
const maxAttempts = 8

// upload sends one file. It returns a skip when the server refused or
// skipped the file, and an error when the run cannot go on (no access,
// server gone).
func upload(ctx context.Context, client *http.Client, base *url.URL, token string, f remoteFile) (*indexer.Skip, error) {
	data, err := fs.ReadFile(f.fsys, f.src.Path)
	if err != nil {
		return &indexer.Skip{Path: f.show, Reason: indexer.SkipUnreadable, Err: err}, nil
	}
	target := base.JoinPath("documents")
	// The file's absolute path names it, as a local ingest does, so two
	// files of the same name in different folders stay two sources.
	name := f.show
	if abs, err := filepath.Abs(f.show); err == nil {
		name = filepath.ToSlash(abs)
	}
	target.RawQuery = url.Values{"name": {name}}.Encode()
	for attempt := 1; ; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, target.String(), bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/octet-stream")
		resp, err := client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("%w: send %s: %w", errRemote, f.show, err)
		}
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		var answer struct {
			Status   any    `json:"status"` // a string in an answer, a number in a problem
			Detail   string `json:"detail"`
			Document *struct {
				Reason string `json:"reason"`
			} `json:"document"`
		}
		_ = json.Unmarshal(body, &answer)
		switch code := resp.StatusCode; {
		case code == http.StatusOK || code == http.StatusCreated:
			return nil, nil
		case (code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable) && attempt < maxAttempts:
			wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			select {
			case <-time.After(time.Duration(max(1, wait)) * time.Second):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		case code == http.StatusUnprocessableEntity && answer.Document != nil:
			reason, detail, _ := strings.Cut(answer.Document.Reason, ": ")
			return &indexer.Skip{Path: f.show, Reason: indexer.SkipReason(reason), Err: errors.New(detail)}, nil
		case code == http.StatusUnsupportedMediaType:
			return &indexer.Skip{Path: f.show, Reason: indexer.SkipUnsupported, Err: errors.New(answer.Detail)}, nil
		case code == http.StatusBadRequest:
			return &indexer.Skip{Path: f.show, Reason: "rejected", Err: errors.New(answer.Detail)}, nil
		case code == http.StatusRequestEntityTooLarge:
			return &indexer.Skip{Path: f.show, Reason: indexer.SkipTooLarge, Err: errors.New(answer.Detail)}, nil
		case code == http.StatusUnauthorized || code == http.StatusForbidden || code == http.StatusNotFound || code == http.StatusMethodNotAllowed:
			if answer.Detail == "" {
				answer.Detail = "is it a lexsearch server?"
			}
			return nil, fmt.Errorf("%w %s refused the upload (%d): %s", errRemote, base, code, answer.Detail)
		default:
			detail := answer.Detail
			if detail == "" {
				detail = http.StatusText(code)
			}
			return nil, fmt.Errorf("%w %s failed on %s (%d): %s", errRemote, base, f.show, code, detail)
		}
	}
}
