package iam

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPassword = "Hunter2-Correct-Horse!"

func TestCreateLoginProfile(t *testing.T) {
	ctx := context.Background()
	t.Run("reset required", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateLoginProfile", "UserName", "Bob", "Password", testPassword, "PasswordResetRequired", "true"),
			200, typedFixture(t, "createloginprofile.xml"))
		lp, err := c.CreateLoginProfile(ctx, "Bob", testPassword, &CreateLoginProfileOptions{PasswordResetRequired: true})
		require.NoError(t, err)
		assert.Equal(t, "Bob", lp.UserName)
		assert.True(t, lp.PasswordResetRequired)
		assert.Equal(t, time.Date(2015, 3, 25, 20, 48, 52, 558e6, time.UTC), lp.CreateDate)
	})
	t.Run("defaults send no flag", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateLoginProfile", "UserName", "Bob", "Password", testPassword),
			200, typedFixture(t, "createloginprofile.xml"))
		_, err := c.CreateLoginProfile(ctx, "Bob", testPassword, nil)
		require.NoError(t, err)
	})
}

func TestCreateLoginProfileDebugLogHidesPassword(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, _ := expectForm(t, form("CreateLoginProfile", "UserName", "Bob", "Password", testPassword),
		200, typedFixture(t, "createloginprofile.xml"), WithLogger(logger), WithDebug(true))
	_, err := c.CreateLoginProfile(context.Background(), "Bob", testPassword, nil)
	require.NoError(t, err)
	require.Contains(t, logs.String(), "CreateLoginProfile", "debug logging is on")
	assert.NotContains(t, logs.String(), testPassword)
	assert.NotContains(t, logs.String(), "Hunter2")
}

func TestPasswordsNeverInErrors(t *testing.T) {
	ctx := context.Background()
	c := neverCalled(t)
	bad := "Hunter2\x00" // a control character makes it invalid
	_, err := c.CreateLoginProfile(ctx, "Bob", bad, nil)
	requireValidation(t, err, "CreateLoginProfile", "Password")
	err2 := c.ChangePassword(ctx, "Hunter2-old", bad)
	requireValidation(t, err2, "ChangePassword", "NewPassword")
	err3 := c.UpdateLoginProfile(ctx, "Bob", &UpdateLoginProfileOptions{Password: bad})
	requireValidation(t, err3, "UpdateLoginProfile", "Password")
	for _, e := range []error{err, err2, err3} {
		for _, s := range []string{e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e)} {
			assert.NotContains(t, s, "Hunter2")
		}
	}
}

func TestGetLoginProfile(t *testing.T) {
	ctx := context.Background()
	t.Run("exists", func(t *testing.T) {
		c, _ := expectForm(t, form("GetLoginProfile", "UserName", "Bob"), 200, typedFixture(t, "getloginprofile.xml"))
		lp, err := c.GetLoginProfile(ctx, "Bob")
		require.NoError(t, err)
		assert.Equal(t, "Bob", lp.UserName)
		assert.False(t, lp.PasswordResetRequired, "absent means false")
		assert.Equal(t, time.Date(2011, 9, 19, 23, 0, 56, 0, time.UTC), lp.CreateDate)
	})
	t.Run("none is IsNotFound", func(t *testing.T) {
		c, _ := expectForm(t, form("GetLoginProfile", "UserName", "Bob"), 404, typedFixture(t, "nologinprofile.xml"))
		lp, err := c.GetLoginProfile(ctx, "Bob")
		assert.Nil(t, lp)
		require.Error(t, err)
		assert.True(t, IsNotFound(err))
		assert.ErrorIs(t, err, ErrNoSuchEntity)
	})
	t.Run("throttled is not IsNotFound", func(t *testing.T) {
		c, _ := expectForm(t, form("GetLoginProfile", "UserName", "Bob"), 400, fixture(t, "errors/throttling.xml"))
		_, err := c.GetLoginProfile(ctx, "Bob")
		require.Error(t, err)
		assert.False(t, IsNotFound(err))
	})
	t.Run("malformed bool is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("GetLoginProfile", "UserName", "Bob"), 200, typedFixture(t, "getloginprofile-badbool.xml"))
		_, err := c.GetLoginProfile(ctx, "Bob")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "PasswordResetRequired")
	})
}

