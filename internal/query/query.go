// Package query encodes the parameters of an IAM Query API request.
//
// One encoding serves the form body and SigV2's canonical query string:
// RFC 3986 percent-encoding with uppercase hex, where only the unreserved
// characters A-Z a-z 0-9 - _ . ~ stay literal and a space is %20. Form
// decoders accept it, and SigV2 requires it, so the body of a SigV2 request
// is its canonical string plus the signature.
package query

import (
	"slices"
	"strconv"
	"strings"
)

// Pair is one parameter of a request.
type Pair struct {
	Key, Value string
}

// Values is a parameter list. Sort it before encoding: SigV2 signs the
// parameters in byte order, and a stable order makes requests comparable.
type Values []Pair

// Add appends one parameter.
func (v *Values) Add(key, value string) { *v = append(*v, Pair{key, value}) }

// AddList appends a list as name.member.1, name.member.2, ... An empty list
// adds nothing, as IAM expects.
func (v *Values) AddList(name string, list []string) {
	for i, s := range list {
		v.Add(MemberKey(name, i, ""), s)
	}
}

// MemberKey returns name.member.N (N is i+1) followed by .field when field
// is not empty.
func MemberKey(name string, i int, field string) string {
	var b strings.Builder
	b.Grow(len(name) + len(field) + 12)
	b.WriteString(name)
	b.WriteString(".member.")
	b.WriteString(strconv.Itoa(i + 1))
	if field != "" {
		b.WriteByte('.')
		b.WriteString(field)
	}
	return b.String()
}

// Sort orders the parameters by key in byte order, keeping the order of
// equal keys.
func (v Values) Sort() {
	slices.SortStableFunc(v, func(a, b Pair) int { return strings.Compare(a.Key, b.Key) })
}

// Get returns the first value for key and whether it is present.
func (v Values) Get(key string) (string, bool) {
	for _, p := range v {
		if p.Key == key {
			return p.Value, true
		}
	}
	return "", false
}

// AppendEncode appends the parameters as key=value pairs joined by '&',
// each side escaped with AppendEscape.
func (v Values) AppendEncode(dst []byte) []byte {
	for i, p := range v {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = AppendEscape(dst, p.Key)
		dst = append(dst, '=')
		dst = AppendEscape(dst, p.Value)
	}
	return dst
}

// EncodedLen returns the length AppendEncode will append, so callers can
// size a buffer once.
func (v Values) EncodedLen() int {
	n := 0
	for i, p := range v {
		if i > 0 {
			n++
		}
		n += EscapedLen(p.Key) + 1 + EscapedLen(p.Value)
	}
	return n
}

const upperhex = "0123456789ABCDEF"

// unreserved reports whether c is left literal by RFC 3986.
func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// AppendEscape appends s percent-encoded per RFC 3986 with uppercase hex.
func AppendEscape(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', upperhex[c>>4], upperhex[c&15])
	}
	return dst
}

// Escape returns s percent-encoded per RFC 3986 with uppercase hex.
func Escape(s string) string {
	n := EscapedLen(s)
	if n == len(s) {
		return s
	}
	return string(AppendEscape(make([]byte, 0, n), s))
}

// EscapedLen returns the length of s once escaped.
func EscapedLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n += 2
		}
	}
	return n
}
