package policy

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseEvaluate feeds arbitrary bytes through the whole pipeline:
// parse, validate as every kind, marshal and re-parse, compile and
// evaluate. Nothing may panic, and a document that parses must survive its
// own round trip.
func FuzzParseEvaluate(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"Statement":{"Effect":"Deny","Action":"*","Resource":"arn:aws:s3:::${aws:username}/*${*}${?}${$}","Condition":{"ForAllValues:StringNotLikeIfExists":{"k":["*?*",1,true]}}}}`))
	f.Add([]byte(`{"Statement":[{"Effect":"Allow","NotAction":"a:*","NotResource":"arn:*:*:*:*:*","Condition":{"Null":{"x":"true"},"IpAddress":{"aws:SourceIp":"::/0"}}}]}`))
	f.Add([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"NotPrincipal":"*","Action":"sts:*"}]}`))

	reqs := []Request{
		{Action: "iam:CreateUser", Resource: "arn:aws:iam::123456789012:user/alice"},
		{Action: "s3:GetObject", Resource: "arn:aws:s3:::alice/x", Principal: "arn:aws:iam::123456789012:user/alice",
			Context: map[string][]string{"aws:username": {"alice"}, "k": {"a", "b"}, "aws:SourceIp": {"10.0.0.1"},
				"aws:CurrentTime": {"2026-11-29T13:00:00Z"}, "x": {"1"}}},
		{Action: "", Resource: ""},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(data)
		if err != nil {
			return
		}
		for k := KindManaged; k <= KindResource; k++ {
			_ = doc.Validate(k)
		}
		out, err := doc.MarshalJSON()
		if err != nil {
			t.Fatalf("marshal of a parsed document failed: %v", err)
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse failed: %v\n%s", err, out)
		}
		if out2, _ := again.MarshalJSON(); string(out2) != string(out) {
			t.Fatalf("round trip not stable:\n%s\n%s", out, out2)
		}
		p := Compile("fuzz", doc)
		for _, r := range reqs {
			res := Evaluate([]*Policy{p}, r)
			if d := Decide([]*Policy{p}, r); d != res.Decision {
				t.Fatalf("Decide %v != Evaluate %v for %+v", d, res.Decision, r)
			}
		}
	})
}
