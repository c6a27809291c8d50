package iam

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	delegationID = "dr-0123456789abcdef0"
	snsTopic     = "arn:aws:sns:us-east-1:111122223333:partner-updates"
	templateARN  = "arn:aws:iam::aws:delegation-template/partner/ExampleTemplate"
)

// minimalDelegation is a request with only the required fields set.
func minimalDelegation() *CreateDelegationRequestInput {
	return &CreateDelegationRequestInput{
		Description:         "Read access for the backup service",
		Permissions:         DelegationPermission{PolicyTemplateARN: templateARN},
		RequestorWorkflowID: "wf-42",
		NotificationChannel: snsTopic,
		SessionDuration:     3600,
	}
}

// minimalForm is the form minimalDelegation sends.
func minimalForm() url.Values {
	return form("CreateDelegationRequest",
		"Description", "Read access for the backup service",
		"Permissions.PolicyTemplateArn", templateARN,
		"RequestorWorkflowId", "wf-42",
		"NotificationChannel", snsTopic,
		"SessionDuration", "3600")
}

func TestCreateDelegationRequest(t *testing.T) {
	ctx := context.Background()
	t.Run("required fields only", func(t *testing.T) {
		c, _ := expectForm(t, minimalForm(), 200, typedFixture(t, "createdelegationrequest.xml"))
		out, err := c.CreateDelegationRequest(ctx, minimalDelegation())
		require.NoError(t, err)
		assert.Equal(t, delegationID, out.DelegationRequestID)
		assert.Equal(t, "https://console.aws.amazon.com/iam/home#/delegation-requests/"+delegationID, out.ConsoleDeepLink)
		assert.Equal(t, "9c2f0a41-0000-4000-8000-typed2cEXAMPLE", out.Response().RequestID())
	})
	t.Run("every field, parameters in wire form", func(t *testing.T) {
		in := minimalDelegation()
		in.OwnerAccountID = "111122223333"
		in.RequestMessage = "Second attempt"
		in.RedirectURL = "https://partner.example.com/return"
		in.OnlySendByOwner = true
		in.Permissions.Parameters = []PolicyParameter{
			{Name: "BucketName", Values: []string{"backups"}, Type: PolicyParameterString},
			{Name: "Prefixes", Values: []string{"daily/", "weekly/"}, Type: PolicyParameterStringList},
		}
		c, _ := expectForm(t, form("CreateDelegationRequest",
			"Description", "Read access for the backup service",
			"Permissions.PolicyTemplateArn", templateARN,
			"Permissions.Parameters.member.1.Name", "BucketName",
			"Permissions.Parameters.member.1.Type", "string",
			"Permissions.Parameters.member.1.Values.member.1", "backups",
			"Permissions.Parameters.member.2.Name", "Prefixes",
			"Permissions.Parameters.member.2.Type", "stringList",
			"Permissions.Parameters.member.2.Values.member.1", "daily/",
			"Permissions.Parameters.member.2.Values.member.2", "weekly/",
			"RequestorWorkflowId", "wf-42",
			"NotificationChannel", snsTopic,
			"SessionDuration", "3600",
			"OwnerAccountId", "111122223333",
			"RequestMessage", "Second attempt",
			"RedirectUrl", "https://partner.example.com/return",
			"OnlySendByOwner", "true"), 200, typedFixture(t, "createdelegationrequest.xml"))
		_, err := c.CreateDelegationRequest(ctx, in)
		require.NoError(t, err)
	})
	t.Run("missing DelegationRequestId is an error", func(t *testing.T) {
		c, _ := expectForm(t, minimalForm(), 200, `<R><CreateDelegationRequestResult><ConsoleDeepLink>x</ConsoleDeepLink></CreateDelegationRequestResult></R>`)
		_, err := c.CreateDelegationRequest(ctx, minimalDelegation())
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "DelegationRequestId")
	})

	with := func(f func(in *CreateDelegationRequestInput)) *CreateDelegationRequestInput {
		in := minimalDelegation()
		f(in)
		return in
	}
	refused := map[string]struct {
		in    *CreateDelegationRequestInput
		field string
	}{
		"nil input":            {nil, "Description"},
		"no description":       {with(func(in *CreateDelegationRequestInput) { in.Description = "" }), "Description"},
		"long description":     {with(func(in *CreateDelegationRequestInput) { in.Description = strings.Repeat("d", 1001) }), "Description"},
		"no permissions":       {with(func(in *CreateDelegationRequestInput) { in.Permissions = DelegationPermission{} }), "Permissions"},
		"template not an ARN":  {with(func(in *CreateDelegationRequestInput) { in.Permissions.PolicyTemplateARN = "ExampleTemplate-not-arn" }), "Permissions.PolicyTemplateArn"},
		"short parameter name": {with(func(in *CreateDelegationRequestInput) { in.Permissions.Parameters = []PolicyParameter{{Name: "Bkt"}} }), "Permissions.Parameters[0].Name"},
		"bad parameter type": {with(func(in *CreateDelegationRequestInput) {
			in.Permissions.Parameters = []PolicyParameter{{Name: "Bucket", Type: "list"}}
		}), "Permissions.Parameters[0].Type"},
		"empty value": {with(func(in *CreateDelegationRequestInput) {
			in.Permissions.Parameters = []PolicyParameter{{Name: "Bucket", Values: []string{"a", ""}}}
		}), "Permissions.Parameters[0].Values[1]"},
		"non-ASCII value": {with(func(in *CreateDelegationRequestInput) {
			in.Permissions.Parameters = []PolicyParameter{{Name: "Bucket", Values: []string{"bücher"}}}
		}), "Permissions.Parameters[0].Values[0]"},
		"51 parameters": {with(func(in *CreateDelegationRequestInput) {
			in.Permissions.Parameters = make([]PolicyParameter, 51)
		}), "Permissions.Parameters"},
		"no workflow":       {with(func(in *CreateDelegationRequestInput) { in.RequestorWorkflowID = "" }), "RequestorWorkflowId"},
		"no channel":        {with(func(in *CreateDelegationRequestInput) { in.NotificationChannel = "" }), "NotificationChannel"},
		"channel with /":    {with(func(in *CreateDelegationRequestInput) { in.NotificationChannel = "arn:aws:sns:x/y" }), "NotificationChannel"},
		"no duration":       {with(func(in *CreateDelegationRequestInput) { in.SessionDuration = 0 }), "SessionDuration"},
		"negative duration": {with(func(in *CreateDelegationRequestInput) { in.SessionDuration = -5 }), "SessionDuration"},
		"short owner":       {with(func(in *CreateDelegationRequestInput) { in.OwnerAccountID = "1111" }), "OwnerAccountId"},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).CreateDelegationRequest(ctx, tc.in)
			requireValidation(t, err, "CreateDelegationRequest", tc.field)
		})
	}
}

