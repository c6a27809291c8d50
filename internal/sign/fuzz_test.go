package sign

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzVerifyRequest feeds hostile requests to the verifier: it must answer
// with an *Error (or, for a valid signature, nil) and never panic or echo
// the secret.
func FuzzVerifyRequest(f *testing.F) {
	f.Add("POST", "/", "", "AWS4-HMAC-SHA256 Credential=AKIDTEST/20261129/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=00", "20261129T120000Z", "Action=ListUsers")
	f.Add("GET", "/a/../b", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDTEST%2F2026&X-Amz-Date=x&X-Amz-SignedHeaders=host&X-Amz-Signature=1&X-Amz-Expires=-1", "", "", "")
	f.Add("POST", "/services/Euare", "", "", "", "AWSAccessKeyId=AKIDTEST&Signature=x&SignatureMethod=HmacSHA1&SignatureVersion=2&Timestamp=2026-11-29T12:00:00")
	f.Add("POST", "/", "Signature=%", "AWS4-HMAC-SHA256 ,,,=", "2026", "&&=&%zz")
	f.Fuzz(func(t *testing.T, method, path, rawQuery, authz, amzDate, body string) {
		r := &http.Request{
			Method: method,
			URL:    &url.URL{Path: path, RawQuery: rawQuery},
			Host:   "iam.example.com:8443",
			Header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}},
		}
		if authz != "" {
			r.Header.Set("Authorization", authz)
		}
		if amzDate != "" {
			r.Header.Set("X-Amz-Date", amzDate)
		}
		_, err := VerifyRequest(r, []byte(body), testLookup, testNow, skew)
		if err == nil {
			return
		}
		var e *Error
		if !errors.As(err, &e) || e.Code == "" || e.Kind == 0 {
			t.Fatalf("untyped error %T %v", err, err)
		}
		if strings.Contains(err.Error(), testSecret) {
			t.Fatalf("secret in error: %v", err)
		}
	})
}

// FuzzSignVerify signs arbitrary requests with the step functions and
// requires the verifier to accept them, and to reject them once the body
// changes: signer and verifier must agree on every canonical form.
func FuzzSignVerify(f *testing.F) {
	f.Add("POST", "/", "", "application/x-www-form-urlencoded; charset=utf-8", "Action=ListUsers&Version=2010-05-08", "", int64(0))
	f.Add("GET", "/services//Euare/./x/../", "b=2&a=1&a=%2F&c", "", "", "tok", int64(-3600))
	f.Add("PUT", "/ሴ/a b/%", "x=%zz&+=+", "  a   b  ", "\x00\xff", "t o k", int64(899))
	f.Fuzz(func(t *testing.T, method, path, rawQuery, contentType, body, token string, offset int64) {
		if !validMethod(method) {
			t.Skip()
		}
		signAt := testNow.Add(time.Duration(offset%int64(skew/time.Second)) * time.Second)
		r := &http.Request{
			Method: method,
			URL:    &url.URL{Path: path, RawQuery: rawQuery},
			Host:   "iam.example.com:8443",
			Header: http.Header{},
		}
		extra := []string(nil)
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
			extra = append(extra, "content-type")
		}
		signV4Header(t, r, []byte(body), testSecret, token, signAt, extra...)
		if _, err := VerifyRequest(r, []byte(body), testLookup, testNow, skew); err != nil {
			t.Fatalf("signed request rejected: %v", err)
		}
		tampered := body + "x"
		if _, err := VerifyRequest(r, []byte(tampered), testLookup, testNow, skew); !errors.Is(err, ErrBadSignature) {
			t.Fatalf("tampered body: got %v, want ErrBadSignature", err)
		}
	})
}

func validMethod(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}
