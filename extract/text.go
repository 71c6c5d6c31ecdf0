package extract

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tickerwire/tickerwire/article"
)

// Plain-text title heuristics: a first line is a title when it is at most
// maxTitleWords words and does not end like a sentence.
const maxTitleWords = 25

// minHeadlineRun is how many headline-like lines at the end of a text make
// a list of other stories.
const minHeadlineRun = 3

// fromText builds an article from plain text.
func fromText(s string, opt Options) (article.Article, error) {
	if len(s) > maxInput {
		s = s[:maxInput]
	}
	if kind := binaryKind([]byte(s[:min(len(s), 2048)])); kind != "" {
		return article.Article{}, fmt.Errorf("%w: text is binary (%s)", ErrNoArticle, kind)
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	units := textUnits(s)
	a := article.Article{URL: opt.URL, Fetched: opt.Fetched}
	if len(units) > 1 && isTitleLine(units[0].text) {
		a.Title = collapseSpace(units[0].text)
		units = units[1:]
	}
	units, a.Author = takeByline(units)
	b := loadBoilerplate()
	paras := b.clean(unitTexts(units), a.Title)
	paras = dropHeadlineRun(paras)
	a.Body = joinUnits(units, paras)
	a.Published, a.PublishedFrom = published([]dateCandidate{
		{urlDate(opt.URL), FromURL},
		{leadingDate(unitTexts(units)), FromText},
	}, opt.fetchedOr(), false)
	if a.Title == "" && a.Body == "" {
		return article.Article{}, fmt.Errorf("%w: the text is empty", ErrNoArticle)
	}
	return a, nil
}

// unit is one line of a text with the paragraph it belongs to.
type unit struct {
	text string
	para int
}

// textUnits splits s into non-empty lines, numbering paragraphs (runs of
// lines between blank lines).
func textUnits(s string) []unit {
	var out []unit
	para := 0
	blank := false
	for line := range strings.Lines(s) {
		line = strings.TrimFunc(line, unicode.IsSpace)
		if line == "" {
			blank = true
			continue
		}
		if blank && len(out) > 0 {
			para++
		}
		blank = false
		out = append(out, unit{line, para})
	}
	return out
}

func unitTexts(units []unit) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = u.text
	}
	return out
}

// joinUnits writes the kept lines: lines of one paragraph joined by "\n",
// paragraphs by "\n\n". kept is an in-order subsequence of units' texts.
func joinUnits(units []unit, kept []string) string {
	var b strings.Builder
	k, prev := 0, -1
	for _, u := range units {
		if k == len(kept) {
			break
		}
		if u.text != kept[k] {
			continue
		}
		switch {
		case prev == -1:
		case u.para == prev:
			b.WriteByte('\n')
		default:
			b.WriteString("\n\n")
		}
		b.WriteString(u.text)
		prev = u.para
		k++
	}
	return b.String()
}

// isTitleLine reports whether a first line reads as a headline: short and
// not ending as a sentence or an introduction does.
func isTitleLine(line string) bool {
	words := len(strings.Fields(line))
	if words == 0 || words > maxTitleWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".:;,", last)
}

// takeByline removes a "By Jane Doe" line among the first lines and
// returns its name.
func takeByline(units []unit) ([]unit, string) {
	for i := 0; i < len(units) && i < 3; i++ {
		t := units[i].text
		if len(t) < 80 && (strings.HasPrefix(t, "By ") || strings.HasPrefix(t, "BY ")) {
			name := stripDateTail(cleanAuthor(strings.SplitN(t, "|", 2)[0]))
			if name != "" && len(strings.Fields(name)) <= 8 {
				return append(units[:i:i], units[i+1:]...), name
			}
		}
	}
	return units, ""
}

// stripDateTail cuts a date written after a byline ("Jane Doe, May 17,
// 2024", "Jane Doe Monday, May 17, 2024").
func stripDateTail(name string) string {
	if _, ok := findDate(name, false); !ok {
		return name
	}
	months := loadMonths()
	fields := strings.Fields(name)
	for i, f := range fields {
		w := strings.ToLower(strings.Trim(f, ",.|–—"))
		if months[w] != 0 || weekdays[w] || allDigits(w) {
			return strings.TrimRight(strings.Join(fields[:i], " "), ",|–— ")
		}
	}
	return name
}

// weekdays are the English day names and abbreviations that precede dates.
var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "mon": true, "tue": true,
	"wed": true, "thu": true, "fri": true, "sat": true, "sun": true,
}

// leadingDate returns the first of the top lines that holds a date.
func leadingDate(lines []string) string {
	for i := 0; i < len(lines) && i < 4; i++ {
		if len(lines[i]) > 200 {
			continue
		}
		if _, ok := findDate(lines[i], false); ok {
			return lines[i]
		}
	}
	return ""
}

// dropHeadlineRun removes a closing list of other stories: at least
// minHeadlineRun short lines at the end that read as headlines.
func dropHeadlineRun(paras []string) []string {
	run := 0
	for i := len(paras) - 1; i >= 0 && isHeadline(paras[i]); i-- {
		run++
	}
	if run >= minHeadlineRun && run < len(paras) {
		return paras[:len(paras)-run]
	}
	return paras
}

// isHeadline reports whether a line reads as a headline: 3 to 20 words,
// capitalised, without a final full stop.
func isHeadline(line string) bool {
	words := len(strings.Fields(line))
	first, _ := utf8.DecodeRuneInString(line)
	last, _ := utf8.DecodeLastRuneInString(line)
	return words >= 3 && words <= 20 && (unicode.IsUpper(first) || unicode.IsDigit(first)) && !strings.ContainsRune(".:;,!\"”", last)
}
