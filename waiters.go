package iam

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// IAM is eventually consistent: a user, role, policy or instance profile
// just created may answer NoSuchEntity for a while, from the same region
// or another. The waiters poll the matching Get call until it succeeds,
// with the delays and attempt counts of AWS's own waiter definitions.

// ErrWaitTimeout is returned, wrapped, when a waiter used up its attempts.
// The same error also wraps the last NoSuchEntity answer, so
// errors.Is(err, ErrNoSuchEntity) and IsNotFound(err) are true too.
var ErrWaitTimeout = errors.New("waiter gave up: the resource still does not exist")

// Waiter defaults, as AWS defines them for IAM.
const (
	defaultWaitDelay           = time.Second
	defaultWaitAttempts        = 20
	defaultProfileWaitAttempts = 40
)

// WaitOptions tune a waiter. A nil *WaitOptions, or a zero field, means
// AWS's default.
type WaitOptions struct {
	// Delay is the pause between two attempts, 1 s by default.
	Delay time.Duration
	// MaxAttempts is the number of Get calls before giving up: 20 by
	// default, 40 for WaitInstanceProfileExists.
	MaxAttempts int
	// Sleep waits d or until ctx is done, returning ctx's error then. Nil
	// uses a timer; tests inject their own to run without waiting.
	Sleep func(ctx context.Context, d time.Duration) error
}

// WaitUserExists polls GetUser while it answers NoSuchEntity and returns
// the user once it exists. It stops early with the error of any other
// failure, or ctx's error (wrapping the last NoSuchEntity) when ctx ends.
func (c *Client) WaitUserExists(ctx context.Context, name string, opts *WaitOptions) (*User, error) {
	if name == "" {
		// GetUser with no name is the caller, which always exists: a
		// waiter on it would prove nothing.
		return nil, validationFailed("WaitUserExists", invalid("UserName", "", requiredRule+"; "+userNameRule))
	}
	return waitFor(ctx, "WaitUserExists", defaultWaitAttempts, opts, func(ctx context.Context) (*User, error) {
		return c.GetUser(ctx, name)
	})
}

// WaitRoleExists polls GetRole like WaitUserExists polls GetUser.
func (c *Client) WaitRoleExists(ctx context.Context, name string, opts *WaitOptions) (*Role, error) {
	return waitFor(ctx, "WaitRoleExists", defaultWaitAttempts, opts, func(ctx context.Context) (*Role, error) {
		return c.GetRole(ctx, name)
	})
}

// WaitPolicyExists polls GetPolicy like WaitUserExists polls GetUser.
func (c *Client) WaitPolicyExists(ctx context.Context, policyARN string, opts *WaitOptions) (*ManagedPolicy, error) {
	return waitFor(ctx, "WaitPolicyExists", defaultWaitAttempts, opts, func(ctx context.Context) (*ManagedPolicy, error) {
		return c.GetPolicy(ctx, policyARN)
	})
}

// WaitInstanceProfileExists polls GetInstanceProfile like WaitUserExists
// polls GetUser, with 40 attempts by default.
func (c *Client) WaitInstanceProfileExists(ctx context.Context, name string, opts *WaitOptions) (*InstanceProfile, error) {
	return waitFor(ctx, "WaitInstanceProfileExists", defaultProfileWaitAttempts, opts, func(ctx context.Context) (*InstanceProfile, error) {
		return c.GetInstanceProfile(ctx, name)
	})
}

// waitFor calls get until it succeeds, retrying only NoSuchEntity.
func waitFor[T any](ctx context.Context, name string, attempts int, opts *WaitOptions, get func(context.Context) (T, error)) (T, error) {
	var zero T
	delay, sleepFn := defaultWaitDelay, sleep
	if opts != nil {
		if opts.Delay < 0 {
			return zero, validationFailed(name, invalid("Delay", opts.Delay.String(), "must not be negative"))
		}
		if opts.MaxAttempts < 0 {
			return zero, validationFailed(name, invalid("MaxAttempts", fmt.Sprint(opts.MaxAttempts), "must not be negative"))
		}
		if opts.Delay > 0 {
			delay = opts.Delay
		}
		if opts.MaxAttempts > 0 {
			attempts = opts.MaxAttempts
		}
		if opts.Sleep != nil {
			sleepFn = opts.Sleep
		}
	}
	for attempt := 1; ; attempt++ {
		v, err := get(ctx)
		if err == nil {
			return v, nil
		}
		if !errors.Is(err, ErrNoSuchEntity) {
			return zero, &OperationError{Action: name, Attempts: attempt, Err: err}
		}
		if attempt >= attempts {
			return zero, &OperationError{Action: name, Attempts: attempt, Err: fmt.Errorf("%w: %w", ErrWaitTimeout, err)}
		}
		if serr := sleepFn(ctx, delay); serr != nil {
			return zero, &OperationError{Action: name, Attempts: attempt, Err: fmt.Errorf("%w (last answer: %w)", serr, err)}
		}
	}
}
