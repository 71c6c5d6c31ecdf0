package portfolio

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tickerwire/tickerwire/entity"
	"github.com/tickerwire/tickerwire/store"
)

// Master resolves tickers to securities; *entity.Linker is one.
type Master interface {
	// Lookup finds a security by ticker ("$AAPL" looks up tickers only) and
	// resolves share classes to the company's primary ticker.
	Lookup(name string) (entity.Security, bool)
}

// WeightRule says how the weights of an import were computed.
type WeightRule string

// The weight rules, in the order they are tried.
const (
	// ByWeight: the file gives a weight for every holding.
	ByWeight WeightRule = "weight"
	// ByValue: the file gives quantity and cost for every holding; the
	// weight is quantity × cost (the value at cost).
	ByValue WeightRule = "quantity × cost"
	// Equal: anything else; every known holding weighs the same.
	Equal WeightRule = "equal"
)

// ImportResult is what an import stored and what it could not use.
type ImportResult struct {
	Portfolio store.Portfolio
	Rule      WeightRule
	// Unknown lists the tickers the security master does not know, in file
	// order. They are stored (and shown) but left out of analytics.
	Unknown []string
	// Warnings say what else was ignored or assumed.
	Warnings []string
}

// namePattern is a portfolio name: it appears in URLs and file names.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// CheckName reports whether name can name a portfolio: 1 to 64 letters,
// digits, '.', '_' and '-', starting with a letter or digit.
func CheckName(name string) error {
	if !namePattern.MatchString(name) {
		return fmt.Errorf("portfolio name %q: use 1 to 64 letters, digits, '.', '_' and '-', starting with a letter or digit", name)
	}
	return nil
}

// Build resolves rows against master and computes the weights of the
// portfolio called name. The weights of the known holdings sum to 1:
//
//   - when every row has a weight, weight_i = weight_i / Σ weight (so
//     percentages and fractions both work);
//   - else when every row has a quantity and a cost, weight_i =
//     quantity_i × cost_i / Σ quantity × cost;
//   - else every known holding weighs the same (with a warning when some
//     rows gave quantities or weights, which are then not used).
//
// Sums run over the known holdings only: an unknown ticker is stored with
// weight 0, listed in Unknown and left out of analytics. A holding's sector
// is the row's, else the security master's. A share class given twice
// (GOOG and GOOGL) is an error.
func Build(name string, rows []Row, master Master) (ImportResult, error) {
	if err := CheckName(name); err != nil {
		return ImportResult{}, err
	}
	if len(rows) == 0 {
		return ImportResult{}, fmt.Errorf("portfolio %s: no holdings", name)
	}
	res := ImportResult{Portfolio: store.Portfolio{Name: name}, Rule: weightRule(rows)}
	raw := make([]float64, len(rows))
	seen := map[string]string{}
	for i, r := range rows {
		h := store.Holding{Ticker: r.Ticker, Quantity: r.Quantity, Cost: r.Cost, Sector: r.Sector}
		if sec, ok := master.Lookup("$" + r.Ticker); ok {
			h.Ticker, h.Name = sec.Ticker, sec.Name
			if h.Sector == "" {
				h.Sector = sec.Sector
			}
			if first, dup := seen[h.Ticker]; dup {
				return ImportResult{}, fmt.Errorf("%s: %s and %s are both %s; list the company once", where(r), first, r.Ticker, h.Ticker)
			}
			seen[h.Ticker] = r.Ticker
			raw[i] = rawWeight(r, res.Rule)
		} else {
			h.Unknown = true
			res.Unknown = append(res.Unknown, r.Ticker)
		}
		res.Portfolio.Holdings = append(res.Portfolio.Holdings, h)
	}
	total := 0.0
	for _, w := range raw {
		total += w
	}
	if len(seen) > 0 && total <= 0 {
		return ImportResult{}, fmt.Errorf("portfolio %s: the %s of the known holdings sum to 0", name, res.Rule)
	}
	for i := range res.Portfolio.Holdings {
		if raw[i] > 0 {
			res.Portfolio.Holdings[i].Weight = raw[i] / total
		}
	}
	res.Warnings = importWarnings(rows, res)
	return res, nil
}

// weightRule picks the rule of Build for rows.
func weightRule(rows []Row) WeightRule {
	weights, values := true, true
	for _, r := range rows {
		weights = weights && r.HasWeight
		values = values && r.HasQuantity && r.HasCost
	}
	switch {
	case weights:
		return ByWeight
	case values:
		return ByValue
	}
	return Equal
}

func rawWeight(r Row, rule WeightRule) float64 {
	switch rule {
	case ByWeight:
		return r.Weight
	case ByValue:
		return r.Quantity * r.Cost
	}
	return 1
}

func importWarnings(rows []Row, res ImportResult) []string {
	var out []string
	if res.Rule == Equal {
		for _, r := range rows {
			if r.HasWeight || r.HasQuantity {
				out = append(out, "equal weights: weights, or quantities and costs, are not given for every holding")
				break
			}
		}
	}
	if n := len(res.Unknown); n > 0 {
		out = append(out, fmt.Sprintf("%d unknown %s left out of analytics: %s (not in the security master; check the symbol)",
			n, plural(n, "ticker", "tickers"), strings.Join(res.Unknown, ", ")))
	}
	for _, h := range res.Portfolio.Holdings {
		if !h.Unknown && h.Weight == 0 {
			out = append(out, fmt.Sprintf("%s has weight 0", h.Ticker))
		}
	}
	return out
}

func where(r Row) string {
	if r.Line > 0 {
		return fmt.Sprintf("holdings line %d", r.Line)
	}
	return "holding " + r.Ticker
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
