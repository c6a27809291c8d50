package sign

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/iamkit/iam/internal/query"
)

// Result describes a request whose signature verified.
type Result struct {
	// Version is 4 or 2.
	Version int
	// AccessKeyID signed the request.
	AccessKeyID string
	// SessionToken is X-Amz-Security-Token (header or query) for SigV4 and
	// the SecurityToken parameter for SigV2; empty when absent. The server
	// must check it belongs to AccessKeyID: the signature does not bind it
	// unless it was among the signed headers or parameters.
	SessionToken string
	// Region and Service come from the SigV4 credential scope (empty for
	// SigV2), for servers that want to check them.
	Region, Service string
	// Presigned is true for SigV4 carried in the query string.
	Presigned bool
	// SignedAt is the request's X-Amz-Date or Timestamp (zero for a SigV2
	// request carrying only Expires).
	SignedAt time.Time
}

// verifyKeys caches the keys verification derives. It is shared by every
// caller in the process: entries are per access key and re-derived when the
// secret behind one changes, so servers with different keys never see each
// other's.
var verifyKeys KeyCache

// Lookup returns the secret key of an access key ID, and false when the key
// is unknown.
type Lookup func(accessKeyID string) (secret string, ok bool)

// maxPresignExpires is SigV4's upper bound for X-Amz-Expires: seven days.
const maxPresignExpires = 7 * 24 * 60 * 60

// VerifyRequest checks the signature of a request received by a server:
// SigV4 in the Authorization header, SigV4 in the query string (presigned),
// or SigV2 parameters in the query string or form body. body is the request
// body the caller already read (the form body of a POST); the request's own
// Body is not touched. Time is now, and a request whose time is more than
// maxSkew away from it is expired.
//
// Errors are *Error values; errors.Is matches the sentinels ErrMissingAuth,
// ErrUnknownKey, ErrBadSignature, ErrExpired and ErrIncomplete.
func VerifyRequest(r *http.Request, body []byte, lookup Lookup, now time.Time, maxSkew time.Duration) (Result, error) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		a, err := parseAuthorization(auth)
		if err != nil {
			return Result{}, err
		}
		return verifyV4(r, body, a, lookup, now, maxSkew)
	}
	if r.URL != nil && r.URL.RawQuery != "" {
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err == nil && q.Has("X-Amz-Algorithm") {
			a, err := parsePresigned(q)
			if err != nil {
				return Result{}, err
			}
			return verifyV4(r, body, a, lookup, now, maxSkew)
		}
	}
	params, err := requestParams(r, body)
	if err != nil {
		return Result{}, err
	}
	if _, ok := params.Get("Signature"); ok {
		return verifyV2(r, params, lookup, now, maxSkew)
	}
	if _, ok := params.Get("AWSAccessKeyId"); ok {
		return verifyV2(r, params, lookup, now, maxSkew)
	}
	return Result{}, ErrMissingAuth
}

// v4Auth is a parsed SigV4 signature, from header or query.
type v4Auth struct {
	accessKeyID   string
	scope         Scope
	signedHeaders []string
	signature     string
	amzDate       string // from the query when presigned, else from the headers
	expires       int    // X-Amz-Expires in seconds; 0 when absent
	token         string // X-Amz-Security-Token from the query when presigned
	presigned     bool
}

func parseAuthorization(h string) (v4Auth, error) {
	rest, ok := strings.CutPrefix(h, Algorithm+" ")
	if !ok {
		return v4Auth{}, incomplete("Authorization header must use the " + Algorithm + " algorithm.")
	}
	var a v4Auth
	var cred, signed string
	for f := range strings.SplitSeq(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
		switch k {
		case "Credential":
			cred = v
		case "SignedHeaders":
			signed = v
		case "Signature":
			a.signature = v
		}
	}
	var missing []string
	for _, p := range [...]struct{ name, v string }{{"Credential", cred}, {"Signature", a.signature}, {"SignedHeaders", signed}} {
		if p.v == "" {
			missing = append(missing, "'"+p.name+"'")
		}
	}
	if len(missing) > 0 {
		return v4Auth{}, incomplete("Authorization header requires " + strings.Join(missing, ", ") + " parameter.")
	}
	if err := a.setCredential(cred, signed); err != nil {
		return v4Auth{}, err
	}
	return a, nil
}

