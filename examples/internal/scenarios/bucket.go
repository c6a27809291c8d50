package scenarios

import (
	"context"
	"io"

	"github.com/iamkit/iam"
)

// Names the bucket-access scenario uses.
const (
	BucketUserName   = "BucketUser"
	BucketPolicyName = "OneBucketOnly"
	BucketName       = "example-bucket"
	OtherBucketName  = "other-bucket"
)

// BucketAccess sets up a user limited to one S3 bucket. Bucket actions
// such as s3:ListBucket apply to the bucket's ARN and object actions to
// its objects' ARN (bucket/*), so the policy names both; the simulator then
// shows that listing that bucket is allowed and listing another is not.
func BucketAccess(ctx context.Context, c *iam.Client, out io.Writer, cleanup bool) (*Result, error) {
	res := &Result{Users: []string{BucketUserName}}
	if cleanup {
		return res, deleteUser(ctx, c, out, BucketUserName)
	}
	bucket := "arn:aws:s3:::" + BucketName
	doc := &iam.PolicyDocument{
		Version: iam.PolicyVersion,
		Statement: []iam.Statement{
			{Sid: "ListTheBucket", Effect: "Allow", Action: iam.StringList("s3:ListBucket", "s3:GetBucketLocation"), Resource: iam.StringValue(bucket)},
			{Sid: "UseItsObjects", Effect: "Allow", Action: iam.StringList("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), Resource: iam.StringValue(bucket + "/*")},
		},
	}
	u, err := ensureUser(ctx, c, out, BucketUserName)
	if err != nil {
		return res, err
	}
	if err := ensureUserPolicy(ctx, c, out, BucketUserName, BucketPolicyName, doc); err != nil {
		return res, err
	}
	res.Decisions, err = simulate(ctx, c, out, u.ARN, []Check{
		{Action: "s3:ListBucket", Resource: bucket, Allowed: true},
		{Action: "s3:GetObject", Resource: bucket + "/report.csv", Allowed: true},
		{Action: "s3:ListBucket", Resource: "arn:aws:s3:::" + OtherBucketName},
	})
	return res, err
}
