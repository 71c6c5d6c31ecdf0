package sqlstore

import (
	"errors"
	"reflect"
	"testing"

	"github.com/tickerwire/tickerwire/store"
)

func TestQueryWordsSplitsOnNonWordCharacters(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Acme", []string{"acme"}},
		{"  profit-warning, Q3!", []string{"profit", "warning", "q3"}},
		{`"quoted" OR NOT`, []string{"quoted", "or", "not"}},
		{"Société Générale", []string{"société", "générale"}},
		{"!!! ---", nil},
	}
	for _, tc := range tests {
		if got := queryWords(tc.text); !reflect.DeepEqual(got, tc.want) && len(got)+len(tc.want) > 0 {
			t.Errorf("queryWords(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestCursorRoundTrips(t *testing.T) {
	for _, seq := range []int64{0, 1, -1 << 40, 1767225600000 << 16} {
		got, err := decodeCursor(encodeCursor(seq))
		if err != nil || got != seq {
			t.Errorf("decode(encode(%d)) = %d, %v", seq, got, err)
		}
	}
}

func FuzzDecodeCursor(f *testing.F) {
	for _, c := range []string{"", "MTIz", "not a cursor", encodeCursor(-5)} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) {
		seq, err := decodeCursor(c)
		if err != nil {
			if !errors.Is(err, store.ErrBadQuery) {
				t.Errorf("decodeCursor(%q) error %v, want ErrBadQuery", c, err)
			}
			return
		}
		if again, err := decodeCursor(encodeCursor(seq)); err != nil || again != seq {
			t.Errorf("cursor %d does not round trip: %d, %v", seq, again, err)
		}
	})
}

func TestFirstSeqOrdersByTimeFirst(t *testing.T) {
	tests := []struct {
		name         string
		at1, at2     int64
		hash1, hash2 string
	}{
		{"later time wins over hash", 1000, 1001, "ffff00", "000000"},
		{"same time orders by hash", 1000, 1000, "0001aa", "0002aa"},
		{"before 1970", -2000, -1000, "ffff00", "000000"},
	}
	for _, tc := range tests {
		if a, b := firstSeq(tc.at1, tc.hash1), firstSeq(tc.at2, tc.hash2); a >= b || a>>16 != tc.at1 {
			t.Errorf("%s: seq %d (at %d) not before %d", tc.name, a, a>>16, b)
		}
	}
}

func TestHoursWithin(t *testing.T) {
	const h = hourMillis
	tests := []struct {
		name                string
		lo, hi, first, last int64
	}{
		{"aligned", 0, 3 * h, 0, 3 * h},
		{"partial ends", 10, 3*h + 10, h, 3 * h},
		{"inside one hour", 10, 20, 20, 20},
		{"before 1970", -h - 10, 10, -h, 0},
	}
	for _, tc := range tests {
		first, last := hoursWithin(tc.lo, tc.hi)
		if first != tc.first || last != tc.last {
			t.Errorf("%s: hoursWithin(%d, %d) = %d, %d; want %d, %d", tc.name, tc.lo, tc.hi, first, last, tc.first, tc.last)
		}
	}
}
