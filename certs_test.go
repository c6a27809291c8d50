package iam

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testPKI is a throwaway CA, a leaf certificate it signed and the leaf's
// key, generated for each test run: no key material is committed.
type testPKI struct {
	caPEM, leafPEM string
	// keySEC1, keyPKCS8 are the leaf's ECDSA key in two PEM forms.
	keySEC1, keyPKCS8 string
	// otherKey is a key that does not belong to the leaf.
	otherKey string
}

func newTestPKI(t *testing.T) testPKI {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	notBefore := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "iamkit test CA (test only)"},
		NotBefore:             notBefore,
		NotAfter:              notBefore.AddDate(10, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	require.NoError(t, err)
	ca, err := x509.ParseCertificate(caDER)
	require.NoError(t, err)

	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "www.example.test"},
		DNSNames:     []string{"www.example.test"},
		NotBefore:    notBefore,
		NotAfter:     notBefore.AddDate(1, 0, 0),
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &leafKey.PublicKey, caKey)
	require.NoError(t, err)

	sec1, err := x509.MarshalECPrivateKey(leafKey)
	require.NoError(t, err)
	pkcs8, err := x509.MarshalPKCS8PrivateKey(leafKey)
	require.NoError(t, err)
	otherDER, err := x509.MarshalPKCS8PrivateKey(caKey)
	require.NoError(t, err)
	enc := func(typ string, der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
	}
	return testPKI{
		caPEM:    enc("CERTIFICATE", caDER),
		leafPEM:  enc("CERTIFICATE", leafDER),
		keySEC1:  enc("EC PRIVATE KEY", sec1),
		keyPKCS8: enc("PRIVATE KEY", pkcs8),
		otherKey: enc("PRIVATE KEY", otherDER),
	}
}

const signingCertID = "TA7SMP42TDN5Z26OBPJE7EXAMPLE"

func TestUploadSigningCertificate(t *testing.T) {
	ctx := context.Background()
	pki := newTestPKI(t)
	t.Run("for a user", func(t *testing.T) {
		c, _ := expectForm(t, form("UploadSigningCertificate", "UserName", "Bob", "CertificateBody", pki.leafPEM), 200, typedFixture(t, "uploadsigningcertificate.xml"))
		sc, err := c.UploadSigningCertificate(ctx, "Bob", pki.leafPEM)
		require.NoError(t, err)
		assert.Equal(t, signingCertID, sc.CertificateID)
		assert.Equal(t, StatusActive, sc.Status)
		assert.Equal(t, time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), sc.UploadDate)
		assert.Contains(t, sc.CertificateBody, "-----BEGIN CERTIFICATE-----")
	})
	t.Run("caller sends no UserName", func(t *testing.T) {
		c, _ := expectForm(t, form("UploadSigningCertificate", "CertificateBody", pki.leafPEM), 200, typedFixture(t, "uploadsigningcertificate.xml"))
		_, err := c.UploadSigningCertificate(ctx, "", pki.leafPEM)
		require.NoError(t, err)
	})
}

// TestCertificatePEMRefused covers the local parsing of certificate
// bodies: every malformed input is refused before sending, with an error
// naming the field and saying what is wrong.
func TestCertificatePEMRefused(t *testing.T) {
	pki := newTestPKI(t)
	garbled := strings.Replace(pki.leafPEM, "\n", "\nAAAA", 3)
	tests := map[string]struct {
		body, rule string
	}{
		"empty":                 {"  \n", "required"},
		"not PEM":               {"hello", "not PEM"},
		"text before the block": {"subject=www\n" + pki.leafPEM, "text before"},
		"garbled DER":           {garbled, "block 1"},
		"truncated":             {pki.leafPEM[:len(pki.leafPEM)/2], "not PEM"},
		"two certificates":      {pki.leafPEM + pki.caPEM, "found 2 PEM blocks"},
		"a key, not a cert":     {pki.keyPKCS8, "contains a private key"},
		"public key block":      {"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", `"PUBLIC KEY"`},
		"too long":              {pki.leafPEM + strings.Repeat(" ", maxCertificateBody), "at most 16384"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).UploadSigningCertificate(context.Background(), "Bob", tc.body)
			ve := requireValidation(t, err, "UploadSigningCertificate", "CertificateBody")
			assert.Contains(t, ve.Rule, tc.rule)
			assert.Empty(t, ve.Value)
		})
	}
}

