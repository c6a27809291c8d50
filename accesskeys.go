package iam

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"time"
)

// Status is whether a credential (access key, signing certificate, SSH
// key, service credential) can be used.
type Status string

// The statuses IAM knows.
const (
	StatusActive   Status = "Active"
	StatusInactive Status = "Inactive"
)

func checkStatus(s Status) error {
	if s != StatusActive && s != StatusInactive {
		return invalid("Status", string(s), `must be "Active" or "Inactive"`)
	}
	return nil
}

// AccessKey is a new access key as CreateAccessKey returns it: the only
// time IAM reveals the secret.
//
// The secret is kept out of every printed and logged form: String,
// GoString, every fmt verb (%v, %+v, %#v, %s, ...), slog (LogValue) and
// encoding/json all show it redacted. Read it with Secret.
type AccessKey struct {
	UserName    string
	AccessKeyID string
	Status      Status
	CreateDate  time.Time

	secret string
	source
}

// Secret returns the secret access key. Store it at once; IAM never shows
// it again.
func (k AccessKey) Secret() string { return k.secret }

// String shows the key with its secret redacted.
func (k AccessKey) String() string {
	return fmt.Sprintf("{UserName:%s AccessKeyID:%s Status:%s CreateDate:%s SecretAccessKey:%s}",
		k.UserName, k.AccessKeyID, k.Status, k.CreateDate.Format(time.RFC3339), redacted)
}

// GoString is String for %#v, so that the secret stays hidden there too.
func (k AccessKey) GoString() string { return "iam.AccessKey" + k.String() }

// Format makes every fmt verb print the redacted form; without it %+v and
// %#v would walk the struct fields.
func (k AccessKey) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = fmt.Fprint(f, k.GoString())
		return
	}
	_, _ = fmt.Fprint(f, k.String())
}

// LogValue logs the key without its secret.
func (k AccessKey) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("user_name", k.UserName),
		slog.String("access_key_id", k.AccessKeyID),
		slog.String("status", string(k.Status)),
		slog.Time("create_date", k.CreateDate),
		slog.String("secret_access_key", redacted),
	)
}

// MarshalJSON writes the key with its secret redacted, so that dumping a
// result as JSON cannot leak it either.
func (k AccessKey) MarshalJSON() ([]byte, error) {
	type shown struct {
		UserName        string
		AccessKeyID     string
		Status          Status
		CreateDate      time.Time
		SecretAccessKey string
	}
	return json.Marshal(shown{k.UserName, k.AccessKeyID, k.Status, k.CreateDate, redacted})
}

// AccessKeyMetadata describes an access key without its secret, as
// ListAccessKeys returns it.
type AccessKeyMetadata struct {
	UserName    string
	AccessKeyID string
	Status      Status
	CreateDate  time.Time

	source
}

func readAccessKeyMetadata(n Node, resp *Response) (AccessKeyMetadata, error) {
	f := fields{n: n}
	m := AccessKeyMetadata{source: source{node: n, resp: resp}}
	for c := n.firstChild(); c.Exists(); c = c.nextSibling() {
		switch c.Name() {
		case "UserName":
			m.UserName = c.String()
		case "AccessKeyId":
			m.AccessKeyID = c.String()
		case "Status":
			m.Status = Status(c.String())
		case "CreateDate":
			m.CreateDate = f.timeOf(c)
		}
	}
	return m, f.err
}

// CreateAccessKey creates an access key for a user; an empty userName
// means the user whose credentials sign the request, and then no UserName
// is sent. IAM allows two keys per user (ErrLimitExceeded beyond).
func (c *Client) CreateAccessKey(ctx context.Context, userName string) (*AccessKey, error) {
	const action = "CreateAccessKey"
	if err := checkOptionalUserName(userName); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{}
	setString(p, "UserName", userName)
	return callElement(ctx, c, action, p, "AccessKey", readAccessKey)
}

