package server

import (
	"strings"
)

// Service-linked roles: roles that an AWS service creates and assumes,
// under /aws-service-role/SERVICE/. Deletion is a task; this server
// deletes at once and reports the task SUCCEEDED.

func init() {
	register("CreateServiceLinkedRole", true, resServiceLinked, createServiceLinkedRole)
	register("DeleteServiceLinkedRole", true, resRole("RoleName"), deleteServiceLinkedRole)
	register("GetServiceLinkedRoleDeletionStatus", false, nil, getServiceLinkedRoleDeletionStatus)
}

func resServiceLinked(c *call) string {
	svc := c.p.str("AWSServiceName")
	return c.s.arn("role", "/aws-service-role/"+svc+"/", serviceLinkedName(svc, c.p.str("CustomSuffix")))
}

// serviceLinkedName derives AWSServiceRoleFor<Service>[_<suffix>] from the
// service principal, e.g. elasticbeanstalk.amazonaws.com gives
// AWSServiceRoleForElasticbeanstalk.
func serviceLinkedName(svc, suffix string) string {
	label := svc
	if i := strings.IndexByte(label, '.'); i >= 0 {
		label = label[:i]
	}
	var b strings.Builder
	b.WriteString("AWSServiceRoleFor")
	up := true
	for i := 0; i < len(label); i++ {
		ch := label[i]
		if ch == '-' {
			up = true
			continue
		}
		if up && ch >= 'a' && ch <= 'z' {
			ch -= 'a' - 'A'
		}
		up = false
		if nameChar(ch) {
			b.WriteByte(ch)
		}
	}
	if suffix != "" {
		b.WriteByte('_')
		b.WriteString(suffix)
	}
	return b.String()
}

func createServiceLinkedRole(c *call) *APIError {
	svc, err := c.p.required("AWSServiceName")
	if err != nil {
		return err
	}
	if !strings.HasSuffix(svc, ".amazonaws.com") || len(svc) <= len(".amazonaws.com") {
		return errf(CodeInvalidInput, "The AWSServiceName %s is not a service principal.", svc)
	}
	for i := 0; i < len(svc); i++ {
		if !nameChar(svc[i]) {
			return validationf("AWSServiceName", svc, `Member must satisfy regular expression pattern: [\w+=,.@-]+`)
		}
	}
	suffix := c.p.str("CustomSuffix")
	if suffix != "" {
		if err := checkName("CustomSuffix", suffix, 64); err != nil {
			return err
		}
	}
	desc := c.p.str("Description")
	if err := checkLen("Description", desc, 0, 1000); err != nil {
		return err
	}
	name := serviceLinkedName(svc, suffix)
	if err := checkName("RoleName", name, maxUserName); err != nil {
		return err
	}
	if _, ok := c.s.st.Roles.get(name); ok {
		return errf(CodeInvalidInput, "Service role name %s has been taken in this account, please try a different suffix.", name)
	}
	trust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + svc +
		`"},"Action":"sts:AssumeRole"}]}`
	r := &role{Name: name, Path: "/aws-service-role/" + svc + "/", ID: c.s.ids.id("AROA"), Created: c.now,
		AssumeDoc: trust, Description: desc, MaxSession: 3600}
	c.s.st.Roles.put(name, r)
	c.s.st.rolesByID[r.ID] = r
	c.s.writeRole(c.w, "Role", r, true)
	return nil
}

func deleteServiceLinkedRole(c *call) *APIError {
	r, err := c.role("RoleName")
	if err != nil {
		return err
	}
	if !strings.HasPrefix(r.Path, "/aws-service-role/") {
		return errf(CodeInvalidInput, "Role %s is not a service-linked role.", r.Name)
	}
	inProfile := false
	c.s.st.InstanceProfiles.each(func(ip *instanceProfile) bool {
		for _, id := range ip.Roles {
			inProfile = inProfile || id == r.ID
		}
		return !inProfile
	})
	if inProfile {
		return deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
	}
	// The role goes with its policies: release every use of a managed
	// policy, or that policy could never be deleted (DeleteConflict).
	for _, arn := range r.Attached {
		if p, _ := c.s.policyByArn(arn); p != nil {
			p.Attachments--
		}
	}
	c.s.releaseBoundary(r.Boundary)
	c.s.st.Roles.del(r.Name)
	delete(c.s.st.rolesByID, r.ID)
	task := "task" + r.Path + r.Name + "/" + c.s.ids.requestID()
	if c.s.st.DeletionTasks == nil {
		c.s.st.DeletionTasks = make(map[string]string)
	}
	c.s.st.DeletionTasks[task] = "SUCCEEDED"
	c.w.elem("DeletionTaskId", task)
	return nil
}

func getServiceLinkedRoleDeletionStatus(c *call) *APIError {
	id, err := c.p.required("DeletionTaskId")
	if err != nil {
		return err
	}
	st, ok := c.s.st.DeletionTasks[id]
	if !ok {
		return errf(CodeNoSuchEntity, "Deletion task %s cannot be found.", id)
	}
	c.w.elem("Status", st)
	return nil
}
