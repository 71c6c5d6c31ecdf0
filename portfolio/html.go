package portfolio

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
)

//go:embed report.html.tmpl
var reportHTML string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"inc": func(i int) int { return i + 1 },
}).Parse(reportHTML))

// htmlView is what the HTML template reads.
type htmlView struct {
	Title, Generated string
	Sections         []htmlSection
	Stories          []htmlStory
}

type htmlSection struct {
	ID, Title string
	Notes     []string
	Chart     template.HTML
	Table     *htmlTable
	Holdings  []htmlHolding
}

type htmlTable struct {
	Head  []string
	Right []bool
	Rows  [][]string
}

type htmlHolding struct {
	Ticker, Name, Sentiment string
	Chart                   template.HTML
}

type htmlStory struct {
	URL     template.URL
	Title   string
	Line    string
	Summary []string
}

// WriteHTML writes the report as one self-contained HTML file: inline CSS,
// charts drawn as inline SVG (the portfolio's daily sentiment, one small
// series per holding with news, sector and topic exposure bars), no
// scripts and nothing loaded from elsewhere.
func (r Report) WriteHTML(w io.Writer) error {
	a := r.Analytics
	v := htmlView{Title: r.title(), Generated: r.Generated.UTC().Format("2006-01-02 15:04 UTC")}
	for _, s := range r.sections() {
		hs := htmlSection{ID: s.id, Title: s.title, Notes: s.notes}
		if s.table != nil {
			hs.Table = &htmlTable{Head: s.table.head, Right: s.table.right, Rows: s.table.rows}
		}
		switch s.id {
		case "overview":
			hs.Chart = seriesSVG("Daily portfolio sentiment", a.Series, a.From, a.To, seriesBox)
			hs.Holdings = holdingCharts(a)
		case "sectors":
			if len(a.Sectors) > 0 {
				hs.Chart = barsSVG("Sector exposure", a.Sectors, len(a.Sectors))
			}
		case "topics":
			if len(a.Topics) > 0 {
				hs.Chart = barsSVG("Topic exposure", a.Topics, maxTopics)
			}
		}
		v.Sections = append(v.Sections, hs)
	}
	for _, s := range r.Stories {
		v.Stories = append(v.Stories, htmlStory{URL: safeURL(s.URL), Title: s.Title, Line: s.line(), Summary: s.Summary})
	}
	if err := htmlTemplate.Execute(w, v); err != nil {
		return fmt.Errorf("write HTML report: %w", err)
	}
	return nil
}

func holdingCharts(a Analytics) []htmlHolding {
	var out []htmlHolding
	for _, h := range a.Holdings {
		if h.Articles == 0 {
			continue
		}
		label := "Daily sentiment of " + h.Ticker
		out = append(out, htmlHolding{Ticker: h.Ticker, Name: h.Name, Sentiment: signed(h.Sentiment),
			Chart: seriesSVG(label, h.Series, a.From, a.To, sparklineBox)})
	}
	return out
}

// safeURL keeps http and https links; anything else is dropped.
func safeURL(s string) template.URL {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return template.URL(u.String())
}
