package imds_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam/internal/imds"
	"github.com/iamkit/iam/internal/imds/imdsfake"
)

const (
	secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	token  = "IQoJb3JpZ2luX2VjEXAMPLETOKEN"
)

var t0 = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// clock is a settable time source shared by the client under test.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func newFake(t *testing.T) (*imdsfake.IMDS, *imds.Client, *clock) {
	t.Helper()
	fake := imdsfake.New()
	fake.SetRole("web-role")
	fake.SetCredentials("ASIAEXAMPLE", secret, token, t0.Add(6*time.Hour))
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	clk := &clock{now: t0}
	return fake, &imds.Client{Endpoint: srv.URL, HTTPClient: srv.Client(), Now: clk.Now}, clk
}

func TestCredentials(t *testing.T) {
	fake, c, _ := newFake(t)
	got, err := c.Credentials(context.Background())
	require.NoError(t, err)
	assert.Equal(t, imds.RoleCredentials{
		Role: "web-role", AccessKeyID: "ASIAEXAMPLE", SecretAccessKey: secret,
		Token: token, Expiration: t0.Add(6 * time.Hour),
	}, got)
	assert.Equal(t, "21600", fake.LastTTL(), "token TTL header")
	puts, lists, reads := fake.Counts()
	assert.Equal(t, [3]int{1, 1, 1}, [3]int{puts, lists, reads})
}

func TestTokenTTLHeader(t *testing.T) {
	fake, c, _ := newFake(t)
	c.TokenTTL = 90 * time.Second
	_, err := c.Token(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "90", fake.LastTTL())

	c.TokenTTL = 7 * time.Hour
	_, err = c.Token(context.Background())
	require.ErrorContains(t, err, "TokenTTL 7h0m0s is out of range")
}

func TestTokenIsCachedUntilItAges(t *testing.T) {
	fake, c, clk := newFake(t)
	ctx := context.Background()
	for range 3 {
		_, err := c.Credentials(ctx)
		require.NoError(t, err)
	}
	puts, _, _ := fake.Counts()
	assert.Equal(t, 1, puts, "one token serves several reads")

	clk.Add(6*time.Hour - 30*time.Second) // inside the safety margin
	_, err := c.Credentials(ctx)
	require.NoError(t, err)
	puts, _, _ = fake.Counts()
	assert.Equal(t, 2, puts, "a token about to expire is replaced")
}

func TestUnauthorizedTokenIsReplacedOnce(t *testing.T) {
	fake, c, _ := newFake(t)
	ctx := context.Background()
	_, err := c.Credentials(ctx)
	require.NoError(t, err)

	fake.ForgetTokens() // IMDS restarted: our cached token is unknown now
	got, err := c.Credentials(ctx)
	require.NoError(t, err)
	assert.Equal(t, "ASIAEXAMPLE", got.AccessKeyID)
	puts, _, _ := fake.Counts()
	assert.Equal(t, 2, puts)
}

