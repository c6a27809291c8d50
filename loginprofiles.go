package iam

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"
)

// LoginProfile is a user's console password setting; the password itself
// is never returned. CreateLoginProfile and GetLoginProfile fill every
// field.
type LoginProfile struct {
	UserName   string
	CreateDate time.Time
	// PasswordResetRequired is true when the user must choose a new
	// password at the next sign-in.
	PasswordResetRequired bool

	source
}

func readLoginProfile(n Node, resp *Response) (LoginProfile, error) {
	f := fields{n: n}
	lp := LoginProfile{
		UserName:              f.str("UserName"),
		CreateDate:            f.time("CreateDate"),
		PasswordResetRequired: f.bool("PasswordResetRequired"),
		source:                source{n, resp},
	}
	return lp, f.err
}

// CreateLoginProfileOptions are the optional settings of
// CreateLoginProfile.
type CreateLoginProfileOptions struct {
	// PasswordResetRequired makes the user choose a new password at the
	// first sign-in.
	PasswordResetRequired bool
}

// CreateLoginProfile gives a user a console password. The password is
// checked locally for IAM's length and character rules (the account's
// password policy is the service's to enforce: ErrPasswordPolicyViolation)
// and never appears in errors or logs.
func (c *Client) CreateLoginProfile(ctx context.Context, userName, password string, opts *CreateLoginProfileOptions) (*LoginProfile, error) {
	const action = "CreateLoginProfile"
	if err := checkAll(checkUserName("UserName", userName), checkPassword("Password", password)); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"UserName": userName, "Password": password}
	if opts != nil && opts.PasswordResetRequired {
		p["PasswordResetRequired"] = true
	}
	return callElement(ctx, c, action, p, "LoginProfile", readLoginProfile)
}

// GetLoginProfile returns a user's login profile. A user without one
// answers an error for which IsNotFound is true, which is how to tell "no
// console access" from a failed call.
func (c *Client) GetLoginProfile(ctx context.Context, userName string) (*LoginProfile, error) {
	const action = "GetLoginProfile"
	if err := checkUserName("UserName", userName); err != nil {
		return nil, validationFailed(action, err)
	}
	return callElement(ctx, c, action, Params{"UserName": userName}, "LoginProfile", readLoginProfile)
}

// UpdateLoginProfileOptions are the changes UpdateLoginProfile makes.
//
// Password is redacted in every printed and logged form of the options.
type UpdateLoginProfileOptions struct {
	// Password is the new password; empty keeps the current one.
	Password string
	// PasswordResetRequired, when not nil, sets or clears the
	// reset-at-next-sign-in flag: new(true) or new(false). Nil leaves it.
	PasswordResetRequired *bool
}

// String shows the options with the password redacted.
func (o UpdateLoginProfileOptions) String() string {
	pw := ""
	if o.Password != "" {
		pw = redacted
	}
	reset := "<unchanged>"
	if o.PasswordResetRequired != nil {
		reset = strconv.FormatBool(*o.PasswordResetRequired)
	}
	return "{Password:" + pw + " PasswordResetRequired:" + reset + "}"
}

// GoString is String for %#v.
func (o UpdateLoginProfileOptions) GoString() string {
	return "iam.UpdateLoginProfileOptions" + o.String()
}

// Format makes every fmt verb print the redacted form.
func (o UpdateLoginProfileOptions) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = fmt.Fprint(f, o.GoString())
		return
	}
	_, _ = fmt.Fprint(f, o.String())
}

// LogValue logs the options without the password.
func (o UpdateLoginProfileOptions) LogValue() slog.Value { return slog.StringValue(o.String()) }

// UpdateLoginProfile changes a user's password or its reset flag.
func (c *Client) UpdateLoginProfile(ctx context.Context, userName string, opts *UpdateLoginProfileOptions) error {
	const action = "UpdateLoginProfile"
	o := orDefaults(opts)
	pwErr := error(nil)
	if o.Password != "" {
		pwErr = checkPassword("Password", o.Password)
	}
	if err := checkAll(checkUserName("UserName", userName), pwErr); err != nil {
		return validationFailed(action, err)
	}
	p := Params{"UserName": userName}
	setString(p, "Password", o.Password)
	if o.PasswordResetRequired != nil {
		p["PasswordResetRequired"] = *o.PasswordResetRequired
	}
	_, err := c.Call(ctx, action, p)
	return err
}

// DeleteLoginProfile removes a user's console password. Access keys are
// not affected.
func (c *Client) DeleteLoginProfile(ctx context.Context, userName string) error {
	return c.idAction(ctx, "DeleteLoginProfile", "UserName", userName, checkUserName)
}

// ChangePassword changes the password of the user whose credentials sign
// the request (IAM users only, not the root user). Neither password
// appears in errors or logs.
func (c *Client) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	const action = "ChangePassword"
	if err := checkAll(checkPassword("OldPassword", oldPassword), checkPassword("NewPassword", newPassword)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{"OldPassword": oldPassword, "NewPassword": newPassword})
	return err
}
