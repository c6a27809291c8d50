package iam

import (
	"context"
	"iter"
	"time"

	"github.com/iamkit/iam/internal/policy"
)

// ManagedPolicy is a managed policy, customer or AWS. Its document lives
// in its versions: see GetPolicyVersion with DefaultVersionID.
//
// GetPolicy and CreatePolicy fill every field IAM sends; ListPolicies
// leaves Description and Tags empty, because IAM does not return them
// there.
type ManagedPolicy struct {
	PolicyName string
	PolicyID   string
	ARN        string
	Path       string
	// DefaultVersionID is the version in force, e.g. "v1".
	DefaultVersionID string
	// AttachmentCount counts the users, groups and roles the policy is
	// attached to as a permissions policy.
	AttachmentCount int
	// PermissionsBoundaryUsageCount counts the users and roles it bounds.
	PermissionsBoundaryUsageCount int
	IsAttachable                  bool
	Description                   string
	CreateDate                    time.Time
	UpdateDate                    time.Time
	Tags                          []Tag

	source
}

func readManagedPolicy(n Node, resp *Response) (ManagedPolicy, error) {
	f := fields{n: n}
	p := ManagedPolicy{
		PolicyName:                    f.str("PolicyName"),
		PolicyID:                      f.str("PolicyId"),
		ARN:                           f.str("Arn"),
		Path:                          f.str("Path"),
		DefaultVersionID:              f.str("DefaultVersionId"),
		AttachmentCount:               fieldInt(&f, "AttachmentCount"),
		PermissionsBoundaryUsageCount: fieldInt(&f, "PermissionsBoundaryUsageCount"),
		IsAttachable:                  f.bool("IsAttachable"),
		Description:                   f.str("Description"),
		CreateDate:                    f.time("CreateDate"),
		UpdateDate:                    f.time("UpdateDate"),
		Tags:                          f.tags(),
		source:                        source{node: n, resp: resp},
	}
	return p, f.err
}

// CreatePolicyOptions are the optional settings of CreatePolicy.
type CreatePolicyOptions struct {
	// Path is the policy's path, "/" by default.
	Path string
	// Description is at most 1000 characters and cannot be changed later.
	Description string
	// Tags are attached to the new policy (at most 50).
	Tags []Tag
}

// CreatePolicy creates a customer managed policy whose version v1 is doc.
// The document is checked before sending (IAM's rules and the 6,144
// character quota of managed policies) and refused with an error naming
// the problem. To send JSON text as it is, use CreatePolicyJSON.
func (c *Client) CreatePolicy(ctx context.Context, name string, doc *PolicyDocument, opts *CreatePolicyOptions) (*ManagedPolicy, error) {
	return c.createPolicy(ctx, name, notNilDoc(doc), "", opts)
}

// CreatePolicyJSON is CreatePolicy for a document given as JSON text,
// which is checked the same way and then sent unchanged.
func (c *Client) CreatePolicyJSON(ctx context.Context, name, document string, opts *CreatePolicyOptions) (*ManagedPolicy, error) {
	return c.createPolicy(ctx, name, nil, document, opts)
}

func (c *Client) createPolicy(ctx context.Context, name string, doc *PolicyDocument, text string, opts *CreatePolicyOptions) (*ManagedPolicy, error) {
	const action = "CreatePolicy"
	o := orDefaults(opts)
	if err := checkAll(
		checkPolicyName("PolicyName", name),
		checkPath("Path", o.Path),
		checkPolicyDescription(o.Description),
		checkTags(o.Tags, false),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	body, err := policyText("PolicyDocument", policy.KindManaged, doc, text)
	if err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"PolicyName": name, "PolicyDocument": body}
	setString(p, "Path", o.Path)
	setString(p, "Description", o.Description)
	setList(p, "Tags", o.Tags)
	return callElement(ctx, c, action, p, "Policy", readManagedPolicy)
}

// GetPolicy returns a managed policy's metadata (not its document: see
// GetPolicyVersion). A missing policy answers an error for which
// IsNotFound is true.
func (c *Client) GetPolicy(ctx context.Context, policyARN string) (*ManagedPolicy, error) {
	const action = "GetPolicy"
	if err := checkPolicyARN("PolicyArn", policyARN); err != nil {
		return nil, validationFailed(action, err)
	}
	return callElement(ctx, c, action, Params{"PolicyArn": policyARN}, "Policy", readManagedPolicy)
}

