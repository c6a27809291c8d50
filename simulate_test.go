package iam

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const jillARN = "arn:aws:iam::123456789012:user/Jill"

func TestSimulatePrincipalPolicyForm(t *testing.T) {
	ctx := context.Background()
	t.Run("required only", func(t *testing.T) {
		c, _ := expectForm(t, form("SimulatePrincipalPolicy", "PolicySourceArn", jillARN, "ActionNames.member.1", "s3:ListBucket"), 200, typedFixture(t, "simulateprincipal-1.xml"))
		_, err := c.SimulatePrincipalPolicy(ctx, jillARN, []string{"s3:ListBucket"}, nil)
		require.NoError(t, err)
	})
	t.Run("every option, nested context values", func(t *testing.T) {
		c, _ := expectForm(t, form("SimulatePrincipalPolicy",
			"PolicySourceArn", jillARN,
			"ActionNames.member.1", "s3:ListBucket", "ActionNames.member.2", "s3:GetObject",
			"PolicyInputList.member.1", s3ListAll,
			"PermissionsBoundaryPolicyInputList.member.1", s3ListAll,
			"ResourceArns.member.1", "arn:aws:s3:::teambucket", "ResourceArns.member.2", "arn:aws:s3:::teambucket/*",
			"ResourcePolicy", s3ListAll,
			"ResourceOwner", "arn:aws:iam::123456789012:root",
			"CallerArn", jillARN,
			"ResourceHandlingOption", "EC2-VPC-InstanceStore",
			"ContextEntries.member.1.ContextKeyName", "aws:SourceIp",
			"ContextEntries.member.1.ContextKeyType", "ipList",
			"ContextEntries.member.1.ContextKeyValues.member.1", "192.0.2.1",
			"ContextEntries.member.1.ContextKeyValues.member.2", "203.0.113.0/24",
			"ContextEntries.member.2.ContextKeyName", "aws:MultiFactorAuthPresent",
			"ContextEntries.member.2.ContextKeyValues.member.1", "true",
			"MaxItems", "10", "Marker", "m0",
		), 200, typedFixture(t, "simulateprincipal-1.xml"))
		_, err := c.SimulatePrincipalPolicy(ctx, jillARN, []string{"s3:ListBucket", "s3:GetObject"}, &SimulatePrincipalPolicyOptions{
			PolicyInputList: []string{s3ListAll},
			SimulateOptions: SimulateOptions{
				PermissionsBoundaryPolicyInputList: []string{s3ListAll},
				ResourceArns:                       []string{"arn:aws:s3:::teambucket", "arn:aws:s3:::teambucket/*"},
				ResourcePolicy:                     s3ListAll,
				ResourceOwner:                      "arn:aws:iam::123456789012:root",
				CallerArn:                          jillARN,
				ResourceHandlingOption:             "EC2-VPC-InstanceStore",
				ContextEntries: []ContextEntry{
					{Key: "aws:SourceIp", Values: []string{"192.0.2.1", "203.0.113.0/24"}, Type: ContextKeyIPList},
					{Key: "aws:MultiFactorAuthPresent", Values: []string{"true"}},
				},
				PageOptions: PageOptions{MaxItems: 10, Marker: "m0"},
			},
		})
		require.NoError(t, err)
	})
}

