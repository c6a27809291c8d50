package iam

import "context"

// ContextKeysOutput is the answer of GetContextKeysForCustomPolicy and
// GetContextKeysForPrincipalPolicy: the condition keys the policies
// reference, which a simulation can be given values for (see
// ContextEntry).
type ContextKeysOutput struct {
	// ContextKeyNames are keys such as "aws:SourceIp" or "s3:prefix";
	// empty when the policies have no conditions.
	ContextKeyNames []string

	source
}

// GetContextKeysForCustomPolicy lists the condition keys the given
// policies use. To pass documents as JSON text, use
// GetContextKeysForCustomPolicyJSON.
func (c *Client) GetContextKeysForCustomPolicy(ctx context.Context, policies []*PolicyDocument) (*ContextKeysOutput, error) {
	texts, err := policyTexts(policies)
	if err != nil {
		return nil, validationFailed("GetContextKeysForCustomPolicy", err)
	}
	return c.GetContextKeysForCustomPolicyJSON(ctx, texts)
}

// GetContextKeysForCustomPolicyJSON is GetContextKeysForCustomPolicy for
// documents given as JSON text; each must at least parse as a policy.
func (c *Client) GetContextKeysForCustomPolicyJSON(ctx context.Context, policies []string) (*ContextKeysOutput, error) {
	const action = "GetContextKeysForCustomPolicy"
	listErr := checkPolicyJSONList("PolicyInputList", policies)
	if len(policies) == 0 {
		listErr = invalid("PolicyInputList", "", "at least one policy is required")
	}
	if listErr != nil {
		return nil, validationFailed(action, listErr)
	}
	return c.contextKeys(ctx, action, Params{"PolicyInputList": policies})
}

// GetContextKeysForPrincipalPolicyOptions are the optional settings of
// GetContextKeysForPrincipalPolicy.
type GetContextKeysForPrincipalPolicyOptions struct {
	// PolicyInputList are extra policies (JSON) whose keys are listed with
	// the principal's own.
	PolicyInputList []string
}

// GetContextKeysForPrincipalPolicy lists the condition keys of every
// policy of a user, group or role (for a user, its groups' policies too),
// plus those of opts.PolicyInputList.
func (c *Client) GetContextKeysForPrincipalPolicy(ctx context.Context, policySourceARN string, opts *GetContextKeysForPrincipalPolicyOptions) (*ContextKeysOutput, error) {
	const action = "GetContextKeysForPrincipalPolicy"
	o := orDefaults(opts)
	if err := checkAll(
		checkRequiredARN("PolicySourceArn", policySourceARN),
		checkPolicyJSONList("PolicyInputList", o.PolicyInputList),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"PolicySourceArn": policySourceARN}
	setList(p, "PolicyInputList", o.PolicyInputList)
	return c.contextKeys(ctx, action, p)
}

func (c *Client) contextKeys(ctx context.Context, action string, p Params) (*ContextKeysOutput, error) {
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	out := &ContextKeysOutput{ContextKeyNames: fieldStrings(&f, "ContextKeyNames"), source: source{result, resp}}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	if out.ContextKeyNames == nil {
		// The element is optional in the API reference: missing means no
		// keys, given as an empty list like an empty element.
		out.ContextKeyNames = []string{}
	}
	return out, nil
}
