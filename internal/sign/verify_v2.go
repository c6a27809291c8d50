package sign

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/iamkit/iam/internal/query"
)

// verifyV2 checks a SigV2 request. The host line is tried as sent (with its
// port) and as the bare host name, because boto 2 signs the bare name even
// on a non-default port.
func verifyV2(r *http.Request, params query.Values, lookup Lookup, now time.Time, maxSkew time.Duration) (Result, error) {
	var missing []string
	get := func(k string) string {
		v, ok := params.Get(k)
		if !ok || v == "" {
			missing = append(missing, k)
		}
		return v
	}
	akid := get("AWSAccessKeyId")
	sig := get("Signature")
	method := get("SignatureMethod")
	version := get("SignatureVersion")
	if len(missing) > 0 {
		return Result{}, incomplete("Signature Version 2 requires the parameters: " + strings.Join(missing, ", ") + ".")
	}
	if version != "2" {
		return Result{}, incomplete("SignatureVersion " + version + " is not supported; use 2 or Signature Version 4.")
	}
	if method != HmacSHA256 && method != HmacSHA1 {
		return Result{}, incomplete("SignatureMethod must be HmacSHA256 or HmacSHA1.")
	}
	ts, hasTS := params.Get("Timestamp")
	exp, hasExp := params.Get("Expires")
	if hasTS == hasExp {
		return Result{}, incomplete("Signature Version 2 requires exactly one of Timestamp and Expires.")
	}
	secret, ok := lookup(akid)
	if !ok {
		return Result{}, ErrUnknownKey
	}
	var signedAt time.Time
	now = now.UTC()
	if hasTS {
		t, err := parseV2Time(ts)
		if err != nil {
			return Result{}, incomplete("Timestamp must be an ISO 8601 time such as 2006-01-02T15:04:05Z.")
		}
		if t.Before(now.Add(-maxSkew)) || t.After(now.Add(maxSkew)) {
			return Result{}, &Error{Kind: KindExpired, Code: CodeRequestExpired,
				Message: "Request has expired. Timestamp date is " + ts}
		}
		signedAt = t
	} else {
		t, err := parseV2Time(exp)
		if err != nil {
			return Result{}, incomplete("Expires must be an ISO 8601 time such as 2006-01-02T15:04:05Z.")
		}
		if now.After(t.Add(maxSkew)) {
			return Result{}, &Error{Kind: KindExpired, Code: CodeRequestExpired,
				Message: "Request has expired. Expires date is " + exp}
		}
	}

	unsigned := make(query.Values, 0, len(params))
	for _, p := range params {
		if p.Key != "Signature" {
			unsigned = append(unsigned, p)
		}
	}
	unsigned.Sort()
	canon := unsigned.AppendEncode(nil)

	host := r.Host
	if host == "" && r.URL != nil {
		host = r.URL.Host
	}
	host = strings.ToLower(host)
	hosts := []string{host}
	if h, _, err := net.SplitHostPort(host); err == nil {
		if strings.Contains(h, ":") {
			h = "[" + h + "]"
		}
		hosts = append(hosts, h)
	}
	paths := []string{"/"}
	if r.URL != nil && r.URL.Path != "" {
		paths[0] = r.URL.Path
		if ep := r.URL.EscapedPath(); ep != r.URL.Path {
			paths = append(paths, ep)
		}
	}
	var buf []byte
	matched := false
	for _, h := range hosts {
		for _, p := range paths {
			buf = AppendStringToSignV2(buf[:0], r.Method, h, p, canon)
			want, _ := SignatureV2(secret, method, buf)
			// Every candidate is computed, so timing does not reveal which
			// host form matched.
			if subtle.ConstantTimeCompare([]byte(want), []byte(sig)) == 1 {
				matched = true
			}
		}
	}
	if !matched {
		return Result{}, ErrBadSignature
	}
	token, _ := params.Get("SecurityToken")
	return Result{Version: 2, AccessKeyID: akid, SessionToken: token, SignedAt: signedAt}, nil
}

// parseV2Time accepts the Timestamp forms clients send: RFC 3339 with or
// without fractional seconds, and the zone-less form boto 2 and the AWS
// documentation use (read as UTC).
func parseV2Time(s string) (time.Time, error) {
	var err error
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999"} {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, err
}
