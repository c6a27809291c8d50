package iam

import (
	"context"
	"fmt"

	"github.com/iamkit/iam/internal/query"
)

// Delegation requests: an AWS partner asks a customer for temporary
// access (CreateDelegationRequest, partners only, after onboarding); the
// customer associates the request with an identity, accepts it, and sends
// the partner the exchange token. Parameters the API reference gives no
// rule for (RequestorWorkflowId, RequestMessage, RedirectUrl) are sent as
// they are and left to IAM to judge.

// PolicyParameter gives a value to a parameter of a delegation's policy
// template.
type PolicyParameter struct {
	// Name is 5-256 printable ASCII characters.
	Name string
	// Values are the parameter's allowed values, printable ASCII.
	Values []string
	// Type is PolicyParameterString or PolicyParameterStringList.
	Type string
}

// The values of PolicyParameter.Type.
const (
	PolicyParameterString     = "string"
	PolicyParameterStringList = "stringList"
)

// DelegationPermission is what a delegation request asks for: a policy
// template the partner registered and the values of its parameters.
type DelegationPermission struct {
	PolicyTemplateARN string
	// Parameters are at most 50.
	Parameters []PolicyParameter
}

// CreateDelegationRequestInput is what CreateDelegationRequest sends.
// Description, Permissions, RequestorWorkflowID, NotificationChannel and
// SessionDuration are required.
type CreateDelegationRequestInput struct {
	// Description is at most 1000 characters, shown to the customer.
	Description string
	Permissions DelegationPermission
	// RequestorWorkflowID is the partner's own ID for its workflow.
	RequestorWorkflowID string
	// NotificationChannel is the ARN of the SNS topic that receives the
	// request's updates and its exchange token.
	NotificationChannel string
	// SessionDuration is how long, in seconds, the delegated session
	// lasts.
	SessionDuration int
	// OwnerAccountID limits the request to one account; empty lets any
	// account associate it.
	OwnerAccountID string
	// RequestMessage is a note to the customer for this request.
	RequestMessage string
	// RedirectURL is where the console sends the customer back to.
	RedirectURL string
	// OnlySendByOwner lets only the owner call SendDelegationToken; false
	// is not sent.
	OnlySendByOwner bool
}

// CreateDelegationRequestOutput is the answer of CreateDelegationRequest.
type CreateDelegationRequestOutput struct {
	DelegationRequestID string
	// ConsoleDeepLink is the console page where the customer reviews the
	// request; a partner sends the customer there.
	ConsoleDeepLink string

	source
}

// CreateDelegationRequest files a delegation request on behalf of an AWS
// partner. IAM accepts it only from onboarded partners.
func (c *Client) CreateDelegationRequest(ctx context.Context, in *CreateDelegationRequestInput) (*CreateDelegationRequestOutput, error) {
	const action = "CreateDelegationRequest"
	o := orDefaults(in)
	p := Params{}
	if err := o.encode(p); err != nil {
		return nil, validationFailed(action, err)
	}
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	out := &CreateDelegationRequestOutput{
		DelegationRequestID: result.Path("DelegationRequestId").String(),
		ConsoleDeepLink:     result.Path("ConsoleDeepLink").String(),
		source:              source{result, resp},
	}
	if out.DelegationRequestID == "" {
		return nil, decodeFailed(action, resp, errNotFound(result, "DelegationRequestId"))
	}
	return out, nil
}

// encode checks the input and writes its parameters, the permissions in
// wire form (Permissions.Parameters.member.N.Values.member.M), which
// Params has no value type for.
func (in *CreateDelegationRequestInput) encode(p Params) error {
	descErr := checkDescription("Description", in.Description)
	if in.Description == "" {
		descErr = invalid("Description", "", requiredRule+"; "+descriptionRule)
	}
	ownerErr := error(nil)
	if in.OwnerAccountID != "" && !isAccountID(in.OwnerAccountID) {
		ownerErr = invalid("OwnerAccountId", in.OwnerAccountID, "must be a 12-digit account ID")
	}
	workflowErr := error(nil)
	if in.RequestorWorkflowID == "" {
		workflowErr = invalid("RequestorWorkflowId", "", requiredRule)
	}
	durationErr := error(nil)
	if in.SessionDuration <= 0 {
		durationErr = invalid("SessionDuration", fmt.Sprint(in.SessionDuration), requiredRule+" (seconds, more than 0)")
	}
	if err := checkAll(
		descErr,
		checkDelegationPermission(in.Permissions),
		workflowErr,
		checkNotificationChannel(in.NotificationChannel),
		durationErr,
		ownerErr,
	); err != nil {
		return err
	}
	p["Description"] = in.Description
	p["RequestorWorkflowId"] = in.RequestorWorkflowID
	p["NotificationChannel"] = in.NotificationChannel
	p["SessionDuration"] = in.SessionDuration
	setString(p, "OwnerAccountId", in.OwnerAccountID)
	setString(p, "RequestMessage", in.RequestMessage)
	setString(p, "RedirectUrl", in.RedirectURL)
	if in.OnlySendByOwner {
		p["OnlySendByOwner"] = true
	}
	setString(p, "Permissions.PolicyTemplateArn", in.Permissions.PolicyTemplateARN)
	for i, pp := range in.Permissions.Parameters {
		setString(p, query.MemberKey("Permissions.Parameters", i, "Name"), pp.Name)
		setString(p, query.MemberKey("Permissions.Parameters", i, "Type"), pp.Type)
		values := query.MemberKey("Permissions.Parameters", i, "Values")
		for j, v := range pp.Values {
			p[query.MemberKey(values, j, "")] = v
		}
	}
	return nil
}

