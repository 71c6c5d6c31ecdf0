package bus

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func publish(t *testing.T, b *Bus, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if err := b.Publish(context.Background(), Event{ID: id, Data: []byte(fmt.Sprint(id))}); err != nil {
			t.Fatalf("Publish(%d): %v", id, err)
		}
	}
}

// receive reads n events from ch, failing after a second without one.
func receive(t *testing.T, ch <-chan Event, n int) []Event {
	t.Helper()
	var out []Event
	for len(out) < n {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatalf("channel closed after %d of %d events", len(out), n)
			}
			out = append(out, e)
		case <-time.After(time.Second):
			t.Fatalf("timed out after %d of %d events", len(out), n)
		}
	}
	return out
}

func articleIDs(es []Event) []int64 {
	out := make([]int64, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func TestSubscribeReplaysAfterSeqThenFollows(t *testing.T) {
	tests := []struct {
		name  string
		after uint64 // relative to FirstSeq 100: events 1..3 have Seq 100..102
		want  []int64
	}{
		{"zero means live only", 0, []int64{4, 5}},
		{"after the second event", 101, []int64{3, 4, 5}},
		{"after the last event", 102, []int64{4, 5}},
		{"before the first retained event", 50, []int64{1, 2, 3, 4, 5}},
		{"a Seq not published yet", 500, []int64{4, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := New(Options{FirstSeq: 100, Logger: quiet()})
			defer b.Close()
			publish(t, b, 1, 2, 3)
			ch, err := b.Subscribe(t.Context(), tt.after)
			if err != nil {
				t.Fatal(err)
			}
			publish(t, b, 4, 5)
			got := articleIDs(receive(t, ch, len(tt.want)))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got articles %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSeqsAreConsecutiveFromFirstSeq(t *testing.T) {
	b := New(Options{FirstSeq: 7, Logger: quiet()})
	defer b.Close()
	ch, _ := b.Subscribe(t.Context(), 0)
	publish(t, b, 10, 11, 12)
	for i, e := range receive(t, ch, 3) {
		if e.Seq != uint64(7+i) {
			t.Errorf("event %d has Seq %d, want %d", i, e.Seq, 7+i)
		}
	}
	if b.Last() != 9 {
		t.Errorf("Last() = %d, want 9", b.Last())
	}
}

func TestDefaultFirstSeqIsAfterAnEarlierProcess(t *testing.T) {
	earlier := New(Options{Logger: quiet()})
	publish(t, earlier, 1, 2, 3)
	time.Sleep(time.Millisecond)
	later := New(Options{Logger: quiet()})
	if later.Last() <= earlier.Last() {
		t.Errorf("later bus starts at %d, not after the earlier bus' %d", later.Last()+1, earlier.Last())
	}
}

func TestRetentionDropsOldestEvents(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want []int64
	}{
		{"by count", Options{Retain: 2}, []int64{4, 5}},
		{"by bytes", Options{RetainBytes: 3}, []int64{3, 4, 5}},
		{"latest kept even when larger than the byte bound", Options{RetainBytes: 1}, []int64{5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.FirstSeq, tt.opts.Logger = 1, quiet()
			b := New(tt.opts)
			defer b.Close()
			publish(t, b, 1, 2, 3, 4, 5)
			ch, _ := b.Subscribe(t.Context(), 1) // Seq 1 is evicted in every case
			got := articleIDs(receive(t, ch, len(tt.want)))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("replayed %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSlowSubscriberIsDroppedWithoutBlockingPublishers(t *testing.T) {
	b := New(Options{Retain: 10, FirstSeq: 1, Logger: quiet()})
	defer b.Close()
	slow, _ := b.Subscribe(t.Context(), 0)
	publish(t, b, 1)
	<-slow // the subscriber has read one event and now stalls
	start := time.Now()
	for i := range 1000 {
		publish(t, b, int64(i+2))
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("publishing took %v: publishers waited for the subscriber", d)
	}
	deadline := time.After(2 * time.Second)
	for n := 0; ; n++ {
		select {
		case _, ok := <-slow:
			if !ok {
				return
			}
			if n > readBatch {
				t.Fatalf("read %d events after falling behind, want the channel closed", n)
			}
		case <-deadline:
			t.Fatal("slow subscriber's channel not closed")
		}
	}
}

func TestSubscriptionEndsWithContextAndClose(t *testing.T) {
	b := New(Options{Logger: quiet()})
	ctx, cancel := context.WithCancel(t.Context())
	byCtx, _ := b.Subscribe(ctx, 0)
	byClose, _ := b.Subscribe(t.Context(), 0)
	cancel()
	waitClosed(t, byCtx, "context cancelled")
	b.Close()
	waitClosed(t, byClose, "bus closed")
	if err := b.Publish(t.Context(), Event{}); err != ErrClosed {
		t.Errorf("Publish after Close = %v, want ErrClosed", err)
	}
	if _, err := b.Subscribe(t.Context(), 0); err != ErrClosed {
		t.Errorf("Subscribe after Close = %v, want ErrClosed", err)
	}
}

func waitClosed(t *testing.T, ch <-chan Event, why string) {
	t.Helper()
	select {
	case _, ok := <-ch:
		if ok {
			t.Errorf("%s: got an event, want a closed channel", why)
		}
	case <-time.After(time.Second):
		t.Errorf("%s: channel not closed", why)
	}
}

func TestConcurrentPublishersDeliverEveryEventInSeqOrder(t *testing.T) {
	b := New(Options{FirstSeq: 1, Logger: quiet()})
	defer b.Close()
	ch, _ := b.Subscribe(t.Context(), 0)
	const writers, each = 4, 250
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				b.Publish(context.Background(), Event{ID: int64(w*each + i)})
			}
		})
	}
	got := receive(t, ch, writers*each)
	wg.Wait()
	seen := map[int64]bool{}
	for i, e := range got {
		if e.Seq != uint64(i+1) {
			t.Fatalf("event %d has Seq %d, want %d", i, e.Seq, i+1)
		}
		seen[e.ID] = true
	}
	if len(seen) != writers*each {
		t.Errorf("%d distinct articles, want %d", len(seen), writers*each)
	}
}

func BenchmarkPublishWithSubscribers(b *testing.B) {
	bus := New(Options{Logger: quiet()})
	defer bus.Close()
	for range 8 {
		ch, _ := bus.Subscribe(b.Context(), 0)
		go func() {
			for range ch {
			}
		}()
	}
	e := Event{ID: 1, Data: make([]byte, 2048)}
	for b.Loop() {
		bus.Publish(context.Background(), e)
	}
}
