package server

import (
	"testing"
)

// A user allowed GetAccessKeyLastUsed only on itself must not read the
// root user's keys: they belong to the root user, not to the caller.
func TestGetAccessKeyLastUsedRootKeyAuthorizedAsRoot(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	r := e.ok("CreateAccessKey", "UserName", "bob")
	bobKey := value(t, r.Body, "AccessKeyId")
	bob := e.client(bobKey, value(t, r.Body, "SecretAccessKey"))
	e.ok("PutUserPolicy", "UserName", "bob", "PolicyName", "self", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetAccessKeyLastUsed","Resource":"arn:aws:iam::123456789012:user/bob"}]}`)
	madeByRoot := value(t, e.ok("CreateAccessKey").Body, "AccessKeyId")

	for name, tc := range map[string]struct {
		key    string
		status int
		code   string
	}{
		"own key":          {key: bobKey, status: 200},
		"configured root":  {key: testAK, status: 403, code: CodeAccessDenied},
		"root-created key": {key: madeByRoot, status: 403, code: CodeAccessDenied},
		"unknown key":      {key: "AKIAUNKNOWNUNKNOWN00", status: 404, code: CodeNoSuchEntity},
	} {
		t.Run(name, func(t *testing.T) {
			r := mustDo(t, bob, "GetAccessKeyLastUsed", "AccessKeyId", tc.key)
			if tc.code == "" {
				if r.Status != tc.status {
					t.Fatalf("status %d: %s", r.Status, r.Body)
				}
				return
			}
			requireError(t, r, tc.status, tc.code)
		})
	}
}
