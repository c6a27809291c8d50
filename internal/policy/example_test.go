package policy_test

import (
	"fmt"

	"github.com/iamkit/iam/internal/policy"
)

// A server compiles each stored policy once and decides every request
// against the caller's policies.
func ExampleEvaluate() {
	doc, err := policy.ParseAndValidate([]byte(`{
	  "Version": "2012-10-17",
	  "Statement": [
	    {"Sid": "OwnKeys", "Effect": "Allow", "Action": "iam:*AccessKey*",
	     "Resource": "arn:aws:iam::123456789012:user/${aws:username}"},
	    {"Sid": "NoDeletes", "Effect": "Deny", "Action": "iam:Delete*", "Resource": "*"}
	  ]
	}`), policy.KindUserInline)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := policy.Compile("alice-keys", doc)
	ctx := map[string][]string{"aws:username": {"alice"}}

	for _, action := range []string{"iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:CreateUser"} {
		res := policy.Evaluate([]*policy.Policy{p}, policy.Request{
			Action:   action,
			Resource: "arn:aws:iam::123456789012:user/alice",
			Context:  ctx,
		})
		for _, m := range res.Matched {
			fmt.Printf("%s %s by %s statement %d (%s, line %d)\n", action, res.Decision, m.PolicyID, m.Index, m.Sid, m.Start.Line)
		}
		if len(res.Matched) == 0 {
			fmt.Println(action, res.Decision)
		}
	}
	// Output:
	// iam:CreateAccessKey allowed by alice-keys statement 0 (OwnKeys, line 4)
	// iam:DeleteAccessKey explicitDeny by alice-keys statement 1 (NoDeletes, line 6)
	// iam:CreateUser implicitDeny
}

// Validation names the statement and the rule.
func ExampleDocument_Validate() {
	doc, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Sid":"S1","Effect":"Allow","Action":"iam:GetUser"}]}`))
	fmt.Println(doc.Validate(policy.KindManaged))
	// Output:
	// policy: Statement[0] (Sid "S1"): Resource: Resource or NotResource is required
}
