package iam

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/iamkit/iam/internal/policy"
	"github.com/iamkit/iam/internal/query"
)

// Decisions of the policy simulator, the values of
// EvaluationResult.EvalDecision and ResourceSpecificResult.EvalResourceDecision.
const (
	DecisionAllowed      = "allowed"
	DecisionExplicitDeny = "explicitDeny"
	DecisionImplicitDeny = "implicitDeny"
)

// Types of ContextEntry.Type.
const (
	ContextKeyString      = "string"
	ContextKeyStringList  = "stringList"
	ContextKeyNumeric     = "numeric"
	ContextKeyNumericList = "numericList"
	ContextKeyBoolean     = "boolean"
	ContextKeyBooleanList = "booleanList"
	ContextKeyIP          = "ip"
	ContextKeyIPList      = "ipList"
	ContextKeyBinary      = "binary"
	ContextKeyBinaryList  = "binaryList"
	ContextKeyDate        = "date"
	ContextKeyDateList    = "dateList"
)

var contextKeyTypes = []string{
	ContextKeyString, ContextKeyStringList, ContextKeyNumeric, ContextKeyNumericList,
	ContextKeyBoolean, ContextKeyBooleanList, ContextKeyIP, ContextKeyIPList,
	ContextKeyBinary, ContextKeyBinaryList, ContextKeyDate, ContextKeyDateList,
}

// ContextEntry is a condition key and its values for a simulation, e.g.
// {Key: "aws:MultiFactorAuthPresent", Values: []string{"true"}, Type:
// ContextKeyBoolean}.
type ContextEntry struct {
	// Key is the ContextKeyName, e.g. "aws:SourceIp".
	Key string
	// Values are the ContextKeyValues.
	Values []string
	// Type is the ContextKeyType, one of the ContextKey* constants.
	Type string
}

// SimulateOptions are the settings both simulations share.
type SimulateOptions struct {
	// PermissionsBoundaryPolicyInputList are permissions boundary
	// documents (JSON) to apply; IAM allows one.
	PermissionsBoundaryPolicyInputList []string
	// ResourceArns are the resources to simulate on; none means "*".
	ResourceArns []string
	// ResourcePolicy is a resource-based policy (JSON) to include.
	ResourcePolicy string
	// ResourceOwner is the ARN of the account that owns the resources.
	ResourceOwner string
	// CallerArn is the principal the simulation runs as.
	CallerArn string
	// ContextEntries give condition keys their values.
	ContextEntries []ContextEntry
	// ResourceHandlingOption names an EC2 scenario, e.g. "EC2-VPC-InstanceStore".
	ResourceHandlingOption string
	PageOptions
}

// SimulatePrincipalPolicyOptions are the optional settings of
// SimulatePrincipalPolicy.
type SimulatePrincipalPolicyOptions struct {
	// PolicyInputList are extra policies (JSON) to evaluate with the
	// principal's own.
	PolicyInputList []string
	SimulateOptions
}

// MatchedStatement is a statement that decided a simulation, and where
// it sits in its policy.
type MatchedStatement struct {
	// SourcePolicyID names the policy, e.g. "PolicyInputList.1" or the
	// name of a user's policy.
	SourcePolicyID string
	// SourcePolicyType is "user", "group", "role", "aws-managed",
	// "user-managed", "resource", "none", ...
	SourcePolicyType string
	StartPosition    Position
	EndPosition      Position
}

// Position is a line and column in a policy document, both from 1.
type Position struct {
	Line   int
	Column int
}

// EvaluationResult is the simulator's answer for one action.
type EvaluationResult struct {
	EvalActionName string
	// EvalResourceName is the resource ARN, "*" for all.
	EvalResourceName string
	// EvalDecision is DecisionAllowed, DecisionExplicitDeny or
	// DecisionImplicitDeny.
	EvalDecision      string
	MatchedStatements []MatchedStatement
	// MissingContextValues are condition keys the policies need and the
	// simulation was not given.
	MissingContextValues []string
	// EvalDecisionDetails summarise, for cross-account simulations, how
	// each policy type contributed; nil when absent.
	EvalDecisionDetails map[string]string
	// AllowedByOrganizations is nil unless the answer carries an
	// OrganizationsDecisionDetail.
	AllowedByOrganizations *bool
	// AllowedByPermissionsBoundary is nil unless the answer carries a
	// PermissionsBoundaryDecisionDetail.
	AllowedByPermissionsBoundary *bool
	// ResourceSpecificResults give the decision per resource.
	ResourceSpecificResults []ResourceSpecificResult

	source
}

