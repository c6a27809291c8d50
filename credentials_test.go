package iam

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	credSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	credToken  = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN"
)

var credT0 = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// credClock is a settable clock for the refresh tests.
type credClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *credClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *credClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func credFixture() Credentials {
	return Credentials{
		AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: credSecret, SessionToken: credToken,
		Source: "test", CanExpire: true, Expires: credT0,
	}
}

func assertNoCredSecret(t *testing.T, out, what string) {
	t.Helper()
	assert.NotContains(t, out, credSecret, what)
	assert.NotContains(t, out, credToken, what)
}

func TestCredentialsRedactedByFmt(t *testing.T) {
	c := credFixture()
	type holder struct{ Creds Credentials }
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%T"} {
		t.Run(verb, func(t *testing.T) {
			assertNoCredSecret(t, fmt.Sprintf(verb, c), "value")
			assertNoCredSecret(t, fmt.Sprintf(verb, &c), "pointer")
			assertNoCredSecret(t, fmt.Sprintf(verb, holder{c}), "field")
			assertNoCredSecret(t, fmt.Sprintf(verb, []Credentials{c}), "slice")
		})
	}
	assert.Equal(t, "{AccessKeyID:AKIDEXAMPLE SecretAccessKey:[REDACTED] SessionToken:[REDACTED] Source:test Expires:2026-11-29T12:00:00Z}", c.String())
	assert.Equal(t, "iam.Credentials"+c.String(), fmt.Sprintf("%#v", c))
	assert.Equal(t, c.String(), fmt.Sprintf("%+v", c))
	assertNoCredSecret(t, c.GoString(), "GoString")
}

func TestCredentialsRedactedBySlog(t *testing.T) {
	c := credFixture()
	for name, newHandler := range map[string]func(*bytes.Buffer) slog.Handler{
		"text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			log := slog.New(newHandler(&buf))
			log.Info("value", "creds", c)
			log.Info("pointer", "creds", &c)
			log.Info("attr", slog.Any("creds", c))
			log.Info("nested", "config", struct{ Creds Credentials }{c})
			out := buf.String()
			assertNoCredSecret(t, out, name)
			assert.Contains(t, out, "AKIDEXAMPLE")
			assert.Contains(t, out, redacted)
		})
	}
}

func TestCredentialsRedactedByJSON(t *testing.T) {
	out, err := json.Marshal(map[string]any{"creds": credFixture(), "ptr": new(credFixture())})
	require.NoError(t, err)
	assertNoCredSecret(t, string(out), "json")
	assert.JSONEq(t, `{"AccessKeyID":"AKIDEXAMPLE","SecretAccessKey":"[REDACTED]","SessionToken":"[REDACTED]","Source":"test","Expires":"2026-11-29T12:00:00Z"}`,
		string(mustMarshal(t, credFixture())))
	assert.JSONEq(t, `{"AccessKeyID":"A","SecretAccessKey":"[REDACTED]","Source":""}`,
		string(mustMarshal(t, Credentials{AccessKeyID: "A", SecretAccessKey: credSecret})))
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func TestStaticCredentials(t *testing.T) {
	got, err := StaticCredentials("AKID", credSecret, credToken).Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, Credentials{AccessKeyID: "AKID", SecretAccessKey: credSecret, SessionToken: credToken, Source: "static"}, got)

	for name, p := range map[string]CredentialsProvider{
		"no access key": StaticCredentials("", credSecret, ""),
		"no secret key": StaticCredentials("AKID", "", credToken),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := p.Retrieve(context.Background())
			require.EqualError(t, err, "iam: static credentials: access key ID and secret access key must both be set")
			assertNoCredSecret(t, err.Error(), "error")
		})
	}
}

