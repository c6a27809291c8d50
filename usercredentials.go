package iam

import "context"

// credentialKind is a kind of user credential (access key, signing
// certificate, SSH public key, service-specific credential, MFA device)
// as the actions on one credential name it: the user who owns it and the
// credential's ID under its own parameter.
type credentialKind struct {
	// idParam is the parameter the ID goes under, e.g. "AccessKeyId".
	idParam string
	// checkID checks the ID and names idParam in its error.
	checkID func(id string) error
	// userRequired is set where IAM has no "the caller" default (SSH
	// keys): UserName is then required instead of optional.
	userRequired bool
}

// addParams checks userName and id, with extra, the check of any other
// argument, reported after them, and adds them to p. An empty optional
// userName means the caller and is not sent. The caller makes p, so that
// it can stay on the stack.
func (k credentialKind) addParams(p Params, userName, id string, extra error) error {
	userErr := checkOptionalUserName(userName)
	if k.userRequired {
		userErr = checkUserName("UserName", userName)
	}
	if err := checkAll(userErr, k.checkID(id), extra); err != nil {
		return err
	}
	p[k.idParam] = id
	setString(p, "UserName", userName)
	return nil
}

// credentialAction sends an action on one credential that answers no
// result, such as a Delete*.
func (c *Client) credentialAction(ctx context.Context, action string, k credentialKind, userName, id string) error {
	p := Params{}
	if err := k.addParams(p, userName, id, nil); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, p)
	return err
}

// setCredentialStatus sends an Update* action that activates or
// deactivates one credential.
func (c *Client) setCredentialStatus(ctx context.Context, action string, k credentialKind, userName, id string, status Status) error {
	p := Params{"Status": string(status)}
	if err := k.addParams(p, userName, id, checkStatus(status)); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, p)
	return err
}
