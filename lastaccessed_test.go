package iam

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testJobID   = "examplef-1305-c245-eba4-71fe298bcda7"
	exampleUser = "arn:aws:iam::123456789012:user/AWSExampleUser01"
	orgPath     = "o-a1b2c3d4e5/r-f6g7h8i9j0example/ou-1a2b3c-k9l8m7n6o5example"
)

func TestGenerateServiceLastAccessedDetails(t *testing.T) {
	ctx := context.Background()
	t.Run("default granularity is not sent", func(t *testing.T) {
		c, _ := expectForm(t, form("GenerateServiceLastAccessedDetails", "Arn", exampleUser), 200, typedFixture(t, "generateservicelastaccesseddetails.xml"))
		id, err := c.GenerateServiceLastAccessedDetails(ctx, exampleUser, nil)
		require.NoError(t, err)
		assert.Equal(t, testJobID, id)
	})
	t.Run("action level", func(t *testing.T) {
		c, _ := expectForm(t, form("GenerateServiceLastAccessedDetails", "Arn", exampleUser, "Granularity", "ACTION_LEVEL"), 200,
			typedFixture(t, "generateservicelastaccesseddetails.xml"))
		_, err := c.GenerateServiceLastAccessedDetails(ctx, exampleUser, &GenerateServiceLastAccessedDetailsOptions{Granularity: GranularityActionLevel})
		require.NoError(t, err)
	})
	t.Run("missing JobId is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("GenerateServiceLastAccessedDetails", "Arn", exampleUser), 200,
			`<R><GenerateServiceLastAccessedDetailsResult/></R>`)
		_, err := c.GenerateServiceLastAccessedDetails(ctx, exampleUser, nil)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "JobId")
	})
	refused := map[string]struct {
		arn   string
		opts  *GenerateServiceLastAccessedDetailsOptions
		field string
	}{
		"no ARN":          {"", nil, "Arn"},
		"not an ARN":      {"AWSExampleUser01-not-an-arn", nil, "Arn"},
		"bad granularity": {exampleUser, &GenerateServiceLastAccessedDetailsOptions{Granularity: "service_level"}, "Granularity"},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).GenerateServiceLastAccessedDetails(ctx, tc.arn, tc.opts)
			requireValidation(t, err, "GenerateServiceLastAccessedDetails", tc.field)
		})
	}
}

