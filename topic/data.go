package topic

import (
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// trainLabels are the 20 labels of the training data, by their number.
var trainLabels = []string{
	"Analyst Update", "Fed | Central Banks", "Company | Product News", "Treasuries | Corporate Debt",
	"Dividend", "Earnings", "Energy | Oil", "Financials", "Currencies", "General News | Opinion",
	"Gold | Metals | Materials", "IPO", "Legal | Regulation", "M&A | Investments", "Macro",
	"Markets", "Politics", "Personnel Change", "Stock Commentary", "Stock Movement",
}

// trainFile is the training data's path inside the shared data folder.
var trainFile = filepath.Join("topics", "topic_train.csv")

// example is one labelled text of the training data.
type example struct {
	text  string
	label int
}

// loadExamples reads the training CSV under dataDir and returns its
// training and development parts. The development part is every text whose
// hash (of its words, without links and cashtags) is 0 modulo 10, so the
// split is stable and near-duplicate posts fall on the same side.
func loadExamples(dataDir string) (train, dev []example, err error) {
	path := filepath.Join(dataDir, trainFile)
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, fmt.Errorf("topic data %s not found; pass the shared data folder that holds topics/topic_train.csv: %w", path, err)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("open topic data: %w", err)
	}
	defer f.Close()
	all, err := readExamples(f)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", path, err)
	}
	for _, e := range all {
		if splitKey(e.text)%10 == 0 {
			dev = append(dev, e)
		} else {
			train = append(train, e)
		}
	}
	return train, dev, nil
}

func readExamples(r io.Reader) ([]example, error) {
	cr := csv.NewReader(r)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	var out []example
	for i, row := range rows {
		if i == 0 || len(row) < 2 {
			continue
		}
		l, err := strconv.Atoi(strings.TrimSpace(row[1]))
		if err != nil || l < 0 || l >= len(trainLabels) {
			return nil, fmt.Errorf("row %d: bad label %q", i+1, row[1])
		}
		out = append(out, example{text: cleanPost(row[0]), label: l})
	}
	return out, nil
}

// cleanPost undoes the HTML entities of a post and drops its links, which
// carry no topic and would not appear in an article.
func cleanPost(s string) string {
	s = html.UnescapeString(s)
	fields := strings.Fields(s)
	kept := fields[:0]
	for _, f := range fields {
		if !strings.HasPrefix(f, "http://") && !strings.HasPrefix(f, "https://") {
			kept = append(kept, f)
		}
	}
	return strings.Join(kept, " ")
}

func splitKey(s string) uint32 {
	h := fnv.New32a()
	for _, f := range strings.Fields(strings.ToLower(s)) {
		if strings.HasPrefix(f, "$") || strings.HasPrefix(f, "#") {
			continue
		}
		h.Write([]byte(f))
		h.Write([]byte{' '})
	}
	return h.Sum32()
}
