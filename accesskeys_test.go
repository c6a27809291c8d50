package iam

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fixtureSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"

func TestCreateAccessKey(t *testing.T) {
	ctx := context.Background()
	t.Run("for a user", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateAccessKey", "UserName", "Bob"), 200, typedFixture(t, "createaccesskey.xml"))
		k, err := c.CreateAccessKey(ctx, "Bob")
		require.NoError(t, err)
		assert.Equal(t, "Bob", k.UserName)
		assert.Equal(t, "AKIAIOSFODNN7EXAMPLE", k.AccessKeyID)
		assert.Equal(t, StatusActive, k.Status)
		assert.Equal(t, time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), k.CreateDate)
		assert.Equal(t, fixtureSecret, k.Secret())
		assert.Equal(t, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", k.Response().RequestID())
	})
	t.Run("empty user is the caller and sends no UserName", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateAccessKey"), 200, typedFixture(t, "createaccesskey.xml"))
		k, err := c.CreateAccessKey(ctx, "")
		require.NoError(t, err)
		assert.Equal(t, fixtureSecret, k.Secret())
	})
	t.Run("missing secret is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateAccessKey"), 200, `<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey>
<UserName>Bob</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status>
</AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>`)
		_, err := c.CreateAccessKey(ctx, "")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "SecretAccessKey")
	})
}

func TestAccessKeySecretIsRedacted(t *testing.T) {
	c, _ := expectForm(t, form("CreateAccessKey", "UserName", "Bob"), 200, typedFixture(t, "createaccesskey.xml"))
	k, err := c.CreateAccessKey(context.Background(), "Bob")
	require.NoError(t, err)

	printed := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		printed["value "+verb] = fmt.Sprintf(verb, *k)
		printed["pointer "+verb] = fmt.Sprintf(verb, k)
		printed["in slice "+verb] = fmt.Sprintf(verb, []AccessKey{*k})
		printed["in struct "+verb] = fmt.Sprintf(verb, struct{ Key AccessKey }{*k})
	}
	printed["String"] = k.String()
	printed["GoString"] = k.GoString()
	printed["Sprint"] = fmt.Sprint(k)
	printed["Println"] = fmt.Sprintln(*k)

	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("created", "key", k, "value", *k)
	printed["slog JSON"] = logs.String()
	js, err := json.Marshal(k)
	require.NoError(t, err)
	printed["json"] = string(js)

	for how, s := range printed {
		assert.NotContains(t, s, fixtureSecret, how)
		assert.NotContains(t, s, "bPxRfiCY", how)
	}
	assert.Contains(t, printed["value %v"], "AKIAIOSFODNN7EXAMPLE", "the rest is shown")
	assert.Contains(t, printed["value %v"], redacted)
	assert.Contains(t, printed["slog JSON"], `"access_key_id":"AKIAIOSFODNN7EXAMPLE"`)
	assert.Contains(t, printed["json"], `"AccessKeyID":"AKIAIOSFODNN7EXAMPLE"`)
}

// TestListAccessKeysMemberCounts includes boto issue 464: a list of two
// AccessKeyMetadata members must come back as two keys.
func TestListAccessKeysMemberCounts(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture string
		ids     []string
		status  []Status
	}{
		"zero": {"listaccesskeys-0.xml", []string{}, []Status{}},
		"one":  {"listaccesskeys-1.xml", []string{"AKIAIOSFODNN7EXAMPLE"}, []Status{StatusActive}},
		"two (boto issue 464)": {"listaccesskeys-2.xml",
			[]string{"AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE"}, []Status{StatusActive, StatusInactive}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListAccessKeys", "UserName", "Bob"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListAccessKeys(ctx, "Bob", nil)
			require.NoError(t, err)
			ids, status := []string{}, []Status{}
			for _, k := range out.AccessKeyMetadata {
				ids = append(ids, k.AccessKeyID)
				status = append(status, k.Status)
				assert.Equal(t, "Bob", k.UserName)
			}
			assert.Equal(t, tc.ids, ids)
			assert.Equal(t, tc.status, status)

			c2, _ := expectForm(t, form("ListAccessKeys"), 200, typedFixture(t, tc.fixture))
			n := 0
			for _, err := range c2.ListAccessKeysAll(ctx, "", nil) {
				require.NoError(t, err)
				n++
			}
			assert.Equal(t, len(tc.ids), n)
		})
	}
	t.Run("dates", func(t *testing.T) {
		c, _ := expectForm(t, form("ListAccessKeys", "UserName", "Bob", "MaxItems", "2", "Marker", "m"), 200, typedFixture(t, "listaccesskeys-2.xml"))
		out, err := c.ListAccessKeys(ctx, "Bob", &PageOptions{MaxItems: 2, Marker: "m"})
		require.NoError(t, err)
		assert.Equal(t, time.Date(2012, 5, 8, 23, 34, 2, 0, time.UTC), out.AccessKeyMetadata[1].CreateDate)
	})
}

