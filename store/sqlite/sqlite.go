// Package sqlite opens the default Tickerwire store: one SQLite file, in
// WAL mode, through the pure-Go driver modernc.org/sqlite (no cgo).
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/internal/sqlstore"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// pragmas apply to every connection: WAL lets readers run beside the one
// writer, the busy timeout (ms) makes writers wait for each other instead of
// failing, NORMAL synchronous is durable across process crashes in WAL mode
// (a power cut may lose the last commits), foreign keys enforce ON DELETE
// actions. A page cache of up to 256 MiB keeps large imports from spilling
// mid-transaction; reads go through a memory map of up to 1 GiB.
var pragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(NORMAL)",
	"foreign_keys(1)",
	"cache_size(-262144)",
	"mmap_size(1073741824)",
	"temp_store(MEMORY)",
}

// Open opens or creates the store in the SQLite file at path, creating and
// migrating its schema. Transactions begin IMMEDIATE so concurrent writers
// queue on the busy timeout rather than fail on a lock upgrade. The store is
// safe for concurrent use, also by several processes on one machine.
func Open(ctx context.Context, path string) (store.Store, error) {
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	s, err := sqlstore.New(ctx, db, dialect())
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

func dsn(path string) string {
	q := url.Values{"_pragma": pragmas, "_txlock": {"immediate"}}
	return "file:" + path + "?" + q.Encode()
}

func dialect() sqlstore.Dialect {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the embedded directory is fixed at build time
	}
	return sqlstore.Dialect{
		Name:       "sqlite",
		Migrations: sub,
		IndexText:  `INSERT INTO articles_fts (rowid, title, body) VALUES ($1, $2, $3)`,
		// Driving the search from the index in rowid (seq) order lets
		// LIMIT stop it after one page, however common the words.
		TextSearch: func(p string) (from, where, seq string) {
			return `articles_fts JOIN articles a ON a.seq = articles_fts.rowid`,
				`articles_fts MATCH ` + p, `articles_fts.rowid`
		},
		TextValue: matchValue,
		IsUnique:  isUnique,
	}
}

// matchValue quotes each word so FTS5 reads none of them as an operator;
// words side by side must all match.
func matchValue(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(quoted, " ")
}

func isUnique(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
}