// TestProvidersDoNotPrintSecrets prints providers after they cached
// credentials: their structs hold secrets in unexported fields, which fmt
// prints raw unless the type formats itself.
func TestProvidersDoNotPrintSecrets(t *testing.T) {
	static := StaticCredentials("AKID", credSecret, credToken)
	chain := ChainCredentials(StaticCredentials("", "", ""), static)
	_, err := chain.Retrieve(context.Background())
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x"} {
		assertNoCredSecret(t, fmt.Sprintf(verb, static), "static "+verb)
		assertNoCredSecret(t, fmt.Sprintf(verb, chain), "chain "+verb)
	}
	assert.Equal(t, "iam.CredentialsProvider(static)", fmt.Sprint(static))
	assert.Equal(t, "iam.ChainCredentials(iam.CredentialsProvider(static), iam.CredentialsProvider(static))", fmt.Sprint(chain))
}

func TestCacheCoalescesConcurrentFetches(t *testing.T) {
	var fetches atomic.Int32
	release := make(chan struct{})
	p := newCachedProvider("test", nil, func(context.Context) (Credentials, error) {
		fetches.Add(1)
		<-release
		return credFixture(), nil
	})
	p.now = func() time.Time { return credT0.Add(-time.Hour) }

	const callers = 16
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			c, err := p.Retrieve(context.Background())
			assert.NoError(t, err)
			assert.Equal(t, "AKIDEXAMPLE", c.AccessKeyID)
		})
	}
	// Give the callers a chance to pile up behind the blocked fetch. Late
	// callers find the cache filled, so the count below holds either way.
	for range 100 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	assert.Equal(t, int32(1), fetches.Load())
}

func TestCacheRefreshesEarlyAndKeepsGoodCredentialsOnFailure(t *testing.T) {
	clk := &credClock{now: credT0}
	var fail atomic.Bool
	var fetches atomic.Int32
	p := newCachedProvider("test", clk.Now, func(context.Context) (Credentials, error) {
		n := fetches.Add(1)
		if fail.Load() {
			return Credentials{}, errors.New("service down")
		}
		c := credFixture()
		c.AccessKeyID = fmt.Sprint("AKID", n)
		c.Expires = clk.Now().Add(time.Hour)
		return c, nil
	})
	ctx := context.Background()
	get := func() string {
		t.Helper()
		c, err := p.Retrieve(ctx)
		require.NoError(t, err)
		return c.AccessKeyID
	}

	assert.Equal(t, "AKID1", get())
	clk.Set(credT0.Add(54*time.Minute + 59*time.Second))
	assert.Equal(t, "AKID1", get(), "fresh until five minutes before expiry")
	clk.Set(credT0.Add(55 * time.Minute))
	assert.Equal(t, "AKID2", get(), "refreshed five minutes early")

	fail.Store(true)
	clk.Set(credT0.Add(55*time.Minute + 58*time.Minute))
	assert.Equal(t, "AKID2", get(), "failed refresh keeps credentials that still work")
	clk.Set(credT0.Add(55*time.Minute + 2*time.Hour))
	_, err := p.Retrieve(ctx)
	require.EqualError(t, err, "iam: test credentials: service down")
	assert.Equal(t, int32(4), fetches.Load())
}

func TestCacheCallerGivesUpWhileOthersWait(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	p := newCachedProvider("test", nil, func(context.Context) (Credentials, error) {
		close(started)
		<-release
		return StaticCredentials("AKID", credSecret, "").Retrieve(context.Background())
	})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := p.Retrieve(ctx)
		errc <- err
	}()
	<-started
	cancel()
	err := <-errc
	require.ErrorIs(t, err, context.Canceled)
	assert.EqualError(t, err, "iam: test credentials: context canceled")

	// The fetch went on without the impatient caller; a patient one gets it.
	close(release)
	c, err := p.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "AKID", c.AccessKeyID)
}

// BenchmarkCachedRetrieve measures the hot path: every signed request asks
// its provider for credentials, and nearly always finds them cached.
func BenchmarkCachedRetrieve(b *testing.B) {
	chain := ChainCredentials(StaticCredentials("", "", ""), StaticCredentials("AKID", credSecret, credToken))
	ctx := context.Background()
	if _, err := chain.Retrieve(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := chain.Retrieve(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
