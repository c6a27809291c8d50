package iam

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// SharedFiles locates the shared credentials and config files that the AWS
// CLI and SDKs write under ~/.aws. The zero value finds them the usual way;
// set a field to override one step, as tests do.
type SharedFiles struct {
	// CredentialsFile is the credentials file; empty means
	// $AWS_SHARED_CREDENTIALS_FILE, then HomeDir/.aws/credentials.
	CredentialsFile string
	// ConfigFile is the config file; empty means $AWS_CONFIG_FILE, then
	// HomeDir/.aws/config.
	ConfigFile string
	// HomeDir replaces the user's home directory, which also expands a
	// leading "~/" in the paths; empty means os.UserHomeDir.
	HomeDir string
}

// SharedConfig is what LoadSharedConfig reads from a config file profile.
type SharedConfig struct {
	// Profile is the profile that was read, after AWS_PROFILE and
	// AWS_DEFAULT_PROFILE were consulted.
	Profile string
	// Region is the profile's region key.
	Region string
	// EndpointURL is the profile's endpoint_url key.
	EndpointURL string
}

// SharedCredentials returns a provider that reads static keys from the
// shared files: aws_access_key_id, aws_secret_access_key and
// aws_session_token, from section [profile] of the credentials file or,
// failing that, from [profile name] (or [default]) of the config file.
// An empty profile means $AWS_PROFILE, then $AWS_DEFAULT_PROFILE, then
// "default". The files are read at the first successful Retrieve and the
// keys kept. Profiles that assume roles, use SSO or run a
// credential_process are not supported and fail with an error saying so.
func SharedCredentials(profile string) CredentialsProvider {
	return SharedFiles{}.Credentials(profile)
}

// Credentials is SharedCredentials reading the files f locates.
func (f SharedFiles) Credentials(profile string) CredentialsProvider {
	return newCachedProvider("shared files", nil, func(context.Context) (Credentials, error) {
		return f.retrieve(profile)
	})
}

// LoadSharedConfig reads region and endpoint_url of a profile from the
// config file; profile is resolved as SharedCredentials does. A profile
// that was asked for, by argument or environment, must exist in one of
// the two files; the implicit "default" may be missing and yields an
// empty SharedConfig.
func LoadSharedConfig(profile string) (SharedConfig, error) {
	return SharedFiles{}.LoadConfig(profile)
}

// LoadConfig is LoadSharedConfig reading the files f locates.
func (f SharedFiles) LoadConfig(profile string) (SharedConfig, error) {
	name, explicit := resolveProfile(profile)
	out := SharedConfig{Profile: name}
	fs, err := f.load()
	if err != nil {
		return out, fmt.Errorf("iam: shared config: %w", err)
	}
	conf := fs.config.profile(name)
	if conf == nil && fs.creds.section(name) == nil {
		if !explicit {
			return out, nil
		}
		return out, fmt.Errorf("iam: shared config: %w", fs.notFound(name))
	}
	out.Region = conf["region"]
	out.EndpointURL = conf["endpoint_url"]
	return out, nil
}

func (f SharedFiles) retrieve(profile string) (Credentials, error) {
	name, _ := resolveProfile(profile)
	fs, err := f.load()
	if err != nil {
		return Credentials{}, err
	}
	var found []string // files that hold the profile without keys
	for _, src := range []struct {
		path    string
		section map[string]string
	}{
		{fs.creds.path, fs.creds.section(name)},
		{fs.config.path, fs.config.profile(name)},
	} {
		if src.section == nil {
			continue
		}
		ak, sk := src.section["aws_access_key_id"], src.section["aws_secret_access_key"]
		switch {
		case ak == "" && sk == "":
			found = append(found, src.path)
			continue
		case ak == "":
			return Credentials{}, fmt.Errorf("profile %q in %s has aws_secret_access_key but no aws_access_key_id", name, src.path)
		case sk == "":
			return Credentials{}, fmt.Errorf("profile %q in %s has aws_access_key_id but no aws_secret_access_key", name, src.path)
		}
		return Credentials{
			AccessKeyID:     ak,
			SecretAccessKey: sk,
			SessionToken:    src.section["aws_session_token"],
			Source:          "shared:" + name,
		}, nil
	}
	if len(found) > 0 {
		return Credentials{}, fmt.Errorf("profile %q in %s has no aws_access_key_id (role_arn, sso and credential_process profiles are not supported)",
			name, strings.Join(found, " and "))
	}
	return Credentials{}, fs.notFound(name)
}

// resolveProfile picks the profile name; explicit is false only for the
// fallback "default".
func resolveProfile(profile string) (name string, explicit bool) {
	if profile != "" {
		return profile, true
	}
	if p := firstEnv("AWS_PROFILE", "AWS_DEFAULT_PROFILE"); p != "" {
		return p, true
	}
	return "default", false
}

// sharedFile is one loaded shared file.
type sharedFile struct {
	path   string
	exists bool
	ini    iniFile
}

// section returns a credentials file section: [name].
func (s sharedFile) section(name string) map[string]string { return s.ini[name] }

// profile returns a config file section: [profile name], and [default]
// (or [profile default]) for the default profile.
func (s sharedFile) profile(name string) map[string]string {
	if name == "default" {
		if sec := s.ini["default"]; sec != nil {
			return sec
		}
	}
	return s.ini["profile "+name]
}

type sharedFileSet struct{ creds, config sharedFile }

func (fs sharedFileSet) notFound(name string) error {
	note := func(s sharedFile) string {
		if !s.exists {
			return s.path + " (no such file)"
		}
		return s.path
	}
	return fmt.Errorf("profile %q not found in %s or %s", name, note(fs.creds), note(fs.config))
}

func (f SharedFiles) load() (sharedFileSet, error) {
	credPath, err := f.path(f.CredentialsFile, "AWS_SHARED_CREDENTIALS_FILE", "credentials")
	if err != nil {
		return sharedFileSet{}, err
	}
	confPath, err := f.path(f.ConfigFile, "AWS_CONFIG_FILE", "config")
	if err != nil {
		return sharedFileSet{}, err
	}
	var out sharedFileSet
	for _, s := range []struct {
		dst  *sharedFile
		path string
	}{{&out.creds, credPath}, {&out.config, confPath}} {
		ini, exists, err := loadINI(s.path)
		if err != nil {
			return sharedFileSet{}, err
		}
		*s.dst = sharedFile{path: s.path, exists: exists, ini: ini}
	}
	return out, nil
}

// path resolves one file: the explicit field, the environment variable,
// then the file under ~/.aws.
func (f SharedFiles) path(explicit, envVar, base string) (string, error) {
	p := explicit
	if p == "" {
		p = os.Getenv(envVar)
	}
	if p != "" && p != "~" && !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	home, err := f.home()
	if err != nil {
		return "", fmt.Errorf("cannot find the %s file: %w; set %s", base, err, envVar)
	}
	if p == "" {
		return filepath.Join(home, ".aws", base), nil
	}
	return filepath.Join(home, strings.TrimPrefix(p[1:], "/")), nil
}

func (f SharedFiles) home() (string, error) {
	if f.HomeDir != "" {
		return f.HomeDir, nil
	}
	home, err := os.UserHomeDir()
	if err == nil && home == "" {
		err = errors.New("home directory is empty")
	}
	return home, err
}
