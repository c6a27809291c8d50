package iam

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strings"

	"github.com/iamkit/iam/internal/policy"
)

// PolicyDocument is an IAM policy document: Version, Id (the ID field) and
// its statements. It reads and writes IAM's JSON, including the forms IAM
// lets an element take (Statement as one object or an array; Action,
// Resource and principal IDs as a string or an array; condition values as
// strings, booleans or numbers), and writes each element back in the form
// it was read, so a policy round-trips unchanged in meaning and shape.
//
// Build one in code, or read one with ParsePolicyDocument:
//
//	doc := &iam.PolicyDocument{
//		Version: iam.PolicyVersion,
//		Statement: []iam.Statement{{
//			Effect:   "Allow",
//			Action:   iam.StringList("s3:GetObject", "s3:ListBucket"),
//			Resource: iam.StringValue("*"),
//		}},
//	}
//
// The Put*Policy methods validate it before sending (see PutUserPolicy).
type PolicyDocument = policy.Document

// Statement is one statement of a PolicyDocument: Sid, Effect ("Allow" or
// "Deny"), Principal/NotPrincipal, Action/NotAction,
// Resource/NotResource and Condition.
type Statement = policy.Statement

// Strings is a policy element that is either one JSON string or an array
// of strings. Build it with StringValue or StringList; read it from
// Values.
type Strings = policy.Strings

// Principal is the Principal or NotPrincipal element of a trust or
// resource policy: the wildcard "*" or typed IDs ("AWS", "Service",
// "Federated", "CanonicalUser").
type Principal = policy.Principal

// PrincipalEntry is one principal type and its IDs.
type PrincipalEntry = policy.PrincipalEntry

// Condition is a statement's Condition element: operator blocks in
// document order.
type Condition = policy.Condition

// ConditionBlock is one condition operator and its keys.
type ConditionBlock = policy.ConditionBlock

// ConditionEntry is one condition key and its values.
type ConditionEntry = policy.ConditionEntry

// ConditionValues are the values of one condition key; build them with
// NewConditionValues.
type ConditionValues = policy.ConditionValues

// Policy language versions for PolicyDocument.Version.
const (
	// PolicyVersion is the current language, "2012-10-17"; only it expands
	// policy variables such as ${aws:username}.
	PolicyVersion = policy.Version2012
	// PolicyVersion2008 is the original language, "2008-10-17".
	PolicyVersion2008 = policy.Version2008
)

// StringValue returns a Strings that is written as a bare JSON string.
func StringValue(s string) Strings { return policy.String1(s) }

// StringList returns a Strings that is written as a JSON array, even with
// one value.
func StringList(values ...string) Strings { return policy.StringList(values...) }

// NewConditionValues returns condition values, written as a bare string
// for one value and as an array otherwise.
func NewConditionValues(values ...string) ConditionValues { return policy.ConditionValue(values...) }

// ParsePolicyDocument reads a policy document from its JSON text. It
// checks the shape (valid JSON, known elements, the allowed forms of each)
// but not IAM's rules; the Put*Policy methods check those.
func ParsePolicyDocument(text string) (*PolicyDocument, error) {
	return policy.Parse([]byte(text))
}

// policyText returns the JSON text to send for a policy given either as a
// document or as text, after checking it against IAM's rules for kind
// (valid JSON, at least one statement, Effect Allow or Deny, actions of
// the form service:action, the size quota, ...). Text is sent as the
// caller wrote it; a document is marshalled without HTML escaping, which
// would inflate its size as IAM counts it.
func policyText(field string, kind policy.Kind, doc *PolicyDocument, text string) (string, error) {
	if doc == nil {
		if strings.TrimSpace(text) == "" {
			return "", invalid(field, "", requiredRule)
		}
		if _, err := policy.ParseAndValidate([]byte(text), kind); err != nil {
			return "", invalidPolicy(field, kind, err)
		}
		return text, nil
	}
	if err := doc.Validate(kind); err != nil {
		return "", invalidPolicy(field, kind, err)
	}
	b, err := doc.MarshalJSON()
	if err != nil {
		return "", invalidPolicy(field, kind, err)
	}
	return string(b), nil
}

func invalidPolicy(field string, kind policy.Kind, err error) error {
	return invalid(field, "", "invalid "+kind.String()+": "+strings.TrimPrefix(err.Error(), "policy: "))
}

// decodePolicyText turns a policy document as IAM sends it (percent-encoded
// per RFC 3986) into its JSON text and parsed form. It unescapes exactly
// once, so a literal "%25" in the policy (sent as "%2525") stays "%25", and
// a "+" stays a "+" (this is not form encoding: IAM sends a space as %20).
func decodePolicyText(field, wire string) (string, *PolicyDocument, error) {
	text, err := url.PathUnescape(wire)
	if err != nil {
		return "", nil, fmt.Errorf("iam: response element %s: not percent-encoded text: %w", field, err)
	}
	doc, err := policy.Parse([]byte(text))
	if err != nil {
		return "", nil, fmt.Errorf("iam: response element %s: %w", field, err)
	}
	return text, doc, nil
}

