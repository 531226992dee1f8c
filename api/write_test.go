package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"lexsearch/api"
)

// fakeWriter keeps documents in a map by name, the way the indexer keeps
// them by content: same bytes unchanged, new bytes replaced. A file whose
// text is "skip me" is skipped.
type fakeWriter struct {
	mu   sync.Mutex
	docs map[string]string // id -> content hash
}

func (f *fakeWriter) Add(_ context.Context, name string, data []byte) (api.Added, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.docs == nil {
		f.docs = map[string]string{}
	}
	if string(data) == "skip me" {
		return api.Added{Status: api.StatusSkipped, Reason: "no-text: the file holds no words"}, nil
	}
	sum := sha256.Sum256([]byte(name))
	id := hex.EncodeToString(sum[:8])
	hash := fmt.Sprintf("%x", sha256.Sum256(data))
	old, ok := f.docs[id]
	f.docs[id] = hash
	status := api.StatusCreated
	switch {
	case ok && old == hash:
		status = api.StatusUnchanged
	case ok:
		status = api.StatusReplaced
	}
	return api.Added{ID: id, Status: status, Title: strings.TrimSuffix(name, ".txt")}, nil
}

func (f *fakeWriter) Delete(_ context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.docs[id]; !ok {
		return fmt.Errorf("delete %s: %w", id, fs.ErrNotExist)
	}
	delete(f.docs, id)
	return nil
}