func parsePresigned(q url.Values) (v4Auth, error) {
	for _, k := range [...]string{"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature"} {
		if q.Get(k) == "" {
			return v4Auth{}, incomplete("Query-string authentication requires the " + k + " parameter.")
		}
	}
	if alg := q.Get("X-Amz-Algorithm"); alg != Algorithm {
		return v4Auth{}, incomplete("X-Amz-Algorithm must be " + Algorithm + ".")
	}
	a := v4Auth{
		signature: q.Get("X-Amz-Signature"),
		amzDate:   q.Get("X-Amz-Date"),
		token:     q.Get("X-Amz-Security-Token"),
		presigned: true,
	}
	if e := q.Get("X-Amz-Expires"); e != "" {
		n, err := strconv.Atoi(e)
		if err != nil || n < 1 || n > maxPresignExpires {
			return v4Auth{}, incomplete("X-Amz-Expires must be a number of seconds from 1 to 604800.")
		}
		a.expires = n
	}
	if err := a.setCredential(q.Get("X-Amz-Credential"), q.Get("X-Amz-SignedHeaders")); err != nil {
		return v4Auth{}, err
	}
	return a, nil
}

// setCredential parses AKID/date/region/service/aws4_request and the
// signed-header list.
func (a *v4Auth) setCredential(cred, signed string) error {
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[0] == "" || parts[1] == "" || parts[2] == "" || parts[3] == "" {
		return incomplete("Credential must have the form <access key ID>/<date>/<region>/<service>/aws4_request.")
	}
	if parts[4] != Terminator {
		return badSignature("Credential should be scoped with a valid terminator: 'aws4_request'.")
	}
	a.accessKeyID = parts[0]
	a.scope = Scope{Date: parts[1], Region: parts[2], Service: parts[3]}
	a.signedHeaders = strings.Split(signed, ";")
	hasHost := false
	for _, h := range a.signedHeaders {
		if h == "" || h != strings.ToLower(h) {
			return incomplete("SignedHeaders must be a ';'-separated list of lowercase header names.")
		}
		hasHost = hasHost || h == "host"
	}
	if !hasHost {
		return badSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.")
	}
	return nil
}

func verifyV4(r *http.Request, body []byte, a v4Auth, lookup Lookup, now time.Time, maxSkew time.Duration) (Result, error) {
	amzDate := a.amzDate
	if !a.presigned {
		amzDate = r.Header.Get("X-Amz-Date")
		if amzDate == "" {
			if d := r.Header.Get("Date"); d != "" {
				if t, err := http.ParseTime(d); err == nil {
					amzDate = t.UTC().Format(TimeFormat)
				}
			}
		}
		if amzDate == "" {
			return Result{}, incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
		}
	}
	signedAt, err := time.Parse(TimeFormat, amzDate)
	if err != nil {
		return Result{}, incomplete("X-Amz-Date must have the form " + TimeFormat + ".")
	}
	if a.scope.Date != amzDate[:8] {
		return Result{}, badSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
			a.scope.Date + "' != '" + amzDate[:8] + "'")
	}
	secret, ok := lookup(a.accessKeyID)
	if !ok {
		return Result{}, ErrUnknownKey
	}
	if err := checkV4Time(signedAt, a.expires, now, maxSkew); err != nil {
		return Result{}, err
	}

	headers := make([]Header, len(a.signedHeaders))
	for i, name := range a.signedHeaders {
		headers[i] = Header{Name: name, Values: headerValues(r, name)}
	}
	path, rawQuery := "", ""
	if r.URL != nil {
		path, rawQuery = r.URL.EscapedPath(), r.URL.RawQuery
	}
	creq := Request{
		Method:      r.Method,
		Path:        path,
		RawQuery:    rawQuery,
		Headers:     headers,
		PayloadHash: sha256.Sum256(body),
	}
	if a.presigned {
		// A presigned request's canonical query leaves out the signature.
		creq.SkipParam = "X-Amz-Signature"
	}
	key := verifyKeys.Key(a.accessKeyID, secret, a.scope)
	match := func(keepPath bool) bool {
		creq.KeepPath = keepPath
		c := AppendCanonicalRequest(nil, &creq)
		sig := Signature(key, AppendStringToSign(nil, amzDate, a.scope, c))
		var got [2 * sha256.Size]byte
		return subtle.ConstantTimeCompare(AppendHex(got[:0], sig[:]), []byte(a.signature)) == 1
	}
	// Normalised first, as AWS does; a client that signed the path as
	// written (several SDKs skip normalisation) gets a second chance.
	if !match(false) && (isNormalPath(path) || !match(true)) {
		return Result{}, ErrBadSignature
	}
	token := a.token
	if !a.presigned {
		token = r.Header.Get("X-Amz-Security-Token")
	}
	return Result{
		Version: 4, AccessKeyID: a.accessKeyID, SessionToken: token,
		Region: a.scope.Region, Service: a.scope.Service,
		Presigned: a.presigned, SignedAt: signedAt,
	}, nil
}

