package iam

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clearCredentialEnv unsets every variable the providers read, so the
// machine's own setup cannot leak into a test.
func clearCredentialEnv(t *testing.T) {
	t.Helper()
	for _, name := range []string{
		"AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY",
		"AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
		"AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_DISABLED",
	} {
		t.Setenv(name, "")
	}
}

func TestEnvCredentials(t *testing.T) {
	tests := map[string]struct {
		env     map[string]string
		want    Credentials
		wantErr string
	}{
		"primary names": {
			env:  map[string]string{"AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": credSecret, "AWS_SESSION_TOKEN": credToken},
			want: Credentials{AccessKeyID: "AKID", SecretAccessKey: credSecret, SessionToken: credToken, Source: "env"},
		},
		"alternate names": {
			env:  map[string]string{"AWS_ACCESS_KEY": "AKALT", "AWS_SECRET_KEY": credSecret},
			want: Credentials{AccessKeyID: "AKALT", SecretAccessKey: credSecret, Source: "env"},
		},
		"primary names win": {
			env: map[string]string{
				"AWS_ACCESS_KEY_ID": "AKID", "AWS_ACCESS_KEY": "AKALT",
				"AWS_SECRET_ACCESS_KEY": credSecret, "AWS_SECRET_KEY": "other",
			},
			want: Credentials{AccessKeyID: "AKID", SecretAccessKey: credSecret, Source: "env"},
		},
		"nothing set": {
			wantErr: "iam: env credentials: AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY) and AWS_SECRET_ACCESS_KEY (or AWS_SECRET_KEY) are not set",
		},
		"secret missing": {
			env:     map[string]string{"AWS_ACCESS_KEY_ID": "AKID", "AWS_SESSION_TOKEN": credToken},
			wantErr: "iam: env credentials: AWS_SECRET_ACCESS_KEY (or AWS_SECRET_KEY) is not set, though an access key ID is",
		},
		"access key missing": {
			env:     map[string]string{"AWS_SECRET_ACCESS_KEY": credSecret},
			wantErr: "iam: env credentials: AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY) is not set, though a secret key is",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			got, err := EnvCredentials().Retrieve(context.Background())
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestEnvCredentialsAreKept(t *testing.T) {
	clearCredentialEnv(t)
	p := EnvCredentials()
	_, err := p.Retrieve(context.Background())
	require.Error(t, err, "a failure is not cached")

	t.Setenv("AWS_ACCESS_KEY_ID", "AKID1")
	t.Setenv("AWS_SECRET_ACCESS_KEY", credSecret)
	got, err := p.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "AKID1", got.AccessKeyID)

	t.Setenv("AWS_ACCESS_KEY_ID", "AKID2")
	got, err = p.Retrieve(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "AKID1", got.AccessKeyID, "success is cached")
}
