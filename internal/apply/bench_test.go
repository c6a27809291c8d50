package apply

import "testing"

func BenchmarkSameMeaning(b *testing.B) {
	x := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}}]}`
	y := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b"],"Condition":{"IpAddress":{"aws:SourceIp":["192.168.0.0/16","10.0.0.0/8"]}}}}`
	b.ReportAllocs()
	for b.Loop() {
		if !sameMeaning(x, y) {
			b.Fatal("documents differ")
		}
	}
}

func BenchmarkParseSpec(b *testing.B) {
	data := []byte(`users:
  - name: alice
    groups: [Admins]
    access_keys: 1
groups:
  - name: Admins
    policies:
      - name: AllowIAM
        document: {Version: 2012-10-17, Statement: [{Effect: Allow, Action: "iam:*", Resource: "*"}]}
`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}
