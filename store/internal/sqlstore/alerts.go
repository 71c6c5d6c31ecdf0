package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

// PutRule implements store.AlertStore.
func (s *DB) PutRule(ctx context.Context, r store.Rule) error {
	now := time.Now().UnixMilli()
	_, err := s.db.ExecContext(ctx, `INSERT INTO alert_rules (id, spec, created, updated)
		VALUES ($1, $2, $3, $3) ON CONFLICT (id) DO UPDATE SET spec = excluded.spec, updated = excluded.updated`,
		r.ID, string(r.Spec), now)
	if err != nil {
		return fmt.Errorf("%s: put rule %s: %w", s.d.Name, r.ID, err)
	}
	return nil
}

// Rules implements store.AlertStore.
func (s *DB) Rules(ctx context.Context) ([]store.Rule, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, spec, created, updated FROM alert_rules ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("%s: rules: %w", s.d.Name, err)
	}
	defer rows.Close()
	var out []store.Rule
	for rows.Next() {
		var r store.Rule
		var spec string
		var created, updated int64
		if err := rows.Scan(&r.ID, &spec, &created, &updated); err != nil {
			return nil, fmt.Errorf("%s: rules: %w", s.d.Name, err)
		}
		r.Spec, r.Created, r.Updated = []byte(spec), fromMillis(created), fromMillis(updated)
		out = append(out, r)
	}
	return out, rows.Err()
}

// DeleteRule implements store.AlertStore.
func (s *DB) DeleteRule(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM alert_rules WHERE id = $1`, id)
	return s.changedOne(res, err, fmt.Sprintf("delete rule %s", id))
}

// PutAlert implements store.AlertStore.
func (s *DB) PutAlert(ctx context.Context, a store.Alert, ds []store.Delivery) (seq int64, created bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO alerts (id, rule_id, ticker, article_id, cluster_id, fired, acked, data)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING seq`,
			a.ID, a.Rule, a.Ticker, a.Article, a.Cluster, a.Fired.UnixMilli(), millisOrNull(a.Acked), string(a.Data)).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			return tx.QueryRowContext(ctx, `SELECT seq FROM alerts WHERE id = $1`, a.ID).Scan(&seq)
		}
		if err != nil {
			return err
		}
		created = true
		for _, d := range ds {
			_, err := tx.ExecContext(ctx, `INSERT INTO alert_deliveries (alert_id, target, secret, state, attempts, next_at, last_error)
				VALUES ($1, $2, $3, 'pending', 0, $4, '') ON CONFLICT DO NOTHING`, a.ID, d.Target, d.Secret, d.NextAt.UnixMilli())
			if err != nil {
				return fmt.Errorf("delivery to %s: %w", d.Target, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, false, fmt.Errorf("%s: put alert %s: %w", s.d.Name, a.ID, err)
	}
	return seq, created, nil
}

const alertCols = `seq, id, rule_id, ticker, article_id, cluster_id, fired, acked, data`

func scanAlert(sc scanner) (store.Alert, error) {
	var a store.Alert
	var fired int64
	var acked sql.NullInt64
	var data string
	if err := sc.Scan(&a.Seq, &a.ID, &a.Rule, &a.Ticker, &a.Article, &a.Cluster, &fired, &acked, &data); err != nil {
		return store.Alert{}, err
	}
	a.Fired, a.Data = fromMillis(fired), []byte(data)
	if acked.Valid {
		a.Acked = fromMillis(acked.Int64)
	}
	return a, nil
}

// Alert implements store.AlertStore.
func (s *DB) Alert(ctx context.Context, id string) (store.Alert, error) {
	a, err := scanAlert(s.db.QueryRowContext(ctx, `SELECT `+alertCols+` FROM alerts WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return store.Alert{}, fmt.Errorf("%s: alert %s: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return store.Alert{}, fmt.Errorf("%s: alert %s: %w", s.d.Name, id, err)
	}
	return a, nil
}

// Alerts implements store.AlertStore.
func (s *DB) Alerts(ctx context.Context, q store.AlertQuery) ([]store.Alert, error) {
	limit := q.Limit
	switch {
	case limit == 0:
		limit = store.DefaultLimit
	case limit < 0 || limit > store.MaxLimit:
		return nil, fmt.Errorf("%w: limit %d not in [1, %d]", store.ErrBadQuery, limit, store.MaxLimit)
	}
	var b builder
	if q.Rule != "" {
		b.and("rule_id = " + b.arg(q.Rule))
	}
	if q.Ticker != "" {
		b.and("ticker = " + b.arg(q.Ticker))
	}
	if !q.From.IsZero() {
		b.and("fired >= " + b.arg(q.From.UnixMilli()))
	}
	if !q.To.IsZero() {
		b.and("fired < " + b.arg(q.To.UnixMilli()))
	}
	if q.Acked != nil && *q.Acked {
		b.and("acked IS NOT NULL")
	} else if q.Acked != nil {
		b.and("acked IS NULL")
	}
	if q.After > 0 {
		b.and("seq > " + b.arg(q.After))
	}
	if q.Before > 0 {
		b.and("seq < " + b.arg(q.Before))
	}
	order := " ORDER BY seq DESC"
	if q.Oldest {
		order = " ORDER BY seq"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+alertCols+` FROM alerts`+b.whereClause()+order+` LIMIT `+b.arg(limit), b.args...)
	if err != nil {
		return nil, fmt.Errorf("%s: alerts: %w", s.d.Name, err)
	}
	defer rows.Close()
	var out []store.Alert
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: alerts: %w", s.d.Name, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AckAlert implements store.AlertStore.
func (s *DB) AckAlert(ctx context.Context, id string, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE alerts SET acked = COALESCE(acked, $2) WHERE id = $1`, id, at.UnixMilli())
	return s.changedOne(res, err, fmt.Sprintf("acknowledge alert %s", id))
}

const deliveryCols = `d.id, d.alert_id, d.target, d.secret, d.state, d.attempts, d.next_at, d.last_error, d.delivered`

func scanDelivery(sc scanner, extra ...any) (store.Delivery, error) {
	var d store.Delivery
	var state string
	var next int64
	var delivered sql.NullInt64
	dest := append([]any{&d.ID, &d.Alert, &d.Target, &d.Secret, &state, &d.Attempts, &next, &d.LastError, &delivered}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return store.Delivery{}, err
	}
	d.State, d.NextAt = store.DeliveryState(state), fromMillis(next)
	if delivered.Valid {
		d.Delivered = fromMillis(delivered.Int64)
	}
	return d, nil
}

// ClaimDeliveries implements store.AlertStore. A row is claimed by moving
// its next_at only if it still holds the value read, so two processes
// reading the same row claim it once.
func (s *DB) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.Delivery, error) {
	if limit <= 0 {
		limit = 100
	}
	var out []store.Delivery
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		due, err := dueDeliveries(ctx, tx, now, limit)
		if err != nil {
			return err
		}
		until := now.Add(lease).UnixMilli()
		for _, d := range due {
			res, err := tx.ExecContext(ctx, `UPDATE alert_deliveries SET next_at = $3
				WHERE id = $1 AND next_at = $2 AND state = 'pending'`, d.ID, d.NextAt.UnixMilli(), until)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				continue
			}
			d.NextAt = fromMillis(until)
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: claim deliveries: %w", s.d.Name, err)
	}
	return out, nil
}

