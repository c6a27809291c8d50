package iam

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"time"
)

// Service last accessed data ("access advisor"): which services a user,
// group, role or policy can reach and when they were last used, and the
// same for an AWS Organizations entity. Both are asynchronous: a Generate
// call starts a job and returns its ID, and the Get calls answer the
// job's status and, once it is COMPLETED, its pages.

// The values of LastAccessedJob.JobStatus.
const (
	JobStatusInProgress = "IN_PROGRESS"
	JobStatusCompleted  = "COMPLETED"
	JobStatusFailed     = "FAILED"
)

// The granularities of a service last accessed report, the values of
// GenerateServiceLastAccessedDetailsOptions.Granularity and of
// GetServiceLastAccessedDetailsOutput.JobType.
const (
	GranularityServiceLevel = "SERVICE_LEVEL"
	GranularityActionLevel  = "ACTION_LEVEL"
)

// LastAccessedJob is the state of a report job, which every Get call of
// this file returns.
type LastAccessedJob struct {
	// JobStatus is JobStatusInProgress, JobStatusCompleted or
	// JobStatusFailed. Only a completed job has report entries.
	JobStatus         string
	JobCreationDate   time.Time
	JobCompletionDate time.Time
	// ErrorDetails says why a failed job failed; nil otherwise.
	ErrorDetails *ErrorDetails
}

// ErrorDetails is the reason a report job failed.
type ErrorDetails struct {
	Code    string
	Message string
}

// readLastAccessedJob reads the job fields of a result. errElement is
// "Error" for the service reports and "ErrorDetails" for the Organizations
// report, as IAM names it differently there.
func readLastAccessedJob(f *fields, errElement string) LastAccessedJob {
	j := LastAccessedJob{
		JobStatus:         f.str("JobStatus"),
		JobCreationDate:   f.time("JobCreationDate"),
		JobCompletionDate: f.time("JobCompletionDate"),
	}
	if f.err == nil && !f.n.Path("JobStatus").Exists() {
		f.err = errNotFound(f.n, "JobStatus")
	}
	if e := f.n.Path(errElement); e.Exists() {
		j.ErrorDetails = &ErrorDetails{Code: e.Path("Code").String(), Message: e.Path("Message").String()}
	}
	return j
}

// GenerateServiceLastAccessedDetailsOptions are the optional settings of
// GenerateServiceLastAccessedDetails.
type GenerateServiceLastAccessedDetailsOptions struct {
	// Granularity is GranularityServiceLevel (IAM's default) or
	// GranularityActionLevel, which adds the last use of the actions IAM
	// tracks.
	Granularity string
}

// GenerateServiceLastAccessedDetails starts a report of when the user,
// group, role or managed policy arn last used each service it can reach,
// and returns the job ID that GetServiceLastAccessedDetails and
// GetServiceLastAccessedDetailsWithEntities take.
func (c *Client) GenerateServiceLastAccessedDetails(ctx context.Context, arn string, opts *GenerateServiceLastAccessedDetailsOptions) (string, error) {
	const action = "GenerateServiceLastAccessedDetails"
	o := orDefaults(opts)
	if err := checkAll(
		checkRequiredARN("Arn", arn),
		checkOneOf("Granularity", o.Granularity, GranularityServiceLevel, GranularityActionLevel),
	); err != nil {
		return "", validationFailed(action, err)
	}
	p := Params{"Arn": arn}
	setString(p, "Granularity", o.Granularity)
	return c.callString(ctx, action, p, "JobId")
}

// ServiceLastAccessed is one service of a service last accessed report.
type ServiceLastAccessed struct {
	ServiceName string
	// ServiceNamespace is the service's prefix in actions, e.g. "s3".
	ServiceNamespace string
	// LastAuthenticated is zero when nothing used the service in the
	// tracking period; then the two fields below are empty too.
	LastAuthenticated       time.Time
	LastAuthenticatedEntity string
	LastAuthenticatedRegion string
	// TotalAuthenticatedEntities counts the users and roles that used the
	// service.
	TotalAuthenticatedEntities int
	// TrackedActionsLastAccessed is filled by ACTION_LEVEL reports for the
	// services whose actions IAM tracks; nil when the answer has no such
	// element.
	TrackedActionsLastAccessed []TrackedActionLastAccessed

	source
}

