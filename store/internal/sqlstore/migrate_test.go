package sqlstore

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"testing/fstest"

	_ "modernc.org/sqlite"
)

func TestMigrateAppliesAVersionBelowTheHighestApplied(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files := fstest.MapFS{
		"0001_init.sql":       {Data: []byte(`CREATE TABLE a (x INTEGER)`)},
		"0003_portfolios.sql": {Data: []byte(`CREATE TABLE c (x INTEGER)`)},
	}
	d := Dialect{Name: "sqlite", Migrations: files}
	if err := migrate(ctx, db, d); err != nil {
		t.Fatal(err)
	}
	// A branch merged later brings 0002.
	files["0002_alerts.sql"] = &fstest.MapFile{Data: []byte(`CREATE TABLE b (x INTEGER)`)}
	if err := migrate(ctx, db, d); err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db, d); err != nil {
		t.Fatalf("migrating again: %v", err)
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("%d migrations recorded, %v; want 3", n, err)
	}
	if _, err := db.Exec(`INSERT INTO b (x) VALUES (1)`); err != nil {
		t.Errorf("table of 0002 missing: %v", err)
	}
}
