package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
)

func init() {
	register("CreateLoginProfile", true, resUser("UserName"), createLoginProfile)
	register("GetLoginProfile", false, resUser("UserName"), getLoginProfile)
	register("UpdateLoginProfile", true, resUser("UserName"), updateLoginProfile)
	register("DeleteLoginProfile", true, resUser("UserName"), deleteLoginProfile)
	register("ChangePassword", true, resCaller, changePassword)
}

// resCaller authorizes an action on the caller itself (ChangePassword).
func resCaller(c *call) string { return c.who.arn }

// passwordParam reads a password: 1..128 characters of
// [\u0009\u000A\u000D\u0020-\u00FF], then the account password policy.
// The value never appears in an error.
func (c *call) passwordParam(field string) (string, *APIError) {
	pw, err := c.p.required(field)
	if err != nil {
		return "", err
	}
	n := 0
	for _, r := range pw {
		n++
		if !(r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xFF) {
			return "", errf(CodeValidationError, "1 validation error detected: Value at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+", lowerFirst(field))
		}
	}
	if n < 1 || n > 128 {
		return "", errf(CodeValidationError, "1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length between 1 and 128", lowerFirst(field))
	}
	if pp := c.s.st.PasswordPolicy; pp != nil {
		if msg := pp.violation(pw); msg != "" {
			return "", errf(CodePasswordPolicyViolation, "Password does not conform to the account password policy: %s.", msg)
		}
	}
	return pw, nil
}

// violation names the first rule of the policy pw breaks, or "".
func (pp *passwordPolicy) violation(pw string) string {
	var upper, lower, digit, symbol bool
	for _, r := range pw {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune("!@#$%^&*()_+-=[]{}|'", r):
			symbol = true
		}
	}
	switch {
	case len([]rune(pw)) < pp.MinLength:
		return "the password must be at least " + itoa(pp.MinLength) + " characters long"
	case pp.RequireUpper && !upper:
		return "the password must contain an uppercase letter"
	case pp.RequireLower && !lower:
		return "the password must contain a lowercase letter"
	case pp.RequireNumbers && !digit:
		return "the password must contain a number"
	case pp.RequireSymbols && !symbol:
		return "the password must contain a symbol"
	}
	return ""
}

// hashPassword keeps passwords out of the state file: a salted SHA-256
// is enough for a test server and keeps the file free of secrets in
// clear. The salt is the user ID, unique per user.
func hashPassword(userID, pw string) string {
	h := sha256.Sum256([]byte(userID + "\x00" + pw))
	return base64.StdEncoding.EncodeToString(h[:])
}

func writeLoginProfile(w *xmlw, u *user) {
	w.open("LoginProfile")
	w.elem("UserName", u.Name)
	w.time("CreateDate", u.Login.Created)
	w.bool("PasswordResetRequired", u.Login.ResetRequired)
	w.close("LoginProfile")
}

func createLoginProfile(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	pw, err := c.passwordParam("Password")
	if err != nil {
		return err
	}
	reset, err := c.p.boolean("PasswordResetRequired", false)
	if err != nil {
		return err
	}
	if u.Login != nil {
		return errf(CodeEntityAlreadyExists, "Login Profile for user %s already exists.", u.Name)
	}
	u.Login = &loginProfile{Password: hashPassword(u.ID, pw), Created: c.now, ResetRequired: reset}
	writeLoginProfile(c.w, u)
	return nil
}

func (c *call) loginUser() (*user, *APIError) {
	u, err := c.userOrCaller("UserName")
	if err != nil {
		return nil, err
	}
	if u == nil {
		return nil, errf(CodeNoSuchEntity, "Login Profile for the root user cannot be managed through IAM.")
	}
	if u.Login == nil {
		return nil, errf(CodeNoSuchEntity, "Login Profile for User %s cannot be found.", u.Name)
	}
	return u, nil
}

func getLoginProfile(c *call) *APIError {
	u, err := c.loginUser()
	if err != nil {
		return err
	}
	writeLoginProfile(c.w, u)
	return nil
}

func updateLoginProfile(c *call) *APIError {
	u, err := c.loginUser()
	if err != nil {
		return err
	}
	// Both parameters are checked before either is applied: a refused
	// request changes nothing.
	hash := u.Login.Password
	if c.p.has("Password") {
		pw, err := c.passwordParam("Password")
		if err != nil {
			return err
		}
		hash = hashPassword(u.ID, pw)
	}
	reset, err := c.p.boolean("PasswordResetRequired", u.Login.ResetRequired)
	if err != nil {
		return err
	}
	u.Login.Password, u.Login.ResetRequired = hash, reset
	return nil
}

func deleteLoginProfile(c *call) *APIError {
	u, err := c.loginUser()
	if err != nil {
		return err
	}
	u.Login = nil
	return nil
}

func changePassword(c *call) *APIError {
	if c.who.user == nil {
		return errf(CodeInvalidUserType, "The root user's password cannot be changed through IAM.")
	}
	u := c.who.user
	if u.Login == nil {
		return errf(CodeNoSuchEntity, "Login Profile for User %s cannot be found.", u.Name)
	}
	old, err := c.p.required("OldPassword")
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(hashPassword(u.ID, old)), []byte(u.Login.Password)) != 1 {
		return errf(CodeAccessDenied, "The old password is incorrect.")
	}
	pw, err := c.passwordParam("NewPassword")
	if err != nil {
		return err
	}
	u.Login.Password = hashPassword(u.ID, pw)
	u.Login.ResetRequired = false
	return nil
}