// DeletePolicy deletes a customer managed policy. IAM refuses
// (ErrDeleteConflict) while it is attached or has versions other than the
// default.
func (c *Client) DeletePolicy(ctx context.Context, policyARN string) error {
	return c.idAction(ctx, "DeletePolicy", "PolicyArn", policyARN, checkPolicyARN)
}

// Values of ListPoliciesOptions.Scope.
const (
	PolicyScopeAll   = "All"
	PolicyScopeAWS   = "AWS"
	PolicyScopeLocal = "Local"
)

// Values of the PolicyUsageFilter options.
const (
	PolicyUsagePermissionsPolicy   = "PermissionsPolicy"
	PolicyUsagePermissionsBoundary = "PermissionsBoundary"
)

// ListPoliciesOptions filter and page ListPolicies.
type ListPoliciesOptions struct {
	// Scope is PolicyScopeAll (IAM's default), PolicyScopeAWS for AWS
	// managed policies or PolicyScopeLocal for the account's own.
	Scope string
	// OnlyAttached keeps policies attached to at least one user, group or
	// role; false is not sent.
	OnlyAttached bool
	// PathPrefix keeps policies whose path begins with it.
	PathPrefix string
	// PolicyUsageFilter keeps policies used as PolicyUsagePermissionsPolicy
	// or as PolicyUsagePermissionsBoundary.
	PolicyUsageFilter string
	PageOptions
}

// ListPoliciesOutput is one page of ListPolicies.
type ListPoliciesOutput struct {
	// Policies carry no Description or Tags.
	Policies []ManagedPolicy
	PageInfo
	source
}

