package server

import (
	"net/url"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// simulateForm is a SimulateCustomPolicy request for n actions on n
// resources: n*n (action, resource) pairs.
func simulateForm(n int, marker string) string {
	v := url.Values{"Action": {"SimulateCustomPolicy"}, "Version": {APIVersion},
		"PolicyInputList.member.1": {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`}}
	for i := 1; i <= n; i++ {
		v.Set("ActionNames.member."+strconv.Itoa(i), "s3:Act"+strconv.Itoa(i))
		v.Set("ResourceArns.member."+strconv.Itoa(i), "arn:aws:s3:::b/"+strconv.Itoa(i))
	}
	v.Set("ActionNames.member.1", "s3:GetObject")
	if marker != "" {
		v.Set("Marker", marker)
	}
	return v.Encode()
}

// A request naming thousands of actions and resources costs one page of
// evaluations, not memory for every pair: a few kilobytes of request
// must not make the server allocate hundreds of megabytes.
func TestSimulateManyPairsBoundedMemory(t *testing.T) {
	e := newEnv(t)
	const n = 2000 // 4,000,000 pairs
	body := simulateForm(n, "")
	require.Less(t, len(body), maxBody)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rec := e.direct(body)
	runtime.ReadMemStats(&after)
	require.Equal(t, 200, rec.Code, "%s", rec.Body)
	allocated := after.TotalAlloc - before.TotalAlloc
	assert.Less(t, allocated, uint64(64<<20), "allocated %d bytes for one page", allocated)

	b := rec.Body.Bytes()
	assert.Len(t, values(t, b, "EvalActionName"), 100)
	assert.Equal(t, "true", value(t, b, "IsTruncated"))
	// Pairs run action by action: the first page is s3:GetObject on
	// resources 1..100, all allowed.
	for _, d := range values(t, b, "EvalDecision") {
		assert.Equal(t, "allowed", d)
	}
	assert.Equal(t, "arn:aws:s3:::b/100", values(t, b, "EvalResourceName")[99])

	next := e.direct(simulateForm(n, value(t, b, "Marker"))).Body.Bytes()
	assert.Equal(t, "arn:aws:s3:::b/101", values(t, next, "EvalResourceName")[0])

	// The last page holds the last pair alone.
	last := e.direct(simulateForm(n, encodeMarker(strconv.Itoa(n*n-1)))).Body.Bytes()
	assert.Equal(t, []string{"s3:Act2000"}, values(t, last, "EvalActionName"))
	assert.Equal(t, []string{"arn:aws:s3:::b/2000"}, values(t, last, "EvalResourceName"))
	assert.Equal(t, []string{"implicitDeny"}, values(t, last, "EvalDecision"))
	assert.Equal(t, "false", value(t, last, "IsTruncated"))
}
