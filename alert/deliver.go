package alert

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/tickerwire/tickerwire/fetch"
	"github.com/tickerwire/tickerwire/store"
)

// Poster posts a webhook; *fetch.Client implements it, with the address
// guard of every outside request. An error wrapping fetch.ErrBadURL,
// fetch.ErrBlockedAddress or a 4xx *fetch.StatusError (but 408 and 429)
// is permanent: the delivery is given up.
type Poster interface {
	Post(ctx context.Context, url string, header http.Header, body []byte) error
}

// Headers of a webhook delivery.
const (
	// SignatureHeader carries "sha256=" and the hex HMAC-SHA256 of the
	// body, keyed with the rule's webhook secret.
	SignatureHeader = "X-Tickerwire-Signature"
	// IdempotencyHeader carries the alert ID: a receiver that saw it
	// already can ignore the delivery (deliveries are at least once).
	IdempotencyHeader = "Idempotency-Key"
	// AttemptHeader carries the attempt number, from 1.
	AttemptHeader = "X-Tickerwire-Attempt"
)

// Sign returns the SignatureHeader value of body under secret.
func Sign(body []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether header is the signature of body under secret,
// comparing in constant time.
func Verify(body []byte, secret, header string) bool {
	return hmac.Equal([]byte(header), []byte(Sign(body, secret)))
}

// DeliveryOptions tune webhook delivery; zero fields take the defaults.
type DeliveryOptions struct {
	// Workers is how many webhooks are posted at once (default 4).
	Workers int
	// Lease is how long a claimed delivery stays reserved to this process
	// (default 1m): a process that dies mid-delivery leaves it due again
	// after the lease. It must exceed the webhook client's timeout.
	Lease time.Duration
	// Backoff is the delay before the first retry (default 1s); each
	// retry doubles it, up to MaxBackoff (default 10m), with jitter: the
	// delay is uniform in [d/2, d].
	Backoff, MaxBackoff time.Duration
	// MaxAttempts gives up after this many failed attempts (default 15).
	MaxAttempts int
	// Poll is how often the outbox is scanned for retries and deliveries
	// left by an earlier run (default 1s); new alerts are sent at once.
	Poll time.Duration
}

func (o DeliveryOptions) withDefaults() DeliveryOptions {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 15
	}
	def(&o.Lease, time.Minute)
	def(&o.Backoff, time.Second)
	def(&o.MaxBackoff, 10*time.Minute)
	def(&o.Poll, time.Second)
	return o
}

// backoff is the delay after the given number of failed attempts.
func (o DeliveryOptions) backoff(attempts int) time.Duration {
	d := o.Backoff
	for i := 1; i < attempts && d < o.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, o.MaxBackoff)
	return d/2 + rand.N(d/2+1)
}

// reloadEvery is how often Run reloads the stored rules, so rules added by
// another process (the CLI) take effect without a restart.
const reloadEvery = 15 * time.Second

// Run delivers the webhooks of the outbox until ctx ends: new alerts at
// once, retries when due, and what an earlier run left; it also reloads
// the stored rules every 15 seconds. It returns when the deliveries under
// way have finished, after ctx ends. Without a Poster it returns at once.
func (e *Engine) Run(ctx context.Context) error {
	if e.o.Webhooks == nil {
		return nil
	}
	o := e.o.Delivery
	jobs := make(chan store.Delivery)
	var wg sync.WaitGroup
	for range o.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range jobs {
				e.deliver(ctx, d)
			}
		}()
	}
	defer wg.Wait()
	defer close(jobs)
	poll := time.NewTicker(o.Poll)
	defer poll.Stop()
	reload := time.NewTicker(reloadEvery)
	defer reload.Stop()
	const batch = 100
	for {
		ds, err := e.o.Store.ClaimDeliveries(ctx, e.o.Now(), o.Lease, batch)
		if err != nil && ctx.Err() == nil {
			e.log.Error("read the alert outbox", "err", err)
		}
		for i, d := range ds {
			select {
			case jobs <- d:
			case <-ctx.Done():
				e.release(ds[i:])
				return nil
			}
		}
		if len(ds) == batch {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-e.kick:
		case <-poll.C:
		case <-reload.C:
			if err := e.Reload(ctx); err != nil && ctx.Err() == nil {
				e.log.Error("reload alert rules", "err", err)
			}
		}
	}
}

// release makes claimed deliveries that were not attempted due again.
func (e *Engine) release(ds []store.Delivery) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, d := range ds {
		d.NextAt = e.o.Now()
		if err := e.o.Store.FinishDelivery(ctx, d); err != nil {
			e.log.Error("release webhook delivery", "alert", d.Alert, "err", err)
		}
	}
}

// deliver makes one attempt at d and records its outcome.
func (e *Engine) deliver(ctx context.Context, d store.Delivery) {
	o := e.o.Delivery
	secret, err := e.o.Secrets.Open(d.Secret)
	if err == nil {
		h := http.Header{}
		h.Set("Content-Type", "application/json")
		h.Set(SignatureHeader, Sign(d.Data, secret))
		h.Set(IdempotencyHeader, d.Alert)
		h.Set(AttemptHeader, strconv.Itoa(d.Attempts+1))
		err = e.o.Webhooks.Post(ctx, d.Target, h, d.Data)
	} else {
		// Kept for a retry with the right key, not sent unsigned.
		err = fmt.Errorf("not sent: %w", err)
	}
	now := e.o.Now()
	switch {
	case err == nil:
		d.Attempts++
		d.State, d.Delivered, d.LastError, d.NextAt = store.DeliveryDelivered, now, "", now
	case ctx.Err() != nil:
		// Shutting down: the attempt does not count; due again at once.
		d.NextAt, d.LastError = now, "interrupted by shutdown"
	default:
		d.Attempts++
		d.LastError = err.Error()
		if permanent(err) || d.Attempts >= o.MaxAttempts {
			d.State = store.DeliveryFailed
			e.log.Error("webhook delivery given up", "alert", d.Alert, "url", d.Target, "attempts", d.Attempts, "err", err)
		} else {
			d.NextAt = now.Add(retryDelay(o, d.Attempts, err))
			e.log.Warn("webhook delivery failed; will retry", "alert", d.Alert, "url", d.Target,
				"attempts", d.Attempts, "retry_at", d.NextAt, "err", err)
		}
	}
	if e.o.Delivered != nil && ctx.Err() == nil {
		outcome := "retry"
		switch d.State {
		case store.DeliveryDelivered:
			outcome = "delivered"
		case store.DeliveryFailed:
			outcome = "failed"
		}
		e.o.Delivered(outcome)
	}
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := e.o.Store.FinishDelivery(fctx, d); err != nil {
		e.log.Error("record webhook delivery", "alert", d.Alert, "url", d.Target, "err", err)
	}
}

// retryDelay is the backoff after attempts failures, or the receiver's
// Retry-After when longer (up to MaxBackoff).
func retryDelay(o DeliveryOptions, attempts int, err error) time.Duration {
	d := o.backoff(attempts)
	var se *fetch.StatusError
	if errors.As(err, &se) && se.RetryAfter > d {
		d = min(se.RetryAfter, o.MaxBackoff)
	}
	return d
}

// permanent reports whether retrying err is pointless.
func permanent(err error) bool {
	if errors.Is(err, fetch.ErrBadURL) || errors.Is(err, fetch.ErrBlockedAddress) {
		return true
	}
	var se *fetch.StatusError
	if errors.As(err, &se) {
		c := se.Code
		return c >= 400 && c < 500 && c != http.StatusRequestTimeout && c != http.StatusTooManyRequests
	}
	return false
}