// TrackedActionLastAccessed is the last use of one tracked action.
type TrackedActionLastAccessed struct {
	ActionName         string
	LastAccessedEntity string
	LastAccessedRegion string
	LastAccessedTime   time.Time
}

func readServiceLastAccessed(n Node, resp *Response) (ServiceLastAccessed, error) {
	f := fields{n: n}
	s := ServiceLastAccessed{
		ServiceName:                f.str("ServiceName"),
		ServiceNamespace:           f.str("ServiceNamespace"),
		LastAuthenticated:          f.time("LastAuthenticated"),
		LastAuthenticatedEntity:    f.str("LastAuthenticatedEntity"),
		LastAuthenticatedRegion:    f.str("LastAuthenticatedRegion"),
		TotalAuthenticatedEntities: fieldInt(&f, "TotalAuthenticatedEntities"),
		source:                     source{n, resp},
	}
	if f.err != nil || !n.Path("TrackedActionsLastAccessed").Exists() {
		// No element: the report is SERVICE_LEVEL or IAM does not track
		// this service's actions, which nil keeps apart from "none used".
		return s, f.err
	}
	var err error
	s.TrackedActionsLastAccessed, err = readList(n, "TrackedActionsLastAccessed", func(m Node) (TrackedActionLastAccessed, error) {
		af := fields{n: m}
		a := TrackedActionLastAccessed{
			ActionName:         af.str("ActionName"),
			LastAccessedEntity: af.str("LastAccessedEntity"),
			LastAccessedRegion: af.str("LastAccessedRegion"),
			LastAccessedTime:   af.time("LastAccessedTime"),
		}
		return a, af.err
	})
	return s, err
}

// GetServiceLastAccessedDetailsOutput is one page of a service last
// accessed report.
type GetServiceLastAccessedDetailsOutput struct {
	LastAccessedJob
	// JobType is the report's granularity, GranularityServiceLevel or
	// GranularityActionLevel.
	JobType string
	// ServicesLastAccessed is empty until the job is COMPLETED.
	ServicesLastAccessed []ServiceLastAccessed
	PageInfo
	source
}

// GetServiceLastAccessedDetails returns the status of a report job that
// GenerateServiceLastAccessedDetails started and, once it is COMPLETED,
// one page of its services.
func (c *Client) GetServiceLastAccessedDetails(ctx context.Context, jobID string, opts *PageOptions) (*GetServiceLastAccessedDetailsOutput, error) {
	const action = "GetServiceLastAccessedDetails"
	p := Params{}
	if err := checkAll(checkJobID(jobID), opts.params(p)); err != nil {
		return nil, validationFailed(action, err)
	}
	p["JobId"] = jobID
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	job := readLastAccessedJob(&f, "Error")
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	services, info, err := decodeOptionalList(result, "ServicesLastAccessed", job, func(n Node) (ServiceLastAccessed, error) {
		return readServiceLastAccessed(n, resp)
	})
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	return &GetServiceLastAccessedDetailsOutput{
		LastAccessedJob:      job,
		JobType:              f.str("JobType"),
		ServicesLastAccessed: services,
		PageInfo:             info,
		source:               source{result, resp},
	}, nil
}

// GetServiceLastAccessedDetailsAll iterates over every service of a
// completed report. A job still in progress or failed yields nothing, so
// check its status with GetServiceLastAccessedDetails first.
func (c *Client) GetServiceLastAccessedDetailsAll(ctx context.Context, jobID string, opts *PageOptions) iter.Seq2[ServiceLastAccessed, error] {
	return allPages(ctx, "GetServiceLastAccessedDetails", opts, pageOf(bind(c.GetServiceLastAccessedDetails, jobID), func(o *GetServiceLastAccessedDetailsOutput) []ServiceLastAccessed { return o.ServicesLastAccessed }))
}

