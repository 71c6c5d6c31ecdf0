package sqlstore

import (
	"database/sql"
	"time"

	"github.com/tickerwire/tickerwire/article"
)

// Times are kept twice: as RFC 3339 text, exact with their zone, for the
// round trip, and as unix milliseconds in the at column for filters,
// sorting and buckets.

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// articleTime is the article's Time in unix milliseconds: Published, else
// Fetched, else now.
func articleTime(a article.Article, now time.Time) int64 {
	switch {
	case !a.Published.IsZero():
		return a.Published.UnixMilli()
	case !a.Fetched.IsZero():
		return a.Fetched.UnixMilli()
	}
	return now.UnixMilli()
}

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func nullInt(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: v != 0} }

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// rawBytes returns data as a non-nil slice so an empty input is stored as an
// empty value, not NULL.
func rawBytes(data []byte) []byte {
	if data == nil {
		return []byte{}
	}
	return data
}
