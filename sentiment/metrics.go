package sentiment

import (
	"fmt"
	"io"

	"github.com/tickerwire/tickerwire/article"
)

var classNames = [numClasses]string{"negative", "neutral", "positive"}

// classOf maps a score to one of the three classes through the thresholds
// of article.LabelOf.
func classOf(score float64) int {
	switch article.LabelOf(score) {
	case article.Negative, article.StronglyNegative:
		return ClassNegative
	case article.Positive, article.StronglyPositive:
		return ClassPositive
	}
	return ClassNeutral
}

// confusion counts gold (row) against predicted (column) classes.
type confusion [numClasses][numClasses]int

func (c *confusion) add(gold, pred int) { c[gold][pred]++ }

func (c *confusion) total() int {
	n := 0
	for _, row := range c {
		for _, v := range row {
			n += v
		}
	}
	return n
}

func (c *confusion) accuracy() float64 {
	n, ok := c.total(), 0
	for k := range numClasses {
		ok += c[k][k]
	}
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}

// macroF1 is the mean of the three per-class F1 scores.
func (c *confusion) macroF1() float64 {
	sum := 0.0
	for k := range numClasses {
		tp, gold, pred := c[k][k], 0, 0
		for j := range numClasses {
			gold += c[k][j]
			pred += c[j][k]
		}
		if tp > 0 {
			p, r := float64(tp)/float64(pred), float64(tp)/float64(gold)
			sum += 2 * p * r / (p + r)
		}
	}
	return sum / numClasses
}

func (c *confusion) print(w io.Writer, indent string) {
	fmt.Fprintf(w, "%sgold \\ predicted  %9s %9s %9s\n", indent, classNames[0], classNames[1], classNames[2])
	for k := range numClasses {
		fmt.Fprintf(w, "%s%-17s %9d %9d %9d\n", indent, classNames[k], c[k][0], c[k][1], c[k][2])
	}
}
