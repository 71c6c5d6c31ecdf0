package topic

// confusion counts gold/predicted pairs over n classes.
type confusion struct {
	n    int
	cell []int // gold*n + predicted
}

func newConfusion(n int) *confusion { return &confusion{n: n, cell: make([]int, n*n)} }

// add records one prediction; pred < 0 (no prediction) counts as the last
// class.
func (c *confusion) add(gold, pred int) {
	if pred < 0 {
		pred = c.n - 1
	}
	c.cell[gold*c.n+pred]++
}

func (c *confusion) support(k int) int {
	s := 0
	for p := range c.n {
		s += c.cell[k*c.n+p]
	}
	return s
}

// prf returns precision, recall and F1 of class k (0 when undefined).
func (c *confusion) prf(k int) (p, r, f float64) {
	tp, predicted := c.cell[k*c.n+k], 0
	for g := range c.n {
		predicted += c.cell[g*c.n+k]
	}
	if predicted > 0 {
		p = float64(tp) / float64(predicted)
	}
	if s := c.support(k); s > 0 {
		r = float64(tp) / float64(s)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// scores returns accuracy over all counted items and macro-F1 over the
// classes marked in classes.
func (c *confusion) scores(classes []bool) (acc, macroF1 float64) {
	right, total, k := 0, 0, 0
	for g := range c.n {
		right += c.cell[g*c.n+g]
		total += c.support(g)
	}
	for cl, in := range classes {
		if in {
			_, _, f := c.prf(cl)
			macroF1 += f
			k++
		}
	}
	if total > 0 {
		acc = float64(right) / float64(total)
	}
	if k > 0 {
		macroF1 /= float64(k)
	}
	return acc, macroF1
}
