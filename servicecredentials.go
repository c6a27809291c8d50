package iam

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"time"
)

// StatusExpired is the status of a service-specific credential (a
// Bedrock or CloudWatch Logs API key) past its ExpirationDate. It is
// reported by IAM and cannot be set.
const StatusExpired Status = "Expired"

// ServiceSpecificCredential is a new or reset service-specific credential
// (a CodeCommit Git password, a Keyspaces password, a Bedrock API key), as
// CreateServiceSpecificCredential and ResetServiceSpecificCredential
// return it: the only time IAM reveals the password.
//
// The password (and the secret of an API key) are kept out of every
// printed and logged form: String, GoString, every fmt verb, slog
// (LogValue) and encoding/json show them redacted. Read them with
// ServicePassword and ServiceCredentialSecret.
type ServiceSpecificCredential struct {
	UserName    string
	ServiceName string
	// ServiceUserName is the user name to use with the password, e.g.
	// "jane-at-123456789012".
	ServiceUserName             string
	ServiceSpecificCredentialID string
	Status                      Status
	CreateDate                  time.Time
	// ExpirationDate is set only for API keys created with an expiry.
	ExpirationDate time.Time
	// ServiceCredentialAlias is the public part of an API key.
	ServiceCredentialAlias string

	password string
	secret   string
	source
}

// ServicePassword returns the generated password. Store it at once; IAM
// never shows it again.
func (s ServiceSpecificCredential) ServicePassword() string { return s.password }

// ServiceCredentialSecret returns the secret part of an API key (empty
// for password credentials).
func (s ServiceSpecificCredential) ServiceCredentialSecret() string { return s.secret }

// String shows the credential with its password and secret redacted.
func (s ServiceSpecificCredential) String() string {
	return fmt.Sprintf("{UserName:%s ServiceName:%s ServiceUserName:%s ServiceSpecificCredentialID:%s Status:%s CreateDate:%s ServicePassword:%s ServiceCredentialSecret:%s}",
		s.UserName, s.ServiceName, s.ServiceUserName, s.ServiceSpecificCredentialID, s.Status,
		s.CreateDate.Format(time.RFC3339), shownSecret(s.password != ""), shownSecret(s.secret != ""))
}

// GoString is String for %#v.
func (s ServiceSpecificCredential) GoString() string {
	return "iam.ServiceSpecificCredential" + s.String()
}

// Format makes every fmt verb print the redacted form.
func (s ServiceSpecificCredential) Format(f fmt.State, verb rune) { formatRedacted(f, verb, s) }

// LogValue logs the credential without its password.
func (s ServiceSpecificCredential) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("user_name", s.UserName),
		slog.String("service_name", s.ServiceName),
		slog.String("service_user_name", s.ServiceUserName),
		slog.String("service_specific_credential_id", s.ServiceSpecificCredentialID),
		slog.String("status", string(s.Status)),
		slog.Time("create_date", s.CreateDate),
		slog.String("service_password", shownSecret(s.password != "")),
		slog.String("service_credential_secret", shownSecret(s.secret != "")),
	)
}

// MarshalJSON writes the credential with its password and secret
// redacted.
func (s ServiceSpecificCredential) MarshalJSON() ([]byte, error) {
	type shown struct {
		UserName                    string
		ServiceName                 string
		ServiceUserName             string
		ServiceSpecificCredentialID string
		Status                      Status
		CreateDate                  time.Time
		ExpirationDate              time.Time `json:",omitzero"`
		ServiceCredentialAlias      string    `json:",omitempty"`
		ServicePassword             string
		ServiceCredentialSecret     string `json:",omitempty"`
	}
	return json.Marshal(shown{s.UserName, s.ServiceName, s.ServiceUserName, s.ServiceSpecificCredentialID,
		s.Status, s.CreateDate, s.ExpirationDate, s.ServiceCredentialAlias,
		shownSecret(s.password != ""), shownSecret(s.secret != "")})
}

