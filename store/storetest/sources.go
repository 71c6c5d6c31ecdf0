package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

func testSources(t *testing.T, s store.Store) {
	ctx := context.Background()
	src := store.Source{URL: "https://wire.example/rss", Kind: "rss", Title: "Wire"}
	id, err := s.AddSource(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	src.ID = id
	if _, err := s.AddSource(ctx, src); !errors.Is(err, store.ErrExists) {
		t.Errorf("AddSource(same URL) error %v, want ErrExists", err)
	}
	src.Paused, src.ETag, src.LastModified = true, `"abc"`, "Mon, 02 Mar 2026 14:00:00 GMT"
	src.LastPoll, src.LastError, src.Items = time.Date(2026, 3, 2, 14, 1, 2, 0, time.UTC), "timeout", 12
	if err := s.UpdateSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	got, err := s.Source(ctx, id)
	if err != nil || !reflect.DeepEqual(got, src) {
		t.Errorf("Source = %+v, %v; want %+v", got, err, src)
	}
	other, err := s.AddSource(ctx, store.Source{URL: "https://other.example/atom", Kind: "atom"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateSource(ctx, store.Source{ID: other, URL: src.URL}); !errors.Is(err, store.ErrExists) {
		t.Errorf("UpdateSource(taken URL) error %v, want ErrExists", err)
	}
	all, err := s.Sources(ctx)
	if err != nil || len(all) != 2 || all[0].ID != id || all[1].ID != other {
		t.Errorf("Sources = %+v, %v; want ids %d, %d", all, err, id, other)
	}
	res, err := s.PutRaw(ctx, store.Raw{Article: news("From the wire", 0), Source: id})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSource(ctx, id); err != nil {
		t.Fatal(err)
	}
	if st := get(t, s, res.ID); st.Source != 0 {
		t.Errorf("article source %d after delete, want 0", st.Source)
	}
	for name, err := range map[string]error{
		"Source":       func() error { _, err := s.Source(ctx, id); return err }(),
		"UpdateSource": s.UpdateSource(ctx, store.Source{ID: id, URL: "https://gone.example/"}),
		"DeleteSource": s.DeleteSource(ctx, id),
	} {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s(deleted) error %v, want ErrNotFound", name, err)
		}
	}
}
