package imds

import (
	"strings"
	"testing"
)

// FuzzDecodeCredentials feeds hostile documents to the decoder: it must
// answer with an error, never panic, and a success must be complete.
func FuzzDecodeCredentials(f *testing.F) {
	f.Add(`{"Code":"Success","AccessKeyId":"A","SecretAccessKey":"S","Token":"T","Expiration":"2026-11-29T18:00:00Z"}`)
	f.Add(`{"Code":"Success","AccessKeyId":1}`)
	f.Add(`{"Code":"` + strings.Repeat("x", 100) + `"}`)
	f.Add(`{"Code":"Success","AccessKeyId":"A","SecretAccessKey":"S","Token":"T","Expiration":"0001-01-01T00:00:00Z"}`)
	f.Add(`[]`)
	f.Add(`null`)
	f.Fuzz(func(t *testing.T, doc string) {
		got, err := decodeCredentials([]byte(doc))
		if err != nil {
			return
		}
		if got.AccessKeyID == "" || got.SecretAccessKey == "" || got.Token == "" || got.Expiration.IsZero() {
			t.Fatalf("incomplete credentials accepted: %v", got)
		}
	})
}