// ServiceSpecificCredentialMetadata describes a service-specific
// credential without its password, as ListServiceSpecificCredentials
// returns it.
type ServiceSpecificCredentialMetadata struct {
	UserName                    string
	ServiceName                 string
	ServiceUserName             string
	ServiceSpecificCredentialID string
	Status                      Status
	CreateDate                  time.Time
	ExpirationDate              time.Time
	ServiceCredentialAlias      string

	source
}

func readServiceCredentialMetadata(n Node, resp *Response) (ServiceSpecificCredentialMetadata, error) {
	f := fields{n: n}
	m := ServiceSpecificCredentialMetadata{
		UserName:                    f.str("UserName"),
		ServiceName:                 f.str("ServiceName"),
		ServiceUserName:             f.str("ServiceUserName"),
		ServiceSpecificCredentialID: f.str("ServiceSpecificCredentialId"),
		Status:                      Status(f.str("Status")),
		CreateDate:                  f.time("CreateDate"),
		ExpirationDate:              f.time("ExpirationDate"),
		ServiceCredentialAlias:      f.str("ServiceCredentialAlias"),
		source:                      source{n, resp},
	}
	return m, f.err
}

// readServiceCredential reads the ServiceSpecificCredential element of a
// Create or Reset result; the password must be there.
func readServiceCredential(n Node, resp *Response) (ServiceSpecificCredential, error) {
	m, err := readServiceCredentialMetadata(n, resp)
	if err != nil {
		return ServiceSpecificCredential{}, err
	}
	pw, secret := n.Path("ServicePassword"), n.Path("ServiceCredentialSecret")
	if !pw.Exists() && !secret.Exists() {
		return ServiceSpecificCredential{}, errNotFound(n, "ServicePassword")
	}
	return ServiceSpecificCredential{
		UserName:                    m.UserName,
		ServiceName:                 m.ServiceName,
		ServiceUserName:             m.ServiceUserName,
		ServiceSpecificCredentialID: m.ServiceSpecificCredentialID,
		Status:                      m.Status,
		CreateDate:                  m.CreateDate,
		ExpirationDate:              m.ExpirationDate,
		ServiceCredentialAlias:      m.ServiceCredentialAlias,
		password:                    pw.String(),
		secret:                      secret.String(),
		source:                      m.source,
	}, nil
}

// CreateServiceSpecificCredentialOptions are the optional settings of
// CreateServiceSpecificCredential.
type CreateServiceSpecificCredentialOptions struct {
	// CredentialAgeDays makes an API key (Bedrock, CloudWatch Logs)
	// expire after 1 to 36600 days; 0 (not sent) never expires.
	CredentialAgeDays int
}

// CreateServiceSpecificCredential creates a credential of a user for one
// service, e.g. "codecommit.amazonaws.com" or "cassandra.amazonaws.com".
// The password is returned only now.
func (c *Client) CreateServiceSpecificCredential(ctx context.Context, userName, serviceName string, opts *CreateServiceSpecificCredentialOptions) (*ServiceSpecificCredential, error) {
	const action = "CreateServiceSpecificCredential"
	o := orDefaults(opts)
	ageErr := error(nil)
	if o.CredentialAgeDays < 0 || o.CredentialAgeDays > 36600 {
		ageErr = invalid("CredentialAgeDays", fmt.Sprint(o.CredentialAgeDays), "must be between 1 and 36600 (0 never expires)")
	}
	if err := checkAll(checkUserName("UserName", userName), checkServiceName(serviceName, true), ageErr); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"UserName": userName, "ServiceName": serviceName}
	if o.CredentialAgeDays > 0 {
		p["CredentialAgeDays"] = o.CredentialAgeDays
	}
	return callElement(ctx, c, action, p, "ServiceSpecificCredential", readServiceCredential)
}

// ListServiceSpecificCredentialsOptions filter and page
// ListServiceSpecificCredentials.
type ListServiceSpecificCredentialsOptions struct {
	// ServiceName keeps the credentials of one service.
	ServiceName string
	// AllUsers lists the credentials of every user (with ServiceName);
	// it cannot be combined with a user name.
	AllUsers bool
	PageOptions
}

// ListServiceSpecificCredentialsOutput is one page of
// ListServiceSpecificCredentials.
type ListServiceSpecificCredentialsOutput struct {
	ServiceSpecificCredentials []ServiceSpecificCredentialMetadata
	PageInfo
	source
}

