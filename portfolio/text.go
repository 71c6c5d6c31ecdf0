package portfolio

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteMarkdown writes the report as a Markdown document.
func (r Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\nGenerated %s.\n", mdEscape(r.title()), r.Generated.UTC().Format("2006-01-02 15:04 UTC"))
	for _, s := range r.sections() {
		fmt.Fprintf(bw, "\n## %s\n", s.title)
		for _, n := range s.notes {
			fmt.Fprintf(bw, "\n%s\n", mdEscape(n))
		}
		if t := s.table; t != nil {
			bw.WriteString("\n| " + strings.Join(t.head, " | ") + " |\n|")
			for _, right := range t.right {
				if right {
					bw.WriteString(" ---: |")
				} else {
					bw.WriteString(" --- |")
				}
			}
			bw.WriteString("\n")
			for _, row := range t.rows {
				cells := make([]string, len(row))
				for i, c := range row {
					cells[i] = mdEscape(c)
				}
				bw.WriteString("| " + strings.Join(cells, " | ") + " |\n")
			}
		}
	}
	bw.WriteString("\n## Key stories\n")
	if len(r.Stories) == 0 {
		bw.WriteString("\nNo story about the holdings.\n")
	}
	for i, s := range r.Stories {
		title := mdEscape(s.Title)
		if s.URL != "" {
			title = "[" + title + "](" + mdURL(s.URL) + ")"
		}
		fmt.Fprintf(bw, "\n### %d. %s\n\n%s\n", i+1, title, mdEscape(s.line()))
		if len(s.Summary) > 0 {
			fmt.Fprintf(bw, "\n> %s\n", mdEscape(strings.Join(s.Summary, " ")))
		}
	}
	return bw.Flush()
}

// mdEscape keeps text from being read as Markdown table or link syntax.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "[", `\[`, "]", `\]`, "*", `\*`, "_", `\_`, "<", "&lt;", "\n", " ").Replace(s)
}

// mdURL escapes the characters that would end a Markdown link target.
func mdURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}

// WriteTerminal writes the analytics as plain text for a terminal: the
// report's sections without alerts and stories.
func (a Analytics) WriteTerminal(w io.Writer) error {
	return Report{Analytics: a, analyticsOnly: true}.WriteTerminal(w)
}

// WriteTerminal writes the report as plain text for a terminal.
func (r Report) WriteTerminal(w io.Writer) error {
	bw := bufio.NewWriter(w)
	title := r.title()
	fmt.Fprintf(bw, "%s\n%s\n", title, strings.Repeat("=", len([]rune(title))))
	if !r.analyticsOnly {
		fmt.Fprintf(bw, "Generated %s\n", r.Generated.UTC().Format("2006-01-02 15:04 UTC"))
	}
	for _, s := range r.sections() {
		fmt.Fprintf(bw, "\n%s\n%s\n", s.title, strings.Repeat("-", len([]rune(s.title))))
		for _, n := range s.notes {
			fmt.Fprintf(bw, "%s\n", n)
		}
		if t := s.table; t != nil {
			tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  "+strings.Join(t.head, "\t"))
			for _, row := range t.rows {
				fmt.Fprintln(tw, "  "+strings.Join(row, "\t"))
			}
			tw.Flush()
		}
	}
	if r.analyticsOnly {
		return bw.Flush()
	}
	bw.WriteString("\nKey stories\n-----------\n")
	if len(r.Stories) == 0 {
		bw.WriteString("No story about the holdings.\n")
	}
	for i, s := range r.Stories {
		fmt.Fprintf(bw, "%d. %s\n   %s\n", i+1, s.Title, s.line())
		for _, sum := range s.Summary {
			fmt.Fprintf(bw, "   %s\n", sum)
		}
	}
	return bw.Flush()
}
