package entity

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/internal/golden"
	"github.com/tickerwire/tickerwire/text"
)

// TestLinkGolden links each testdata/*.txt article and compares the whole
// result with its .golden.json file. Run with -update after an intended
// change and review the diff. The linker is pinned to core.txt so that
// edits of the other alias files do not churn the golden files.
func TestLinkGolden(t *testing.T) {
	l, err := newLinker("data/aliases/core.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden inputs: %v", err)
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			doc, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(l.Link(text.Split(string(doc))), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, strings.TrimSuffix(in, ".txt")+".golden.json", got)
		})
	}
}