// ListServiceSpecificCredentials returns one page of a user's
// service-specific credentials (without passwords); an empty userName
// means the caller, and then no UserName is sent. Older servers answer
// everything in one page without IsTruncated, which reads as the last
// page.
func (c *Client) ListServiceSpecificCredentials(ctx context.Context, userName string, opts *ListServiceSpecificCredentialsOptions) (*ListServiceSpecificCredentialsOutput, error) {
	const action = "ListServiceSpecificCredentials"
	o := orDefaults(opts)
	p := Params{}
	allErr := error(nil)
	if o.AllUsers && userName != "" {
		allErr = invalid("AllUsers", "true", "cannot be combined with UserName")
	}
	if err := checkAll(checkOptionalUserName(userName), checkServiceName(o.ServiceName, false), allErr, o.params(p)); err != nil {
		return nil, validationFailed(action, err)
	}
	setString(p, "UserName", userName)
	setString(p, "ServiceName", o.ServiceName)
	if o.AllUsers {
		p["AllUsers"] = true
	}
	pg, err := listPage(ctx, c, action, p, "ServiceSpecificCredentials", readServiceCredentialMetadata)
	if err != nil {
		return nil, err
	}
	return &ListServiceSpecificCredentialsOutput{ServiceSpecificCredentials: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListServiceSpecificCredentialsAll iterates over every service-specific
// credential that matches.
func (c *Client) ListServiceSpecificCredentialsAll(ctx context.Context, userName string, opts *ListServiceSpecificCredentialsOptions) iter.Seq2[ServiceSpecificCredentialMetadata, error] {
	return allPages(ctx, "ListServiceSpecificCredentials", opts, pageOf(bind(c.ListServiceSpecificCredentials, userName), func(o *ListServiceSpecificCredentialsOutput) []ServiceSpecificCredentialMetadata {
		return o.ServiceSpecificCredentials
	}))
}

// serviceCredential names a service-specific credential in the actions on
// one credential.
var serviceCredential = credentialKind{
	idParam: "ServiceSpecificCredentialId",
	checkID: func(id string) error { return checkCredentialID("ServiceSpecificCredentialId", id) },
}

// ResetServiceSpecificCredential generates a new password for a
// credential and returns it; the old one stops working. An empty userName
// means the caller.
func (c *Client) ResetServiceSpecificCredential(ctx context.Context, userName, credentialID string) (*ServiceSpecificCredential, error) {
	const action = "ResetServiceSpecificCredential"
	p := Params{}
	if err := serviceCredential.addParams(p, userName, credentialID, nil); err != nil {
		return nil, validationFailed(action, err)
	}
	return callElement(ctx, c, action, p, "ServiceSpecificCredential", readServiceCredential)
}

// UpdateServiceSpecificCredential activates or deactivates a credential;
// an empty userName means the caller.
func (c *Client) UpdateServiceSpecificCredential(ctx context.Context, userName, credentialID string, status Status) error {
	return c.setCredentialStatus(ctx, "UpdateServiceSpecificCredential", serviceCredential, userName, credentialID, status)
}

// DeleteServiceSpecificCredential deletes a credential; an empty userName
// means the caller.
func (c *Client) DeleteServiceSpecificCredential(ctx context.Context, userName, credentialID string) error {
	return c.credentialAction(ctx, "DeleteServiceSpecificCredential", serviceCredential, userName, credentialID)
}

const serviceNameRule = `must be a service endpoint name such as "codecommit.amazonaws.com" (letters, digits, ".", "-")`

// checkServiceName checks a service name; the set of services is the
// service's to enforce (NotSupportedService), only the shape is checked.
func checkServiceName(name string, required bool) error {
	if name == "" {
		if required {
			return invalid("ServiceName", name, requiredRule+"; "+serviceNameRule)
		}
		return nil
	}
	ok := checkChars(name, 1, 256, func(c byte) bool {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-'
	})
	if !ok {
		return invalid("ServiceName", name, serviceNameRule)
	}
	return nil
}
