// Package imds is a small client for the EC2 instance metadata service,
// version 2: it fetches a session token with a PUT, then reads the
// instance role's temporary credentials with GETs that carry the token.
//
// It only speaks IMDSv2. IMDSv1 (plain GETs) lets any server-side request
// forgery on the instance read the role's keys, which is why AWS lets
// accounts turn it off; a client that fell back to it would undo that.
//
// Errors never contain the token, the secret key or a response body: a
// body from the credentials path may hold secrets, and the others say
// nothing the status code does not.
package imds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	neturl "net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultEndpoint is the link-local address every EC2 instance answers on.
const DefaultEndpoint = "http://169.254.169.254"

const (
	tokenPath = "/latest/api/token"
	rolesPath = "/latest/meta-data/iam/security-credentials/"

	// TokenTTLHeader is the request header that sets a token's lifetime.
	TokenTTLHeader = "X-aws-ec2-metadata-token-ttl-seconds"
	// TokenHeader carries the token on every metadata read.
	TokenHeader = "X-aws-ec2-metadata-token"

	// DefaultTokenTTL is the longest lifetime IMDS grants (six hours).
	DefaultTokenTTL = 6 * time.Hour
	// DefaultStepTimeout bounds each HTTP exchange. IMDS answers in
	// milliseconds; off EC2 the address does not answer at all, and a
	// credential chain must not hang on it.
	DefaultStepTimeout = time.Second

	// tokenMargin drops a cached token this long before IMDS would, so a
	// request never carries one that expires in flight.
	tokenMargin = time.Minute
	// maxBody caps what is read from any answer: the largest real one,
	// the credentials JSON, is under 2 KiB.
	maxBody = 64 << 10
)

// Client reads role credentials from IMDS. The zero value is ready to use
// with the defaults; set fields before the first call. A Client is safe for
// concurrent use and caches its session token until shortly before it
// expires.
type Client struct {
	// Endpoint is the base URL, scheme and host; empty means
	// DefaultEndpoint.
	Endpoint string
	// HTTPClient sends the requests; nil means one that never uses a
	// proxy, since the link-local address must be reached directly.
	HTTPClient *http.Client
	// TokenTTL is the lifetime asked for each token, whole seconds between
	// 1 and 21600; zero means DefaultTokenTTL.
	TokenTTL time.Duration
	// StepTimeout bounds each HTTP exchange; zero means
	// DefaultStepTimeout.
	StepTimeout time.Duration
	// Now is the clock that ages the cached token; nil means time.Now.
	Now func() time.Time

	mu        sync.Mutex
	token     string
	tokenDies time.Time
}

// RoleCredentials are the temporary keys of the instance's role.
type RoleCredentials struct {
	Role            string
	AccessKeyID     string
	SecretAccessKey string
	Token           string
	Expiration      time.Time
}

// String keeps the secrets out of any accidental print.
func (r RoleCredentials) String() string {
	return fmt.Sprintf("{Role:%s AccessKeyID:%s SecretAccessKey:[REDACTED] Token:[REDACTED] Expiration:%s}",
		r.Role, r.AccessKeyID, r.Expiration.Format(time.RFC3339))
}

// GoString is String, so %#v redacts too.
func (r RoleCredentials) GoString() string { return "imds.RoleCredentials" + r.String() }

// Credentials fetches a token (or reuses the cached one), the name of the
// role attached to the instance, and that role's credentials.
func (c *Client) Credentials(ctx context.Context) (RoleCredentials, error) {
	role, err := c.RoleName(ctx)
	if err != nil {
		return RoleCredentials{}, err
	}
	return c.RoleCredentials(ctx, role)
}

// RoleName returns the name of the role attached to the instance.
func (c *Client) RoleName(ctx context.Context) (string, error) {
	body, err := c.get(ctx, rolesPath)
	if err != nil {
		return "", fmt.Errorf("list instance roles: %w", err)
	}
	// The listing has one role per line; an instance profile holds at most one.
	for line := range strings.Lines(string(body)) {
		if role := strings.TrimSpace(line); role != "" {
			if strings.ContainsAny(role, "/?#% ") {
				return "", errors.New("list instance roles: answer is not a role name")
			}
			return role, nil
		}
	}
	return "", errors.New("list instance roles: no IAM role is attached to this instance")
}

// RoleCredentials returns the temporary credentials of the named role.
func (c *Client) RoleCredentials(ctx context.Context, role string) (RoleCredentials, error) {
	body, err := c.get(ctx, rolesPath+role)
	if err != nil {
		return RoleCredentials{}, fmt.Errorf("credentials of role %q: %w", role, err)
	}
	creds, err := decodeCredentials(body)
	if err != nil {
		return RoleCredentials{}, fmt.Errorf("credentials of role %q: %w", role, err)
	}
	creds.Role = role
	return creds, nil
}

// decodeCredentials reads the credentials document. Its error names the
// field at fault but never quotes the document, which holds the secrets.
func decodeCredentials(body []byte) (RoleCredentials, error) {
	var doc struct {
		Code            string
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string
		Token           string
		Expiration      string
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		// The decoder's messages can quote bytes of the input.
		return RoleCredentials{}, errors.New("answer is not a valid credentials JSON document")
	}
	if doc.Code != "Success" {
		code := doc.Code
		if len(code) > 64 {
			code = code[:64] + "..."
		}
		return RoleCredentials{}, fmt.Errorf("IMDS answered Code %q, want \"Success\"", code)
	}
	for _, f := range []struct{ name, value string }{
		{"AccessKeyId", doc.AccessKeyID},
		{"SecretAccessKey", doc.SecretAccessKey},
		{"Token", doc.Token},
		{"Expiration", doc.Expiration},
	} {
		if f.value == "" {
			return RoleCredentials{}, fmt.Errorf("answer has no %s", f.name)
		}
	}
	exp, err := time.Parse(time.RFC3339, doc.Expiration)
	if err != nil || exp.IsZero() {
		return RoleCredentials{}, fmt.Errorf("Expiration %q is not an RFC 3339 time", doc.Expiration)
	}
	return RoleCredentials{
		AccessKeyID:     doc.AccessKeyID,
		SecretAccessKey: doc.SecretAccessKey,
		Token:           doc.Token,
		Expiration:      exp,
	}, nil
}

