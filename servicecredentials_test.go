package iam

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	fixtureServicePassword = "xTBAr/czp+D3EXAMPLE47lrJ6/43r2zqGwR3EXAMPLE="
	serviceCredID          = "ACCAQFODXMPL4YFHP7DZE"
)

func TestCreateServiceSpecificCredential(t *testing.T) {
	ctx := context.Background()
	t.Run("password", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateServiceSpecificCredential", "UserName", "Bob", "ServiceName", "codecommit.amazonaws.com"), 200, typedFixture(t, "createservicespecificcredential.xml"))
		s, err := c.CreateServiceSpecificCredential(ctx, "Bob", "codecommit.amazonaws.com", nil)
		require.NoError(t, err)
		assert.Equal(t, fixtureServicePassword, s.ServicePassword())
		assert.Empty(t, s.ServiceCredentialSecret())
		assert.Equal(t, "bob-at-123456789012", s.ServiceUserName)
		assert.Equal(t, serviceCredID, s.ServiceSpecificCredentialID)
		assert.Equal(t, StatusActive, s.Status)
		assert.Equal(t, time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), s.CreateDate)
		assert.True(t, s.ExpirationDate.IsZero())
	})
	t.Run("API key with expiry", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateServiceSpecificCredential", "UserName", "Bob", "ServiceName", "bedrock.amazonaws.com", "CredentialAgeDays", "30"), 200, typedFixture(t, "createservicespecificcredential-apikey.xml"))
		s, err := c.CreateServiceSpecificCredential(ctx, "Bob", "bedrock.amazonaws.com", &CreateServiceSpecificCredentialOptions{CredentialAgeDays: 30})
		require.NoError(t, err)
		assert.Equal(t, "ABSKQmVkcm9ja0FQSUtleSEXAMPLESECRET", s.ServiceCredentialSecret())
		assert.Equal(t, "BedrockAPIKey-bob-at-123456789012", s.ServiceCredentialAlias)
		assert.Equal(t, time.Date(2025, 8, 7, 9, 10, 11, 0, time.UTC), s.ExpirationDate)
		for how, out := range printedForms(t, *s) {
			assert.NotContains(t, out, "EXAMPLESECRET", how)
		}
	})
	t.Run("answer without a password is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateServiceSpecificCredential", "UserName", "Bob", "ServiceName", "codecommit.amazonaws.com"), 200,
			`<CreateServiceSpecificCredentialResponse><CreateServiceSpecificCredentialResult><ServiceSpecificCredential>
<UserName>Bob</UserName></ServiceSpecificCredential></CreateServiceSpecificCredentialResult></CreateServiceSpecificCredentialResponse>`)
		_, err := c.CreateServiceSpecificCredential(ctx, "Bob", "codecommit.amazonaws.com", nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "ServicePassword")
	})
	refused := map[string]struct {
		user, service string
		opts          *CreateServiceSpecificCredentialOptions
		field         string
	}{
		"no user":         {"", "codecommit.amazonaws.com", nil, "UserName"},
		"no service":      {"Bob", "", nil, "ServiceName"},
		"service w/ path": {"Bob", "codecommit.amazonaws.com/x", nil, "ServiceName"},
		"age too long":    {"Bob", "bedrock.amazonaws.com", &CreateServiceSpecificCredentialOptions{CredentialAgeDays: 36601}, "CredentialAgeDays"},
		"negative age":    {"Bob", "bedrock.amazonaws.com", &CreateServiceSpecificCredentialOptions{CredentialAgeDays: -1}, "CredentialAgeDays"},
	}
	for name, tc := range refused {
		t.Run("refused: "+name, func(t *testing.T) {
			_, err := neverCalled(t).CreateServiceSpecificCredential(ctx, tc.user, tc.service, tc.opts)
			requireValidation(t, err, "CreateServiceSpecificCredential", tc.field)
		})
	}
}

func TestServicePasswordIsRedacted(t *testing.T) {
	c, _ := expectForm(t, form("CreateServiceSpecificCredential", "UserName", "Bob", "ServiceName", "codecommit.amazonaws.com"), 200, typedFixture(t, "createservicespecificcredential.xml"))
	s, err := c.CreateServiceSpecificCredential(context.Background(), "Bob", "codecommit.amazonaws.com", nil)
	require.NoError(t, err)
	printed := printedForms(t, *s)
	for how, out := range printed {
		assert.NotContains(t, out, fixtureServicePassword, how)
		assert.NotContains(t, out, "czp+D3", how)
	}
	assert.Contains(t, printed["value %v"], serviceCredID)
	assert.Contains(t, printed["value %+v"], "ServicePassword:"+redacted)
	assert.Contains(t, printed["json"], `"ServicePassword":"`+redacted+`"`)
	assert.Contains(t, printed["slog JSON"], `"service_user_name":"bob-at-123456789012"`)
}

func TestResetServiceSpecificCredential(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("ResetServiceSpecificCredential", "UserName", "Bob", "ServiceSpecificCredentialId", serviceCredID), 200, typedFixture(t, "resetservicespecificcredential.xml"))
	s, err := c.ResetServiceSpecificCredential(ctx, "Bob", serviceCredID)
	require.NoError(t, err)
	assert.Equal(t, "+reset+PASSWORD+EXAMPLE+0123456789abcdef=", s.ServicePassword())

	c2, _ := expectForm(t, form("ResetServiceSpecificCredential", "ServiceSpecificCredentialId", serviceCredID), 200, typedFixture(t, "resetservicespecificcredential.xml"))
	_, err = c2.ResetServiceSpecificCredential(ctx, "", serviceCredID)
	require.NoError(t, err)

	_, err = neverCalled(t).ResetServiceSpecificCredential(ctx, "Bob", "short")
	requireValidation(t, err, "ResetServiceSpecificCredential", "ServiceSpecificCredentialId")
}