func TestFailures(t *testing.T) {
	tests := map[string]struct {
		setup func(*imdsfake.IMDS)
		want  string
	}{
		"token forbidden": {
			setup: func(f *imdsfake.IMDS) { f.SetTokenStatus(http.StatusForbidden) },
			want:  "/latest/api/token: 403 Forbidden (IMDS is disabled",
		},
		"IMDSv1 only (404)": {
			setup: func(f *imdsfake.IMDS) { f.SetTokenStatus(http.StatusNotFound) },
			want:  "404 Not Found (the endpoint does not offer IMDSv2 tokens: it is IMDSv1 only",
		},
		"IMDSv1 only (405)": {
			setup: func(f *imdsfake.IMDS) { f.SetTokenStatus(http.StatusMethodNotAllowed) },
			want:  "405 Method Not Allowed (the endpoint does not offer IMDSv2 tokens",
		},
		"token server error": {
			setup: func(f *imdsfake.IMDS) { f.SetTokenStatus(http.StatusInternalServerError) },
			want:  "/latest/api/token: 500 Internal Server Error",
		},
		"no role": {
			setup: func(f *imdsfake.IMDS) { f.SetRole("") },
			want:  "/latest/meta-data/iam/security-credentials/: 404 Not Found (no IAM role",
		},
		"code not success": {
			setup: func(f *imdsfake.IMDS) { f.SetDocument(`{"Code":"AssumeRoleUnauthorizedAccess"}`) },
			want:  `credentials of role "web-role": IMDS answered Code "AssumeRoleUnauthorizedAccess", want "Success"`,
		},
		"not JSON": {
			setup: func(f *imdsfake.IMDS) { f.SetDocument(`{"Code":"Success","SecretAccessKey":"` + secret) },
			want:  `credentials of role "web-role": answer is not a valid credentials JSON document`,
		},
		"missing secret": {
			setup: func(f *imdsfake.IMDS) {
				f.SetDocument(`{"Code":"Success","AccessKeyId":"A","Token":"` + token + `","Expiration":"2026-11-29T18:00:00Z"}`)
			},
			want: "answer has no SecretAccessKey",
		},
		"bad expiration": {
			setup: func(f *imdsfake.IMDS) {
				f.SetDocument(`{"Code":"Success","AccessKeyId":"A","SecretAccessKey":"` + secret + `","Token":"` + token + `","Expiration":"tomorrow"}`)
			},
			want: `Expiration "tomorrow" is not an RFC 3339 time`,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			fake, c, _ := newFake(t)
			tt.setup(fake)
			_, err := c.Credentials(context.Background())
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), secret)
			assert.NotContains(t, err.Error(), token)
			assert.NotContains(t, err.Error(), "fake-token")
		})
	}
}

func TestStepTimeout(t *testing.T) {
	// The handler never answers on its own; only the client's step
	// timeout can end the exchange, so the test does not depend on speed.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	c := &imds.Client{Endpoint: srv.URL, HTTPClient: srv.Client(), StepTimeout: time.Millisecond}
	_, err := c.Credentials(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no answer in time (not running on EC2?)")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestCallerCancels(t *testing.T) {
	_, c, _ := newFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Credentials(ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.NotContains(t, err.Error(), "no answer in time")
}

func TestNoServer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there now
	c := &imds.Client{Endpoint: url}
	_, err := c.Credentials(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "get session token: PUT "+url+"/latest/api/token: ")
}

func TestRoleCredentialsRedacted(t *testing.T) {
	rc := imds.RoleCredentials{Role: "r", AccessKeyID: "A", SecretAccessKey: secret, Token: token}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(verb, rc)
		assert.NotContains(t, out, secret, verb)
		assert.NotContains(t, out, token, verb)
	}
}

func TestConcurrentCalls(t *testing.T) {
	_, c, _ := newFake(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			_, err := c.Credentials(context.Background())
			assert.NoError(t, err)
		})
	}
	wg.Wait()
}

// TestFakeEnforcesIMDSv2 guards the other tests: they prove the client
// sends a token and a TTL only because the fake refuses requests without.
func TestFakeEnforcesIMDSv2(t *testing.T) {
	fake := imdsfake.New()
	fake.SetRole("web-role")
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	tests := map[string]struct {
		method string
		path   string
		header http.Header
		want   int
	}{
		"IMDSv1 read":     {http.MethodGet, "/latest/meta-data/iam/security-credentials/", nil, http.StatusUnauthorized},
		"bad token":       {http.MethodGet, "/latest/meta-data/iam/security-credentials/", http.Header{imds.TokenHeader: {"forged"}}, http.StatusUnauthorized},
		"PUT without TTL": {http.MethodPut, "/latest/api/token", nil, http.StatusBadRequest},
		"TTL too long":    {http.MethodPut, "/latest/api/token", http.Header{imds.TokenTTLHeader: {"21601"}}, http.StatusBadRequest},
		"forwarded":       {http.MethodPut, "/latest/api/token", http.Header{imds.TokenTTLHeader: {"60"}, "X-Forwarded-For": {"10.0.0.1"}}, http.StatusForbidden},
		"GET token":       {http.MethodGet, "/latest/api/token", nil, http.StatusMethodNotAllowed},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+tt.path, nil)
			require.NoError(t, err)
			for k, v := range tt.header {
				req.Header[k] = v
			}
			resp, err := srv.Client().Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tt.want, resp.StatusCode)
		})
	}
}
