package bus

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Defaults of Options.
const (
	DefaultRetain      = 10_000
	DefaultRetainBytes = 64 << 20
)

// readBatch is the most events a subscriber copies out of the ring at once.
const readBatch = 256

// Options configure a Bus. The zero value is usable.
type Options struct {
	// Retain is how many of the latest events are kept for replay;
	// 0 means DefaultRetain.
	Retain int
	// RetainBytes bounds the total size of the Data of retained events
	// (the latest event is always kept); 0 means DefaultRetainBytes.
	RetainBytes int
	// FirstSeq is the Seq of the first event. 0 means the current Unix time
	// in microseconds, so that a Seq remembered from an earlier process is
	// older than every Seq of this one and a client resuming with it
	// replays what is retained instead of waiting for a number that has
	// not come yet.
	FirstSeq uint64
	// Logger receives a warning for each dropped subscriber; nil means
	// slog.Default().
	Logger *slog.Logger
}

// Bus is the in-process Publisher and Subscriber. Publishers append to a
// ring of the latest events and never wait for subscribers; each subscriber
// reads the ring at its own pace and is dropped, with a warning, when the
// ring overtakes it. A Bus is safe for concurrent use; its zero value is
// not usable, call New.
type Bus struct {
	retain, retainBytes int
	log                 *slog.Logger

	mu     sync.Mutex
	events []Event // retained, oldest first; events[i].Seq == next-len(events)+i
	bytes  int     // total len(Data) of events
	next   uint64  // Seq of the next event
	wake   chan struct{}
	closed bool
}

// New returns an empty bus.
func New(o Options) *Bus {
	b := &Bus{
		retain: o.Retain, retainBytes: o.RetainBytes, log: o.Logger,
		next: o.FirstSeq, wake: make(chan struct{}),
	}
	if b.retain <= 0 {
		b.retain = DefaultRetain
	}
	if b.retainBytes <= 0 {
		b.retainBytes = DefaultRetainBytes
	}
	if b.log == nil {
		b.log = slog.Default()
	}
	if b.next == 0 {
		b.next = uint64(time.Now().UnixMicro())
	}
	return b
}

// Publish appends e to the bus with the next Seq and wakes the
// subscribers. It returns ctx's error when ctx is done and ErrClosed after
// Close.
func (b *Bus) Publish(ctx context.Context, e Event) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return ErrClosed
	}
	e.Seq = b.next
	b.next++
	b.events = append(b.events, e)
	b.bytes += len(e.Data)
	b.evict()
	close(b.wake)
	b.wake = make(chan struct{})
	return nil
}

// evict drops the oldest events beyond the retention limits.
func (b *Bus) evict() {
	n := 0
	for len(b.events)-n > b.retain || (b.bytes > b.retainBytes && len(b.events)-n > 1) {
		b.bytes -= len(b.events[n].Data)
		b.events[n] = Event{} // let the Data go
		n++
	}
	if n > 0 {
		b.events = b.events[n:]
	}
}

// first returns the Seq of the oldest retained event (next when none).
// b.mu must be held.
func (b *Bus) first() uint64 { return b.next - uint64(len(b.events)) }

// Subscribe implements Subscriber. A resume point older than the retained
// events starts at the oldest one. It returns ErrClosed after Close.
func (b *Bus) Subscribe(ctx context.Context, after uint64) (<-chan Event, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, ErrClosed
	}
	cursor := b.next
	if after > 0 && after < b.next {
		cursor = max(after+1, b.first())
		if after+1 < cursor {
			b.log.Info("bus: resume point no longer retained; replaying from the oldest event",
				"after", after, "oldest", cursor)
		}
	}
	out := make(chan Event)
	go b.feed(ctx, cursor, out)
	return out, nil
}

// feed sends the events from Seq cursor on to out until ctx is done, the
// bus is closed or the subscriber falls behind the ring; then it closes out.
func (b *Bus) feed(ctx context.Context, cursor uint64, out chan<- Event) {
	defer close(out)
	var batch []Event
	for {
		var wait <-chan struct{}
		var ok bool
		batch, wait, ok = b.read(cursor, batch[:0])
		if !ok {
			return
		}
		if len(batch) == 0 {
			select {
			case <-wait:
			case <-ctx.Done():
				return
			}
			continue
		}
		for _, e := range batch {
			select {
			case out <- e:
			case <-ctx.Done():
				return
			}
		}
		cursor += uint64(len(batch))
	}
}

// read appends to buf up to readBatch retained events from Seq cursor on.
// When there are none yet it returns the channel that the next Publish
// closes. ok is false when the bus is closed or cursor is no longer
// retained (the subscriber is then dropped, with a warning).
func (b *Bus) read(cursor uint64, buf []Event) (batch []Event, wait <-chan struct{}, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, nil, false
	}
	first := b.first()
	if cursor < first {
		b.log.Warn("bus: dropped a slow subscriber: the events it had yet to read are no longer retained",
			"next", cursor, "oldest", first, "retain", b.retain)
		return nil, nil, false
	}
	i := int(cursor - first)
	end := min(len(b.events), i+readBatch)
	return append(buf, b.events[i:end]...), b.wake, true
}

// Close stops the bus: subscriber channels are closed and later calls to
// Publish and Subscribe return ErrClosed. Close is idempotent.
func (b *Bus) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(b.wake)
	}
	return nil
}

// Last returns the Seq of the latest event, or FirstSeq-1 when none was
// published.
func (b *Bus) Last() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.next - 1
}

var (
	_ Publisher  = (*Bus)(nil)
	_ Subscriber = (*Bus)(nil)
)