// get reads a metadata path with a token. A 401 means IMDS no longer
// knows the token (it restarted, or the clock lied), so get drops it and
// tries once more with a fresh one.
func (c *Client) get(ctx context.Context, path string) ([]byte, error) {
	for attempt := 0; ; attempt++ {
		token, err := c.Token(ctx)
		if err != nil {
			return nil, err
		}
		body, status, err := c.do(ctx, http.MethodGet, path, http.Header{TokenHeader: {token}})
		if err != nil {
			return nil, err
		}
		switch {
		case status == http.StatusOK:
			return body, nil
		case status == http.StatusUnauthorized && attempt == 0:
			c.dropToken(token)
			continue
		case status == http.StatusNotFound:
			return nil, fmt.Errorf("GET %s: 404 Not Found (no IAM role is attached to this instance, or it is not an IMDS)", c.url(path))
		default:
			return nil, fmt.Errorf("GET %s: %s", c.url(path), statusText(status))
		}
	}
}

// Token returns a session token, from the cache while it is still good.
func (c *Client) Token(ctx context.Context) (string, error) {
	ttl := c.TokenTTL
	if ttl == 0 {
		ttl = DefaultTokenTTL
	}
	secs := int64(ttl / time.Second)
	if secs < 1 || secs > int64(DefaultTokenTTL/time.Second) {
		return "", fmt.Errorf("TokenTTL %s is out of range: want 1s to 6h", ttl)
	}
	now := c.now()
	c.mu.Lock()
	if c.token != "" && now.Before(c.tokenDies) {
		tok := c.token
		c.mu.Unlock()
		return tok, nil
	}
	c.mu.Unlock()

	body, status, err := c.do(ctx, http.MethodPut, tokenPath,
		http.Header{TokenTTLHeader: {strconv.FormatInt(secs, 10)}})
	if err != nil {
		return "", fmt.Errorf("get session token: %w", err)
	}
	switch status {
	case http.StatusOK:
	case http.StatusForbidden:
		return "", errors.New("get session token: PUT " + c.url(tokenPath) + ": 403 Forbidden (IMDS is disabled on this instance, or the request came through a proxy)")
	case http.StatusNotFound, http.StatusMethodNotAllowed:
		return "", fmt.Errorf("get session token: PUT %s: %s (the endpoint does not offer IMDSv2 tokens: it is IMDSv1 only or not an instance metadata service)", c.url(tokenPath), statusText(status))
	default:
		return "", fmt.Errorf("get session token: PUT %s: %s", c.url(tokenPath), statusText(status))
	}
	token := strings.TrimSpace(string(body))
	if token == "" {
		return "", errors.New("get session token: PUT " + c.url(tokenPath) + ": empty token")
	}
	dies := now.Add(ttl - tokenMargin)
	if ttl <= 2*tokenMargin {
		// A short TTL is for tests and debugging; halve it instead of
		// refusing to cache at all.
		dies = now.Add(ttl / 2)
	}
	c.mu.Lock()
	c.token, c.tokenDies = token, dies
	c.mu.Unlock()
	return token, nil
}

// dropToken forgets token unless another caller already replaced it.
func (c *Client) dropToken(token string) {
	c.mu.Lock()
	if c.token == token {
		c.token = ""
	}
	c.mu.Unlock()
}

// do sends one request under the step timeout and reads a bounded body.
func (c *Client) do(ctx context.Context, method, path string, h http.Header) ([]byte, int, error) {
	timeout := c.StepTimeout
	if timeout <= 0 {
		timeout = DefaultStepTimeout
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	url := c.url(path)
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("bad endpoint %q: %w", c.Endpoint, err)
	}
	req.Header = h
	resp, err := c.httpClient().Do(req)
	if err != nil {
		if perr := parent.Err(); perr != nil {
			// The caller gave up; the step timeout is not to blame.
			return nil, 0, fmt.Errorf("%s %s: %w", method, url, perr)
		}
		return nil, 0, describe(method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, 0, fmt.Errorf("%s %s: read answer: %w", method, url, err)
	}
	if len(body) > maxBody {
		return nil, 0, fmt.Errorf("%s %s: answer is larger than %d bytes", method, url, maxBody)
	}
	return body, resp.StatusCode, nil
}

// describe turns a transport failure into one line a person can act on.
// The *url.Error from the client already names method and URL.
func describe(method, url string, err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("%s %s: no answer in time (not running on EC2?): %w", method, url, context.DeadlineExceeded)
	}
	var ue *neturl.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%s %s: %w", method, url, err)
}

func (c *Client) url(path string) string {
	endpoint := strings.TrimSuffix(c.Endpoint, "/")
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	return endpoint + path
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return strconv.Itoa(code) + " " + t
	}
	return strconv.Itoa(code)
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

var defaultHTTPClient = &http.Client{
	Transport: &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: DefaultStepTimeout}).DialContext,
		MaxIdleConnsPerHost: 2,
	},
}

func (c *Client) httpClient() *http.Client {
	if c.HTTPClient != nil {
		return c.HTTPClient
	}
	return defaultHTTPClient
}
