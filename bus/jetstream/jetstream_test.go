package jetstream

import (
	"context"
	"io"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/bus"
	"github.com/tickerwire/tickerwire/bus/jetstream/jstest"
)

func openTest(t *testing.T, url, stream string) *Bus {
	t.Helper()
	b, err := Open(context.Background(), Options{URL: url, Stream: stream, MaxAge: time.Hour, MaxBytes: 1 << 20,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func recv(t *testing.T, ch <-chan bus.Event, n int) []bus.Event {
	t.Helper()
	var got []bus.Event
	timeout := time.After(10 * time.Second)
	for len(got) < n {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatalf("channel closed after %d of %d events", len(got), n)
			}
			got = append(got, e)
		case <-timeout:
			t.Fatalf("%d of %d events within 10s", len(got), n)
		}
	}
	return got
}

func TestPublishSubscribeAndResumeAcrossConnections(t *testing.T) {
	url := jstest.URL(t)
	stream := jstest.Stream(t, url, "TW_TEST")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pub := openTest(t, url, stream)
	live, err := pub.Subscribe(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	events := []bus.Event{
		{ID: 1, Tickers: []string{"AAPL"}, Topics: []string{"earnings"}, Data: []byte(`{"id":1}`)},
		{ID: 2, Tickers: []string{"NVDA", "MSFT"}, Data: []byte(`{"id":2}`)},
		{ID: 3, Data: []byte("{\"id\":3,\n\"x\":1}")},
	}
	for _, e := range events {
		if err := pub.Publish(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	got := recv(t, live, 3)
	for i, e := range got {
		want := events[i]
		if e.ID != want.ID || !reflect.DeepEqual(e.Tickers, want.Tickers) || !reflect.DeepEqual(e.Topics, want.Topics) || string(e.Data) != string(want.Data) {
			t.Errorf("event %d = %+v, want %+v", i, e, want)
		}
		if i > 0 && e.Seq != got[i-1].Seq+1 {
			t.Errorf("seq %d after %d", e.Seq, got[i-1].Seq)
		}
	}
	if err := pub.Close(); err != nil {
		t.Fatal(err)
	}
	if err := pub.Publish(ctx, events[0]); err != bus.ErrClosed {
		t.Errorf("publish after close: %v", err)
	}

	// Another server (a new connection) resumes after the first event.
	other := openTest(t, url, stream)
	defer other.Close()
	resumed, err := other.Subscribe(ctx, got[0].Seq)
	if err != nil {
		t.Fatal(err)
	}
	again := recv(t, resumed, 2)
	if again[0].ID != 2 || again[1].ID != 3 || again[0].Seq != got[1].Seq {
		t.Errorf("resumed %+v", again)
	}
	// An id beyond the stream (from the in-memory bus) means from now on.
	future, err := other.Subscribe(ctx, got[2].Seq+1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Publish(ctx, bus.Event{ID: 4, Data: []byte("{}")}); err != nil {
		t.Fatal(err)
	}
	if e := recv(t, future, 1)[0]; e.ID != 4 {
		t.Errorf("after a foreign id: %+v", e)
	}
}

func TestSubscriptionEndsWithItsContext(t *testing.T) {
	url := jstest.URL(t)
	b := openTest(t, url, jstest.Stream(t, url, "TW_TEST"))
	defer b.Close()
	ctx, cancel := context.WithCancel(context.Background())
	ch, err := b.Subscribe(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case _, ok := <-ch:
		if ok {
			t.Error("event after cancel")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("channel still open 10s after cancel")
	}
}

func TestOpenFailsClearlyWithoutServer(t *testing.T) {
	_, err := Open(context.Background(), Options{URL: "nats://127.0.0.1:1"})
	if err == nil {
		t.Fatal("no error")
	}
	if want := "connect to NATS at nats://127.0.0.1:1"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q lacks %q", err, want)
	}
}