func TestSimulatePrincipalPolicyResults(t *testing.T) {
	t.Run("zero", func(t *testing.T) {
		c, _ := expectForm(t, form("SimulatePrincipalPolicy", "PolicySourceArn", jillARN, "ActionNames.member.1", "s3:ListBucket"), 200, typedFixture(t, "simulateprincipal-0.xml"))
		out, err := c.SimulatePrincipalPolicy(context.Background(), jillARN, []string{"s3:ListBucket"}, nil)
		require.NoError(t, err)
		assert.NotNil(t, out.EvaluationResults)
		assert.Empty(t, out.EvaluationResults)
		assert.False(t, out.IsTruncated)
	})
	t.Run("one", func(t *testing.T) {
		c, _ := expectForm(t, form("SimulatePrincipalPolicy", "PolicySourceArn", jillARN, "ActionNames.member.1", "s3:ListBucket"), 200, typedFixture(t, "simulateprincipal-1.xml"))
		out, err := c.SimulatePrincipalPolicy(context.Background(), jillARN, []string{"s3:ListBucket"}, nil)
		require.NoError(t, err)
		require.Len(t, out.EvaluationResults, 1)
		r := out.EvaluationResults[0]
		assert.True(t, r.Allowed())
		assert.Equal(t, "arn:aws:s3:::teambucket", r.EvalResourceName)
		assert.Equal(t, []MatchedStatement{{"Jill", "user", Position{2, 96}, Position{2, 179}}}, r.MatchedStatements)
		assert.Equal(t, []string{}, r.MissingContextValues)
		assert.Nil(t, r.EvalDecisionDetails)
		assert.Nil(t, r.AllowedByOrganizations)
		assert.Nil(t, r.ResourceSpecificResults)
	})
	t.Run("many", func(t *testing.T) {
		c, _ := expectForm(t, form("SimulatePrincipalPolicy", "PolicySourceArn", jillARN, "ActionNames.member.1", "s3:ListBucket"), 200, typedFixture(t, "simulateprincipal-many.xml"))
		out, err := c.SimulatePrincipalPolicy(context.Background(), jillARN, []string{"s3:ListBucket"}, nil)
		require.NoError(t, err)
		require.Len(t, out.EvaluationResults, 4)
		assert.True(t, out.IsTruncated)
		assert.Equal(t, "sim-page-2", out.Marker)

		decisions := []string{}
		for _, r := range out.EvaluationResults {
			decisions = append(decisions, r.EvalDecision)
		}
		assert.Equal(t, []string{DecisionAllowed, DecisionExplicitDeny, DecisionImplicitDeny, DecisionImplicitDeny}, decisions)

		deny := out.EvaluationResults[1]
		require.Len(t, deny.MatchedStatements, 2)
		assert.Equal(t, MatchedStatement{"Deny-All", "aws-managed", Position{3, 5}, Position{9, 6}}, deny.MatchedStatements[1])

		assert.Equal(t, []string{"aws:MultiFactorAuthPresent", "ec2:Region"}, out.EvaluationResults[2].MissingContextValues)

		r := out.EvaluationResults[3]
		assert.Equal(t, map[string]string{"IAM Policy": "allowed", "Resource Policy": "implicitDeny"}, r.EvalDecisionDetails)
		require.NotNil(t, r.AllowedByOrganizations)
		assert.False(t, *r.AllowedByOrganizations)
		require.NotNil(t, r.AllowedByPermissionsBoundary)
		assert.True(t, *r.AllowedByPermissionsBoundary)
		require.Len(t, r.ResourceSpecificResults, 2)
		a, b := r.ResourceSpecificResults[0], r.ResourceSpecificResults[1]
		assert.Equal(t, "arn:aws:s3:::bucket/a", a.EvalResourceName)
		assert.Equal(t, DecisionAllowed, a.EvalResourceDecision)
		assert.Equal(t, []MatchedStatement{{"PolicyInputList.1", "IAM Policy", Position{1, 38}, Position{1, 140}}}, a.MatchedStatements)
		assert.Equal(t, map[string]string{"IAM Policy": "allowed"}, a.EvalDecisionDetails)
		require.NotNil(t, a.AllowedByPermissionsBoundary)
		assert.Equal(t, DecisionImplicitDeny, b.EvalResourceDecision)
		assert.Equal(t, []string{"aws:SourceIp"}, b.MissingContextValues)
		assert.Nil(t, b.AllowedByPermissionsBoundary)
	})
}

