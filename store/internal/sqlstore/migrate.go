package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// migration is one versioned schema file.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations reads the NNNN_name.sql files of fsys, sorted by version.
func migrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		num, _, ok := strings.Cut(path.Base(n), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", n)
		}
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: n, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a version", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// migrate applies the migrations of d that schema_migrations lacks, all in
// one transaction. A version lower than one applied is applied too, so
// migrations written on branches (0002, 0003) merge in any order.
func migrate(ctx context.Context, db *sql.DB, d Dialect) error {
	ms, err := migrations(d.Migrations)
	if err != nil {
		return err
	}
	s := &DB{db: db, d: d}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if d.LockMigrations != "" {
			if _, err := tx.ExecContext(ctx, d.LockMigrations); err != nil {
				return fmt.Errorf("lock: %w", err)
			}
		}
		const create = `CREATE TABLE IF NOT EXISTS schema_migrations (
			version BIGINT PRIMARY KEY, applied BIGINT NOT NULL)`
		if _, err := tx.ExecContext(ctx, create); err != nil {
			return err
		}
		have, err := appliedVersions(ctx, tx)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if have[m.version] {
				continue
			}
			if err := apply(ctx, tx, m); err != nil {
				return err
			}
		}
		return nil
	})
}

// appliedVersions reads the versions in schema_migrations.
func appliedVersions(ctx context.Context, tx *sql.Tx) (map[int]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		have[v] = true
	}
	return have, rows.Err()
}

func apply(ctx context.Context, tx *sql.Tx, m migration) error {
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("%s: %w", m.name, err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied) VALUES ($1, $2)`,
		m.version, time.Now().UnixMilli())
	return err
}
