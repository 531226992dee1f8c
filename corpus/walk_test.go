package corpus_test

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"lexsearch/corpus"
)

// lockedFS refuses to list one folder, as a folder without read
// permission does (tests run as root too, where chmod would not).
type lockedFS struct {
	fstest.MapFS
	locked string
}

func (l lockedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == l.locked {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return l.MapFS.ReadDir(name)
}

// walkAll returns every path Walk reports, with its error's kind.
func walkAll(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	var got []string
	err := corpus.Walk(t.Context(), fsys, func(src corpus.Source) error {
		line := src.Path
		for _, kind := range []error{corpus.ErrUnreadable, corpus.ErrNotRegular, corpus.ErrSymlinkLoop} {
			if errors.Is(src.Err, kind) {
				line += " [" + kind.Error() + ": " + src.Err.Error() + "]"
			}
		}
		got = append(got, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestWalkGoesOnPastAnUnreadableFolder(t *testing.T) {
	fsys := lockedFS{MapFS: fstest.MapFS{
		"a.txt":          {Data: []byte("a")},
		"locked/b.txt":   {Data: []byte("b")},
		"open/c.md":      {Data: []byte("c")},
		"open/deep/d.md": {Data: []byte("d")},
	}, locked: "locked"}
	got := walkAll(t, fsys)
	want := []string{"a.txt", "locked [unreadable: cannot list the folder: permission denied]", "open/c.md", "open/deep/d.md"}
	if !slices.Equal(got, want) {
		t.Errorf("Walk = %q, want %q", got, want)
	}
}
