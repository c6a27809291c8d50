package iam

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingProvider answers with creds or err and counts the calls.
type countingProvider struct {
	calls atomic.Int32
	creds Credentials
	err   atomic.Pointer[error]
}

func (p *countingProvider) Retrieve(context.Context) (Credentials, error) {
	p.calls.Add(1)
	if e := p.err.Load(); e != nil {
		return Credentials{}, *e
	}
	return p.creds, nil
}

func (p *countingProvider) fail(err error) { p.err.Store(&err) }

func TestChainCredentialsOrder(t *testing.T) {
	errSkip := errors.New("not configured")
	first, second, third := &countingProvider{}, &countingProvider{}, &countingProvider{}
	first.fail(errSkip)
	second.creds = Credentials{AccessKeyID: "SECOND", SecretAccessKey: credSecret}
	third.creds = Credentials{AccessKeyID: "THIRD", SecretAccessKey: credSecret}
	chain := ChainCredentials(first, second, third)

	got, err := chain.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "SECOND", got.AccessKeyID)

	// The chain remembers the provider that answered.
	_, err = chain.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []int32{1, 2, 0}, []int32{first.calls.Load(), second.calls.Load(), third.calls.Load()})

	// When it stops answering, the whole chain is walked again, and it is
	// not asked twice in one walk.
	second.fail(errSkip)
	got, err = chain.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "THIRD", got.AccessKeyID)
	assert.Equal(t, []int32{2, 3, 1}, []int32{first.calls.Load(), second.calls.Load(), third.calls.Load()})
}

func TestChainCredentialsError(t *testing.T) {
	errSentinel := errors.New("custom provider is down")
	custom := &countingProvider{}
	custom.fail(errSentinel)
	clearCredentialEnv(t)
	chain := ChainCredentials(EnvCredentials(), StaticCredentials("", credSecret, ""), custom)

	_, err := chain.Retrieve(context.Background())
	require.EqualError(t, err, "iam: no credentials found: "+
		"env: AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY) and AWS_SECRET_ACCESS_KEY (or AWS_SECRET_KEY) are not set; "+
		"static: access key ID and secret access key must both be set; "+
		"custom provider is down")
	assert.ErrorIs(t, err, errSentinel)
	assertNoCredSecret(t, err.Error(), "chain error")

	_, err = ChainCredentials().Retrieve(context.Background())
	require.EqualError(t, err, "iam: no credentials: the credentials chain is empty")

	nested := ChainCredentials(ChainCredentials(custom), custom)
	_, err = nested.Retrieve(context.Background())
	require.EqualError(t, err, "iam: no credentials found: iam: no credentials found: custom provider is down; custom provider is down")
}

func TestChainCredentialsStopsWhenCanceled(t *testing.T) {
	second := &countingProvider{}
	ctx, cancel := context.WithCancel(context.Background())
	first := &countingProvider{}
	first.fail(errors.New("down"))
	cancel()
	_, err := ChainCredentials(first, second).Retrieve(ctx)
	require.Error(t, err)
	assert.Equal(t, int32(0), second.calls.Load())
}

func TestDefaultCredentials(t *testing.T) {
	home, err := filepath.Abs("testdata/credentials/home")
	require.NoError(t, err)

	t.Run("env first", func(t *testing.T) {
		clearCredentialEnv(t)
		t.Setenv("HOME", home)
		t.Setenv("AWS_ACCESS_KEY_ID", "AKIDENV")
		t.Setenv("AWS_SECRET_ACCESS_KEY", credSecret)
		got, err := DefaultCredentials().Retrieve(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "env", got.Source)
	})
	t.Run("shared files second", func(t *testing.T) {
		clearCredentialEnv(t)
		t.Setenv("HOME", home)
		got, err := DefaultCredentials().Retrieve(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "shared:default", got.Source)
		assert.Equal(t, "AKIDHOME", got.AccessKeyID)
	})
	t.Run("imds third", func(t *testing.T) {
		clearCredentialEnv(t)
		t.Setenv("HOME", t.TempDir())
		_, srv := newFakeIMDS(t)
		t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", srv.URL)
		got, err := DefaultCredentials().Retrieve(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "imds:app-role", got.Source)
	})
	t.Run("none lists every provider", func(t *testing.T) {
		clearCredentialEnv(t)
		empty := t.TempDir()
		t.Setenv("HOME", empty)
		t.Setenv("AWS_PROFILE", "ci")
		t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
		_, err := DefaultCredentials().Retrieve(context.Background())
		require.EqualError(t, err, "iam: no credentials found: "+
			"env: AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY) and AWS_SECRET_ACCESS_KEY (or AWS_SECRET_KEY) are not set; "+
			`shared files: profile "ci" not found in `+filepath.Join(empty, ".aws", "credentials")+" (no such file) or "+
			filepath.Join(empty, ".aws", "config")+" (no such file); "+
			"imds: disabled by AWS_EC2_METADATA_DISABLED=true")
	})
}
