package server

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An Update action refused for one bad parameter must not have applied
// the good ones before it: the caller is told nothing changed.
func TestRefusedUpdateChangesNothing(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateRole", "RoleName", "r", "Description", "old", "AssumeRolePolicyDocument", trustDoc("ec2.amazonaws.com"))
	e.ok("CreateUser", "UserName", "bob")
	e.ok("CreateLoginProfile", "UserName", "bob", "Password", "first-Passw0rd!")
	u, _ := e.s.st.Users.get("bob")
	hash := u.Login.Password

	for name, tc := range map[string]struct {
		action string
		kv     []string
	}{
		"UpdateRole bad MaxSessionDuration":            {"UpdateRole", []string{"RoleName", "r", "Description", "new", "MaxSessionDuration", "5"}},
		"UpdateLoginProfile bad PasswordResetRequired": {"UpdateLoginProfile", []string{"UserName", "bob", "Password", "second-Passw0rd!", "PasswordResetRequired", "maybe"}},
	} {
		t.Run(name, func(t *testing.T) {
			e.fail(400, CodeValidationError, tc.action, tc.kv...)
		})
	}
	assert.Equal(t, "old", value(t, e.ok("GetRole", "RoleName", "r").Body, "Description"))
	require.NotNil(t, u.Login)
	assert.Equal(t, hash, u.Login.Password, "password changed by a refused UpdateLoginProfile")

	// The good forms still apply.
	e.ok("UpdateRole", "RoleName", "r", "Description", "new", "MaxSessionDuration", "7200")
	r := e.ok("GetRole", "RoleName", "r")
	assert.Equal(t, "new", value(t, r.Body, "Description"))
	assert.Equal(t, "7200", value(t, r.Body, "MaxSessionDuration"))
	e.ok("UpdateLoginProfile", "UserName", "bob", "PasswordResetRequired", "true")
	assert.Equal(t, hash, u.Login.Password)
	assert.True(t, u.Login.ResetRequired)
	e.ok("UpdateLoginProfile", "UserName", "bob", "Password", "second-Passw0rd!")
	assert.NotEqual(t, hash, u.Login.Password)
	assert.True(t, u.Login.ResetRequired, "a Password-only update keeps PasswordResetRequired")
}
