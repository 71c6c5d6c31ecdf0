package alert

import (
	"errors"
	"strings"
	"testing"
)

func validRule() Rule {
	return Rule{ID: "guidance-cut", Scope: Scope{All: true},
		When: "has_topic('guidance') && sentiment <= -0.3", Targets: []Target{{Type: TargetStream}}}
}

func TestCompileRejectsInvalidRulesWithPositionAndReason(t *testing.T) {
	tests := []struct {
		name         string
		edit         func(r *Rule)
		field        string
		line, column int
		reason       string
	}{
		{"misspelt variable", func(r *Rule) { r.When = "sentimnt <= -0.5" }, "when", 1, 1, "undeclared reference to 'sentimnt'"},
		{"misspelt variable on line 2", func(r *Rule) { r.When = "relevance >= 0.5 &&\n  buz > 3.0" }, "when", 2, 3, "undeclared reference to 'buz'"},
		{"syntax error", func(r *Rule) { r.When = "sentiment <= -0.5 &&" }, "when", 1, 21, "mismatched input"},
		{"unbalanced parenthesis", func(r *Rule) { r.When = "(zscore < -2.0" }, "when", 1, 15, "missing ')'"},
		{"not a bool", func(r *Rule) { r.When = "sentiment * 2.0" }, "when", 1, 1, "must be a bool"},
		{"string compared with number", func(r *Rule) { r.When = "ticker > 3.0" }, "when", 1, 8, "no matching overload"},
		{"unknown function", func(r *Rule) { r.When = "is_bad(ticker)" }, "when", 1, 7, "undeclared reference to 'is_bad'"},
		{"empty condition", func(r *Rule) { r.When = "" }, "when", 0, 0, "empty"},
		{"bad id", func(r *Rule) { r.ID = "Guidance Cut" }, "id", 0, 0, "lower-case"},
		{"empty scope", func(r *Rule) { r.Scope = Scope{} }, "scope", 0, 0, "empty"},
		{"bad cooldown", func(r *Rule) { r.Cooldown = "an hour" }, "cooldown", 0, 0, "not a duration"},
		{"no targets", func(r *Rule) { r.Targets = nil }, "targets", 0, 0, "none"},
		{"webhook without secret", func(r *Rule) { r.Targets = []Target{{Type: TargetWebhook, URL: "https://hooks.example/a"}} }, "targets[0]", 0, 0, "secret is empty"},
		{"webhook not http", func(r *Rule) { r.Targets = []Target{{Type: TargetWebhook, URL: "ftp://x/", Secret: "k"}} }, "targets[0]", 0, 0, "http or https"},
		{"unknown target", func(r *Rule) { r.Targets = []Target{{Type: "email"}} }, "targets[0]", 0, 0, "want webhook, stream or log"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := validRule()
			tc.edit(&r)
			err := Compile(r)
			var re *RuleError
			if !errors.As(err, &re) {
				t.Fatalf("Compile error %v, want a *RuleError", err)
			}
			if re.Field != tc.field || len(re.Issues) == 0 {
				t.Fatalf("error %v: field %q, want %q", err, re.Field, tc.field)
			}
			is := re.Issues[0]
			if is.Line != tc.line || is.Column != tc.column || !strings.Contains(is.Reason, tc.reason) {
				t.Errorf("issue %d:%d %q, want %d:%d containing %q", is.Line, is.Column, is.Reason, tc.line, tc.column, tc.reason)
			}
		})
	}
}

func TestCompileAcceptsTheDocumentedVariablesAndMacros(t *testing.T) {
	for _, when := range []string{
		"sentiment <= -0.5 && relevance >= 0.5 && novelty >= 50.0",
		"sentiment <= -1",
		"has_topic('antitrust') || 'litigation' in topics",
		"topic_score['guidance'] > 0.5",
		"zscore <= -2.5 && baseline_n >= 10 && baseline_sd > 0.0 && baseline_mean > -1.0",
		"buzz >= 5.0 && buzz_z > 3.0 && buzz_count >= 5 && buzz_rate < 1.0",
		"crossed_below(-0.2) || crossed_above(0.2) || (has_prev && prev_sentiment > 0.0)",
		"ticker in ['AAPL', 'MSFT'] && source == 'wire.example' && sector == 'Energy'",
		"label == 'strongly negative' && overall_label != 'positive' && overall < 0.0 && mentions > 2 && title.contains('cut')",
		"name.startsWith('Acme') && avg < prev_avg",
	} {
		r := validRule()
		r.When = when
		if err := Compile(r); err != nil {
			t.Errorf("%s: %v", when, err)
		}
	}
}

func TestBuiltinRulesCompile(t *testing.T) {
	rules := Builtin()
	ids := map[string]bool{}
	for _, r := range rules {
		if err := Compile(r); err != nil {
			t.Error(err)
		}
		ids[r.ID] = true
	}
	for _, want := range []string{"material-negative-holding", "sentiment-regime-change", "buzz-spike", "antitrust-litigation", "guidance-cut"} {
		if !ids[want] {
			t.Errorf("built-in rule %s missing", want)
		}
	}
}

func TestParseRulesForms(t *testing.T) {
	one := `{"id":"a","scope":{"all":true},"when":"true","targets":[{"type":"log"}]}`
	for name, in := range map[string]string{
		"one rule":      one,
		"array":         "[" + one + "]",
		"rules wrapper": `{"rules":[` + one + `]}`,
	} {
		rules, err := ParseRules([]byte(in))
		if err != nil || len(rules) != 1 || rules[0].ID != "a" {
			t.Errorf("%s: %+v, %v", name, rules, err)
		}
	}
}

func TestParseRulesLocatesJSONErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"{\"rules\": [\n  {\"id\": \"a\",\n   \"when\": true}]}", "3:"},
		{"[\n {\"id\": \"a\", \"whne\": \"true\"}]", "unknown field \"whne\""},
		{"{\"id\": \"a\",\n\"when\": \"x\" \"y\"}", "2:"},
	} {
		_, err := ParseRules([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseRules(%q) error %v, want it to contain %q", tc.in, err, tc.want)
		}
	}
}

func TestRedactedHidesSecrets(t *testing.T) {
	r := validRule()
	r.Targets = []Target{{Type: TargetWebhook, URL: "https://hooks.example/", Secret: "s3cret"}}
	if got := r.Redacted(); got.Targets[0].Secret == "s3cret" || r.Targets[0].Secret != "s3cret" {
		t.Errorf("Redacted = %+v (original %+v)", got.Targets, r.Targets)
	}
}

func FuzzParseRules(f *testing.F) {
	f.Add([]byte(builtinRules))
	f.Add([]byte(`{"id":"a","scope":{"all":true},"when":"sentiment < 0.0","targets":[{"type":"log"}]}`))
	f.Add([]byte(`[{"id":"b","when":"(("}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := ParseRules(data)
		if err != nil {
			return
		}
		for _, r := range rules {
			_ = Compile(r)
		}
	})
}
