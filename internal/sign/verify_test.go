package sign

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/iamkit/iam/internal/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testKey    = "AKIDTEST"
	testSecret = "test/secret+key"
	testToken  = "session-token"
	skew       = 15 * time.Minute
)

var testNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

func testLookup(id string) (string, bool) {
	if id == testKey {
		return testSecret, true
	}
	return "", false
}

// signV4Header signs req with the step functions, over host and every
// header named in extra, the way a client would.
func signV4Header(t *testing.T, req *http.Request, body []byte, secret, token string, now time.Time, extra ...string) {
	t.Helper()
	amz := string(AppendAmzDate(nil, now))
	req.Header.Set("X-Amz-Date", amz)
	names := append([]string{"host", "x-amz-date"}, extra...)
	if token != "" {
		req.Header.Set("X-Amz-Security-Token", token)
		names = append(names, "x-amz-security-token")
	}
	slices.Sort(names)
	headers := make([]Header, len(names))
	for i, n := range names {
		headers[i] = Header{Name: n, Values: headerValues(req, n)}
	}
	scope := Scope{Date: amz[:8], Region: "us-east-1", Service: "iam"}
	creq := AppendCanonicalRequest(nil, &Request{
		Method: req.Method, Path: req.URL.EscapedPath(), RawQuery: req.URL.RawQuery,
		Headers: headers, PayloadHash: sha256Sum(body),
	})
	sig := Signature(DeriveKey(secret, scope), AppendStringToSign(nil, amz, scope, creq))
	req.Header.Set("Authorization", string(AppendAuthorization(nil, testKey, scope, string(AppendSignedHeaders(nil, headers)), sig)))
}

// presignV4 moves the signature into the query string.
func presignV4(t *testing.T, req *http.Request, secret string, now time.Time, expires int) {
	t.Helper()
	amz := string(AppendAmzDate(nil, now))
	scope := Scope{Date: amz[:8], Region: "us-east-1", Service: "iam"}
	q := req.URL.Query()
	q.Set("X-Amz-Algorithm", Algorithm)
	q.Set("X-Amz-Credential", testKey+"/"+string(AppendScope(nil, scope)))
	q.Set("X-Amz-Date", amz)
	q.Set("X-Amz-SignedHeaders", "host")
	if expires > 0 {
		q.Set("X-Amz-Expires", strconv.Itoa(expires))
	}
	req.URL.RawQuery = q.Encode()
	headers := []Header{{Name: "host", Values: []string{req.Host}}}
	creq := AppendCanonicalRequest(nil, &Request{
		Method: req.Method, Path: req.URL.EscapedPath(), RawQuery: req.URL.RawQuery,
		Headers: headers, PayloadHash: sha256Sum(nil),
	})
	sig := Signature(DeriveKey(secret, scope), AppendStringToSign(nil, amz, scope, creq))
	req.URL.RawQuery += "&X-Amz-Signature=" + string(AppendHex(nil, sig[:]))
}

// signV2Form builds a SigV2 POST form body signed for hostLine.
func signV2Form(params query.Values, hostLine, path, secret, method string) []byte {
	params.Sort()
	canon := params.AppendEncode(nil)
	sig, _ := SignatureV2(secret, method, AppendStringToSignV2(nil, http.MethodPost, hostLine, path, canon))
	return query.AppendEscape(append(canon, "&Signature="...), sig)
}

func v2Params(ts string) query.Values {
	return query.Values{
		{Key: "Action", Value: "ListUsers"}, {Key: "Version", Value: "2010-05-08"}, {Key: "AWSAccessKeyId", Value: testKey},
		{Key: "SignatureMethod", Value: HmacSHA256}, {Key: "SignatureVersion", Value: "2"}, {Key: "Timestamp", Value: ts},
	}
}

func newFormRequest(t *testing.T, target string, body []byte) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	return req
}

const formBody = "Action=CreateUser&UserName=alice&Path=%2F&Version=2010-05-08"