func TestGetServiceLastAccessedDetails(t *testing.T) {
	ctx := context.Background()
	want := form("GetServiceLastAccessedDetails", "JobId", testJobID)
	tests := map[string]struct {
		fixture    string
		namespaces []string
		more       bool
	}{
		"zero": {"getservicelastaccesseddetails-0.xml", []string{}, false},
		"one":  {"getservicelastaccesseddetails-1.xml", []string{"iam"}, false},
		"many": {"getservicelastaccesseddetails-many.xml", []string{"iam", "s3", "ec2"}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, want, 200, typedFixture(t, tc.fixture))
			out, err := c.GetServiceLastAccessedDetails(ctx, testJobID, nil)
			require.NoError(t, err)
			assert.Equal(t, JobStatusCompleted, out.JobStatus)
			assert.Equal(t, GranularityActionLevel, out.JobType)
			assert.Equal(t, time.Date(2018, 10, 24, 19, 47, 31, 466e6, time.UTC), out.JobCreationDate)
			assert.Equal(t, time.Date(2018, 10, 24, 19, 47, 35, 241e6, time.UTC), out.JobCompletionDate)
			assert.Nil(t, out.ErrorDetails)
			ns := []string{}
			for _, s := range out.ServicesLastAccessed {
				ns = append(ns, s.ServiceNamespace)
			}
			assert.Equal(t, tc.namespaces, ns)
			assert.Equal(t, tc.more, out.IsTruncated)
		})
	}
	t.Run("service fields and tracked actions", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, typedFixture(t, "getservicelastaccesseddetails-many.xml"))
		out, err := c.GetServiceLastAccessedDetails(ctx, testJobID, nil)
		require.NoError(t, err)
		iamSvc := out.ServicesLastAccessed[0]
		assert.Equal(t, "AWS Identity and Access Management", iamSvc.ServiceName)
		assert.Equal(t, time.Date(2018, 10, 24, 19, 11, 0, 0, time.UTC), iamSvc.LastAuthenticated)
		assert.Equal(t, exampleUser, iamSvc.LastAuthenticatedEntity)
		assert.Equal(t, "us-east-1", iamSvc.LastAuthenticatedRegion)
		assert.Equal(t, 2, iamSvc.TotalAuthenticatedEntities)
		assert.Equal(t, []TrackedActionLastAccessed{
			{ActionName: "CreateUser", LastAccessedEntity: exampleUser, LastAccessedRegion: "us-east-1", LastAccessedTime: time.Date(2018, 10, 24, 19, 11, 0, 0, time.UTC)},
			{ActionName: "DeleteUser"},
		}, iamSvc.TrackedActionsLastAccessed)
		s3 := out.ServicesLastAccessed[1]
		assert.True(t, s3.LastAuthenticated.IsZero())
		assert.Nil(t, s3.TrackedActionsLastAccessed, "no element: not tracked")
		assert.Equal(t, []TrackedActionLastAccessed{}, out.ServicesLastAccessed[2].TrackedActionsLastAccessed)
		assert.Equal(t, "page-2", out.Marker)
		assert.Equal(t, "member", s3.Element().Name())
	})
	t.Run("in progress has no list", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, typedFixture(t, "getservicelastaccesseddetails-inprogress.xml"))
		out, err := c.GetServiceLastAccessedDetails(ctx, testJobID, nil)
		require.NoError(t, err)
		assert.Equal(t, JobStatusInProgress, out.JobStatus)
		assert.True(t, out.JobCompletionDate.IsZero())
		assert.Equal(t, []ServiceLastAccessed{}, out.ServicesLastAccessed)
	})
	t.Run("failed carries the reason", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, typedFixture(t, "getservicelastaccesseddetails-failed.xml"))
		out, err := c.GetServiceLastAccessedDetails(ctx, testJobID, nil)
		require.NoError(t, err)
		assert.Equal(t, JobStatusFailed, out.JobStatus)
		assert.Equal(t, &ErrorDetails{Code: "ServiceFailure", Message: "The report could not be generated."}, out.ErrorDetails)
	})
	t.Run("completed without the list is an error", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, `<R><GetServiceLastAccessedDetailsResult><JobStatus>COMPLETED</JobStatus></GetServiceLastAccessedDetailsResult></R>`)
		_, err := c.GetServiceLastAccessedDetails(ctx, testJobID, nil)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "ServicesLastAccessed")
	})
	t.Run("missing JobStatus is an error", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, `<R><GetServiceLastAccessedDetailsResult><ServicesLastAccessed/></GetServiceLastAccessedDetailsResult></R>`)
		_, err := c.GetServiceLastAccessedDetails(ctx, testJobID, nil)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "JobStatus")
	})
	t.Run("malformed count is an error", func(t *testing.T) {
		body := strings.Replace(typedFixture(t, "getservicelastaccesseddetails-1.xml"), "<TotalAuthenticatedEntities>2<", "<TotalAuthenticatedEntities>two<", 1)
		c, _ := expectForm(t, want, 200, body)
		_, err := c.GetServiceLastAccessedDetails(ctx, testJobID, nil)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "TotalAuthenticatedEntities")
	})
	t.Run("paging options sent", func(t *testing.T) {
		c, _ := expectForm(t, form("GetServiceLastAccessedDetails", "JobId", testJobID, "MaxItems", "2", "Marker", "m1"), 200,
			typedFixture(t, "getservicelastaccesseddetails-1.xml"))
		_, err := c.GetServiceLastAccessedDetails(ctx, testJobID, &PageOptions{MaxItems: 2, Marker: "m1"})
		require.NoError(t, err)
	})
	t.Run("iterator walks both pages", func(t *testing.T) {
		c, markers := pagedForms(t, want, map[string]string{
			"":       typedFixture(t, "getservicelastaccesseddetails-many.xml"),
			"page-2": typedFixture(t, "getservicelastaccesseddetails-1.xml"),
		})
		var ns []string
		for s, err := range c.GetServiceLastAccessedDetailsAll(ctx, testJobID, nil) {
			require.NoError(t, err)
			ns = append(ns, s.ServiceNamespace)
		}
		assert.Equal(t, []string{"iam", "s3", "ec2", "iam"}, ns)
		assert.Equal(t, []string{"", "page-2"}, *markers)
	})
	for name, id := range map[string]string{"empty": "", "short": "examplef-1305", "long": testJobID + "x"} {
		t.Run("refused JobId: "+name, func(t *testing.T) {
			_, err := neverCalled(t).GetServiceLastAccessedDetails(ctx, id, nil)
			requireValidation(t, err, "GetServiceLastAccessedDetails", "JobId")
		})
	}
}

