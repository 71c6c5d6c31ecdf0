package portfolio

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteTerminal writes the study as plain text: the correlations, then
// the event studies (mean cumulative return and event count per horizon).
func (rs ReturnsStudy) WriteTerminal(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Portfolio %s: sentiment versus returns, news days %s\n\n", rs.Portfolio, span(rs.From, rs.To))
	bw.WriteString("Correlation of daily sentiment with the next trading day's return (Pearson)\n")
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  ticker\tnews days\tr\t")
	all := append(append([]ReturnStats{}, rs.Tickers...), rs.Total)
	for i, st := range all {
		name := st.Ticker
		if i == len(all)-1 {
			name = "portfolio"
		}
		r := "—"
		if st.Correlation != nil {
			r = fmt.Sprintf("%+.3f", *st.Correlation)
		}
		fmt.Fprintf(tw, "  %s\t%d\t%s\t\n", name, st.N, r)
	}
	tw.Flush()
	fmt.Fprintf(bw, "\nEvent study: mean cumulative return after strongly negative or positive news days (|sentiment| ≥ %.2f), events in parentheses\n", EventThreshold)
	tw = tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"ticker", "news", "events"}
	for k := 1; k <= Horizons; k++ {
		head = append(head, fmt.Sprintf("%dd", k))
	}
	fmt.Fprintln(tw, "  "+strings.Join(head, "\t")+"\t")
	for i, st := range all {
		name := st.Ticker
		if i == len(all)-1 {
			name = "portfolio"
		}
		for _, ev := range []struct {
			kind string
			es   EventStudy
		}{{"negative", st.Negative}, {"positive", st.Positive}} {
			cells := []string{name, ev.kind, fmt.Sprint(ev.es.Events)}
			for _, h := range ev.es.Horizons {
				cells = append(cells, horizonCell(h))
			}
			fmt.Fprintln(tw, "  "+strings.Join(cells, "\t")+"\t")
		}
	}
	tw.Flush()
	for _, warn := range rs.Warnings {
		fmt.Fprintf(bw, "warning: %s\n", warn)
	}
	return bw.Flush()
}

func horizonCell(h Horizon) string {
	if h.N == 0 {
		return "—"
	}
	return fmt.Sprintf("%+.2f%% (%d)", 100*h.Mean, h.N)
}
