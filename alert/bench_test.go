package alert

import "testing"

// BenchmarkConditionEval measures one evaluation of a typical condition.
func BenchmarkConditionEval(b *testing.B) {
	c, err := compileCondition("b", "(has_topic('guidance') || has_topic('litigation')) && sentiment <= -0.3 && relevance >= 0.5 && zscore < -2.0")
	if err != nil {
		b.Fatal(err)
	}
	v := &Variables{Ticker: "TGT", Sentiment: -0.6, Relevance: 0.9, ZScore: -2.5, Topics: []string{"retail_consumer", "guidance"}}
	for b.Loop() {
		if ok, err := c.eval(v); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
