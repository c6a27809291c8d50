package policy

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func noLookup(string) ([]string, bool) { return nil, false }

func TestGlob(t *testing.T) {
	tests := []struct {
		pat, s string
		fold   bool
		want   bool
	}{
		{"*", "", false, true},
		{"*", "anything:at/all", false, true},
		{"", "", false, true},
		{"", "a", false, false},
		{"a", "", false, false},
		{"?", "", false, false},
		{"?", "a", false, true},
		{"?", "é", false, true},
		{"??", "é", false, false},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"a*c", "ac", false, true},
		{"a*c", "abbbc", false, true},
		{"a*c", "abbbcd", false, false},
		{"a*c*", "abbbcd", false, true},
		{"*a*b*c*", "xxaxxbxxcxx", false, true},
		{"*a*b*c*", "xxaxxcxxbxx", false, false},
		{"**", "x", false, true},
		{"*?", "", false, false},
		{"*?", "é", false, true},
		{"*??", "é", false, false},
		{"ab*ab", "abab", false, true},
		{"ab*ab", "aba", false, false},
		{"*ab", "aab", false, true},
		{"mississippi*", "mississippi", false, true},
		{"*sip*", "mississippi", false, true},
		{"*ssip?i", "mississippi", false, true},
		{"iam:Get*", "iam:GetUser", false, true},
		{"iam:Get*", "IAM:getuser", false, false},
		{"iam:Get*", "IAM:getuser", true, true},
		{"iam:*User", "iam:CreateUSER", true, true},
		{"s3:*Object?", "s3:GetObjects", true, true},
	}
	for _, tc := range tests {
		t.Run(tc.pat+"~"+tc.s, func(t *testing.T) {
			p := compilePattern(tc.pat, true, false)
			got, ok := p.match(tc.s, tc.fold, noLookup)
			assert.True(t, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestGlobPathological(t *testing.T) {
	// A regexp-style backtracking matcher takes exponential time on this;
	// the iterative matcher does at most len(pattern)*len(s) steps. The test
	// checks the answer, not the time: a blow-up would hang the run.
	pat := strings.Repeat("a*", 50) + "b"
	s := strings.Repeat("a", 5000)
	p := compilePattern(pat, true, false)
	got, _ := p.match(s, false, noLookup)
	assert.False(t, got)
	got, _ = p.match(s+"b", false, noLookup)
	assert.True(t, got)
	assert.Len(t, p.toks, 101, "50 literals, 50 stars, 1 literal")
	assert.Len(t, compilePattern("a****b", true, false).toks, 3, "runs of stars collapse")
}

func TestVariables(t *testing.T) {
	ctx := map[string][]string{
		"aws:username": {"alice"},
		"aws:userid":   {"AIDAEXAMPLE"},
		"multi":        {"a", "b"},
		"star":         {"a*"},
	}
	req := Request{Context: ctx}
	tests := []struct {
		pat, s    string
		want, ok  bool
		wildcards bool
	}{
		{"user/${aws:username}", "user/alice", true, true, true},
		{"user/${aws:UserName}", "user/alice", true, true, true},
		{"user/${aws:username}", "user/bob", false, true, true},
		{"user/${aws:username}/*", "user/alice/keys", true, true, true},
		{"id/${aws:userid}", "id/AIDAEXAMPLE", true, true, true},
		{"${*}", "*", true, true, true},
		{"${*}", "x", false, true, true},
		{"a${?}", "a?", true, true, true},
		{"a${?}", "ab", false, true, true},
		{"cost${$}", "cost$", true, true, true},
		{"${missing}", "x", false, false, true},
		{"${missing, 'dflt'}", "dflt", true, true, true},
		{"${aws:username, 'dflt'}", "alice", true, true, true},
		{"${multi}", "a", false, false, true},
		{"x/${star}", "x/a*", true, true, true},
		{"x/${star}", "x/abc", false, true, true}, // substituted text is literal
		{"${unterminated", "${unterminated", true, true, true},
		{"${has space}", "${has space}", true, true, true},
		{"${aws:username, nodefaultquotes}", "${aws:username, nodefaultquotes}", true, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.pat+"~"+tc.s, func(t *testing.T) {
			p := compilePattern(tc.pat, tc.wildcards, true)
			got, ok := p.match(tc.s, false, req.lookup)
			assert.Equal(t, tc.ok, ok, "resolvable")
			assert.Equal(t, tc.want, got)
		})
	}

	// Without variables (2008-10-17 documents) ${...} is plain text.
	p := compilePattern("user/${aws:username}", true, false)
	got, _ := p.match("user/${aws:username}", false, req.lookup)
	assert.True(t, got)
}

func TestSplitARN(t *testing.T) {
	tests := map[string][]string{
		"arn:aws:s3:::bucket/a:b":                   {"arn", "aws", "s3", "", "", "bucket/a:b"},
		"arn:aws:iam::${aws:PrincipalAccount}:user": {"arn", "aws", "iam", "", "${aws:PrincipalAccount}", "user"},
		"arn:aws:s3": {"arn", "aws", "s3"},
		"*":          {"*"},
	}
	for in, want := range tests {
		assert.Equal(t, want, splitARN(in), in)
	}
	parts, ok := splitARNFixed("arn:aws:iam::123456789012:user/division/alice")
	assert.True(t, ok)
	assert.Equal(t, "user/division/alice", parts[5])
	_, ok = splitARNFixed("arn:aws:iam")
	assert.False(t, ok)
}
