package iam

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"
)

// refreshEarly is how long before Expires cached credentials are replaced,
// so a request signed now still holds good keys when the server checks.
const refreshEarly = 5 * time.Minute

// cachedProvider is the one cache behind every provider of this package:
// it keeps the last credentials, refreshes them refreshEarly before they
// expire, and runs at most one fetch at a time however many goroutines ask.
type cachedProvider struct {
	name  string
	now   func() time.Time
	fetch func(context.Context) (Credentials, error)

	mu      sync.Mutex
	creds   Credentials
	have    bool
	pending *fetchCall // the fetch in flight, nil when none
}

// fetchCall is one fetch shared by every Retrieve that arrives while it runs.
type fetchCall struct {
	done  chan struct{}
	creds Credentials
	err   error
}

func newCachedProvider(name string, now func() time.Time, fetch func(context.Context) (Credentials, error)) *cachedProvider {
	if now == nil {
		now = time.Now
	}
	return &cachedProvider{name: name, now: now, fetch: fetch}
}

// Retrieve returns the cached credentials while they are fresh, and
// otherwise waits for a fetch. The fetch runs detached from ctx: a caller
// that gives up returns at once with ctx's error, while the fetch goes on
// (it is bounded by its own timeouts) for the callers still waiting.
//
// When a refresh fails but the cached credentials have not yet expired,
// Retrieve keeps serving them: the refresh window exists for such trouble.
func (p *cachedProvider) Retrieve(ctx context.Context) (Credentials, error) {
	p.mu.Lock()
	if p.have && !p.due(p.now()) {
		c := p.creds
		p.mu.Unlock()
		return c, nil
	}
	call := p.pending
	if call == nil {
		call = &fetchCall{done: make(chan struct{})}
		p.pending = call
		go p.run(context.WithoutCancel(ctx), call)
	}
	p.mu.Unlock()

	select {
	case <-call.done:
		return call.creds, call.err
	case <-ctx.Done():
		return Credentials{}, &providerError{p.name, ctx.Err()}
	}
}

func (p *cachedProvider) run(ctx context.Context, call *fetchCall) {
	creds, err := p.fetch(ctx)
	p.mu.Lock()
	switch {
	case err == nil:
		p.creds, p.have = creds, true
	case p.have && (!p.creds.CanExpire || p.now().Before(p.creds.Expires)):
		creds, err = p.creds, nil
	default:
		err = &providerError{p.name, err}
	}
	p.pending = nil
	p.mu.Unlock()
	call.creds, call.err = creds, err
	close(call.done)
}

// due reports whether the cached credentials need replacing at now.
func (p *cachedProvider) due(now time.Time) bool {
	return p.creds.CanExpire && !now.Before(p.creds.Expires.Add(-refreshEarly))
}

// String names the provider.
func (p *cachedProvider) String() string { return "iam.CredentialsProvider(" + p.name + ")" }

// Format prints only the name for every verb: the struct holds cached
// secrets in unexported fields, which fmt would otherwise print raw.
func (p *cachedProvider) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, p.String()) }

// providerError is a provider's failure, tagged with the provider's name so
// a chain can list each one.
type providerError struct {
	provider string
	err      error
}

func (e *providerError) Error() string {
	return "iam: " + e.provider + " credentials: " + e.err.Error()
}

func (e *providerError) Unwrap() error { return e.err }