func TestDelegationRequestActions(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(c *Client, id string) error{
		"AcceptDelegationRequest":    func(c *Client, id string) error { return c.AcceptDelegationRequest(ctx, id) },
		"AssociateDelegationRequest": func(c *Client, id string) error { return c.AssociateDelegationRequest(ctx, id) },
		"SendDelegationToken":        func(c *Client, id string) error { return c.SendDelegationToken(ctx, id) },
	}
	for action, call := range calls {
		t.Run(action, func(t *testing.T) {
			c, hits := expectForm(t, form(action, "DelegationRequestId", delegationID), 200, emptyResult(action))
			require.NoError(t, call(c, delegationID))
			assert.Equal(t, int32(1), hits.Load())
		})
		t.Run(action+"/not found passes through", func(t *testing.T) {
			c, _ := expectForm(t, form(action, "DelegationRequestId", delegationID), 404, fixture(t, "errors/nosuchentity.xml"))
			assert.True(t, IsNotFound(call(c, delegationID)))
		})
		for name, id := range map[string]string{"empty": "", "short": "dr-123", "slash": "dr-0123456789/abcdef", "long": strings.Repeat("d", 129)} {
			t.Run(action+"/refused "+name, func(t *testing.T) {
				requireValidation(t, call(neverCalled(t), id), action, "DelegationRequestId")
			})
		}
	}
}
