package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tickerwire/tickerwire/store"
)

const sourceCols = `id, url, kind, title, paused, etag, last_modified, last_poll, last_error, items`

func scanSource(sc scanner) (store.Source, error) {
	var src store.Source
	var poll sql.NullInt64
	err := sc.Scan(&src.ID, &src.URL, &src.Kind, &src.Title, &src.Paused, &src.ETag,
		&src.LastModified, &poll, &src.LastError, &src.Items)
	if poll.Valid {
		src.LastPoll = fromMillis(poll.Int64)
	}
	return src, err
}

func lastPoll(src store.Source) sql.NullInt64 {
	if src.LastPoll.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: src.LastPoll.UnixMilli(), Valid: true}
}

// AddSource implements store.Store.
func (s *DB) AddSource(ctx context.Context, src store.Source) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO sources (url, kind, title, paused, etag,
		last_modified, last_poll, last_error, items) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT DO NOTHING RETURNING id`, src.URL, src.Kind, src.Title, src.Paused, src.ETag,
		src.LastModified, lastPoll(src), src.LastError, src.Items).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%s: add source %s: %w", s.d.Name, src.URL, store.ErrExists)
	}
	if err != nil {
		return 0, fmt.Errorf("%s: add source %s: %w", s.d.Name, src.URL, err)
	}
	return id, nil
}

// Source implements store.Store.
func (s *DB) Source(ctx context.Context, id int64) (store.Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, `SELECT `+sourceCols+` FROM sources WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return store.Source{}, fmt.Errorf("%s: source %d: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return store.Source{}, fmt.Errorf("%s: source %d: %w", s.d.Name, id, err)
	}
	return src, nil
}

// Sources implements store.Store.
func (s *DB) Sources(ctx context.Context) ([]store.Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+sourceCols+` FROM sources ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("%s: sources: %w", s.d.Name, err)
	}
	defer rows.Close()
	var out []store.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: sources: %w", s.d.Name, err)
		}
		out = append(out, src)
	}
	return out, rows.Err()
}

// UpdateSource implements store.Store.
func (s *DB) UpdateSource(ctx context.Context, src store.Source) error {
	res, err := s.db.ExecContext(ctx, `UPDATE sources SET url = $2, kind = $3, title = $4,
		paused = $5, etag = $6, last_modified = $7, last_poll = $8, last_error = $9, items = $10
		WHERE id = $1`, src.ID, src.URL, src.Kind, src.Title, src.Paused, src.ETag,
		src.LastModified, lastPoll(src), src.LastError, src.Items)
	if err != nil && s.d.IsUnique(err) {
		return fmt.Errorf("%s: update source %d: url %s: %w", s.d.Name, src.ID, src.URL, store.ErrExists)
	}
	return s.changedOne(res, err, fmt.Sprintf("update source %d", src.ID))
}

// DeleteSource implements store.Store.
func (s *DB) DeleteSource(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sources WHERE id = $1`, id)
	return s.changedOne(res, err, fmt.Sprintf("delete source %d", id))
}