func TestVerifyV4Header(t *testing.T) {
	body := []byte(formBody)
	type mutate func(req *http.Request) []byte
	tests := map[string]struct {
		secret string
		signAt time.Time
		token  string
		after  mutate // applied after signing; returns the body the server reads
		want   error
		code   string
	}{
		"ok":              {secret: testSecret, signAt: testNow},
		"ok with token":   {secret: testSecret, signAt: testNow, token: testToken},
		"ok at skew edge": {secret: testSecret, signAt: testNow.Add(-skew)},
		"tampered body":   {secret: testSecret, signAt: testNow, after: func(*http.Request) []byte { return []byte(strings.Replace(formBody, "alice", "mallory", 1)) }, want: ErrBadSignature, code: CodeSignatureDoesNotMatch},
		"tampered header": {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte { r.Header.Set("Content-Type", "text/plain"); return body }, want: ErrBadSignature},
		"tampered query":  {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte { r.URL.RawQuery = "Action=DeleteUser"; return body }, want: ErrBadSignature},
		"tampered host":   {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte { r.Host = "evil.example.com"; return body }, want: ErrBadSignature},
		"wrong secret":    {secret: "other", signAt: testNow, want: ErrBadSignature},
		"unknown key": {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), testKey, "AKIDOTHER", 1))
			return body
		}, want: ErrUnknownKey, code: CodeInvalidClientTokenID},
		"expired":       {secret: testSecret, signAt: testNow.Add(-skew - time.Second), want: ErrExpired, code: CodeSignatureDoesNotMatch},
		"in the future": {secret: testSecret, signAt: testNow.Add(skew + time.Second), want: ErrExpired},
		"no signature part": {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte {
			a := r.Header.Get("Authorization")
			r.Header.Set("Authorization", a[:strings.Index(a, ", Signature=")])
			return body
		}, want: ErrIncomplete, code: CodeIncompleteSignature},
		"other algorithm":    {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte { r.Header.Set("Authorization", "AWS AKID:sig"); return body }, want: ErrIncomplete},
		"no date":            {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte { r.Header.Del("X-Amz-Date"); return body }, want: ErrIncomplete},
		"scope date differs": {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte { r.Header.Set("X-Amz-Date", "20261130T120000Z"); return body }, want: ErrBadSignature},
		"bad credential": {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte {
			r.Header.Set("Authorization", Algorithm+" Credential=AKID/x, SignedHeaders=host, Signature=00")
			return body
		}, want: ErrIncomplete},
		"host not signed": {secret: testSecret, signAt: testNow, after: func(r *http.Request) []byte {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "host;", "", 1))
			return body
		}, want: ErrBadSignature},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req := newFormRequest(t, "https://iam.example.com:8443/", body)
			signV4Header(t, req, body, tc.secret, tc.token, tc.signAt, "content-type")
			got := body
			if tc.after != nil {
				got = tc.after(req)
			}
			res, err := VerifyRequest(req, got, testLookup, testNow, skew)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				var e *Error
				require.ErrorAs(t, err, &e)
				if tc.code != "" {
					assert.Equal(t, tc.code, e.Code)
				}
				assert.NotContains(t, err.Error(), testSecret)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, Result{Version: 4, AccessKeyID: testKey, SessionToken: tc.token,
				Region: "us-east-1", Service: "iam", SignedAt: tc.signAt}, res)
		})
	}
}

func TestVerifyV4ExpiredMessage(t *testing.T) {
	req := newFormRequest(t, "https://iam.example.com/", nil)
	signV4Header(t, req, nil, testSecret, "", testNow.Add(-time.Hour))
	_, err := VerifyRequest(req, nil, testLookup, testNow, skew)
	require.ErrorIs(t, err, ErrExpired)
	assert.Equal(t, "SignatureDoesNotMatch: Signature expired: 20261129T110000Z is now earlier than 20261129T114500Z (20261129T120000Z - 15 min.)", err.Error())
}

