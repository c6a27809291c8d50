package iam

import (
	"crypto/sha256"
	"net/http"
	"net/url"
	"strconv"
	"sync"
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

// maxCachedKeys bounds the derived-key cache. Keys change daily, so old
// entries are dead weight; dropping the lot when full is simpler than LRU
// and costs one derivation per live key.
const maxCachedKeys = 64

// keyID identifies a derived SigV4 key. The date is a byte array so a
// lookup builds no string.
type keyID struct {
	accessKeyID, region, service string
	date                         [8]byte
}

type cachedKey struct {
	secret string // re-derive when the secret behind an access key changes
	key    [sha256.Size]byte
}

// v4Signer signs with SigV4 and caches derived signing keys per
// (access key, day, region, service); safe for concurrent use.
type v4Signer struct {
	mu   sync.RWMutex
	keys map[keyID]cachedKey
}

func newV4Signer() *v4Signer {
	return &v4Signer{keys: make(map[keyID]cachedKey)}
}

// signingKey returns the derived key, from the cache when it can.
func (s *v4Signer) signingKey(creds Credentials, id keyID) [sha256.Size]byte {
	s.mu.RLock()
	c, ok := s.keys[id]
	s.mu.RUnlock()
	if ok && c.secret == creds.SecretAccessKey {
		return c.key
	}
	key := sign.DeriveKey(creds.SecretAccessKey, sign.Scope{Date: string(id.date[:]), Region: id.region, Service: id.service})
	s.mu.Lock()
	if len(s.keys) >= maxCachedKeys {
		clear(s.keys)
	}
	s.keys[id] = cachedKey{secret: creds.SecretAccessKey, key: key}
	s.mu.Unlock()
	return key
}

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
	amzDate := sign.AppendAmzDate(dateBuf[:0], now)
	id := keyID{accessKeyID: creds.AccessKeyID, region: region, service: service}
	copy(id.date[:], amzDate[:8])
	scope := sign.Scope{Date: string(id.date[:]), Region: region, Service: service}

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
	dateVal[0] = string(amzDate)
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
	sig := sign.Signature(s.signingKey(creds, id), sts)

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
