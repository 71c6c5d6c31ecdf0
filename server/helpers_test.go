package server

import (
	"encoding/json"

	"github.com/tickerwire/tickerwire/bus"
	"github.com/tickerwire/tickerwire/store"
	"testing"
)

func mustJSON(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
}

func storeSource(u string) store.Source { return store.Source{URL: u, Kind: "rss"} }

func busEvent(seq uint64, data string) bus.Event { return bus.Event{Seq: seq, Data: []byte(data)} }