func TestGetServiceLastAccessedDetailsWithEntities(t *testing.T) {
	ctx := context.Background()
	want := form("GetServiceLastAccessedDetailsWithEntities", "JobId", testJobID, "ServiceNamespace", "iam")
	tests := map[string]struct {
		fixture string
		names   []string
		more    bool
	}{
		"zero": {"getservicelastaccesseddetailswithentities-0.xml", []string{}, false},
		"one":  {"getservicelastaccesseddetailswithentities-1.xml", []string{"AWSExampleUser01"}, false},
		"many": {"getservicelastaccesseddetailswithentities-many.xml", []string{"AWSExampleUser01", "AWSExampleRole01"}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, want, 200, typedFixture(t, tc.fixture))
			out, err := c.GetServiceLastAccessedDetailsWithEntities(ctx, testJobID, "iam", nil)
			require.NoError(t, err)
			assert.Equal(t, JobStatusCompleted, out.JobStatus)
			names := []string{}
			for _, e := range out.EntityDetailsList {
				names = append(names, e.EntityInfo.Name)
			}
			assert.Equal(t, tc.names, names)
			assert.Equal(t, tc.more, out.IsTruncated)
		})
	}
	t.Run("entity fields", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, typedFixture(t, "getservicelastaccesseddetailswithentities-many.xml"))
		out, err := c.GetServiceLastAccessedDetailsWithEntities(ctx, testJobID, "iam", nil)
		require.NoError(t, err)
		assert.Equal(t, EntityInfo{ARN: exampleUser, Name: "AWSExampleUser01", Type: "USER", ID: "AIDAEX2EXAMPLEB6IGCDC", Path: "/"}, out.EntityDetailsList[0].EntityInfo)
		assert.Equal(t, time.Date(2018, 10, 24, 19, 10, 0, 0, time.UTC), out.EntityDetailsList[0].LastAuthenticated)
		assert.True(t, out.EntityDetailsList[1].LastAuthenticated.IsZero())
	})
	t.Run("member without EntityInfo is an error", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, `<R><GetServiceLastAccessedDetailsWithEntitiesResult><JobStatus>COMPLETED</JobStatus>
<EntityDetailsList><member><LastAuthenticated>2018-10-24T19:10:00Z</LastAuthenticated></member></EntityDetailsList>
</GetServiceLastAccessedDetailsWithEntitiesResult></R>`)
		_, err := c.GetServiceLastAccessedDetailsWithEntities(ctx, testJobID, "iam", nil)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "EntityDetailsList[0]")
		assert.Contains(t, err.Error(), "EntityInfo")
	})
	t.Run("iterator walks both pages", func(t *testing.T) {
		c, markers := pagedForms(t, want, map[string]string{
			"":       typedFixture(t, "getservicelastaccesseddetailswithentities-many.xml"),
			"page-2": typedFixture(t, "getservicelastaccesseddetailswithentities-1.xml"),
		})
		n := 0
		for e, err := range c.GetServiceLastAccessedDetailsWithEntitiesAll(ctx, testJobID, "iam", nil) {
			require.NoError(t, err)
			assert.NotEmpty(t, e.EntityInfo.ARN)
			n++
		}
		assert.Equal(t, 3, n)
		assert.Equal(t, []string{"", "page-2"}, *markers)
	})
	refused := map[string]struct {
		job, ns, field string
		opts           *PageOptions
	}{
		"bad job":           {"x", "iam", "JobId", nil},
		"no namespace":      {testJobID, "", "ServiceNamespace", nil},
		"namespace with ::": {testJobID, "s3:GetObject", "ServiceNamespace", nil},
		"long namespace":    {testJobID, strings.Repeat("a", 65), "ServiceNamespace", nil},
		"negative MaxItems": {testJobID, "iam", "MaxItems", &PageOptions{MaxItems: -1}},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).GetServiceLastAccessedDetailsWithEntities(ctx, tc.job, tc.ns, tc.opts)
			requireValidation(t, err, "GetServiceLastAccessedDetailsWithEntities", tc.field)
		})
	}
}