func TestListSigningCertificates(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture string
		ids     []string
		status  []Status
	}{
		"zero": {"listsigningcertificates-0.xml", []string{}, []Status{}},
		"one":  {"listsigningcertificates-1.xml", []string{signingCertID}, []Status{StatusActive}},
		"many": {"listsigningcertificates-many.xml", []string{signingCertID, "TA7SMP42TDN5Z26OBPJE7EXAMPL2", "TA7SMP42TDN5Z26OBPJE7EXAMPL3"},
			[]Status{StatusActive, StatusInactive, StatusActive}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListSigningCertificates", "UserName", "Bob"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListSigningCertificates(ctx, "Bob", nil)
			require.NoError(t, err)
			ids, status := []string{}, []Status{}
			for _, sc := range out.Certificates {
				ids = append(ids, sc.CertificateID)
				status = append(status, sc.Status)
			}
			assert.Equal(t, tc.ids, ids)
			assert.Equal(t, tc.status, status)

			c2, _ := expectForm(t, form("ListSigningCertificates", "MaxItems", "50"), 200, typedFixture(t, tc.fixture))
			n := 0
			for _, err := range c2.ListSigningCertificatesAll(ctx, "", &PageOptions{MaxItems: 50}) {
				require.NoError(t, err)
				n++
			}
			assert.Equal(t, len(tc.ids), n)
		})
	}
}

func TestUpdateDeleteSigningCertificate(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("UpdateSigningCertificate", "UserName", "Bob", "CertificateId", signingCertID, "Status", "Inactive"), 200, emptyResult("UpdateSigningCertificate"))
	require.NoError(t, c.UpdateSigningCertificate(ctx, "Bob", signingCertID, StatusInactive))
	c2, _ := expectForm(t, form("DeleteSigningCertificate", "CertificateId", signingCertID), 200, emptyResult("DeleteSigningCertificate"))
	require.NoError(t, c2.DeleteSigningCertificate(ctx, "", signingCertID))

	requireValidation(t, neverCalled(t).DeleteSigningCertificate(ctx, "", "TA7SHORT"), "DeleteSigningCertificate", "CertificateId")
	requireValidation(t, neverCalled(t).UpdateSigningCertificate(ctx, "", signingCertID, "on"), "UpdateSigningCertificate", "Status")
}

func TestUploadServerCertificate(t *testing.T) {
	ctx := context.Background()
	pki := newTestPKI(t)
	t.Run("body, key, chain, path and tags", func(t *testing.T) {
		c, _ := expectForm(t, form("UploadServerCertificate", "ServerCertificateName", "web", "CertificateBody", pki.leafPEM,
			"PrivateKey", pki.keySEC1, "CertificateChain", pki.caPEM, "Path", "/cloudfront/",
			"Tags.member.1.Key", "env", "Tags.member.1.Value", "test"), 200, typedFixture(t, "uploadservercertificate.xml"))
		m, err := c.UploadServerCertificate(ctx, "web", &UploadServerCertificateInput{
			CertificateBody: pki.leafPEM, PrivateKey: pki.keySEC1, CertificateChain: pki.caPEM,
			Path: "/cloudfront/", Tags: []Tag{{"env", "test"}},
		})
		require.NoError(t, err)
		assert.Equal(t, "ASCACKCEVSQ6C2EXAMPLE", m.ServerCertificateID)
		assert.Equal(t, "arn:aws:iam::123456789012:server-certificate/cloudfront/web", m.ARN)
		assert.Equal(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), m.Expiration)
		assert.Equal(t, []Tag{{"env", "test"}}, m.Tags)
	})
	t.Run("PKCS #8 key, no chain", func(t *testing.T) {
		c, _ := expectForm(t, form("UploadServerCertificate", "ServerCertificateName", "web", "CertificateBody", pki.leafPEM,
			"PrivateKey", pki.keyPKCS8), 200, typedFixture(t, "uploadservercertificate.xml"))
		_, err := c.UploadServerCertificate(ctx, "web", &UploadServerCertificateInput{CertificateBody: pki.leafPEM, PrivateKey: pki.keyPKCS8})
		require.NoError(t, err)
	})
	t.Run("RSA PKCS #1 key", func(t *testing.T) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "rsa.example.test"},
			NotBefore: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		require.NoError(t, err)
		in := UploadServerCertificateInput{
			CertificateBody: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
			PrivateKey:      string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})),
		}
		require.NoError(t, checkServerCertificatePEMs(in))
	})
}

