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

// The decoder reads elements by local name, so a secret element with a
// namespace prefix, attributes or space inside the tag is still a secret
// and must be redacted too.
func TestRedactTagVariants(t *testing.T) {
	const secret = "s3cr3t-VALUE"
	bodies := map[string]string{
		"attribute":      `<R><SecretAccessKey xmlns="urn:x">` + secret + `</SecretAccessKey><UserName>bob</UserName></R>`,
		"prefix":         `<R xmlns:a="urn:x"><a:SecretAccessKey>` + secret + `</a:SecretAccessKey><UserName>bob</UserName></R>`,
		"space":          "<R><ServicePassword >" + secret + "</ServicePassword ><UserName>bob</UserName></R>",
		"newline":        "<R><PrivateKey\n>" + secret + "</PrivateKey><UserName>bob</UserName></R>",
		"quoted >":       `<R><Password a="x>y">` + secret + `</Password><UserName>bob</UserName></R>`,
		"cut in the tag": `<R><UserName>bob</UserName><SecretAccessKey a="` + secret,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			got := string(redactBody([]byte(body)))
			if strings.Contains(got, secret) || !strings.Contains(got, "<UserName>bob</UserName>") {
				t.Errorf("redactBody(%q) = %q", body, got)
			}
		})
	}
}

func TestRedactLeavesOtherTagsAlone(t *testing.T) {
	body := `<?xml version="1.0"?><R><!-- c --><SecretAccessKey/><SecretAccessKeyId>AKID</SecretAccessKeyId><X>1</X><SecretAccessKey>s</SecretAccessKey>tail</R>`
	want := `<?xml version="1.0"?><R><!-- c --><SecretAccessKey/><SecretAccessKeyId>AKID</SecretAccessKeyId><X>1</X><SecretAccessKey>` + redacted + `</SecretAccessKey>tail</R>`
	if got := string(redactBody([]byte(body))); got != want {
		t.Errorf("redactBody = %q, want %q", got, want)
	}
}

// FuzzRedactBody: any body, however broken, is redacted without a panic,
// and redacting twice changes nothing more than redacting once.
func FuzzRedactBody(f *testing.F) {
	f.Add([]byte(`<R><SecretAccessKey>s</SecretAccessKey><X/></R>`))
	f.Add([]byte(`<a:Password b='>'>s</a:Password>`))
	f.Add([]byte(`<PrivateKey`))
	f.Add([]byte(`</SecretAccessKey><SecretAccessKey/>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		once := redactBody(body)
		if twice := redactBody(once); string(twice) != string(once) {
			t.Errorf("redactBody not stable:\n once %q\ntwice %q", once, twice)
		}
	})
}

func TestSnapshotRedactsFormEcho(t *testing.T) {
	body := []byte("bad request: Action=CreateLoginProfile&Password=hunter2-secret&UserName=bob")
	got := string(snapshot(body))
	if strings.Contains(got, "hunter2-secret") || !strings.Contains(got, "UserName=bob") || !strings.Contains(got, "Password="+redacted) {
		t.Errorf("snapshot = %q", got)
	}
	xml := []byte("<E><SecretAccessKey>abc123secret</SecretAccessKey></E>")
	if got := string(snapshot(xml)); strings.Contains(got, "abc123secret") {
		t.Errorf("snapshot = %q", got)
	}
}
