package iam

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"iter"
	"strings"
	"time"
)

// SSHPublicKey is an SSH public key of a user, as UploadSSHPublicKey and
// GetSSHPublicKey return it (CodeCommit uses these keys).
type SSHPublicKey struct {
	UserName       string
	SSHPublicKeyID string
	// Fingerprint is the MD5 fingerprint IAM computed.
	Fingerprint string
	// SSHPublicKeyBody is the key in the encoding asked for (OpenSSH
	// "ssh-rsa AAAA..." or PEM).
	SSHPublicKeyBody string
	Status           Status
	UploadDate       time.Time

	source
}

// SSHPublicKeyMetadata describes an SSH public key without its body, as
// ListSSHPublicKeys returns it.
type SSHPublicKeyMetadata struct {
	UserName       string
	SSHPublicKeyID string
	Status         Status
	UploadDate     time.Time

	source
}

func readSSHPublicKey(n Node, resp *Response) (SSHPublicKey, error) {
	f := fields{n: n}
	k := SSHPublicKey{
		UserName:         f.str("UserName"),
		SSHPublicKeyID:   f.str("SSHPublicKeyId"),
		Fingerprint:      f.str("Fingerprint"),
		SSHPublicKeyBody: f.str("SSHPublicKeyBody"),
		Status:           Status(f.str("Status")),
		UploadDate:       f.time("UploadDate"),
		source:           source{n, resp},
	}
	return k, f.err
}

// UploadSSHPublicKey uploads an SSH public key for a user. The body, in
// OpenSSH one-line form ("ssh-rsa AAAA... comment") or PEM, is parsed
// locally first: a malformed key, or a private key pasted by mistake, is
// refused before anything is sent (and never quoted in the error).
func (c *Client) UploadSSHPublicKey(ctx context.Context, userName, body string) (*SSHPublicKey, error) {
	const action = "UploadSSHPublicKey"
	if err := checkAll(checkUserName("UserName", userName), checkSSHPublicKeyBody(body)); err != nil {
		return nil, validationFailed(action, err)
	}
	return callElement(ctx, c, action, Params{"UserName": userName, "SSHPublicKeyBody": body}, "SSHPublicKey", readSSHPublicKey)
}

// SSHKeyEncoding is the form GetSSHPublicKey returns a key body in.
type SSHKeyEncoding string

// The encodings IAM offers.
const (
	// SSHEncodingSSH is OpenSSH's one-line form, "ssh-rsa AAAA...".
	SSHEncodingSSH SSHKeyEncoding = "SSH"
	// SSHEncodingPEM is a PEM "PUBLIC KEY" block.
	SSHEncodingPEM SSHKeyEncoding = "PEM"
)

// sshKeyCredential names an SSH public key in the actions on one key;
// they all require the user.
var sshKeyCredential = credentialKind{
	idParam:      "SSHPublicKeyId",
	checkID:      func(id string) error { return checkCredentialID("SSHPublicKeyId", id) },
	userRequired: true,
}

// GetSSHPublicKey returns a user's SSH public key with its body in the
// given encoding.
func (c *Client) GetSSHPublicKey(ctx context.Context, userName, keyID string, encoding SSHKeyEncoding) (*SSHPublicKey, error) {
	const action = "GetSSHPublicKey"
	encErr := error(nil)
	if encoding != SSHEncodingSSH && encoding != SSHEncodingPEM {
		encErr = invalid("Encoding", string(encoding), `must be "SSH" or "PEM"`)
	}
	p := Params{"Encoding": string(encoding)}
	if err := sshKeyCredential.addParams(p, userName, keyID, encErr); err != nil {
		return nil, validationFailed(action, err)
	}
	return callElement(ctx, c, action, p, "SSHPublicKey", readSSHPublicKey)
}

// ListSSHPublicKeysOutput is one page of ListSSHPublicKeys.
type ListSSHPublicKeysOutput struct {
	SSHPublicKeys []SSHPublicKeyMetadata
	PageInfo
	source
}

