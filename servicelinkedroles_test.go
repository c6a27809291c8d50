package iam

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/iamkit/iam/iamtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateServiceLinkedRole(t *testing.T) {
	ctx := context.Background()
	t.Run("all options", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateServiceLinkedRole", "AWSServiceName", "elasticbeanstalk.amazonaws.com",
			"Description", "Elastic Beanstalk test role", "CustomSuffix", "test"), 200, typedFixture(t, "createservicelinkedrole.xml"))
		r, err := c.CreateServiceLinkedRole(ctx, "elasticbeanstalk.amazonaws.com",
			&CreateServiceLinkedRoleOptions{Description: "Elastic Beanstalk test role", CustomSuffix: "test"})
		require.NoError(t, err)
		assert.Equal(t, "AWSServiceRoleForElasticBeanstalk_test", r.RoleName)
		assert.Equal(t, "/aws-service-role/elasticbeanstalk.amazonaws.com/", r.Path)
		require.NotNil(t, r.AssumeRolePolicy)
		assert.Contains(t, r.AssumeRolePolicyJSON, "elasticbeanstalk.amazonaws.com")
	})
	t.Run("no options sends only the service name", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateServiceLinkedRole", "AWSServiceName", "elasticbeanstalk.amazonaws.com"), 200, typedFixture(t, "createservicelinkedrole.xml"))
		_, err := c.CreateServiceLinkedRole(ctx, "elasticbeanstalk.amazonaws.com", nil)
		require.NoError(t, err)
	})
	t.Run("missing Role is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateServiceLinkedRole", "AWSServiceName", "elasticbeanstalk.amazonaws.com"), 200,
			`<CreateServiceLinkedRoleResponse><CreateServiceLinkedRoleResult/></CreateServiceLinkedRoleResponse>`)
		_, err := c.CreateServiceLinkedRole(ctx, "elasticbeanstalk.amazonaws.com", nil)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "Role")
	})
	refused := map[string]struct {
		service string
		opts    *CreateServiceLinkedRoleOptions
		field   string
	}{
		"no service":         {"", nil, "AWSServiceName"},
		"service with slash": {"https://ec2.amazonaws.com", nil, "AWSServiceName"},
		"long suffix":        {"ec2.amazonaws.com", &CreateServiceLinkedRoleOptions{CustomSuffix: strings.Repeat("a", 65)}, "CustomSuffix"},
		"suffix with space":  {"ec2.amazonaws.com", &CreateServiceLinkedRoleOptions{CustomSuffix: "a b"}, "CustomSuffix"},
		"long description":   {"ec2.amazonaws.com", &CreateServiceLinkedRoleOptions{Description: strings.Repeat("d", 1001)}, "Description"},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).CreateServiceLinkedRole(ctx, tc.service, tc.opts)
			requireValidation(t, err, "CreateServiceLinkedRole", tc.field)
		})
	}
}

func TestDeleteServiceLinkedRole(t *testing.T) {
	ctx := context.Background()
	const role = "AWSServiceRoleForElasticBeanstalk_test"
	c, _ := expectForm(t, form("DeleteServiceLinkedRole", "RoleName", role), 200, typedFixture(t, "deleteservicelinkedrole.xml"))
	id, err := c.DeleteServiceLinkedRole(ctx, role)
	require.NoError(t, err)
	assert.Equal(t, "task/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk_test/1d6d6ec5-5a9e-4b26-8b3c-EXAMPLE", id)

	t.Run("missing DeletionTaskId is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("DeleteServiceLinkedRole", "RoleName", role), 200,
			`<DeleteServiceLinkedRoleResponse><DeleteServiceLinkedRoleResult/></DeleteServiceLinkedRoleResponse>`)
		_, err := c.DeleteServiceLinkedRole(ctx, role)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "DeletionTaskId")
	})
	t.Run("bad role name", func(t *testing.T) {
		_, err := neverCalled(t).DeleteServiceLinkedRole(ctx, "a/b")
		requireValidation(t, err, "DeleteServiceLinkedRole", "RoleName")
	})
}

