// Package policy reads, validates and evaluates IAM policy documents. It
// serves both the local IAM-compatible server (authorizing requests,
// SimulatePrincipalPolicy, SimulateCustomPolicy) and the client library
// (checking a document before it is sent).
//
// # Reading and writing
//
// Parse reads a document. IAM lets several elements take more than one
// form: Statement is one object or an array, Action/Resource and the
// Principal values are a string or an array, condition values are strings,
// booleans or numbers. Each form is remembered, so marshalling a parsed
// Document gives back the same shapes in the same order. Unknown elements
// and repeated keys are parse errors.
//
// # Validating
//
// Document.Validate(kind) checks IAM's rules for a managed, inline
// (user/group/role), trust or resource policy: Version, Effect,
// Action/NotAction, Resource/NotResource, Principal, action and ARN syntax,
// Sid uniqueness, condition operators and value types, allowed characters,
// and the size quota (non-whitespace characters: user inline 2,048, group
// inline 5,120, role inline 10,240, managed 6,144, trust 2,048). Every
// problem is reported, each naming the statement and element.
//
// # Evaluating
//
// Compile turns a Document into an immutable Policy; Evaluate and Decide
// apply IAM's logic to a Request: an explicit Deny wins, then any Allow,
// otherwise an implicit deny. Actions match case-insensitively; resources
// match case-sensitively, ARN component by component, with * and ?
// wildcards; condition keys are case-insensitive. In "2012-10-17" policies
// the variables ${key} and ${key, 'default'} are filled from the request
// context in Resource and condition values, and ${*}, ${?}, ${$} stand for
// the literal characters.
//
// Fail closed: a statement that cannot be evaluated (an unknown condition
// operator, a variable with no value, a policy value that does not parse)
// never grants access; if it is a Deny, it applies. In three-valued logic,
// a condition that is definitely false still makes such a statement not
// apply.
//
// # Condition operators
//
// Supported, each also with the IfExists suffix and the ForAnyValue: and
// ForAllValues: prefixes (except Null):
//
//   - String: StringEquals, StringNotEquals, StringEqualsIgnoreCase,
//     StringNotEqualsIgnoreCase, StringLike, StringNotLike
//   - Numeric: NumericEquals, NumericNotEquals, NumericLessThan,
//     NumericLessThanEquals, NumericGreaterThan, NumericGreaterThanEquals
//   - Date (ISO 8601 or epoch seconds): DateEquals, DateNotEquals,
//     DateLessThan, DateLessThanEquals, DateGreaterThan,
//     DateGreaterThanEquals
//   - Bool
//   - BinaryEquals (base64 values)
//   - IpAddress, NotIpAddress (IPv4 and IPv6 addresses and CIDR blocks)
//   - ArnEquals, ArnLike, ArnNotEquals, ArnNotLike (component by
//     component, wildcards allowed; ArnEquals behaves as ArnLike, as in IAM)
//   - Null ("true": the key is absent; "false": it is present)
//
// Semantics: keys under one operator and operators in one statement are
// ANDed, values of one key are ORed. A key missing from the request makes a
// positive operator false and a negated one (StringNotEquals, NotIpAddress,
// ...) true; with IfExists a missing key passes; ForAllValues passes over
// no values and ForAnyValue fails. Negated operators are the positive test
// inverted: StringNotEquals holds when no request value equals any policy
// value, ForAllValues:StringNotEquals when none of the request values is in
// the list, ForAnyValue:StringNotEquals when at least one is not.
package policy
