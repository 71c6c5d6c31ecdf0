package store

import (
	"context"
	"time"
)

// AlertStore keeps alert rules, fired alerts and their delivery outbox. The
// store treats a rule's definition and an alert's content as opaque JSON
// (package alert gives them meaning); it indexes what listings filter on.
// Every method honours ctx and is safe for concurrent use, also by several
// processes sharing one database.
type AlertStore interface {
	// PutRule stores r, replacing the rule with the same ID. Created is
	// kept from the first PutRule of that ID; Updated is set to now.
	PutRule(ctx context.Context, r Rule) error
	// Rules returns every stored rule, by ID.
	Rules(ctx context.Context) ([]Rule, error)
	// DeleteRule removes a rule; its alerts stay. ErrNotFound when id is
	// unknown.
	DeleteRule(ctx context.Context, id string) error

	// PutAlert records a fired alert and its pending deliveries in one
	// transaction. An alert whose ID is already stored is not stored again:
	// created is false and nothing changes, so the ID is the de-duplication
	// key (two processes firing the same alert store it once). a.Seq is
	// ignored; the stored alert's Seq is returned.
	PutAlert(ctx context.Context, a Alert, deliveries []Delivery) (seq int64, created bool, err error)
	// Alert returns one alert; ErrNotFound when id is unknown.
	Alert(ctx context.Context, id string) (Alert, error)
	// Alerts lists alerts matching q (see AlertQuery), newest first unless
	// q.Oldest. ErrBadQuery for a malformed q.
	Alerts(ctx context.Context, q AlertQuery) ([]Alert, error)
	// AckAlert marks an alert acknowledged at at; acknowledging again keeps
	// the first time. ErrNotFound when id is unknown.
	AckAlert(ctx context.Context, id string, at time.Time) error

	// ClaimDeliveries returns up to limit pending deliveries due at now
	// (NextAt <= now), oldest due first, each with its alert's Data, and
	// moves their NextAt to now+lease so that no other caller claims them
	// meanwhile. A claimed delivery not finished within the lease (its
	// process died) is due again. limit <= 0 means 100.
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error)
	// FinishDelivery records the outcome of an attempt at delivery d.ID:
	// its State, Attempts, NextAt, LastError and Delivered.
	// ErrNotFound when d.ID is unknown.
	FinishDelivery(ctx context.Context, d Delivery) error
	// Deliveries returns the deliveries of one alert, by ID; without Data.
	Deliveries(ctx context.Context, alertID string) ([]Delivery, error)
}

// Rule is an alert rule as stored: its ID and its definition (JSON, read
// by package alert).
type Rule struct {
	ID      string
	Spec    []byte
	Created time.Time
	Updated time.Time
}

// Alert is a fired alert as stored.
type Alert struct {
	// Seq orders alerts as they were stored (increasing, with gaps).
	Seq int64
	// ID identifies the alert; it is the de-duplication key and the
	// Idempotency-Key of its webhook deliveries.
	ID     string
	Rule   string
	Ticker string
	// Article and Cluster are the article that fired the alert and its
	// story cluster (0 when none).
	Article int64
	Cluster int64
	// Fired is when the alert fired (millisecond precision).
	Fired time.Time
	// Acked is when it was acknowledged, zero while it is not.
	Acked time.Time
	// Data is the alert as JSON, as delivered.
	Data []byte
}

// AlertQuery selects alerts for Alerts. The zero value lists the latest
// DefaultLimit alerts. Filters combine with AND.
type AlertQuery struct {
	Rule   string // empty: any rule
	Ticker string // empty: any ticker
	// From and To bound Fired to [From, To); zero: unbounded.
	From, To time.Time
	// Acked, when set, keeps acknowledged (true) or unacknowledged alerts.
	Acked *bool
	// After and Before bound Seq to (After, Before); 0: unbounded. Before
	// pages back through a listing, After follows new alerts (with Oldest).
	After, Before int64
	// Oldest lists in increasing Seq instead of newest first.
	Oldest bool
	// Limit is in [1, MaxLimit]; 0 means DefaultLimit.
	Limit int
}

// DeliveryState is where a delivery is in its life.
type DeliveryState string

// The states of a delivery.
const (
	DeliveryPending   DeliveryState = "pending"
	DeliveryDelivered DeliveryState = "delivered"
	// DeliveryFailed means the delivery was given up (too many attempts or
	// a target that can never accept it).
	DeliveryFailed DeliveryState = "failed"
)

// Delivery is one alert to send to one target (a webhook URL): an entry of
// the outbox.
type Delivery struct {
	ID    int64
	Alert string // the alert's ID
	// Target is where to deliver (a webhook URL); Secret signs the body.
	Target string
	Secret string
	State  DeliveryState
	// Attempts counts the attempts made so far.
	Attempts int
	// NextAt is when the delivery is due (millisecond precision).
	NextAt    time.Time
	LastError string
	// Delivered is when it was delivered, zero until then.
	Delivered time.Time
	// Data is the alert's Data, filled by ClaimDeliveries.
	Data []byte
}
