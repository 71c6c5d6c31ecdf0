package alert

import (
	_ "embed"
	"fmt"
	"os"
)

// builtinRules are the ready-made rules, shipped as data.
//
//go:embed data/rules.json
var builtinRules []byte

// Builtin returns the ready-made rules: material negative news on a
// holding (of any portfolio: scope portfolio "*"), sentiment regime change,
// buzz spike, antitrust or litigation event, guidance cut. Their targets
// are the stream and the log.
func Builtin() []Rule {
	rules, err := ParseRules(builtinRules)
	if err != nil {
		panic(fmt.Sprintf("alert: built-in rules: %v", err)) // fixed at build time; a test checks them
	}
	return rules
}

// LoadFile reads a rules file (see ParseRules) and compiles every rule,
// returning the first error with the file name.
func LoadFile(path string) ([]Rule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rules file: %w", err)
	}
	rules, err := ParseRules(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, r := range rules {
		if err := Compile(r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return rules, nil
}