func TestListServiceSpecificCredentials(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture  string
		services []string
		status   []Status
	}{
		"zero, no IsTruncated (older servers)": {"listservicespecificcredentials-0.xml", []string{}, []Status{}},
		"one":                                  {"listservicespecificcredentials-1.xml", []string{"codecommit.amazonaws.com"}, []Status{StatusActive}},
		"many": {"listservicespecificcredentials-many.xml",
			[]string{"codecommit.amazonaws.com", "cassandra.amazonaws.com", "bedrock.amazonaws.com"},
			[]Status{StatusActive, StatusInactive, StatusExpired}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListServiceSpecificCredentials", "UserName", "Bob"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListServiceSpecificCredentials(ctx, "Bob", nil)
			require.NoError(t, err)
			services, status := []string{}, []Status{}
			for _, m := range out.ServiceSpecificCredentials {
				services = append(services, m.ServiceName)
				status = append(status, m.Status)
				assert.Equal(t, "bob-at-123456789012", m.ServiceUserName)
			}
			assert.Equal(t, tc.services, services)
			assert.Equal(t, tc.status, status)
			assert.False(t, out.IsTruncated)

			c2, _ := expectForm(t, form("ListServiceSpecificCredentials", "ServiceName", "codecommit.amazonaws.com"), 200, typedFixture(t, tc.fixture))
			n := 0
			for _, err := range c2.ListServiceSpecificCredentialsAll(ctx, "", &ListServiceSpecificCredentialsOptions{ServiceName: "codecommit.amazonaws.com"}) {
				require.NoError(t, err)
				n++
			}
			assert.Equal(t, len(tc.services), n)
		})
	}
	t.Run("all users", func(t *testing.T) {
		c, _ := expectForm(t, form("ListServiceSpecificCredentials", "AllUsers", "true", "ServiceName", "bedrock.amazonaws.com", "MaxItems", "5"), 200, typedFixture(t, "listservicespecificcredentials-0.xml"))
		_, err := c.ListServiceSpecificCredentials(ctx, "", &ListServiceSpecificCredentialsOptions{AllUsers: true, ServiceName: "bedrock.amazonaws.com", PageOptions: PageOptions{MaxItems: 5}})
		require.NoError(t, err)
	})
	t.Run("all users with a user name is refused", func(t *testing.T) {
		_, err := neverCalled(t).ListServiceSpecificCredentials(ctx, "Bob", &ListServiceSpecificCredentialsOptions{AllUsers: true})
		requireValidation(t, err, "ListServiceSpecificCredentials", "AllUsers")
	})
}

func TestUpdateDeleteServiceSpecificCredential(t *testing.T) {
	ctx := context.Background()
	c, _ := expectForm(t, form("UpdateServiceSpecificCredential", "UserName", "Bob", "ServiceSpecificCredentialId", serviceCredID, "Status", "Inactive"), 200, emptyResult("UpdateServiceSpecificCredential"))
	require.NoError(t, c.UpdateServiceSpecificCredential(ctx, "Bob", serviceCredID, StatusInactive))
	c2, _ := expectForm(t, form("DeleteServiceSpecificCredential", "ServiceSpecificCredentialId", serviceCredID), 200, emptyResult("DeleteServiceSpecificCredential"))
	require.NoError(t, c2.DeleteServiceSpecificCredential(ctx, "", serviceCredID))

	err := neverCalled(t).UpdateServiceSpecificCredential(ctx, "Bob", serviceCredID, StatusExpired)
	requireValidation(t, err, "UpdateServiceSpecificCredential", "Status")
}

// TestServiceSpecificCredentialsEndToEnd runs the calls against the local
// server.
func TestServiceSpecificCredentialsEndToEnd(t *testing.T) {
	ctx := context.Background()
	c := newLocalClient(t, testTime)
	_, err := c.CreateUser(ctx, "bob", nil)
	require.NoError(t, err)
	cred, err := c.CreateServiceSpecificCredential(ctx, "bob", "codecommit.amazonaws.com", nil)
	require.NoError(t, err)
	assert.NotEmpty(t, cred.ServicePassword())
	assert.NotEmpty(t, cred.ServiceUserName)

	reset, err := c.ResetServiceSpecificCredential(ctx, "bob", cred.ServiceSpecificCredentialID)
	require.NoError(t, err)
	assert.NotEqual(t, cred.ServicePassword(), reset.ServicePassword())

	require.NoError(t, c.UpdateServiceSpecificCredential(ctx, "bob", cred.ServiceSpecificCredentialID, StatusInactive))
	list, err := c.ListServiceSpecificCredentials(ctx, "bob", &ListServiceSpecificCredentialsOptions{ServiceName: "codecommit.amazonaws.com"})
	require.NoError(t, err)
	require.Len(t, list.ServiceSpecificCredentials, 1)
	assert.Equal(t, StatusInactive, list.ServiceSpecificCredentials[0].Status)
	require.NoError(t, c.DeleteServiceSpecificCredential(ctx, "bob", cred.ServiceSpecificCredentialID))
	list, err = c.ListServiceSpecificCredentials(ctx, "bob", nil)
	require.NoError(t, err)
	assert.Empty(t, list.ServiceSpecificCredentials)
}
