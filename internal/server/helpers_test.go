package server

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/iamkit/iam/internal/server/testclient"
	"github.com/stretchr/testify/require"
)

const (
	testAK = "AKIAIOSFODNN7EXAMPLE"
	testSK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// testClock is a settable clock for tests.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time          { return c.t }
func (c *testClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// env is a server under test with a root client.
type env struct {
	t     *testing.T
	s     *Server
	hs    *httptest.Server
	clock *testClock
	root  *testclient.Client
}

func newEnv(t *testing.T, mod ...func(*Config)) *env {
	t.Helper()
	clock := &testClock{t: time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)}
	cfg := Config{RootAccessKeyID: testAK, RootSecretAccessKey: testSK, Seed: 1, Now: clock.now}
	for _, m := range mod {
		m(&cfg)
	}
	s, err := New(cfg)
	require.NoError(t, err)
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return &env{t: t, s: s, hs: hs, clock: clock,
		root: &testclient.Client{URL: hs.URL, AccessKeyID: testAK, SecretAccessKey: testSK, Now: clock.now}}
}

// client returns a signed client for other keys.
func (e *env) client(ak, sk string) *testclient.Client {
	return &testclient.Client{URL: e.hs.URL, AccessKeyID: ak, SecretAccessKey: sk, Now: e.clock.now}
}

// do sends a signed root request and returns the answer.
func (e *env) do(action string, kv ...string) *testclient.Response {
	e.t.Helper()
	return mustDo(e.t, e.root, action, kv...)
}

func mustDo(t *testing.T, c *testclient.Client, action string, kv ...string) *testclient.Response {
	t.Helper()
	r, err := c.Do(context.Background(), action, kv...)
	require.NoError(t, err)
	requireWellFormed(t, r.Body)
	return r
}

// ok sends a root request that must succeed.
func (e *env) ok(action string, kv ...string) *testclient.Response {
	e.t.Helper()
	r := e.do(action, kv...)
	require.Equal(e.t, http.StatusOK, r.Status, "%s: %s", action, r.Body)
	return r
}

// fail sends a root request that must fail with code and status.
func (e *env) fail(status int, code, action string, kv ...string) *testclient.Response {
	e.t.Helper()
	r := e.do(action, kv...)
	requireError(e.t, r, status, code)
	return r
}

func requireError(t *testing.T, r *testclient.Response, status int, code string) {
	t.Helper()
	require.Equal(t, status, r.Status, "%s", r.Body)
	require.Equal(t, []string{code}, values(t, r.Body, "Code"), "%s", r.Body)
	typ := "Sender"
	if status >= 500 {
		typ = "Receiver"
	}
	require.Equal(t, []string{typ}, values(t, r.Body, "Type"))
	require.Len(t, values(t, r.Body, "RequestId"), 1)
}

// direct runs a request through the handler as root without signing: the
// unexported hook for handler tests and the fuzz target.
func (e *env) direct(body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.s.serve(rec, req, e.s.rootPrincipal())
	return rec
}

// form encodes an action and its parameters.
func form(action string, kv ...string) string {
	v := url.Values{"Action": {action}, "Version": {APIVersion}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode()
}

// values returns the text of every element named name, in document order.
func values(t testing.TB, body []byte, name string) []string {
	t.Helper()
	var out []string
	d := xml.NewDecoder(bytes.NewReader(body))
	var stack []string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err, "%s", body)
		switch tk := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tk.Name.Local)
			text.Reset()
		case xml.CharData:
			text.Write(tk)
		case xml.EndElement:
			if tk.Name.Local == name {
				out = append(out, text.String())
			}
			stack = stack[:len(stack)-1]
			text.Reset()
		}
	}
}

func value(t testing.TB, body []byte, name string) string {
	t.Helper()
	v := values(t, body, name)
	require.Len(t, v, 1, "element %s in %s", name, body)
	return v[0]
}

// requireWellFormed checks that body is one well-formed XML document in
// IAM's namespace.
func requireWellFormed(t testing.TB, body []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(body))
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "malformed XML: %q", body)
		switch tk := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				require.Equal(t, xmlNS, tk.Name.Space, "%s", body)
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	require.Equal(t, 1, roots, "%q", body)
	require.Equal(t, 0, depth)
}

func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	requireWellFormed(t, b)
	return b
}
