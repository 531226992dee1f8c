package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"
)

// Writer adds documents to the index and deletes them, for POST and DELETE
// /documents. The indexer implements it; the API only declares what it
// needs, so it never imports the indexer.
type Writer interface {
	Add(ctx context.Context, name string, data []byte) (Added, error) // returns once committed and searchable
	Delete(ctx context.Context, id string) error                      // unknown id: an error wrapping fs.ErrNotExist
}

// Added is the outcome of one Writer.Add. Status is created, replaced,
// unchanged or skipped; Reason says why a file was skipped.
type Added struct{ ID, Status, Reason, Title string }

// The statuses of Added.
const (
	StatusCreated   = "created"
	StatusReplaced  = "replaced"
	StatusUnchanged = "unchanged"
	StatusSkipped   = "skipped"
)

// DefaultMaxUpload caps one POST /documents body unless Config says
// otherwise: larger than any court filing we have seen, small enough that
// a few at once cannot exhaust memory.
const DefaultMaxUpload = 64 << 20

// maxNameLen caps an uploaded file's name, as most file systems do.
const maxNameLen = 255

// addedView is an Added as JSON, with the document's URL.
type addedView struct {
	ID     string `json:"id,omitempty"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
	Title  string `json:"title,omitempty"`
	URL    string `json:"url,omitempty"`
}

func viewOf(name string, a Added) addedView {
	v := addedView{ID: a.ID, Name: name, Status: a.Status, Reason: a.Reason, Title: a.Title}
	if a.ID != "" && a.Status != StatusSkipped {
		v.URL = "/documents/" + a.ID
	}
	return v
}

// requireToken runs next only when writes are enabled and the request
// carries the token; it comes before the write limiter, so clients without
// the token cannot take the write slots.
func requireToken(cfg Config, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if authorize(w, r, cfg) {
			next.ServeHTTP(w, r)
		}
	})
}

// authorize lets a write through only when writes are enabled and the
// request carries the token. It writes the problem and returns false
// otherwise.
func authorize(w http.ResponseWriter, r *http.Request, cfg Config) bool {
	if cfg.Writer == nil || cfg.Token == "" {
		writeProblem(w, r, problem{Status: http.StatusForbidden,
			Detail: "this server is read-only; to allow writes, start it with a token in LEXSEARCH_TOKEN or in a file named by -token-file"})
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	// Hashing first makes the comparison constant-time in the length too.
	want := sha256.Sum256([]byte(cfg.Token))
	have := sha256.Sum256([]byte(strings.TrimSpace(got)))
	if !ok || subtle.ConstantTimeCompare(want[:], have[:]) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="lexsearch"`)
		detail := "send the write token as 'Authorization: Bearer TOKEN'"
		if ok {
			detail = "the bearer token is wrong; send the one the server was started with"
		}
		writeProblem(w, r, problem{Status: http.StatusUnauthorized, Detail: detail})
		return false
	}
	return true
}

// An upload is one file of a POST /documents request.
type upload struct {
	name string
	data []byte
}