// decodeOptionalList reads a report page's list: IAM sends it once the
// job is COMPLETED, so it is required then and may be missing before.
func decodeOptionalList[T any](result Node, name string, job LastAccessedJob, read func(Node) (T, error)) ([]T, PageInfo, error) {
	if job.JobStatus != JobStatusCompleted && !result.Path(name).Exists() {
		info, err := readPageInfo(result)
		return []T{}, info, err
	}
	return decodeList(result, name, read)
}

// EntityInfo identifies the user, group or role of a report entry.
type EntityInfo struct {
	ARN  string
	Name string
	// Type is "USER", "ROLE" or "GROUP".
	Type string
	ID   string
	Path string
}

// EntityDetails is one entity of a service's last accessed report: who
// could use the service, and when it last did.
type EntityDetails struct {
	EntityInfo EntityInfo
	// LastAuthenticated is zero when the entity did not use the service
	// in the tracking period.
	LastAuthenticated time.Time

	source
}

// GetServiceLastAccessedDetailsWithEntitiesOutput is one page of the
// entities of one service of a report.
type GetServiceLastAccessedDetailsWithEntitiesOutput struct {
	LastAccessedJob
	// EntityDetailsList is empty until the job is COMPLETED.
	EntityDetailsList []EntityDetails
	PageInfo
	source
}

// GetServiceLastAccessedDetailsWithEntities returns, for a report job
// that GenerateServiceLastAccessedDetails started on a group or policy,
// one page of the users and roles that could use the service whose
// namespace is given (e.g. "s3"), most recent use first.
func (c *Client) GetServiceLastAccessedDetailsWithEntities(ctx context.Context, jobID, serviceNamespace string, opts *PageOptions) (*GetServiceLastAccessedDetailsWithEntitiesOutput, error) {
	const action = "GetServiceLastAccessedDetailsWithEntities"
	p := Params{}
	if err := checkAll(checkJobID(jobID), checkServiceNamespace("ServiceNamespace", serviceNamespace), opts.params(p)); err != nil {
		return nil, validationFailed(action, err)
	}
	p["JobId"] = jobID
	p["ServiceNamespace"] = serviceNamespace
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	job := readLastAccessedJob(&f, "Error")
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	entities, info, err := decodeOptionalList(result, "EntityDetailsList", job, func(n Node) (EntityDetails, error) {
		ef := fields{n: n}
		e := EntityDetails{
			EntityInfo: EntityInfo{
				ARN:  ef.str("EntityInfo.Arn"),
				Name: ef.str("EntityInfo.Name"),
				Type: ef.str("EntityInfo.Type"),
				ID:   ef.str("EntityInfo.Id"),
				Path: ef.str("EntityInfo.Path"),
			},
			LastAuthenticated: ef.time("LastAuthenticated"),
			source:            source{n, resp},
		}
		if ef.err == nil && !n.Path("EntityInfo").Exists() {
			ef.err = errNotFound(n, "EntityInfo")
		}
		return e, ef.err
	})
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	return &GetServiceLastAccessedDetailsWithEntitiesOutput{
		LastAccessedJob:   job,
		EntityDetailsList: entities,
		PageInfo:          info,
		source:            source{result, resp},
	}, nil
}

// GetServiceLastAccessedDetailsWithEntitiesAll iterates over every entity
// of one service of a completed report.
func (c *Client) GetServiceLastAccessedDetailsWithEntitiesAll(ctx context.Context, jobID, serviceNamespace string, opts *PageOptions) iter.Seq2[EntityDetails, error] {
	return allPages(ctx, "GetServiceLastAccessedDetailsWithEntities", opts, pageOf(bind2(c.GetServiceLastAccessedDetailsWithEntities, jobID, serviceNamespace), func(o *GetServiceLastAccessedDetailsWithEntitiesOutput) []EntityDetails { return o.EntityDetailsList }))
}

// ListPoliciesGrantingServiceAccessOptions page
// ListPoliciesGrantingServiceAccess. The action takes a Marker but no
// MaxItems: PageOptions.MaxItems must stay 0.
type ListPoliciesGrantingServiceAccessOptions struct {
	PageOptions
}