func TestUploadServerCertificateRefused(t *testing.T) {
	pki := newTestPKI(t)
	keyBody := pki.keySEC1[strings.Index(pki.keySEC1, "\n")+1 : strings.Index(pki.keySEC1, "-----END")]
	encrypted := "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n" + keyBody + "-----END EC PRIVATE KEY-----\n"
	ok := UploadServerCertificateInput{CertificateBody: pki.leafPEM, PrivateKey: pki.keySEC1, CertificateChain: pki.caPEM}
	with := func(f func(*UploadServerCertificateInput)) *UploadServerCertificateInput {
		in := ok
		f(&in)
		return &in
	}
	tests := map[string]struct {
		name        string
		in          *UploadServerCertificateInput
		field, rule string
	}{
		"nil input":           {"web", nil, "CertificateBody", "required"},
		"bad name":            {"web site", &ok, "ServerCertificateName", "[\\w+=,.@-]+"},
		"key of another cert": {"web", with(func(in *UploadServerCertificateInput) { in.PrivateKey = pki.otherKey }), "PrivateKey", "does not match"},
		"no key":              {"web", with(func(in *UploadServerCertificateInput) { in.PrivateKey = "" }), "PrivateKey", "required"},
		"encrypted key":       {"web", with(func(in *UploadServerCertificateInput) { in.PrivateKey = encrypted }), "PrivateKey", "encrypted"},
		"PKCS8 encrypted key": {"web", with(func(in *UploadServerCertificateInput) {
			in.PrivateKey = strings.ReplaceAll(pki.keyPKCS8, "PRIVATE KEY", "ENCRYPTED PRIVATE KEY")
		}), "PrivateKey", "encrypted"},
		"garbled key": {"web", with(func(in *UploadServerCertificateInput) {
			in.PrivateKey = strings.Replace(pki.keySEC1, "\n", "\nAAAA", 2)
		}), "PrivateKey", "does not parse"},
		"key labelled wrongly": {"web", with(func(in *UploadServerCertificateInput) {
			in.PrivateKey = strings.ReplaceAll(pki.keySEC1, "EC PRIVATE", "RSA PRIVATE")
		}), "PrivateKey", "does not parse"},
		"cert as key":   {"web", with(func(in *UploadServerCertificateInput) { in.PrivateKey = pki.leafPEM }), "PrivateKey", `"CERTIFICATE"`},
		"two keys":      {"web", with(func(in *UploadServerCertificateInput) { in.PrivateKey = pki.keySEC1 + pki.keySEC1 }), "PrivateKey", "found 2"},
		"bad chain":     {"web", with(func(in *UploadServerCertificateInput) { in.CertificateChain = pki.caPEM + "junk" }), "CertificateChain", "not PEM"},
		"key in chain":  {"web", with(func(in *UploadServerCertificateInput) { in.CertificateChain = pki.caPEM + pki.keySEC1 }), "CertificateChain", "private key"},
		"chain in body": {"web", with(func(in *UploadServerCertificateInput) { in.CertificateBody = pki.leafPEM + pki.caPEM }), "CertificateBody", "CertificateChain"},
		"bad path":      {"web", with(func(in *UploadServerCertificateInput) { in.Path = "cloudfront" }), "Path", "begin and end"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).UploadServerCertificate(context.Background(), tc.name, tc.in)
			ve := requireValidation(t, err, "UploadServerCertificate", tc.field)
			assert.Contains(t, ve.Rule, tc.rule)
			assert.NotContains(t, err.Error(), keyBody[:24], "key material never reaches an error")
		})
	}
}