func TestListPoliciesGrantingServiceAccess(t *testing.T) {
	ctx := context.Background()
	want := form("ListPoliciesGrantingServiceAccess", "Arn", exampleUser, "ServiceNamespaces.member.1", "s3", "ServiceNamespaces.member.2", "ec2")
	namespaces := []string{"s3", "ec2"}
	tests := map[string]struct {
		fixture string
		ns      []string
		more    bool
	}{
		"zero": {"listpoliciesgrantingserviceaccess-0.xml", []string{}, false},
		"one":  {"listpoliciesgrantingserviceaccess-1.xml", []string{"s3"}, false},
		"many": {"listpoliciesgrantingserviceaccess-many.xml", []string{"s3", "ec2"}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, want, 200, typedFixture(t, tc.fixture))
			out, err := c.ListPoliciesGrantingServiceAccess(ctx, exampleUser, namespaces, nil)
			require.NoError(t, err)
			ns := []string{}
			for _, e := range out.PoliciesGrantingServiceAccess {
				ns = append(ns, e.ServiceNamespace)
			}
			assert.Equal(t, tc.ns, ns)
			assert.Equal(t, tc.more, out.IsTruncated)
		})
	}
	t.Run("policy fields", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, typedFixture(t, "listpoliciesgrantingserviceaccess-many.xml"))
		out, err := c.ListPoliciesGrantingServiceAccess(ctx, exampleUser, namespaces, nil)
		require.NoError(t, err)
		assert.Equal(t, []PolicyGrantingServiceAccess{
			{PolicyName: "AmazonS3FullAccess", PolicyType: PolicyTypeManaged, PolicyARN: "arn:aws:iam::aws:policy/AmazonS3FullAccess"},
			{PolicyName: "ExampleUserPolicy", PolicyType: PolicyTypeInline, EntityType: "USER", EntityName: "ExampleUser01"},
		}, out.PoliciesGrantingServiceAccess[0].Policies)
		assert.Equal(t, []PolicyGrantingServiceAccess{}, out.PoliciesGrantingServiceAccess[1].Policies)
	})
	t.Run("marker sent, never MaxItems", func(t *testing.T) {
		w := form("ListPoliciesGrantingServiceAccess", "Arn", exampleUser, "ServiceNamespaces.member.1", "s3", "ServiceNamespaces.member.2", "ec2", "Marker", "m1")
		c, _ := expectForm(t, w, 200, typedFixture(t, "listpoliciesgrantingserviceaccess-1.xml"))
		_, err := c.ListPoliciesGrantingServiceAccess(ctx, exampleUser, namespaces, &ListPoliciesGrantingServiceAccessOptions{PageOptions{Marker: "m1"}})
		require.NoError(t, err)
	})
	t.Run("Policies not a list is an error", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, `<R><ListPoliciesGrantingServiceAccessResult><PoliciesGrantingServiceAccess>
<member><ServiceNamespace>s3</ServiceNamespace><Policies>oops</Policies></member></PoliciesGrantingServiceAccess>
</ListPoliciesGrantingServiceAccessResult></R>`)
		_, err := c.ListPoliciesGrantingServiceAccess(ctx, exampleUser, namespaces, nil)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "Policies")
	})
	t.Run("iterator walks both pages", func(t *testing.T) {
		c, markers := pagedForms(t, want, map[string]string{
			"":       typedFixture(t, "listpoliciesgrantingserviceaccess-many.xml"),
			"page-2": typedFixture(t, "listpoliciesgrantingserviceaccess-1.xml"),
		})
		var ns []string
		for e, err := range c.ListPoliciesGrantingServiceAccessAll(ctx, exampleUser, namespaces, nil) {
			require.NoError(t, err)
			ns = append(ns, e.ServiceNamespace)
		}
		assert.Equal(t, []string{"s3", "ec2", "s3"}, ns)
		assert.Equal(t, []string{"", "page-2"}, *markers)
	})
	many := make([]string, 201)
	for i := range many {
		many[i] = "s3"
	}
	refused := map[string]struct {
		arn   string
		ns    []string
		opts  *ListPoliciesGrantingServiceAccessOptions
		field string
	}{
		"no ARN":           {"", namespaces, nil, "Arn"},
		"no namespaces":    {exampleUser, nil, nil, "ServiceNamespaces"},
		"201 namespaces":   {exampleUser, many, nil, "ServiceNamespaces"},
		"bad namespace":    {exampleUser, []string{"s3", "ec2 "}, nil, "ServiceNamespaces[1]"},
		"MaxItems not ok":  {exampleUser, namespaces, &ListPoliciesGrantingServiceAccessOptions{PageOptions{MaxItems: 10}}, "MaxItems"},
		"empty namespace":  {exampleUser, []string{""}, nil, "ServiceNamespaces[0]"},
		"not an ARN at al": {"ExampleUser01", namespaces, nil, "Arn"},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).ListPoliciesGrantingServiceAccess(ctx, tc.arn, tc.ns, tc.opts)
			requireValidation(t, err, "ListPoliciesGrantingServiceAccess", tc.field)
		})
	}
}

