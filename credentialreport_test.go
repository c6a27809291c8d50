package iam

import (
	"context"
	"encoding/base64"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGenerateCredentialReport(t *testing.T) {
	c, _ := expectForm(t, form("GenerateCredentialReport"), 200, typedFixture(t, "generatecredentialreport.xml"))
	out, err := c.GenerateCredentialReport(context.Background())
	require.NoError(t, err)
	assert.Equal(t, ReportStarted, out.State)
	assert.Contains(t, out.Description, "Starting a new report")

	c2, _ := expectForm(t, form("GenerateCredentialReport"), 200, emptyResult("GenerateCredentialReport"))
	_, err = c2.GenerateCredentialReport(context.Background())
	require.Error(t, err, "a result without State is not what was asked for")
}

func TestGetCredentialReport(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("GetCredentialReport"), 200, typedFixture(t, "getcredentialreport.xml"))
	rep, err := c.GetCredentialReport(ctx)
	require.NoError(t, err)
	assert.Equal(t, time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), rep.GeneratedTime)
	assert.Equal(t, "text/csv", rep.ReportFormat)
	assert.Equal(t, typedFixture(t, "credentialreport.csv"), string(rep.Content))
	require.Len(t, rep.Rows, 3)

	root, alice, bob := rep.Rows[0], rep.Rows[1], rep.Rows[2]
	t.Run("root: not_supported and N/A read as zero", func(t *testing.T) {
		assert.Equal(t, "<root_account>", root.User)
		assert.False(t, root.PasswordEnabled)
		assert.Equal(t, "not_supported", root.Columns["password_enabled"])
		assert.True(t, root.PasswordLastChanged.IsZero())
		assert.True(t, root.PasswordNextRotation.IsZero())
		assert.Equal(t, time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), root.PasswordLastUsed)
		assert.True(t, root.MFAActive)
		assert.Equal(t, CredentialReportKey{}, root.AccessKeys[0])
		assert.Equal(t, [2]CredentialReportCert{}, root.Certs)
	})
	t.Run("alice: no_information and one used key", func(t *testing.T) {
		assert.True(t, alice.PasswordEnabled)
		assert.True(t, alice.PasswordLastUsed.IsZero())
		assert.Equal(t, "no_information", alice.Columns["password_last_used"])
		assert.Equal(t, time.Date(2024, 4, 1, 3, 5, 0, 0, time.UTC), alice.PasswordNextRotation)
		assert.Equal(t, CredentialReportKey{
			Active:          true,
			LastRotated:     time.Date(2024, 1, 2, 3, 6, 0, 0, time.UTC),
			LastUsedDate:    time.Date(2024, 5, 5, 12, 0, 0, 0, time.UTC),
			LastUsedRegion:  "us-east-1",
			LastUsedService: "s3",
		}, alice.AccessKeys[0])
		assert.Equal(t, CredentialReportKey{}, alice.AccessKeys[1])
	})
	t.Run("bob: second key and a certificate", func(t *testing.T) {
		assert.Equal(t, "arn:aws:iam::123456789012:user/bob", bob.ARN)
		assert.False(t, bob.PasswordEnabled)
		assert.True(t, bob.AccessKeys[0].Active)
		assert.True(t, bob.AccessKeys[0].LastUsedDate.IsZero())
		assert.Empty(t, bob.AccessKeys[0].LastUsedRegion)
		assert.Equal(t, "eu-west-1", bob.AccessKeys[1].LastUsedRegion)
		assert.Equal(t, "iam", bob.AccessKeys[1].LastUsedService)
		assert.True(t, bob.Certs[0].Active)
		assert.Equal(t, time.Date(2024, 2, 4, 0, 0, 0, 0, time.UTC), bob.Certs[0].LastRotated)
		assert.False(t, bob.Certs[1].Active)
	})
	t.Run("header only is zero rows", func(t *testing.T) {
		c, _ := expectForm(t, form("GetCredentialReport"), 200, typedFixture(t, "getcredentialreport-header-only.xml"))
		rep, err := c.GetCredentialReport(ctx)
		require.NoError(t, err)
		assert.NotNil(t, rep.Rows)
		assert.Empty(t, rep.Rows)
	})
	t.Run("expired report is a matchable error", func(t *testing.T) {
		c, _ := expectForm(t, form("GetCredentialReport"), 410, typedFixture(t, "reportexpired.xml"))
		_, err := c.GetCredentialReport(ctx)
		require.Error(t, err)
		assert.True(t, errors.Is(err, ErrReportExpired))
		assert.False(t, errors.Is(err, ErrReportNotPresent))
		assert.Equal(t, CodeReportExpired, ErrorCode(err))
	})
	t.Run("content that is not base64", func(t *testing.T) {
		c, _ := expectForm(t, form("GetCredentialReport"), 200, `<GetCredentialReportResponse><GetCredentialReportResult>
<Content>not*base64</Content><ReportFormat>text/csv</ReportFormat></GetCredentialReportResult></GetCredentialReportResponse>`)
		_, err := c.GetCredentialReport(ctx)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "Content")
	})
	t.Run("another format", func(t *testing.T) {
		c, _ := expectForm(t, form("GetCredentialReport"), 200, `<GetCredentialReportResponse><GetCredentialReportResult>
<Content>e30=</Content><ReportFormat>application/json</ReportFormat></GetCredentialReportResult></GetCredentialReportResponse>`)
		_, err := c.GetCredentialReport(ctx)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "application/json")
	})
	t.Run("base64 wrapped over lines", func(t *testing.T) {
		b64 := base64.StdEncoding.EncodeToString([]byte(typedFixture(t, "credentialreport.csv")))
		wrapped := b64[:60] + "\n" + b64[60:120] + "\r\n" + b64[120:]
		c, _ := expectForm(t, form("GetCredentialReport"), 200, `<GetCredentialReportResponse><GetCredentialReportResult>
<Content>`+wrapped+`</Content></GetCredentialReportResult></GetCredentialReportResponse>`)
		rep, err := c.GetCredentialReport(ctx)
		require.NoError(t, err)
		assert.Len(t, rep.Rows, 3)
	})
}