// checkV4Time applies the clock window, and for a presigned request its
// lifetime. The messages follow AWS's.
func checkV4Time(signedAt time.Time, expires int, now time.Time, maxSkew time.Duration) error {
	now = now.UTC()
	if signedAt.After(now.Add(maxSkew)) {
		return &Error{Kind: KindExpired, Code: CodeSignatureDoesNotMatch,
			Message: "Signature not yet current: " + signedAt.Format(TimeFormat) + " is still later than " +
				now.Add(maxSkew).Format(TimeFormat) + " (" + now.Format(TimeFormat) + " + " + skewText(maxSkew) + ")"}
	}
	if expires > 0 {
		if end := signedAt.Add(time.Duration(expires) * time.Second); now.After(end) {
			return &Error{Kind: KindExpired, Code: CodeSignatureDoesNotMatch,
				Message: "Signature expired: " + end.Format(TimeFormat) + " is now earlier than " + now.Format(TimeFormat)}
		}
		return nil
	}
	if signedAt.Before(now.Add(-maxSkew)) {
		return &Error{Kind: KindExpired, Code: CodeSignatureDoesNotMatch,
			Message: "Signature expired: " + signedAt.Format(TimeFormat) + " is now earlier than " +
				now.Add(-maxSkew).Format(TimeFormat) + " (" + now.Format(TimeFormat) + " - " + skewText(maxSkew) + ")"}
	}
	return nil
}

// skewText writes the window the way AWS's messages do: "15 min.".
func skewText(d time.Duration) string {
	if d%time.Minute == 0 {
		return strconv.FormatInt(int64(d/time.Minute), 10) + " min."
	}
	return d.String()
}

// headerValues returns the values of a signed header as the server sees
// them. net/http moves Host out of the header map and may do the same with
// Content-Length.
func headerValues(r *http.Request, name string) []string {
	switch name {
	case "host":
		h := r.Host
		if h == "" && r.URL != nil {
			h = r.URL.Host
		}
		return []string{h}
	case "content-length":
		if v := r.Header.Values("Content-Length"); len(v) > 0 {
			return v
		}
		if r.ContentLength >= 0 {
			return []string{strconv.FormatInt(r.ContentLength, 10)}
		}
	}
	return r.Header.Values(name)
}

// requestParams gathers the parameters of the query string and, for a form
// POST, of the body, in their order of appearance.
func requestParams(r *http.Request, body []byte) (query.Values, error) {
	var params query.Values
	if r.URL != nil {
		if err := appendParams(&params, r.URL.RawQuery); err != nil {
			return nil, err
		}
	}
	if r.Method == http.MethodPost && len(body) > 0 {
		ct := r.Header.Get("Content-Type")
		if ct == "" || strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/x-www-form-urlencoded") {
			if err := appendParams(&params, string(body)); err != nil {
				return nil, err
			}
		}
	}
	return params, nil
}

func appendParams(dst *query.Values, raw string) error {
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		kd, err1 := url.QueryUnescape(k)
		vd, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			return incomplete("Parameters must be percent-encoded: malformed escape in a parameter name or value.")
		}
		dst.Add(kd, vd)
	}
	return nil
}
