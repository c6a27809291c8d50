package scenarios

import (
	"context"
	"fmt"
	"io"

	"github.com/iamkit/iam"
)

// Check is one question put to the policy simulator and the answer the
// scenario expects.
type Check struct {
	Action   string
	Resource string
	// Allowed is the expected outcome.
	Allowed bool
}

// Decision is the simulator's answer to a Check.
type Decision struct {
	Check
	// Decision is IAM's EvalDecision: "allowed", "implicitDeny" or
	// "explicitDeny".
	Decision string
}

// simulate asks SimulatePrincipalPolicy each check about the principal
// and prints the answers. A decision other than the expected one is an
// error: the example exists to show exactly these outcomes.
func simulate(ctx context.Context, c *iam.Client, out io.Writer, principalARN string, checks []Check) ([]Decision, error) {
	var ds []Decision
	for _, ch := range checks {
		resp, err := c.Call(ctx, "SimulatePrincipalPolicy", iam.Params{
			"PolicySourceArn": principalARN,
			"ActionNames":     []string{ch.Action},
			"ResourceArns":    []string{ch.Resource},
		})
		if err != nil {
			return ds, err
		}
		results := resp.List("EvaluationResults")
		if len(results) != 1 {
			return ds, fmt.Errorf("simulating %s on %s: %d results, want 1", ch.Action, ch.Resource, len(results))
		}
		d := Decision{Check: ch, Decision: results[0].Get("EvalDecision").String()}
		ds = append(ds, d)
		shown := "allowed"
		if d.Decision != "allowed" {
			shown = "denied (" + d.Decision + ")"
		}
		fmt.Fprintf(out, "  simulation: %-17s on %-53s %s\n", ch.Action, ch.Resource, shown)
		if (d.Decision == "allowed") != ch.Allowed {
			want := "denied"
			if ch.Allowed {
				want = "allowed"
			}
			return ds, fmt.Errorf("simulation: %s on %s was %s, expected %s", ch.Action, ch.Resource, d.Decision, want)
		}
	}
	return ds, nil
}
