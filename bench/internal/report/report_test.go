package report

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rowsByName(rows []Row) map[string]Row {
	m := make(map[string]Row)
	for _, r := range rows {
		m[r.Figure+"/"+r.Measure] = r
	}
	return m
}

func TestRows(t *testing.T) {
	f, err := os.Open("testdata/results.txt")
	require.NoError(t, err)
	defer f.Close()
	res, err := Parse(f)
	require.NoError(t, err)

	m, n, ok := res.Median(SignIamkit + nsOp)
	require.True(t, ok)
	assert.Equal(t, 3, n)
	assert.InDelta(t, 1100, m, 1e-9)

	rows := rowsByName(res.Rows())
	tests := map[string]struct{ ratio, verdict string }{
		"sign/time":                 {"0.183", "PASS"},
		"sign/allocs":               {"0.0476", "PASS"},
		"parse/time (tree)":         {"0.1", "PASS"},
		"parse/allocs (tree)":       {"0.000382", "PASS"},
		"parse/time (typed []User)": {"n/a", "not measured"},
		"call-1/time":               {"2", "MISS (1.33× the target)"},
		"call-1000/time":            {"n/a", "not measured"},
		"walk/peak RSS":             {"0.667", "MISS (1.11× the target)"},
		"walk/bytes allocated":      {"0.1", "PASS"},
		"size/stripped binary (growth over floor)": {"0.1", "PASS"},
		// build: awssdk median is 70, growth 50; iamkit growth 10.
		"build/cold build, wall (growth over floor)":         {"0.2", "info"},
		"build/cold build, CPU user+sys (growth over floor)": {"0.1", "PASS"},
		"deps/go list -deps (non-std)":                       {"—", "PASS"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r, ok := rows[name]
			require.True(t, ok, "no row %q", name)
			assert.Equal(t, tc.ratio, r.Ratio)
			assert.Equal(t, tc.verdict, r.Verdict)
		})
	}
	assert.Equal(t, "github.com/aws/smithy-go, golang.org/x/net/html", rows["deps/go list -deps (non-std)"].Iamkit)
	assert.Contains(t, rows["server/8 callers, CreateUser/GetUser/ListUsers via iamtest"].Iamkit, "9674 req/s")

	var b strings.Builder
	Write(&b, res.Rows())
	assert.Equal(t, len(res.Rows())+2, strings.Count(b.String(), "\n"))
}

func TestGrowthWithoutReferenceGrowth(t *testing.T) {
	res, err := Parse(strings.NewReader("build floor 30\nbuild iamkit 31\nbuild awssdk 29\n"))
	require.NoError(t, err)
	r := res.growthRow("build", "cold build, wall", "build", fmtSeconds, 0)
	assert.Equal(t, "n/a", r.Ratio)
	assert.Contains(t, r.Verdict, "did not grow")
}

func TestDepsOutsideTheAllowedSet(t *testing.T) {
	res, err := Parse(strings.NewReader("deps github.com/aws/smithy-go github.com/aws/aws-sdk-go-v2/aws\n"))
	require.NoError(t, err)
	r := res.depsRow()
	assert.Equal(t, "MISS: github.com/aws/aws-sdk-go-v2/aws", r.Verdict)
}

func TestParseRefusesMalformedLines(t *testing.T) {
	for name, in := range map[string]string{
		"benchmark value": "BenchmarkX-2 10 abc ns/op\n",
		"benchmark arity": "BenchmarkX-2 10 5\n",
		"walk pair":       "walk iamkit maxrss\n",
		"walk number":     "walk iamkit maxrss_kib=lots\n",
		"size arity":      "size iamkit\n",
		"build number":    "build iamkit fast\n",
		"walk no variant": "walk\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(in))
			assert.Error(t, err)
		})
	}
}
