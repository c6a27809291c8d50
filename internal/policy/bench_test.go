package policy

import "testing"

// benchPolicies is a user's typical load: a group policy, a managed policy
// with conditions and variables, and a Deny guard.
func benchPolicies(b *testing.B) []*Policy {
	return []*Policy{
		loadFixture(b, "simpledb-group.json"),
		loadFixture(b, "s3-bucket-prefix.json"),
		loadFixture(b, "self-manage-credentials.json"),
		loadFixture(b, "deny-outside-ip.json"),
		loadFixture(b, "admin-except-iam.json"),
	}
}

var benchReq = Request{
	Action:   "iam:CreateAccessKey",
	Resource: "arn:aws:iam::123456789012:user/alice",
	Context: map[string][]string{
		"aws:username":               {"alice"},
		"aws:SourceIp":               {"192.0.2.10"},
		"aws:MultiFactorAuthPresent": {"true"},
		"aws:ViaAWSService":          {"false"},
		"aws:CurrentTime":            {"2026-11-29T13:00:00Z"},
	},
}

func BenchmarkDecide(b *testing.B) {
	ps := benchPolicies(b)
	b.ReportAllocs()
	for b.Loop() {
		if Decide(ps, benchReq) != Allowed {
			b.Fatal("expected Allowed")
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	ps := benchPolicies(b)
	b.ReportAllocs()
	for b.Loop() {
		if Evaluate(ps, benchReq).Decision != Allowed {
			b.Fatal("expected Allowed")
		}
	}
}

func BenchmarkParseCompile(b *testing.B) {
	data := []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateAccessKey","iam:ListAccessKeys"],
		"Resource":"arn:aws:iam::*:user/${aws:username}","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`)
	b.ReportAllocs()
	for b.Loop() {
		doc, err := Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		_ = Compile("p", doc)
	}
}