// Allowed reports whether the decision is DecisionAllowed.
func (r *EvaluationResult) Allowed() bool { return r.EvalDecision == DecisionAllowed }

// ResourceSpecificResult is the simulator's answer for one action on one
// resource.
type ResourceSpecificResult struct {
	EvalResourceName             string
	EvalResourceDecision         string
	MatchedStatements            []MatchedStatement
	MissingContextValues         []string
	EvalDecisionDetails          map[string]string
	AllowedByPermissionsBoundary *bool
}

// SimulatePolicyOutput is one page of SimulatePrincipalPolicy or
// SimulateCustomPolicy.
type SimulatePolicyOutput struct {
	EvaluationResults []EvaluationResult
	PageInfo
	source
}

// SimulatePrincipalPolicy simulates actionNames against the policies of
// a user, group or role (policySourceARN), plus any in opts. It returns
// one page; SimulatePrincipalPolicyAll walks them all.
func (c *Client) SimulatePrincipalPolicy(ctx context.Context, policySourceARN string, actionNames []string, opts *SimulatePrincipalPolicyOptions) (*SimulatePolicyOutput, error) {
	const action = "SimulatePrincipalPolicy"
	o := orDefaults(opts)
	p := Params{}
	arnErr := checkARN("PolicySourceArn", policySourceARN)
	if policySourceARN == "" {
		arnErr = invalid("PolicySourceArn", "", requiredRule+"; "+arnRule)
	}
	if err := checkAll(arnErr, checkPolicyJSONList("PolicyInputList", o.PolicyInputList), o.encode(p, actionNames)); err != nil {
		return nil, validationFailed(action, err)
	}
	p["PolicySourceArn"] = policySourceARN
	setList(p, "PolicyInputList", o.PolicyInputList)
	return c.simulate(ctx, action, p)
}

// SimulatePrincipalPolicyAll iterates over every evaluation result of
// SimulatePrincipalPolicy.
func (c *Client) SimulatePrincipalPolicyAll(ctx context.Context, policySourceARN string, actionNames []string, opts *SimulatePrincipalPolicyOptions) iter.Seq2[EvaluationResult, error] {
	return allPages(ctx, "SimulatePrincipalPolicy", opts, pageOf(bind2(c.SimulatePrincipalPolicy, policySourceARN, actionNames), func(o *SimulatePolicyOutput) []EvaluationResult { return o.EvaluationResults }))
}

// SimulateCustomPolicy simulates actionNames against the given policy
// documents only. It returns one page; SimulateCustomPolicyAll walks them
// all. To pass documents as JSON text, use SimulateCustomPolicyJSON.
func (c *Client) SimulateCustomPolicy(ctx context.Context, policies []*PolicyDocument, actionNames []string, opts *SimulateOptions) (*SimulatePolicyOutput, error) {
	texts, err := policyTexts(policies)
	if err != nil {
		return nil, validationFailed("SimulateCustomPolicy", err)
	}
	return c.SimulateCustomPolicyJSON(ctx, texts, actionNames, opts)
}

// SimulateCustomPolicyJSON is SimulateCustomPolicy for documents given as
// JSON text; each must at least parse as a policy.
func (c *Client) SimulateCustomPolicyJSON(ctx context.Context, policies []string, actionNames []string, opts *SimulateOptions) (*SimulatePolicyOutput, error) {
	const action = "SimulateCustomPolicy"
	o := orDefaults(opts)
	p := Params{}
	listErr := checkPolicyJSONList("PolicyInputList", policies)
	if len(policies) == 0 {
		listErr = invalid("PolicyInputList", "", "at least one policy is required")
	}
	if err := checkAll(listErr, o.encode(p, actionNames)); err != nil {
		return nil, validationFailed(action, err)
	}
	p["PolicyInputList"] = policies
	return c.simulate(ctx, action, p)
}