// ServicePolicies are the policies that grant access to one service.
type ServicePolicies struct {
	ServiceNamespace string
	Policies         []PolicyGrantingServiceAccess

	source
}

// The values of PolicyGrantingServiceAccess.PolicyType.
const (
	PolicyTypeInline  = "INLINE"
	PolicyTypeManaged = "MANAGED"
)

// PolicyGrantingServiceAccess is a policy that grants access to a
// service. A managed policy has a PolicyARN; an inline one has the
// EntityType ("USER", "ROLE" or "GROUP") and EntityName it is embedded in.
type PolicyGrantingServiceAccess struct {
	PolicyName string
	// PolicyType is PolicyTypeInline or PolicyTypeManaged.
	PolicyType string
	PolicyARN  string
	EntityType string
	EntityName string
}

// ListPoliciesGrantingServiceAccessOutput is one page of
// ListPoliciesGrantingServiceAccess.
type ListPoliciesGrantingServiceAccessOutput struct {
	// PoliciesGrantingServiceAccess has one entry per namespace asked for.
	PoliciesGrantingServiceAccess []ServicePolicies
	PageInfo
	source
}

// ListPoliciesGrantingServiceAccess returns, for each service namespace
// (1 to 200, e.g. "s3"), the policies through which the user, group or
// role arn can use it. For a user that includes its groups' policies.
func (c *Client) ListPoliciesGrantingServiceAccess(ctx context.Context, arn string, serviceNamespaces []string, opts *ListPoliciesGrantingServiceAccessOptions) (*ListPoliciesGrantingServiceAccessOutput, error) {
	const action = "ListPoliciesGrantingServiceAccess"
	o := orDefaults(opts)
	p := Params{}
	maxErr := error(nil)
	if o.MaxItems != 0 {
		maxErr = invalid("MaxItems", fmt.Sprint(o.MaxItems), "is not a parameter of ListPoliciesGrantingServiceAccess; leave it 0")
	}
	if err := checkAll(checkRequiredARN("Arn", arn), checkServiceNamespaces(serviceNamespaces), maxErr, o.params(p)); err != nil {
		return nil, validationFailed(action, err)
	}
	p["Arn"] = arn
	p["ServiceNamespaces"] = serviceNamespaces
	pg, err := listPage(ctx, c, action, p, "PoliciesGrantingServiceAccess", func(n Node, resp *Response) (ServicePolicies, error) {
		e := ServicePolicies{ServiceNamespace: n.Path("ServiceNamespace").String(), source: source{n, resp}}
		var err error
		e.Policies, err = readList(n, "Policies", func(m Node) (PolicyGrantingServiceAccess, error) {
			return PolicyGrantingServiceAccess{
				PolicyName: m.Path("PolicyName").String(),
				PolicyType: m.Path("PolicyType").String(),
				PolicyARN:  m.Path("PolicyArn").String(),
				EntityType: m.Path("EntityType").String(),
				EntityName: m.Path("EntityName").String(),
			}, nil
		})
		if err == nil && e.Policies == nil {
			e.Policies = []PolicyGrantingServiceAccess{}
		}
		return e, err
	})
	if err != nil {
		return nil, err
	}
	return &ListPoliciesGrantingServiceAccessOutput{PoliciesGrantingServiceAccess: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListPoliciesGrantingServiceAccessAll iterates over every entry of
// ListPoliciesGrantingServiceAccess, page by page.
func (c *Client) ListPoliciesGrantingServiceAccessAll(ctx context.Context, arn string, serviceNamespaces []string, opts *ListPoliciesGrantingServiceAccessOptions) iter.Seq2[ServicePolicies, error] {
	return allPages(ctx, "ListPoliciesGrantingServiceAccess", opts, pageOf(bind2(c.ListPoliciesGrantingServiceAccess, arn, serviceNamespaces), func(o *ListPoliciesGrantingServiceAccessOutput) []ServicePolicies {
		return o.PoliciesGrantingServiceAccess
	}))
}

// GenerateOrganizationsAccessReportOptions are the optional settings of
// GenerateOrganizationsAccessReport.
type GenerateOrganizationsAccessReportOptions struct {
	// OrganizationsPolicyID limits the report to the services a service
	// control policy ("p-" and its ID) allows.
	OrganizationsPolicyID string
}

// GenerateOrganizationsAccessReport starts a report of the services the
// SCPs of an Organizations entity allow and when its accounts last used
// them, and returns the job ID GetOrganizationsAccessReport takes.
// entityPath is the entity's path from the organization, e.g.
// "o-a1b2c3d4e5/r-f6g7h8i9j0example/ou-rge0-awsabcde/123456789012". Only
// the management account may call it.
func (c *Client) GenerateOrganizationsAccessReport(ctx context.Context, entityPath string, opts *GenerateOrganizationsAccessReportOptions) (string, error) {
	const action = "GenerateOrganizationsAccessReport"
	o := orDefaults(opts)
	if err := checkAll(checkEntityPath(entityPath), checkOrganizationsPolicyID(o.OrganizationsPolicyID)); err != nil {
		return "", validationFailed(action, err)
	}
	p := Params{"EntityPath": entityPath}
	setString(p, "OrganizationsPolicyId", o.OrganizationsPolicyID)
	return c.callString(ctx, action, p, "JobId")
}

// The orders of GetOrganizationsAccessReportOptions.SortKey.
const (
	SortServiceNamespaceAscending       = "SERVICE_NAMESPACE_ASCENDING"
	SortServiceNamespaceDescending      = "SERVICE_NAMESPACE_DESCENDING"
	SortLastAuthenticatedTimeAscending  = "LAST_AUTHENTICATED_TIME_ASCENDING"
	SortLastAuthenticatedTimeDescending = "LAST_AUTHENTICATED_TIME_DESCENDING"
)

// GetOrganizationsAccessReportOptions sort and page
// GetOrganizationsAccessReport.
type GetOrganizationsAccessReportOptions struct {
	// SortKey is one of the Sort* constants; empty (not sent) is IAM's
	// default, by service namespace.
	SortKey string
	PageOptions
}

// AccessDetail is one service of an Organizations access report.
type AccessDetail struct {
	ServiceName      string
	ServiceNamespace string
	// Region, EntityPath and LastAuthenticatedTime are empty when no
	// principal of the entity used the service in the tracking period.
	Region                string
	EntityPath            string
	LastAuthenticatedTime time.Time
	// TotalAuthenticatedEntities counts the accounts whose principals
	// used the service.
	TotalAuthenticatedEntities int

	source
}

// GetOrganizationsAccessReportOutput is one page of an Organizations
// access report.
type GetOrganizationsAccessReportOutput struct {
	LastAccessedJob
	// NumberOfServicesAccessible counts the services the SCPs allow.
	NumberOfServicesAccessible int
	// NumberOfServicesNotAccessed counts those allowed but not used.
	NumberOfServicesNotAccessed int
	// AccessDetails is empty until the job is COMPLETED.
	AccessDetails []AccessDetail
	PageInfo
	source
}

// GetOrganizationsAccessReport returns the status of a report job that
// GenerateOrganizationsAccessReport started and, once it is COMPLETED,
// one page of its services.
func (c *Client) GetOrganizationsAccessReport(ctx context.Context, jobID string, opts *GetOrganizationsAccessReportOptions) (*GetOrganizationsAccessReportOutput, error) {
	const action = "GetOrganizationsAccessReport"
	o := orDefaults(opts)
	p := Params{}
	if err := checkAll(
		checkJobID(jobID),
		checkOneOf("SortKey", o.SortKey, SortServiceNamespaceAscending, SortServiceNamespaceDescending,
			SortLastAuthenticatedTimeAscending, SortLastAuthenticatedTimeDescending),
		o.params(p),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p["JobId"] = jobID
	setString(p, "SortKey", o.SortKey)
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	out := &GetOrganizationsAccessReportOutput{
		LastAccessedJob:             readLastAccessedJob(&f, "ErrorDetails"),
		NumberOfServicesAccessible:  fieldInt(&f, "NumberOfServicesAccessible"),
		NumberOfServicesNotAccessed: fieldInt(&f, "NumberOfServicesNotAccessed"),
		source:                      source{result, resp},
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	out.AccessDetails, out.PageInfo, err = decodeOptionalList(result, "AccessDetails", out.LastAccessedJob, func(n Node) (AccessDetail, error) {
		df := fields{n: n}
		d := AccessDetail{
			ServiceName:                df.str("ServiceName"),
			ServiceNamespace:           df.str("ServiceNamespace"),
			Region:                     df.str("Region"),
			EntityPath:                 df.str("EntityPath"),
			LastAuthenticatedTime:      df.time("LastAuthenticatedTime"),
			TotalAuthenticatedEntities: fieldInt(&df, "TotalAuthenticatedEntities"),
			source:                     source{n, resp},
		}
		return d, df.err
	})
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	return out, nil
}

// GetOrganizationsAccessReportAll iterates over every service of a
// completed Organizations access report.
func (c *Client) GetOrganizationsAccessReportAll(ctx context.Context, jobID string, opts *GetOrganizationsAccessReportOptions) iter.Seq2[AccessDetail, error] {
	return allPages(ctx, "GetOrganizationsAccessReport", opts, pageOf(bind(c.GetOrganizationsAccessReport, jobID), func(o *GetOrganizationsAccessReportOutput) []AccessDetail { return o.AccessDetails }))
}

// Rules of the IAM API reference for report arguments.
const (
	jobIDRule            = "must be the 36-character JobId a Generate call returned"
	serviceNamespaceRule = `must match [\w-]+ (1-64 characters), a service prefix such as "s3"`
	entityPathRule       = `must be an Organizations entity path, "o-ORG/r-ROOT[/ou-.../ACCOUNT]", e.g. "o-a1b2c3d4e5/r-f6g7h8i9j0example"`
	orgPolicyIDRule      = `must match p-[0-9a-zA-Z_]{8,128} (a service control policy ID)`
)

func checkJobID(id string) error {
	if len(id) != 36 {
		return invalid("JobId", id, jobIDRule)
	}
	return nil
}

func checkServiceNamespace(field, ns string) error {
	if !checkChars(ns, 1, 64, func(c byte) bool { return isWordByte(c) || c == '-' }) {
		return invalid(field, ns, serviceNamespaceRule)
	}
	return nil
}

// checkServiceNamespaces checks ListPoliciesGrantingServiceAccess's list:
// 1 to 200 namespaces.
func checkServiceNamespaces(list []string) error {
	if len(list) == 0 || len(list) > 200 {
		return invalid("ServiceNamespaces", "", fmt.Sprintf("1 to 200 service namespaces are required, got %d", len(list)))
	}
	for i, ns := range list {
		if err := checkServiceNamespace(fmt.Sprintf("ServiceNamespaces[%d]", i), ns); err != nil {
			return err
		}
	}
	return nil
}

// checkEntityPath checks the shape an entity path starts with: the
// organization and its root. The rest (OUs, an account) is left to IAM.
func checkEntityPath(path string) error {
	org, rest, ok := strings.Cut(path, "/")
	if !ok || len(org) < 3 || !strings.HasPrefix(org, "o-") || !strings.HasPrefix(rest, "r-") {
		return invalid("EntityPath", path, entityPathRule)
	}
	ok = checkChars(path, 1, len(path), func(c byte) bool {
		return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '/'
	})
	if !ok {
		return invalid("EntityPath", path, entityPathRule)
	}
	return nil
}

func checkOrganizationsPolicyID(id string) error {
	if id == "" {
		return nil
	}
	rest, ok := strings.CutPrefix(id, "p-")
	if !ok || !checkChars(rest, 8, 128, isWordByte) {
		return invalid("OrganizationsPolicyId", id, orgPolicyIDRule)
	}
	return nil
}
