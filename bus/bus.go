// Package bus hands analysed articles from the analysis stage to whoever
// follows them live (the SSE stream, alerts). Bus is the in-process
// implementation: a fan-out over a bounded replay ring, so a subscriber that
// reconnects can resume after the last event it saw. A NATS JetStream
// implementation can stand behind the same Publisher and Subscriber
// interfaces when the service is scaled out.
package bus

import (
	"context"
	"errors"
)

// Event is one analysed article, as published.
type Event struct {
	// ID is the article id in the store.
	ID int64
	// Seq is the position of the event in the bus, set by Publish: each
	// event's Seq is one more than the previous one's. Publish ignores the
	// value it is given.
	Seq uint64
	// Tickers and Topics are the article's tickers and topic ids, for
	// filtering without decoding Data.
	Tickers, Topics []string
	// Data is the JSON of the article and its analysis as the API returns
	// it. The bus does not copy it: publishers must not modify it afterwards.
	Data []byte
}

// ErrClosed is returned by Publish and Subscribe after Close.
var ErrClosed = errors.New("bus: closed")

// Publisher publishes events. Publish never blocks on slow subscribers; it
// fails only when the bus is closed or ctx is done.
type Publisher interface {
	Publish(ctx context.Context, e Event) error
}

// Subscriber delivers events. Subscribe returns a channel of the events
// with Seq > after that the bus still retains, then of every later event,
// in Seq order; after == 0 means only events published from now on. The
// channel is closed when ctx is done, when the bus is closed, or when the
// subscriber fell so far behind that the events it has yet to read are no
// longer retained (it may then subscribe again after the last Seq it read
// and will see a gap in Seq).
type Subscriber interface {
	Subscribe(ctx context.Context, after uint64) (<-chan Event, error)
}

// Broker is a bus a service publishes to and serves streams from: the
// in-process Bus, or a JetStream stream shared by several servers.
type Broker interface {
	Publisher
	Subscriber
	Close() error
}
