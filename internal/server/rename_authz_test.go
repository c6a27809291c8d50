package server

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// IAM authorizes a rename on the source and on the target: a user allowed
// UpdateUser/UpdateGroup only under /dev/ may rename within /dev/ but not
// move an entity out of it.
func TestRenameAuthorizedOnSourceAndTarget(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateUser", "UserName", "bob")
	r := e.ok("CreateAccessKey", "UserName", "bob")
	bob := e.client(value(t, r.Body, "AccessKeyId"), value(t, r.Body, "SecretAccessKey"))
	e.ok("PutUserPolicy", "UserName", "bob", "PolicyName", "dev", "PolicyDocument",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:UpdateUser","iam:UpdateGroup"],`+
			`"Resource":["arn:aws:iam::123456789012:user/dev/*","arn:aws:iam::123456789012:group/dev/*"]}]}`)
	e.ok("CreateUser", "UserName", "carol", "Path", "/dev/")
	e.ok("CreateGroup", "GroupName", "devs", "Path", "/dev/")

	for _, tc := range []struct {
		name   string
		action string
		kv     []string
		status int
	}{
		{"user moved out of /dev/", "UpdateUser", []string{"UserName", "carol", "NewPath", "/admin/"}, 403},
		{"user renamed to a name under another path", "UpdateUser", []string{"UserName", "carol", "NewUserName", "admin", "NewPath", "/"}, 403},
		{"group moved out of /dev/", "UpdateGroup", []string{"GroupName", "devs", "NewPath", "/admin/"}, 403},
		{"user renamed within /dev/", "UpdateUser", []string{"UserName", "carol", "NewUserName", "carol2"}, 200},
		{"user moved within /dev/", "UpdateUser", []string{"UserName", "carol2", "NewPath", "/dev/team/"}, 200},
		{"group renamed within /dev/", "UpdateGroup", []string{"GroupName", "devs", "NewGroupName", "devs2"}, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustDo(t, bob, tc.action, tc.kv...)
			if tc.status == 403 {
				requireError(t, r, 403, CodeAccessDenied)
				return
			}
			assert.Equal(t, tc.status, r.Status, "%s", r.Body)
		})
	}
	assert.Equal(t, "/dev/team/", value(t, e.ok("GetUser", "UserName", "carol2").Body, "Path"))
	assert.Equal(t, "/dev/", value(t, e.ok("GetGroup", "GroupName", "devs2").Body, "Path"))
}