// TestVerifyV4UnnormalisedPath accepts a client that signed the path as
// written, without normalising it.
func TestVerifyV4UnnormalisedPath(t *testing.T) {
	req, err := http.NewRequest(http.MethodGet, "https://iam.example.com/a//b/../c", nil)
	require.NoError(t, err)
	amz := string(AppendAmzDate(nil, testNow))
	req.Header.Set("X-Amz-Date", amz)
	scope := Scope{Date: amz[:8], Region: "us-east-1", Service: "iam"}
	headers := []Header{{Name: "host", Values: []string{req.Host}}, {Name: "x-amz-date", Values: []string{amz}}}
	creq := AppendCanonicalRequest(nil, &Request{Method: "GET", Path: req.URL.EscapedPath(), Headers: headers, PayloadHash: sha256Sum(nil), KeepPath: true})
	sig := Signature(DeriveKey(testSecret, scope), AppendStringToSign(nil, amz, scope, creq))
	req.Header.Set("Authorization", string(AppendAuthorization(nil, testKey, scope, "host;x-amz-date", sig)))
	_, err = VerifyRequest(req, nil, testLookup, testNow, skew)
	require.NoError(t, err)
}

func TestVerifyV4Presigned(t *testing.T) {
	tests := map[string]struct {
		signAt  time.Time
		expires int
		after   func(*http.Request)
		want    error
	}{
		"ok":                     {signAt: testNow, expires: 300},
		"ok without expires":     {signAt: testNow},
		"ok late within expires": {signAt: testNow.Add(-time.Hour), expires: 7200},
		"past expires":           {signAt: testNow.Add(-10 * time.Minute), expires: 300, want: ErrExpired},
		"not yet valid":          {signAt: testNow.Add(time.Hour), expires: 300, want: ErrExpired},
		"tampered query":         {signAt: testNow, expires: 300, after: func(r *http.Request) { r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "ListUsers", "ListRoles", 1) }, want: ErrBadSignature},
		"added param":            {signAt: testNow, expires: 300, after: func(r *http.Request) { r.URL.RawQuery += "&MaxItems=1" }, want: ErrBadSignature},
		"missing signature": {signAt: testNow, expires: 300, after: func(r *http.Request) {
			r.URL.RawQuery = r.URL.RawQuery[:strings.Index(r.URL.RawQuery, "&X-Amz-Signature")]
		}, want: ErrIncomplete},
		"bad expires": {signAt: testNow, expires: 300, after: func(r *http.Request) {
			r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "X-Amz-Expires=300", "X-Amz-Expires=0", 1)
		}, want: ErrIncomplete},
		"token reported": {signAt: testNow, after: func(r *http.Request) {}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, "https://iam.example.com/?Action=ListUsers&Version=2010-05-08", nil)
			require.NoError(t, err)
			presignV4(t, req, testSecret, tc.signAt, tc.expires)
			if tc.after != nil {
				tc.after(req)
			}
			res, err := VerifyRequest(req, nil, testLookup, testNow, skew)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			assert.True(t, res.Presigned)
			assert.Equal(t, testKey, res.AccessKeyID)
		})
	}
}

