package iam

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	credFile = "testdata/credentials/credentials"
	confFile = "testdata/credentials/config"
)

// fixtureFiles locates the test fixtures and a home that holds nothing.
func fixtureFiles(t *testing.T) SharedFiles {
	return SharedFiles{CredentialsFile: credFile, ConfigFile: confFile, HomeDir: t.TempDir()}
}

func TestSharedCredentials(t *testing.T) {
	tests := map[string]struct {
		profile string
		env     map[string]string
		want    Credentials
	}{
		"default": {
			want: Credentials{AccessKeyID: "AKIDDEFAULT", SecretAccessKey: "defaultSecret/Key+1", Source: "shared:default"},
		},
		"whitespace, inline comment and token": {
			profile: "dev",
			want: Credentials{AccessKeyID: "AKIDDEV", SecretAccessKey: "devSecret/Key+2",
				SessionToken: "devSessionToken/3", Source: "shared:dev"},
		},
		"credentials file wins over config": {
			profile: "both",
			want:    Credentials{AccessKeyID: "AKIDBOTHCRED", SecretAccessKey: "bothCredSecret/4", Source: "shared:both"},
		},
		"config only, nested block skipped": {
			profile: "confonly",
			want:    Credentials{AccessKeyID: "AKIDCONF", SecretAccessKey: "confSecret/6", Source: "shared:confonly"},
		},
		"AWS_PROFILE": {
			env:  map[string]string{"AWS_PROFILE": "dev", "AWS_DEFAULT_PROFILE": "both"},
			want: Credentials{AccessKeyID: "AKIDDEV", SecretAccessKey: "devSecret/Key+2", SessionToken: "devSessionToken/3", Source: "shared:dev"},
		},
		"AWS_DEFAULT_PROFILE": {
			env:  map[string]string{"AWS_DEFAULT_PROFILE": "both"},
			want: Credentials{AccessKeyID: "AKIDBOTHCRED", SecretAccessKey: "bothCredSecret/4", Source: "shared:both"},
		},
		"argument wins over AWS_PROFILE": {
			profile: "confonly",
			env:     map[string]string{"AWS_PROFILE": "dev"},
			want:    Credentials{AccessKeyID: "AKIDCONF", SecretAccessKey: "confSecret/6", Source: "shared:confonly"},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			got, err := fixtureFiles(t).Credentials(tt.profile).Retrieve(context.Background())
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestSharedCredentialsFileLocation(t *testing.T) {
	home, err := filepath.Abs("testdata/credentials/home")
	require.NoError(t, err)
	tests := map[string]struct {
		files   SharedFiles
		env     map[string]string
		wantKey string
	}{
		"home dir": {
			files:   SharedFiles{HomeDir: home},
			wantKey: "AKIDHOME",
		},
		"AWS_SHARED_CREDENTIALS_FILE": {
			files:   SharedFiles{HomeDir: home},
			env:     map[string]string{"AWS_SHARED_CREDENTIALS_FILE": credFile},
			wantKey: "AKIDDEFAULT",
		},
		"AWS_SHARED_CREDENTIALS_FILE with ~": {
			files:   SharedFiles{HomeDir: filepath.Dir(home)},
			env:     map[string]string{"AWS_SHARED_CREDENTIALS_FILE": "~/credentials"},
			wantKey: "AKIDDEFAULT",
		},
		"AWS_CONFIG_FILE": {
			files:   SharedFiles{HomeDir: t.TempDir()},
			env:     map[string]string{"AWS_CONFIG_FILE": confFile, "AWS_PROFILE": "confonly"},
			wantKey: "AKIDCONF",
		},
		"field wins over environment": {
			files:   SharedFiles{HomeDir: home, CredentialsFile: filepath.Join(home, ".aws", "credentials")},
			env:     map[string]string{"AWS_SHARED_CREDENTIALS_FILE": credFile},
			wantKey: "AKIDHOME",
		},
		"HOME when no home dir is set": {
			env:     map[string]string{"HOME": home},
			wantKey: "AKIDHOME",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			got, err := tt.files.Credentials("").Retrieve(context.Background())
			require.NoError(t, err)
			assert.Equal(t, tt.wantKey, got.AccessKeyID)
		})
	}
}

func TestSharedCredentialsErrors(t *testing.T) {
	empty := t.TempDir()
	tests := map[string]struct {
		files   SharedFiles
		profile string
		want    string
	}{
		"missing profile names it and the files": {
			files:   SharedFiles{CredentialsFile: credFile, ConfigFile: confFile},
			profile: "nosuch",
			want:    `iam: shared files credentials: profile "nosuch" not found in ` + credFile + ` or ` + confFile,
		},
		"missing files are named as such": {
			files: SharedFiles{HomeDir: empty},
			want: `iam: shared files credentials: profile "default" not found in ` +
				filepath.Join(empty, ".aws", "credentials") + ` (no such file) or ` +
				filepath.Join(empty, ".aws", "config") + ` (no such file)`,
		},
		"config sections need the profile prefix": {
			files:   SharedFiles{CredentialsFile: credFile, ConfigFile: confFile},
			profile: "notprofile",
			want:    `iam: shared files credentials: profile "notprofile" not found in ` + credFile + ` or ` + confFile,
		},
		"access key without secret": {
			files:   SharedFiles{CredentialsFile: credFile, ConfigFile: confFile},
			profile: "half",
			want:    `iam: shared files credentials: profile "half" in ` + credFile + ` has aws_access_key_id but no aws_secret_access_key`,
		},
		"role profile is not supported": {
			files:   SharedFiles{CredentialsFile: credFile, ConfigFile: confFile},
			profile: "role",
			want:    `iam: shared files credentials: profile "role" in ` + confFile + ` has no aws_access_key_id (role_arn, sso and credential_process profiles are not supported)`,
		},
		"malformed line is located, not quoted": {
			files: SharedFiles{CredentialsFile: "testdata/credentials/malformed_credentials", ConfigFile: confFile},
			want:  `iam: shared files credentials: testdata/credentials/malformed_credentials line 3: want [section], key = value, or a comment`,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			_, err := tt.files.Credentials(tt.profile).Retrieve(context.Background())
			require.EqualError(t, err, tt.want)
			assert.NotContains(t, err.Error(), "Secret/")
		})
	}
}

func TestLoadSharedConfig(t *testing.T) {
	tests := map[string]struct {
		profile string
		env     map[string]string
		want    SharedConfig
		wantErr string
	}{
		"default": {
			want: SharedConfig{Profile: "default", Region: "us-east-1"},
		},
		"region and endpoint": {
			profile: "both",
			want:    SharedConfig{Profile: "both", Region: "eu-west-1", EndpointURL: "http://localhost:4566"},
		},
		"inline comment after nested block": {
			env:  map[string]string{"AWS_PROFILE": "confonly"},
			want: SharedConfig{Profile: "confonly", Region: "ap-south-1"},
		},
		"profile only in credentials file": {
			profile: "dev",
			want:    SharedConfig{Profile: "dev"},
		},
		"named profile must exist": {
			profile: "nosuch",
			wantErr: `iam: shared config: profile "nosuch" not found in ` + credFile + ` or ` + confFile,
		},
		"malformed file": {
			env:     map[string]string{"AWS_SHARED_CREDENTIALS_FILE": "testdata/credentials/malformed_credentials"},
			wantErr: `iam: shared config: testdata/credentials/malformed_credentials line 3: want [section], key = value, or a comment`,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			clearCredentialEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			files := fixtureFiles(t)
			if tt.env["AWS_SHARED_CREDENTIALS_FILE"] != "" {
				files.CredentialsFile = "" // let the variable choose
			}
			got, err := files.LoadConfig(tt.profile)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestLoadSharedConfigImplicitDefaultMayBeMissing(t *testing.T) {
	clearCredentialEnv(t)
	t.Setenv("HOME", t.TempDir())
	got, err := LoadSharedConfig("")
	require.NoError(t, err)
	assert.Equal(t, SharedConfig{Profile: "default"}, got)
}

func TestParseINI(t *testing.T) {
	tests := map[string]struct {
		in      string
		want    iniFile
		wantErr string
	}{
		"sections, comments, spacing": {
			in: "\uFEFF# c\n; c\n[a]\nk=v\n  K2 =  v 2  \n[ profile   b ]\r\nx = y ; note\r\nz = a#b\n",
			want: iniFile{
				"a":         {"k": "v", "k2": "v 2"},
				"profile b": {"x": "y", "z": "a#b"},
			},
		},
		"duplicate section merges, later wins": {
			in:   "[a]\nk = 1\nj = 2\n[a]\nk = 3\n",
			want: iniFile{"a": {"k": "3", "j": "2"}},
		},
		"nested block": {
			in:   "[a]\ns3 =\n  k = nested\n\tj = nested\nk = top\n",
			want: iniFile{"a": {"s3": "", "k": "top"}},
		},
		"empty file": {in: "", want: iniFile{}},
		"unclosed header": {
			in:      "[a\n",
			wantErr: "f line 1: section header has no closing ]",
		},
		"text after header": {
			in:      "[a] junk\n",
			wantErr: "f line 1: text after a section header's closing ]",
		},
		"empty header": {
			in:      "[ ]\n",
			wantErr: "f line 1: section header has an empty name",
		},
		"key before section": {
			in:      "k = v\n",
			wantErr: "f line 1: key = value line comes before any [section]",
		},
		"empty key": {
			in:      "[a]\n = " + credSecret + "\n",
			wantErr: "f line 2: key = value line has an empty key",
		},
		"no equals sign": {
			in:      "[a]\n\n" + credSecret + "\n",
			wantErr: "f line 3: want [section], key = value, or a comment",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := parseINI("f", tt.in)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func FuzzParseINI(f *testing.F) {
	for _, name := range []string{credFile, confFile, "testdata/credentials/malformed_credentials"} {
		data, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, in string) {
		const secret = "zzSECRETzz"
		_, err := parseINI("f", in+"\n"+secret+"\n")
		if err != nil && strings.Contains(err.Error(), secret) {
			t.Fatalf("error quotes the input: %v", err)
		}
	})
}
