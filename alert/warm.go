package alert

import (
	"context"
	"fmt"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

// Warm loads the aggregates from the articles of the baseline window
// before now, and the last alert time of each rule and ticker (for the
// cool-down). The articles of the last replay before now are evaluated
// again instead, through Observe: an article stored just before a crash,
// before its alerts were, fires them now, and one whose alerts were stored
// fires nothing twice (alert IDs are per story). Call Warm once before the
// first Observe; replay 0 only loads. It returns how many articles it
// read.
func (e *Engine) Warm(ctx context.Context, now time.Time, replay time.Duration) (int, error) {
	replayFrom := now.Add(-max(replay, 0))
	n, err := e.scan(ctx, now.Add(-e.agg.window), replayFrom, func(st store.Stored) {
		for _, ts := range st.Analysis.Tickers {
			e.agg.observe(ts.Ticker, st.Time, ts.Sentiment.Value, nil)
		}
	})
	if err != nil {
		return n, fmt.Errorf("warm alert aggregates: %w", err)
	}
	if err := e.warmCooldowns(ctx, now); err != nil {
		return n, err
	}
	if replay <= 0 {
		return n, nil
	}
	m, err := e.scan(ctx, replayFrom, now.Add(time.Millisecond), func(st store.Stored) { e.Observe(ctx, st) })
	if err != nil {
		return n + m, fmt.Errorf("evaluate recent articles again: %w", err)
	}
	return n + m, nil
}

// scan calls f with every analysed article of [from, to), oldest first.
func (e *Engine) scan(ctx context.Context, from, to time.Time, f func(store.Stored)) (int, error) {
	q := store.Query{From: from, To: to, Sort: store.Oldest, Limit: store.MaxLimit}
	n := 0
	for {
		page, err := e.o.Store.Search(ctx, q)
		if err != nil {
			return n, err
		}
		for _, st := range page.Articles {
			if st.Analysis != nil {
				f(st)
				n++
			}
		}
		if page.Next == "" {
			return n, nil
		}
		q.Cursor = page.Next
	}
}

// warmCooldowns loads the last alert time of each rule and ticker.
func (e *Engine) warmCooldowns(ctx context.Context, now time.Time) error {
	alerts, err := e.o.Store.Alerts(ctx, store.AlertQuery{From: now.Add(-7 * 24 * time.Hour), Limit: store.MaxLimit})
	if err != nil {
		return fmt.Errorf("warm alert cool-downs: %w", err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, a := range alerts {
		k := a.Rule + "\x00" + a.Ticker
		if a.Fired.After(e.lastFire[k]) {
			e.lastFire[k] = a.Fired
		}
	}
	return nil
}
