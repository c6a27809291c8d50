package iam

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/iamkit/iam/internal/query"
)

// DefaultEndpoint is IAM's global endpoint.
const DefaultEndpoint = "https://iam.amazonaws.com/"

// DefaultMaxResponseSize bounds how much of a response body the client reads.
const DefaultMaxResponseSize = 16 << 20

// Version is this library's version, sent in the User-Agent.
const Version = "0.1.0"

// Client calls IAM actions. It is safe for concurrent use; its settings are
// fixed by New.
type Client struct {
	endpoint  *url.URL
	region    string
	creds     CredentialsProvider
	sigVer    SignatureVersion
	sigV2Alg  string
	http      *http.Client
	retry     RetryPolicy
	log       *slog.Logger
	debug     bool
	userAgent string
	maxBody   int64
	now       func() time.Time
	v4        *v4Signer
}

// Option configures a Client.
type Option func(*options) error

type options struct {
	endpoint, region, userAgent string
	creds                       CredentialsProvider
	sigVer                      SignatureVersion
	sigV2Alg                    string
	http                        *http.Client
	retry                       *RetryPolicy
	log                         *slog.Logger
	debug                       bool
	maxBody                     int64
	now                         func() time.Time
}

// WithEndpoint sets the service URL. Without it the client uses
// AWS_ENDPOINT_URL_IAM, then AWS_ENDPOINT_URL, then DefaultEndpoint. A path
// in the URL (Eucalyptus: http://host:8773/services/Euare) is kept and
// signed.
func WithEndpoint(rawURL string) Option {
	return func(o *options) error { o.endpoint = rawURL; return nil }
}

// WithRegion sets the signing region. Without it the region is inferred from
// the endpoint's host, then AWS_REGION, then us-east-1.
func WithRegion(region string) Option {
	return func(o *options) error { o.region = region; return nil }
}

// WithCredentials sets the credentials provider. Without it the client uses
// DefaultCredentials.
func WithCredentials(p CredentialsProvider) Option {
	return func(o *options) error {
		if p == nil {
			return errors.New("WithCredentials: provider is nil")
		}
		o.creds = p
		return nil
	}
}

// WithSignatureVersion selects SigV4 (the default) or SigV2 for servers
// that only speak the older scheme.
func WithSignatureVersion(v SignatureVersion) Option {
	return func(o *options) error {
		if v != SigV4 && v != SigV2 {
			return fmt.Errorf("WithSignatureVersion: unknown version %d", int(v))
		}
		o.sigVer = v
		return nil
	}
}

// WithSigV2Method sets SigV2's HMAC: "HmacSHA256" (the default) or
// "HmacSHA1".
func WithSigV2Method(method string) Option {
	return func(o *options) error {
		if method != "HmacSHA256" && method != "HmacSHA1" {
			return fmt.Errorf("WithSigV2Method: %q is neither HmacSHA256 nor HmacSHA1", method)
		}
		o.sigV2Alg = method
		return nil
	}
}

// WithHTTPClient sets the HTTP client requests are sent with.
func WithHTTPClient(hc *http.Client) Option {
	return func(o *options) error {
		if hc == nil {
			return errors.New("WithHTTPClient: client is nil")
		}
		o.http = hc
		return nil
	}
}

// WithRetryPolicy sets how failed attempts are retried.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(o *options) error {
		if err := p.validate(); err != nil {
			return fmt.Errorf("WithRetryPolicy: %w", err)
		}
		o.retry = &p
		return nil
	}
}

// WithLogger sets the logger for retries and, with WithDebug, for every
// request and response. Secrets are redacted in both.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) error { o.log = l; return nil }
}

// WithDebug logs every request's parameters and every response body at
// debug level, with passwords, secret keys, private keys, session tokens
// and signatures redacted. It is off by default.
func WithDebug(on bool) Option {
	return func(o *options) error { o.debug = on; return nil }
}

// WithUserAgent adds a product token to the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(o *options) error { o.userAgent = ua; return nil }
}

// WithMaxResponseSize bounds how many bytes of a response body are read;
// a larger body is an error wrapping ErrResponseTooLarge.
func WithMaxResponseSize(n int64) Option {
	return func(o *options) error {
		if n <= 0 {
			return fmt.Errorf("WithMaxResponseSize: %d is not positive", n)
		}
		o.maxBody = n
		return nil
	}
}

