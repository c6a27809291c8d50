package server

import (
	"strings"

	"github.com/iamkit/iam/internal/policy"
)

func init() {
	register("CreatePolicy", true, resPolicyName, createPolicy)
	register("GetPolicy", false, resPolicyArn("PolicyArn"), getPolicy)
	register("ListPolicies", false, nil, listPolicies)
	register("DeletePolicy", true, resPolicyArn("PolicyArn"), deletePolicy)
	register("CreatePolicyVersion", true, resPolicyArn("PolicyArn"), createPolicyVersion)
	register("GetPolicyVersion", false, resPolicyArn("PolicyArn"), getPolicyVersion)
	register("ListPolicyVersions", false, resPolicyArn("PolicyArn"), listPolicyVersions)
	register("DeletePolicyVersion", true, resPolicyArn("PolicyArn"), deletePolicyVersion)
	register("SetDefaultPolicyVersion", true, resPolicyArn("PolicyArn"), setDefaultPolicyVersion)
	// AWS managed policies' tags can be listed but not changed.
	register("TagPolicy", true, resPolicyArn("PolicyArn"), tagEntity((*call).customerPolicy))
	register("UntagPolicy", true, resPolicyArn("PolicyArn"), untagEntity((*call).customerPolicy))
	register("ListPolicyTags", false, resPolicyArn("PolicyArn"), listEntityTags(func(c *call) (*managedPolicy, *APIError) {
		return c.policyParam("PolicyArn")
	}))
}

const (
	// maxPolicyVersions is IAM's quota of versions per managed policy.
	maxPolicyVersions = 5
	awsPolicyPrefix   = "arn:aws:iam::aws:policy"
)

// policyByArn finds a customer managed policy of this account or one of
// the built-in AWS managed policies.
func (s *Server) policyByArn(arn string) (*managedPolicy, *APIError) {
	var name string
	switch {
	case strings.HasPrefix(arn, "arn:aws:iam::"+s.account+":policy/"):
		name = arn[strings.LastIndexByte(arn, '/')+1:]
	case strings.HasPrefix(arn, awsPolicyPrefix+"/"):
		name = arn[strings.LastIndexByte(arn, '/')+1:]
		if p, ok := s.st.AWSPolicies.get(name); ok && p.Arn == arn {
			return p, nil
		}
		return nil, errf(CodeNoSuchEntity, "Policy %s does not exist or is not attachable.", arn)
	default:
		if err := checkArn("PolicyArn", arn); err != nil {
			return nil, err
		}
		return nil, errf(CodeNoSuchEntity, "Policy %s does not exist or is not attachable.", arn)
	}
	p, ok := s.st.Policies.get(name)
	if !ok || p.Arn != arn {
		return nil, errf(CodeNoSuchEntity, "Policy %s does not exist or is not attachable.", arn)
	}
	return p, nil
}

// arnParam reads the required ARN parameter field and checks its shape.
func arnParam(p params, field string) (string, *APIError) {
	arn, err := p.required(field)
	if err != nil {
		return "", err
	}
	return arn, checkArn(field, arn)
}

// checkArn validates an ARN parameter's length and shape.
func checkArn(field, arn string) *APIError {
	if len(arn) < 20 || len(arn) > 2048 {
		return validationf(field, truncate(arn, 64), "Member must have length between 20 and 2048")
	}
	if !strings.HasPrefix(arn, "arn:") || strings.Count(arn, ":") < 5 {
		return errf(CodeInvalidInput, "ARN %s is not valid.", arn)
	}
	return nil
}

// policyParam resolves the required ARN parameter field.
func (c *call) policyParam(field string) (*managedPolicy, *APIError) {
	arn, err := arnParam(c.p, field)
	if err != nil {
		return nil, err
	}
	return c.s.policyByArn(arn)
}

func isAWSManaged(p *managedPolicy) bool { return strings.HasPrefix(p.Arn, awsPolicyPrefix) }

func (s *Server) writePolicy(w *xmlw, elem string, p *managedPolicy, full bool) {
	w.open(elem)
	writePolicyFields(w, p, full)
	if full {
		writeTags(w, "Tags", p.Tags, false)
	}
	w.close(elem)
}

