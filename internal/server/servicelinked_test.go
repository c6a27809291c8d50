package server

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Deleting a service-linked role releases every managed policy it used,
// its permissions boundary included: the policy can be deleted after.
func TestDeleteServiceLinkedRoleReleasesPolicies(t *testing.T) {
	e := newEnv(t)
	e.ok("CreateServiceLinkedRole", "AWSServiceName", "elasticbeanstalk.amazonaws.com")
	const role = "AWSServiceRoleForElasticbeanstalk"
	arns := map[string]string{}
	for _, name := range []string{"attached", "boundary"} {
		r := e.ok("CreatePolicy", "PolicyName", name, "PolicyDocument", allowAll)
		arns[name] = value(t, r.Body, "Arn")
	}
	e.ok("AttachRolePolicy", "RoleName", role, "PolicyArn", arns["attached"])
	e.ok("PutRolePermissionsBoundary", "RoleName", role, "PermissionsBoundary", arns["boundary"])
	e.fail(409, CodeDeleteConflict, "DeletePolicy", "PolicyArn", arns["boundary"])

	e.ok("DeleteServiceLinkedRole", "RoleName", role)
	for name, arn := range arns {
		t.Run(name, func(t *testing.T) {
			r := e.ok("GetPolicy", "PolicyArn", arn)
			assert.Equal(t, "0", value(t, r.Body, "AttachmentCount"))
			assert.Equal(t, "0", value(t, r.Body, "PermissionsBoundaryUsageCount"))
			e.ok("DeletePolicy", "PolicyArn", arn)
		})
	}
}
