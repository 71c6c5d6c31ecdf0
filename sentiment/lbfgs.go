package sentiment

import (
	"context"
	"fmt"
	"math"
)

// objective returns f(x) and writes its gradient into grad.
type objective func(x, grad []float64) float64

// lbfgsOptions configures minimize.
type lbfgsOptions struct {
	iterations int     // at most this many iterations
	history    int     // correction pairs kept
	tolerance  float64 // stop when the relative decrease of f is below this
}

// minimize finds a minimum of a smooth convex f by L-BFGS with a
// backtracking (Armijo) line search, starting from x and updating it in
// place. It is deterministic. progress, if not nil, is called after each
// iteration.
func minimize(ctx context.Context, f objective, x []float64, o lbfgsOptions, progress func(it int, fx float64)) error {
	n := len(x)
	g, gNew, xNew, dir := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	var ss, ys [][]float64
	var rhos []float64
	fx := f(x, g)
	for it := 1; it <= o.iterations; it++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("train: %w", err)
		}
		direction(dir, g, ss, ys, rhos)
		step := 1.0
		if it == 1 {
			step = 1 / math.Max(1, norm(g))
		}
		fNew, ok := lineSearch(f, x, xNew, g, gNew, dir, fx, step)
		if !ok {
			return nil
		}
		s, y := make([]float64, n), make([]float64, n)
		sy := 0.0
		for i := range x {
			s[i], y[i] = xNew[i]-x[i], gNew[i]-g[i]
			sy += s[i] * y[i]
		}
		copy(x, xNew)
		copy(g, gNew)
		done := math.Abs(fx-fNew) <= o.tolerance*math.Max(1, math.Abs(fNew))
		fx = fNew
		if progress != nil {
			progress(it, fx)
		}
		if done {
			return nil
		}
		if sy > 1e-12 {
			ss, ys, rhos = append(ss, s), append(ys, y), append(rhos, 1/sy)
			if len(ss) > o.history {
				ss, ys, rhos = ss[1:], ys[1:], rhos[1:]
			}
		}
	}
	return nil
}

// direction computes -H·g by the two-loop recursion.
func direction(dir, g []float64, ss, ys [][]float64, rhos []float64) {
	for i := range dir {
		dir[i] = -g[i]
	}
	alphas := make([]float64, len(ss))
	for k := len(ss) - 1; k >= 0; k-- {
		alphas[k] = rhos[k] * dot(ss[k], dir)
		axpy(-alphas[k], ys[k], dir)
	}
	if k := len(ss) - 1; k >= 0 {
		gamma := dot(ss[k], ys[k]) / dot(ys[k], ys[k])
		for i := range dir {
			dir[i] *= gamma
		}
	}
	for k := range ss {
		beta := rhos[k] * dot(ys[k], dir)
		axpy(alphas[k]-beta, ss[k], dir)
	}
}

// lineSearch halves the step until the Armijo condition holds; it writes
// the accepted point and gradient into xNew and gNew.
func lineSearch(f objective, x, xNew, g, gNew, dir []float64, fx, step float64) (float64, bool) {
	slope := dot(g, dir)
	if slope >= 0 {
		return fx, false
	}
	for range 40 {
		for i := range x {
			xNew[i] = x[i] + step*dir[i]
		}
		fNew := f(xNew, gNew)
		if fNew <= fx+1e-4*step*slope {
			return fNew, true
		}
		step /= 2
	}
	return fx, false
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func axpy(a float64, x, y []float64) {
	for i := range x {
		y[i] += a * x[i]
	}
}

func norm(x []float64) float64 { return math.Sqrt(dot(x, x)) }