func TestVerifyV2(t *testing.T) {
	ts := testNow.Format(V2TimeFormat)
	tests := map[string]struct {
		target   string // URL the server receives
		hostLine string // host the client signed
		signPath string // path the client signed, when not the target's
		params   query.Values
		method   string
		secret   string
		want     error
		code     string
	}{
		"port in host line":         {target: "http://euare.local:8773/services/Euare", hostLine: "euare.local:8773"},
		"bare host (boto 2)":        {target: "http://euare.local:8773/services/Euare", hostLine: "euare.local"},
		"default port dropped":      {target: "https://iam.example.com/", hostLine: "iam.example.com"},
		"HmacSHA1":                  {target: "https://iam.example.com/", hostLine: "iam.example.com", method: HmacSHA1},
		"wrong host":                {target: "http://euare.local:8773/services/Euare", hostLine: "other.local", want: ErrBadSignature, code: CodeSignatureDoesNotMatch},
		"wrong path":                {target: "http://euare.local:8773/services/Other", hostLine: "euare.local:8773", signPath: "/services/Euare", want: ErrBadSignature},
		"wrong secret":              {target: "https://iam.example.com/", hostLine: "iam.example.com", secret: "nope", want: ErrBadSignature},
		"unknown key":               {target: "https://iam.example.com/", hostLine: "iam.example.com", params: query.Values{{Key: "AWSAccessKeyId", Value: "AKIDOTHER"}}, want: ErrUnknownKey, code: CodeInvalidClientTokenID},
		"old timestamp":             {target: "https://iam.example.com/", hostLine: "iam.example.com", params: query.Values{{Key: "Timestamp", Value: testNow.Add(-time.Hour).Format(V2TimeFormat)}}, want: ErrExpired, code: CodeRequestExpired},
		"expires passed":            {target: "https://iam.example.com/", hostLine: "iam.example.com", params: query.Values{{Key: "Timestamp", Value: ""}, {Key: "Expires", Value: testNow.Add(-time.Hour).Format(V2TimeFormat)}}, want: ErrExpired, code: CodeRequestExpired},
		"expires ahead":             {target: "https://iam.example.com/", hostLine: "iam.example.com", params: query.Values{{Key: "Timestamp", Value: ""}, {Key: "Expires", Value: testNow.Add(time.Hour).Format(V2TimeFormat)}}},
		"signature version 1":       {target: "https://iam.example.com/", hostLine: "iam.example.com", params: query.Values{{Key: "SignatureVersion", Value: "1"}}, want: ErrIncomplete, code: CodeIncompleteSignature},
		"unknown method":            {target: "https://iam.example.com/", hostLine: "iam.example.com", params: query.Values{{Key: "SignatureMethod", Value: "HmacMD5"}}, want: ErrIncomplete},
		"no timestamp":              {target: "https://iam.example.com/", hostLine: "iam.example.com", params: query.Values{{Key: "Timestamp", Value: ""}}, want: ErrIncomplete},
		"security token is exposed": {target: "https://iam.example.com/", hostLine: "iam.example.com", params: query.Values{{Key: "SecurityToken", Value: testToken}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			params := v2Params(ts)
			for _, o := range tc.params {
				i := slices.IndexFunc(params, func(p query.Pair) bool { return p.Key == o.Key })
				switch {
				case i < 0:
					params = append(params, o)
				case o.Value == "":
					params = slices.Delete(params, i, i+1)
				default:
					params[i].Value = o.Value
				}
			}
			method, secret := HmacSHA256, testSecret
			if tc.method != "" {
				method = tc.method
				params[slices.IndexFunc(params, func(p query.Pair) bool { return p.Key == "SignatureMethod" })].Value = method
			}
			if tc.secret != "" {
				secret = tc.secret
			}
			u, err := url.Parse(tc.target)
			require.NoError(t, err)
			path := u.Path
			if tc.signPath != "" {
				path = tc.signPath
			}
			body := signV2Form(params, tc.hostLine, path, secret, method)
			req := newFormRequest(t, tc.target, body)
			res, err := VerifyRequest(req, body, testLookup, testNow, skew)
			if tc.want != nil {
				require.ErrorIs(t, err, tc.want)
				if tc.code != "" {
					var e *Error
					require.ErrorAs(t, err, &e)
					assert.Equal(t, tc.code, e.Code)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, 2, res.Version)
			assert.Equal(t, testKey, res.AccessKeyID)
			tok, _ := params.Get("SecurityToken")
			assert.Equal(t, tok, res.SessionToken)
		})
	}
}

func TestVerifyV2TamperedBody(t *testing.T) {
	params := v2Params(testNow.Format(V2TimeFormat))
	body := signV2Form(params, "iam.example.com", "/", testSecret, HmacSHA256)
	tampered := bytes.Replace(body, []byte("ListUsers"), []byte("ListRoles"), 1)
	req := newFormRequest(t, "https://iam.example.com/", tampered)
	_, err := VerifyRequest(req, tampered, testLookup, testNow, skew)
	require.ErrorIs(t, err, ErrBadSignature)
}

func TestVerifyMissingAuth(t *testing.T) {
	body := []byte("Action=ListUsers&Version=2010-05-08")
	req := newFormRequest(t, "https://iam.example.com/", body)
	_, err := VerifyRequest(req, body, testLookup, testNow, skew)
	require.ErrorIs(t, err, ErrMissingAuth)
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, CodeMissingAuthenticationToken, e.Code)
	assert.False(t, errors.Is(err, ErrBadSignature))
}

func TestVerifyMalformedForm(t *testing.T) {
	body := []byte("Action=ListUsers&Signature=%zz")
	req := newFormRequest(t, "https://iam.example.com/", body)
	_, err := VerifyRequest(req, body, testLookup, testNow, skew)
	require.ErrorIs(t, err, ErrIncomplete)
}
