// Package jetstream is a bus on a NATS JetStream stream, for deployments
// where one machine is not enough: every server publishes the articles it
// analyses to one stream and streams to its clients from it, and an event's
// Seq is its sequence number in the stream, so a client resumes with
// Last-Event-ID on any server, also after restarts. The stream keeps events
// for MaxAge (a day by default) and at most MaxBytes.
package jetstream

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/tickerwire/tickerwire/bus"
)

// Options configure Open.
type Options struct {
	// URL is the NATS server, e.g. nats://127.0.0.1:4222.
	URL string
	// Stream is the JetStream stream name; "" means DefaultStream. Its one
	// subject is the lower-cased name followed by ".articles".
	Stream string
	// MaxAge and MaxBytes bound what the stream retains; 0 means a day and
	// 1 GiB.
	MaxAge   time.Duration
	MaxBytes int64
	Logger   *slog.Logger
}

// DefaultStream is the stream used when Options.Stream is empty.
const DefaultStream = "TICKERWIRE"

// Headers carrying an event's fields beside its data.
const (
	headerID      = "Tickerwire-Article"
	headerTickers = "Tickerwire-Tickers"
	headerTopics  = "Tickerwire-Topics"
)

// Bus publishes to and subscribes from one JetStream stream. It implements
// bus.Broker.
type Bus struct {
	nc      *nats.Conn
	js      jetstream.JetStream
	stream  string
	subject string
	log     *slog.Logger

	mu     sync.Mutex
	closed bool
}

var _ bus.Broker = (*Bus)(nil)

// Open connects to the NATS server and creates the stream, or updates its
// limits when it exists.
func Open(ctx context.Context, o Options) (*Bus, error) {
	if o.Stream == "" {
		o.Stream = DefaultStream
	}
	if o.MaxAge <= 0 {
		o.MaxAge = 24 * time.Hour
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 1 << 30
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	log := o.Logger
	nc, err := nats.Connect(o.URL,
		nats.Name("tickerwire"),
		nats.Timeout(5*time.Second),
		nats.MaxReconnects(-1),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("NATS connection lost", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { log.Info("NATS connection restored", "url", c.ConnectedUrl()) }),
	)
	if err != nil {
		return nil, fmt.Errorf("connect to NATS at %s: %w", o.URL, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("JetStream: %w", err)
	}
	b := &Bus{nc: nc, js: js, stream: o.Stream, subject: strings.ToLower(o.Stream) + ".articles", log: log}
	_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        o.Stream,
		Description: "Tickerwire analysed articles",
		Subjects:    []string{b.subject},
		Storage:     jetstream.FileStorage,
		Retention:   jetstream.LimitsPolicy,
		MaxAge:      o.MaxAge,
		MaxBytes:    o.MaxBytes,
		Discard:     jetstream.DiscardOld,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("JetStream stream %s: %w", o.Stream, err)
	}
	return b, nil
}

// Publish appends e to the stream and waits for the server's
// acknowledgement. e.Seq is ignored: the stream assigns it.
func (b *Bus) Publish(ctx context.Context, e bus.Event) error {
	if b.isClosed() {
		return bus.ErrClosed
	}
	msg := nats.NewMsg(b.subject)
	msg.Header.Set(headerID, strconv.FormatInt(e.ID, 10))
	if len(e.Tickers) > 0 {
		msg.Header.Set(headerTickers, strings.Join(e.Tickers, ","))
	}
	if len(e.Topics) > 0 {
		msg.Header.Set(headerTopics, strings.Join(e.Topics, ","))
	}
	msg.Data = e.Data
	if _, err := b.js.PublishMsg(ctx, msg); err != nil {
		return fmt.Errorf("publish article %d to JetStream: %w", e.ID, err)
	}
	return nil
}

// Subscribe returns the events of the stream with Seq > after, then every
// later one; after == 0, or an after beyond the stream's last event (an id
// from another bus), means events published from now on. Events that the
// stream no longer retains are skipped: the subscriber sees a gap in Seq.
// The channel is closed when ctx is done or the bus is closed.
func (b *Bus) Subscribe(ctx context.Context, after uint64) (<-chan bus.Event, error) {
	if b.isClosed() {
		return nil, bus.ErrClosed
	}
	cfg := jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverNewPolicy}
	if after > 0 {
		s, err := b.js.Stream(ctx, b.stream)
		if err != nil {
			return nil, fmt.Errorf("JetStream stream %s: %w", b.stream, err)
		}
		info, err := s.Info(ctx)
		if err != nil {
			return nil, fmt.Errorf("JetStream stream %s: %w", b.stream, err)
		}
		if after < info.State.LastSeq {
			cfg = jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverByStartSequencePolicy, OptStartSeq: after + 1}
		}
	}
	cons, err := b.js.OrderedConsumer(ctx, b.stream, cfg)
	if err != nil {
		return nil, fmt.Errorf("JetStream consumer: %w", err)
	}
	it, err := cons.Messages()
	if err != nil {
		return nil, fmt.Errorf("JetStream consumer: %w", err)
	}
	out := make(chan bus.Event, 64)
	go func() {
		<-ctx.Done()
		it.Stop()
	}()
	go func() {
		defer close(out)
		for {
			msg, err := it.Next()
			if err != nil {
				if !errors.Is(err, jetstream.ErrMsgIteratorClosed) {
					b.log.Warn("JetStream subscription ended", "err", err)
				}
				return
			}
			e, err := eventOf(msg)
			if err != nil {
				b.log.Warn("JetStream message skipped", "err", err)
				continue
			}
			select {
			case out <- e:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// eventOf reads an event back from a stream message.
func eventOf(msg jetstream.Msg) (bus.Event, error) {
	meta, err := msg.Metadata()
	if err != nil {
		return bus.Event{}, err
	}
	h := msg.Headers()
	id, err := strconv.ParseInt(h.Get(headerID), 10, 64)
	if err != nil {
		return bus.Event{}, fmt.Errorf("message %d: article id %q", meta.Sequence.Stream, h.Get(headerID))
	}
	return bus.Event{
		ID: id, Seq: meta.Sequence.Stream,
		Tickers: splitList(h.Get(headerTickers)), Topics: splitList(h.Get(headerTopics)),
		Data: msg.Data(),
	}, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func (b *Bus) isClosed() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.closed
}

// Close drains the connection; subscriptions end.
func (b *Bus) Close() error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil
	}
	b.closed = true
	b.mu.Unlock()
	if err := b.nc.Drain(); err != nil {
		b.nc.Close()
		return fmt.Errorf("close NATS connection: %w", err)
	}
	return nil
}
