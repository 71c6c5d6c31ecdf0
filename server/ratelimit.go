package server

import (
	"math"
	"sync"
	"time"
)

// RateLimit is the token bucket each API key gets: PerSecond requests per
// second on average, up to Burst at once. The zero value means 20 per
// second with a burst of 40; a negative PerSecond means no limit.
type RateLimit struct {
	PerSecond float64
	Burst     int
}

// The default rate limit of each API key.
const (
	DefaultPerSecond = 20
	DefaultBurst     = 40
)

// limiter keeps one token bucket per key id. It is safe for concurrent use.
type limiter struct {
	rate, burst float64 // rate < 0: unlimited

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(r RateLimit) *limiter {
	l := &limiter{rate: r.PerSecond, burst: float64(r.Burst), buckets: map[string]*bucket{}}
	if l.rate == 0 {
		l.rate = DefaultPerSecond
	}
	if l.burst <= 0 {
		l.burst = max(DefaultBurst, math.Ceil(l.rate))
	}
	return l
}

// allow takes a token from key's bucket at now. When there is none it
// returns false and how long until there is one.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	if l.rate < 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	if dt := now.Sub(b.last).Seconds(); dt > 0 {
		b.tokens = min(l.burst, b.tokens+dt*l.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	return false, wait
}