// ListPolicies returns one page of managed policies. See ListPoliciesAll.
func (c *Client) ListPolicies(ctx context.Context, opts *ListPoliciesOptions) (*ListPoliciesOutput, error) {
	const action = "ListPolicies"
	o := orDefaults(opts)
	p := Params{}
	if err := checkAll(
		checkOneOf("Scope", o.Scope, PolicyScopeAll, PolicyScopeAWS, PolicyScopeLocal),
		checkPathPrefix(o.PathPrefix),
		checkOneOf("PolicyUsageFilter", o.PolicyUsageFilter, PolicyUsagePermissionsPolicy, PolicyUsagePermissionsBoundary),
		o.params(p),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	setString(p, "Scope", o.Scope)
	setString(p, "PathPrefix", o.PathPrefix)
	setString(p, "PolicyUsageFilter", o.PolicyUsageFilter)
	if o.OnlyAttached {
		p["OnlyAttached"] = true
	}
	pg, err := listPage(ctx, c, action, p, "Policies", readManagedPolicy)
	if err != nil {
		return nil, err
	}
	return &ListPoliciesOutput{Policies: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListPoliciesAll iterates over every managed policy the options select.
func (c *Client) ListPoliciesAll(ctx context.Context, opts *ListPoliciesOptions) iter.Seq2[ManagedPolicy, error] {
	return allPages(ctx, "ListPolicies", opts, pageOf(c.ListPolicies, func(o *ListPoliciesOutput) []ManagedPolicy { return o.Policies }))
}

// ManagedPolicyVersion is one version of a managed policy.
//
// GetPolicyVersion and CreatePolicyVersion return the document;
// ListPolicyVersions leaves Document, DocumentJSON and RawDocument empty.
type ManagedPolicyVersion struct {
	VersionID        string
	IsDefaultVersion bool
	CreateDate       time.Time
	// Document is the parsed policy.
	Document *PolicyDocument
	// DocumentJSON is the policy's JSON text, URL-decoded once.
	DocumentJSON string
	// RawDocument is the Document element as sent on the wire,
	// percent-encoded.
	RawDocument string

	source
}

func readPolicyVersion(n Node, resp *Response) (ManagedPolicyVersion, error) {
	f := fields{n: n}
	v := ManagedPolicyVersion{
		VersionID:        f.str("VersionId"),
		IsDefaultVersion: f.bool("IsDefaultVersion"),
		CreateDate:       f.time("CreateDate"),
		source:           source{node: n, resp: resp},
	}
	v.Document, v.DocumentJSON, v.RawDocument = fieldDocument(&f, "Document")
	return v, f.err
}

// CreatePolicyVersionOptions are the optional settings of
// CreatePolicyVersion.
type CreatePolicyVersionOptions struct {
	// SetAsDefault makes the new version the one in force; false is not
	// sent, and the default version stays as it is.
	SetAsDefault bool
}

// CreatePolicyVersion adds a version to a managed policy, checked like
// CreatePolicy's document. A policy keeps at most five versions; a sixth
// answers ErrLimitExceeded until one is deleted.
func (c *Client) CreatePolicyVersion(ctx context.Context, policyARN string, doc *PolicyDocument, opts *CreatePolicyVersionOptions) (*ManagedPolicyVersion, error) {
	return c.createPolicyVersion(ctx, policyARN, notNilDoc(doc), "", opts)
}

// CreatePolicyVersionJSON is CreatePolicyVersion for a document given as
// JSON text.
func (c *Client) CreatePolicyVersionJSON(ctx context.Context, policyARN, document string, opts *CreatePolicyVersionOptions) (*ManagedPolicyVersion, error) {
	return c.createPolicyVersion(ctx, policyARN, nil, document, opts)
}

func (c *Client) createPolicyVersion(ctx context.Context, policyARN string, doc *PolicyDocument, text string, opts *CreatePolicyVersionOptions) (*ManagedPolicyVersion, error) {
	const action = "CreatePolicyVersion"
	if err := checkPolicyARN("PolicyArn", policyARN); err != nil {
		return nil, validationFailed(action, err)
	}
	body, err := policyText("PolicyDocument", policy.KindManaged, doc, text)
	if err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"PolicyArn": policyARN, "PolicyDocument": body}
	if opts != nil && opts.SetAsDefault {
		p["SetAsDefault"] = true
	}
	return callElement(ctx, c, action, p, "PolicyVersion", readPolicyVersion)
}

// GetPolicyVersion returns one version of a managed policy with its
// document decoded.
func (c *Client) GetPolicyVersion(ctx context.Context, policyARN, versionID string) (*ManagedPolicyVersion, error) {
	const action = "GetPolicyVersion"
	if err := checkAll(checkPolicyARN("PolicyArn", policyARN), checkVersionID(versionID)); err != nil {
		return nil, validationFailed(action, err)
	}
	return callElement(ctx, c, action, Params{"PolicyArn": policyARN, "VersionId": versionID}, "PolicyVersion", readPolicyVersion)
}

// ListPolicyVersionsOutput is one page of ListPolicyVersions.
type ListPolicyVersionsOutput struct {
	// Versions carry no document.
	Versions []ManagedPolicyVersion
	PageInfo
	source
}

// ListPolicyVersions returns one page of a managed policy's versions.
func (c *Client) ListPolicyVersions(ctx context.Context, policyARN string, opts *PageOptions) (*ListPolicyVersionsOutput, error) {
	const action = "ListPolicyVersions"
	p := Params{}
	if err := addPageParams(p, action, "PolicyArn", policyARN, checkPolicyARN, opts); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "Versions", readPolicyVersion)
	if err != nil {
		return nil, err
	}
	return &ListPolicyVersionsOutput{Versions: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListPolicyVersionsAll iterates over every version of a managed policy.
func (c *Client) ListPolicyVersionsAll(ctx context.Context, policyARN string, opts *PageOptions) iter.Seq2[ManagedPolicyVersion, error] {
	return allPages(ctx, "ListPolicyVersions", opts, pageOf(bind(c.ListPolicyVersions, policyARN), func(o *ListPolicyVersionsOutput) []ManagedPolicyVersion { return o.Versions }))
}

// DeletePolicyVersion deletes a version of a managed policy. The default
// version cannot be deleted (ErrDeleteConflict): make another one the
// default first, or delete the policy.
func (c *Client) DeletePolicyVersion(ctx context.Context, policyARN, versionID string) error {
	return c.policyVersionAction(ctx, "DeletePolicyVersion", policyARN, versionID)
}

// SetDefaultPolicyVersion makes a version the one in force.
func (c *Client) SetDefaultPolicyVersion(ctx context.Context, policyARN, versionID string) error {
	return c.policyVersionAction(ctx, "SetDefaultPolicyVersion", policyARN, versionID)
}

func (c *Client) policyVersionAction(ctx context.Context, action, policyARN, versionID string) error {
	if err := checkAll(checkPolicyARN("PolicyArn", policyARN), checkVersionID(versionID)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{"PolicyArn": policyARN, "VersionId": versionID})
	return err
}
