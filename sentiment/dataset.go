package sentiment

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
)

// The shared training files, relative to the data folder.
var (
	sentfinFile = filepath.Join("sentfin", "sentfin_train.csv")
	tweetsFile  = filepath.Join("tweets", "tfns_train.csv")
)

// example is one labelled text: the whole text's label when target is
// empty, else the label toward the target entity.
type example struct {
	text   string
	target string
	label  int // ClassNegative, ClassNeutral or ClassPositive
	group  int // index of the text in its file, shared by its entities
}

// corpus is a labelled file split into its training and development parts.
type corpus struct {
	name       string
	train, dev []example
}

// loadCorpus reads one of the shared files under dataDir and splits it.
func loadCorpus(dataDir, file, name string) (corpus, error) {
	path := filepath.Join(dataDir, file)
	xs, err := readLabelledFile(path)
	if err != nil {
		return corpus{}, err
	}
	c := corpus{name: name}
	for _, x := range xs {
		if isDev(x.text) {
			c.dev = append(c.dev, x)
		} else {
			c.train = append(c.train, x)
		}
	}
	return c, nil
}

// readLabelledFile reads a file of gold labels in any of the accepted
// formats: SEntFiN CSV (a Decisions column), CSV text,label, or JSON lines
// {"text", "label", "target"}.
func readLabelledFile(path string) ([]example, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s not found: pass the shared data folder (--data) that holds it, or a gold file (--file): %w", path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open gold labels: %w", err)
	}
	defer f.Close()
	var xs []example
	if strings.HasSuffix(path, ".jsonl") || strings.HasSuffix(path, ".json") {
		xs, err = readJSONLines(f)
	} else {
		xs, err = readCSV(f)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(xs) == 0 {
		return nil, fmt.Errorf("read %s: no labelled examples", path)
	}
	return xs, nil
}

// readCSV reads SEntFiN rows (Title, Decisions) or text,label rows.
func readCSV(r io.Reader) ([]example, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	textCol, labelCol, sentfin := csvColumns(head)
	if textCol < 0 || labelCol < 0 {
		return nil, fmt.Errorf("header %q: want columns Title and Decisions (SEntFiN) or text and label", strings.Join(head, ","))
	}
	var out []example
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if len(rec) <= max(textCol, labelCol) {
			return nil, fmt.Errorf("row %d: %d columns", row, len(rec))
		}
		xs, err := rowExamples(rec[textCol], rec[labelCol], sentfin, row-2)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", row, err)
		}
		out = append(out, xs...)
	}
}

func csvColumns(head []string) (textCol, labelCol int, sentfin bool) {
	textCol, labelCol = -1, -1
	for i, h := range head {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) {
		case "title", "text", "sentence":
			textCol = i
		case "decisions":
			labelCol, sentfin = i, true
		case "label", "sentiment":
			labelCol = i
		}
	}
	return textCol, labelCol, sentfin
}

func rowExamples(txt, label string, sentfin bool, group int) ([]example, error) {
	if !sentfin {
		l, err := parseLabel(label, true)
		return []example{{text: txt, label: l, group: group}}, err
	}
	ds, err := parseDecisions(label)
	if err != nil {
		return nil, err
	}
	out := make([]example, len(ds))
	for i, d := range ds {
		out[i] = example{text: txt, target: d.entity, label: d.label, group: group}
	}
	return out, nil
}

// parseLabel reads a class name (negative, neutral, positive; bearish,
// bullish) or, when numeric is set, the Twitter set's numbers (0 bearish,
// 1 bullish, 2 neutral).
func parseLabel(s string, numeric bool) (int, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "negative", "bearish", "neg":
		return ClassNegative, nil
	case "neutral", "neu":
		return ClassNeutral, nil
	case "positive", "bullish", "pos":
		return ClassPositive, nil
	}
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && numeric && n >= 0 && n <= 2 {
		return [...]int{ClassNegative, ClassPositive, ClassNeutral}[n], nil
	}
	return 0, fmt.Errorf("unknown label %q: want negative, neutral, positive or 0 (bearish), 1 (bullish), 2 (neutral)", s)
}

// jsonExample is one line of a JSON lines gold file.
type jsonExample struct {
	Text   string          `json:"text"`
	Label  json.RawMessage `json:"label"`
	Target string          `json:"target"`
}

func readJSONLines(r io.Reader) ([]example, error) {
	dec := json.NewDecoder(r)
	var out []example
	for line := 1; ; line++ {
		var j jsonExample
		if err := dec.Decode(&j); err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, fmt.Errorf("record %d: %w", line, err)
		}
		l, err := parseLabel(strings.Trim(string(j.Label), `"`), true)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", line, err)
		}
		out = append(out, example{text: j.Text, target: j.Target, label: l, group: line - 1})
	}
}

// isDev reports whether a text belongs to the development part: the
// FNV-1a hash of its split key is 0 modulo 10. Equal keys fall on the same
// side, so no text is on both sides.
func isDev(s string) bool { return hashString(splitKey(s))%10 == 0 }

// splitKey normalises a text for the split: lower case, links dropped,
// letters and digits only, words separated by one space.
func splitKey(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if strings.HasPrefix(w, "http://") || strings.HasPrefix(w, "https://") {
			continue
		}
		word := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, w)
		if word == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(word)
	}
	return b.String()
}
