package portfolio

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"time"
)

// Colours of the charts.
const (
	colourLine     = "#1f6feb"
	colourPositive = "#1a7f37"
	colourNegative = "#cf222e"
	colourNeutral  = "#8c959f"
	colourGrid     = "#d0d7de"
)

// chartBox is the drawing area of a chart inside its margins.
type chartBox struct {
	w, h                     float64 // whole SVG
	left, right, top, bottom float64 // margins
}

func (b chartBox) plotW() float64 { return b.w - b.left - b.right }
func (b chartBox) plotH() float64 { return b.h - b.top - b.bottom }

// y maps a sentiment in [-1, 1] to the vertical axis.
func (b chartBox) y(v float64) float64 { return b.top + (1-v)/2*b.plotH() }

// x maps day i of n to the centre of its slot.
func (b chartBox) x(i, n int) float64 { return b.left + (float64(i)+0.5)*b.plotW()/float64(n) }

var (
	seriesBox    = chartBox{w: 640, h: 200, left: 40, right: 10, top: 10, bottom: 24}
	sparklineBox = chartBox{w: 300, h: 96, left: 34, right: 6, top: 6, bottom: 20}
)

// seriesSVG draws a daily sentiment series over the UTC days of [from, to)
// as a line with a dot per day with news, on a -1 to 1 scale with the
// ±0.35 "strongly" bands dashed.
func seriesSVG(label string, points []DayPoint, from, to time.Time, b chartBox) template.HTML {
	days := dayIndex(from, to)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart series" xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" role="img" aria-label="%s">`,
		b.w, b.h, b.w, b.h, html.EscapeString(label))
	fmt.Fprintf(&sb, `<title>%s</title>`, html.EscapeString(label))
	for _, g := range []struct {
		v     float64
		dash  string
		label string
	}{{1, "", "+1"}, {0.35, "4 3", ""}, {0, "", "0"}, {-0.35, "4 3", ""}, {-1, "", "−1"}} {
		y := b.y(g.v)
		fmt.Fprintf(&sb, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1"`, b.left, y, b.w-b.right, y, colourGrid)
		if g.dash != "" {
			fmt.Fprintf(&sb, ` stroke-dasharray="%s"`, g.dash)
		}
		sb.WriteString(`/>`)
		if g.label != "" {
			fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="end" fill="#57606a">%s</text>`, b.left-4, y+3, g.label)
		}
	}
	n := len(days)
	fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="start" fill="#57606a">%s</text>`,
		b.left, b.h-6, day(from).Format("Jan 2"))
	if n > 1 {
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="end" fill="#57606a">%s</text>`,
			b.w-b.right, b.h-6, day(from).Add(time.Duration(n-1)*24*time.Hour).Format("Jan 2"))
	}
	var path []string
	var dots strings.Builder
	for _, p := range points {
		i, ok := days[p.Day.UTC()]
		if !ok || p.Articles == 0 {
			continue
		}
		x, y := b.x(i, n), b.y(p.Sentiment)
		cmd := "L"
		if len(path) == 0 {
			cmd = "M"
		}
		path = append(path, fmt.Sprintf("%s%.1f %.1f", cmd, x, y))
		fmt.Fprintf(&dots, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s: %s, %d %s</title></circle>`,
			x, y, signColour(p.Sentiment), p.Day.Format(time.DateOnly), signed(p.Sentiment), p.Articles, plural(p.Articles, "article", "articles"))
	}
	if len(path) > 1 {
		fmt.Fprintf(&sb, `<path d="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(path, " "), colourLine)
	}
	sb.WriteString(dots.String())
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// dayIndex numbers the UTC days of [from, to) from 0.
func dayIndex(from, to time.Time) map[time.Time]int {
	m := map[time.Time]int{}
	for d := day(from); d.Before(to); d = d.Add(24 * time.Hour) {
		m[d] = len(m)
	}
	return m
}

// barsSVG draws one horizontal bar per exposure, its length the weight (a
// full row is 100%), coloured by the sign of its contribution.
func barsSVG(label string, es []Exposure, limit int) template.HTML {
	es = es[:min(len(es), limit)]
	const rowH, labelW, barW, valueW = 24.0, 190.0, 330.0, 120.0
	w, h := labelW+barW+valueW, rowH*float64(len(es))+8
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart bars" xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" role="img" aria-label="%s">`,
		w, h, w, h, html.EscapeString(label))
	fmt.Fprintf(&sb, `<title>%s</title>`, html.EscapeString(label))
	for i, e := range es {
		y := 4 + rowH*float64(i)
		bw := max(1, e.Weight*barW)
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="12" text-anchor="end" fill="#24292f">%s</text>`,
			labelW-8, y+rowH/2+4, html.EscapeString(e.Name))
		fmt.Fprintf(&sb, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="2" fill="%s"><title>%s: %s of the weight, contribution %s</title></rect>`,
			labelW, y+3, bw, rowH-6, signColour(e.Contribution), html.EscapeString(e.Name), pct(e.Weight), signed(e.Contribution))
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="12" fill="#57606a">%s · %s</text>`,
			labelW+bw+6, y+rowH/2+4, pct(e.Weight), signed(e.Contribution))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// signColour is green for positive sentiment, red for negative, grey
// between (the ±0.005 that rounds to 0.00).
func signColour(v float64) string {
	switch {
	case v >= 0.005:
		return colourPositive
	case v <= -0.005:
		return colourNegative
	}
	return colourNeutral
}
