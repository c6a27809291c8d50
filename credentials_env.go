package iam

import (
	"context"
	"errors"
	"os"
)

// EnvCredentials returns a provider that reads the keys from the
// environment: AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY), AWS_SECRET_ACCESS_KEY
// (or AWS_SECRET_KEY) and, when set, AWS_SESSION_TOKEN. The first name of
// each pair wins when both are set. The environment is read at the first
// successful Retrieve and the keys are kept from then on.
func EnvCredentials() CredentialsProvider {
	return newCachedProvider("env", nil, fetchEnv)
}

func fetchEnv(context.Context) (Credentials, error) {
	const (
		akNames = "AWS_ACCESS_KEY_ID (or AWS_ACCESS_KEY)"
		skNames = "AWS_SECRET_ACCESS_KEY (or AWS_SECRET_KEY)"
	)
	ak := firstEnv("AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY")
	sk := firstEnv("AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY")
	switch {
	case ak == "" && sk == "":
		return Credentials{}, errors.New(akNames + " and " + skNames + " are not set")
	case ak == "":
		return Credentials{}, errors.New(akNames + " is not set, though a secret key is")
	case sk == "":
		return Credentials{}, errors.New(skNames + " is not set, though an access key ID is")
	}
	return Credentials{
		AccessKeyID:     ak,
		SecretAccessKey: sk,
		SessionToken:    os.Getenv("AWS_SESSION_TOKEN"),
		Source:          "env",
	}, nil
}

// firstEnv returns the value of the first variable of names that is set
// and not empty.
func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}
