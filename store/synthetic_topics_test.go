package store

import (
	"testing"

	"github.com/tickerwire/tickerwire/topic"
)

// Synthetic stores must answer topic filters as real ones do, so their
// topic ids are the taxonomy's.
func TestSyntheticTopicsAreTaxonomyIDs(t *testing.T) {
	known := map[string]bool{}
	for _, d := range topic.Default().Taxonomy() {
		known[d.ID] = true
	}
	topics, err := readNamed("synthetic/topics.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range topics {
		if !known[n.id] {
			t.Errorf("synthetic topic %q is not in the taxonomy", n.id)
		}
	}
}