func TestUpdateDeleteAccessKey(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		call func(*Client) error
		want []string
	}{
		"update for user": {func(c *Client) error { return c.UpdateAccessKey(ctx, "Bob", "AKIAIOSFODNN7EXAMPLE", StatusInactive) },
			[]string{"UpdateAccessKey", "UserName", "Bob", "AccessKeyId", "AKIAIOSFODNN7EXAMPLE", "Status", "Inactive"}},
		"update for caller": {func(c *Client) error { return c.UpdateAccessKey(ctx, "", "AKIAIOSFODNN7EXAMPLE", StatusActive) },
			[]string{"UpdateAccessKey", "AccessKeyId", "AKIAIOSFODNN7EXAMPLE", "Status", "Active"}},
		"delete for user": {func(c *Client) error { return c.DeleteAccessKey(ctx, "Bob", "AKIAIOSFODNN7EXAMPLE") },
			[]string{"DeleteAccessKey", "UserName", "Bob", "AccessKeyId", "AKIAIOSFODNN7EXAMPLE"}},
		"delete for caller": {func(c *Client) error { return c.DeleteAccessKey(ctx, "", "AKIAIOSFODNN7EXAMPLE") },
			[]string{"DeleteAccessKey", "AccessKeyId", "AKIAIOSFODNN7EXAMPLE"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, hits := expectForm(t, form(tc.want[0], tc.want[1:]...), 200, emptyResult(tc.want[0]))
			require.NoError(t, tc.call(c))
			assert.EqualValues(t, 1, hits.Load())
		})
	}
}

func TestGetAccessKeyLastUsed(t *testing.T) {
	ctx := context.Background()
	t.Run("used", func(t *testing.T) {
		c, _ := expectForm(t, form("GetAccessKeyLastUsed", "AccessKeyId", "AKIAIOSFODNN7EXAMPLE"), 200, typedFixture(t, "getaccesskeylastused.xml"))
		u, err := c.GetAccessKeyLastUsed(ctx, "AKIAIOSFODNN7EXAMPLE")
		require.NoError(t, err)
		assert.Equal(t, "Bob", u.UserName)
		assert.Equal(t, time.Date(2015, 3, 13, 10, 45, 0, 0, time.UTC), u.LastUsedDate)
		assert.Equal(t, "s3", u.ServiceName)
		assert.Equal(t, "us-west-2", u.Region)
	})
	t.Run("never used", func(t *testing.T) {
		c, _ := expectForm(t, form("GetAccessKeyLastUsed", "AccessKeyId", "AKIAIOSFODNN7EXAMPLE"), 200, typedFixture(t, "getaccesskeylastused-never.xml"))
		u, err := c.GetAccessKeyLastUsed(ctx, "AKIAIOSFODNN7EXAMPLE")
		require.NoError(t, err)
		assert.True(t, u.LastUsedDate.IsZero())
		assert.Equal(t, "N/A", u.ServiceName)
	})
}

func TestAccessKeyMethodsRefuseInvalidInput(t *testing.T) {
	ctx := context.Background()
	c := neverCalled(t)
	const id = "AKIAIOSFODNN7EXAMPLE"
	tests := map[string]struct {
		call   func() error
		action string
		field  string
	}{
		"CreateAccessKey bad user":  {func() error { _, err := c.CreateAccessKey(ctx, "bad user"); return err }, "CreateAccessKey", "UserName"},
		"ListAccessKeys MaxItems":   {func() error { _, err := c.ListAccessKeys(ctx, "", &PageOptions{MaxItems: -2}); return err }, "ListAccessKeys", "MaxItems"},
		"UpdateAccessKey status":    {func() error { return c.UpdateAccessKey(ctx, "Bob", id, "Enabled") }, "UpdateAccessKey", "Status"},
		"UpdateAccessKey no status": {func() error { return c.UpdateAccessKey(ctx, "Bob", id, "") }, "UpdateAccessKey", "Status"},
		"UpdateAccessKey bad id":    {func() error { return c.UpdateAccessKey(ctx, "Bob", "short", StatusActive) }, "UpdateAccessKey", "AccessKeyId"},
		"DeleteAccessKey no id":     {func() error { return c.DeleteAccessKey(ctx, "Bob", "") }, "DeleteAccessKey", "AccessKeyId"},
		"swapped arguments":         {func() error { return c.DeleteAccessKey(ctx, id+"/x", "Bob") }, "DeleteAccessKey", "UserName"},
		"GetAccessKeyLastUsed":      {func() error { _, err := c.GetAccessKeyLastUsed(ctx, "AKIA-bad-0000000000"); return err }, "GetAccessKeyLastUsed", "AccessKeyId"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			requireValidation(t, tc.call(), tc.action, tc.field)
		})
	}
}
