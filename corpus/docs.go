package corpus

import (
	"embed"
	"io/fs"
)

//go:embed docs
var docs embed.FS

// Docs returns the embedded sample corpus, rooted so that paths are plain
// file names such as "sherloc-doe-v-twitter-ndcal-2021.txt".
func Docs() fs.FS {
	sub, err := fs.Sub(docs, "docs")
	if err != nil {
		// fs.Sub fails only on an invalid path, and "docs" is a constant.
		panic(err)
	}
	return sub
}