// handleAdd takes one file as the request body (named by ?name= or
// Content-Disposition) or several as multipart/form-data, and answers once
// each is committed and searchable.
func handleAdd(logger *slog.Logger, cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > cfg.MaxUpload {
			writeProblem(w, r, tooLarge(cfg.MaxUpload))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, cfg.MaxUpload)
		files, p := readUploads(r)
		if p.Status != 0 {
			if p.Status == http.StatusRequestEntityTooLarge {
				p = tooLarge(cfg.MaxUpload)
			}
			writeProblem(w, r, p)
			return
		}
		// Every file is checked before any is written, so a rejected
		// request changes nothing.
		for _, f := range files {
			if kind := sniffUpload(f.data); kind != "" {
				writeProblem(w, r, problem{Status: http.StatusUnsupportedMediaType,
					Detail: fmt.Sprintf("%s looks like %s; lexsearch reads PDF, HTML, plain text and Markdown", f.name, kind)})
				return
			}
		}
		var views []addedView
		created, skipped := false, 0
		for _, f := range files {
			start := time.Now()
			a, err := cfg.Writer.Add(r.Context(), f.name, f.data)
			if err != nil {
				writeError(w, r, logger, fmt.Errorf("add %s: %w", f.name, err))
				return
			}
			cfg.Metrics.ingest.Observe(time.Since(start).Seconds())
			if a.Status == StatusSkipped {
				cfg.Metrics.CountSkip(skipLabel(a.Reason))
				skipped++
			} else {
				cfg.Metrics.CountIndexed(a.Status)
			}
			created = created || a.Status == StatusCreated
			views = append(views, viewOf(f.name, a))
			logger.InfoContext(r.Context(), "document written", "id", a.ID, "status", a.Status, "reason", a.Reason,
				"bytes", len(f.data), "request_id", requestID(r.Context()))
		}
		if len(views) == 1 {
			v := views[0]
			switch {
			case v.Status == StatusSkipped:
				writeProblem(w, r, problem{Status: http.StatusUnprocessableEntity, Document: &v,
					Detail: fmt.Sprintf("%s was not indexed: %s", v.Name, v.Reason)})
			case created:
				w.Header().Set("Location", v.URL)
				encode(w, r, http.StatusCreated, "application/json", v)
			default:
				writeJSON(w, r, v)
			}
			return
		}
		status := http.StatusOK
		switch {
		case skipped == len(views):
			status = http.StatusUnprocessableEntity
		case created:
			status = http.StatusCreated
		}
		encode(w, r, status, "application/json", uploadsJSON{Documents: views})
	}
}

// skipLabel keeps the skip-reason label of /metrics to its first word
// ("unreadable: permission denied" is "unreadable"), so a reason carrying a
// file name or an error text cannot make a new series per file.
func skipLabel(reason string) string {
	label, _, _ := strings.Cut(reason, ":")
	label = strings.TrimSpace(label)
	if label == "" || len(label) > 40 || strings.ContainsAny(label, " /\\") {
		return "other"
	}
	return label
}

func tooLarge(limit int64) problem {
	return problem{Status: http.StatusRequestEntityTooLarge,
		Detail: fmt.Sprintf("the upload is larger than this server takes (%d MiB); send files one at a time or raise -max-upload", limit>>20)}
}

// readUploads reads the files of a request. A non-zero Status in the
// problem means the request is bad.
func readUploads(r *http.Request) ([]upload, problem) {
	ctype, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ctype == "multipart/form-data" {
		if r.URL.Query().Has("name") {
			return nil, problem{Status: http.StatusBadRequest, Param: "name",
				Detail: "a multipart upload names each file in its part; drop ?name="}
		}
		if params["boundary"] == "" {
			return nil, problem{Status: http.StatusBadRequest, Detail: "multipart/form-data without a boundary; let your client build the body (curl -F file=@a.pdf)"}
		}
		return readMultipart(multipart.NewReader(r.Body, params["boundary"]))
	}
	name := r.URL.Query().Get("name")
	if name == "" {
		if _, dp, err := mime.ParseMediaType(r.Header.Get("Content-Disposition")); err == nil {
			name = dp["filename"]
		}
	}
	if name == "" {
		return nil, problem{Status: http.StatusBadRequest, Param: "name",
			Detail: "name the file: ?name=opinion.pdf, a Content-Disposition header, or a multipart upload (curl -F file=@opinion.pdf)"}
	}
	name, p := cleanName(name)
	if p.Status != 0 {
		return nil, p
	}
	data, err := io.ReadAll(r.Body)
	if p := bodyProblem(err); p.Status != 0 {
		return nil, p
	}
	if len(data) == 0 {
		return nil, problem{Status: http.StatusBadRequest, Detail: fmt.Sprintf("%s is empty; send the file's bytes as the body (curl --data-binary @%s)", name, name)}
	}
	return []upload{{name, data}}, problem{}
}

