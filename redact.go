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
// element replaced, for a debug log or an error's snapshot. It matches
// elements the way the decoder reads them, by local name: a namespace
// prefix, attributes or whitespace inside the tag ("<SecretAccessKey
// xmlns="...">") must not let through a secret that the typed decoder
// would still find.
func redactBody(body []byte) []byte {
	out := make([]byte, 0, len(body))
	i := 0
	for i < len(body) {
		lt := bytes.IndexByte(body[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		name, textAt, ok := secretStartTag(body, lt)
		if !ok {
			out = append(out, body[i:lt+1]...)
			i = lt + 1
			continue
		}
		out = append(out, body[i:textAt]...)
		out = append(out, redacted...)
		closeAt := findEndTag(body, textAt, name)
		if closeAt < 0 {
			// Unterminated: hide everything after the tag.
			return out
		}
		i = closeAt
	}
	return append(out, body[i:]...)
}

// secretStartTag reports whether body[lt:] begins a start tag (not an end
// tag, whose name is empty here since '/' ends a name, nor a self-closing
// tag, a comment or a declaration) whose local name is
// a secret one. It returns the name as written and the offset just past
// the tag's closing '>'.
func secretStartTag(body []byte, lt int) (name []byte, textAt int, ok bool) {
	j := lt + 1
	for j < len(body) && !isTagNameEnd(body[j]) {
		j++
	}
	qname := body[lt+1 : j]
	if len(qname) == 0 || qname[0] == '!' || qname[0] == '?' {
		return nil, 0, false
	}
	local := qname
	if k := bytes.LastIndexByte(qname, ':'); k >= 0 {
		local = qname[k+1:]
	}
	if !isSecretName(string(local)) {
		return nil, 0, false
	}
	nameEnd := j
	// Find the tag's '>', skipping quoted attribute values.
	var quote byte
	for ; j < len(body); j++ {
		c := body[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			if body[j-1] == '/' {
				return nil, 0, false // <SecretAccessKey/> holds nothing
			}
			return local, j + 1, true
		}
	}
	// The tag itself is cut short: hide the rest after its name.
	return local, nameEnd, true
}

func isTagNameEnd(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// findEndTag returns the offset of the end tag of the element whose local
// name is name, searching from from, or -1.
func findEndTag(body []byte, from int, name []byte) int {
	for i := from; i < len(body); {
		k := bytes.Index(body[i:], []byte("</"))
		if k < 0 {
			return -1
		}
		k += i
		j := k + 2
		for j < len(body) && !isTagNameEnd(body[j]) {
			j++
		}
		qname := body[k+2 : j]
		if c := bytes.LastIndexByte(qname, ':'); c >= 0 {
			qname = qname[c+1:]
		}
		if bytes.Equal(qname, name) {
			return k
		}
		i = k + 2
	}
	return -1
}

// redactForm hides the values of secret parameters in form-encoded text
// (Name=value pairs joined by '&'), such as a proxy's echo of a request.
func redactForm(b []byte) []byte {
	out := b[:0:0]
	for len(b) > 0 {
		end := bytes.IndexByte(b, '&')
		if end < 0 {
			end = len(b)
		}
		pair := b[:end]
		if eq := bytes.IndexByte(pair, '='); eq > 0 && isSecretName(string(bytes.TrimSpace(pair[:eq]))) {
			pair = append(append([]byte(nil), pair[:eq+1]...), redacted...)
		}
		out = append(out, pair...)
		if end < len(b) {
			out = append(out, '&')
			end++
		}
		b = b[end:]
	}
	return out
}