func TestGenerateOrganizationsAccessReport(t *testing.T) {
	ctx := context.Background()
	t.Run("entity path only", func(t *testing.T) {
		c, _ := expectForm(t, form("GenerateOrganizationsAccessReport", "EntityPath", orgPath), 200, typedFixture(t, "generateorganizationsaccessreport.xml"))
		id, err := c.GenerateOrganizationsAccessReport(ctx, orgPath, nil)
		require.NoError(t, err)
		assert.Equal(t, testJobID, id)
	})
	t.Run("with policy", func(t *testing.T) {
		c, _ := expectForm(t, form("GenerateOrganizationsAccessReport", "EntityPath", orgPath, "OrganizationsPolicyId", "p-12345678"), 200,
			typedFixture(t, "generateorganizationsaccessreport.xml"))
		_, err := c.GenerateOrganizationsAccessReport(ctx, orgPath, &GenerateOrganizationsAccessReportOptions{OrganizationsPolicyID: "p-12345678"})
		require.NoError(t, err)
	})
	refused := map[string]struct {
		path, policy, field string
	}{
		"no path":          {"", "", "EntityPath"},
		"no root":          {"o-a1b2c3d4e5", "", "EntityPath"},
		"root not second":  {"o-a1b2c3d4e5/ou-1a2b3c-k9l8m7n6o5example", "", "EntityPath"},
		"not an org":       {"a1b2c3d4e5/r-f6g7", "", "EntityPath"},
		"uppercase":        {"o-A1B2C3D4E5/r-f6g7h8i9j0example", "", "EntityPath"},
		"short policy ID":  {orgPath, "p-1234", "OrganizationsPolicyId"},
		"policy no prefix": {orgPath, "12345678", "OrganizationsPolicyId"},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).GenerateOrganizationsAccessReport(ctx, tc.path, &GenerateOrganizationsAccessReportOptions{OrganizationsPolicyID: tc.policy})
			requireValidation(t, err, "GenerateOrganizationsAccessReport", tc.field)
		})
	}
}

