package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/tickerwire/tickerwire/article"
)

const labelScale = "(strongly negative … strongly positive)"

// renderAnalysis writes the human-readable report of one analysis.
func renderAnalysis(w io.Writer, an article.Analysis, explain bool) {
	a := an.Article
	fmt.Fprintf(w, "%s   %s\n\n", orNone(a.Title, "(untitled)"), byline(a))
	if len(an.Summary) > 0 {
		fmt.Fprintln(w, "Summary")
		for _, s := range an.Summary {
			fmt.Fprintln(w, wrap(s, 86, "  "))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%-19s %-18s %+.2f   %s\n", "Overall sentiment", an.Sentiment.Label, an.Sentiment.Value, labelScale)
	if explain {
		renderDrivers(w, an.Sentiment.Drivers)
	}
	renderTickers(w, an.Tickers, explain)
	renderTopics(w, an.Topics)
	renderExtreme(w, "Most positive", an, an.MostPositive)
	renderExtreme(w, "Most negative", an, an.MostNegative)
}

func byline(a article.Article) string {
	var parts []string
	for _, p := range []string{a.Site, a.Author} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.UTC().Format("2006-01-02 15:04 UTC"))
	}
	if len(parts) == 0 {
		return ""
	}
	return "(" + strings.Join(parts, " · ") + ")"
}

func renderTickers(w io.Writer, ts []article.TickerSentiment, explain bool) {
	if len(ts) == 0 {
		fmt.Fprintf(w, "%-19s none found\n", "Tickers")
		return
	}
	fmt.Fprintf(w, "%-19s %-9s  %-24s %s\n", "Tickers", "relevance", "sentiment", "mentions")
	for _, t := range ts {
		fmt.Fprintf(w, "  %-6s %-14s %4.2f    %+.2f %-18s %3d  (%s)\n", t.Ticker, clip(t.Name, 14), t.Relevance,
			t.Sentiment.Value, t.Sentiment.Label, t.Mentions, strings.Join(t.Surfaces, ", "))
		if explain {
			renderDrivers(w, t.Sentiment.Drivers)
		}
	}
}

func renderDrivers(w io.Writer, ds []article.Driver) {
	for _, d := range ds {
		fmt.Fprintf(w, "%-12s %+.2f  %s\n", "", d.Weight, d.Phrase)
	}
}

func renderTopics(w io.Writer, ts []article.Topic) {
	if len(ts) == 0 {
		return
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%s %.2f", t.Name, t.Relevance)
	}
	fmt.Fprintf(w, "%-19s %s\n", "Topics", strings.Join(parts, " · "))
}

func renderExtreme(w io.Writer, label string, an article.Analysis, i int) {
	if i < 0 || i >= len(an.Sentences) {
		return
	}
	s := an.Sentences[i]
	fmt.Fprintf(w, "%-19s \"%s\"   %+.2f\n", label, clip(s.Text, 100), s.Score)
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// clip shortens s to at most n runes, ending in "…" when cut.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// wrap folds s into lines of at most width runes, each with indent.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for _, word := range strings.Fields(s) {
		n := utf8.RuneCountInString(word)
		if line > 0 && line+1+n > width {
			b.WriteString("\n")
			line = 0
		}
		if line == 0 {
			b.WriteString(indent)
		} else {
			b.WriteString(" ")
			line++
		}
		b.WriteString(word)
		line += n
	}
	return b.String()
}
