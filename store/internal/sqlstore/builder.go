package sqlstore

import (
	"strconv"
	"strings"
)

// builder collects the conditions and arguments of a query built at run
// time; arg returns the $N placeholder of each argument.
type builder struct {
	where []string
	args  []any
}

func (b *builder) arg(v any) string {
	b.args = append(b.args, v)
	return "$" + strconv.Itoa(len(b.args))
}

// list returns the placeholders of vs, comma separated.
func (b *builder) list(vs []string) string {
	ps := make([]string, len(vs))
	for i, v := range vs {
		ps[i] = b.arg(v)
	}
	return strings.Join(ps, ", ")
}

func (b *builder) and(cond string) { b.where = append(b.where, cond) }

// whereClause returns " WHERE c1 AND c2 ..." or "" without conditions.
func (b *builder) whereClause() string {
	if len(b.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(b.where, " AND ")
}