func TestWrites(t *testing.T) {
	w := &fakeWriter{}
	h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), &fakeIndex{}, api.Config{
		Writer: w, Token: "s3cret", MaxUpload: 1 << 10,
	})
	do := func(method, target, token string, body io.Reader, header http.Header) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, body)
		for k, v := range header {
			req.Header[k] = v
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	text := func(s string) io.Reader { return strings.NewReader(s) }
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	for _, f := range []struct{ name, body string }{{"one.txt", "first brief"}, {"two.txt", "second brief"}} {
		part, _ := mw.CreateFormFile("file", f.name)
		io.WriteString(part, f.body)
	}
	mw.Close()
	multipartType := http.Header{"Content-Type": {mw.FormDataContentType()}}
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

	for _, tc := range []struct {
		name, method, target, token string
		body                        io.Reader
		header                      http.Header
		status                      int
		want                        string // in the body
	}{
		{"no token sent", "POST", "/documents?name=a.txt", "", text("a brief"), nil, 401, "Authorization: Bearer"},
		{"wrong token", "POST", "/documents?name=a.txt", "guess", text("a brief"), nil, 401, "token is wrong"},
		{"created", "POST", "/documents?name=a.txt", "s3cret", text("a brief"), nil, 201, `"status": "created"`},
		{"unchanged", "POST", "/documents?name=a.txt", "s3cret", text("a brief"), nil, 200, `"status": "unchanged"`},
		{"replaced", "POST", "/documents?name=a.txt", "s3cret", text("a longer brief"), nil, 200, `"status": "replaced"`},
		{"name from Content-Disposition", "POST", "/documents", "s3cret", text("cd brief"),
			http.Header{"Content-Disposition": {`attachment; filename="cd.txt"`}}, 201, `"name": "cd.txt"`},
		{"Windows path keeps its folders, not its drive", "POST", `/documents?name=C:%5Cbriefs%5Cwin.txt`, "s3cret", text("w"), nil, 201, `"name": "briefs/win.txt"`},
		{"a path cannot climb", "POST", `/documents?name=../../etc/passwd.txt`, "s3cret", text("w"), nil, 201, `"name": "etc/passwd.txt"`},
		{"absolute path names the source", "POST", `/documents?name=/home/a/caseA/complaint.txt`, "s3cret", text("w"), nil, 201, `"name": "home/a/caseA/complaint.txt"`},
		{"multipart", "POST", "/documents", "s3cret", bytes.NewReader(mp.Bytes()), multipartType, 201, `"name": "two.txt"`},
		{"skipped", "POST", "/documents?name=s.txt", "s3cret", text("skip me"), nil, 422, "no-text"},
		{"image named .txt", "POST", "/documents?name=a.txt", "s3cret", text(png), nil, 415, "image/png"},
		{"binary named .pdf", "POST", "/documents?name=a.pdf", "s3cret", text("\x00\x01\x02\x03 junk"), nil, 415, "binary"},
		{"too large", "POST", "/documents?name=big.txt", "s3cret", text(strings.Repeat("a", 2<<10)), nil, 413, "-max-upload"},
		{"too large, length unknown", "POST", "/documents?name=big.txt", "s3cret", io.MultiReader(text(strings.Repeat("a", 2<<10))), nil, 413, "-max-upload"},
		{"no name", "POST", "/documents", "s3cret", text("x"), nil, 400, "?name="},
		{"empty", "POST", "/documents?name=e.txt", "s3cret", text(""), nil, 400, "empty"},
		{"dot name", "POST", "/documents?name=..", "s3cret", text("x"), nil, 400, "file name"},
		{"multipart field that is not a file", "POST", "/documents", "s3cret", strings.NewReader("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--b--\r\n"),
			http.Header{"Content-Type": {"multipart/form-data; boundary=b"}}, 400, "not a file"},
		{"multipart without boundary", "POST", "/documents", "s3cret", text("x"), http.Header{"Content-Type": {"multipart/form-data"}}, 400, "boundary"},
		{"delete unknown", "DELETE", "/documents/nope", "s3cret", nil, nil, 404, "nope"},
		{"delete without token", "DELETE", "/documents/nope", "", nil, nil, 401, "Bearer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(tc.method, tc.target, tc.token, tc.body, tc.header)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.want) {
				t.Fatalf("%d %s, want %d with %q", rec.Code, rec.Body, tc.status, tc.want)
			}
			if tc.status >= 400 && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
				t.Errorf("Content-Type %q", rec.Header().Get("Content-Type"))
			}
			if tc.status == 401 && !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without WWW-Authenticate")
			}
			if tc.status == 201 && !strings.HasPrefix(rec.Header().Get("Location"), "/documents/") && tc.name != "multipart" {
				t.Errorf("201 without Location")
			}
		})
	}

	// A created document can be deleted once.
	rec := do("POST", "/documents?name=gone.txt", "s3cret", text("bye"), nil)
	var added struct{ ID, URL string }
	if err := json.Unmarshal(rec.Body.Bytes(), &added); err != nil || added.ID == "" || rec.Header().Get("Location") != added.URL {
		t.Fatalf("%s (%v)", rec.Body, err)
	}
	if rec := do("DELETE", "/documents/"+added.ID, "s3cret", nil, nil); rec.Code != 204 {
		t.Errorf("delete: %d %s", rec.Code, rec.Body)
	}
	if rec := do("DELETE", "/documents/"+added.ID, "s3cret", nil, nil); rec.Code != 404 {
		t.Errorf("second delete: %d %s", rec.Code, rec.Body)
	}
}

func TestWritesNeedAConfiguredToken(t *testing.T) {
	for _, cfg := range []api.Config{{}, {Writer: &fakeWriter{}}, {Token: "t"}} {
		h := api.NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), &fakeIndex{}, cfg)
		for _, method := range []string{"POST", "DELETE"} {
			target := "/documents?name=a.txt"
			if method == "DELETE" {
				target = "/documents/abc"
			}
			req := httptest.NewRequest(method, target, strings.NewReader("text"))
			req.Header.Set("Authorization", "Bearer t")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 403 || !strings.Contains(rec.Body.String(), "LEXSEARCH_TOKEN") {
				t.Errorf("%s with %+v: %d %s", method, cfg, rec.Code, rec.Body)
			}
		}
	}
}
