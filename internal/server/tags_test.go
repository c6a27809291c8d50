package server

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func tagParams(n int) params {
	v := url.Values{}
	for i := 1; i <= n; i++ {
		v.Set("Tags.member."+strconv.Itoa(i)+".Key", "Key"+strconv.Itoa(i))
		v.Set("Tags.member."+strconv.Itoa(i)+".Value", "v")
	}
	return params(v)
}

func TestTagsParamLimit(t *testing.T) {
	for name, tc := range map[string]struct {
		n    int
		code string
	}{
		"none":             {n: 0},
		"50":               {n: 50},
		"51":               {n: 51, code: CodeLimitExceeded},
		"several thousand": {n: 5000, code: CodeLimitExceeded},
	} {
		t.Run(name, func(t *testing.T) {
			tags, err := tagsParam(tagParams(tc.n))
			if tc.code == "" {
				require.Nil(t, err)
				assert.Len(t, tags, tc.n)
				return
			}
			require.NotNil(t, err)
			assert.Equal(t, tc.code, err.Code)
		})
	}
}

// The check runs under the state's write lock: a request of thousands of
// tags must be refused after the 51st, not compared pairwise (with
// 10,000 tags that held every other request for seconds).
func TestTagsParamStopsAtLimit(t *testing.T) {
	p := tagParams(5000)
	allocs := testing.AllocsPerRun(1, func() { tagsParam(p) })
	assert.Less(t, allocs, float64(10000), "allocations for a 5000-tag request")
}
