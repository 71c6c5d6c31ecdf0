package alert

import (
	"math"
	"sort"
	"sync"
	"time"
)

// Defaults of the rolling aggregates.
const (
	// DefaultWindow is the baseline window of zscore and buzz.
	DefaultWindow = 30 * 24 * time.Hour
	// minBaseline is the fewest baseline articles for a z-score.
	minBaseline = 3
	// minSD floors the baseline stddev, so a ticker whose news was always
	// alike does not turn a small change into a huge z-score.
	minSD = 0.05
	// minRate floors the baseline articles per hour of buzz.
	minRate = 0.1
	// avgWeight is the weight of the newest article in Avg.
	avgWeight = 0.3
)

// aggregates are rolling per-ticker statistics of sentiment and article
// counts, kept in memory: hourly buckets over the window, the article
// times of the last hour, the last sentiment and its moving average. Safe
// for concurrent use.
type aggregates struct {
	window time.Duration

	mu      sync.Mutex
	tickers map[string]*tickerStats
}

type tickerStats struct {
	hours   []hourBucket // by hour, within the window of the newest
	recent  []time.Time  // article times within the hour of the newest, sorted
	last    float64
	avg     float64
	hasLast bool
}

// hourBucket sums one hour of a ticker's articles.
type hourBucket struct {
	hour       int64 // unix time / 3600
	n          int
	sum, sumSq float64
}

func newAggregates(window time.Duration) *aggregates {
	if window <= 0 {
		window = DefaultWindow
	}
	return &aggregates{window: window, tickers: map[string]*tickerStats{}}
}

// observe fills the aggregate fields of v from the statistics before the
// article at t with sentiment s, then adds the article.
func (g *aggregates) observe(ticker string, t time.Time, s float64, v *Variables) {
	g.mu.Lock()
	defer g.mu.Unlock()
	ts := g.tickers[ticker]
	if ts == nil {
		ts = &tickerStats{}
		g.tickers[ticker] = ts
	}
	if v != nil {
		ts.fill(t, s, g.window, v)
	}
	ts.add(t, s, g.window)
}

// peek fills the aggregate fields of v as observe would, without adding
// the article.
func (g *aggregates) peek(ticker string, t time.Time, s float64, v *Variables) {
	g.mu.Lock()
	defer g.mu.Unlock()
	ts := g.tickers[ticker]
	if ts == nil {
		ts = &tickerStats{}
	}
	ts.fill(t, s, g.window, v)
}

// fill computes the baseline, buzz and crossing variables for an article
// at t with sentiment s.
func (ts *tickerStats) fill(t time.Time, s float64, window time.Duration, v *Variables) {
	from := t.Add(-window).Unix() / 3600
	var n int
	var sum, sumSq float64
	for _, b := range ts.hours {
		if b.hour >= from {
			n, sum, sumSq = n+b.n, sum+b.sum, sumSq+b.sumSq
		}
	}
	v.BaselineN = int64(n)
	if n > 0 {
		mean := sum / float64(n)
		v.BaselineMean = mean
		v.BaselineSD = math.Sqrt(math.Max(0, sumSq/float64(n)-mean*mean))
	}
	if n >= minBaseline {
		v.ZScore = (s - v.BaselineMean) / math.Max(v.BaselineSD, minSD)
	}
	lastHour := 0
	for _, r := range ts.recent {
		if r.After(t.Add(-time.Hour)) && !r.After(t) {
			lastHour++
		}
	}
	v.BuzzCount = int64(lastHour + 1)
	hours := window.Hours() - 1
	v.BuzzRate = math.Max(minRate, float64(n-lastHour)/hours)
	v.Buzz = float64(v.BuzzCount) / v.BuzzRate
	v.BuzzZ = (float64(v.BuzzCount) - v.BuzzRate) / math.Sqrt(v.BuzzRate)
	v.HasPrev, v.PrevSentiment = ts.hasLast, ts.last
	v.PrevAvg, v.Avg = s, s
	if ts.hasLast {
		v.PrevAvg = ts.avg
		v.Avg = avgWeight*s + (1-avgWeight)*ts.avg
	}
}

// add records an article and drops what fell out of the window.
func (ts *tickerStats) add(t time.Time, s float64, window time.Duration) {
	h := t.Unix() / 3600
	i := sort.Search(len(ts.hours), func(i int) bool { return ts.hours[i].hour >= h })
	if i == len(ts.hours) || ts.hours[i].hour != h {
		ts.hours = append(ts.hours, hourBucket{})
		copy(ts.hours[i+1:], ts.hours[i:])
		ts.hours[i] = hourBucket{hour: h}
	}
	b := &ts.hours[i]
	b.n, b.sum, b.sumSq = b.n+1, b.sum+s, b.sumSq+s*s
	newest := time.Unix(ts.hours[len(ts.hours)-1].hour*3600, 0)
	from := newest.Add(-window).Unix() / 3600
	drop := sort.Search(len(ts.hours), func(i int) bool { return ts.hours[i].hour >= from })
	ts.hours = ts.hours[drop:]

	j := sort.Search(len(ts.recent), func(i int) bool { return ts.recent[i].After(t) })
	ts.recent = append(ts.recent, time.Time{})
	copy(ts.recent[j+1:], ts.recent[j:])
	ts.recent[j] = t
	cut := ts.recent[len(ts.recent)-1].Add(-time.Hour)
	k := sort.Search(len(ts.recent), func(i int) bool { return ts.recent[i].After(cut) })
	ts.recent = ts.recent[k:]

	if ts.hasLast {
		ts.avg = avgWeight*s + (1-avgWeight)*ts.avg
	} else {
		ts.avg = s
	}
	ts.last, ts.hasLast = s, true
}
