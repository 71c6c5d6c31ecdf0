package alert

import (
	"fmt"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/interpreter"
)

// Variables are what a condition sees: one article's analysis for one
// ticker in the rule's scope, and the ticker's rolling aggregates just
// before this article. The JSON names are the CEL names. Alerts record
// them as the values that made the rule fire.
type Variables struct {
	Ticker string `json:"ticker"`
	Name   string `json:"name"`
	// Sector is the GICS sector from the security master, "" when unknown.
	Sector string `json:"sector"`
	// Sentiment is the article's sentiment toward the ticker in [-1, 1],
	// Label its label ("strongly negative" ... "strongly positive").
	Sentiment float64 `json:"sentiment"`
	Label     string  `json:"label"`
	// Relevance in [0, 1]: how central the ticker is to the article.
	Relevance float64 `json:"relevance"`
	Mentions  int64   `json:"mentions"`
	// Novelty in [0, 100]: 100 for the first story about the ticker in a
	// day, less for follow-ups; 100 when unknown.
	Novelty float64 `json:"novelty"`
	// Topics are the article's topic ids (topic/TAXONOMY.md), TopicScore
	// their relevance in [0, 1]. has_topic('x') tests membership.
	Topics     []string           `json:"topics"`
	TopicScore map[string]float64 `json:"topic_score"`
	// Source is the article's site; Title its headline.
	Source string `json:"source"`
	Title  string `json:"title"`
	// Overall is the article's overall sentiment in [-1, 1], OverallLabel
	// its label.
	Overall      float64 `json:"overall"`
	OverallLabel string  `json:"overall_label"`
	// ZScore is (Sentiment - BaselineMean) / BaselineSD over the ticker's
	// articles in the baseline window (stddev floored at 0.05); 0 with
	// fewer than 3 baseline articles (BaselineN).
	ZScore       float64 `json:"zscore"`
	BaselineMean float64 `json:"baseline_mean"`
	BaselineSD   float64 `json:"baseline_sd"`
	BaselineN    int64   `json:"baseline_n"`
	// BuzzCount counts the ticker's articles in the hour up to this one,
	// this one included; BuzzRate is the baseline rate per hour over the
	// window (floored at 0.1); Buzz = BuzzCount / BuzzRate and BuzzZ the
	// Poisson z-score (BuzzCount - BuzzRate) / sqrt(BuzzRate).
	Buzz      float64 `json:"buzz"`
	BuzzZ     float64 `json:"buzz_z"`
	BuzzCount int64   `json:"buzz_count"`
	BuzzRate  float64 `json:"buzz_rate"`
	// PrevSentiment is the ticker's sentiment in its previous article
	// (HasPrev false and PrevSentiment 0 when none).
	PrevSentiment float64 `json:"prev_sentiment"`
	HasPrev       bool    `json:"has_prev"`
	// Avg is the exponentially weighted mean of the ticker's sentiment
	// (weight 0.3 for the newest article) after this article, PrevAvg the
	// same before it. crossed_below(x) is PrevAvg > x && Avg <= x;
	// crossed_above(x) is PrevAvg < x && Avg >= x.
	Avg     float64 `json:"avg"`
	PrevAvg float64 `json:"prev_avg"`
}

// activation gives Variables to CEL without building a map.
type activation struct{ v *Variables }

func (a activation) ResolveName(name string) (any, bool) { return a.v.lookup(name) }

func (a activation) Parent() interpreter.Activation { return nil }

// lookup returns the value of the CEL variable name.
func (v *Variables) lookup(name string) (any, bool) {
	switch name {
	case "ticker":
		return v.Ticker, true
	case "name":
		return v.Name, true
	case "sector":
		return v.Sector, true
	case "sentiment":
		return v.Sentiment, true
	case "label":
		return v.Label, true
	case "relevance":
		return v.Relevance, true
	case "mentions":
		return v.Mentions, true
	case "novelty":
		return v.Novelty, true
	case "topics":
		return v.Topics, true
	case "topic_score":
		return v.TopicScore, true
	case "source":
		return v.Source, true
	case "title":
		return v.Title, true
	case "overall":
		return v.Overall, true
	case "overall_label":
		return v.OverallLabel, true
	}
	return v.resolveAggregate(name)
}

func (v *Variables) resolveAggregate(name string) (any, bool) {
	switch name {
	case "zscore":
		return v.ZScore, true
	case "baseline_mean":
		return v.BaselineMean, true
	case "baseline_sd":
		return v.BaselineSD, true
	case "baseline_n":
		return v.BaselineN, true
	case "buzz":
		return v.Buzz, true
	case "buzz_z":
		return v.BuzzZ, true
	case "buzz_count":
		return v.BuzzCount, true
	case "buzz_rate":
		return v.BuzzRate, true
	case "prev_sentiment":
		return v.PrevSentiment, true
	case "has_prev":
		return v.HasPrev, true
	case "avg":
		return v.Avg, true
	case "prev_avg":
		return v.PrevAvg, true
	}
	return nil, false
}

