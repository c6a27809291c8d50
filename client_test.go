package iam

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testAccessKey = "AKIDTESTCLIENT"
	testSecretKey = "wJalrXUtnFEMI/K7MDENG/TESTSECRETKEY00001"
	testToken     = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0000001"
)

var testTime = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

// fastRetries keep retry tests quick while still exercising the backoff.
var fastRetries = RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond}

// newTestClient returns a client for an httptest server running handler,
// with fixed credentials and a fixed clock.
func newTestClient(t *testing.T, handler http.HandlerFunc, opts ...Option) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	base := []Option{
		WithEndpoint(srv.URL),
		WithCredentials(StaticCredentials(testAccessKey, testSecretKey, "")),
		WithClock(func() time.Time { return testTime }),
		WithRetryPolicy(fastRetries),
	}
	c, err := New(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

func xmlReply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return string(b)
}

const okListUsers = `<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
<ListUsersResult><IsTruncated>false</IsTruncated><Users>
<member><UserName>alice</UserName><Arn>arn:aws:iam::123456789012:user/alice</Arn></member>
</Users></ListUsersResult>
<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListUsersResponse>`

func TestCallSendsForm(t *testing.T) {
	var got url.Values
	var hdr http.Header
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		require.Equal(t, http.MethodPost, r.Method)
		require.NoError(t, r.ParseForm())
		got, hdr = r.PostForm, r.Header
		xmlReply(w, 200, okListUsers)
	})
	resp, err := c.Call(context.Background(), "ListUsers", Params{
		"PathPrefix":  "/division a/",
		"MaxItems":    50,
		"Flag":        true,
		"PolicyArns":  []string{"arn:1", "arn:2"},
		"Empty":       []string{},
		"Tags":        []Tag{{"team", "blue"}, {"env", "x y"}},
		"Tags.extra":  "kept",
		"Marker":      "a~b+c",
		"NoTags":      []Tag(nil),
		"Fields":      []map[string]string{{"ContextKeyName": "aws:username"}},
		"Since":       time.Date(2020, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600)),
		"NumberInt64": int64(-3),
	})
	require.NoError(t, err)
	assert.Equal(t, "req-1", resp.RequestID())
	assert.Equal(t, "alice", resp.List("Users")[0].Get("UserName").String())

	want := url.Values{
		"Action": {"ListUsers"}, "Version": {"2010-05-08"},
		"PathPrefix": {"/division a/"}, "MaxItems": {"50"}, "Flag": {"true"},
		"PolicyArns.member.1": {"arn:1"}, "PolicyArns.member.2": {"arn:2"},
		"Tags.member.1.Key": {"team"}, "Tags.member.1.Value": {"blue"},
		"Tags.member.2.Key": {"env"}, "Tags.member.2.Value": {"x y"},
		"Tags.extra": {"kept"}, "Marker": {"a~b+c"},
		"Fields.member.1.ContextKeyName": {"aws:username"},
		"Since":                          {"2020-01-02T02:04:05Z"},
		"NumberInt64":                    {"-3"},
	}
	assert.Equal(t, want, got)
	assert.Equal(t, "application/x-www-form-urlencoded; charset=utf-8", hdr.Get("Content-Type"))
	assert.Equal(t, "20240506T070809Z", hdr.Get("X-Amz-Date"))
	assert.True(t, strings.HasPrefix(hdr.Get("Authorization"),
		"AWS4-HMAC-SHA256 Credential="+testAccessKey+"/20240506/us-east-1/iam/aws4_request, SignedHeaders="),
		hdr.Get("Authorization"))
	assert.Contains(t, hdr.Get("User-Agent"), "iamkit/")
	assert.Empty(t, hdr.Get("X-Amz-Security-Token"))
}

