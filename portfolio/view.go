package portfolio

import (
	"fmt"
	"strings"
	"time"
)

// section is one part of a rendered report: a title, notes and a table,
// written by each format in its own way.
type section struct {
	id    string // anchor and chart key in HTML
	title string
	notes []string
	table *table
}

// table is a table of already formatted cells; right marks the columns
// aligned right (numbers).
type table struct {
	head  []string
	right []bool
	rows  [][]string
}

// maxTopics is the number of topics a report lists.
const maxTopics = 8

// sections returns the tabular sections of r, in report order; the key
// stories are written by each format.
func (r Report) sections() []section {
	a := r.Analytics
	list := []section{r.overview(), r.movers()}
	if !r.analyticsOnly {
		list = append(list, r.alerts())
	}
	return append(list,
		section{id: "sectors", title: "Sector exposure", table: exposureTable("Sector", a.Sectors, len(a.Sectors))},
		section{id: "topics", title: "Topic exposure", notes: topicNotes(a), table: exposureTable("Topic", a.Topics, maxTopics)},
		r.newsFlow(),
	)
}

func (r Report) overview() section {
	a := r.Analytics
	s := section{id: "overview", title: "Overview", notes: []string{
		fmt.Sprintf("Portfolio sentiment %s (%s); %s of the weight had news; %d holding %s.",
			signed(a.Sentiment), a.Label, pct(a.Coverage), a.Mentions, plural(a.Mentions, "mention", "mentions")),
	}}
	if len(a.NoNews) > 0 {
		s.notes = append(s.notes, "Without news: "+strings.Join(a.NoNews, ", ")+".")
	}
	s.notes = append(s.notes, a.Warnings...)
	t := &table{head: []string{"Holding", "Name", "Sector", "Weight", "Articles", "Sentiment", "Contribution"},
		right: []bool{false, false, false, true, true, true, true}}
	for _, h := range a.Holdings {
		t.rows = append(t.rows, []string{h.Ticker, h.Name, h.Sector, pct(h.Weight), fmt.Sprint(h.Articles),
			sentimentCell(h.Sentiment, h.Articles), signed(h.Contribution)})
	}
	s.table = t
	return s
}

func (r Report) movers() section {
	a := r.Analytics
	prev := a.From.Add(-a.To.Sub(a.From))
	s := section{id: "movers", title: "Movers", notes: []string{
		"Sentiment change against the previous period, " + span(prev, a.From) + "."}}
	if len(a.Movers) == 0 {
		s.notes = append(s.notes, "No holding had news in either period.")
		return s
	}
	s.table = &table{head: []string{"Holding", "Before", "After", "Change", "Articles"}, right: []bool{false, true, true, true, true}}
	for _, m := range a.Movers {
		s.table.rows = append(s.table.rows, []string{m.Ticker, sentimentCell(m.Before, m.ArticlesBefore),
			sentimentCell(m.After, m.ArticlesAfter), signed(m.Change), fmt.Sprintf("%d → %d", m.ArticlesBefore, m.ArticlesAfter)})
	}
	return s
}

func (r Report) alerts() section {
	s := section{id: "alerts", title: "Alerts"}
	switch {
	case !r.AlertsConfigured:
		s.notes = []string{"No alerts are configured."}
		return s
	case len(r.Alerts) == 0:
		s.notes = []string{"No alert fired."}
		return s
	}
	s.table = &table{head: []string{"Time", "Rule", "Holding", "Why", "Article"}, right: make([]bool, 5)}
	for _, al := range r.Alerts {
		s.table.rows = append(s.table.rows, []string{al.Time.UTC().Format("2006-01-02 15:04"), al.Rule, al.Ticker, al.Message, al.Title})
	}
	return s
}

func exposureTable(kind string, es []Exposure, limit int) *table {
	if len(es) == 0 {
		return nil
	}
	t := &table{head: []string{kind, "Weight", "Contribution", "Holdings"}, right: []bool{false, true, true, false}}
	for _, e := range es[:min(len(es), limit)] {
		t.rows = append(t.rows, []string{e.Name, pct(e.Weight), signed(e.Contribution), strings.Join(e.Holdings, ", ")})
	}
	return t
}

func topicNotes(a Analytics) []string {
	if len(a.Topics) == 0 {
		return []string{"No topics: no holding had news."}
	}
	return []string{"Weight × each holding's relevance-weighted share of articles on the topic."}
}

func (r Report) newsFlow() section {
	s := section{id: "news", title: "News flow"}
	t := &table{head: []string{"Holding", "Articles", "Latest headline"}, right: []bool{false, true, false}}
	for _, h := range r.Analytics.Holdings {
		latest := "—"
		if len(h.Headlines) > 0 {
			hl := h.Headlines[0]
			latest = fmt.Sprintf("%s (%s, %s)", hl.Title, hl.Time.Format("Jan 2 15:04"), signed(hl.Sentiment))
		}
		t.rows = append(t.rows, []string{h.Ticker, fmt.Sprint(h.Articles), latest})
	}
	if len(t.rows) > 0 {
		s.table = t
	}
	return s
}

// title is the report's heading.
func (r Report) title() string {
	kind := "briefing"
	if r.analyticsOnly {
		kind = "analytics"
	}
	return "Portfolio " + r.Analytics.Portfolio + ": " + kind + " for " + span(r.Analytics.From, r.Analytics.To)
}

// span writes [from, to) for people: a date for one whole UTC day, dates
// for whole days, else times.
func span(from, to time.Time) string {
	from, to = from.UTC(), to.UTC()
	whole := from.Equal(day(from)) && to.Equal(day(to))
	switch {
	case whole && to.Sub(from) == 24*time.Hour:
		return from.Format(time.DateOnly)
	case whole:
		return from.Format(time.DateOnly) + " to " + to.Add(-time.Millisecond).Format(time.DateOnly)
	}
	return from.Format("2006-01-02 15:04") + " to " + to.Format("2006-01-02 15:04") + " UTC"
}

func (s Story) line() string {
	parts := []string{s.Time.Format("2006-01-02 15:04 UTC")}
	if s.Site != "" {
		parts = append(parts, s.Site)
	}
	for _, h := range s.Holdings {
		parts = append(parts, fmt.Sprintf("%s %s (relevance %.2f)", h.Ticker, signed(h.Sentiment), h.Relevance))
	}
	return strings.Join(parts, " · ")
}

func signed(v float64) string {
	if v > -0.005 && v < 0.005 {
		v = 0 // no "-0.00"
	}
	return fmt.Sprintf("%+.2f", v)
}

func pct(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }

// sentimentCell writes a sentiment, or a dash without articles.
func sentimentCell(v float64, articles int) string {
	if articles == 0 {
		return "—"
	}
	return signed(v)
}
