// Package testclient is a minimal signed IAM Query client for the local
// server's own tests: it builds a form request, signs it with SigV4 or
// SigV2 through internal/sign, and returns the raw answer. It deliberately
// does not use the root iam package, so the server's tests do not depend
// on the client under construction.
package testclient

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/iamkit/iam/internal/query"
	"github.com/iamkit/iam/internal/sign"
)

// Client sends signed IAM requests to URL.
type Client struct {
	URL             string
	AccessKeyID     string
	SecretAccessKey string
	// Region is the SigV4 scope region; empty means us-east-1.
	Region string
	// Now is the signing clock; nil means time.Now.
	Now func() time.Time
	// HTTP sends the requests; nil means http.DefaultClient.
	HTTP *http.Client
	// V2 signs with Signature Version 2 instead of 4.
	V2 bool
}

// Response is a raw answer.
type Response struct {
	Status int
	Body   []byte
}

// String returns the body, for test failure messages.
func (r *Response) String() string { return fmt.Sprintf("%d %s", r.Status, r.Body) }

// Do sends action with params given as alternating keys and values
// ("UserName", "bob", ...).
func (c *Client) Do(ctx context.Context, action string, kv ...string) (*Response, error) {
	vals := query.Values{{Key: "Action", Value: action}, {Key: "Version", Value: "2010-05-08"}}
	for i := 0; i+1 < len(kv); i += 2 {
		vals.Add(kv[i], kv[i+1])
	}
	return c.Send(ctx, vals)
}

// Send signs and posts vals as the form body.
func (c *Client) Send(ctx context.Context, vals query.Values) (*Response, error) {
	req, err := c.Request(ctx, vals)
	if err != nil {
		return nil, err
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	return &Response{Status: resp.StatusCode, Body: b}, nil
}

// Request builds the signed POST request for vals.
func (c *Client) Request(ctx context.Context, vals query.Values) (*http.Request, error) {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	t := now().UTC()
	u, err := url.Parse(c.URL)
	if err != nil {
		return nil, err
	}
	if u.Path == "" {
		u.Path = "/"
	}
	if c.V2 {
		vals = append(slices.Clone(vals),
			query.Pair{Key: "AWSAccessKeyId", Value: c.AccessKeyID},
			query.Pair{Key: "SignatureMethod", Value: sign.HmacSHA256},
			query.Pair{Key: "SignatureVersion", Value: "2"},
			query.Pair{Key: "Timestamp", Value: t.Format(sign.V2TimeFormat)},
		)
		vals.Sort()
		canon := vals.AppendEncode(nil)
		sts := sign.AppendStringToSignV2(nil, http.MethodPost, sign.HostV2(u.Scheme, u.Host), u.EscapedPath(), canon)
		sig, _ := sign.SignatureV2(c.SecretAccessKey, sign.HmacSHA256, sts)
		vals.Add("Signature", sig)
	} else {
		vals = slices.Clone(vals)
		vals.Sort()
	}
	body := vals.AppendEncode(nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(string(body)))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	if !c.V2 {
		SignV4(req, body, c.AccessKeyID, c.SecretAccessKey, c.Region, t)
	}
	return req, nil
}

// SignV4 signs req (whose body is body) with SigV4 in the Authorization
// header, for service iam, at time t.
func SignV4(req *http.Request, body []byte, accessKeyID, secret, region string, t time.Time) {
	if region == "" {
		region = "us-east-1"
	}
	amzDate := string(sign.AppendAmzDate(nil, t))
	req.Header.Set("X-Amz-Date", amzDate)
	headers := []sign.Header{
		{Name: "content-type", Values: []string{req.Header.Get("Content-Type")}},
		{Name: "host", Values: []string{req.URL.Host}},
		{Name: "x-amz-date", Values: []string{amzDate}},
	}
	sr := sign.Request{
		Method:      req.Method,
		Path:        req.URL.EscapedPath(),
		RawQuery:    req.URL.RawQuery,
		Headers:     headers,
		PayloadHash: sha256.Sum256(body),
	}
	scope := sign.Scope{Date: amzDate[:8], Region: region, Service: "iam"}
	creq := sign.AppendCanonicalRequest(nil, &sr)
	sts := sign.AppendStringToSign(nil, amzDate, scope, creq)
	sig := sign.Signature(sign.DeriveKey(secret, scope), sts)
	req.Header.Set("Authorization", string(sign.AppendAuthorization(nil, accessKeyID, scope,
		string(sign.AppendSignedHeaders(nil, headers)), sig)))
}
