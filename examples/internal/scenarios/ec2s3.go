package scenarios

import (
	"context"
	"io"

	"github.com/iamkit/iam"
)

// Names the ec2-s3-group scenario uses.
const (
	EC2S3GroupName  = "EC2S3Users"
	EC2S3PolicyName = "AllowEC2AndS3"
	EC2S3UserName   = "Bob"
)

// EC2S3Group sets up a group allowed every EC2 and S3 action, user Bob in
// it, and an access key for Bob, whose secret is printed once, as the API
// returns it once. A second run reuses Bob's key rather than making
// another.
func EC2S3Group(ctx context.Context, c *iam.Client, out io.Writer, cleanup bool) (*Result, error) {
	res := &Result{Users: []string{EC2S3UserName}, Groups: []string{EC2S3GroupName}}
	if cleanup {
		if err := deleteUser(ctx, c, out, EC2S3UserName); err != nil {
			return res, err
		}
		return res, deleteGroup(ctx, c, out, EC2S3GroupName)
	}
	if _, err := ensureGroup(ctx, c, out, EC2S3GroupName); err != nil {
		return res, err
	}
	if err := ensureGroupPolicy(ctx, c, out, EC2S3GroupName, EC2S3PolicyName, allow([]string{"*"}, "ec2:*", "s3:*")); err != nil {
		return res, err
	}
	if _, err := ensureUser(ctx, c, out, EC2S3UserName); err != nil {
		return res, err
	}
	if err := ensureMember(ctx, c, out, EC2S3GroupName, EC2S3UserName); err != nil {
		return res, err
	}
	id, err := ensureAccessKey(ctx, c, out, EC2S3UserName)
	res.AccessKeyID = id
	return res, err
}
