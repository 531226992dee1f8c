package search_test

import (
	"os"
	"testing"
)

// tempDir makes the directory the shared sample index lives in; TestMain
// removes it after every test has run.
func tempDir() (string, error) { return os.MkdirTemp("", "lexsearch-search-test-") }

func TestMain(m *testing.M) {
	code := m.Run()
	if sampleClose != nil {
		sampleClose()
	}
	if sampleDir != "" {
		os.RemoveAll(sampleDir)
	}
	if benchDone != nil {
		benchDone()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