func TestGetServiceLinkedRoleDeletionStatus(t *testing.T) {
	ctx := context.Background()
	const task = "task/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk_test/1d6d6ec5"
	tests := map[string]struct {
		fixture string
		status  string
		reason  *DeletionTaskFailureReason
	}{
		"succeeded": {"getslrdeletionstatus-succeeded.xml", DeletionTaskSucceeded, nil},
		"failed, zero usages": {"getslrdeletionstatus-failed-0.xml", DeletionTaskFailed,
			&DeletionTaskFailureReason{Reason: "The service-linked role has active sessions.", RoleUsageList: []RoleUsage{}}},
		"failed, one usage": {"getslrdeletionstatus-failed-1.xml", DeletionTaskFailed,
			&DeletionTaskFailureReason{Reason: "Resources still use the role.", RoleUsageList: []RoleUsage{
				{Region: "us-east-1", Resources: []string{"arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/app/env-1"}},
			}}},
		"failed, many usages": {"getslrdeletionstatus-failed-many.xml", DeletionTaskFailed,
			&DeletionTaskFailureReason{Reason: "Resources still use the role.", RoleUsageList: []RoleUsage{
				{Region: "us-east-1", Resources: []string{
					"arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/app/env-1",
					"arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/app/env-2",
				}},
				{Region: "eu-west-1", Resources: []string{}},
			}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("GetServiceLinkedRoleDeletionStatus", "DeletionTaskId", task), 200, typedFixture(t, tc.fixture))
			out, err := c.GetServiceLinkedRoleDeletionStatus(ctx, task)
			require.NoError(t, err)
			assert.Equal(t, tc.status, out.Status)
			assert.Equal(t, tc.reason, out.Reason)
		})
	}
	t.Run("missing Status is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("GetServiceLinkedRoleDeletionStatus", "DeletionTaskId", task), 200,
			`<R><GetServiceLinkedRoleDeletionStatusResult/></R>`)
		_, err := c.GetServiceLinkedRoleDeletionStatus(ctx, task)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "Status")
	})
	t.Run("RoleUsageList not a list is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("GetServiceLinkedRoleDeletionStatus", "DeletionTaskId", task), 200,
			`<R><GetServiceLinkedRoleDeletionStatusResult><Status>FAILED</Status><Reason><RoleUsageList>x</RoleUsageList></Reason></GetServiceLinkedRoleDeletionStatusResult></R>`)
		_, err := c.GetServiceLinkedRoleDeletionStatus(ctx, task)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "RoleUsageList")
	})
	for name, id := range map[string]string{"empty": "", "too long": strings.Repeat("t", 1001)} {
		t.Run("refused: "+name, func(t *testing.T) {
			_, err := neverCalled(t).GetServiceLinkedRoleDeletionStatus(ctx, id)
			requireValidation(t, err, "GetServiceLinkedRoleDeletionStatus", "DeletionTaskId")
		})
	}
}

// ExampleClient_DeleteServiceLinkedRole creates a service-linked role,
// starts its deletion and reads the deletion task's status, as a cleanup
// script would poll it.
func ExampleClient_DeleteServiceLinkedRole() {
	srv := iamtest.NewServer()
	defer srv.Close()
	ak, sk := srv.RootCredentials()
	c, err := New(WithEndpoint(srv.URL), WithRegion(iamtest.Region), WithCredentials(StaticCredentials(ak, sk, "")))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	role, err := c.CreateServiceLinkedRole(ctx, "elasticbeanstalk.amazonaws.com", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(role.RoleName, role.Path)
	task, err := c.DeleteServiceLinkedRole(ctx, role.RoleName)
	if err != nil {
		panic(err)
	}
	status, err := c.GetServiceLinkedRoleDeletionStatus(ctx, task)
	if err != nil {
		panic(err)
	}
	fmt.Println(status.Status)
	// Output:
	// AWSServiceRoleForElasticbeanstalk /aws-service-role/elasticbeanstalk.amazonaws.com/
	// SUCCEEDED
}