func TestGetOrganizationsAccessReport(t *testing.T) {
	ctx := context.Background()
	want := form("GetOrganizationsAccessReport", "JobId", testJobID)
	tests := map[string]struct {
		fixture string
		ns      []string
		more    bool
	}{
		"zero": {"getorganizationsaccessreport-0.xml", []string{}, false},
		"one":  {"getorganizationsaccessreport-1.xml", []string{"a4b"}, false},
		"many": {"getorganizationsaccessreport-many.xml", []string{"a4b", "iam"}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, want, 200, typedFixture(t, tc.fixture))
			out, err := c.GetOrganizationsAccessReport(ctx, testJobID, nil)
			require.NoError(t, err)
			assert.Equal(t, JobStatusCompleted, out.JobStatus)
			assert.Equal(t, 3, out.NumberOfServicesAccessible)
			assert.Equal(t, 1, out.NumberOfServicesNotAccessed)
			ns := []string{}
			for _, d := range out.AccessDetails {
				ns = append(ns, d.ServiceNamespace)
			}
			assert.Equal(t, tc.ns, ns)
			assert.Equal(t, tc.more, out.IsTruncated)
		})
	}
	t.Run("detail fields", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, typedFixture(t, "getorganizationsaccessreport-many.xml"))
		out, err := c.GetOrganizationsAccessReport(ctx, testJobID, nil)
		require.NoError(t, err)
		d := out.AccessDetails[0]
		assert.Equal(t, "Alexa for Business", d.ServiceName)
		assert.Equal(t, "us-east-1", d.Region)
		assert.Equal(t, orgPath+"/111122223333", d.EntityPath)
		assert.Equal(t, time.Date(2019, 5, 25, 16, 29, 52, 0, time.UTC), d.LastAuthenticatedTime)
		assert.Equal(t, 2, d.TotalAuthenticatedEntities)
		assert.True(t, out.AccessDetails[1].LastAuthenticatedTime.IsZero())
	})
	t.Run("failed carries ErrorDetails", func(t *testing.T) {
		c, _ := expectForm(t, want, 200, typedFixture(t, "getorganizationsaccessreport-failed.xml"))
		out, err := c.GetOrganizationsAccessReport(ctx, testJobID, nil)
		require.NoError(t, err)
		assert.Equal(t, JobStatusFailed, out.JobStatus)
		assert.Equal(t, &ErrorDetails{Code: "ServiceFailure", Message: "SCPs are not enabled for the organization root."}, out.ErrorDetails)
		assert.Equal(t, []AccessDetail{}, out.AccessDetails)
	})
	t.Run("sort key and paging sent", func(t *testing.T) {
		w := form("GetOrganizationsAccessReport", "JobId", testJobID, "SortKey", "LAST_AUTHENTICATED_TIME_DESCENDING", "MaxItems", "5", "Marker", "m1")
		c, _ := expectForm(t, w, 200, typedFixture(t, "getorganizationsaccessreport-1.xml"))
		_, err := c.GetOrganizationsAccessReport(ctx, testJobID, &GetOrganizationsAccessReportOptions{
			SortKey: SortLastAuthenticatedTimeDescending, PageOptions: PageOptions{MaxItems: 5, Marker: "m1"},
		})
		require.NoError(t, err)
	})
	t.Run("malformed count is an error", func(t *testing.T) {
		body := strings.Replace(typedFixture(t, "getorganizationsaccessreport-1.xml"), "<NumberOfServicesAccessible>3<", "<NumberOfServicesAccessible>3.5<", 1)
		c, _ := expectForm(t, want, 200, body)
		_, err := c.GetOrganizationsAccessReport(ctx, testJobID, nil)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "NumberOfServicesAccessible")
	})
	t.Run("iterator keeps the sort key on every page", func(t *testing.T) {
		w := form("GetOrganizationsAccessReport", "JobId", testJobID, "SortKey", "SERVICE_NAMESPACE_DESCENDING")
		c, markers := pagedForms(t, w, map[string]string{
			"":       typedFixture(t, "getorganizationsaccessreport-many.xml"),
			"page-2": typedFixture(t, "getorganizationsaccessreport-1.xml"),
		})
		opts := &GetOrganizationsAccessReportOptions{SortKey: SortServiceNamespaceDescending}
		n := 0
		for _, err := range c.GetOrganizationsAccessReportAll(ctx, testJobID, opts) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 3, n)
		assert.Equal(t, []string{"", "page-2"}, *markers)
		assert.Empty(t, opts.Marker, "the caller's options are not changed")
	})
	refused := map[string]struct {
		job   string
		opts  *GetOrganizationsAccessReportOptions
		field string
	}{
		"bad job":      {"job", nil, "JobId"},
		"bad sort key": {testJobID, &GetOrganizationsAccessReportOptions{SortKey: "NEWEST"}, "SortKey"},
		"MaxItems":     {testJobID, &GetOrganizationsAccessReportOptions{PageOptions: PageOptions{MaxItems: 1001}}, "MaxItems"},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).GetOrganizationsAccessReport(ctx, tc.job, tc.opts)
			requireValidation(t, err, "GetOrganizationsAccessReport", tc.field)
		})
	}
}
