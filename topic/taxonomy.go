package topic

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Definition is one topic of the taxonomy.
type Definition struct {
	// ID is the stable snake_case identifier stored with analyses.
	ID string
	// Name is the display name.
	Name string
	// Description says what the topic covers.
	Description string
	// AlphaVantage is the Alpha Vantage NEWS_SENTIMENT topic the topic maps
	// to, spelled as that API does ("Economy - Monetary"), or "" for none.
	AlphaVantage string
	// Labels are the training labels of the topic model that feed this
	// topic; the first topic listing a label is that label's primary topic.
	Labels []string
	// Event is true for things that happen (an acquisition, a guidance cut)
	// rather than themes (AI, inflation).
	Event bool
	// Cues are the phrases that signal the topic.
	Cues []Cue
}

// Cue is a weighted token pattern. Weight is in (0, 1]: 1 means the pattern
// alone makes a sentence about the topic. Pattern syntax is described in
// TAXONOMY.md.
type Cue struct {
	Weight  float64
	Pattern string
}

// AlphaVantageTopics are the topic names of the Alpha Vantage NEWS_SENTIMENT
// API, spelled as that API does.
var AlphaVantageTopics = []string{
	"Blockchain", "Earnings", "IPO", "Mergers & Acquisitions", "Financial Markets",
	"Economy - Fiscal", "Economy - Monetary", "Economy - Macro", "Energy & Transportation",
	"Finance", "Life Sciences", "Manufacturing", "Real Estate & Construction",
	"Retail & Wholesale", "Technology",
}

//go:embed data/taxonomy.txt
var taxonomyFile []byte

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// Parse reads a taxonomy in the format of data/taxonomy.txt. It fails on the
// first malformed line, naming it, and on duplicate ids, unknown Alpha
// Vantage topics, topics without a name or cues, and invalid patterns.
func Parse(r io.Reader) ([]Definition, error) {
	var defs []Definition
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var err error
		defs, err = parseLine(defs, line)
		if err != nil {
			return nil, fmt.Errorf("taxonomy line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read taxonomy: %w", err)
	}
	return defs, validate(defs)
}

func parseLine(defs []Definition, line string) ([]Definition, error) {
	if strings.HasPrefix(line, "[") {
		id := strings.TrimSuffix(strings.TrimPrefix(line, "["), "]")
		if !strings.HasSuffix(line, "]") || !idPattern.MatchString(id) {
			return nil, fmt.Errorf("bad topic header %q: want [snake_case_id]", line)
		}
		return append(defs, Definition{ID: id}), nil
	}
	if len(defs) == 0 {
		return nil, fmt.Errorf("%q before the first [topic]", line)
	}
	d := &defs[len(defs)-1]
	if c := line[0]; c >= '0' && c <= '9' {
		cue, err := parseCue(line)
		if err != nil {
			return nil, err
		}
		d.Cues = append(d.Cues, cue)
		return defs, nil
	}
	return defs, setField(d, line)
}

func parseCue(line string) (Cue, error) {
	w, pat, _ := strings.Cut(line, " ")
	weight, err := strconv.ParseFloat(w, 64)
	if err != nil || weight <= 0 || weight > 1 {
		return Cue{}, fmt.Errorf("bad cue weight %q: want a number in (0, 1]", w)
	}
	pat = strings.TrimSpace(pat)
	if _, err := compilePattern(pat); err != nil {
		return Cue{}, err
	}
	return Cue{Weight: weight, Pattern: pat}, nil
}

func setField(d *Definition, line string) error {
	key, val, ok := strings.Cut(line, ":")
	if !ok {
		return fmt.Errorf("%q is neither a field, a cue nor a [topic]", line)
	}
	val = strings.TrimSpace(val)
	switch key {
	case "name":
		d.Name = val
	case "description":
		d.Description = val
	case "av":
		d.AlphaVantage = val
	case "labels":
		d.Labels = splitList(val)
	case "event":
		if val != "yes" && val != "no" {
			return fmt.Errorf("event must be yes or no, not %q", val)
		}
		d.Event = val == "yes"
	default:
		return fmt.Errorf("unknown field %q", key)
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func validate(defs []Definition) error {
	seen := map[string]bool{}
	for _, d := range defs {
		switch {
		case seen[d.ID]:
			return fmt.Errorf("topic %s defined twice", d.ID)
		case d.Name == "":
			return fmt.Errorf("topic %s has no name", d.ID)
		case len(d.Cues) == 0:
			return fmt.Errorf("topic %s has no cues", d.ID)
		case d.AlphaVantage != "" && !isAlphaVantage(d.AlphaVantage):
			return fmt.Errorf("topic %s: %q is not an Alpha Vantage topic", d.ID, d.AlphaVantage)
		}
		seen[d.ID] = true
	}
	return nil
}

func isAlphaVantage(s string) bool {
	for _, t := range AlphaVantageTopics {
		if t == s {
			return true
		}
	}
	return false
}