func readMultipart(mr *multipart.Reader) ([]upload, problem) {
	var files []upload
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if p := bodyProblem(err); p.Status != 0 {
			return nil, p
		}
		if part.FileName() == "" {
			return nil, problem{Status: http.StatusBadRequest,
				Detail: fmt.Sprintf("form field %q is not a file; send files only (curl -F file=@a.pdf)", part.FormName())}
		}
		name, p := cleanName(part.FileName())
		if p.Status != 0 {
			return nil, p
		}
		data, err := io.ReadAll(part)
		if p := bodyProblem(err); p.Status != 0 {
			return nil, p
		}
		if len(data) == 0 {
			return nil, problem{Status: http.StatusBadRequest, Detail: fmt.Sprintf("%s is empty", name)}
		}
		files = append(files, upload{name, data})
	}
	if len(files) == 0 {
		return nil, problem{Status: http.StatusBadRequest, Detail: "the multipart body holds no file (curl -F file=@a.pdf)"}
	}
	return files, problem{}
}

// bodyProblem turns an error reading the body into a problem: too large, or
// malformed.
func bodyProblem(err error) problem {
	var tooBig *http.MaxBytesError
	switch {
	case err == nil:
		return problem{}
	case errors.As(err, &tooBig):
		return problem{Status: http.StatusRequestEntityTooLarge}
	}
	return problem{Status: http.StatusBadRequest, Detail: "the request body could not be read whole; resend it"}
}

// cleanName keeps a client's file name as a clean relative path (so
// `ingest -server caseA caseB` keeps caseA/complaint.txt and
// caseB/complaint.txt apart: the name is the document's source) and
// refuses names no file system would take. ".." cannot climb: the path is
// cleaned as if rooted.
func cleanName(name string) (string, problem) {
	name = strings.ReplaceAll(name, `\`, "/") // C:\briefs\a.pdf from a Windows client
	if i := strings.IndexByte(name, ':'); i == 1 {
		name = name[2:] // the drive letter
	}
	name = path.Clean("/" + name)[1:]
	if name == "" {
		name = "."
	}
	bad := func(why string) (string, problem) {
		return "", problem{Status: http.StatusBadRequest, Param: "name", Detail: "the file name " + why}
	}
	switch {
	case name == "." || name == "/" || name == "..":
		return bad("is empty; give the file's name, e.g. opinion.pdf")
	case len(path.Base(name)) > maxNameLen || len(name) > 4*maxNameLen:
		return bad(fmt.Sprintf("is %d bytes long; at most %d a name, %d with its folders", len(name), maxNameLen, 4*maxNameLen))
	case !utf8.ValidString(name):
		return bad("is not valid UTF-8")
	}
	if why := badText(name); why != "" {
		return bad(why)
	}
	return name, problem{}
}

// sniffUpload returns "" when data may be a file lexsearch reads, judged by
// its bytes alone, or else what it looks like ("image/png"). Whether the
// file really yields text is for the indexer to say (a skip).
func sniffUpload(data []byte) string {
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return "" // court PDFs sometimes carry junk before the header
	}
	ctype := http.DetectContentType(data) // the WHATWG sniffing algorithm
	if strings.HasPrefix(ctype, "text/") {
		return ""
	}
	if ctype == "application/octet-stream" {
		return "binary data"
	}
	t, _, _ := strings.Cut(ctype, ";")
	return t
}

// handleDelete removes a document from the index.
func handleDelete(logger *slog.Logger, cfg Config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := pathVar(r, "id")
		err := cfg.Writer.Delete(r.Context(), id)
		if errors.Is(err, fs.ErrNotExist) {
			writeProblem(w, r, problem{Status: http.StatusNotFound, Detail: fmt.Sprintf("no document with id %q", id)})
			return
		}
		if err != nil {
			writeError(w, r, logger, fmt.Errorf("delete %s: %w", id, err))
			return
		}
		cfg.Metrics.CountIndexed("deleted")
		logger.InfoContext(r.Context(), "document deleted", "id", id, "request_id", requestID(r.Context()))
		w.WriteHeader(http.StatusNoContent)
	}
}
