package iam

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// appearsAfter returns a client whose server answers NoSuchEntity to the
// first misses requests of action and found afterwards; hits counts them.
func appearsAfter(t *testing.T, action string, misses int32, found string) (*Client, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		assert.Equal(t, action, r.PostForm.Get("Action"))
		if hits.Add(1) <= misses {
			xmlReply(w, 404, fixture(t, "errors/nosuchentity.xml"))
			return
		}
		xmlReply(w, 200, found)
	})
	return c, &hits
}

// recordSleeps is a WaitOptions.Sleep that returns at once and records
// each requested delay.
func recordSleeps(delays *[]time.Duration) func(context.Context, time.Duration) error {
	return func(ctx context.Context, d time.Duration) error {
		*delays = append(*delays, d)
		return ctx.Err()
	}
}

func TestWaitersSucceedAfterNoSuchEntity(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		action, fixture string
		wait            func(c *Client, o *WaitOptions) (string, error)
	}{
		"WaitUserExists": {"GetUser", "typed/getuser.xml", func(c *Client, o *WaitOptions) (string, error) {
			u, err := c.WaitUserExists(ctx, "Bob", o)
			if err != nil {
				return "", err
			}
			return u.UserName, nil
		}},
		"WaitRoleExists": {"GetRole", "typed/getrole.xml", func(c *Client, o *WaitOptions) (string, error) {
			r, err := c.WaitRoleExists(ctx, "S3Access", o)
			if err != nil {
				return "", err
			}
			return r.RoleName, nil
		}},
		"WaitPolicyExists": {"GetPolicy", "typed/getpolicy.xml", func(c *Client, o *WaitOptions) (string, error) {
			p, err := c.WaitPolicyExists(ctx, examplePolicyARN, o)
			if err != nil {
				return "", err
			}
			return p.PolicyName, nil
		}},
		"WaitInstanceProfileExists": {"GetInstanceProfile", "typed/getinstanceprofile-1.xml", func(c *Client, o *WaitOptions) (string, error) {
			ip, err := c.WaitInstanceProfileExists(ctx, "Webserver", o)
			if err != nil {
				return "", err
			}
			return ip.InstanceProfileName, nil
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, hits := appearsAfter(t, tc.action, 3, fixture(t, tc.fixture))
			var delays []time.Duration
			got, err := tc.wait(c, &WaitOptions{Sleep: recordSleeps(&delays)})
			require.NoError(t, err)
			assert.NotEmpty(t, got)
			assert.EqualValues(t, 4, hits.Load())
			assert.Equal(t, []time.Duration{time.Second, time.Second, time.Second}, delays, "AWS's 1 s delay between attempts")
		})
	}
}

func TestWaitersTimeOutWrappingNoSuchEntity(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		wait     func(c *Client, o *WaitOptions) error
		attempts int32
	}{
		"user, default 20": {func(c *Client, o *WaitOptions) error { _, err := c.WaitUserExists(ctx, "Bob", o); return err }, 20},
		"role, default 20": {func(c *Client, o *WaitOptions) error { _, err := c.WaitRoleExists(ctx, "R", o); return err }, 20},
		"policy, default 20": {func(c *Client, o *WaitOptions) error {
			_, err := c.WaitPolicyExists(ctx, examplePolicyARN, o)
			return err
		}, 20},
		"instance profile, default 40": {func(c *Client, o *WaitOptions) error {
			_, err := c.WaitInstanceProfileExists(ctx, "P", o)
			return err
		}, 40},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var hits atomic.Int32
			c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				xmlReply(w, 404, fixture(t, "errors/nosuchentity.xml"))
			})
			var delays []time.Duration
			err := tc.wait(c, &WaitOptions{Sleep: recordSleeps(&delays)})
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrWaitTimeout)
			assert.ErrorIs(t, err, ErrNoSuchEntity, "the last NoSuchEntity is still reachable")
			assert.True(t, IsNotFound(err))
			var oe *OperationError
			require.ErrorAs(t, err, &oe)
			assert.Equal(t, int(tc.attempts), oe.Attempts)
			assert.Equal(t, tc.attempts, hits.Load())
			assert.Len(t, delays, int(tc.attempts)-1, "no sleep after the last attempt")
		})
	}
}

func TestWaiterOptions(t *testing.T) {
	ctx := context.Background()
	c, hits := appearsAfter(t, "GetUser", 100, "")
	var delays []time.Duration
	_, err := c.WaitUserExists(ctx, "Bob", &WaitOptions{Delay: 5 * time.Millisecond, MaxAttempts: 3, Sleep: recordSleeps(&delays)})
	assert.ErrorIs(t, err, ErrWaitTimeout)
	assert.EqualValues(t, 3, hits.Load())
	assert.Equal(t, []time.Duration{5 * time.Millisecond, 5 * time.Millisecond}, delays)

	t.Run("real timer with a tiny delay", func(t *testing.T) {
		c, hits := appearsAfter(t, "GetUser", 2, fixture(t, "typed/getuser.xml"))
		_, err := c.WaitUserExists(ctx, "Bob", &WaitOptions{Delay: time.Microsecond})
		require.NoError(t, err)
		assert.EqualValues(t, 3, hits.Load())
	})
	t.Run("negative settings refused", func(t *testing.T) {
		_, err := neverCalled(t).WaitUserExists(ctx, "Bob", &WaitOptions{MaxAttempts: -1})
		requireValidation(t, err, "WaitUserExists", "MaxAttempts")
		_, err = neverCalled(t).WaitRoleExists(ctx, "R", &WaitOptions{Delay: -time.Second})
		requireValidation(t, err, "WaitRoleExists", "Delay")
	})
	t.Run("empty user name refused", func(t *testing.T) {
		_, err := neverCalled(t).WaitUserExists(ctx, "", nil)
		requireValidation(t, err, "WaitUserExists", "UserName")
	})
}

func TestWaiterStopsOnOtherErrors(t *testing.T) {
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		xmlReply(w, 403, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>`)
	})
	_, err := c.WaitRoleExists(context.Background(), "R", &WaitOptions{Sleep: recordSleeps(new([]time.Duration))})
	assert.ErrorIs(t, err, ErrAccessDenied)
	assert.False(t, errors.Is(err, ErrWaitTimeout))
	assert.EqualValues(t, 1, hits.Load())
}

func TestWaiterIsContextBounded(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c, hits := appearsAfter(t, "GetInstanceProfile", 100, "")
	var sleeps int
	_, err := c.WaitInstanceProfileExists(ctx, "P", &WaitOptions{Sleep: func(ctx context.Context, d time.Duration) error {
		sleeps++
		if sleeps == 2 {
			cancel()
		}
		return ctx.Err()
	}})
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, ErrNoSuchEntity, "the last answer is kept")
	assert.False(t, errors.Is(err, ErrWaitTimeout))
	assert.EqualValues(t, 2, hits.Load())

	t.Run("with the real timer", func(t *testing.T) {
		// The server ends the context once it has answered NoSuchEntity:
		// the hour-long timer must give way to it, or the test hangs.
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
			xmlReply(w, 404, fixture(t, "errors/nosuchentity.xml"))
			cancel()
		})
		_, err := c.WaitUserExists(ctx, "Bob", &WaitOptions{Delay: time.Hour})
		assert.ErrorIs(t, err, context.Canceled)
	})
}