// InlinePolicy is an inline policy of a user, group or role, as
// GetUserPolicy, GetGroupPolicy and GetRolePolicy return it. Exactly one of
// UserName, GroupName and RoleName is set.
type InlinePolicy struct {
	UserName   string
	GroupName  string
	RoleName   string
	PolicyName string
	// Document is the parsed policy.
	Document *PolicyDocument
	// DocumentJSON is the policy's JSON text, URL-decoded once, as stored.
	DocumentJSON string
	// RawDocument is the PolicyDocument element as sent on the wire,
	// percent-encoded.
	RawDocument string

	source
}

// ListPolicyNamesOutput is one page of ListUserPolicies, ListGroupPolicies
// or ListRolePolicies.
type ListPolicyNamesOutput struct {
	PolicyNames []string
	PageInfo
	source
}

// inlineTarget describes the entity kind an inline policy belongs to.
type inlineTarget struct {
	entity string // "User", "Group" or "Role": the action infix
	check  func(field, name string) error
	kind   policy.Kind
}

var (
	userTarget  = inlineTarget{"User", checkUserName, policy.KindUserInline}
	groupTarget = inlineTarget{"Group", checkGroupName, policy.KindGroupInline}
	roleTarget  = inlineTarget{"Role", checkRoleName, policy.KindRoleInline}
)

func (t inlineTarget) nameParam() string { return t.entity + "Name" }

func (c *Client) putPolicy(ctx context.Context, t inlineTarget, name, policyName string, doc *PolicyDocument, text string) error {
	action := "Put" + t.entity + "Policy"
	if err := checkAll(t.check(t.nameParam(), name), checkPolicyName("PolicyName", policyName)); err != nil {
		return validationFailed(action, err)
	}
	body, err := policyText("PolicyDocument", t.kind, doc, text)
	if err != nil {
		return validationFailed(action, err)
	}
	_, err = c.Call(ctx, action, Params{t.nameParam(): name, "PolicyName": policyName, "PolicyDocument": body})
	return err
}

func (c *Client) getPolicy(ctx context.Context, t inlineTarget, name, policyName string) (*InlinePolicy, error) {
	action := "Get" + t.entity + "Policy"
	if err := checkAll(t.check(t.nameParam(), name), checkPolicyName("PolicyName", policyName)); err != nil {
		return nil, validationFailed(action, err)
	}
	resp, result, err := c.callResult(ctx, action, Params{t.nameParam(): name, "PolicyName": policyName})
	if err != nil {
		return nil, err
	}
	wire := result.Path("PolicyDocument")
	if !wire.Exists() {
		return nil, decodeFailed(action, resp, errNotFound(result, "PolicyDocument"))
	}
	text, doc, err := decodePolicyText("PolicyDocument", wire.String())
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	out := &InlinePolicy{
		PolicyName:   result.Path("PolicyName").String(),
		Document:     doc,
		DocumentJSON: text,
		RawDocument:  wire.String(),
		source:       source{result, resp},
	}
	entityName := result.Path(t.nameParam()).String()
	switch t.entity {
	case "User":
		out.UserName = entityName
	case "Group":
		out.GroupName = entityName
	case "Role":
		out.RoleName = entityName
	}
	return out, nil
}

func (c *Client) deletePolicy(ctx context.Context, t inlineTarget, name, policyName string) error {
	action := "Delete" + t.entity + "Policy"
	if err := checkAll(t.check(t.nameParam(), name), checkPolicyName("PolicyName", policyName)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{t.nameParam(): name, "PolicyName": policyName})
	return err
}