// ListSSHPublicKeys returns one page of a user's SSH public keys; an
// empty userName means the caller, and then no UserName is sent.
func (c *Client) ListSSHPublicKeys(ctx context.Context, userName string, opts *PageOptions) (*ListSSHPublicKeysOutput, error) {
	const action = "ListSSHPublicKeys"
	p := Params{}
	if err := addPageParams(p, action, "UserName", userName, optionalUserNameCheck, opts); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "SSHPublicKeys", func(n Node, resp *Response) (SSHPublicKeyMetadata, error) {
		f := fields{n: n}
		m := SSHPublicKeyMetadata{
			UserName:       f.str("UserName"),
			SSHPublicKeyID: f.str("SSHPublicKeyId"),
			Status:         Status(f.str("Status")),
			UploadDate:     f.time("UploadDate"),
			source:         source{n, resp},
		}
		return m, f.err
	})
	if err != nil {
		return nil, err
	}
	return &ListSSHPublicKeysOutput{SSHPublicKeys: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListSSHPublicKeysAll iterates over every SSH public key of a user (an
// empty userName means the caller).
func (c *Client) ListSSHPublicKeysAll(ctx context.Context, userName string, opts *PageOptions) iter.Seq2[SSHPublicKeyMetadata, error] {
	return allPages(ctx, "ListSSHPublicKeys", opts, pageOf(bind(c.ListSSHPublicKeys, userName), func(o *ListSSHPublicKeysOutput) []SSHPublicKeyMetadata { return o.SSHPublicKeys }))
}

// UpdateSSHPublicKey activates or deactivates a user's SSH public key.
func (c *Client) UpdateSSHPublicKey(ctx context.Context, userName, keyID string, status Status) error {
	return c.setCredentialStatus(ctx, "UpdateSSHPublicKey", sshKeyCredential, userName, keyID, status)
}

// DeleteSSHPublicKey deletes a user's SSH public key.
func (c *Client) DeleteSSHPublicKey(ctx context.Context, userName, keyID string) error {
	return c.credentialAction(ctx, "DeleteSSHPublicKey", sshKeyCredential, userName, keyID)
}

const (
	credentialIDRule = `must match [\w]+ (20-128 characters)`
	sshKeyRule       = `must be an SSH public key, OpenSSH one-line form ("ssh-rsa AAAA... [comment]") or a PEM PUBLIC KEY block, at most 16384 characters`
)

// checkCredentialID checks the ID of an SSH key, a signing certificate
// or a service-specific credential: 20 to 128 ASCII word characters.
func checkCredentialID(field, id string) error {
	if id == "" {
		return invalid(field, id, requiredRule+"; "+credentialIDRule)
	}
	if !checkChars(id, 20, 128, isWordByte) {
		return invalid(field, id, credentialIDRule)
	}
	return nil
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// checkSSHPublicKeyBody parses an SSH public key. The value is never
// quoted in the error: a body that is not a public key may well be a
// private one.
func checkSSHPublicKeyBody(body string) error {
	const field = "SSHPublicKeyBody"
	if strings.TrimSpace(body) == "" {
		return invalid(field, "", requiredRule+"; "+sshKeyRule)
	}
	if len(body) > 16384 {
		return invalid(field, "", sshKeyRule)
	}
	if strings.Contains(body, "PRIVATE KEY") {
		return invalid(field, "", "is a private key; upload only the public key (the .pub file)")
	}
	trimmed := strings.TrimSpace(body)
	if strings.HasPrefix(trimmed, "-----BEGIN") {
		block, rest := pem.Decode([]byte(trimmed))
		if block == nil || len(bytes.TrimSpace(rest)) > 0 {
			return invalid(field, "", sshKeyRule+": not one well-formed PEM block")
		}
		var err error
		switch block.Type {
		case "PUBLIC KEY":
			_, err = x509.ParsePKIXPublicKey(block.Bytes)
		case "RSA PUBLIC KEY":
			_, err = x509.ParsePKCS1PublicKey(block.Bytes)
		default:
			return invalid(field, "", sshKeyRule+": PEM block is "+quoteShort(block.Type))
		}
		if err != nil {
			return invalid(field, "", sshKeyRule+": "+err.Error())
		}
		return nil
	}
	parts := strings.Fields(trimmed)
	if len(parts) < 2 {
		return invalid(field, "", sshKeyRule+": expected a key type and base64 key data")
	}
	blob, err := base64.StdEncoding.DecodeString(parts[1])
	if err != nil {
		return invalid(field, "", sshKeyRule+": key data is not base64")
	}
	// The wire form starts with the key type as an SSH string (uint32
	// length, then the name), which must match the type written before it.
	if len(blob) < 4 {
		return invalid(field, "", sshKeyRule+": key data too short")
	}
	n := binary.BigEndian.Uint32(blob)
	if uint64(n) > uint64(len(blob)-4) || string(blob[4:4+n]) != parts[0] {
		return invalid(field, "", sshKeyRule+": key data does not match key type "+quoteShort(parts[0]))
	}
	return nil
}

// quoteShort quotes a short identifier for an error, clipped so that an
// error never carries a long blob.
func quoteShort(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return `"` + s + `"`
}
