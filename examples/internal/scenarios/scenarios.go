package scenarios

import (
	"context"
	"io"

	"github.com/iamkit/iam"
)

// Result is what a scenario set up (or, with cleanup, deleted).
type Result struct {
	// Users and Groups are the names the scenario owns.
	Users  []string
	Groups []string
	// AccessKeyID is the key the scenario created or found, if it makes one.
	AccessKeyID string
	// Decisions are the simulator's answers, if the scenario asks any.
	Decisions []Decision
}

// Func is the shape of every scenario: set it up (or delete it with
// cleanup) through c, reporting each step to out.
type Func func(ctx context.Context, c *iam.Client, out io.Writer, cleanup bool) (*Result, error)

// Scenario names a scenario for the quickstart's report.
type Scenario struct {
	// Name is the example's directory name, e.g. "admin-group".
	Name string
	// Summary says in one line what it sets up.
	Summary string
	// Run is the scenario.
	Run Func
}

// All lists the scenarios in the order the quickstart runs them.
func All() []Scenario {
	return []Scenario{
		{"admin-group", "a group that may administer IAM and nothing else", AdminGroup},
		{"ec2-s3-group", "a group allowed EC2 and S3, with user Bob and his access key", EC2S3Group},
		{"sdb-readonly", "read-only access to one SimpleDB domain, proved by simulation", SDBReadOnly},
		{"bucket-access", "a user limited to one S3 bucket, proved by simulation", BucketAccess},
	}
}
