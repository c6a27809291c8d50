package iam

import (
	"testing"

	"github.com/iamkit/iam/internal/query"
)

// Params documents "any integer type"; each must encode as its decimal
// value, not be refused.
func TestParamsEncodeEveryIntegerType(t *testing.T) {
	cases := map[string]any{
		"int": int(7), "int8": int8(7), "int16": int16(7), "int32": int32(7), "int64": int64(7),
		"uint": uint(7), "uint8": uint8(7), "uint16": uint16(7), "uint32": uint32(7), "uint64": uint64(7),
	}
	for name, val := range cases {
		t.Run(name, func(t *testing.T) {
			var v query.Values
			if err := (Params{"MaxItems": val}).encode(&v); err != nil {
				t.Fatalf("encode(%T): %v", val, err)
			}
			if got, _ := v.Get("MaxItems"); got != "7" {
				t.Errorf("MaxItems = %q, want 7", got)
			}
		})
	}
}
