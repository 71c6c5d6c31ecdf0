package alert

import (
	"math"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestAggregatesBaselineZScoreAndBuzz(t *testing.T) {
	g := newAggregates(10 * 24 * time.Hour)
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	// One article a day for four days, sentiments 0.1, 0.3, 0.1, 0.3:
	// mean 0.2, population stddev 0.1.
	for i, s := range []float64{0.1, 0.3, 0.1, 0.3} {
		g.observe("ACME", t0.Add(time.Duration(i)*24*time.Hour), s, nil)
	}
	now := t0.Add(4 * 24 * time.Hour)
	var v Variables
	g.observe("ACME", now, -0.4, &v)
	if v.BaselineN != 4 || !near(v.BaselineMean, 0.2) || !near(v.BaselineSD, 0.1) || !near(v.ZScore, -6) {
		t.Errorf("baseline n %d mean %v sd %v z %v; want 4, 0.2, 0.1, -6", v.BaselineN, v.BaselineMean, v.BaselineSD, v.ZScore)
	}
	// The rate floor (0.1/h) applies: 4 articles over 239 hours.
	if v.BuzzCount != 1 || !near(v.BuzzRate, 0.1) || !near(v.Buzz, 10) {
		t.Errorf("buzz count %d rate %v ratio %v; want 1, 0.1, 10", v.BuzzCount, v.BuzzRate, v.Buzz)
	}
	if !v.HasPrev || !near(v.PrevSentiment, 0.3) {
		t.Errorf("prev %v %v, want 0.3", v.HasPrev, v.PrevSentiment)
	}
	// Moving average: 0.1, then 0.3*0.3+0.7*0.1 = 0.16, 0.142, 0.1894;
	// after -0.4: 0.3*-0.4 + 0.7*0.1894 = 0.01258.
	if !near(v.PrevAvg, 0.1894) || !near(v.Avg, 0.01258) {
		t.Errorf("prev_avg %v avg %v, want 0.1894, 0.01258", v.PrevAvg, v.Avg)
	}
	// Four more within the hour: the fifth counts the four before it.
	for i := 1; i <= 3; i++ {
		g.observe("ACME", now.Add(time.Duration(i)*time.Minute), 0, nil)
	}
	var w Variables
	g.observe("ACME", now.Add(10*time.Minute), 0, &w)
	if w.BuzzCount != 5 {
		t.Errorf("buzz count %d after five articles in ten minutes, want 5", w.BuzzCount)
	}
	if w.BaselineN != 8 {
		t.Errorf("baseline n %d, want 8", w.BaselineN)
	}
}

func TestAggregatesForgetOutsideTheWindow(t *testing.T) {
	g := newAggregates(48 * time.Hour)
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	g.observe("ACME", t0, 0.9, nil)
	var v Variables
	g.observe("ACME", t0.Add(72*time.Hour), 0, &v)
	if v.BaselineN != 0 || v.ZScore != 0 {
		t.Errorf("baseline n %d z %v three days later with a two-day window, want 0, 0", v.BaselineN, v.ZScore)
	}
	if !v.HasPrev || v.PrevSentiment != 0.9 {
		t.Errorf("the previous sentiment is kept whatever its age: got %v %v", v.HasPrev, v.PrevSentiment)
	}
}

func TestCrossingMacros(t *testing.T) {
	for _, tc := range []struct {
		when         string
		prevAvg, avg float64
		want         bool
	}{
		{"crossed_below(-0.2)", -0.1, -0.25, true},
		{"crossed_below(-0.2)", -0.3, -0.35, false},
		{"crossed_below(-0.2)", -0.1, -0.2, true},
		{"crossed_above(0.2)", 0.1, 0.3, true},
		{"crossed_above(0.2)", 0.3, 0.4, false},
	} {
		c, err := compileCondition("t", tc.when)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.eval(&Variables{PrevAvg: tc.prevAvg, Avg: tc.avg})
		if err != nil || got != tc.want {
			t.Errorf("%s with prev_avg %v avg %v = %v, %v; want %v", tc.when, tc.prevAvg, tc.avg, got, err, tc.want)
		}
	}
}
