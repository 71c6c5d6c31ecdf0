// Package postgres opens the Tickerwire store in a PostgreSQL database
// through pgx, for deployments that outgrow one SQLite file. It has the
// schema and behaviour of store/sqlite.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Open connects to the database named by dsn (a postgres:// URL or
// key=value string, as pgx accepts; search_path=NAME selects a schema) and
// migrates its schema. The store is safe for concurrent use, also by
// several processes: they serialise migrations on an advisory lock.
func Open(ctx context.Context, dsn string) (store.Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	s, err := sqlstore.New(ctx, db, dialect())
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	return s, nil
}

// migrationLock is the advisory lock key of schema migrations (an
// arbitrary constant: the ASCII bytes of "twstore").
const migrationLock = `SELECT pg_advisory_xact_lock(32782435056841317)`

func dialect() sqlstore.Dialect {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the embedded directory is fixed at build time
	}
	return sqlstore.Dialect{
		Name:           "postgres",
		Migrations:     sub,
		LockMigrations: migrationLock,
		TextSearch: func(p string) (from, where, seq string) {
			return `articles a`, `a.fts @@ to_tsquery('simple', ` + p + `)`, `a.seq`
		},
		TextValue: tsquery,
		IsUnique:  isUnique,
	}
}

// tsquery quotes each word as a tsquery lexeme and requires them all.
func tsquery(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = "'" + strings.ReplaceAll(strings.ReplaceAll(w, `\`, `\\`), "'", "''") + "'"
	}
	return strings.Join(quoted, " & ")
}

func isUnique(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == "23505"
}
