package corpus

import (
	"context"
	"io/fs"
	"strings"
)

// Walk calls fn for every regular file under the root of fsys, in lexical
// order. Hidden files and folders (".git", ".DS_Store") are passed over.
// The format comes from the file name only, and is "" for a file lexsearch
// cannot read, so the caller can report it as skipped rather than lose it
// silently; the indexer checks the format against the content (Sniff) when
// it opens the file. An error from fn stops the walk and is returned.
func Walk(ctx context.Context, fsys fs.FS, fn func(Source) error) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		return fn(Source{ID: SourceID(p), Path: p, Format: FormatOf(p)})
	})
}