func TestCallRefusesBadInputBeforeSending(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { hits.Add(1) })
	cases := map[string]struct {
		action string
		params Params
		want   string
	}{
		"empty action":     {"", nil, "action name is empty"},
		"action with junk": {"List Users", nil, "only letters and digits"},
		"unsupported type": {"ListUsers", Params{"MaxItems": 1.5}, "parameter MaxItems: unsupported value type float64"},
		"action param":     {"ListUsers", Params{"Action": "DeleteUser"}, `"Action" is set by the client`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := c.Call(context.Background(), tc.action, tc.params)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	assert.Zero(t, hits.Load(), "no request may reach the server")
}

func TestSessionTokenIsSentAndSigned(t *testing.T) {
	var hdr http.Header
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hdr = r.Header
		xmlReply(w, 200, okListUsers)
	}, WithCredentials(StaticCredentials(testAccessKey, testSecretKey, testToken)))
	_, err := c.Call(context.Background(), "ListUsers", nil)
	require.NoError(t, err)
	assert.Equal(t, testToken, hdr.Get("X-Amz-Security-Token"))
	assert.Contains(t, hdr.Get("Authorization"), "x-amz-security-token")
}

func TestSigV2Request(t *testing.T) {
	var got url.Values
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		got = r.PostForm
		assert.Empty(t, r.Header.Get("Authorization"))
		xmlReply(w, 200, okListUsers)
	}, WithSignatureVersion(SigV2), WithCredentials(StaticCredentials(testAccessKey, testSecretKey, testToken)))
	_, err := c.Call(context.Background(), "ListUsers", Params{"PathPrefix": "/"})
	require.NoError(t, err)
	assert.Equal(t, "2", got.Get("SignatureVersion"))
	assert.Equal(t, "HmacSHA256", got.Get("SignatureMethod"))
	assert.Equal(t, testAccessKey, got.Get("AWSAccessKeyId"))
	assert.Equal(t, "2024-05-06T07:08:09Z", got.Get("Timestamp"))
	assert.Equal(t, testToken, got.Get("SecurityToken"))
	assert.NotEmpty(t, got.Get("Signature"))
}

func TestEndpointPathIsKeptAndSigned(t *testing.T) {
	var path string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.Path
		xmlReply(w, 200, okListUsers)
	}))
	defer srv.Close()
	c, err := New(WithEndpoint(srv.URL+"/services/Euare"),
		WithCredentials(StaticCredentials(testAccessKey, testSecretKey, "")))
	require.NoError(t, err)
	_, err = c.Call(context.Background(), "ListUsers", nil)
	require.NoError(t, err)
	assert.Equal(t, "/services/Euare", path)
}

func TestEndpointResolution(t *testing.T) {
	cases := map[string]struct {
		opt, envIAM, envAll, want string
	}{
		"option wins":        {"http://127.0.0.1:4599", "http://iam-env", "http://all-env", "http://127.0.0.1:4599/"},
		"service env":        {"", "http://iam-env:1", "http://all-env:2", "http://iam-env:1/"},
		"generic env":        {"", "", "http://all-env:2/x", "http://all-env:2/x"},
		"default":            {"", "", "", DefaultEndpoint},
		"path kept verbatim": {"http://h:8773/services/Euare", "", "", "http://h:8773/services/Euare"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Setenv("AWS_ENDPOINT_URL_IAM", tc.envIAM)
			t.Setenv("AWS_ENDPOINT_URL", tc.envAll)
			u, err := resolveEndpoint(tc.opt)
			require.NoError(t, err)
			assert.Equal(t, tc.want, u.String())
		})
	}
	for _, bad := range []string{"ftp://x", "://", "iam.amazonaws.com", "http://h/?a=b"} {
		_, err := New(WithEndpoint(bad), WithCredentials(StaticCredentials("a", "b", "")))
		assert.Error(t, err, bad)
	}
}

