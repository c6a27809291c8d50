package iam

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sshKeyID = "APKAEIBAERJR2EXAMPLE"

// sshString is an SSH wire-format string: uint32 length, then bytes.
func sshString(b []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(b)))
	return append(out, b...)
}

// testSSHKeys returns a fresh public key in OpenSSH one-line form and in
// PEM, generated here so no key material is committed.
func testSSHKeys(t *testing.T) (openssh, pemText string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	blob := append(sshString([]byte("ssh-ed25519")), sshString(pub)...)
	openssh = "ssh-ed25519 " + base64.StdEncoding.EncodeToString(blob) + " bob@example"
	der, err := x509.MarshalPKIXPublicKey(pub)
	require.NoError(t, err)
	pemText = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	return openssh, pemText
}

func TestUploadSSHPublicKey(t *testing.T) {
	ctx := context.Background()
	openssh, pemText := testSSHKeys(t)
	for name, body := range map[string]string{"OpenSSH": openssh, "PEM": pemText} {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("UploadSSHPublicKey", "UserName", "Bob", "SSHPublicKeyBody", body), 200, typedFixture(t, "uploadsshpublickey.xml"))
			k, err := c.UploadSSHPublicKey(ctx, "Bob", body)
			require.NoError(t, err)
			assert.Equal(t, sshKeyID, k.SSHPublicKeyID)
			assert.Equal(t, "c7:18:d6:9b:8a:6a:2f:3b:37:ac:cd:d1:3b:00:2e:f7", k.Fingerprint)
			assert.Equal(t, StatusActive, k.Status)
			assert.Equal(t, time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), k.UploadDate)
			assert.Contains(t, k.SSHPublicKeyBody, "ssh-ed25519 ")
		})
	}
	t.Run("RSA PKCS#1 PEM", func(t *testing.T) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		body := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&key.PublicKey)}))
		require.NoError(t, checkSSHPublicKeyBody(body))
	})
}

func TestSSHPublicKeyBodyRefused(t *testing.T) {
	openssh, pemText := testSSHKeys(t)
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	require.NoError(t, err)
	privPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	privB64 := base64.StdEncoding.EncodeToString(der)

	tests := map[string]struct {
		body, rule string
	}{
		"empty":                 {"", "required"},
		"private key":           {privPEM, "private key"},
		"type only":             {"ssh-ed25519", "key type and base64"},
		"not base64":            {"ssh-ed25519 ###", "not base64"},
		"type mismatch":         {"ssh-rsa " + openssh[len("ssh-ed25519 "):], "does not match"},
		"truncated blob":        {"ssh-ed25519 AAAA", "too short"},
		"PEM of a certificate":  {"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", `PEM block is "CERTIFICATE"`},
		"PEM garbage":           {"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "asn1"},
		"two PEM blocks":        {pemText + pemText, "one well-formed PEM block"},
		"broken PEM armour":     {"-----BEGIN PUBLIC KEY-----\nAAAA", "one well-formed PEM block"},
		"too long":              {"ssh-ed25519 " + string(make([]byte, 16400)), "16384"},
		"private key as base64": {"ssh-ed25519 " + privB64, "does not match"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).UploadSSHPublicKey(context.Background(), "Bob", tc.body)
			ve := requireValidation(t, err, "UploadSSHPublicKey", "SSHPublicKeyBody")
			assert.Contains(t, ve.Rule, tc.rule)
			assert.Empty(t, ve.Value, "a key body is never quoted")
			assert.NotContains(t, err.Error(), privB64[:20])
		})
	}
}

func TestGetSSHPublicKey(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("GetSSHPublicKey", "UserName", "Bob", "SSHPublicKeyId", sshKeyID, "Encoding", "PEM"), 200, typedFixture(t, "getsshpublickey.xml"))
	k, err := c.GetSSHPublicKey(ctx, "Bob", sshKeyID, SSHEncodingPEM)
	require.NoError(t, err)
	assert.Contains(t, k.SSHPublicKeyBody, "-----BEGIN PUBLIC KEY-----\n")
	assert.Equal(t, StatusInactive, k.Status)
	assert.Equal(t, "SSHPublicKey", k.Element().Name())

	c2, _ := expectForm(t, form("GetSSHPublicKey", "UserName", "Bob", "SSHPublicKeyId", sshKeyID, "Encoding", "SSH"), 200,
		strings.ReplaceAll(typedFixture(t, "uploadsshpublickey.xml"), "UploadSSHPublicKey", "GetSSHPublicKey"))
	_, err = c2.GetSSHPublicKey(ctx, "Bob", sshKeyID, SSHEncodingSSH)
	require.NoError(t, err)

	_, err = neverCalled(t).GetSSHPublicKey(ctx, "Bob", sshKeyID, "ssh")
	requireValidation(t, err, "GetSSHPublicKey", "Encoding")
	_, err = neverCalled(t).GetSSHPublicKey(ctx, "Bob", "APKA-short", SSHEncodingSSH)
	requireValidation(t, err, "GetSSHPublicKey", "SSHPublicKeyId")
	_, err = neverCalled(t).GetSSHPublicKey(ctx, "", sshKeyID, SSHEncodingSSH)
	requireValidation(t, err, "GetSSHPublicKey", "UserName")
}

