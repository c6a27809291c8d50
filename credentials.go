package iam

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Credentials are the keys a request is signed with. The secret key and the
// session token never print: String, GoString, the fmt verbs and slog all
// show them redacted.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string

	// Source names the provider that supplied the credentials: "static",
	// "env", "shared:<profile>" or "imds:<role>".
	Source string
	// CanExpire is true when Expires is meaningful.
	CanExpire bool
	// Expires is when temporary credentials stop working.
	Expires time.Time
}

const redacted = "[REDACTED]"

// String returns the credentials with the secrets redacted.
func (c Credentials) String() string {
	tok := ""
	if c.SessionToken != "" {
		tok = redacted
	}
	exp := ""
	if c.CanExpire {
		exp = " Expires:" + c.Expires.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("{AccessKeyID:%s SecretAccessKey:%s SessionToken:%s Source:%s%s}",
		c.AccessKeyID, redacted, tok, c.Source, exp)
}

// GoString is String, so %#v redacts too.
func (c Credentials) GoString() string { return "iam.Credentials" + c.String() }

// Format makes every fmt verb, %+v and %#v included, print the redacted
// form. Without it %d or %x would walk the fields and print the secret.
func (c Credentials) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, c.GoString())
		return
	}
	fmt.Fprint(f, c.String())
}

// LogValue redacts the secrets in structured logs.
func (c Credentials) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("access_key_id", c.AccessKeyID),
		slog.String("secret_access_key", redacted),
	}
	if c.SessionToken != "" {
		attrs = append(attrs, slog.String("session_token", redacted))
	}
	attrs = append(attrs, slog.String("source", c.Source))
	if c.CanExpire {
		attrs = append(attrs, slog.Time("expires", c.Expires))
	}
	return slog.GroupValue(attrs...)
}

// MarshalJSON writes the redacted form, so encoding/json, and slog's JSON
// handler given a struct that holds Credentials, never write the secrets.
func (c Credentials) MarshalJSON() ([]byte, error) {
	out := struct {
		AccessKeyID     string
		SecretAccessKey string
		SessionToken    string `json:",omitempty"`
		Source          string
		Expires         *time.Time `json:",omitempty"`
	}{AccessKeyID: c.AccessKeyID, SecretAccessKey: redacted, Source: c.Source}
	if c.SessionToken != "" {
		out.SessionToken = redacted
	}
	if c.CanExpire {
		out.Expires = &c.Expires
	}
	return json.Marshal(out)
}

// CredentialsProvider supplies credentials. Implementations cache what they
// fetch and are safe for concurrent use.
type CredentialsProvider interface {
	Retrieve(ctx context.Context) (Credentials, error)
}

// StaticCredentials returns a provider of fixed keys. sessionToken may be
// empty. Retrieve fails when either key is empty.
func StaticCredentials(accessKeyID, secretAccessKey, sessionToken string) CredentialsProvider {
	// The closure, not a struct field, holds the keys: fmt can print a
	// struct's unexported fields but never a closure's captures.
	return newCachedProvider("static", nil, func(context.Context) (Credentials, error) {
		if accessKeyID == "" || secretAccessKey == "" {
			return Credentials{}, errors.New("access key ID and secret access key must both be set")
		}
		return Credentials{
			AccessKeyID: accessKeyID, SecretAccessKey: secretAccessKey,
			SessionToken: sessionToken, Source: "static",
		}, nil
	})
}
