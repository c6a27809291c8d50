package iam

import (
	"crypto/sha256"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/iamkit/iam/internal/query"
	"github.com/iamkit/iam/internal/sign"
)

// SignatureVersion selects how requests are signed.
type SignatureVersion int

const (
	// SigV4 is AWS Signature Version 4, the default.
	SigV4 SignatureVersion = iota
	// SigV2 is AWS Signature Version 2, for older IAM-compatible servers
	// (Eucalyptus Euare, early Ceph RGW).
	SigV2
)

// String returns "SigV4" or "SigV2".
func (v SignatureVersion) String() string {
	switch v {
	case SigV4:
		return "SigV4"
	case SigV2:
		return "SigV2"
	}
	return "SignatureVersion(" + strconv.Itoa(int(v)) + ")"
}

// v4Signer signs with SigV4 and caches derived signing keys per
// (access key, day, region, service); safe for concurrent use.
type v4Signer struct {
	keys sign.KeyCache
}

func newV4Signer() *v4Signer { return &v4Signer{} }

// sign sets X-Amz-Date, X-Amz-Security-Token (when creds.SessionToken != ""),
// and Authorization on req. It signs host (req.Host if set, else
// req.URL.Host, port kept as written), x-amz-date, content-type when
// present and x-amz-security-token when present. The canonical URI is the
// URL path (endpoint path kept; empty is "/"), the canonical query comes
// from req.URL.RawQuery, and the payload hash is the SHA-256 of body.
//
// It is a pure function of its arguments: now is the signing time.
func (s *v4Signer) sign(req *http.Request, body []byte, creds Credentials, region, service string, now time.Time) {
	var dateBuf [16]byte
	amzDate := string(sign.AppendAmzDate(dateBuf[:0], now))
	scope := sign.Scope{Date: amzDate[:8], Region: region, Service: service}

	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	// The four headers sign in this fixed order, already sorted by name.
	// Indexing rather than append keeps the arrays on the stack.
	var hdrBuf [4]sign.Header
	var hostVal, dateVal, tokenVal [1]string
	n := 0
	if ct := req.Header["Content-Type"]; len(ct) > 0 {
		hdrBuf[n] = sign.Header{Name: "content-type", Values: ct}
		n++
	}
	hostVal[0] = host
	dateVal[0] = amzDate
	hdrBuf[n] = sign.Header{Name: "host", Values: hostVal[:]}
	hdrBuf[n+1] = sign.Header{Name: "x-amz-date", Values: dateVal[:]}
	n += 2
	if creds.SessionToken != "" {
		tokenVal[0] = creds.SessionToken
		hdrBuf[n] = sign.Header{Name: "x-amz-security-token", Values: tokenVal[:]}
		n++
	}
	headers := hdrBuf[:n]

	path := req.URL.EscapedPath()
	creq := sign.Request{
		Method:      req.Method,
		Path:        path,
		RawQuery:    req.URL.RawQuery,
		Headers:     headers,
		PayloadHash: sha256.Sum256(body),
	}
	var creqBuf [768]byte
	c := sign.AppendCanonicalRequest(creqBuf[:0], &creq)
	var stsBuf [256]byte
	sts := sign.AppendStringToSign(stsBuf[:0], dateVal[0], scope, c)
	sig := sign.Signature(s.keys.Key(creds.AccessKeyID, creds.SecretAccessKey, scope), sts)

	var authBuf [384]byte
	auth := sign.AppendAuthorization(authBuf[:0], creds.AccessKeyID, scope, signedHeaderNames(headers), sig)

	if req.Header == nil {
		req.Header = make(http.Header, 4)
	}
	// One backing array for both header slices: X-Amz-Date and
	// Authorization are replaced on every attempt.
	vals := make([]string, 2)
	vals[0], vals[1] = dateVal[0], string(auth)
	req.Header["X-Amz-Date"] = vals[0:1:1]
	req.Header["Authorization"] = vals[1:2:2]
	if creds.SessionToken != "" {
		req.Header["X-Amz-Security-Token"] = []string{creds.SessionToken}
	} else {
		delete(req.Header, "X-Amz-Security-Token") // left by an earlier attempt with other credentials
	}
}

// signedHeaderNames returns the SignedHeaders list of the fixed header set
// as a constant, so no string is built.
func signedHeaderNames(h []sign.Header) string {
	ct := h[0].Name == "content-type"
	tok := h[len(h)-1].Name == "x-amz-security-token"
	switch {
	case ct && tok:
		return "content-type;host;x-amz-date;x-amz-security-token"
	case ct:
		return "content-type;host;x-amz-date"
	case tok:
		return "host;x-amz-date;x-amz-security-token"
	}
	return "host;x-amz-date"
}

// signV2 adds AWSAccessKeyId, SignatureMethod (alg: "HmacSHA256" or
// "HmacSHA1"), SignatureVersion=2, Timestamp (UTC, 2006-01-02T15:04:05Z)
// and SecurityToken (when a session token is set) to a copy of params,
// sorts them by byte order, and returns the form body: the canonical query
// string followed by &Signature=<escaped base64>.
//
// The string to sign is METHOD\nhost\npath\ncanonicalQuery, where host is
// the lowercase host with the port only when it is not the scheme's
// default, and path is u.Path or "/". An unknown alg signs with HmacSHA256:
// the client validates the option before it gets here.
func signV2(params query.Values, method string, u *url.URL, creds Credentials, alg string, now time.Time) []byte {
	if alg != sign.HmacSHA1 {
		alg = sign.HmacSHA256
	}
	// A copy: the caller re-signs the same params on every retry.
	p := make(query.Values, 0, len(params)+5)
	p = append(p, params...)
	p.Add("AWSAccessKeyId", creds.AccessKeyID)
	p.Add("SignatureMethod", alg)
	p.Add("SignatureVersion", "2")
	p.Add("Timestamp", now.UTC().Format(sign.V2TimeFormat))
	if creds.SessionToken != "" {
		p.Add("SecurityToken", creds.SessionToken)
	}
	p.Sort()
	body := p.AppendEncode(make([]byte, 0, p.EncodedLen()+64))

	path := u.Path
	if path == "" {
		path = "/"
	}
	sts := sign.AppendStringToSignV2(nil, method, sign.HostV2(u.Scheme, u.Host), path, body)
	sig, _ := sign.SignatureV2(creds.SecretAccessKey, alg, sts)
	body = append(body, "&Signature="...)
	return query.AppendEscape(body, sig)
}