func TestSimulateStrictDecoding(t *testing.T) {
	tests := map[string]struct{ body, want string }{
		"no decision":       {`<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><EvaluationResults><member><EvalActionName>s3:X</EvalActionName></member></EvaluationResults></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>`, "EvalDecision"},
		"bad line":          {`<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><EvaluationResults><member><EvalDecision>allowed</EvalDecision><MatchedStatements><member><StartPosition><Line>one</Line></StartPosition></member></MatchedStatements></member></EvaluationResults></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>`, "one"},
		"bad boundary bool": {`<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><EvaluationResults><member><EvalDecision>allowed</EvalDecision><PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>yes</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail></member></EvaluationResults></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>`, "yes"},
		"no results list":   {`<SimulatePrincipalPolicyResponse><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated></SimulatePrincipalPolicyResult></SimulatePrincipalPolicyResponse>`, "EvaluationResults"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("SimulatePrincipalPolicy", "PolicySourceArn", jillARN, "ActionNames.member.1", "s3:X"), 200, tc.body)
			_, err := c.SimulatePrincipalPolicy(context.Background(), jillARN, []string{"s3:X"}, nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestSimulateRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	c := neverCalled(t)
	tests := map[string]struct {
		call  func() error
		field string
	}{
		"no source":    {func() error { _, err := c.SimulatePrincipalPolicy(ctx, "", []string{"s3:X"}, nil); return err }, "PolicySourceArn"},
		"no actions":   {func() error { _, err := c.SimulatePrincipalPolicy(ctx, jillARN, nil, nil); return err }, "ActionNames"},
		"short action": {func() error { _, err := c.SimulatePrincipalPolicy(ctx, jillARN, []string{"s3"}, nil); return err }, "ActionNames[0]"},
		"bad input policy": {func() error {
			_, err := c.SimulatePrincipalPolicy(ctx, jillARN, []string{"s3:X"}, &SimulatePrincipalPolicyOptions{PolicyInputList: []string{"{"}})
			return err
		}, "PolicyInputList[0]"},
		"bad context type": {func() error {
			_, err := c.SimulatePrincipalPolicy(ctx, jillARN, []string{"s3:X"}, &SimulatePrincipalPolicyOptions{SimulateOptions: SimulateOptions{ContextEntries: []ContextEntry{{Key: "aws:SourceIp", Type: "text"}}}})
			return err
		}, "ContextEntries[0].ContextKeyType"},
		"empty context key": {func() error {
			_, err := c.SimulatePrincipalPolicy(ctx, jillARN, []string{"s3:X"}, &SimulatePrincipalPolicyOptions{SimulateOptions: SimulateOptions{ContextEntries: []ContextEntry{{Values: []string{"v"}}}}})
			return err
		}, "ContextEntries[0].ContextKeyName"},
		"custom without policies": {func() error { _, err := c.SimulateCustomPolicyJSON(ctx, nil, []string{"s3:X"}, nil); return err }, "PolicyInputList"},
		"custom nil document": {func() error {
			_, err := c.SimulateCustomPolicy(ctx, []*PolicyDocument{nil}, []string{"s3:X"}, nil)
			return err
		}, "PolicyInputList[0]"},
		"bad resource policy": {func() error {
			_, err := c.SimulateCustomPolicyJSON(ctx, []string{s3ListAll}, []string{"s3:X"}, &SimulateOptions{ResourcePolicy: "[]"})
			return err
		}, "ResourcePolicy"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := tc.call()
			action := "SimulatePrincipalPolicy"
			if name[:6] == "custom" || name == "bad resource policy" {
				action = "SimulateCustomPolicy"
			}
			requireValidation(t, err, action, tc.field)
		})
	}
}

func TestSimulateCustomPolicy(t *testing.T) {
	ctx := context.Background()
	doc, err := ParsePolicyDocument(s3ListAll)
	require.NoError(t, err)
	c, hits := expectForm(t, form("SimulateCustomPolicy", "PolicyInputList.member.1", s3ListAll, "ActionNames.member.1", "s3:ListBucket"), 200, typedFixture(t, "simulatecustom-1.xml"))
	out, err := c.SimulateCustomPolicy(ctx, []*PolicyDocument{doc}, []string{"s3:ListBucket"}, nil)
	require.NoError(t, err)
	require.Len(t, out.EvaluationResults, 1)
	assert.Equal(t, "PolicyInputList.1", out.EvaluationResults[0].MatchedStatements[0].SourcePolicyID)

	_, err = c.SimulateCustomPolicyJSON(ctx, []string{s3ListAll}, []string{"s3:ListBucket"}, &SimulateOptions{})
	require.NoError(t, err)

	var n int
	for r, err := range c.SimulateCustomPolicyAll(ctx, []*PolicyDocument{doc}, []string{"s3:ListBucket"}, nil) {
		require.NoError(t, err)
		assert.True(t, r.Allowed())
		n++
	}
	assert.Equal(t, 1, n)
	assert.EqualValues(t, 3, hits.Load())
}

func TestSimulatePrincipalPolicyAll(t *testing.T) {
	var markers []string
	c := twoPageServer(t, "SimulatePrincipalPolicy", typedFixture(t, "simulateprincipal-many.xml"), typedFixture(t, "simulateprincipal-1.xml"), &markers)
	opts := &SimulatePrincipalPolicyOptions{SimulateOptions: SimulateOptions{ResourceArns: []string{"arn:aws:s3:::teambucket"}}}
	var actions []string
	for r, err := range c.SimulatePrincipalPolicyAll(context.Background(), jillARN, []string{"s3:ListBucket"}, opts) {
		require.NoError(t, err)
		actions = append(actions, r.EvalActionName)
	}
	assert.Equal(t, []string{"s3:ListBucket", "s3:DeleteBucket", "ec2:RunInstances", "s3:GetObject", "s3:ListBucket"}, actions)
	assert.Equal(t, []string{"", "sim-page-2"}, markers)
	assert.Empty(t, opts.Marker)
}