// readAccessKey reads the AccessKey element of CreateAccessKey's result;
// the secret must be there.
func readAccessKey(n Node, resp *Response) (AccessKey, error) {
	m, err := readAccessKeyMetadata(n, resp)
	if err != nil {
		return AccessKey{}, err
	}
	secret := n.Path("SecretAccessKey")
	if !secret.Exists() {
		return AccessKey{}, errNotFound(n, "SecretAccessKey")
	}
	return AccessKey{
		UserName:    m.UserName,
		AccessKeyID: m.AccessKeyID,
		Status:      m.Status,
		CreateDate:  m.CreateDate,
		secret:      secret.String(),
		source:      m.source,
	}, nil
}

// ListAccessKeysOutput is one page of ListAccessKeys.
type ListAccessKeysOutput struct {
	AccessKeyMetadata []AccessKeyMetadata
	PageInfo
	source
}

// ListAccessKeys returns one page of a user's access keys; an empty
// userName means the caller.
func (c *Client) ListAccessKeys(ctx context.Context, userName string, opts *PageOptions) (*ListAccessKeysOutput, error) {
	const action = "ListAccessKeys"
	p := Params{}
	if err := addPageParams(p, action, "UserName", userName, optionalUserNameCheck, opts); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "AccessKeyMetadata", readAccessKeyMetadata)
	if err != nil {
		return nil, err
	}
	return &ListAccessKeysOutput{AccessKeyMetadata: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListAccessKeysAll iterates over every access key of a user (an empty
// userName means the caller).
func (c *Client) ListAccessKeysAll(ctx context.Context, userName string, opts *PageOptions) iter.Seq2[AccessKeyMetadata, error] {
	return allPages(ctx, "ListAccessKeys", opts, pageOf(bind(c.ListAccessKeys, userName), func(o *ListAccessKeysOutput) []AccessKeyMetadata { return o.AccessKeyMetadata }))
}

// accessKeyCredential names an access key in the actions on one key.
var accessKeyCredential = credentialKind{idParam: "AccessKeyId", checkID: checkAccessKeyID}

// UpdateAccessKey activates or deactivates an access key; an empty
// userName means the caller.
func (c *Client) UpdateAccessKey(ctx context.Context, userName, accessKeyID string, status Status) error {
	return c.setCredentialStatus(ctx, "UpdateAccessKey", accessKeyCredential, userName, accessKeyID, status)
}

// DeleteAccessKey deletes an access key; an empty userName means the
// caller.
func (c *Client) DeleteAccessKey(ctx context.Context, userName, accessKeyID string) error {
	return c.credentialAction(ctx, "DeleteAccessKey", accessKeyCredential, userName, accessKeyID)
}

// AccessKeyLastUsed is what GetAccessKeyLastUsed reports about a key.
type AccessKeyLastUsed struct {
	// UserName owns the key.
	UserName string
	// LastUsedDate is zero when the key was never used (or not since IAM
	// began tracking, April 2015).
	LastUsedDate time.Time
	// ServiceName and Region are "N/A" when the key was never used.
	ServiceName string
	Region      string

	source
}

// GetAccessKeyLastUsed reports when, where and with which service an
// access key was last used.
func (c *Client) GetAccessKeyLastUsed(ctx context.Context, accessKeyID string) (*AccessKeyLastUsed, error) {
	const action = "GetAccessKeyLastUsed"
	if err := checkAccessKeyID(accessKeyID); err != nil {
		return nil, validationFailed(action, err)
	}
	resp, result, err := c.callResult(ctx, action, Params{"AccessKeyId": accessKeyID})
	if err != nil {
		return nil, err
	}
	used := result.Path("AccessKeyLastUsed")
	if !used.Exists() {
		return nil, decodeFailed(action, resp, errNotFound(result, "AccessKeyLastUsed"))
	}
	f := fields{n: used}
	out := &AccessKeyLastUsed{
		UserName:     result.Path("UserName").String(),
		LastUsedDate: f.time("LastUsedDate"),
		ServiceName:  f.str("ServiceName"),
		Region:       f.str("Region"),
		source:       source{result, resp},
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	return out, nil
}
