package sqlstore

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"testing/fstest"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// TestMigrateAppliesMissingVersions checks that a migration merged in
// below the highest applied version (0002 after 0003) is applied once, and
// the applied ones are not run again.
func TestMigrateAppliesMissingVersions(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files := fstest.MapFS{
		"0001_init.sql":       {Data: []byte("CREATE TABLE one (x INTEGER)")},
		"0003_portfolios.sql": {Data: []byte("CREATE TABLE three (x INTEGER)")},
	}
	if err := migrate(ctx, db, Dialect{Name: "sqlite", Migrations: files}); err != nil {
		t.Fatal(err)
	}
	files["0002_alerts.sql"] = &fstest.MapFile{Data: []byte("CREATE TABLE two (x INTEGER)")}
	for range 2 {
		if err := migrate(ctx, db, Dialect{Name: "sqlite", Migrations: files}); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM two`).Scan(&n); err != nil {
		t.Errorf("migration 0002 not applied: %v", err)
	}
	if err := db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != 3 {
		t.Errorf("schema_migrations has %d rows (%v), want 3", n, err)
	}
}
