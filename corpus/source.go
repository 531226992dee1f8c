package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// Format is the on-disk encoding of a source file.
type Format string

// The formats lexsearch reads.
const (
	FormatPDF      Format = "pdf"
	FormatHTML     Format = "html"
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
)

// A Source is one file in a corpus, before extraction.
type Source struct {
	ID     string // stable: see SourceID
	Path   string // slash-separated, relative to the corpus root (an fs.FS path)
	Format Format
	// Err is set by Walk for a file that cannot be read at all: it wraps
	// ErrUnreadable, ErrNotRegular or ErrSymlinkLoop.
	Err error `json:"-"`
}

// SourceID is the document ID of the file at path p (relative to its corpus
// root). It depends only on the path, so re-ingesting a changed file updates
// its document instead of adding a second one.
func SourceID(p string) string {
	sum := sha256.Sum256([]byte(p))
	return hex.EncodeToString(sum[:8]) // 16 hex digits: short, and collision-safe at our scale
}

// ContentID is the document ID of a file with the bytes data: the first 16
// hex digits of their SHA-256. The same file under two names is one
// document, and a changed file is a new one.
func ContentID(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// FormatOf guesses a file's format from its name. It returns "" for files
// lexsearch does not read.
func FormatOf(name string) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return FormatPDF
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".txt", ".text":
		return FormatText
	case ".md", ".markdown":
		return FormatMarkdown
	}
	return ""
}

// Sniff checks the first bytes of a file against the format its name
// claims, and returns the format the content really has. A PDF is known by
// "%PDF-" in its first KiB (court files sometimes carry junk before it), an
// HTML page by a doctype or <html> tag near its start. Text and Markdown
// cannot be told apart by content, so a claimed text format is kept unless
// the bytes say PDF or HTML.
func Sniff(claimed Format, head []byte) Format {
	head = head[:min(len(head), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return FormatPDF
	}
	lower := bytes.ToLower(bytes.TrimLeft(head[:min(len(head), 512)], " \t\r\n\ufeff"))
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.Contains(lower, []byte("<html")) && claimed == FormatHTML {
		return FormatHTML
	}
	if claimed == FormatPDF {
		return "" // named .pdf but no PDF header: not something we can read as text
	}
	return claimed
}