// AcceptDelegationRequest accepts a delegation request: the calling
// identity is the one the delegated credentials will map to. The token
// still has to be sent with SendDelegationToken.
func (c *Client) AcceptDelegationRequest(ctx context.Context, delegationRequestID string) error {
	return c.idAction(ctx, "AcceptDelegationRequest", "DelegationRequestId", delegationRequestID, checkDelegationRequestID)
}

// AssociateDelegationRequest makes the calling identity the owner of a
// delegation request (and, when the partner named no account, its account
// the request's account).
func (c *Client) AssociateDelegationRequest(ctx context.Context, delegationRequestID string) error {
	return c.idAction(ctx, "AssociateDelegationRequest", "DelegationRequestId", delegationRequestID, checkDelegationRequestID)
}

// SendDelegationToken sends the partner the exchange token of an accepted
// delegation request, which then becomes FINALIZED for good.
func (c *Client) SendDelegationToken(ctx context.Context, delegationRequestID string) error {
	return c.idAction(ctx, "SendDelegationToken", "DelegationRequestId", delegationRequestID, checkDelegationRequestID)
}

func checkDelegationRequestID(field, id string) error {
	if !checkChars(id, 16, 128, func(b byte) bool { return isWordByte(b) || b == '-' }) {
		return invalid(field, id, delegationRequestIDRule)
	}
	return nil
}

// Rules of the IAM API reference for delegation arguments.
const (
	delegationRequestIDRule = `is required and must match [\w-]+ (16-128 characters)`
	notificationChannelRule = `must match [a-zA-Z0-9:_.-]+ (2-400 characters), an SNS topic ARN`
	policyParamNameRule     = `must be 5-256 printable ASCII characters`
	policyParamValueRule    = `must be printable ASCII (at least one character)`
	maxPolicyParameters     = 50
)

func checkNotificationChannel(ch string) error {
	ok := checkChars(ch, 2, 400, func(b byte) bool {
		return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == ':' || b == '_' || b == '.' || b == '-'
	})
	if !ok {
		if ch == "" {
			return invalid("NotificationChannel", ch, requiredRule+"; "+notificationChannelRule)
		}
		return invalid("NotificationChannel", ch, notificationChannelRule)
	}
	return nil
}

func isPrintableASCII(b byte) bool { return ' ' <= b && b <= '~' }

func checkDelegationPermission(perm DelegationPermission) error {
	if perm.PolicyTemplateARN == "" && len(perm.Parameters) == 0 {
		return invalid("Permissions", "", requiredRule+" (a PolicyTemplateARN, Parameters or both)")
	}
	if perm.PolicyTemplateARN != "" {
		if err := checkARN("Permissions.PolicyTemplateArn", perm.PolicyTemplateARN); err != nil {
			return err
		}
	}
	if len(perm.Parameters) > maxPolicyParameters {
		return invalid("Permissions.Parameters", "", fmt.Sprintf("at most %d parameters, got %d", maxPolicyParameters, len(perm.Parameters)))
	}
	for i, pp := range perm.Parameters {
		field := fmt.Sprintf("Permissions.Parameters[%d]", i)
		if pp.Name != "" && !checkChars(pp.Name, 5, 256, isPrintableASCII) {
			return invalid(field+".Name", pp.Name, policyParamNameRule)
		}
		if err := checkOneOf(field+".Type", pp.Type, PolicyParameterString, PolicyParameterStringList); err != nil {
			return err
		}
		for j, v := range pp.Values {
			if !checkChars(v, 1, len(v), isPrintableASCII) {
				return invalid(fmt.Sprintf("%s.Values[%d]", field, j), v, policyParamValueRule)
			}
		}
	}
	return nil
}
