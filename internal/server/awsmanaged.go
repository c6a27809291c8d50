package server

import "time"

// A few AWS managed policies exist in every account, so that scripts that
// attach the usual ones (AdministratorAccess, IAMReadOnlyAccess) work.
// Their documents are IAM-only simplifications of AWS's, enough for this
// server, which only serves IAM.

var awsManagedCreated = time.Date(2015, 2, 6, 18, 39, 46, 0, time.UTC)

var awsManagedDocs = []struct{ name, id, doc string }{
	{"AdministratorAccess", "ANPAIWMBCKSKIEE64ZLYK",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`},
	{"IAMFullAccess", "ANPAI7XKCFMBPM3QQRRVQ",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*","organizations:DescribeAccount","organizations:DescribeOrganization","organizations:DescribeOrganizationalUnit","organizations:DescribePolicy","organizations:ListChildren","organizations:ListParents","organizations:ListPoliciesForTarget","organizations:ListRoots","organizations:ListPolicies","organizations:ListTargetsForPolicy"],"Resource":"*"}]}`},
	{"IAMReadOnlyAccess", "ANPAJKSO7NDY4T57MWDSQ",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GenerateCredentialReport","iam:GenerateServiceLastAccessedDetails","iam:Get*","iam:List*","iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy"],"Resource":"*"}]}`},
	{"IAMUserChangePassword", "ANPAJ4L4MM2A7QIEB56MS",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:ChangePassword"],"Resource":["arn:aws:iam::*:user/${aws:username}"]},{"Effect":"Allow","Action":["iam:GetAccountPasswordPolicy"],"Resource":"*"}]}`},
	{"PowerUserAccess", "ANPAJYRXTHIB4FOVS3ZXS",
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*","account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole","iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization","account:ListRegions","account:GetAccountInformation"],"Resource":"*"}]}`},
}

// addAWSManagedPolicies adds the built-in policies missing from c (a state
// file keeps their attachment counts).
func addAWSManagedPolicies(c *coll[*managedPolicy]) {
	for _, d := range awsManagedDocs {
		if _, ok := c.get(d.name); ok {
			continue
		}
		c.put(d.name, &managedPolicy{
			Name: d.name, Path: "/", ID: d.id, Arn: awsPolicyPrefix + "/" + d.name,
			Created: awsManagedCreated, Updated: awsManagedCreated,
			Versions: []*policyVersion{{ID: "v1", Doc: d.doc, Created: awsManagedCreated}},
			Default:  "v1", NextVersion: 2,
		})
	}
}