// WithClock sets the clock requests are signed with. Tests use it to make
// signatures exact.
func WithClock(now func() time.Time) Option {
	return func(o *options) error {
		if now == nil {
			return errors.New("WithClock: nil clock")
		}
		o.now = now
		return nil
	}
}

// New returns a client configured by opts.
func New(opts ...Option) (*Client, error) {
	var o options
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, fmt.Errorf("iam.New: %w", err)
		}
	}
	ep, err := resolveEndpoint(o.endpoint)
	if err != nil {
		return nil, fmt.Errorf("iam.New: %w", err)
	}
	c := &Client{
		endpoint:  ep,
		region:    resolveRegion(o.region, ep.Hostname()),
		creds:     o.creds,
		sigVer:    o.sigVer,
		sigV2Alg:  o.sigV2Alg,
		http:      o.http,
		retry:     DefaultRetryPolicy,
		log:       o.log,
		debug:     o.debug,
		userAgent: "iamkit/" + Version + " (" + runtime.Version() + ")",
		maxBody:   o.maxBody,
		now:       o.now,
		v4:        newV4Signer(),
	}
	if c.creds == nil {
		c.creds = DefaultCredentials()
	}
	if c.sigV2Alg == "" {
		c.sigV2Alg = "HmacSHA256"
	}
	if c.http == nil {
		c.http = http.DefaultClient
	}
	if o.retry != nil {
		c.retry = *o.retry
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if o.userAgent != "" {
		c.userAgent += " " + o.userAgent
	}
	if c.maxBody == 0 {
		c.maxBody = DefaultMaxResponseSize
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// Endpoint returns the URL requests are sent to.
func (c *Client) Endpoint() string { return c.endpoint.String() }

// Region returns the signing region.
func (c *Client) Region() string { return c.region }

func resolveEndpoint(opt string) (*url.URL, error) {
	raw := opt
	for _, env := range []string{"AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL"} {
		if raw != "" {
			break
		}
		raw = os.Getenv(env)
	}
	if raw == "" {
		raw = DefaultEndpoint
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("endpoint %q: must be an http or https URL with a host", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("endpoint %q: must not carry a query or fragment", raw)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u, nil
}

// resolveRegion picks the signing region: the option, the one the host
// names, AWS_REGION, then us-east-1.
func resolveRegion(opt, host string) string {
	if opt != "" {
		return opt
	}
	if r := regionFromHost(host); r != "" {
		return r
	}
	if r := os.Getenv("AWS_REGION"); r != "" {
		return r
	}
	return "us-east-1"
}

// regionFromHost knows IAM's endpoints: the global ones sign for us-east-1,
// China's for its region, GovCloud's for us-gov-west-1.
func regionFromHost(host string) string {
	host = strings.ToLower(host)
	var rest string
	switch {
	case strings.HasPrefix(host, "iam."):
		rest = host[len("iam."):]
	case strings.HasPrefix(host, "iam-fips."):
		rest = host[len("iam-fips."):]
	default:
		return ""
	}
	switch {
	case rest == "amazonaws.com", rest == "global.api.aws":
		return "us-east-1"
	case rest == "amazonaws.com.cn":
		return "cn-north-1"
	case rest == "us-gov.amazonaws.com":
		return "us-gov-west-1"
	case strings.HasSuffix(rest, ".amazonaws.com.cn"):
		return strings.TrimSuffix(rest, ".amazonaws.com.cn")
	case strings.HasSuffix(rest, ".amazonaws.com"):
		return strings.TrimSuffix(rest, ".amazonaws.com")
	}
	return ""
}

// Call sends any IAM action with params and returns the parsed answer. An
// error answer is an *APIError wrapped in an *OperationError; throttling,
// server failures and broken connections are retried per the client's
// RetryPolicy, each attempt signed afresh.
func (c *Client) Call(ctx context.Context, action string, params Params) (*Response, error) {
	if err := checkAction(action); err != nil {
		return nil, &OperationError{Action: action, Err: err}
	}
	vals := make(query.Values, 0, len(params)+6)
	vals.Add("Action", action)
	vals.Add("Version", APIVersion)
	if err := params.encode(&vals); err != nil {
		return nil, &OperationError{Action: action, Err: err}
	}
	vals.Sort()
	return c.send(ctx, action, vals)
}

func checkAction(action string) error {
	if action == "" {
		return errors.New("action name is empty")
	}
	for i := 0; i < len(action); i++ {
		ch := action[i]
		if !('A' <= ch && ch <= 'Z' || 'a' <= ch && ch <= 'z' || '0' <= ch && ch <= '9') {
			return fmt.Errorf("action name %q: only letters and digits are allowed", action)
		}
	}
	return nil
}

// send runs the attempts of one call.
func (c *Client) send(ctx context.Context, action string, vals query.Values) (*Response, error) {
	if c.debug {
		c.log.DebugContext(ctx, "iam request", "action", action, "params", redactedParams(vals))
	}
	var err error
	attempt := 0
	for {
		attempt++
		var resp *Response
		resp, err = c.attempt(ctx, vals)
		if err == nil {
			return resp, nil
		}
		if attempt >= c.retry.MaxAttempts || !retryable(ctx, err) {
			break
		}
		delay := c.retry.backoff(attempt)
		c.log.InfoContext(ctx, "iam retry", "action", action, "attempt", attempt, "delay", delay, "error", err)
		if werr := sleep(ctx, delay); werr != nil {
			err = fmt.Errorf("%w while waiting to retry after: %w", werr, err)
			break
		}
	}
	return nil, &OperationError{Action: action, Attempts: attempt, Err: err}
}

// attempt signs and sends one request and reads its answer.
func (c *Client) attempt(ctx context.Context, vals query.Values) (*Response, error) {
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return nil, &credentialsError{err}
	}
	now := c.now().UTC()
	var body []byte
	if c.sigVer == SigV2 {
		body = signV2(vals, http.MethodPost, c.endpoint, creds, c.sigV2Alg, now)
	} else {
		body = vals.AppendEncode(make([]byte, 0, vals.EncodedLen()))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint.String(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header["Content-Type"] = formContentType
	req.Header["User-Agent"] = []string{c.userAgent}
	if c.sigVer == SigV4 {
		c.v4.sign(req, body, creds, c.region, "iam", now)
	}
	hresp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer hresp.Body.Close()
	raw, err := readBody(hresp, c.maxBody)
	if err != nil {
		return nil, err
	}
	if c.debug {
		c.log.DebugContext(ctx, "iam response", "status", hresp.StatusCode, "body", redactBody(raw))
	}
	if hresp.StatusCode < 200 || hresp.StatusCode > 299 {
		return nil, newAPIError(hresp, raw)
	}
	resp, err := parseResponse(raw)
	if err != nil {
		// Redacted: a body cut short may still hold a new secret key.
		return nil, &DecodeError{StatusCode: hresp.StatusCode, Snapshot: snapshot(raw), Err: err}
	}
	resp.status = hresp.StatusCode
	resp.header = hresp.Header
	return resp, nil
}

var formContentType = []string{"application/x-www-form-urlencoded; charset=utf-8"}

// readBody reads at most limit bytes; a longer body is an error, never an
// unbounded read. A declared length is read into a buffer of exactly that
// size, so a large page is not copied while a buffer grows.
func readBody(hresp *http.Response, limit int64) ([]byte, error) {
	size := hresp.ContentLength
	if size > limit {
		return nil, fmt.Errorf("%w: Content-Length %d > %d", ErrResponseTooLarge, size, limit)
	}
	if size >= 0 {
		buf := make([]byte, size)
		if _, err := io.ReadFull(hresp.Body, buf); err != nil {
			return nil, fmt.Errorf("read response body: %w", err)
		}
		return buf, nil
	}
	buf := bytes.NewBuffer(make([]byte, 0, 4096))
	n, err := buf.ReadFrom(io.LimitReader(hresp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read response body: %w", err)
	}
	if n > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrResponseTooLarge, limit)
	}
	return buf.Bytes(), nil
}

// newAPIError turns an error answer into an *APIError, whether or not its
// body is IAM's XML error envelope.
func newAPIError(hresp *http.Response, raw []byte) *APIError {
	e := &APIError{StatusCode: hresp.StatusCode, RequestID: hresp.Header.Get("X-Amzn-Requestid")}
	if resp, err := parseResponse(raw); err == nil {
		resp.header = hresp.Header
		if code := resp.Get("Code"); code.Exists() {
			e.Code = code.String()
			e.Type = resp.Get("Type").String()
			e.Message = resp.Get("Message").String()
			if id := resp.RequestID(); id != "" {
				e.RequestID = id
			}
			return e
		}
	}
	e.Message = strings.TrimSpace(string(snapshot(raw)))
	if e.Message == "" {
		e.Message = http.StatusText(hresp.StatusCode)
	}
	return e
}
