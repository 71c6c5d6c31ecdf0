package sentiment

import (
	"fmt"
	"strings"
)

// decision is one entity of a SEntFiN headline with its label.
type decision struct {
	entity string
	label  int
}

// parseDecisions reads SEntFiN's Decisions column, a Python-dict-like
// string such as {'Gold': 'positive', 'Osian's Art Fund': 'neutral'}.
// Entity names may contain the quote character, so a name ends only at a
// quote followed by ": " and a quoted label.
func parseDecisions(s string) ([]decision, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "}") {
		return nil, fmt.Errorf("decisions %q: want {'entity': 'label', ...}", s)
	}
	rest := strings.TrimSpace(s[1 : len(s)-1])
	var out []decision
	for rest != "" {
		d, tail, err := nextDecision(rest)
		if err != nil {
			return nil, fmt.Errorf("decisions %q: %w", s, err)
		}
		out = append(out, d)
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(tail), ","))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("decisions %q: no entities", s)
	}
	return out, nil
}

// nextDecision reads one 'entity': 'label' pair from the start of s.
func nextDecision(s string) (decision, string, error) {
	if s == "" || (s[0] != '\'' && s[0] != '"') {
		return decision{}, "", fmt.Errorf("entity at %q: want a quoted name", s)
	}
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' && s[i] != '"' {
			continue
		}
		after := strings.TrimSpace(s[i+1:])
		if !strings.HasPrefix(after, ":") {
			continue
		}
		value := strings.TrimSpace(after[1:])
		for _, name := range [...]string{"positive", "negative", "neutral"} {
			for _, q := range [...]string{"'", `"`} {
				if lit := q + name + q; strings.HasPrefix(value, lit) {
					l, _ := parseLabel(name, false)
					return decision{entity: s[1:i], label: l}, value[len(lit):], nil
				}
			}
		}
	}
	return decision{}, "", fmt.Errorf("entity at %q: want 'name': 'positive', 'negative' or 'neutral'", s)
}
