// Command quickstart is the README's main command: it runs the four example
// scenarios in order (admin-group, ec2-s3-group, sdb-readonly,
// bucket-access) and prints a short report of what was created and what
// the policy simulations decided.
//
// With nothing configured it starts a local IAM server in process and says
// so on its first line, so it works on a fresh clone with no account:
//
//	go run ./examples/quickstart [--cleanup] [--endpoint URL] [--region R] [--profile P]
//
// Against a real endpoint it creates only what it reports; running it
// twice reuses what exists, and --cleanup deletes it all again.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"

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
	return exampleenv.Main("quickstart", args, stdout, stderr, quickstart, opts...)
}

func quickstart(ctx context.Context, env *exampleenv.Env, out io.Writer) error {
	all := scenarios.All()
	if env.Cleanup {
		// Undo in reverse order, the way it was built.
		slices.Reverse(all)
	}
	var users, groups, decisions int
	for i, s := range all {
		fmt.Fprintf(out, "\n%d. %s: %s\n", i+1, s.Name, s.Summary)
		res, err := s.Run(ctx, env.Client, out, env.Cleanup)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		users += len(res.Users)
		groups += len(res.Groups)
		decisions += len(res.Decisions)
	}
	if env.Cleanup {
		fmt.Fprintf(out, "\nCleaned up %d users and %d groups.\n", users, groups)
		return nil
	}
	fmt.Fprintf(out, "\nDone: %d users and %d groups in place; %d simulated decisions, each as expected.\n", users, groups, decisions)
	if env.Local {
		fmt.Fprintln(out, "The local server stops with this program; set AWS_ENDPOINT_URL_IAM and credentials to run against another IAM.")
	} else {
		fmt.Fprintln(out, "Run again with --cleanup to delete everything listed above.")
	}
	return nil
}