func (c *Client) listPolicies(ctx context.Context, t inlineTarget, name string, opts *PageOptions) (*ListPolicyNamesOutput, error) {
	action := "List" + t.entity + "Policies"
	p := Params{}
	if err := addPageParams(p, action, t.nameParam(), name, t.check, opts); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "PolicyNames", readString)
	if err != nil {
		return nil, err
	}
	return &ListPolicyNamesOutput{PolicyNames: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

func (c *Client) listPoliciesAll(ctx context.Context, t inlineTarget, name string, opts *PageOptions) iter.Seq2[string, error] {
	return allPages(ctx, "List"+t.entity+"Policies", opts, pageOf(bind2(c.listPolicies, t, name), func(o *ListPolicyNamesOutput) []string { return o.PolicyNames }))
}

// PutUserPolicy adds or replaces an inline policy of a user. The document
// is checked before sending (at least one statement, Effect "Allow" or
// "Deny", actions of the form service:action, IAM's 2,048-character
// quota, ...) and refused with an error naming the problem. To send JSON
// text as it is, use PutUserPolicyJSON.
func (c *Client) PutUserPolicy(ctx context.Context, userName, policyName string, doc *PolicyDocument) error {
	return c.putPolicy(ctx, userTarget, userName, policyName, notNilDoc(doc), "")
}

// PutUserPolicyJSON is PutUserPolicy for a document given as JSON text,
// which is checked the same way and then sent unchanged.
func (c *Client) PutUserPolicyJSON(ctx context.Context, userName, policyName, document string) error {
	return c.putPolicy(ctx, userTarget, userName, policyName, nil, document)
}

// GetUserPolicy returns an inline policy of a user, decoded.
func (c *Client) GetUserPolicy(ctx context.Context, userName, policyName string) (*InlinePolicy, error) {
	return c.getPolicy(ctx, userTarget, userName, policyName)
}

// DeleteUserPolicy deletes an inline policy of a user.
func (c *Client) DeleteUserPolicy(ctx context.Context, userName, policyName string) error {
	return c.deletePolicy(ctx, userTarget, userName, policyName)
}

// ListUserPolicies returns one page of the names of a user's inline
// policies.
func (c *Client) ListUserPolicies(ctx context.Context, userName string, opts *PageOptions) (*ListPolicyNamesOutput, error) {
	return c.listPolicies(ctx, userTarget, userName, opts)
}

// ListUserPoliciesAll iterates over the names of every inline policy of a
// user.
func (c *Client) ListUserPoliciesAll(ctx context.Context, userName string, opts *PageOptions) iter.Seq2[string, error] {
	return c.listPoliciesAll(ctx, userTarget, userName, opts)
}

// PutGroupPolicy adds or replaces an inline policy of a group, checked
// like PutUserPolicy's (with the group quota, 5,120 characters).
func (c *Client) PutGroupPolicy(ctx context.Context, groupName, policyName string, doc *PolicyDocument) error {
	return c.putPolicy(ctx, groupTarget, groupName, policyName, notNilDoc(doc), "")
}

// PutGroupPolicyJSON is PutGroupPolicy for a document given as JSON text.
func (c *Client) PutGroupPolicyJSON(ctx context.Context, groupName, policyName, document string) error {
	return c.putPolicy(ctx, groupTarget, groupName, policyName, nil, document)
}

// GetGroupPolicy returns an inline policy of a group, decoded.
func (c *Client) GetGroupPolicy(ctx context.Context, groupName, policyName string) (*InlinePolicy, error) {
	return c.getPolicy(ctx, groupTarget, groupName, policyName)
}

// DeleteGroupPolicy deletes an inline policy of a group.
func (c *Client) DeleteGroupPolicy(ctx context.Context, groupName, policyName string) error {
	return c.deletePolicy(ctx, groupTarget, groupName, policyName)
}

// ListGroupPolicies returns one page of the names of a group's inline
// policies.
func (c *Client) ListGroupPolicies(ctx context.Context, groupName string, opts *PageOptions) (*ListPolicyNamesOutput, error) {
	return c.listPolicies(ctx, groupTarget, groupName, opts)
}

// ListGroupPoliciesAll iterates over the names of every inline policy of
// a group.
func (c *Client) ListGroupPoliciesAll(ctx context.Context, groupName string, opts *PageOptions) iter.Seq2[string, error] {
	return c.listPoliciesAll(ctx, groupTarget, groupName, opts)
}

// PutRolePolicy adds or replaces an inline policy of a role, checked like
// PutUserPolicy's (with the role quota, 10,240 characters).
func (c *Client) PutRolePolicy(ctx context.Context, roleName, policyName string, doc *PolicyDocument) error {
	return c.putPolicy(ctx, roleTarget, roleName, policyName, notNilDoc(doc), "")
}

// PutRolePolicyJSON is PutRolePolicy for a document given as JSON text.
func (c *Client) PutRolePolicyJSON(ctx context.Context, roleName, policyName, document string) error {
	return c.putPolicy(ctx, roleTarget, roleName, policyName, nil, document)
}

// GetRolePolicy returns an inline policy of a role, decoded.
func (c *Client) GetRolePolicy(ctx context.Context, roleName, policyName string) (*InlinePolicy, error) {
	return c.getPolicy(ctx, roleTarget, roleName, policyName)
}

// DeleteRolePolicy deletes an inline policy of a role.
func (c *Client) DeleteRolePolicy(ctx context.Context, roleName, policyName string) error {
	return c.deletePolicy(ctx, roleTarget, roleName, policyName)
}

// ListRolePolicies returns one page of the names of a role's inline
// policies.
func (c *Client) ListRolePolicies(ctx context.Context, roleName string, opts *PageOptions) (*ListPolicyNamesOutput, error) {
	return c.listPolicies(ctx, roleTarget, roleName, opts)
}

// ListRolePoliciesAll iterates over the names of every inline policy of a
// role.
func (c *Client) ListRolePoliciesAll(ctx context.Context, roleName string, opts *PageOptions) iter.Seq2[string, error] {
	return c.listPoliciesAll(ctx, roleTarget, roleName, opts)
}

// notNilDoc turns a nil *PolicyDocument into an empty one, so that
// validation reports "no statement" rather than policyText mistaking nil
// for "use the text".
func notNilDoc(doc *PolicyDocument) *PolicyDocument {
	if doc == nil {
		return &PolicyDocument{}
	}
	return doc
}
