package demo

import (
	"errors"
	"strconv"
	"time"
)

// maxAge bounds an article's age, which keeps the arithmetic far from
// overflow; the bundled articles are all younger than 28 days.
const maxAge = 366 * 24 * time.Hour

// ageUnits are the units of an age, in the order they must appear.
var ageUnits = []struct {
	suffix byte
	unit   time.Duration
}{
	{'d', 24 * time.Hour},
	{'h', time.Hour},
	{'m', time.Minute},
}

// parseAge reads an age such as "19d4h", "3h25m" or "45m": one or more
// whole numbers, each followed by d, h or m, units in that order and each at
// most once. The result is at most maxAge (366 days).
func parseAge(s string) (time.Duration, error) {
	if s == "" {
		return 0, errors.New("empty")
	}
	var total time.Duration
	next := 0 // index into ageUnits of the smallest unit still allowed
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 6 {
			return 0, errors.New("want numbers with units d, h, m, as in 19d4h or 3h25m")
		}
		n, _ := strconv.Atoi(s[:i]) // at most six digits: cannot fail
		u := unitIndex(s[i], next)
		if u < 0 {
			return 0, errors.New("units must be d, h, m, in that order, each at most once")
		}
		if time.Duration(n) > maxAge/ageUnits[u].unit {
			return 0, errors.New("longer than 366 days")
		}
		total += time.Duration(n) * ageUnits[u].unit
		if total > maxAge {
			return 0, errors.New("longer than 366 days")
		}
		next, s = u+1, s[i+1:]
	}
	return total, nil
}

// unitIndex returns the index of the unit with the given suffix, if it is at
// or after from, else -1.
func unitIndex(suffix byte, from int) int {
	for i := from; i < len(ageUnits); i++ {
		if ageUnits[i].suffix == suffix {
			return i
		}
	}
	return -1
}
