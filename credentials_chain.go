package iam

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
)

// DefaultCredentials returns the chain most programs want: the
// environment, then the shared files (profile from AWS_PROFILE), then the
// EC2 instance metadata service.
func DefaultCredentials() CredentialsProvider {
	return ChainCredentials(EnvCredentials(), SharedCredentials(""), IMDSCredentials(nil))
}

// ChainCredentials returns a provider that asks each provider in order and
// returns the first credentials it gets. It remembers the provider that
// answered and goes straight to it next time; only when that one fails is
// the whole chain walked again. When every provider fails, the error lists
// each one and why, in order, and errors.Is and errors.As see each cause.
func ChainCredentials(providers ...CredentialsProvider) CredentialsProvider {
	return &chainProvider{providers: append([]CredentialsProvider(nil), providers...)}
}

type chainProvider struct {
	providers []CredentialsProvider

	mu      sync.Mutex
	current int // index+1 of the provider that answered last, 0 for none
}

// Retrieve walks the chain; see ChainCredentials.
func (c *chainProvider) Retrieve(ctx context.Context) (Credentials, error) {
	c.mu.Lock()
	cur := c.current
	c.mu.Unlock()

	var curErr error
	if cur > 0 {
		creds, err := c.providers[cur-1].Retrieve(ctx)
		if err == nil {
			return creds, nil
		}
		curErr = err
	}
	errs := make([]error, 0, len(c.providers))
	for i, p := range c.providers {
		if i+1 == cur {
			// Asked a moment ago; asking again would only repeat the failure.
			errs = append(errs, curErr)
			continue
		}
		creds, err := p.Retrieve(ctx)
		if err == nil {
			c.mu.Lock()
			c.current = i + 1
			c.mu.Unlock()
			return creds, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return Credentials{}, &chainError{errs}
}

// String names the chain and its providers.
func (c *chainProvider) String() string {
	names := make([]string, len(c.providers))
	for i, p := range c.providers {
		if s, ok := p.(fmt.Stringer); ok {
			names[i] = s.String()
		} else {
			// A foreign provider may hold secrets in printable fields.
			names[i] = fmt.Sprintf("%T", p)
		}
	}
	return "iam.ChainCredentials(" + strings.Join(names, ", ") + ")"
}

// Format prints String for every verb, so no provider's fields print.
func (c *chainProvider) Format(f fmt.State, verb rune) { _, _ = io.WriteString(f, c.String()) }

// chainError lists why each provider of a chain failed.
type chainError struct{ errs []error }

func (e *chainError) Error() string {
	if len(e.errs) == 0 {
		return "iam: no credentials: the credentials chain is empty"
	}
	var b strings.Builder
	b.WriteString("iam: no credentials found: ")
	for i, err := range e.errs {
		if i > 0 {
			b.WriteString("; ")
		}
		// Only a direct providerError: errors.As would dig into a nested
		// chain and print one of its causes for the whole of it.
		if pe, ok := err.(*providerError); ok {
			b.WriteString(pe.provider + ": " + pe.err.Error())
		} else {
			b.WriteString(err.Error())
		}
	}
	return b.String()
}

func (e *chainError) Unwrap() []error { return e.errs }
