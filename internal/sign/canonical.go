package sign

import (
	"crypto/sha256"
	"net/url"
	"slices"
	"strings"

	"github.com/iamkit/iam/internal/query"
)

// Header is one signed header: its lowercase name and its values in the
// order they appear on the request.
type Header struct {
	Name   string
	Values []string
}

// Request is what the canonical request is built from.
type Request struct {
	Method string
	// Path is the path as it travels on the wire (url.URL.EscapedPath).
	Path string
	// RawQuery is the query string as it travels on the wire, without '?'.
	RawQuery string
	// Headers are the signed headers, sorted by Name.
	Headers []Header
	// PayloadHash is the SHA-256 of the body.
	PayloadHash [sha256.Size]byte
	// KeepPath skips dot-segment and slash normalisation, as S3 requires.
	// IAM and every other Query API service normalise.
	KeepPath bool
	// SkipParam names a query parameter left out of the canonical query:
	// X-Amz-Signature when verifying a presigned request.
	SkipParam string
}

// AppendCanonicalRequest appends the SigV4 canonical request:
// method, canonical URI, canonical query, canonical headers, a blank line,
// signed headers and payload hash, joined by newlines.
func AppendCanonicalRequest(dst []byte, r *Request) []byte {
	dst = append(dst, r.Method...)
	dst = append(dst, '\n')
	dst = AppendCanonicalURI(dst, r.Path, !r.KeepPath)
	dst = append(dst, '\n')
	dst = AppendCanonicalQuery(dst, r.RawQuery, r.SkipParam)
	dst = append(dst, '\n')
	dst = AppendCanonicalHeaders(dst, r.Headers)
	dst = append(dst, '\n')
	dst = AppendSignedHeaders(dst, r.Headers)
	dst = append(dst, '\n')
	return AppendHex(dst, r.PayloadHash[:])
}

// AppendCanonicalURI appends the canonical URI of a wire path: the path,
// normalised when normalize is set (dot segments removed, repeated slashes
// merged, per the SigV4 rules for every service but S3), then URI-encoded
// once more. Since the wire path is already encoded once, every segment ends
// up encoded twice, which is what non-S3 services expect. An empty path is
// "/".
func AppendCanonicalURI(dst []byte, escapedPath string, normalize bool) []byte {
	if escapedPath == "" {
		return append(dst, '/')
	}
	if normalize && !isNormalPath(escapedPath) {
		escapedPath = NormalizePath(escapedPath)
	}
	for i := 0; i < len(escapedPath); i++ {
		c := escapedPath[i]
		if c == '/' || unreserved(c) {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', upperhex[c>>4], upperhex[c&15])
	}
	return dst
}

const upperhex = "0123456789ABCDEF"

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// isNormalPath reports whether p starts with '/' and has no empty, "." or
// ".." segment, so that NormalizePath would return it unchanged. It lets the
// common case skip the allocation.
func isNormalPath(p string) bool {
	if p == "" || p[0] != '/' {
		return false
	}
	start := 1
	for i := 1; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		seg := p[start:i]
		if seg == "." || seg == ".." || (seg == "" && i < len(p)) {
			return false
		}
		start = i + 1
	}
	return true
}

// NormalizePath removes "." and ".." segments (RFC 3986 section 5.2.4) and
// merges repeated slashes, keeping a trailing slash. The result always
// starts with '/'.
func NormalizePath(p string) string {
	trailing := strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..") ||
		p == "." || p == ".."
	segs := make([]string, 0, strings.Count(p, "/")+1)
	for seg := range strings.SplitSeq(p, "/") {
		switch seg {
		case "", ".":
		case "..":
			if len(segs) > 0 {
				segs = segs[:len(segs)-1]
			}
		default:
			segs = append(segs, seg)
		}
	}
	var b strings.Builder
	b.Grow(len(p) + 1)
	for _, s := range segs {
		b.WriteByte('/')
		b.WriteString(s)
	}
	if trailing || len(segs) == 0 {
		b.WriteByte('/')
	}
	return b.String()
}

// AppendCanonicalQuery appends the canonical form of a raw query string:
// every name and value decoded ('+' is a space) and re-encoded per RFC 3986,
// then the pairs sorted by encoded name, then encoded value. SigV4 sorts
// after encoding, and the two orders differ ("a-b" < "a/b" but "a%2Fb" <
// "a-b"). A pair named skip is left out: verification drops X-Amz-Signature
// this way. A pair whose escapes do not decode is kept as written.
func AppendCanonicalQuery(dst []byte, rawQuery, skip string) []byte {
	if rawQuery == "" {
		return dst
	}
	type span struct{ k0, k1, v1 int } // key = enc[k0:k1], value = enc[k1:v1]
	var spanBuf [16]span
	spans := spanBuf[:0]
	var encBuf [256]byte
	enc := encBuf[:0]
	for rest := rawQuery; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k = unescape(k)
		if skip != "" && k == skip {
			continue
		}
		v = unescape(v)
		s := span{k0: len(enc)}
		enc = query.AppendEscape(enc, k)
		s.k1 = len(enc)
		enc = query.AppendEscape(enc, v)
		s.v1 = len(enc)
		spans = append(spans, s)
	}
	cmp := func(a, b span) int {
		if c := strings.Compare(string(enc[a.k0:a.k1]), string(enc[b.k0:b.k1])); c != 0 {
			return c
		}
		return strings.Compare(string(enc[a.k1:a.v1]), string(enc[b.k1:b.v1]))
	}
	if len(spans) <= 8 {
		// Insertion sort: the usual query has a handful of pairs, and the
		// closure-free loop keeps enc on the stack.
		for i := 1; i < len(spans); i++ {
			for j := i; j > 0 && cmp(spans[j-1], spans[j]) > 0; j-- {
				spans[j-1], spans[j] = spans[j], spans[j-1]
			}
		}
	} else {
		slices.SortFunc(spans, cmp)
	}
	for i, s := range spans {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = append(dst, enc[s.k0:s.k1]...)
		dst = append(dst, '=')
		dst = append(dst, enc[s.k1:s.v1]...)
	}
	return dst
}

// unescape decodes a query component, returning it unchanged when it holds
// nothing to decode or an invalid escape.
func unescape(s string) string {
	if !strings.ContainsAny(s, "%+") {
		return s
	}
	u, err := url.QueryUnescape(s)
	if err != nil {
		return s
	}
	return u
}

// AppendCanonicalHeaders appends one "name:value\n" line per header. Values
// are trimmed, inner runs of spaces collapse to one, and repeated headers
// join with ','.
func AppendCanonicalHeaders(dst []byte, headers []Header) []byte {
	for _, h := range headers {
		dst = append(dst, h.Name...)
		dst = append(dst, ':')
		for i, v := range h.Values {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendTrimmedValue(dst, v)
		}
		dst = append(dst, '\n')
	}
	return dst
}

// AppendTrimmedValue appends v without leading and trailing whitespace and
// with each inner run of spaces and tabs reduced to one space.
func AppendTrimmedValue(dst []byte, v string) []byte {
	v = strings.TrimSpace(v)
	space := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ' ' || c == '\t' {
			space = true
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}

// AppendSignedHeaders appends the header names joined by ';'.
func AppendSignedHeaders(dst []byte, headers []Header) []byte {
	for i, h := range headers {
		if i > 0 {
			dst = append(dst, ';')
		}
		dst = append(dst, h.Name...)
	}
	return dst
}
