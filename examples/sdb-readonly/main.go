// Command sdb-readonly gives an application read-only access to one SimpleDB
// domain (sdb:GetAttributes and sdb:Select on its ARN) through a group, a
// user and an access key, then proves it with the policy simulator.
//
// It runs against the endpoint and credentials the environment gives
// (--endpoint, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL, the shared config,
// the default credential chain) or, with nothing configured, against a
// local IAM server it starts itself. Running it twice reuses what exists;
// --cleanup deletes what it created.
//
//	go run ./examples/sdb-readonly [--cleanup] [--endpoint URL] [--region R] [--profile P]
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
	return exampleenv.Main("sdb-readonly", args, stdout, stderr, func(ctx context.Context, env *exampleenv.Env, out io.Writer) error {
		_, err := scenarios.SDBReadOnly(ctx, env.Client, out, env.Cleanup)
		return err
	}, opts...)
}
