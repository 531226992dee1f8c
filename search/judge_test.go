package search_test

import (
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"lexsearch/indexer"
	"lexsearch/search"
)

const ndIll = "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF ILLINOIS\nEASTERN DIVISION\n\nJANE DOE, Plaintiff,\nv.\nACME, INC., Defendant.\n\nNo. 20-cv-02335\n\n"

// The judge filter takes a judge as a person types one: the surname, a
// title and the surname, the first name and surname, an initial, another
// case or no periods. A name that is no judge's is a 400 that names the
// closest judges, as for parties.
func TestJudgeFilter(t *testing.T) {
	dir := t.TempDir()
	ix := indexer.New(slog.New(slog.NewTextHandler(io.Discard, nil)), indexer.Options{})
	docs := fstest.MapFS{
		"wood.txt": {Data: []byte(ndIll + "Judge Andrea R. Wood\n\nMEMORANDUM OPINION AND ORDER\n\nThe motion is granted.\n")},
		"lee.txt":  {Data: []byte(ndIll + "Judge John Z. Lee\n\nMEMORANDUM OPINION AND ORDER\n\nThe motion is denied.\n")},
		"alonso.txt": {Data: []byte("UNITED STATES COURT OF APPEALS\nFOR THE SEVENTH CIRCUIT\n\nNo. 21-1234\n\nBefore WOOD, Circuit Judge.\n\n" +
			"ORDER\n\nThe motion is moot.\n")},
		"moody.txt": {Data: []byte(ndIll + "Judge John Moody\n\nORDER\n\nThe motion is withdrawn.\n")},
	}
	if _, err := ix.Ingest(t.Context(), dir, []indexer.Input{{FS: docs}}, indexer.Mode{}); err != nil {
		t.Fatal(err)
	}
	bidx, err := indexer.OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer bidx.Close()
	idx, _ := search.New(bidx)
	for _, tc := range []struct {
		judge string
		want  []string
	}{
		{"Andrea R. Wood", []string{"wood.txt"}},
		{"andrea r wood", []string{"wood.txt"}},
		{"Hon. Andrea R. Wood", []string{"wood.txt"}},
		{"Andrea Wood", []string{"wood.txt"}},
		{"A. Wood", []string{"wood.txt"}},
		{"Wood", []string{"alonso.txt", "wood.txt"}},
		{"Judge Wood", []string{"alonso.txt", "wood.txt"}},
		{"WOOD", []string{"alonso.txt", "wood.txt"}},
		{"lee", []string{"lee.txt"}},
		{"Judge John Lee", []string{"lee.txt"}},
	} {
		res, err := idx.Search(t.Context(), search.Request{Judges: []string{tc.judge}})
		if err != nil {
			t.Errorf("judge=%s: %v", tc.judge, err)
			continue
		}
		got := sources(res)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("judge=%s: %q, want %q", tc.judge, got, tc.want)
		}
	}
	for _, tc := range []struct{ typed, closest string }{
		{"Woods", "Andrea R. Wood"},
		{"Judge Woode", "Andrea R. Wood"},
		{"Andrea Lee", "Andrea R. Wood"},
		{"Judge Diane Wood", "Andrea R. Wood"},
		{"John Mody", "John Moody"},
	} {
		_, err := idx.Search(t.Context(), search.Request{Judges: []string{tc.typed}})
		var re *search.RequestError
		if !errors.As(err, &re) || !strings.Contains(re.Error(), "closest known:") || !strings.Contains(re.Error(), tc.closest) {
			t.Errorf("judge=%s: error %v, want a RequestError naming %s among the closest judges", tc.typed, err, tc.closest)
		}
	}
	_, err = idx.Search(t.Context(), search.Request{Q: "judge:wood"})
	if err != nil {
		t.Errorf("q=judge:wood: %v", err)
	}
}