// writePolicyFields writes a managed policy's own fields; full adds the
// description (GetPolicy, GetAccountAuthorizationDetails).
func writePolicyFields(w *xmlw, p *managedPolicy, full bool) {
	w.elem("PolicyName", p.Name)
	w.elem("PolicyId", p.ID)
	w.elem("Arn", p.Arn)
	w.elem("Path", p.Path)
	w.elem("DefaultVersionId", p.Default)
	w.int("AttachmentCount", p.Attachments)
	w.int("PermissionsBoundaryUsageCount", p.BoundaryUse)
	w.bool("IsAttachable", true)
	if full {
		w.opt("Description", p.Description)
	}
	w.time("CreateDate", p.Created)
	w.time("UpdateDate", p.Updated)
}

func createPolicy(c *call) *APIError {
	name, path, err := namePathParams(c.p, "PolicyName", maxPolicyName)
	if err != nil {
		return err
	}
	desc := c.p.str("Description")
	if err := checkLen("Description", desc, 0, 1000); err != nil {
		return err
	}
	tags, err := tagsParam(c.p)
	if err != nil {
		return err
	}
	doc, err := policyDocParam(c.p, "PolicyDocument", policy.KindManaged)
	if err != nil {
		return err
	}
	if _, ok := c.s.st.Policies.get(name); ok {
		return errf(CodeEntityAlreadyExists, "A policy called %s already exists. Duplicate names are not allowed.", name)
	}
	p := &managedPolicy{
		Name: name, Path: path, ID: c.s.ids.id("ANPA"), Arn: c.s.policyArn(path, name),
		Description: desc, Created: c.now, Updated: c.now, Tags: tags,
		Versions: []*policyVersion{{ID: "v1", Doc: doc, Created: c.now}},
		Default:  "v1", NextVersion: 2,
	}
	c.s.st.Policies.put(name, p)
	c.s.writePolicy(c.w, "Policy", p, false)
	return nil
}

func getPolicy(c *call) *APIError {
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return err
	}
	if !c.s.propagated(p.Created, c.now) {
		return errf(CodeNoSuchEntity, "Policy %s was not found.", p.Arn)
	}
	c.s.writePolicy(c.w, "Policy", p, true)
	return nil
}

func listPolicies(c *call) *APIError {
	scope, err := enumParam(c.p, "Scope", "All", "AWS", "Local")
	if err != nil {
		return err
	}
	onlyAttached, err := c.p.boolean("OnlyAttached", false)
	if err != nil {
		return err
	}
	usage, err := enumParam(c.p, "PolicyUsageFilter", "PermissionsPolicy", "PermissionsBoundary")
	if err != nil {
		return err
	}
	prefix, err := pathPrefixParam(c.p)
	if err != nil {
		return err
	}
	pg, err := c.p.paging()
	if err != nil {
		return err
	}
	keep := func(p *managedPolicy) bool {
		if !strings.HasPrefix(p.Path, prefix) {
			return false
		}
		switch {
		case usage == "PermissionsPolicy" && p.Attachments == 0 && onlyAttached:
			return false
		case usage == "PermissionsBoundary" && p.BoundaryUse == 0 && onlyAttached:
			return false
		case onlyAttached && p.Attachments == 0 && p.BoundaryUse == 0:
			return false
		}
		return true
	}
	// One listing over two collections: AWS managed policies first, their
	// markers prefixed "a", then the account's, prefixed "l".
	var items []*managedPolicy
	next, more := "", false
	marker := pg.marker
	if scope != "Local" && (marker == "" || marker[0] == 'a') {
		if marker != "" {
			marker = marker[1:]
		}
		items, next, more = c.s.st.AWSPolicies.page(marker, pg.max, keep)
		next = prefixMarker("a", next)
		marker = ""
	}
	if !more && scope != "AWS" {
		if marker != "" && marker[0] == 'l' {
			marker = marker[1:]
		}
		var local []*managedPolicy
		local, next, more = c.s.st.Policies.page(marker, pg.max-len(items), keep)
		next = prefixMarker("l", next)
		items = append(items, local...)
	}
	writeList(c.w, "Policies", items, func(p *managedPolicy) { c.s.writePolicy(c.w, "member", p, false) })
	writePage(c.w, next, more)
	return nil
}

