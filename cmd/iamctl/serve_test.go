package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/iamkit/iam/internal/server/testclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the
// test to share, with a signal for each write.
type syncBuffer struct {
	mu    sync.Mutex
	b     bytes.Buffer
	wrote chan struct{}
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.b.Write(p)
	select {
	case s.wrote <- struct{}{}:
	default:
	}
	return n, err
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor blocks until the output matches re.
func (s *syncBuffer) waitFor(re *regexp.Regexp) []string {
	for {
		if m := re.FindStringSubmatch(s.String()); m != nil {
			return m
		}
		<-s.wrote
	}
}

func TestServeStartsAnswersAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{wrote: make(chan struct{}, 1)}
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- dispatch(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, out, &stderr) }()

	url := out.waitFor(regexp.MustCompile(`serving IAM on (http://\S+)`))[1]
	keys := out.waitFor(regexp.MustCompile(`root access key ID:\s+(\S+)\n.*root secret access key:\s+(\S+)\n`))
	c := &testclient.Client{URL: url, AccessKeyID: keys[1], SecretAccessKey: keys[2]}
	r, err := c.Do(context.Background(), "CreateUser", "UserName", "bob")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, r.Status, "%s", r)

	cancel()
	assert.Equal(t, 0, <-done, stderr.String())
	assert.Contains(t, out.String(), "iamctl: stopped")
}

func TestServeGivenKeysNotPrinted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{wrote: make(chan struct{}, 1)}
	done := make(chan int, 1)
	go func() {
		done <- dispatch(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--root-access-key", "AKIAGIVENGIVEN000000",
			"--root-secret-key", "topsecret", "--account-id", "111122223333"}, out, io.Discard)
	}()
	out.waitFor(regexp.MustCompile(`serving IAM on`))
	cancel()
	assert.Equal(t, 0, <-done)
	assert.NotContains(t, out.String(), "topsecret")
	assert.Contains(t, out.String(), "account 111122223333")
}

func TestDispatch(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 2, dispatch(context.Background(), nil, &out, &errOut))
	assert.Contains(t, errOut.String(), "serve")
	errOut.Reset()
	assert.Equal(t, 2, dispatch(context.Background(), []string{"nope"}, &out, &errOut))
	assert.Contains(t, errOut.String(), `unknown command "nope"`)
	assert.Equal(t, 2, dispatch(context.Background(), []string{"serve", "--bogus"}, &out, &errOut))
	assert.Equal(t, 1, dispatch(context.Background(), []string{"serve", "--account-id", "x"}, &out, &errOut))

	out.Reset()
	assert.Equal(t, 0, dispatch(context.Background(), []string{"serve", "--actions"}, &out, &errOut))
	actions := strings.Fields(out.String())
	assert.Contains(t, actions, "CreateUser")
	assert.Contains(t, actions, "SimulatePrincipalPolicy")
}

func TestServeLogsRequests(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{wrote: make(chan struct{}, 1)}
	logs := &syncBuffer{wrote: make(chan struct{}, 1)}
	done := make(chan int, 1)
	go func() {
		done <- dispatch(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--log",
			"--root-access-key", "AKIAGIVENGIVEN000000", "--root-secret-key", "topsecret"}, out, logs)
	}()
	url := out.waitFor(regexp.MustCompile(`serving IAM on (http://\S+)`))[1]
	c := &testclient.Client{URL: url, AccessKeyID: "AKIAGIVENGIVEN000000", SecretAccessKey: "topsecret"}
	_, err := c.Do(context.Background(), "GetUser", "UserName", "nobody")
	require.NoError(t, err)
	line := logs.waitFor(regexp.MustCompile(`GetUser 404 NoSuchEntity arn:aws:iam::123456789012:root \S+ \S+\n`))
	assert.NotContains(t, line[0], "topsecret")
	cancel()
	assert.Equal(t, 0, <-done)
}

// Generated root keys are kept in the state file: the second run accepts
// them and does not print the secret again.
func TestServeReusesGeneratedKeys(t *testing.T) {
	state := t.TempDir() + "/state.json"
	// run serves on the state file, calls while with the URL, then stops.
	run := func(while func(url string)) string {
		ctx, cancel := context.WithCancel(context.Background())
		out := &syncBuffer{wrote: make(chan struct{}, 1)}
		done := make(chan int, 1)
		go func() {
			done <- dispatch(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--state", state}, out, io.Discard)
		}()
		url := out.waitFor(regexp.MustCompile(`serving IAM on (http://\S+)`))[1]
		out.waitFor(regexp.MustCompile(`root access key ID:\s+\S+`))
		while(url)
		cancel()
		require.Equal(t, 0, <-done)
		return out.String()
	}
	first := run(func(string) {})
	keys := regexp.MustCompile(`root access key ID:\s+(\S+)\n.*root secret access key:\s+(\S+)\n`).FindStringSubmatch(first)
	require.NotNil(t, keys, first)
	second := run(func(url string) {
		c := &testclient.Client{URL: url, AccessKeyID: keys[1], SecretAccessKey: keys[2]}
		r, err := c.Do(context.Background(), "GetUser")
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, r.Status, "%s", r)
	})
	assert.NotContains(t, second, keys[2])
	assert.Contains(t, second, keys[1])
}
