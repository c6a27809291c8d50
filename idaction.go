package iam

import "context"

// Many actions take one identifier and answer no result (DeleteUser,
// DeleteRole, DeletePolicy, CreateAccountAlias, SendDelegationToken, ...):
// they differ only in the identifier's parameter name and rule, so each
// is one line over idAction.

// idCheck validates a resource identifier argument named field.
type idCheck func(field, value string) error

// idAction sends action with id, checked by check, as its only parameter
// idParam.
func (c *Client) idAction(ctx context.Context, action, idParam, id string, check idCheck) error {
	if err := check(idParam, id); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{idParam: id})
	return err
}
