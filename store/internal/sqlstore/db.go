// Package sqlstore implements store.Store over database/sql for the SQL
// databases Tickerwire supports. The SQL is shared (both SQLite and
// PostgreSQL accept $N placeholders, ON CONFLICT and RETURNING); what
// differs, the schema and the full-text index, comes from a Dialect.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"

	"github.com/tickerwire/tickerwire/store"
)

// Dialect is what one database needs beyond the shared SQL.
type Dialect struct {
	// Name names the database in errors ("sqlite", "postgres").
	Name string
	// Migrations holds the versioned schema files, NNNN_name.sql, applied
	// in order of NNNN; each file runs in one transaction.
	Migrations fs.FS
	// LockMigrations, when not empty, runs first in the migration
	// transaction to keep concurrent openers from migrating twice.
	LockMigrations string
	// IndexText, when not empty, indexes an article for full-text search
	// after it is inserted; $1 is its seq, $2 its title, $3 its body.
	IndexText string
	// TextSearch returns how Search reads articles a that contain every
	// word: the FROM clause, the condition (match is the placeholder of the
	// value TextValue builds) and the column holding a.seq to order on.
	TextSearch func(match string) (from, where, seq string)
	// TextValue turns the words of a text query into the value TextSearch
	// compares with.
	TextValue func(words []string) string
	// IsUnique reports whether err is a unique-constraint violation.
	IsUnique func(err error) bool
}

// DB is a store.Store over a *sql.DB. It is safe for concurrent use.
type DB struct {
	db *sql.DB
	d  Dialect
}

var _ store.Store = (*DB)(nil)

// New migrates db to the latest schema of d and returns the store, which
// owns db from then on and closes it in Close.
func New(ctx context.Context, db *sql.DB, d Dialect) (*DB, error) {
	if err := migrate(ctx, db, d); err != nil {
		return nil, fmt.Errorf("%s: migrate: %w", d.Name, err)
	}
	return &DB{db: db, d: d}, nil
}

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

// inTx runs f in a transaction, committed when f returns nil.
func (s *DB) inTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: begin: %w", s.d.Name, err)
	}
	if err := f(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", s.d.Name, err)
	}
	return nil
}