func dueDeliveries(ctx context.Context, tx *sql.Tx, now time.Time, limit int) ([]store.Delivery, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+deliveryCols+`, a.data FROM alert_deliveries d
		JOIN alerts a ON a.id = d.alert_id
		WHERE d.state = 'pending' AND d.next_at <= $1 ORDER BY d.next_at, d.id LIMIT $2`, now.UnixMilli(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var due []store.Delivery
	for rows.Next() {
		var data string
		d, err := scanDelivery(rows, &data)
		if err != nil {
			return nil, err
		}
		d.Data = []byte(data)
		due = append(due, d)
	}
	return due, rows.Err()
}

// FinishDelivery implements store.AlertStore.
func (s *DB) FinishDelivery(ctx context.Context, d store.Delivery) error {
	res, err := s.db.ExecContext(ctx, `UPDATE alert_deliveries SET state = $2, attempts = $3, next_at = $4,
		last_error = $5, delivered = $6 WHERE id = $1`,
		d.ID, string(d.State), d.Attempts, d.NextAt.UnixMilli(), d.LastError, millisOrNull(d.Delivered))
	return s.changedOne(res, err, fmt.Sprintf("finish delivery %d", d.ID))
}

// Deliveries implements store.AlertStore.
func (s *DB) Deliveries(ctx context.Context, alertID string) ([]store.Delivery, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+deliveryCols+` FROM alert_deliveries d WHERE d.alert_id = $1 ORDER BY d.id`, alertID)
	if err != nil {
		return nil, fmt.Errorf("%s: deliveries of %s: %w", s.d.Name, alertID, err)
	}
	defer rows.Close()
	var out []store.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: deliveries of %s: %w", s.d.Name, alertID, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func millisOrNull(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}