func TestListSSHPublicKeys(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture string
		ids     []string
		status  []Status
		more    bool
	}{
		"zero": {"listsshpublickeys-0.xml", []string{}, []Status{}, false},
		"one":  {"listsshpublickeys-1.xml", []string{"APKAEIBAERJR2EXAMPL1"}, []Status{StatusActive}, false},
		"many": {"listsshpublickeys-many.xml", []string{"APKAEIBAERJR2EXAMPL1", "APKAEIBAERJR2EXAMPL2", "APKAEIBAERJR2EXAMPL3"},
			[]Status{StatusActive, StatusInactive, StatusActive}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListSSHPublicKeys", "UserName", "Bob"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListSSHPublicKeys(ctx, "Bob", nil)
			require.NoError(t, err)
			ids, status := []string{}, []Status{}
			for _, k := range out.SSHPublicKeys {
				ids = append(ids, k.SSHPublicKeyID)
				status = append(status, k.Status)
				assert.Equal(t, "Bob", k.UserName)
			}
			assert.Equal(t, tc.ids, ids)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.more, out.IsTruncated)
		})
	}
	t.Run("caller, paging, iterator over two pages", func(t *testing.T) {
		c, markers := pagedForms(t, form("ListSSHPublicKeys", "MaxItems", "3"), map[string]string{
			"":           typedFixture(t, "listsshpublickeys-many.xml"),
			"ssh-page-2": typedFixture(t, "listsshpublickeys-1.xml"),
		})
		var ids []string
		for k, err := range c.ListSSHPublicKeysAll(ctx, "", &PageOptions{MaxItems: 3}) {
			require.NoError(t, err)
			ids = append(ids, k.SSHPublicKeyID)
		}
		assert.Len(t, ids, 4)
		assert.Equal(t, []string{"", "ssh-page-2"}, *markers)
	})
}

func TestUpdateDeleteSSHPublicKey(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("UpdateSSHPublicKey", "UserName", "Bob", "SSHPublicKeyId", sshKeyID, "Status", "Inactive"), 200, emptyResult("UpdateSSHPublicKey"))
	require.NoError(t, c.UpdateSSHPublicKey(ctx, "Bob", sshKeyID, StatusInactive))
	c2, _ := expectForm(t, form("DeleteSSHPublicKey", "UserName", "Bob", "SSHPublicKeyId", sshKeyID), 200, emptyResult("DeleteSSHPublicKey"))
	require.NoError(t, c2.DeleteSSHPublicKey(ctx, "Bob", sshKeyID))

	err := neverCalled(t).UpdateSSHPublicKey(ctx, "Bob", sshKeyID, "Disabled")
	requireValidation(t, err, "UpdateSSHPublicKey", "Status")
	err = neverCalled(t).DeleteSSHPublicKey(ctx, "Bob", "APKA EIBAERJR2EXAMPLE")
	requireValidation(t, err, "DeleteSSHPublicKey", "SSHPublicKeyId")
}

// TestSSHKeysEndToEnd runs every SSH key call against the local server.
func TestSSHKeysEndToEnd(t *testing.T) {
	ctx := context.Background()
	c := newLocalClient(t, testTime)
	_, err := c.CreateUser(ctx, "bob", nil)
	require.NoError(t, err)
	body := testSSHRSAKey(t)

	up, err := c.UploadSSHPublicKey(ctx, "bob", body)
	require.NoError(t, err)
	assert.Equal(t, StatusActive, up.Status)
	assert.NotEmpty(t, up.Fingerprint)

	for _, enc := range []SSHKeyEncoding{SSHEncodingSSH, SSHEncodingPEM} {
		got, err := c.GetSSHPublicKey(ctx, "bob", up.SSHPublicKeyID, enc)
		require.NoError(t, err, enc)
		require.NoError(t, checkSSHPublicKeyBody(got.SSHPublicKeyBody), "the server's %s encoding parses", enc)
	}
	require.NoError(t, c.UpdateSSHPublicKey(ctx, "bob", up.SSHPublicKeyID, StatusInactive))
	list, err := c.ListSSHPublicKeys(ctx, "bob", nil)
	require.NoError(t, err)
	require.Len(t, list.SSHPublicKeys, 1)
	assert.Equal(t, StatusInactive, list.SSHPublicKeys[0].Status)
	require.NoError(t, c.DeleteSSHPublicKey(ctx, "bob", up.SSHPublicKeyID))
	_, err = c.GetSSHPublicKey(ctx, "bob", up.SSHPublicKeyID, SSHEncodingSSH)
	assert.True(t, IsNotFound(err))
}

// testSSHRSAKey returns a fresh ssh-rsa public key in OpenSSH form, the
// type IAM can also give back in PEM.
func testSSHRSAKey(t *testing.T) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	// An SSH mpint is a two's complement big-endian string: a leading
	// zero byte keeps a high bit from reading as negative.
	mpint := func(b []byte) []byte {
		if len(b) > 0 && b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return sshString(b)
	}
	e := big.NewInt(int64(key.E)).Bytes()
	blob := append(sshString([]byte("ssh-rsa")), mpint(e)...)
	blob = append(blob, mpint(key.N.Bytes())...)
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(blob) + " bob@example"
}

// FuzzSSHPublicKeyBody: any text is accepted or refused, never a panic.
func FuzzSSHPublicKeyBody(f *testing.F) {
	f.Add("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE bob")
	f.Add("ssh-rsa AAAA")
	f.Add("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")
	f.Fuzz(func(t *testing.T, body string) {
		if err := checkSSHPublicKeyBody(body); err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Value != "" {
				t.Fatalf("want an unquoted ValidationError, got %v", err)
			}
		}
	})
}