// variableTypes declares every variable of Variables to CEL.
var variableTypes = []struct {
	name string
	t    *cel.Type
}{
	{"ticker", cel.StringType}, {"name", cel.StringType}, {"sector", cel.StringType},
	{"sentiment", cel.DoubleType}, {"label", cel.StringType}, {"relevance", cel.DoubleType},
	{"mentions", cel.IntType}, {"novelty", cel.DoubleType},
	{"topics", cel.ListType(cel.StringType)}, {"topic_score", cel.MapType(cel.StringType, cel.DoubleType)},
	{"source", cel.StringType}, {"title", cel.StringType},
	{"overall", cel.DoubleType}, {"overall_label", cel.StringType},
	{"zscore", cel.DoubleType}, {"baseline_mean", cel.DoubleType}, {"baseline_sd", cel.DoubleType}, {"baseline_n", cel.IntType},
	{"buzz", cel.DoubleType}, {"buzz_z", cel.DoubleType}, {"buzz_count", cel.IntType}, {"buzz_rate", cel.DoubleType},
	{"prev_sentiment", cel.DoubleType}, {"has_prev", cel.BoolType},
	{"avg", cel.DoubleType}, {"prev_avg", cel.DoubleType},
}

// macros are the shorthands of conditions, expanded when parsed.
var macros = []cel.Macro{
	cel.GlobalMacro("has_topic", 1, func(eh cel.MacroExprFactory, _ ast.Expr, args []ast.Expr) (ast.Expr, *common.Error) {
		return eh.NewCall(operators.In, args[0], eh.NewIdent("topics")), nil
	}),
	cel.GlobalMacro("crossed_below", 1, crossing(operators.Greater, operators.LessEquals)),
	cel.GlobalMacro("crossed_above", 1, crossing(operators.Less, operators.GreaterEquals)),
}

// crossing expands f(x) to prev_avg <before> x && avg <after> x.
func crossing(before, after string) cel.MacroFactory {
	return func(eh cel.MacroExprFactory, _ ast.Expr, args []ast.Expr) (ast.Expr, *common.Error) {
		return eh.NewCall(operators.LogicalAnd,
			eh.NewCall(before, eh.NewIdent("prev_avg"), args[0]),
			eh.NewCall(after, eh.NewIdent("avg"), eh.Copy(args[0]))), nil
	}
}

var (
	envOnce sync.Once
	celEnv  *cel.Env
	envErr  error
)

// environment returns the CEL environment of conditions, built once; a
// cel.Env is safe for concurrent use.
func environment() (*cel.Env, error) {
	envOnce.Do(func() {
		opts := []cel.EnvOption{cel.CrossTypeNumericComparisons(true), cel.Macros(macros...)}
		for _, v := range variableTypes {
			opts = append(opts, cel.Variable(v.name, v.t))
		}
		celEnv, envErr = cel.NewEnv(opts...)
	})
	return celEnv, envErr
}

// condition is a compiled rule condition.
type condition struct{ prg cel.Program }

// costLimit bounds the work of one evaluation, so no condition can stall
// the pipeline (the variables are small; real conditions cost under 100).
const costLimit = 10_000

// compileCondition compiles expr for rule; a *RuleError locates every
// problem (line and column from 1).
func compileCondition(rule, expr string) (*condition, error) {
	env, err := environment()
	if err != nil {
		return nil, fmt.Errorf("CEL environment: %w", err)
	}
	if expr == "" {
		return nil, fieldError(rule, "when", "empty: write a condition such as \"sentiment <= -0.5 && relevance >= 0.5\"")
	}
	checked, iss := env.Compile(expr)
	if iss.Err() != nil {
		re := &RuleError{Rule: rule, Field: "when"}
		for _, e := range iss.Errors() {
			re.Issues = append(re.Issues, Issue{Line: e.Location.Line(), Column: e.Location.Column() + 1, Reason: e.Message})
		}
		return nil, re
	}
	if !checked.OutputType().IsExactType(types.BoolType) {
		return nil, &RuleError{Rule: rule, Field: "when", Issues: []Issue{{Line: 1, Column: 1,
			Reason: fmt.Sprintf("the condition is of type %s; it must be a bool (true fires the rule)", checked.OutputType())}}}
	}
	prg, err := env.Program(checked, cel.EvalOptions(cel.OptOptimize), cel.CostLimit(costLimit))
	if err != nil {
		return nil, fieldError(rule, "when", "%v", err)
	}
	return &condition{prg: prg}, nil
}

// eval reports whether the condition holds for v. An evaluation error
// (a missing map key, the cost limit) counts as false and is returned.
func (c *condition) eval(v *Variables) (bool, error) {
	out, _, err := c.prg.Eval(activation{v})
	if err != nil {
		return false, err
	}
	b, ok := out.Value().(bool)
	return ok && b, nil
}