func deletePolicy(c *call) *APIError {
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return err
	}
	if isAWSManaged(p) {
		return errf(CodeUnmodifiableEntity, "Cannot delete AWS managed policy %s.", p.Arn)
	}
	switch {
	case p.Attachments > 0:
		return deleteConflict("Cannot delete a policy attached to entities.")
	case p.BoundaryUse > 0:
		return deleteConflict("Cannot delete a policy used as a permissions boundary.")
	case len(p.Versions) > 1:
		return deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
	}
	c.s.st.Policies.del(p.Name)
	return nil
}

func writeVersion(w *xmlw, elem string, p *managedPolicy, v *policyVersion, withDoc bool) {
	w.open(elem)
	if withDoc {
		w.policyDoc("Document", v.Doc)
	}
	w.elem("VersionId", v.ID)
	w.bool("IsDefaultVersion", v.ID == p.Default)
	w.time("CreateDate", v.Created)
	w.close(elem)
}

func (c *call) customerPolicy() (*managedPolicy, *APIError) {
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return nil, err
	}
	if isAWSManaged(p) {
		return nil, errf(CodeUnmodifiableEntity, "Cannot modify AWS managed policy %s.", p.Arn)
	}
	return p, nil
}

func createPolicyVersion(c *call) *APIError {
	p, err := c.customerPolicy()
	if err != nil {
		return err
	}
	doc, err := policyDocParam(c.p, "PolicyDocument", policy.KindManaged)
	if err != nil {
		return err
	}
	setDefault, err := c.p.boolean("SetAsDefault", false)
	if err != nil {
		return err
	}
	if len(p.Versions) >= maxPolicyVersions {
		return limitExceeded("A managed policy can have up to %d versions. Before you create a new version, you must delete an existing version.", maxPolicyVersions)
	}
	v := &policyVersion{ID: "v" + itoa(p.NextVersion), Doc: doc, Created: c.now}
	p.NextVersion++
	p.Versions = append(p.Versions, v)
	if setDefault {
		p.Default = v.ID
	}
	p.Updated = c.now
	writeVersion(c.w, "PolicyVersion", p, v, false)
	return nil
}

// versionParam reads VersionId: v1, v2, ... (IAM's pattern
// v[1-9][0-9]*(\.[A-Za-z0-9-]*)?).
func (c *call) versionParam(p *managedPolicy) (*policyVersion, *APIError) {
	id, err := c.p.required("VersionId")
	if err != nil {
		return nil, err
	}
	if len(id) < 2 || id[0] != 'v' || id[1] < '1' || id[1] > '9' {
		return nil, validationf("VersionId", id, `Member must satisfy regular expression pattern: v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`)
	}
	v := p.version(id)
	if v == nil {
		return nil, errf(CodeNoSuchEntity, "Policy %s version %s does not exist or is not attachable.", p.Arn, id)
	}
	return v, nil
}

func getPolicyVersion(c *call) *APIError {
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return err
	}
	v, err := c.versionParam(p)
	if err != nil {
		return err
	}
	writeVersion(c.w, "PolicyVersion", p, v, true)
	return nil
}

func listPolicyVersions(c *call) *APIError {
	p, err := c.policyParam("PolicyArn")
	if err != nil {
		return err
	}
	return writeSlicePage(c, "Versions", p.Versions, func(v *policyVersion) {
		writeVersion(c.w, "member", p, v, false)
	})
}

func deletePolicyVersion(c *call) *APIError {
	p, err := c.customerPolicy()
	if err != nil {
		return err
	}
	v, err := c.versionParam(p)
	if err != nil {
		return err
	}
	if v.ID == p.Default {
		return deleteConflict("Cannot delete the default version of a policy.")
	}
	for i, o := range p.Versions {
		if o == v {
			p.Versions = append(p.Versions[:i:i], p.Versions[i+1:]...)
			break
		}
	}
	return nil
}

func setDefaultPolicyVersion(c *call) *APIError {
	p, err := c.customerPolicy()
	if err != nil {
		return err
	}
	v, err := c.versionParam(p)
	if err != nil {
		return err
	}
	p.Default = v.ID
	p.Updated = c.now
	return nil
}

// prefixMarker tags an encoded marker with the collection it belongs to.
func prefixMarker(prefix, m string) string {
	if m == "" {
		return ""
	}
	k, _ := decodeMarker(m)
	return encodeMarker(prefix + k)
}
