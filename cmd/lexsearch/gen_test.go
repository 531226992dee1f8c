package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenIngest generates a small synthetic corpus and ingests it: every
// generated file, in each of its formats, is read, and a statute filter
// finds exactly the documents the generator planted that statute in.
func TestGenIngest(t *testing.T) {
	out := t.TempDir()
	getenv := func(string) string { return "" }
	var stdout, stderr bytes.Buffer
	if err := run(t.Context(), []string{"gen", "-docs", "60", "-seed", "3", "-out", out}, getenv, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("gen: %v\n%s", err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "wrote 60 documents") {
		t.Errorf("gen said %q", stdout.String())
	}

	planted := map[string]int{}
	formats := map[string]bool{}
	f, err := os.Open(filepath.Join(out, "entities.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var d struct {
			Format   string   `json:"format"`
			Statutes []string `json:"statutes"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		formats[d.Format] = true
		for _, s := range d.Statutes {
			planted[s]++
		}
	}
	for _, want := range []string{"txt", "html", "md", "pdf"} {
		if !formats[want] {
			t.Errorf("no %s file among 60 generated documents", want)
		}
	}

	data := t.TempDir()
	stdout.Reset()
	stderr.Reset()
	if err := run(t.Context(), []string{"ingest", "-data", data, filepath.Join(out, "docs")}, getenv, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "indexed 60, skipped 0") {
		t.Errorf("ingest summary: %s", stdout.String())
	}

	const statute = "18 U.S.C. § 1591"
	stdout.Reset()
	if err := run(t.Context(), []string{"search", "-data", data, "-statute", statute, "-json", ""}, getenv, strings.NewReader(""), &stdout, &stderr); err != nil {
		t.Fatalf("search: %v\n%s", err, stderr.String())
	}
	var res struct {
		Total int `json:"total"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("search -json: %v\n%s", err, stdout.String())
	}
	if res.Total != planted[statute] || res.Total == 0 {
		t.Errorf("statute=%s: %d hits, the generator planted it in %d documents", statute, res.Total, planted[statute])
	}
}