func TestUpdateLoginProfile(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		opts *UpdateLoginProfileOptions
		want []string
	}{
		"nothing":           {nil, nil},
		"password":          {&UpdateLoginProfileOptions{Password: testPassword}, []string{"Password", testPassword}},
		"set reset flag":    {&UpdateLoginProfileOptions{PasswordResetRequired: new(true)}, []string{"PasswordResetRequired", "true"}},
		"clear reset flag":  {&UpdateLoginProfileOptions{PasswordResetRequired: new(false)}, []string{"PasswordResetRequired", "false"}},
		"password and flag": {&UpdateLoginProfileOptions{Password: testPassword, PasswordResetRequired: new(false)}, []string{"Password", testPassword, "PasswordResetRequired", "false"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, hits := expectForm(t, form("UpdateLoginProfile", append([]string{"UserName", "Bob"}, tc.want...)...), 200, emptyResult("UpdateLoginProfile"))
			require.NoError(t, c.UpdateLoginProfile(ctx, "Bob", tc.opts))
			assert.EqualValues(t, 1, hits.Load())
		})
	}
}

func TestUpdateLoginProfileOptionsRedactPassword(t *testing.T) {
	o := UpdateLoginProfileOptions{Password: testPassword, PasswordResetRequired: new(true)}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("update", "opts", o, "ptr", &o)
	for _, s := range []string{fmt.Sprint(o), fmt.Sprintf("%+v", o), fmt.Sprintf("%#v", &o), fmt.Sprintf("%v", []UpdateLoginProfileOptions{o}), logs.String()} {
		assert.NotContains(t, s, testPassword)
		assert.Contains(t, s, redacted)
	}
	assert.Equal(t, "{Password: PasswordResetRequired:<unchanged>}", UpdateLoginProfileOptions{}.String())
}

func TestDeleteLoginProfileAndChangePassword(t *testing.T) {
	ctx := context.Background()
	t.Run("delete", func(t *testing.T) {
		c, hits := expectForm(t, form("DeleteLoginProfile", "UserName", "Bob"), 200, emptyResult("DeleteLoginProfile"))
		require.NoError(t, c.DeleteLoginProfile(ctx, "Bob"))
		assert.EqualValues(t, 1, hits.Load())
	})
	t.Run("change password", func(t *testing.T) {
		c, hits := expectForm(t, form("ChangePassword", "OldPassword", "old-Password-1", "NewPassword", testPassword), 200, emptyResult("ChangePassword"))
		require.NoError(t, c.ChangePassword(ctx, "old-Password-1", testPassword))
		assert.EqualValues(t, 1, hits.Load())
	})
	t.Run("change password debug log", func(t *testing.T) {
		var logs bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c, _ := expectForm(t, form("ChangePassword", "OldPassword", "old-Password-1", "NewPassword", testPassword), 200,
			emptyResult("ChangePassword"), WithLogger(logger), WithDebug(true))
		require.NoError(t, c.ChangePassword(ctx, "old-Password-1", testPassword))
		require.Contains(t, logs.String(), "ChangePassword")
		assert.NotContains(t, logs.String(), testPassword)
		assert.NotContains(t, logs.String(), "old-Password-1")
	})
}

func TestLoginProfileMethodsRefuseInvalidInput(t *testing.T) {
	ctx := context.Background()
	c := neverCalled(t)
	tests := map[string]struct {
		call   func() error
		action string
		field  string
	}{
		"create no password": {func() error { _, err := c.CreateLoginProfile(ctx, "Bob", "", nil); return err }, "CreateLoginProfile", "Password"},
		"create bad user":    {func() error { _, err := c.CreateLoginProfile(ctx, "", testPassword, nil); return err }, "CreateLoginProfile", "UserName"},
		"get no user":        {func() error { _, err := c.GetLoginProfile(ctx, ""); return err }, "GetLoginProfile", "UserName"},
		"update no user":     {func() error { return c.UpdateLoginProfile(ctx, "", nil) }, "UpdateLoginProfile", "UserName"},
		"delete no user":     {func() error { return c.DeleteLoginProfile(ctx, "") }, "DeleteLoginProfile", "UserName"},
		"change no old":      {func() error { return c.ChangePassword(ctx, "", testPassword) }, "ChangePassword", "OldPassword"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			requireValidation(t, tc.call(), tc.action, tc.field)
		})
	}
}
