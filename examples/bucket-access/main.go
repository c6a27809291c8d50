// Command bucket-access sets up a user limited to one S3 bucket (the
// bucket's ARN for s3:ListBucket, bucket/* for its objects) and shows with
// the policy simulator that listing another bucket is denied.
//
// It runs against the endpoint and credentials the environment gives
// (--endpoint, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL, the shared config,
// the default credential chain) or, with nothing configured, against a
// local IAM server it starts itself. Running it twice reuses what exists;
// --cleanup deletes what it created.
//
//	go run ./examples/bucket-access [--cleanup] [--endpoint URL] [--region R] [--profile P]
package main

import (
	"context"
	"io"
	"os"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/examples/internal/exampleenv"
	"github.com/iamkit/iam/examples/internal/scenarios"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the program, with its streams and extra client options passed in
// so that the test runs exactly this.
func run(args []string, stdout, stderr io.Writer, opts ...iam.Option) int {
	return exampleenv.Main("bucket-access", args, stdout, stderr, func(ctx context.Context, env *exampleenv.Env, out io.Writer) error {
		_, err := scenarios.BucketAccess(ctx, env.Client, out, env.Cleanup)
		return err
	}, opts...)
}
