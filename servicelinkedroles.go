package iam

import (
	"context"
	"fmt"
)

// CreateServiceLinkedRoleOptions are the optional settings of
// CreateServiceLinkedRole.
type CreateServiceLinkedRoleOptions struct {
	// Description is at most 1000 characters.
	Description string
	// CustomSuffix is appended to the role name the service chooses, so
	// that one service can have several roles; some services refuse it.
	CustomSuffix string
}

// CreateServiceLinkedRole creates the role an AWS service uses on the
// account's behalf; awsServiceName is the service principal, e.g.
// "elasticbeanstalk.amazonaws.com". The service, not the caller, sets the
// role's name, path, trust and permissions.
func (c *Client) CreateServiceLinkedRole(ctx context.Context, awsServiceName string, opts *CreateServiceLinkedRoleOptions) (*Role, error) {
	const action = "CreateServiceLinkedRole"
	o := orDefaults(opts)
	suffixErr := error(nil)
	if o.CustomSuffix != "" {
		suffixErr = checkName("CustomSuffix", o.CustomSuffix, 64, customSuffixRule)
	}
	if err := checkAll(
		checkName("AWSServiceName", awsServiceName, 128, awsServiceNameRule),
		checkDescription("Description", o.Description),
		suffixErr,
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"AWSServiceName": awsServiceName}
	setString(p, "Description", o.Description)
	setString(p, "CustomSuffix", o.CustomSuffix)
	return callElement(ctx, c, action, p, "Role", readRole)
}

// DeleteServiceLinkedRole asks IAM to delete a service-linked role and
// returns the deletion task's ID. The deletion runs asynchronously, and
// fails while the service still uses the role: poll
// GetServiceLinkedRoleDeletionStatus with the ID.
func (c *Client) DeleteServiceLinkedRole(ctx context.Context, roleName string) (string, error) {
	const action = "DeleteServiceLinkedRole"
	if err := checkRoleName("RoleName", roleName); err != nil {
		return "", validationFailed(action, err)
	}
	return c.callString(ctx, action, Params{"RoleName": roleName}, "DeletionTaskId")
}

// The values of ServiceLinkedRoleDeletionStatus.Status.
const (
	DeletionTaskSucceeded  = "SUCCEEDED"
	DeletionTaskInProgress = "IN_PROGRESS"
	DeletionTaskFailed     = "FAILED"
	DeletionTaskNotStarted = "NOT_STARTED"
)

// ServiceLinkedRoleDeletionStatus is the state of a service-linked role's
// deletion task.
type ServiceLinkedRoleDeletionStatus struct {
	// Status is one of the DeletionTask* constants.
	Status string
	// Reason says why a failed deletion failed, when the service tells;
	// nil otherwise.
	Reason *DeletionTaskFailureReason

	source
}

// DeletionTaskFailureReason explains a failed service-linked role
// deletion.
type DeletionTaskFailureReason struct {
	Reason string
	// RoleUsageList names the resources, per region, that still use the
	// role.
	RoleUsageList []RoleUsage
}

// RoleUsage is the resources of one region that use a service-linked
// role.
type RoleUsage struct {
	Region    string
	Resources []string
}

// GetServiceLinkedRoleDeletionStatus returns the state of a deletion that
// DeleteServiceLinkedRole started.
func (c *Client) GetServiceLinkedRoleDeletionStatus(ctx context.Context, deletionTaskID string) (*ServiceLinkedRoleDeletionStatus, error) {
	const action = "GetServiceLinkedRoleDeletionStatus"
	if deletionTaskID == "" || len(deletionTaskID) > 1000 {
		return nil, validationFailed(action, invalid("DeletionTaskId", deletionTaskID, deletionTaskIDRule))
	}
	resp, result, err := c.callResult(ctx, action, Params{"DeletionTaskId": deletionTaskID})
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	out := &ServiceLinkedRoleDeletionStatus{Status: f.str("Status"), source: source{result, resp}}
	if !result.Path("Status").Exists() {
		f.err = errNotFound(result, "Status")
	}
	if r := result.Path("Reason"); r.Exists() && f.err == nil {
		out.Reason = &DeletionTaskFailureReason{Reason: r.Path("Reason").String()}
		out.Reason.RoleUsageList, f.err = readList(r, "RoleUsageList", func(n Node) (RoleUsage, error) {
			uf := fields{n: n}
			u := RoleUsage{Region: uf.str("Region"), Resources: fieldStrings(&uf, "Resources")}
			return u, uf.err
		})
		if f.err != nil {
			f.err = fmt.Errorf("Reason: %w", f.err)
		}
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	return out, nil
}

// Rules of the IAM API reference for service-linked role arguments.
const (
	awsServiceNameRule = `must be a service principal such as "elasticbeanstalk.amazonaws.com", matching [\w+=,.@-]+ (1-128 characters)`
	customSuffixRule   = `must match [\w+=,.@-]+ (1-64 characters)`
	deletionTaskIDRule = "is required, 1-1000 characters (the ID DeleteServiceLinkedRole returned)"
)
