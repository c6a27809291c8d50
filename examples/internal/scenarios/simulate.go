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
		sim, err := c.SimulatePrincipalPolicy(ctx, principalARN, []string{ch.Action},
			&iam.SimulatePrincipalPolicyOptions{SimulateOptions: iam.SimulateOptions{ResourceArns: []string{ch.Resource}}})
		if err != nil {
			return ds, err
		}
		if len(sim.EvaluationResults) != 1 {
			return ds, fmt.Errorf("simulating %s on %s: %d results, want 1", ch.Action, ch.Resource, len(sim.EvaluationResults))
		}
		d := Decision{Check: ch, Decision: sim.EvaluationResults[0].EvalDecision}
		ds = append(ds, d)
		shown := "allowed"
		if d.Decision != iam.DecisionAllowed {
			shown = "denied (" + d.Decision + ")"
		}
		fmt.Fprintf(out, "  simulation: %-17s on %-53s %s\n", ch.Action, ch.Resource, shown)
		if (d.Decision == iam.DecisionAllowed) != ch.Allowed {
			want := "denied"
			if ch.Allowed {
				want = "allowed"
			}
			return ds, fmt.Errorf("simulation: %s on %s was %s, expected %s", ch.Action, ch.Resource, d.Decision, want)
		}
	}
	return ds, nil
}