func TestUploadServerCertificateInputIsRedacted(t *testing.T) {
	pki := newTestPKI(t)
	in := UploadServerCertificateInput{CertificateBody: pki.leafPEM, PrivateKey: pki.keySEC1, CertificateChain: pki.caPEM, Path: "/web/"}
	keyBody := pki.keySEC1[strings.Index(pki.keySEC1, "\n")+1 : strings.Index(pki.keySEC1, "-----END")]
	printed := printedForms(t, in)
	for how, s := range printed {
		assert.NotContains(t, s, keyBody[:24], how)
		assert.NotContains(t, s, "EC PRIVATE KEY", how)
	}
	assert.Contains(t, printed["value %v"], "PrivateKey:"+redacted)
	assert.Contains(t, printed["value %v"], "[1 PEM blocks")
	assert.Contains(t, printed["json"], `"PrivateKey":"`+redacted+`"`)
}

func TestGetServerCertificate(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("GetServerCertificate", "ServerCertificateName", "web"), 200, typedFixture(t, "getservercertificate.xml"))
	sc, err := c.GetServerCertificate(ctx, "web")
	require.NoError(t, err)
	assert.Equal(t, "web", sc.Metadata.ServerCertificateName)
	assert.Equal(t, "/cloudfront/", sc.Metadata.Path)
	assert.Equal(t, time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), sc.Metadata.UploadDate)
	assert.True(t, strings.HasPrefix(sc.CertificateBody, "-----BEGIN CERTIFICATE-----"))
	assert.True(t, strings.HasPrefix(sc.CertificateChain, "-----BEGIN CERTIFICATE-----"))
	assert.Equal(t, []Tag{{"env", "test"}, {"team", "web"}}, sc.Tags)
	assert.Equal(t, "ServerCertificate", sc.Element().Name())

	t.Run("malformed expiration", func(t *testing.T) {
		body := strings.Replace(typedFixture(t, "getservercertificate.xml"), "2025-01-01T00:00:00Z", "2025-13-01", 1)
		c, _ := expectForm(t, form("GetServerCertificate", "ServerCertificateName", "web"), 200, body)
		_, err := c.GetServerCertificate(ctx, "web")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "Expiration")
	})
}

func TestListServerCertificates(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture string
		names   []string
	}{
		"zero": {"listservercertificates-0.xml", []string{}},
		"one":  {"listservercertificates-1.xml", []string{"web"}},
		"many": {"listservercertificates-many.xml", []string{"web", "api", "cdn"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListServerCertificates", "PathPrefix", "/"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListServerCertificates(ctx, &ListServerCertificatesOptions{PathPrefix: "/"})
			require.NoError(t, err)
			names := []string{}
			for _, m := range out.ServerCertificateMetadataList {
				names = append(names, m.ServerCertificateName)
				assert.False(t, m.Expiration.IsZero())
			}
			assert.Equal(t, tc.names, names)

			c2, _ := expectForm(t, form("ListServerCertificates"), 200, typedFixture(t, tc.fixture))
			n := 0
			for _, err := range c2.ListServerCertificatesAll(ctx, nil) {
				require.NoError(t, err)
				n++
			}
			assert.Equal(t, len(tc.names), n)
		})
	}
}

