package sign

import (
	"bytes"
	"crypto/sha256"
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
	if normalize {
		return appendNormalizedPath(dst, escapedPath, true)
	}
	return appendPathEscape(dst, escapedPath)
}

// appendPathEscape escapes everything but the unreserved characters and '/'.
func appendPathEscape(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '/' || unreserved(c) {
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '%', upperhex[c>>4], upperhex[c&15])
	}
	return dst
}

// appendNormalizedPath appends p with "." and ".." segments resolved
// (RFC 3986 section 5.2.4) and empty segments dropped, keeping a trailing
// slash; each segment is escaped when escape is set. Escaping per segment
// is safe: it never produces '/' or changes a dot segment. Working in dst
// keeps the common case free of allocations.
func appendNormalizedPath(dst []byte, p string, escape bool) []byte {
	base := len(dst)
	for rest := p; ; {
		seg, tail, more := strings.Cut(rest, "/")
		rest = tail
		switch seg {
		case "", ".":
		case "..":
			if i := bytes.LastIndexByte(dst[base:], '/'); i >= 0 {
				dst = dst[:base+i]
			}
		default:
			dst = append(dst, '/')
			if escape {
				dst = appendPathEscape(dst, seg)
			} else {
				dst = append(dst, seg...)
			}
		}
		if !more {
			if seg == "" || seg == "." || seg == ".." || len(dst) == base {
				dst = append(dst, '/')
			}
			return dst
		}
	}
}

const upperhex = "0123456789ABCDEF"

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// isNormalPath reports whether p starts with '/' and has no empty, "." or
// ".." segment, so that NormalizePath would return it unchanged.
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
	return string(appendNormalizedPath(make([]byte, 0, len(p)+1), p, false))
}

// AppendCanonicalQuery appends the canonical form of a raw query string:
// every name and value decoded ('+' is a space) and re-encoded per RFC 3986,
// then the pairs sorted by encoded name, then encoded value. SigV4 sorts
// after encoding, and the two orders differ ("a-b" < "a/b" but "a%2Fb" <
// "a-b"). A pair named skip is left out: verification drops X-Amz-Signature
// this way.
func AppendCanonicalQuery(dst []byte, rawQuery, skip string) []byte {
	if rawQuery == "" {
		return dst
	}
	var spanBuf [16]span
	spans := spanBuf[:0]
	var encBuf [256]byte
	enc := encBuf[:0]
	var skipBuf [32]byte
	encSkip := query.AppendEscape(skipBuf[:0], skip)
	for rest := rawQuery; rest != ""; {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		s := span{k0: len(enc)}
		enc = appendReencoded(enc, k)
		s.k1 = len(enc)
		if skip != "" && bytes.Equal(enc[s.k0:s.k1], encSkip) {
			enc = enc[:s.k0]
			continue
		}
		enc = appendReencoded(enc, v)
		s.v1 = len(enc)
		spans = append(spans, s)
	}
	if len(spans) <= 8 {
		// Insertion sort: the usual query has a handful of pairs, and no
		// closure makes enc escape to the heap.
		for i := 1; i < len(spans); i++ {
			for j := i; j > 0 && spans[j-1].compare(enc, spans[j]) > 0; j-- {
				spans[j-1], spans[j] = spans[j], spans[j-1]
			}
		}
	} else {
		// Many pairs: O(n log n) on copies, so the closure captures heap
		// slices and the common case above keeps its stack buffers.
		e := slices.Clone(enc)
		spans = slices.Clone(spans)
		slices.SortFunc(spans, func(a, b span) int { return a.compare(e, b) })
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

// span locates one encoded pair in a buffer: key enc[k0:k1], value
// enc[k1:v1].
type span struct{ k0, k1, v1 int }

// compare orders pairs by encoded key, then encoded value.
func (a span) compare(enc []byte, b span) int {
	if c := bytes.Compare(enc[a.k0:a.k1], enc[b.k0:b.k1]); c != 0 {
		return c
	}
	return bytes.Compare(enc[a.k1:a.v1], enc[b.k1:b.v1])
}

// appendReencoded decodes a query component ('+' is a space, %XX a byte)
// and appends it escaped per RFC 3986. A '%' that starts no valid escape
// stands for itself, so it becomes %25.
func appendReencoded(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '+':
			c = ' '
		case c == '%' && i+2 < len(s) && ishex(s[i+1]) && ishex(s[i+2]):
			c = unhex(s[i+1])<<4 | unhex(s[i+2])
			i += 2
		}
		if unreserved(c) {
			dst = append(dst, c)
		} else {
			dst = append(dst, '%', upperhex[c>>4], upperhex[c&15])
		}
	}
	return dst
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
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
