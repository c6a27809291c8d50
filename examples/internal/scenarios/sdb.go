package scenarios

import (
	"context"
	"fmt"
	"io"

	"github.com/iamkit/iam"
)

// Names the sdb-readonly scenario uses.
const (
	SDBGroupName   = "SDBReaders"
	SDBPolicyName  = "ReadOneDomain"
	SDBUserName    = "SDBReaderApp"
	SDBDomain      = "AppData"
	SDBOtherDomain = "OtherDomain"
)

// SDBDomainARN is the ARN of a SimpleDB domain.
func SDBDomainARN(region, account, domain string) string {
	return fmt.Sprintf("arn:aws:sdb:%s:%s:domain/%s", region, account, domain)
}

// SDBReadOnly solves the credential problem of an application on EC2 that
// must read one SimpleDB domain: a group allowed only sdb:GetAttributes and
// sdb:Select on that domain's ARN (the account ID taken from the caller's
// ARN), a user in it with an access key; then the simulator shows that
// sdb:Select on the domain is allowed while sdb:PutAttributes, sdb:Select
// on another domain and iam:CreateUser are denied.
func SDBReadOnly(ctx context.Context, c *iam.Client, out io.Writer, cleanup bool) (*Result, error) {
	res := &Result{Users: []string{SDBUserName}, Groups: []string{SDBGroupName}}
	if cleanup {
		if err := deleteUser(ctx, c, out, SDBUserName); err != nil {
			return res, err
		}
		return res, deleteGroup(ctx, c, out, SDBGroupName)
	}
	account, err := accountID(ctx, c)
	if err != nil {
		return res, err
	}
	domain := SDBDomainARN(c.Region(), account, SDBDomain)
	other := SDBDomainARN(c.Region(), account, SDBOtherDomain)
	if _, err := ensureGroup(ctx, c, out, SDBGroupName); err != nil {
		return res, err
	}
	if err := ensureGroupPolicy(ctx, c, out, SDBGroupName, SDBPolicyName,
		allow([]string{domain}, "sdb:GetAttributes", "sdb:Select")); err != nil {
		return res, err
	}
	u, err := ensureUser(ctx, c, out, SDBUserName)
	if err != nil {
		return res, err
	}
	if err := ensureMember(ctx, c, out, SDBGroupName, SDBUserName); err != nil {
		return res, err
	}
	if res.AccessKeyID, err = ensureAccessKey(ctx, c, out, SDBUserName); err != nil {
		return res, err
	}
	res.Decisions, err = simulate(ctx, c, out, u.ARN, []Check{
		{Action: "sdb:Select", Resource: domain, Allowed: true},
		{Action: "sdb:PutAttributes", Resource: domain},
		{Action: "sdb:Select", Resource: other},
		{Action: "iam:CreateUser", Resource: "*"},
	})
	return res, err
}
