package corpus

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"
)

// Why a file found by Walk cannot be read. The indexer reports each as a
// skip with its reason, and the run goes on.
var (
	// ErrUnreadable: a folder that cannot be listed, or a link to nothing.
	ErrUnreadable = errors.New("unreadable")
	// ErrNotRegular: a FIFO, socket or device. Opening a FIFO blocks until
	// someone writes to it, so such files are never opened.
	ErrNotRegular = errors.New("not a regular file")
	// ErrSymlinkLoop: a link to a folder the walk is already inside.
	ErrSymlinkLoop = errors.New("symbolic link loop")
)

// Walk calls fn for every file under the root of fsys, in lexical order.
// Hidden files and folders (".git", ".DS_Store") are passed over.
//
// The format comes from the file name only, and is "" for a file lexsearch
// cannot read, so the caller can report it as skipped rather than lose it
// silently; the indexer checks the format against the content (Sniff) when
// it opens the file. What cannot be read at all is also passed to fn, with
// Source.Err set (ErrUnreadable, ErrNotRegular, ErrSymlinkLoop), and the
// walk goes on: one locked subfolder does not stop a run of thousands of
// files. Symbolic links are followed, to files and to folders, except a
// link back into a folder being walked.
//
// Only an unreadable root, ctx being done, or an error from fn stops the
// walk; that error is returned.
func Walk(ctx context.Context, fsys fs.FS, fn func(Source) error) error {
	root, err := fs.Stat(fsys, ".")
	if err != nil {
		return err
	}
	w := walker{ctx: ctx, fsys: fsys, fn: fn}
	return w.dir(".", []fs.FileInfo{root})
}

type walker struct {
	ctx  context.Context
	fsys fs.FS
	fn   func(Source) error
}

// skip reports a path that cannot be read.
func (w *walker) skip(p string, err error) error {
	return w.fn(Source{ID: SourceID(p), Path: p, Format: FormatOf(p), Err: err})
}

// dir walks the folder p; open holds the folders from the root down to p,
// to tell a link loop from a link elsewhere.
func (w *walker) dir(p string, open []fs.FileInfo) error {
	entries, err := fs.ReadDir(w.fsys, p)
	if err != nil {
		if p == "." {
			return err
		}
		// ReadDir may return the entries it read before failing; they are
		// still walked, and the folder is reported.
		if serr := w.skip(p, walkError(ErrUnreadable, "cannot list the folder", err)); serr != nil {
			return serr
		}
	}
	for _, d := range entries {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") {
			continue
		}
		child := path.Join(p, d.Name())
		typ := d.Type()
		var info fs.FileInfo
		if typ&fs.ModeSymlink != 0 {
			info, err = fs.Stat(w.fsys, child)
			if err != nil {
				if err := w.skip(child, walkError(ErrUnreadable, "broken symbolic link", err)); err != nil {
					return err
				}
				continue
			}
			typ = info.Mode().Type()
		}
		switch {
		case typ.IsDir():
			if info == nil {
				if info, err = d.Info(); err != nil {
					if err := w.skip(child, walkError(ErrUnreadable, "cannot list the folder", err)); err != nil {
						return err
					}
					continue
				}
			}
			if inside(open, info) {
				if err := w.skip(child, walkError(ErrSymlinkLoop, "a link back into a folder above it", nil)); err != nil {
					return err
				}
				continue
			}
			if err := w.dir(child, append(open, info)); err != nil {
				return err
			}
		case typ.IsRegular():
			if err := w.fn(Source{ID: SourceID(child), Path: child, Format: FormatOf(child)}); err != nil {
				return err
			}
		default:
			if err := w.skip(child, walkError(ErrNotRegular, kindOf(typ), nil)); err != nil {
				return err
			}
		}
	}
	return nil
}

// inside reports whether dir is one of the open folders. Only file systems
// whose FileInfo identifies the file (os.DirFS) can have links at all.
func inside(open []fs.FileInfo, dir fs.FileInfo) bool {
	for _, o := range open {
		if os.SameFile(o, dir) {
			return true
		}
	}
	return false
}

// kindOf names a file type a person recognises.
func kindOf(t fs.FileMode) string {
	switch {
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// A skipError says why Walk could not read a path. It matches its kind
// (ErrUnreadable, ...) with errors.Is, and its message does not repeat the
// kind, which the indexer prints as the skip reason beside it.
type skipError struct {
	kind  error
	msg   string
	cause error
}

func walkError(kind error, msg string, cause error) error {
	return &skipError{kind, msg, unwrapPath(cause)}
}

func (e *skipError) Error() string {
	if e.cause == nil {
		return e.msg
	}
	return e.msg + ": " + e.cause.Error()
}

func (e *skipError) Unwrap() []error {
	if e.cause == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.cause}
}

// unwrapPath drops the *PathError wrapper, whose path is relative to the
// walked folder and repeats what the skip already names.
func unwrapPath(err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