// SimulateCustomPolicyAll iterates over every evaluation result of
// SimulateCustomPolicy.
func (c *Client) SimulateCustomPolicyAll(ctx context.Context, policies []*PolicyDocument, actionNames []string, opts *SimulateOptions) iter.Seq2[EvaluationResult, error] {
	return allPages(ctx, "SimulateCustomPolicy", opts, pageOf(bind2(c.SimulateCustomPolicy, policies, actionNames), func(o *SimulatePolicyOutput) []EvaluationResult { return o.EvaluationResults }))
}

// policyTexts marshals documents for a simulation. The simulator takes
// any kind of policy, so only the shape is checked, not a kind's quota.
func policyTexts(docs []*PolicyDocument) ([]string, error) {
	out := make([]string, len(docs))
	for i, d := range docs {
		field := fmt.Sprintf("PolicyInputList[%d]", i)
		if d == nil {
			return nil, invalid(field, "", requiredRule)
		}
		b, err := d.MarshalJSON()
		if err != nil {
			return nil, invalid(field, "", "invalid policy: "+strings.TrimPrefix(err.Error(), "policy: "))
		}
		out[i] = string(b)
	}
	return out, nil
}

// checkPolicyJSONList checks that each document parses as a policy.
func checkPolicyJSONList(field string, docs []string) error {
	for i, d := range docs {
		f := fmt.Sprintf("%s[%d]", field, i)
		if d == "" {
			return invalid(f, "", requiredRule)
		}
		if err := checkPolicyJSON(f, d); err != nil {
			return err
		}
	}
	return nil
}

// checkPolicyJSON checks that an optional document parses as a policy.
func checkPolicyJSON(field, doc string) error {
	if doc == "" {
		return nil
	}
	if _, err := policy.Parse([]byte(doc)); err != nil {
		return invalid(field, "", "invalid policy: "+strings.TrimPrefix(err.Error(), "policy: "))
	}
	return nil
}

// encode checks the shared settings and adds them, with the action names,
// to p. Context entries are nested lists, which Params has no value type
// for, so their keys are written in wire form:
// ContextEntries.member.N.ContextKeyValues.member.M.
func (o *SimulateOptions) encode(p Params, actionNames []string) error {
	if len(actionNames) == 0 {
		return invalid("ActionNames", "", "at least one action name is required")
	}
	for i, a := range actionNames {
		if len(a) < 3 || len(a) > 128 {
			return invalid(fmt.Sprintf("ActionNames[%d]", i), a, "must be 3-128 characters, e.g. s3:GetObject")
		}
	}
	if err := checkAll(
		checkPolicyJSONList("PermissionsBoundaryPolicyInputList", o.PermissionsBoundaryPolicyInputList),
		checkPolicyJSON("ResourcePolicy", o.ResourcePolicy),
		o.params(p),
	); err != nil {
		return err
	}
	for i, r := range o.ResourceArns {
		if r == "" {
			return invalid(fmt.Sprintf("ResourceArns[%d]", i), "", "must not be empty")
		}
	}
	for i, e := range o.ContextEntries {
		if n := utf8.RuneCountInString(e.Key); n < 5 || n > 256 {
			return invalid(fmt.Sprintf("ContextEntries[%d].ContextKeyName", i), e.Key, "must be 5-256 characters, a full key name such as aws:SourceIp")
		}
		if err := checkOneOf(fmt.Sprintf("ContextEntries[%d].ContextKeyType", i), e.Type, contextKeyTypes...); err != nil {
			return err
		}
		p[query.MemberKey("ContextEntries", i, "ContextKeyName")] = e.Key
		setString(p, query.MemberKey("ContextEntries", i, "ContextKeyType"), e.Type)
		values := query.MemberKey("ContextEntries", i, "ContextKeyValues")
		for j, v := range e.Values {
			p[query.MemberKey(values, j, "")] = v
		}
	}
	p["ActionNames"] = actionNames
	setList(p, "PermissionsBoundaryPolicyInputList", o.PermissionsBoundaryPolicyInputList)
	setList(p, "ResourceArns", o.ResourceArns)
	setString(p, "ResourcePolicy", o.ResourcePolicy)
	setString(p, "ResourceOwner", o.ResourceOwner)
	setString(p, "CallerArn", o.CallerArn)
	setString(p, "ResourceHandlingOption", o.ResourceHandlingOption)
	return nil
}

