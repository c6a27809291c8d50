package iam

import (
	"strings"
	"testing"

	"github.com/iamkit/iam/internal/query"
)

func TestRedactEverySecretName(t *testing.T) {
	for _, name := range secretNames {
		t.Run(name, func(t *testing.T) {
			const secret = "s3cr3t-VALUE"
			body := "<R><" + name + ">" + secret + "</" + name + "><UserName>bob</UserName><" + name + ">" + secret + "2</" + name + "></R>"
			got := string(redactBody([]byte(body)))
			if strings.Contains(got, secret) || !strings.Contains(got, "<UserName>bob</UserName>") {
				t.Errorf("redactBody(%q) = %q", body, got)
			}
			params := query.Values{{Key: name, Value: secret}, {Key: "X.member.1." + name, Value: secret}, {Key: "UserName", Value: "bob"}}
			if p := redactedParams(params); strings.Contains(p, secret) || !strings.Contains(p, "UserName=bob") {
				t.Errorf("redactedParams = %q", p)
			}
		})
	}
}

func TestRedactUnterminatedElement(t *testing.T) {
	got := string(redactBody([]byte("<R><SecretAccessKey>abcdef")))
	if strings.Contains(got, "abcdef") {
		t.Errorf("got %q", got)
	}
}

func TestRedactKeepsNonSecrets(t *testing.T) {
	if isSecretName("Tags.member.1.Value") || isSecretName("PasswordReusePrevention") {
		t.Error("a non-secret parameter was taken for a secret")
	}
}
