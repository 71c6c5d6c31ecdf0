package sentiment

import (
	_ "embed"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/tickerwire/tickerwire/text"
)

// The lexicon baseline is the comparison point of Evaluate: a plain
// general-purpose word list (data/baseline.txt) summed over a sentence,
// with a negation in the three words before a word flipping it. It knows
// nothing of finance or of targets.

//go:embed data/baseline.txt
var baselineFile string

var baselineWords = sync.OnceValue(func() map[string]float64 {
	out := map[string]float64{}
	for _, line := range strings.Split(baselineFile, "\n") {
		f := strings.Fields(line)
		if len(f) != 2 || strings.HasPrefix(line, "#") {
			continue
		}
		if v, err := strconv.ParseFloat(f[1], 64); err == nil {
			out[f[0]] = v
		}
	}
	return out
})

var baselineNegators = map[string]bool{"not": true, "no": true, "never": true, "without": true, "n't": true}

// baselineScore returns the baseline's score of toks in [-1, 1].
func baselineScore(toks []text.Token) float64 {
	words := baselineWords()
	sum := 0.0
	for i, t := range toks {
		v, ok := words[t.Norm]
		if !ok {
			continue
		}
		for j := max(0, i-3); j < i; j++ {
			if baselineNegators[toks[j].Norm] || strings.HasSuffix(toks[j].Norm, "n't") {
				v = -v / 2
				break
			}
		}
		sum += v
	}
	return sum / math.Sqrt(sum*sum+15)
}