func (c *Client) simulate(ctx context.Context, action string, p Params) (*SimulatePolicyOutput, error) {
	pg, err := listPage(ctx, c, action, p, "EvaluationResults", readEvaluationResult)
	if err != nil {
		return nil, err
	}
	return &SimulatePolicyOutput{EvaluationResults: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

func readEvaluationResult(n Node, resp *Response) (EvaluationResult, error) {
	f := fields{n: n}
	r := EvaluationResult{
		EvalActionName:   f.str("EvalActionName"),
		EvalResourceName: f.str("EvalResourceName"),
		EvalDecision:     f.str("EvalDecision"),
		source:           source{node: n, resp: resp},
	}
	if !n.Path("EvalDecision").Exists() {
		return r, errNotFound(n, "EvalDecision")
	}
	r.MatchedStatements = readMatchedStatements(&f)
	r.MissingContextValues = fieldStrings(&f, "MissingContextValues")
	r.EvalDecisionDetails = readDecisionDetails(n.Path("EvalDecisionDetails"))
	r.AllowedByOrganizations = optionalBool(&f, "OrganizationsDecisionDetail.AllowedByOrganizations")
	r.AllowedByPermissionsBoundary = optionalBool(&f, "PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary")
	if rs := n.Path("ResourceSpecificResults"); rs.Exists() && f.err == nil {
		if !rs.IsList() {
			return r, fmt.Errorf("iam: response element %s.ResourceSpecificResults is not a list", n.Name())
		}
		members := rs.Members()
		r.ResourceSpecificResults = make([]ResourceSpecificResult, len(members))
		for i, m := range members {
			mf := fields{n: m}
			r.ResourceSpecificResults[i] = ResourceSpecificResult{
				EvalResourceName:             mf.str("EvalResourceName"),
				EvalResourceDecision:         mf.str("EvalResourceDecision"),
				MatchedStatements:            readMatchedStatements(&mf),
				MissingContextValues:         fieldStrings(&mf, "MissingContextValues"),
				EvalDecisionDetails:          readDecisionDetails(m.Path("EvalDecisionDetails")),
				AllowedByPermissionsBoundary: optionalBool(&mf, "PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary"),
			}
			if mf.err != nil {
				return r, fmt.Errorf("ResourceSpecificResults[%d]: %w", i, mf.err)
			}
		}
	}
	return r, f.err
}

// readMatchedStatements reads an optional MatchedStatements list.
func readMatchedStatements(f *fields) []MatchedStatement {
	c := f.n.Path("MatchedStatements")
	if !c.Exists() || f.err != nil {
		return nil
	}
	if !c.IsList() {
		f.err = fmt.Errorf("iam: response element %s.MatchedStatements is not a list", f.n.Name())
		return nil
	}
	members := c.Members()
	out := make([]MatchedStatement, len(members))
	for i, m := range members {
		mf := fields{n: m}
		out[i] = MatchedStatement{
			SourcePolicyID:   mf.str("SourcePolicyId"),
			SourcePolicyType: mf.str("SourcePolicyType"),
			StartPosition:    Position{Line: fieldInt(&mf, "StartPosition.Line"), Column: fieldInt(&mf, "StartPosition.Column")},
			EndPosition:      Position{Line: fieldInt(&mf, "EndPosition.Line"), Column: fieldInt(&mf, "EndPosition.Column")},
		}
		if mf.err != nil && f.err == nil {
			f.err = fmt.Errorf("MatchedStatements[%d]: %w", i, mf.err)
		}
	}
	return out
}

// readDecisionDetails reads an EvalDecisionDetails map, sent as
// entry/key/value elements; nil when absent.
func readDecisionDetails(n Node) map[string]string {
	if !n.Exists() {
		return nil
	}
	out := map[string]string{}
	for _, e := range n.Children() {
		if e.Name() == "entry" {
			out[e.Path("key").String()] = e.Path("value").String()
		}
	}
	return out
}

// optionalBool reads a boolean that may be absent, keeping "absent"
// apart from false.
func optionalBool(f *fields, path string) *bool {
	c := f.n.Path(path)
	if !c.Exists() || f.err != nil {
		return nil
	}
	v, err := c.ParseBool()
	if err != nil {
		f.err = err
		return nil
	}
	return &v
}
