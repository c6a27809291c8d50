package policy

import "strings"

// family groups condition operators by the type of value they compare.
type family uint8

const (
	famString family = iota + 1
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famArn
	famNull
)

// compare is the comparison an operator applies within its family.
type compare uint8

const (
	cmpEquals compare = iota
	cmpEqualsFold
	cmpLike
	cmpLess
	cmpLessEq
	cmpGreater
	cmpGreaterEq
)

// qualifier is the set operator prefix for multivalued context keys.
type qualifier uint8

const (
	qualNone qualifier = iota
	qualAnyValue
	qualAllValues
)

// operator is a parsed condition operator name such as
// "ForAllValues:StringNotLikeIfExists".
type operator struct {
	family   family
	compare  compare
	negated  bool
	ifExists bool
	qual     qualifier
}

// baseOperators maps every supported operator name, without set prefix or
// IfExists suffix, to what it does. Negated forms are the positive test
// inverted, which is how IAM defines them (StringNotEquals is true when no
// value equals).
var baseOperators = map[string]operator{
	"StringEquals":              {family: famString, compare: cmpEquals},
	"StringNotEquals":           {family: famString, compare: cmpEquals, negated: true},
	"StringEqualsIgnoreCase":    {family: famString, compare: cmpEqualsFold},
	"StringNotEqualsIgnoreCase": {family: famString, compare: cmpEqualsFold, negated: true},
	"StringLike":                {family: famString, compare: cmpLike},
	"StringNotLike":             {family: famString, compare: cmpLike, negated: true},
	"NumericEquals":             {family: famNumeric, compare: cmpEquals},
	"NumericNotEquals":          {family: famNumeric, compare: cmpEquals, negated: true},
	"NumericLessThan":           {family: famNumeric, compare: cmpLess},
	"NumericLessThanEquals":     {family: famNumeric, compare: cmpLessEq},
	"NumericGreaterThan":        {family: famNumeric, compare: cmpGreater},
	"NumericGreaterThanEquals":  {family: famNumeric, compare: cmpGreaterEq},
	"DateEquals":                {family: famDate, compare: cmpEquals},
	"DateNotEquals":             {family: famDate, compare: cmpEquals, negated: true},
	"DateLessThan":              {family: famDate, compare: cmpLess},
	"DateLessThanEquals":        {family: famDate, compare: cmpLessEq},
	"DateGreaterThan":           {family: famDate, compare: cmpGreater},
	"DateGreaterThanEquals":     {family: famDate, compare: cmpGreaterEq},
	"Bool":                      {family: famBool, compare: cmpEquals},
	"BinaryEquals":              {family: famBinary, compare: cmpEquals},
	"IpAddress":                 {family: famIP, compare: cmpEquals},
	"NotIpAddress":              {family: famIP, compare: cmpEquals, negated: true},
	// IAM documents ArnEquals and ArnLike as the same test: both take
	// wildcards and compare the six ARN components one by one.
	"ArnEquals":    {family: famArn, compare: cmpLike},
	"ArnLike":      {family: famArn, compare: cmpLike},
	"ArnNotEquals": {family: famArn, compare: cmpLike, negated: true},
	"ArnNotLike":   {family: famArn, compare: cmpLike, negated: true},
	"Null":         {family: famNull, compare: cmpEquals},
}

// parseOperator splits an operator name into its set prefix, base and
// IfExists suffix. ok is false for anything IAM would not recognise,
// including Null with a prefix or suffix, which has no meaning.
func parseOperator(name string) (op operator, ok bool) {
	q := qualNone
	switch {
	case strings.HasPrefix(name, "ForAnyValue:"):
		q, name = qualAnyValue, name[len("ForAnyValue:"):]
	case strings.HasPrefix(name, "ForAllValues:"):
		q, name = qualAllValues, name[len("ForAllValues:"):]
	}
	ifExists := false
	if base, found := strings.CutSuffix(name, "IfExists"); found {
		ifExists, name = true, base
	}
	op, ok = baseOperators[name]
	if !ok {
		return operator{}, false
	}
	if op.family == famNull && (q != qualNone || ifExists) {
		return operator{}, false
	}
	op.qual, op.ifExists = q, ifExists
	return op, true
}
