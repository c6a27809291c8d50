package server

import (
	"github.com/iamkit/iam/internal/policy"
)

// maxPolicyDocLen is IAM's length limit for a PolicyDocument parameter.
const maxPolicyDocLen = 131072

// policyDocParam reads and validates a policy document parameter: IAM's
// length and character rules ([\u0009\u000A\u000D\u0020-\u00FF]), then the
// document itself for its kind. It returns the document as sent, which is
// what IAM stores and returns.
func policyDocParam(p params, field string, kind policy.Kind) (string, *APIError) {
	doc, err := p.required(field)
	if err != nil {
		return "", err
	}
	if err := checkLen(field, doc, 1, maxPolicyDocLen); err != nil {
		return "", err
	}
	for _, r := range doc {
		if !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xFF) {
			return "", validationf(field, truncate(doc, 64),
				`Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\u00FF]+`)
		}
	}
	if aerr := checkPolicyDoc(doc, kind); aerr != nil {
		return "", aerr
	}
	return doc, nil
}

// checkPolicyDoc parses and validates a document, answering
// MalformedPolicyDocument with the validator's reason, or LimitExceeded
// when it is over its kind's size quota.
func checkPolicyDoc(doc string, kind policy.Kind) *APIError {
	d, err := policy.Parse([]byte(doc))
	if err != nil {
		return errf(CodeMalformedPolicyDocument, "Syntax errors in policy. %s", trimPolicyPrefix(err.Error()))
	}
	// IAM answers an oversized document with LimitExceeded, not as
	// malformed, so the size goes first.
	if max := kind.MaxSize(); max > 0 && policy.Size([]byte(doc)) > max {
		return limitExceeded("Cannot exceed quota for PolicySize: %d", max)
	}
	if err := d.Validate(kind); err != nil {
		return errf(CodeMalformedPolicyDocument, "%s", trimPolicyPrefix(err.Error()))
	}
	return nil
}

func trimPolicyPrefix(s string) string {
	const pre = "policy: "
	if len(s) >= len(pre) && s[:len(pre)] == pre {
		return s[len(pre):]
	}
	return s
}
