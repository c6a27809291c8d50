package iam

import (
	"bytes"
	"strings"

	"github.com/iamkit/iam/internal/query"
)

// secretNames are the parameters and response elements whose values must
// never be logged.
var secretNames = []string{
	"SecretAccessKey", "SessionToken", "SecurityToken", "Signature",
	"Password", "OldPassword", "NewPassword", "ServicePassword",
	"PrivateKey", "AddPrivateKey", "Base32StringSeed", "QRCodePNG",
	"ServiceCredentialSecret",
	"AuthenticationCode1", "AuthenticationCode2",
}

func isSecretName(name string) bool {
	// The last dotted part decides: Tags.member.1.Value is not a secret,
	// but a parameter named ...Password is.
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	for _, s := range secretNames {
		if strings.EqualFold(name, s) {
			return true
		}
	}
	return false
}

// redactedParams renders request parameters for a debug log with the
// secret ones redacted.
func redactedParams(vals query.Values) string {
	out := make(query.Values, len(vals))
	for i, p := range vals {
		if isSecretName(p.Key) {
			p.Value = redacted
		}
		out[i] = p
	}
	return string(out.AppendEncode(nil))
}

// redactBody returns a copy of an XML body with the text of every secret
// element replaced, for a debug log.
func redactBody(body []byte) []byte {
	out := append([]byte(nil), body...)
	for _, name := range secretNames {
		open := []byte("<" + name + ">")
		closeTag := []byte("</" + name + ">")
		for from := 0; ; {
			i := bytes.Index(out[from:], open)
			if i < 0 {
				break
			}
			start := from + i + len(open)
			j := bytes.Index(out[start:], closeTag)
			if j < 0 {
				// Unterminated: hide everything after the tag.
				out = append(out[:start], redacted...)
				break
			}
			out = append(out[:start], append([]byte(redacted), out[start+j:]...)...)
			from = start + len(redacted) + len(closeTag)
		}
	}
	return out
}
