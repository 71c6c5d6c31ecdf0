package sentiment

// Priors are the team's knowledge of what the class features of the
// lexicon and the rules mean, in log-odds per class (negative, neutral,
// positive). Training pulls those weights toward their prior with a
// strong penalty instead of toward zero, so the data can refine the
// meaning of "a positive cue" or "up on a bad variable" but a headline set
// whose labels treat such news as neutral cannot erase it. Long-form text,
// which the training sets lack, depends on these features most.

// priorStrength is the L2 penalty of a prior feature's distance from its
// prior, against the l2 of trainConfig for all other features.
const priorStrength = 3

// prior is the prior weight row of one feature.
type prior struct {
	hash uint64
	w    [numClasses]float64
}

// priors lists the features with a prior. Keep them in step with the
// feature templates in features.go and rules.go.
func priors() []prior {
	pos := [numClasses]float64{-2, -1, 3}
	neg := [numClasses]float64{3, -1, -2}
	return []prior{
		{mix(gLexicon, uint64(cuePositive)), pos},
		{mix(gLexicon, uint64(cueNegative)), neg},
		{mix(gLexicon, uint64(cueNeutral)), [numClasses]float64{-1.5, 3, -1.5}},
		{mix(gRule, boolKey(true)), [numClasses]float64{-3, -2, 5}},
		{mix(gRule, boolKey(false)), [numClasses]float64{5, -2, -3}},
	}
}