func TestUpdateDeleteServerCertificate(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("UpdateServerCertificate", "ServerCertificateName", "web", "NewServerCertificateName", "web-2024", "NewPath", "/old/"), 200, emptyResult("UpdateServerCertificate"))
	require.NoError(t, c.UpdateServerCertificate(ctx, "web", &UpdateServerCertificateOptions{NewServerCertificateName: "web-2024", NewPath: "/old/"}))
	c2, _ := expectForm(t, form("UpdateServerCertificate", "ServerCertificateName", "web"), 200, emptyResult("UpdateServerCertificate"))
	require.NoError(t, c2.UpdateServerCertificate(ctx, "web", nil))
	c3, _ := expectForm(t, form("DeleteServerCertificate", "ServerCertificateName", "web"), 200, emptyResult("DeleteServerCertificate"))
	require.NoError(t, c3.DeleteServerCertificate(ctx, "web"))

	requireValidation(t, neverCalled(t).UpdateServerCertificate(ctx, "web", &UpdateServerCertificateOptions{NewServerCertificateName: "a/b"}), "UpdateServerCertificate", "NewServerCertificateName")
	requireValidation(t, neverCalled(t).DeleteServerCertificate(ctx, ""), "DeleteServerCertificate", "ServerCertificateName")
}

// TestCertificatesEndToEnd runs the signing and server certificate calls
// against the local server.
func TestCertificatesEndToEnd(t *testing.T) {
	ctx := context.Background()
	pki := newTestPKI(t)
	c := newLocalClient(t, testTime)
	_, err := c.CreateUser(ctx, "bob", nil)
	require.NoError(t, err)

	sc, err := c.UploadSigningCertificate(ctx, "bob", pki.leafPEM)
	require.NoError(t, err)
	assert.Equal(t, StatusActive, sc.Status)
	require.NoError(t, c.UpdateSigningCertificate(ctx, "bob", sc.CertificateID, StatusInactive))
	certs, err := c.ListSigningCertificates(ctx, "bob", nil)
	require.NoError(t, err)
	require.Len(t, certs.Certificates, 1)
	assert.Equal(t, StatusInactive, certs.Certificates[0].Status)
	require.NoError(t, c.DeleteSigningCertificate(ctx, "bob", sc.CertificateID))

	m, err := c.UploadServerCertificate(ctx, "web", &UploadServerCertificateInput{
		CertificateBody: pki.leafPEM, PrivateKey: pki.keyPKCS8, CertificateChain: pki.caPEM, Path: "/cloudfront/",
	})
	require.NoError(t, err)
	assert.Equal(t, "/cloudfront/", m.Path)
	assert.Equal(t, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), m.Expiration, "the server reads notAfter")

	got, err := c.GetServerCertificate(ctx, "web")
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSpace(pki.leafPEM), strings.TrimSpace(got.CertificateBody))
	require.NoError(t, c.UpdateServerCertificate(ctx, "web", &UpdateServerCertificateOptions{NewServerCertificateName: "web-old"}))
	list, err := c.ListServerCertificates(ctx, &ListServerCertificatesOptions{PathPrefix: "/cloudfront/"})
	require.NoError(t, err)
	require.Len(t, list.ServerCertificateMetadataList, 1)
	assert.Equal(t, "web-old", list.ServerCertificateMetadataList[0].ServerCertificateName)
	require.NoError(t, c.DeleteServerCertificate(ctx, "web-old"))
	_, err = c.GetServerCertificate(ctx, "web-old")
	assert.True(t, IsNotFound(err))
}

// FuzzServerCertificatePEMs: any body, key and chain are accepted or
// refused with a ValidationError, never a panic, and a refusal never
// quotes the key.
func FuzzServerCertificatePEMs(f *testing.F) {
	f.Add("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "")
	f.Add("", "", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----")
	f.Add("-----BEGIN CERTIFICATE-----", "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END EC PRIVATE KEY-----\n", "x")
	f.Fuzz(func(t *testing.T, body, key, chain string) {
		err := checkServerCertificatePEMs(UploadServerCertificateInput{CertificateBody: body, PrivateKey: key, CertificateChain: chain})
		if err == nil {
			return
		}
		var ve *ValidationError
		if !errors.As(err, &ve) {
			t.Fatalf("not a ValidationError: %v", err)
		}
		if len(key) >= 16 && strings.Contains(err.Error(), key) {
			t.Fatal("the private key reached the error")
		}
	})
}