func TestParseCredentialReport(t *testing.T) {
	t.Run("columns by name, extra columns kept", func(t *testing.T) {
		rows, err := ParseCredentialReport([]byte("arn,user,mfa_active,future_column\narn:aws:iam::1:user/x,x,TRUE,42\n"))
		require.NoError(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, "x", rows[0].User)
		assert.True(t, rows[0].MFAActive)
		assert.Equal(t, "42", rows[0].Columns["future_column"])
	})
	bad := map[string]struct {
		csv, want string
	}{
		"empty":           {"", "empty"},
		"no user column":  {"arn,mfa_active\nx,true\n", `"user"`},
		"bad date":        {"user,arn,user_creation_time\nx,y,yesterday\n", "line 2: column user_creation_time: invalid ISO 8601 time \"yesterday\""},
		"bad boolean":     {"user,arn,mfa_active\nx,y,maybe\n", "column mfa_active: invalid boolean"},
		"ragged line":     {"user,arn\nx,y,z\n", "wrong number of fields"},
		"bad quoting":     {"user,arn\n\"x,y\n", "extraneous or missing"},
		"error on line 3": {"user,arn,mfa_active\nx,y,true\nz,w,nope\n", "line 3"},
	}
	for name, tc := range bad {
		t.Run(name, func(t *testing.T) {
			_, err := ParseCredentialReport([]byte(tc.csv))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "iam: credential report"))
		})
	}
}

func BenchmarkParseCredentialReport(b *testing.B) {
	content := []byte(benchFixture(b, "credentialreport.csv"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCredentialReport(content); err != nil {
			b.Fatal(err)
		}
	}
}

// benchFixture reads a typed fixture for a benchmark.
func benchFixture(b *testing.B, name string) string {
	b.Helper()
	data, err := os.ReadFile("testdata/typed/" + name)
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// TestCredentialReportEndToEnd generates and reads a report on the local
// server.
func TestCredentialReportEndToEnd(t *testing.T) {
	ctx := context.Background()
	c := newLocalClient(t, testTime)
	_, err := c.CreateUser(ctx, "alice", nil)
	require.NoError(t, err)
	_, err = c.CreateAccessKey(ctx, "alice")
	require.NoError(t, err)

	_, err = c.GetCredentialReport(ctx)
	require.Error(t, err, "no report before one is generated")
	assert.True(t, errors.Is(err, ErrReportNotPresent) || errors.Is(err, ErrReportInProgress), "%v", err)

	var state CredentialReportState
	for range 10 {
		out, err := c.GenerateCredentialReport(ctx)
		require.NoError(t, err)
		if state = out.State; state == ReportComplete {
			break
		}
	}
	require.Equal(t, ReportComplete, state)
	rep, err := c.GetCredentialReport(ctx)
	require.NoError(t, err)
	byUser := map[string]CredentialReportRow{}
	for _, r := range rep.Rows {
		byUser[r.User] = r
	}
	require.Contains(t, byUser, "alice")
	require.Contains(t, byUser, "<root_account>")
	assert.True(t, byUser["alice"].AccessKeys[0].Active)
	assert.False(t, byUser["alice"].PasswordEnabled)
	assert.False(t, byUser["<root_account>"].PasswordEnabled, "not_supported reads as false")
}

// FuzzParseCredentialReport: any bytes give rows or an error, never a
// panic, and every row keeps the header's columns.
func FuzzParseCredentialReport(f *testing.F) {
	data, err := os.ReadFile("testdata/typed/credentialreport.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("user,arn\n"))
	f.Add([]byte("user,arn,mfa_active\n\"x\",y,\"tr\nue\"\n"))
	f.Fuzz(func(t *testing.T, content []byte) {
		rows, err := ParseCredentialReport(content)
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Columns == nil {
				t.Fatal("a row without its columns")
			}
		}
	})
}
