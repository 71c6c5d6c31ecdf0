package portfolio

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/internal/golden"
)

// fakeAlerts returns one alert for BBB, whatever the range.
type fakeAlerts struct{ gotTickers []string }

func (f *fakeAlerts) PortfolioAlerts(_ context.Context, name string, tickers []string, from, to time.Time) ([]Alert, error) {
	f.gotTickers = tickers
	return []Alert{{Time: time.Date(2026, 3, 3, 9, 1, 0, 0, time.UTC), Rule: "material-negative-news", Ticker: "BBB",
		Message: "sentiment -0.60 ≤ -0.50 at relevance 1.00", ArticleID: 4, Title: "Beta Barrels sued over a pipeline leak"}}, nil
}

// goldenReport is the report of the fixture's range with a fixed
// generation time and one alert.
func goldenReport(t *testing.T) Report {
	t.Helper()
	svc := newService(t)
	alerts := &fakeAlerts{}
	svc.Alerts = alerts
	r, err := svc.Report(context.Background(), "core", rangeFrom, rangeTo)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(alerts.gotTickers, ",") != "AAA,BBB,CCC" {
		t.Errorf("alerts asked for %v, want the known holdings AAA,BBB,CCC", alerts.gotTickers)
	}
	r.Generated = time.Date(2026, 3, 5, 7, 0, 0, 0, time.UTC)
	return r
}

func TestReportGoldenFiles(t *testing.T) {
	r := goldenReport(t)
	for _, tc := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"report.md.golden", func(b *bytes.Buffer) error { return r.WriteMarkdown(b) }},
		{"report.html.golden", func(b *bytes.Buffer) error { return r.WriteHTML(b) }},
		{"report.txt.golden", func(b *bytes.Buffer) error { return r.WriteTerminal(b) }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.file, b.Bytes())
		})
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), got)
}

// TestReportKeyStoriesRankByImpact checks the impact of each story,
// weight × relevance × |sentiment| summed over holdings.
func TestReportKeyStoriesRankByImpact(t *testing.T) {
	r := goldenReport(t)
	// Contract 0.5×1.0×0.8 = 0.40; suit 0.3×1.0×0.6 = 0.18; beat
	// 0.5×0.8×0.5 + 0.3×0.2×0.5 = 0.23; guidance 0.5×0.4×0.2 = 0.04.
	want := []struct {
		title  string
		impact float64
	}{
		{"Alpha Apps wins a record cloud contract", 0.40},
		{"Alpha Apps beats estimates and buys a Beta Barrels unit", 0.23},
		{"Beta Barrels sued over a pipeline leak", 0.18},
		{"Alpha Apps guidance disappoints some analysts", 0.04},
	}
	if len(r.Stories) != len(want) {
		t.Fatalf("%d stories, want %d: %+v", len(r.Stories), len(want), r.Stories)
	}
	for i, w := range want {
		if r.Stories[i].Title != w.title || !near(r.Stories[i].Impact, w.impact) {
			t.Errorf("story %d = %q impact %v, want %q %v", i, r.Stories[i].Title, r.Stories[i].Impact, w.title, w.impact)
		}
	}
}

func TestReportWithoutAlertsSaysNoneConfigured(t *testing.T) {
	svc := newService(t)
	r, err := svc.Report(context.Background(), "core", rangeFrom, rangeTo)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "## Alerts\n\nNo alerts are configured.\n") {
		t.Errorf("markdown without alerts:\n%s", b.String())
	}
}

func TestReportOfAQuietDay(t *testing.T) {
	svc := newService(t)
	r, err := svc.Report(context.Background(), "core", date("2026-03-10"), date("2026-03-11"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, write := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return r.WriteMarkdown(b) },
		func(b *bytes.Buffer) error { return r.WriteHTML(b) },
		func(b *bytes.Buffer) error { return r.WriteTerminal(b) },
	} {
		b.Reset()
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "No story about the holdings.") {
			t.Errorf("quiet day report lacks the no-story line:\n%s", b.String())
		}
	}
}