func TestRegionResolution(t *testing.T) {
	cases := map[string]struct{ opt, host, env, want string }{
		"option":        {"eu-west-1", "iam.amazonaws.com", "ap-south-1", "eu-west-1"},
		"global":        {"", "iam.amazonaws.com", "ap-south-1", "us-east-1"},
		"global api":    {"", "iam.global.api.aws", "", "us-east-1"},
		"fips":          {"", "iam-fips.amazonaws.com", "", "us-east-1"},
		"china":         {"", "iam.cn-north-1.amazonaws.com.cn", "", "cn-north-1"},
		"china global":  {"", "iam.amazonaws.com.cn", "", "cn-north-1"},
		"govcloud":      {"", "iam.us-gov.amazonaws.com", "", "us-gov-west-1"},
		"regional":      {"", "IAM.eu-central-1.amazonaws.com", "", "eu-central-1"},
		"other host":    {"", "127.0.0.1", "ap-south-1", "ap-south-1"},
		"nothing known": {"", "localhost", "", "us-east-1"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Setenv("AWS_REGION", tc.env)
			assert.Equal(t, tc.want, resolveRegion(tc.opt, tc.host))
		})
	}
}

func TestErrorShapes(t *testing.T) {
	cases := map[string]struct {
		status   int
		body     string
		code     string
		typ      string
		fault    smithy.ErrorFault
		reqID    string
		sentinel error
		inMsg    string
	}{
		"no such entity": {404, fixture(t, "errors/nosuchentity.xml"), "NoSuchEntity", "Sender", smithy.FaultClient,
			"7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", ErrNoSuchEntity, "cannot be found"},
		"access denied": {403, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>r2</RequestId></ErrorResponse>`,
			"AccessDenied", "Sender", smithy.FaultClient, "r2", ErrAccessDenied, "no"},
		"html body":  {403, fixture(t, "errors/html503.html"), "", "", smithy.FaultClient, "", nil, "upstream overloaded"},
		"empty body": {409, "", "", "", smithy.FaultClient, "", nil, "Conflict"},
		"garbage":    {400, "\x00\x01not xml<<", "", "", smithy.FaultClient, "", nil, "not xml"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var hits atomic.Int32
			c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				xmlReply(w, tc.status, tc.body)
			})
			_, err := c.Call(context.Background(), "GetUser", Params{"UserName": "bob"})
			require.Error(t, err)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.status, ae.StatusCode)
			assert.Equal(t, tc.code, ae.Code)
			assert.Equal(t, tc.typ, ae.Type)
			assert.Equal(t, tc.reqID, ae.RequestID)
			assert.Contains(t, ae.Message, tc.inMsg)
			var sm smithy.APIError
			require.ErrorAs(t, err, &sm)
			assert.Equal(t, tc.fault, sm.ErrorFault())
			var oe *OperationError
			require.ErrorAs(t, err, &oe)
			assert.Equal(t, "GetUser", oe.Action)
			assert.Contains(t, err.Error(), "iam GetUser:")
			if tc.sentinel != nil {
				assert.ErrorIs(t, err, tc.sentinel)
				assert.NotErrorIs(t, err, ErrEntityAlreadyExists)
			}
			assert.Equal(t, tc.code == CodeNoSuchEntity, IsNotFound(err))
			assert.Equal(t, tc.code, ErrorCode(err))
			assert.EqualValues(t, 1, hits.Load(), "4xx answers are not retried")
		})
	}
}

func TestServerFaultFromReceiverType(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		xmlReply(w, 500, fixture(t, "errors/servicefailure.xml"))
	}, WithRetryPolicy(RetryPolicy{MaxAttempts: 1}))
	_, err := c.Call(context.Background(), "ListUsers", nil)
	var sm smithy.APIError
	require.ErrorAs(t, err, &sm)
	assert.Equal(t, smithy.FaultServer, sm.ErrorFault())
	assert.ErrorIs(t, err, ErrServiceFailure)
}

func TestUndecodableSuccessBody(t *testing.T) {
	body := "<ListUsersResponse><ListUsersResult>" + strings.Repeat("x", 1000)
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { xmlReply(w, 200, body) })
	_, err := c.Call(context.Background(), "ListUsers", nil)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 200, de.StatusCode)
	assert.Len(t, de.Snapshot, snapshotLen)
	assert.True(t, bytes.HasPrefix([]byte(body), de.Snapshot))
}

func TestRetryThrottledTwiceThenSuccess(t *testing.T) {
	var hits atomic.Int32
	var dates sync.Map
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		dates.Store(n, r.Header.Get("Authorization"))
		if n <= 2 {
			xmlReply(w, 400, fixture(t, "errors/throttling.xml"))
			return
		}
		xmlReply(w, 200, okListUsers)
	})
	resp, err := c.Call(context.Background(), "ListUsers", nil)
	require.NoError(t, err)
	assert.Equal(t, "alice", resp.List("Users")[0].Get("UserName").String())
	assert.EqualValues(t, 3, hits.Load())
	_, ok := dates.Load(int32(3))
	assert.True(t, ok, "every attempt carries its own signature")
}

func TestRetrySignsEachAttemptAfresh(t *testing.T) {
	var hits atomic.Int32
	var seen []string
	var mu sync.Mutex
	clock := testTime
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("X-Amz-Date"))
		mu.Unlock()
		if hits.Add(1) == 1 {
			xmlReply(w, 503, "")
			return
		}
		xmlReply(w, 200, okListUsers)
	}, WithClock(func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}))
	_, err := c.Call(context.Background(), "ListUsers", nil)
	require.NoError(t, err)
	require.Len(t, seen, 2)
	assert.NotEqual(t, seen[0], seen[1])
}

func TestRetryGivesUpAndCounts(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		xmlReply(w, 400, fixture(t, "errors/throttling.xml"))
	})
	_, err := c.Call(context.Background(), "ListUsers", nil)
	require.Error(t, err)
	assert.EqualValues(t, 5, hits.Load())
	var oe *OperationError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, 5, oe.Attempts)
	assert.Contains(t, err.Error(), "after 5 attempts")
	assert.ErrorIs(t, err, ErrThrottling)
}

func TestRetryStopsWhenContextCancelledMidBackoff(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var hits atomic.Int32
	// The client logs "iam retry" just before it waits out the backoff; the
	// hook cancels the context there, so the cancellation lands mid-wait.
	logger := slog.New(hookHandler{on: "iam retry", do: cancel})
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		xmlReply(w, 400, fixture(t, "errors/throttling.xml"))
	}, WithLogger(logger), WithRetryPolicy(RetryPolicy{MaxAttempts: 5, BaseDelay: time.Hour, MaxDelay: time.Hour}))
	done := make(chan error, 1)
	go func() { _, err := c.Call(ctx, "ListUsers", nil); done <- err }()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.ErrorIs(t, err, context.Canceled)
		assert.ErrorIs(t, err, ErrThrottling, "the last answer is kept")
	case <-time.After(30 * time.Second):
		t.Fatal("a cancelled context must stop the backoff at once")
	}
	assert.EqualValues(t, 1, hits.Load())
}

// hookHandler is a slog handler that runs do when a record with message on
// is logged.
type hookHandler struct {
	on string
	do func()
}

func (h hookHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h hookHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.on {
		h.do()
	}
	return nil
}
func (h hookHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h hookHandler) WithGroup(string) slog.Handler      { return h }

func TestRetryDroppedConnection(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			require.NoError(t, err)
			conn.Close()
			return
		}
		xmlReply(w, 200, okListUsers)
	})
	_, err := c.Call(context.Background(), "ListUsers", nil)
	require.NoError(t, err)
	assert.EqualValues(t, 2, hits.Load())
}

func TestRetryConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	c, err := New(WithEndpoint("http://"+addr), WithCredentials(StaticCredentials("a", "b", "")),
		WithRetryPolicy(RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	require.NoError(t, err)
	_, err = c.Call(context.Background(), "ListUsers", nil)
	var oe *OperationError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, 3, oe.Attempts)
}

func TestResponseSizeLimit(t *testing.T) {
	big := "<R>" + strings.Repeat("a", 2048) + "</R>"
	for name, chunked := range map[string]bool{"content-length": false, "chunked": true} {
		t.Run(name, func(t *testing.T) {
			var hits atomic.Int32
			c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if chunked {
					w.WriteHeader(200)
					for i := 0; i < len(big); i += 100 {
						_, _ = w.Write([]byte(big[i:min(i+100, len(big))]))
						w.(http.Flusher).Flush()
					}
					return
				}
				xmlReply(w, 200, big)
			}, WithMaxResponseSize(1024))
			_, err := c.Call(context.Background(), "ListUsers", nil)
			assert.ErrorIs(t, err, ErrResponseTooLarge)
			assert.EqualValues(t, 1, hits.Load())
		})
	}
}

func TestDebugLogRedactsSecrets(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	const newSecret = "NEWSECRETwJalrXUtnFEMI/K7MDENGbPxRfiCYzEXAMPLE"
	var authz string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		authz = r.Header.Get("Authorization")
		xmlReply(w, 200, `<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey>
<UserName>bob</UserName><AccessKeyId>AKIANEW</AccessKeyId><Status>Active</Status>
<SecretAccessKey>`+newSecret+`</SecretAccessKey></AccessKey></CreateAccessKeyResult>
<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></CreateAccessKeyResponse>`)
	}, WithLogger(logger), WithDebug(true),
		WithCredentials(StaticCredentials(testAccessKey, testSecretKey, testToken)))
	resp, err := c.Call(context.Background(), "CreateAccessKey", Params{"UserName": "bob", "Password": "hunter2-password"})
	require.NoError(t, err)
	assert.Equal(t, newSecret, resp.Get("SecretAccessKey").String(), "the caller still gets the secret")

	out := logs.String()
	require.Contains(t, out, "CreateAccessKey", "debug logging is on")
	sig := authz[strings.LastIndex(authz, "=")+1:]
	for _, secret := range []string{testSecretKey, testToken, newSecret, "hunter2-password", sig} {
		assert.NotContains(t, out, secret)
	}
}

func TestNoLoggingByDefault(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { xmlReply(w, 200, okListUsers) }, WithLogger(logger))
	_, err := c.Call(context.Background(), "ListUsers", nil)
	require.NoError(t, err)
	assert.Empty(t, logs.String())
}

func TestClientIsSafeForConcurrentUse(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1)%7 == 0 {
			xmlReply(w, 400, fixture(t, "errors/throttling.xml"))
			return
		}
		xmlReply(w, 200, okListUsers)
	})
	var wg sync.WaitGroup
	errs := make(chan error, 16*8)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 8; j++ {
				resp, err := c.Call(context.Background(), "ListUsers", nil)
				if err == nil && resp.Path("ListUsersResult.Users").Members()[0].Get("UserName").String() != "alice" {
					err = errors.New("wrong body")
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestRetryPolicyBackoff(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for attempt := 1; attempt <= 9; attempt++ {
		ceiling := min(time.Second, 100*time.Millisecond<<(attempt-1))
		for i := 0; i < 200; i++ {
			d := p.backoff(attempt)
			require.GreaterOrEqual(t, d, time.Duration(0))
			require.LessOrEqual(t, d, ceiling)
		}
	}
	assert.LessOrEqual(t, p.backoff(500), time.Second, "no overflow on huge attempt numbers")
	for _, bad := range []RetryPolicy{{MaxAttempts: 0}, {MaxAttempts: 1, BaseDelay: -1}, {MaxAttempts: 2, BaseDelay: 2, MaxDelay: 1}} {
		_, err := New(WithRetryPolicy(bad))
		assert.Error(t, err)
	}
}

// TestRetryTooManyRequests: a proxy's 429 with an HTML body is throttling
// too, and is retried.
func TestRetryTooManyRequests(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte("<html>slow down</html>"))
			return
		}
		xmlReply(w, 200, okListUsers)
	})
	_, err := c.Call(context.Background(), "ListUsers", nil)
	require.NoError(t, err)
	assert.EqualValues(t, 2, hits.Load())
}
